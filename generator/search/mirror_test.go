package search_test

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
	"herald/generator/search"
)

// harness loads the search page's tokenizer, compaction, phrase finder
// and fold table reader from static/js/search.js into Node.js, reads the
// fold file (gzip-compressed, as the index holds it) with the last, and
// answers, for each input line of JSON [text, phrase], with [queryTokens(text), compact(text).text,
// find(compact(text).text, compact(phrase).text, 0) >= 0].
const harness = `
const src = require("fs").readFileSync(process.argv[2], "utf8");
const grab = (re) => { const m = src.match(re); if (!m) throw new Error("not found: " + re); return m[0]; };
const fn = (name) => {
	const i = src.indexOf("  function " + name + "(");
	if (i < 0) throw new Error("no function " + name);
	let d = 0;
	for (let k = src.indexOf("{", i); k < src.length; k++) {
		if (src[k] === "{") d++;
		if (src[k] === "}" && --d === 0) return src.slice(i, k + 1);
	}
};
const code = [grab(/var IDEO = .*;/), grab(/var WORD = .*;/), grab(/var fold = .*;/)].concat(["norm", "cls", "isSpace", "queryTokens", "compact", "find", "uvarint", "readFold"].map(fn)).join("\n");
const f = new Function(code + "; return { queryTokens, compact, find, setFold: (b) => { fold = readFold(b); } };")();
f.setFold(new Uint8Array(require("zlib").gunzipSync(require("fs").readFileSync(process.argv[3]))));
const out = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => {
	const [text, phrase] = JSON.parse(l);
	const c = f.compact(text).text;
	return [f.queryTokens(text), c, f.find(c, f.compact(phrase).text, 0) >= 0];
});
process.stdout.write(JSON.stringify(out));
`

// TestMirror checks that the search page's JavaScript cuts queries,
// compacts text and finds phrases as the Go code does, which ranks results
// for the tests and whose tokens the index holds: on tricky strings, and
// on random ones over an alphabet of the cases that differ (a review found
// "constructor" lost, and U+FEFF and U+0085 taken apart).
func TestMirror(t *testing.T) {
	node := testsite.RequireTool(t, "Node.js", "node", "nodejs")
	script := filepath.Join(testsite.Root(t), "static", "js", "search.js")
	cases := [][2]string{
		{"黨建引領發展", "發展"}, {"党建引领发展", "發展"}, {"頭髮與發展", "头发"}, {"乾坤 乾隆", "干"}, {"蘇州ＡＩ", "苏州ai"},
		{"退役军人", "军人"}, {"５Ｇ网络", "5g网"}, {"援助 11 位", "11位"}, {"议题 113 个", "11"},
		{"12267 人次", "267人次"}, {"constructor", "constructor"}, {"__proto__ toString", "tostring"},
		{"a\ufeffb", "ab"}, {"a\u0085b", "a b"}, {"𠮷利民 AI和5G", "ai"}, {"Open　Source", "open source"},
		{"", "a"}, {"，。！", "，"}, {"ひらがなカタカナ한국어", "카타"}, {"Ünïcödé straße", "straße"},
	}
	alphabet := []rune("aZ09５Ｇ 　\t\n\u0085\ufeff\u00a0，。-_退役军人軍發发髮乾干𠮷𝐀𝟏ー〇かカ한é")
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var text, phrase []rune
		for range rnd.IntN(12) {
			text = append(text, alphabet[rnd.IntN(len(alphabet))])
		}
		if len(text) > 0 {
			i := rnd.IntN(len(text))
			phrase = text[i : i+rnd.IntN(len(text)-i+1)]
		}
		cases = append(cases, [2]string{string(text), string(phrase)})
	}
	var in strings.Builder
	for _, c := range cases {
		b, _ := json.Marshal(c)
		in.Write(b)
		in.WriteByte('\n')
	}
	// The script is read here, not by Node.js, so that go test's cache
	// knows the test read it.
	page, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f, copied, foldFile := filepath.Join(dir, "harness.js"), filepath.Join(dir, "search.js"), filepath.Join(dir, "fold.bin")
	_, fold := search.FoldFile()
	if err := os.WriteFile(foldFile, fold, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, page, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, f, copied, foldFile)
	cmd.Stdin = strings.NewReader(in.String())
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	type answer struct {
		Tokens  []string
		Compact string
		Found   bool
	}
	var got []answer
	var raw [][]json.RawMessage
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatal(err)
	}
	for _, r := range raw {
		var g answer
		if json.Unmarshal(r[0], &g.Tokens) != nil || json.Unmarshal(r[1], &g.Compact) != nil || json.Unmarshal(r[2], &g.Found) != nil {
			t.Fatalf("node's answer: %s", r)
		}
		got = append(got, g)
	}
	if len(got) != len(cases) {
		t.Fatalf("node answered %d cases of %d", len(got), len(cases))
	}
	fails := 0
	for i, c := range cases {
		tokens, compact, found := search.QueryTokens(c[0]), search.Compact(c[0]), search.Holds(search.Compact(c[0]), search.Compact(c[1]))
		g := got[i]
		if !slices.Equal(g.Tokens, tokens) && !(len(g.Tokens) == 0 && len(tokens) == 0) || g.Compact != compact || g.Found != found {
			t.Errorf("%+q, phrase %+q:\n JS tokens %+q, compact %+q, found %v\n Go tokens %+q, compact %+q, found %v", c[0], c[1], g.Tokens, g.Compact, g.Found, tokens, compact, found)
			if fails++; fails == 10 {
				t.FailNow()
			}
		}
	}
}

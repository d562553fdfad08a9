package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"５Ｇ网络", "5g网络"},
		{"ＡＢＣ　ｄｅｆ", "abc def"},
		{"党史学习教育", "党史学习教育"},
		{"Open Source，开源！", "open source,开源!"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"退役军人", []string{"退", "退役", "役", "役军", "军", "军人", "人"}},
		{"5G网络", []string{"5g", "网", "网络", "5g网", "络"}},
		// A word and the Chinese character next to it, spaced or not, are
		// a token too (a trial: "11位" found every story with "11" and
		// "位" anywhere, the phrase far down the list).
		{"援助 11 位", []string{"援", "援助", "助", "11", "位", "11位"}},
		{"11，位", []string{"11", "位"}},
		{"a位b", []string{"a", "位", "a位", "b"}},
		{"“以老带新”", []string{"以", "以老", "老", "老带", "带", "带新", "新"}},
		{"Open-Source 2021", []string{"open", "source", "2021"}},
		{"ＡＩ赋能", []string{"ai", "赋", "赋能", "ai赋", "能"}},
		// Traditional characters are indexed as simplified ones.
		{"黨建 11 個", []string{"党", "党建", "建", "11", "个", "11个"}},
	}
	for _, tt := range tests {
		var got []string
		Tokens(tt.in, func(s string) { got = append(got, s) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"退役军人", []string{"退役", "役军", "军人"}},
		{"党", []string{"党"}},
		{"5G", []string{"5g"}},
		{"５Ｇ网络", []string{"5g", "网络", "5g网"}},
		{"营商 环境", []string{"营商", "环境"}},
		{"援助11位", []string{"援助", "11", "位", "11位"}},
		{"援助 11 位", []string{"援助", "11", "位"}}, // spaced: three terms
		{"267人次", []string{"267", "人次", "267人"}},
		{"人人人", []string{"人人"}},
		{"發展", []string{"发展"}},
		{"5G網絡", []string{"5g", "网络", "5g网"}},
		{"  ，。 ", nil},
	}
	for _, tt := range tests {
		if got := QueryTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("QueryTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestQueryTokensAreDocumentTokens checks the property recall rests on:
// every token of any substring of a text is a token of the text.
func TestQueryTokensAreDocumentTokens(t *testing.T) {
	text := "4月16日上午，麓谷街道一处老小区的三楼，退役军人谭建军接过援助金 6.3 万元。５Ｇ基站“党建+”！Open Source 2021年援助 11 位"
	have := map[string]bool{}
	Tokens(text, func(s string) { have[s] = true })
	r := []rune(text)
	for i := range r {
		for j := i + 1; j <= len(r) && j <= i+8; j++ {
			for _, tok := range QueryTokens(string(r[i:j])) {
				// A word cut in the middle is not a word of the text.
				tr := []rune(tok)
				if classOf(normRune(tr[0])) == word && i > 0 && classOf(normRune(r[i-1])) == word ||
					classOf(normRune(tr[len(tr)-1])) == word && j < len(r) && classOf(normRune(r[j])) == word {
					continue
				}
				if !have[tok] {
					t.Errorf("query %q: token %q is not a token of the text", string(r[i:j]), tok)
				}
			}
		}
	}
}

func TestHolds(t *testing.T) {
	tests := []struct {
		hay, want string
		holds     bool
	}{
		{"援助 11 位老兵", "11位", true},
		{"援助 11 位老兵", "援助11位", true},
		{"共计 12267 人次", "267人次", false},
		{"共计 12267 人次，又 267 人次", "267人次", true},
		{"议题 113 个", "11", false},
		{"议题 113 个", "113个", true},
		{"said Shanghai", "ai", false},
		{"AI 赋能", "ai", true},
		{"党建引领", "建引", true},
		{"5G网络", "5g网", true},
		{"G5G", "5g", false},
		{"", "a", false},
		{"a", "", false},
		{"加快发展", "發展", true}, // the two sides are folded alike
		{"加快發展", "发展", true},
		{"理髮", "理发", true},
	}
	for _, tt := range tests {
		if got := Holds(Compact(tt.hay), Compact(tt.want)); got != tt.holds {
			t.Errorf("Holds(%q, %q) = %v, want %v", tt.hay, tt.want, got, tt.holds)
		}
	}
}

func TestCompact(t *testing.T) {
	if got := Compact("援助 11 位退役军人，Ｏｐｅｎ　Ｓｏｕｒｃｅ"); got != "援助11位退役军人,open source" {
		t.Errorf("Compact = %q", got)
	}
	if !strings.Contains(Compact("援助 11 位"), Compact("援助11位")) {
		t.Error("the exact test should ignore spaces")
	}
}

// listOf builds a posting list as the merger does.
func testList(ids []int32, n int) *list {
	var l list
	for _, id := range ids {
		l.add(id, (n+7)/8)
		l.add(id, (n+7)/8) // a story's repeats are dropped
	}
	return &l
}

func TestPostingsChooseTheSmallerForm(t *testing.T) {
	n := 64
	sparse := appendPostings(nil, testList([]int32{3, 40}, n), n)
	if sparse[1] != 0 {
		t.Errorf("two of 64 stories: mode %d, want a list", sparse[1])
	}
	dense := make([]int32, 0, n)
	for i := range int32(n) {
		if i%3 != 0 {
			dense = append(dense, i)
		}
	}
	b := appendPostings(nil, testList(dense, n), n)
	if b[1] != 1 || len(b) != 2+n/8 {
		t.Errorf("most of 64 stories: mode %d, %d bytes; want a bitmap of %d bytes", b[1], len(b), 2+n/8)
	}
	for _, ids := range [][]int32{{3, 40}, dense, nil, {0}, {63}, {0, 1, 2}} {
		got, rest, err := readPostings(appendPostings(nil, testList(ids, n), n), n)
		if err != nil || len(rest) != 0 || !slices.Equal(got, ids) && len(ids) > 0 {
			t.Errorf("round trip of %v: %v, %d bytes left, %v", ids, got, len(rest), err)
		}
	}
}

// TestTokenizerMatchesTokens checks that the index's tokenizer, which
// works on keys, gives the tokens Tokens gives, each once.
func TestTokenizerMatchesTokens(t *testing.T) {
	texts := []string{
		"4月16日上午，麓谷街道一处老小区的三楼，退役军人谭建军接过援助金 6.3 万元。",
		"５Ｇ基站“党建+”！Open Source 2021，ＡＩ赋能，open again",
		"ひらがなカタカナ한국어 mixed 漢字𠀋𠀋字 Ünïcödé straße ٣٤",
		"人人人人", "", "　，。", "a", "退",
		"援助 11 位，11，位　ＡＩ　赋能 a位b 2021\n\n年", "位 ", " 11",
		"黨建引領發展，國際ＡＩ 11 個 發发", "乾",
	}
	for _, s := range texts {
		want := map[string]bool{}
		Tokens(s, func(tok string) { want[tok] = true })
		var tk tokenizer
		tk.wordNum = map[string]key{}
		tk.seen.reset()
		keys := tk.text(nil, s, &tk.seen)
		got := map[string]bool{}
		for _, k := range keys {
			tok := tokenString(k, tk.words)
			if got[tok] {
				t.Errorf("%q: token %q twice", s, tok)
			}
			got[tok] = true
		}
		if !maps.Equal(got, want) {
			t.Errorf("%q: tokenizer gives %v, Tokens %v", s, got, want)
		}
	}
}

// TestKeySet checks the set against a map, over stories of each kind of
// key, long enough to grow its tables, emptied between them.
func TestKeySet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// Narrow ranges, so that stories share keys.
	kinds := map[string]func() key{
		"single BMP":     func() key { return runeKey(0, rune(0x4E00+r.IntN(3000))) },
		"single past it": func() key { return runeKey(0, rune(0x20000+r.IntN(3000))) },
		"BMP pair":       func() key { return runeKey(rune(0x4E00+r.IntN(100)), rune(0x4E00+r.IntN(100))) },
		"pair past it":   func() key { return runeKey(rune(0x20000+r.IntN(50)), rune(0x4E00+r.IntN(100))) },
		"word":           func() key { return key(wordBit | uint64(r.IntN(5000))) },
	}
	var s keySet
	for story := range 6 {
		s.reset()
		want := map[key]bool{}
		var keys []key
		for _, kind := range slices.Sorted(maps.Keys(kinds)) {
			for range 1000 * (story + 1) {
				keys = append(keys, kinds[kind]())
			}
		}
		// Each key twice, the second time later.
		keys = append(keys, keys...)
		r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		for _, k := range keys {
			if got := s.add(k); got != !want[k] {
				t.Fatalf("story %d: add(%#x) = %v, want %v", story, k, got, !want[k])
			}
			want[k] = true
		}
	}
}

// TestDictionary writes a shard and looks its tokens up as the reader
// does: each token's posting lists lie where the dictionary says, raw or
// gzip-compressed, whichever is smaller.
func TestDictionary(t *testing.T) {
	n := 5000
	var all []int32
	for i := int32(0); i < int32(n); i += 3 {
		all = append(all, i)
	}
	lists := map[string][2][]int32{
		"退役": {{1, 7, 4000}, {7}},
		"军人": {all, {0, 3}}, // long enough to be worth gzip
		"5g": {{4999}, nil},
		"党":  {all[:40], all[:2]},
	}
	var entries []shardEntry
	for text, l := range lists {
		entries = append(entries, shardEntry{text: text, all: testList(l[0], n), meta: testList(l[1], n)})
	}
	var z gzipper
	name, dict, pname, postings := writeShard(3, entries, n, &z)
	if !strings.HasPrefix(name, "s/03.") || !strings.HasPrefix(pname, "p/03.") {
		t.Errorf("names %s, %s", name, pname)
	}
	raw, err := gunzip(dict)
	if err != nil {
		t.Fatal(err)
	}
	d, err := readDictionary(raw)
	if err != nil {
		t.Fatal(err)
	}
	if d.postings != pname || len(d.spans) != len(lists) {
		t.Fatalf("dictionary names %s and holds %d tokens", d.postings, len(d.spans))
	}
	r := &Reader{m: Manifest{Stories: n}, whole: map[string][]byte{pname: postings}}
	end := 0
	for tok, l := range lists {
		sp, ok := d.spans[tok]
		if !ok {
			t.Fatalf("%q is not in the dictionary", tok)
		}
		end = max(end, sp.off+sp.n)
		a, m, err := r.postings(d, sp)
		if err != nil || !slices.Equal(a, l[0]) || !slices.Equal(m, l[1]) && len(l[1]) > 0 {
			t.Errorf("%q: %v, %v, %v", tok, a, m, err)
		}
		if tok == "军人" && !sp.gzip || tok == "退役" && sp.gzip {
			t.Errorf("%q: gzip %v", tok, sp.gzip)
		}
	}
	if end != len(postings) {
		t.Errorf("the spans end at %d of %d bytes", end, len(postings))
	}
	if _, ok := d.spans["不在"]; ok {
		t.Error("a token that is not in the shard was found")
	}
}

// TestFacets reads a facets file: the columns, and where each story's
// member lies in its pack.
func TestFacets(t *testing.T) {
	var b []byte
	for _, col := range [][]uint64{{1, 0, 3, 2, 1}, {0, 2, 1, 1, 27}, {5, 5, 4, 0, 0}, {2, 1, 3, 1, 4}} {
		for _, v := range col {
			b = binary.AppendUvarint(b, v)
		}
	}
	f, err := readFacets(b, 5, []int{0, 2, 3}, 64)
	if err != nil {
		t.Fatal(err)
	}
	want := &facets{
		cat: []int{0, -1, 2, 1, 0}, branch: []int{-1, 1, 0, 0, 26}, year: []int{5, 5, 4, 0, 0},
		size: []int{128, 64, 192, 64, 256}, pack: []int{0, 0, 1, 2, 2}, off: []int{0, 128, 0, 0, 64},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("facets = %+v\nwant %+v", f, want)
	}
	if _, err := readFacets(b[:len(b)-1], 5, []int{0}, 64); err == nil {
		t.Error("a short facets file was read")
	}
}

// TestPadMember checks that padded members are whole units and read as
// the data.
func TestPadMember(t *testing.T) {
	var z gzipper
	for size := range 300 {
		data := []byte(strings.Repeat("退役军人", size/4) + strings.Repeat("x", size%4))
		m := padMember(z.gzip(nil, data, gzip.BestSpeed))
		if len(m)%MemberUnit != 0 {
			t.Fatalf("%d bytes: member of %d bytes", size, len(m))
		}
		zr, err := gzip.NewReader(bytes.NewReader(m))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, data) || string(zr.Extra[:2]) != "Hp" {
			t.Fatalf("%d bytes: read %d bytes, extra %q, %v", size, len(got), zr.Extra, err)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "退役军人", `引号"和\反斜杠`, "换行\n制表\t回车\r\x00\x1f", "bad \xff utf-8", "\u2028", "<&>"} {
		var got string
		if err := json.Unmarshal(appendJSONString(nil, s), &got); err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\ufffd"); got != want {
			t.Errorf("%q: read back %q", s, got)
		}
	}
}

// TestShardCount checks the number of shards: one per DictBytes of tokens,
// rounded up to a power of two, at most MaxShards.
func TestShardCount(t *testing.T) {
	a := &assembler{opts: Options{}.withDefaults()}
	for _, tc := range []struct{ total, want int }{
		{0, 1},
		{1, 1},
		{4096, 1},
		{4097, 2},
		{3 * 4096, 4},
		{104 * 4096, 128},
		{128 * 4096, 128},
		{128*4096 + 1, 256},
		{1 << 30, 256},
	} {
		if got := a.shards(tc.total); got != tc.want {
			t.Errorf("shards(%d) = %d, want %d", tc.total, got, tc.want)
		}
	}
}

// TestReadDamaged reads facets and posting lists whose numbers are out of
// range: each is an error, not a negative size or a story past the last.
// Issue: a size of 2^64-1 units became -64 bytes, and a patch sliced with
// it.
func TestReadDamaged(t *testing.T) {
	facets := func(vals ...uint64) []byte {
		var b []byte
		for _, v := range vals {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	// Two stories: category, branch, year and size columns.
	if _, err := readFacets(facets(0, 0, 0, 0, 0, 0, 1, 1), 2, []int{0}, MemberUnit); err != nil {
		t.Fatalf("good facets: %v", err)
	}
	if f, err := readFacets(facets(0, 0, 0, 0, 0, 0, ^uint64(0), 1), 2, []int{0}, MemberUnit); err == nil {
		t.Errorf("a size of 2^64-1 units read as %d bytes", f.size[0])
	}
	postings := func(vals ...uint64) []byte {
		b := binary.AppendUvarint(nil, uint64(len(vals)))
		b = append(b, 0) // deltas
		for _, v := range vals {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	if ids, _, err := readPostings(postings(1, 2), 4); err != nil || !slices.Equal(ids, []int32{1, 3}) {
		t.Fatalf("good postings: %v, %v", ids, err)
	}
	for _, deltas := range [][]uint64{{4}, {2, 2}, {1 << 40}, {1, 1<<32 - 1}} {
		if ids, _, err := readPostings(postings(deltas...), 4); err == nil {
			t.Errorf("deltas %v of 4 stories read as %v", deltas, ids)
		}
	}
}

// TestGunzip checks gunzip on members whose size trailer is right, wrong
// or out of reach, on damaged ones, and that a reader it reuses after a
// failure decompresses the next member whole.
func TestGunzip(t *testing.T) {
	text := []byte(strings.Repeat("支部党员逐户走访，为群众办实事。", 300))
	gz := func(b []byte) []byte {
		var out bytes.Buffer
		zw := gzip.NewWriter(&out)
		zw.Write(b)
		zw.Close()
		return out.Bytes()
	}
	good := gz(text)
	withSize := func(size uint32) []byte {
		b := slices.Clone(good)
		binary.LittleEndian.PutUint32(b[len(b)-4:], size)
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want []byte // nil: an error
	}{
		{name: "a member", data: good, want: text},
		{name: "an empty member", data: gz(nil), want: []byte{}},
		{name: "bytes after the member", data: append(slices.Clone(good), 0)},
		{name: "a size trailer of 4 GB", data: withSize(1<<32 - 1)},
		{name: "cut short", data: good[:len(good)/2]},
		{name: "not gzip", data: []byte("支部")},
		{name: "nothing", data: nil},
		{name: "a member again, after failures", data: good, want: text},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := gunzip(tc.data)
			switch {
			case tc.want == nil && err == nil:
				t.Errorf("no error; got %d bytes", len(got))
			case tc.want != nil && err != nil:
				t.Errorf("error %v", err)
			case tc.want != nil && !bytes.Equal(got, tc.want):
				t.Errorf("got %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
}

package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// specExample is an example of the CommonMark spec.
type specExample struct {
	Example  int    `json:"example"`
	Section  string `json:"section"`
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
}

// emphasisParsers returns goldmark as it comes and goldmark with
// cjkEmphasis, both set up as goldmark's own spec test sets it up.
func emphasisParsers() (plain, cjk goldmark.Markdown) {
	opts := goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe())
	return goldmark.New(opts), goldmark.New(opts, goldmark.WithExtensions(cjkEmphasis))
}

func convert(t testing.TB, md goldmark.Markdown, src string) string {
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCommonMarkEmphasis runs the examples of CommonMark 0.31.2 (as
// goldmark v1.8.7 has them in _test/spec.json) that have a "*" or "_" in
// them, which testdata/commonmark-emphasis.json holds, through goldmark with
// and without cjkEmphasis: for text without CJK characters, the two agree,
// and both give the spec's HTML.
func TestCommonMarkEmphasis(t *testing.T) {
	data, err := os.ReadFile("testdata/commonmark-emphasis.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 200 {
		t.Fatalf("%d examples, want the 216 with emphasis characters", len(examples))
	}
	plain, cjk := emphasisParsers()
	for _, ex := range examples {
		want := convert(t, plain, ex.Markdown)
		if got := convert(t, cjk, ex.Markdown); got != want {
			t.Errorf("example %d (%s): %q\ngot  %q\nwant %q (goldmark)", ex.Example, ex.Section, ex.Markdown, got, want)
		}
		if want != ex.HTML {
			t.Errorf("example %d (%s): %q\ngoldmark gives %q\nthe spec says %q", ex.Example, ex.Section, ex.Markdown, want, ex.HTML)
		}
	}
}

// TestCJKEmphasis shows what the amendments change, next to what CommonMark
// (goldmark as it comes) does with the same text.
func TestCJKEmphasis(t *testing.T) {
	tests := []struct {
		name, src, plain, cjk string
	}{
		{
			"quotes inside the run",
			"社区**“红色周末”**集市",
			"<p>社区**“红色周末”**集市</p>\n",
			"<p>社区<strong>“红色周末”</strong>集市</p>\n",
		},
		{
			"colon before the closing run",
			"**第一步：**入户调查",
			"<p>**第一步：**入户调查</p>\n",
			"<p><strong>第一步：</strong>入户调查</p>\n",
		},
		{
			"brackets and full stop",
			"**（一）摸清底数。**支部党员",
			"<p>**（一）摸清底数。**支部党员</p>\n",
			"<p><strong>（一）摸清底数。</strong>支部党员</p>\n",
		},
		{
			"italic",
			"开展*《条例》*学习",
			"<p>开展*《条例》*学习</p>\n",
			"<p>开展<em>《条例》</em>学习</p>\n",
		},
		{
			"curly quotes on the CJK side, a Latin letter outside",
			"建设5G**“智慧社区”**平台，参加**“双报到”**200余人次",
			"<p>建设5G**“智慧社区”<strong>平台，参加</strong>“双报到”**200余人次</p>\n",
			"<p>建设5G<strong>“智慧社区”</strong>平台，参加<strong>“双报到”</strong>200余人次</p>\n",
		},
		{
			"ellipsis and dash on the CJK side",
			"他说**“好……”**3次，**第二——**A组",
			"<p>他说**“好……”**3次，**第二——**A组</p>\n",
			"<p>他说<strong>“好……”</strong>3次，<strong>第二——</strong>A组</p>\n",
		},
		{
			"CJK characters need no change",
			"党员**志愿服务**队",
			"<p>党员<strong>志愿服务</strong>队</p>\n",
			"<p>党员<strong>志愿服务</strong>队</p>\n",
		},
		{
			"curly quotes in Latin text stay as CommonMark has them",
			"said**“hello”**and",
			"<p>said**“hello”**and</p>\n",
			"<p>said**“hello”**and</p>\n",
		},
		{
			"no intraword underscore, Latin or CJK",
			"snake_case_name 和 中文_下划线_中文",
			"<p>snake_case_name 和 中文_下划线_中文</p>\n",
			"<p>snake_case_name 和 中文_下划线_中文</p>\n",
		},
		{
			"underscore after CJK punctuation",
			"要求：_“早发现”_。",
			"<p>要求：<em>“早发现”</em>。</p>\n",
			"<p>要求：<em>“早发现”</em>。</p>\n",
		},
		{
			"full-width letters count as CJK",
			"**Ａ类：**优秀",
			"<p>**Ａ类：**优秀</p>\n",
			"<p><strong>Ａ类：</strong>优秀</p>\n",
		},
		{
			"an emoji is not CJK",
			"a**😀**b",
			"<p>a**😀**b</p>\n",
			"<p>a**😀**b</p>\n",
		},
		{
			"ideographic variation selector",
			"葛\U000E0100**\"某\"**。",
			"<p>葛\U000E0100**&quot;某&quot;**。</p>\n",
			"<p>葛\U000E0100<strong>&quot;某&quot;</strong>。</p>\n",
		},
		{
			"full-width form of a curly quote (U+FE01)",
			"x**“\ufe01好”\ufe01**y",
			"<p>x**“\ufe01好”\ufe01**y</p>\n",
			"<p>x<strong>“\ufe01好”\ufe01</strong>y</p>\n",
		},
	}
	plain, cjk := emphasisParsers()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convert(t, plain, tt.src); got != tt.plain {
				t.Errorf("goldmark: %q\ngot  %q\nwant %q", tt.src, got, tt.plain)
			}
			if got := convert(t, cjk, tt.src); got != tt.cjk {
				t.Errorf("cjkEmphasis: %q\ngot  %q\nwant %q", tt.src, got, tt.cjk)
			}
		})
	}
}

// TestFlanking checks flanking against CommonMark's rule, written out as the
// spec states it, for every pair of classes: they differ only where a CJK
// class is involved, and there only by making a run flanking.
func TestFlanking(t *testing.T) {
	classes := []charClass{classOther, classSpace, classPunct, classCJK, classCJKPunct}
	for _, b := range classes {
		for _, a := range classes {
			cmLeft := a != classSpace && (!a.isPunct() || b == classSpace || b.isPunct())
			cmRight := b != classSpace && (!b.isPunct() || a == classSpace || a.isPunct())
			left, right := flanking(b, a)
			cjk := b >= classCJK || a >= classCJK
			switch {
			case !cjk && (left != cmLeft || right != cmRight):
				t.Errorf("flanking(%d, %d) = %v, %v; CommonMark has %v, %v", b, a, left, right, cmLeft, cmRight)
			case cmLeft && !left || cmRight && !right:
				t.Errorf("flanking(%d, %d) = %v, %v: less than CommonMark's %v, %v", b, a, left, right, cmLeft, cmRight)
			}
		}
	}
}

// FuzzEmphasis checks that goldmark with and without cjkEmphasis agree on
// text without CJK characters and variation selectors.
func FuzzEmphasis(f *testing.F) {
	if data, err := os.ReadFile("testdata/commonmark-emphasis.json"); err == nil {
		var examples []specExample
		if err := json.Unmarshal(data, &examples); err == nil {
			for _, ex := range examples {
				f.Add(ex.Markdown)
			}
		}
	}
	f.Add("said**“hello”**and *a*—*b* _x_… “*quoted*”")
	plain, cjk := emphasisParsers()
	f.Fuzz(func(t *testing.T, src string) {
		for _, r := range src {
			if isCJKChar(r) || isGeneralVS(r) || isIdeographicVS(r) || r == utf8.RuneError {
				return
			}
		}
		if got, want := convert(t, cjk, src), convert(t, plain, src); got != want {
			t.Errorf("%q:\ngot  %q\nwant %q (goldmark)", src, got, want)
		}
	})
}

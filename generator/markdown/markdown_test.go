package markdown

import (
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// TestCases runs the case files in testdata: each is a txtar archive whose
// files come in pairs, "NAME.md" (the input) and "NAME.html" (the expected
// HTML). Cases convert as content/stories/2021/04/a.md in a site under /news/,
// where stories/2021/05/b.md is a page.
func TestCases(t *testing.T) {
	files, _ := os.ReadDir("testdata")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".txtar") {
			continue
		}
		name := "testdata/" + f.Name()
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		conv := New(Options{Unsafe: strings.Contains(f.Name(), "unsafe"), ImageSizes: testSizes})
		changed := false
		for i := 0; i+1 < len(ar.Files); i += 2 {
			in, want := &ar.Files[i], &ar.Files[i+1]
			caseName := strings.TrimSuffix(in.Name, ".md")
			if want.Name != caseName+".html" {
				t.Fatalf("%s: %s is followed by %s, want %s.html", name, in.Name, want.Name, caseName)
			}
			t.Run(caseName, func(t *testing.T) {
				res, err := conv.Convert(testSource(in.Data))
				if err != nil {
					t.Fatal(err)
				}
				if *update {
					if string(want.Data) != res.HTML {
						want.Data, changed = []byte(res.HTML), true
					}
					return
				}
				if res.HTML != string(want.Data) {
					t.Errorf("%s: got\n%s\nwant\n%s", name, res.HTML, want.Data)
				}
			})
		}
		if changed {
			if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func testSource(body []byte) *Source {
	return &Source{
		File: "content/stories/2021/04/a.md", Body: body, Line: 6,
		BasePath: "/news/", Dir: "/stories/2021/04/", SourceDir: "stories/2021/04",
		Pages:     map[string]string{"stories/2021/05/b.md": "/stories/2021/05/b/"},
		ImageSize: testImageSize, ImageCopies: testImageCopies,
	}
}

// testSizes is the sizes attribute the case files' images with smaller
// copies get.
const testSizes = "(max-width: 756px) calc(100vw - 36px), 720px"

// testImageCopies are the smaller copies of images the case files know
// (see testImageSizes).
func testImageCopies(p string) []ImageCopy {
	switch p {
	case "/stories/2021/04/照片 1.jpg":
		return []ImageCopy{{"/stories/2021/04/照片 1-480w.jpg", 480}}
	case "/images/2019/01/wide.png", "/stories/2021/04/photo.JPG":
		ext := path.Ext(p)
		stem := strings.TrimSuffix(p, ext)
		return []ImageCopy{{stem + "-480w" + ext, 480}, {stem + "-960w" + ext, 960}}
	}
	return nil
}

// testImageSizes are the images whose sizes the case files know.
var testImageSizes = map[string][2]int{
	"/stories/2021/04/known.jpg":    {1200, 800},
	"/stories/2021/04/photo.JPG":    {6000, 4000},
	"/stories/2021/04/照片 1.jpg":     {900, 1600},
	"/images/2019/01/wide.png":      {1600, 900},
	"/stories/2021/04/zero.jpg":     {0, 0}, // a broken size source: treated as unknown
	"/stories/2021/04/negative.jpg": {-1, 10},
}

func testImageSize(p string) (w, h int, ok bool) {
	s, ok := testImageSizes[p]
	return s[0], s[1], ok
}

func TestJoinBreak(t *testing.T) {
	tests := []struct {
		before, after string
		join          bool
	}{
		{"为群众办实", "事", true},
		{"援助", "11 位", true},
		{"服务", "“最后一公里”", true},
		{"“以老带新”", "“师徒结对”", true},
		{"其中2", "8人", true},
		{"完成投资4.", "2亿元", true},
		{"完成年度计划的96", "%", true},
		{"建设5", "G网络", true},
		{"open", "source", false},
		{"see", "[link]", false},
		{"the cat “sat”", "on the mat", false},
		{"in 2021", "2022 was", true}, // digits meet: one number split by the column
		{"使用 Open", "Source 软件", false},
		{"", "事", false},
	}
	for _, tt := range tests {
		if got := JoinBreak([]byte(tt.before), []byte(tt.after)); got != tt.join {
			t.Errorf("JoinBreak(%q, %q) = %v, want %v", tt.before, tt.after, got, tt.join)
		}
	}
}

func TestTextAndLinks(t *testing.T) {
	conv := New(Options{})
	src := "开展志愿服务192场次，服务群众185\n70人次。see\n[link](x.md) and\n`code`。\n\n![现场](photo.jpg)\n\n## 小标题\n\n[b](../05/b.md) [c](/tags/退役军人/#top) [d](https://example.org/)\n"
	res, err := conv.Convert(testSource([]byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "开展志愿服务192场次，服务群众18570人次。see link and code。\n现场\n小标题\nb c d"; res.Text != want {
		t.Errorf("Text = %q, want %q", res.Text, want)
	}
	got := fmt.Sprint(res.Links)
	want := "[{8 x.md  false false false stories/2021/04/x.md true false  0 0 []} {11 photo.jpg /stories/2021/04/photo.jpg true false false  false false  0 0 []} {15 ../05/b.md /stories/2021/05/b/ false false false stories/2021/05/b.md false false  0 0 []} {15 /tags/退役军人/#top /tags/退役军人/ false false false  false false  0 0 []} {15 https://example.org/  false true false  false false  0 0 []}]"
	if got != want {
		t.Errorf("Links =\n%s\nwant\n%s", got, want)
	}
	if len(res.Headings) != 1 || res.Headings[0].ID != "小标题" || res.Headings[0].Level != 2 {
		t.Errorf("Headings = %+v", res.Headings)
	}
	// The theme's own ids are taken (a trial: "main" doubled <main>'s).
	res, err = conv.Convert(testSource([]byte("## main\n\n## Related\n\n## 相关\n")))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Headings); !strings.Contains(got, "main-1") || !strings.Contains(got, "related-1") || !strings.Contains(got, "相关") {
		t.Errorf("Headings = %s, want main-1 and related-1", got)
	}
}

// TestText checks the plain text and the summary, which follow the HTML.
func TestText(t *testing.T) {
	tests := []struct {
		name, src, text, summary string
	}{
		{
			"an image's alt text is a line of its own, out of the summary",
			"![居民议事会现场](a.jpg)\n\n党员在社区开展活动。\n",
			"居民议事会现场\n党员在社区开展活动。",
			"党员在社区开展活动。",
		},
		{
			"an image opening a paragraph comes before its text",
			"![现场](a.jpg)\n图为居民议事会现场。\n",
			"现场\n图为居民议事会现场。",
			"图为居民议事会现场。",
		},
		{
			"an image inside a sentence comes after it",
			"图文![图一](a.jpg)混排![图二](b.jpg)。\n",
			"图文混排。\n图一\n图二",
			"图文混排。",
		},
		{
			"an image in a link, and one without alt text",
			"[![链接图](c.jpg)](https://example.org)\n\n![](d.jpg)\n\n正文。\n",
			"链接图\n正文。",
			"正文。",
		},
		{
			"a table row's images follow the row",
			"| 图 | 说明 |\n|---|---|\n| ![合影](e.jpg) | 合影留念 |\n",
			"图 说明\n合影留念\n合影",
			"",
		},
		{
			"full-width indentation is dropped at line starts",
			"　　在当前的党史学习教育中，长沙高\n　　新区机关党员办实事。\n\n姓　名：张三\n",
			"在当前的党史学习教育中，长沙高新区机关党员办实事。\n姓　名：张三",
			"在当前的党史学习教育中，长沙高新区机关党员办实事。姓　名：张三",
		},
		{
			"soft breaks join across an indented line start by the words on either side",
			"Open source\n　　tools.\n",
			"Open source tools.",
			"Open source tools.",
		},
		{
			"escaped spaces render nothing",
			"社区\\ **“红色周末”**\\ 集市，中文\\ English。\n",
			"社区“红色周末”集市，中文English。",
			"社区“红色周末”集市，中文English。",
		},
		{
			"escapes and references are resolved, except in code",
			"\\*不是强调\\* &amp; &#x4E2D;&quot; `\\*`\n",
			"*不是强调* & 中\" \\*",
			"*不是强调* & 中\" \\*",
		},
	}
	conv := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := conv.Convert(testSource([]byte(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.text {
				t.Errorf("Text = %q, want %q", res.Text, tt.text)
			}
			if res.Summary != tt.summary {
				t.Errorf("Summary = %q, want %q", res.Summary, tt.summary)
			}
		})
	}
}

// TestLocalFiles checks that links and images to files on the writer's
// computer are marked, and kept as written.
func TestLocalFiles(t *testing.T) {
	tests := []struct {
		dest  string
		local bool
		path  string
	}{
		{`C:\Users\liu\Pictures\a.png`, true, ""},
		{`c:\a.png`, true, ""},
		{"C:/Users/liu/a.png", true, ""},
		{"file:///C:/Users/liu/a.png", true, ""},
		{"FILE:///home/liu/a.png", true, ""},
		{"/Users/liu/Desktop/a.jpg", false, "/Users/liu/Desktop/a.jpg"}, // a site path as far as we can tell
		{"C:a.png", false, ""},                                          // a URL with scheme "c"
		{"photo.jpg", false, "/stories/2021/04/photo.jpg"},
		{"https://example.org/a.png", false, ""},
	}
	conv := New(Options{})
	for _, tt := range tests {
		res, err := conv.Convert(testSource([]byte("![图](<" + tt.dest + ">)\n")))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Links) != 1 {
			t.Fatalf("%s: %d links, want 1", tt.dest, len(res.Links))
		}
		l := res.Links[0]
		if l.Local != tt.local || l.Path != tt.path || l.Dest != tt.dest || l.Local && l.External {
			t.Errorf("%s: Local %v, External %v, Path %q, Dest %q; want Local %v, Path %q", tt.dest, l.Local, l.External, l.Path, l.Dest, tt.local, tt.path)
		}
	}
}

func TestSummarize(t *testing.T) {
	long := strings.Repeat("党员干部深入社区开展志愿服务，", 4) + "受到群众好评。" // 67 characters
	tests := []struct {
		name  string
		paras []string
		want  string
	}{
		{"short", []string{"一句话。"}, "一句话。"},
		{"cut at the sentence nearest 120", []string{long, long, long}, long + long},
		{"closing quote kept", []string{strings.Repeat("好", 100) + "。”" + strings.Repeat("长", 100)}, strings.Repeat("好", 100) + "。”"},
		{"no sentence end", []string{strings.Repeat("长", 300)}, strings.Repeat("长", 120) + "……"},
		{"latin paragraphs joined with a space", []string{"First.", "Second."}, "First. Second."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.paras); got != tt.want {
				t.Errorf("Summarize = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadingTime(t *testing.T) {
	tests := []struct{ chars, words, want int }{
		{0, 0, 1}, {400, 0, 1}, {401, 0, 2}, {1200, 0, 3}, {0, 200, 1}, {0, 201, 2}, {200, 100, 1},
	}
	for _, tt := range tests {
		if got := ReadingTime(tt.chars, tt.words); got != tt.want {
			t.Errorf("ReadingTime(%d, %d) = %d, want %d", tt.chars, tt.words, got, tt.want)
		}
	}
	counts := []struct {
		s            string
		chars, words int
	}{
		{"援助 11 位退役军人, open source", 7, 3},
		{"“党建+”，《支部》：々〇、ひらがな，カタカナ，한글。", 16, 0},
		{"全角ＡＢＣ１２３不是词；Ｃafé 与 naïve", 6, 2},
		{"扩展B区𠀀字", 5, 1},
	}
	for _, tt := range counts {
		if c, w := Count(tt.s); c != tt.chars || w != tt.words {
			t.Errorf("Count(%q) = %d, %d; want %d, %d", tt.s, c, w, tt.chars, tt.words)
		}
	}
}

// TestPunctuation checks that the blocks Count skips without looking in the
// Unicode tables hold no character it counts.
func TestPunctuation(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if punctuation(r) && (isCJK(r) || unicode.IsLetter(r) && r < 0x1100) {
			t.Errorf("punctuation(%U) is true, but Count counts it", r)
		}
	}
}

func FuzzConvert(f *testing.F) {
	f.Add([]byte("为群众办实\n事 [a](b.md) ![c](d.jpg)\n\n## 标题\n"))
	f.Add([]byte("<div>\n*x*\n</div>\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("text[^1]\n\n[^1]: note\n"))
	f.Add([]byte("社区**“红色周末”**集市\\ 中文\n　　第二行\n　　\n> 　　![图](C:\\a.png)\n"))
	f.Add([]byte("![a *b* `c`\n\\\nd](known.jpg \"t\") [![x](https://e.org/y.png)](z.md)\n"))
	f.Add([]byte("链接：https://example.org/a(1)，见www.gov.cn。行尾http://x.y\n`见https://c.d`\n"))
	f.Add([]byte("原文：https://mp.weixin.qq.com/s?__biz=M_A*5&i=[1]_~x~#rd。见https://a.org/a*b*c_d\\_e，**见www.a.org/_x_**\n"))
	f.Add([]byte("<p><img data-src=x><IMG src='https://mmbiz.qpic.cn/a' \n>\n一、标题\n\n•a\n（1）b\n    中文\n\n＊＊a＊＊\n———\n<img"))
	conv, unsafe, stock := New(Options{}), New(Options{Unsafe: true}), newConverter(Options{}, false)
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := conv.Convert(testSource(body)); err != nil {
			t.Fatal(err)
		}
		if _, err := unsafe.Convert(testSource(body)); err != nil {
			t.Fatal(err)
		}
		if got, want := withoutImageAttrs(t, conv, body), withoutImageAttrs(t, stock, body); got != want {
			t.Errorf("images differ from goldmark's:\n%s\nwant\n%s", got, want)
		}
	})
}

// withoutImageAttrs converts body without image sizes and removes the
// attributes that herald adds to every img element. Elsewhere in the HTML
// the text cannot occur: quotes in text are escaped.
func withoutImageAttrs(t *testing.T, c *Converter, body []byte) string {
	src := testSource(body)
	src.ImageSize = nil
	res, err := c.Convert(src)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(res.HTML, ` loading="lazy" decoding="async"`, "")
}

// TestImagesLikeGoldmark checks that images in every case file render as
// goldmark renders them, but for the attributes herald adds.
func TestImagesLikeGoldmark(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	conv, stock := New(Options{}), newConverter(Options{}, false)
	for _, name := range files {
		if strings.Contains(name, "unsafe") {
			continue // raw HTML could hold the attributes' text
		}
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if !strings.HasSuffix(f.Name, ".md") {
				continue
			}
			if got, want := withoutImageAttrs(t, conv, f.Data), withoutImageAttrs(t, stock, f.Data); got != want {
				t.Errorf("%s: %s: got\n%s\nwant\n%s", name, f.Name, got, want)
			}
		}
	}
}

// TestImageSize checks what Source.ImageSize and Source.ImageCopies are
// asked, and that the sizes and copies they give are in Result.Links.
func TestImageSize(t *testing.T) {
	var asked, askedCopies []string
	src := testSource([]byte("![a](known.jpg) ![b](/images/2019/01/wide.png?x#y) ![c](%E7%85%A7%E7%89%87%201.jpg)\n\n" +
		"![d](https://example.org/e.jpg) ![e](C:\\f.jpg) ![f](../05/b.md) ![g](unknown.jpg) [h](known.jpg)\n"))
	src.ImageSize = func(p string) (int, int, bool) {
		asked = append(asked, p)
		return testImageSize(p)
	}
	src.ImageCopies = func(p string) []ImageCopy {
		askedCopies = append(askedCopies, p)
		return testImageCopies(p)
	}
	res, err := New(Options{}).Convert(src)
	if err != nil {
		t.Fatal(err)
	}
	wantAsked := []string{"/stories/2021/04/known.jpg", "/images/2019/01/wide.png", "/stories/2021/04/照片 1.jpg", "/stories/2021/04/unknown.jpg"}
	if !slices.Equal(asked, wantAsked) {
		t.Errorf("ImageSize asked for\n%q\nwant\n%q", asked, wantAsked)
	}
	// Only for the images whose sizes are known.
	if want := wantAsked[:3]; !slices.Equal(askedCopies, want) {
		t.Errorf("ImageCopies asked for\n%q\nwant\n%q", askedCopies, want)
	}
	var sizes []string
	for _, l := range res.Links {
		sizes = append(sizes, fmt.Sprintf("%s %d×%d %v", l.Dest, l.Width, l.Height, l.Copies))
	}
	wantSizes := []string{
		"known.jpg 1200×800 []", "/images/2019/01/wide.png?x#y 1600×900 [{/images/2019/01/wide-480w.png 480} {/images/2019/01/wide-960w.png 960}]",
		"%E7%85%A7%E7%89%87%201.jpg 900×1600 [{/stories/2021/04/照片 1-480w.jpg 480}]",
		"https://example.org/e.jpg 0×0 []", "C:\\f.jpg 0×0 []", "../05/b.md 0×0 []", "unknown.jpg 0×0 []", "known.jpg 0×0 []",
	}
	if !slices.Equal(sizes, wantSizes) {
		t.Errorf("Links' sizes\n%q\nwant\n%q", sizes, wantSizes)
	}
}

// TestSummaryOfManyParagraphs checks that the summary of a document is
// Summarize's of all its paragraphs, though the extractor keeps only those
// Summarize reads (the first summaryMax characters' worth).
func TestSummaryOfManyParagraphs(t *testing.T) {
	conv := New(Options{})
	for _, paras := range [][]string{
		{"短句。", strings.Repeat("长", 200) + "。", "后面一句。"},
		{strings.Repeat("党", 179), "两字", "又一段。"},
		{strings.Repeat("党", 180), "两字", "又一段。"},
		{strings.Repeat("党", 181), "两字", "又一段。"},
		{strings.Repeat("😀", 100), strings.Repeat("😀", 100), "三"},
		{"一。", "二。", "三。", "四。", strings.Repeat("五", 170) + "。", "六。"},
	} {
		res, err := conv.Convert(testSource([]byte(strings.Join(paras, "\n\n"))))
		if err != nil {
			t.Fatal(err)
		}
		if want := Summarize(paras); res.Summary != want {
			t.Errorf("summary of %d paragraphs = %q, want %q", len(paras), res.Summary, want)
		}
	}
}

// TestSpaced checks which images and links with a space in their address
// are recorded as Spaced: those Markdown leaves as text, and only those,
// each with how it is written to be read.
func TestSpaced(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // "line dest image fix"
	}{
		{"an image", "![照片](照片 - 副本.jpg)", []string{"6 照片 - 副本.jpg true ![照片](<照片 - 副本.jpg>)"}},
		{"a link on a later line", "正文。\n\n见[通知](通知 原文.pdf)。", []string{"8 通知 原文.pdf false [通知](<通知 原文.pdf>)"}},
		{"in < >", "![照片](<照片 - 副本.jpg>)", nil},
		{"with a title", "![照片](a.jpg \"题图\")", nil},
		{"prose in brackets", "[注](见下文 第二段)", nil},
		{"in code", "`![照片](照片 - 副本.jpg)`", nil},
		{"in a code block", "```\n![照片](照片 - 副本.jpg)\n```", nil},
		{"two on a line", "![甲](a b.jpg)和![乙](c d.png)", []string{"6 a b.jpg true ![甲](<a b.jpg>)", "6 c d.png true ![乙](<c d.png>)"}},
		// A trial: a WeChat picture saved twice, which Windows names
		// "… (2).jpg", was shown as text without a word.
		{"a name with (2)", "![联席会议现场](微信图片_20230506 (2).jpg)", []string{"6 微信图片_20230506 (2).jpg true ![联席会议现场](<微信图片_20230506 (2).jpg>)"}},
		{"a name with (1) and a title", "正文。\n\n![现场](b (1).jpg \"题图\")", []string{"8 b (1).jpg true ![现场](<b (1).jpg> \"题图\")"}},
		{"a name with (1) and a title in ' '", "![现场](b (1).jpg 'a (b) c')", []string{"6 b (1).jpg true ![现场](<b (1).jpg> 'a (b) c')"}},
		{"a name with (1) and a title in ( )", "![现场](b (1).jpg  (题图))", []string{"6 b (1).jpg true ![现场](<b (1).jpg>  (题图))"}},
		{"a link to a name with (2)", "见[附件](通知 (2).pdf)。", []string{"6 通知 (2).pdf false [附件](<通知 (2).pdf>)"}},
		{"(2) in < >", "![现场](<微信图片 (2).jpg>)", nil},
		{"(2) without a space", "![现场](微信图片(2).jpg)", nil},
		{"a name in parentheses", "（见![现场](微信图片 (2).jpg)）", []string{"6 微信图片 (2).jpg true ![现场](<微信图片 (2).jpg>)"}},
		{"a title of its own", "![现场](a.jpg (题图))", nil},
		{"a Windows path", `![现场](..\图片\a \(1\).jpg)`, []string{`6 ..\图片\a \(1\).jpg true ![现场](<../图片/a \(1\).jpg>)`}},
		{"brackets in the description", "![现场 [一] \\[二](a (1).jpg)", []string{"6 a (1).jpg true ![现场 [一] \\[二](<a (1).jpg>)"}},
		{"a description over two lines", "![联席\n会议](a (1).jpg)", []string{"7 a (1).jpg true ![说明](<a (1).jpg>)"}},
		{"a bracket in the paragraph before", "[注\n\n会议](a (1).jpg)", []string{"8 a (1).jpg false [说明](<a (1).jpg>)"}},
	}
	conv := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := conv.Convert(testSource([]byte(tt.body)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range res.Links {
				if l.Spaced {
					got = append(got, fmt.Sprintf("%d %s %v %s", l.Line, l.Dest, l.Image, l.Fix))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			// The fix is read as what it is.
			for _, l := range res.Links {
				if !l.Spaced {
					continue
				}
				again, err := conv.Convert(testSource([]byte(l.Fix)))
				if err != nil {
					t.Fatal(err)
				}
				dest, _ := Slashed(l.Dest)
				if len(again.Links) != 1 || again.Links[0].Spaced || again.Links[0].Dest != dest || again.Links[0].Image != l.Image {
					t.Errorf("%s is read as %+v", l.Fix, again.Links)
				}
			}
		})
	}
}

// TestSlashed checks which backslashes of a destination are taken for
// Windows's folder separators: those that escape no punctuation.
func TestSlashed(t *testing.T) {
	tests := []struct {
		dest, want string
		found      bool
	}{
		{`..\images\a.jpg`, "../images/a.jpg", true},
		{`..\..\2023\05\图片\a.jpg`, "../../2023/05/图片/a.jpg", true},
		{`a\_b.jpg`, `a\_b.jpg`, false},
		{`a \(1\).jpg`, `a \(1\).jpg`, false},
		{`files\a \(1\).pdf`, `files/a \(1\).pdf`, true},
		{`a\`, "a/", true},
		{"../images/a.jpg", "../images/a.jpg", false},
		{`photos\.\a.jpg`, "photos/./a.jpg", true},
	}
	for _, tt := range tests {
		if got, found := Slashed(tt.dest); got != tt.want || found != tt.found {
			t.Errorf("Slashed(%s) = %s, %v; want %s, %v", tt.dest, got, found, tt.want, tt.found)
		}
	}
}

// TestSpacedLocal checks that an address with a space on the writer's
// computer is recorded as Local, not Spaced: in < > it would not work
// either.
func TestSpacedLocal(t *testing.T) {
	res, err := New(Options{}).Convert(testSource([]byte(`![图](C:\My Pictures\a (2).png)`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Links) != 1 || !res.Links[0].Local || res.Links[0].Spaced || res.Links[0].Dest != `C:\My Pictures\a (2).png` {
		t.Errorf("got %+v, want one Local link", res.Links)
	}
}

// TestCJKLinks checks the addresses linked after a Chinese character or
// punctuation mark, which GFM's autolinks leave as text (a trial:
// "链接：https://…", the commonest way, was not a link).
// TestShortCells checks that a short table cell, with no space, is kept on
// one line (class nw), and a longer one may wrap: a trial found a phone
// number over three lines in a table that scrolls sideways on a phone.
func TestShortCells(t *testing.T) {
	src := "| 联系人 | 电话 | 地址 |\n|---|---|---|\n| 王小明 | 138-0000-0000 | 枫林社区党群服务中心二楼会议室（东侧） |\n| 李 四 | **12** | |\n"
	res, err := New(Options{}).Convert(testSource([]byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<th>联系人</th>", `<td class="nw">王小明</td>`, `<td class="nw">138-0000-0000</td>`,
		"<td>枫林社区党群服务中心二楼会议室（东侧）</td>", "<td>李 四</td>", `<td class="nw"><strong>12</strong></td>`, "<td></td>"} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("the table lacks %s:\n%s", want, res.HTML)
		}
	}
}

func TestCJKLinks(t *testing.T) {
	tests := []struct{ src, html string }{
		{"链接：https://example.org/a，详见https://example.org/b。",
			`<p>链接：<a href="https://example.org/a" class="url">https://example.org/a</a>，详见<a href="https://example.org/b" class="url">https://example.org/b</a>。</p>`},
		{"见www.gov.cn。", `<p>见<a href="http://www.gov.cn" class="url">www.gov.cn</a>。</p>`},
		{"网址 https://example.org/e。", `<p>网址 <a href="https://example.org/e" class="url">https://example.org/e</a>。</p>`}, // GFM's own
		{"行尾https://example.org/c?\n下一行", `<p>行尾<a href="https://example.org/c" class="url">https://example.org/c</a>?下一行</p>`},
		{"代码`见https://x.org`与[见https://y.org](https://z.org)",
			`<p>代码<code>见https://x.org</code>与<a href="https://z.org">见https://y.org</a></p>`},
		{"http://。www.。见www.cn和http://", `<p>http://。www.。见www.cn和http://</p>`},
		{"abchttps://example.org", `<p>abchttps://example.org</p>`}, // after a Latin letter: not an address
		// goldmark ends a text at "_", "*", "~" or "[": an address goes on
		// through the texts after it (a trial: a WeChat article's address
		// was left as text), but not into an emphasis or past an escape,
		// where a link to what comes before would lead to the wrong page
		// (a review).
		{"原文：https://mp.weixin.qq.com/s?__biz=MzA5&mid=1&idx=1#rd。欢迎转发",
			`<p>原文：<a href="https://mp.weixin.qq.com/s?__biz=MzA5&amp;mid=1&amp;idx=1#rd" class="url">https://mp.weixin.qq.com/s?__biz=MzA5&amp;mid=1&amp;idx=1#rd</a>。欢迎转发</p>`},
		{"见https://a.org/a_b_c。", `<p>见<a href="https://a.org/a_b_c" class="url">https://a.org/a_b_c</a>。</p>`},
		{"见https://a.org/x_y，又见https://b.org/p_q?a[0]=1",
			`<p>见<a href="https://a.org/x_y" class="url">https://a.org/x_y</a>，又见<a href="https://b.org/p_q?a%5B0%5D=1" class="url">https://b.org/p_q?a[0]=1</a></p>`},
		{"**见https://a.org/a_b**", `<p><strong>见<a href="https://a.org/a_b" class="url">https://a.org/a_b</a></strong></p>`},
		{"见https://a.org/*重要*", `<p>见<a href="https://a.org/" class="url">https://a.org/</a><em>重要</em></p>`},
		{"见https://a.org/a*b*c。", `<p>见https://a.org/a<em>b</em>c。</p>`},
		{"见https://a.org/a~b~c", `<p>见https://a.org/a<del>b</del>c</p>`},
		{"见https://a.org/a\\_b。", `<p>见https://a.org/a_b。</p>`},
		{"见www.。链接：https://example.org/a", `<p>见www.。链接：<a href="https://example.org/a" class="url">https://example.org/a</a></p>`},
	}
	conv := New(Options{})
	for _, tt := range tests {
		res, err := conv.Convert(testSource([]byte(tt.src + "\n")))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(res.HTML); got != tt.html {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.html)
		}
	}
}

// TestEscapedDestinations checks that an address is read as CommonMark
// reads it, backslash escapes and character references resolved, as the
// HTML gives it. Issue: an image written a\_b.jpg, as exporters escape
// underscores, showed a_b.jpg on the page, while the build looked for
// a\_b.jpg, called it missing and did not publish a_b.jpg.
func TestEscapedDestinations(t *testing.T) {
	tests := []struct {
		md       string
		path     string // Link.Path
		markdown string // Link.Markdown
		html     string // in the HTML
	}{
		{`![示意](a\_b.jpg)`, "/stories/2021/04/a_b.jpg", "", `src="/news/stories/2021/04/a_b.jpg"`},
		{`[附件](通知&amp;公告.pdf)`, "/stories/2021/04/通知&公告.pdf", "", `href="/news/stories/2021/04/%E9%80%9A%E7%9F%A5&amp;%E5%85%AC%E5%91%8A.pdf"`},
		{`[附件](a&#95;b.pdf)`, "/stories/2021/04/a_b.pdf", "", `href="/news/stories/2021/04/a_b.pdf"`},
		{`[上一篇](../05/b&#46;md)`, "/stories/2021/05/b/", "stories/2021/05/b.md", `href="/news/stories/2021/05/b/"`},
		{`[原样](a\\b.pdf)`, `/stories/2021/04/a\b.pdf`, "", `href="/news/stories/2021/04/a%5Cb.pdf"`},
	}
	conv := New(Options{})
	for _, tt := range tests {
		t.Run(tt.md, func(t *testing.T) {
			res, err := conv.Convert(testSource([]byte(tt.md + "\n")))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Links) != 1 {
				t.Fatalf("links %+v, want one", res.Links)
			}
			l := res.Links[0]
			if dest := tt.md[strings.Index(tt.md, "(")+1 : len(tt.md)-1]; l.Dest != dest {
				t.Errorf("Dest = %q, want %q as written", l.Dest, dest)
			}
			if l.Path != tt.path || l.Markdown != tt.markdown {
				t.Errorf("Path, Markdown = %q, %q; want %q, %q", l.Path, l.Markdown, tt.path, tt.markdown)
			}
			if !strings.Contains(res.HTML, tt.html) {
				t.Errorf("HTML %s lacks %s", res.HTML, tt.html)
			}
		})
	}
}

// TestControlCharacters checks that control characters are removed from
// the page and the text, each line that had one told once, and that text
// without them is converted as it is. A trial: Word's line break typed
// with Shift+Enter, U+000B, and others were written into the page, which
// may not hold them, and shown as U+FFFD in the feeds.
func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, body, html string
		pasted           []Pasted
	}{
		{"none", "第一行\n第二行。\n", "<p>第一行第二行。</p>\n", nil},
		{"Word's line break", "第一句。\v第二句。\n", "<p>第一句。第二句。</p>\n", []Pasted{{Line: 5, Kind: ControlChar, Text: "U+000B"}}},
		{"several on a line, and on another", "甲\b乙\x1b丙\n\n丁\x7f戊\n", "<p>甲乙丙</p>\n<p>丁戊</p>\n", []Pasted{{Line: 5, Kind: ControlChar, Text: "U+0008"}, {Line: 7, Kind: ControlChar, Text: "U+007F"}}},
		{"C1", "甲\u0085乙\n", "<p>甲乙</p>\n", []Pasted{{Line: 5, Kind: ControlChar, Text: "U+0085"}}},
		{"tab kept, in code", "```\na\tb\n```\n", "<pre><code>a\tb\n</code></pre>\n", nil},
		{"in a code span", "见`a\x01b`。\n", "<p>见<code>ab</code>。</p>\n", []Pasted{{Line: 5, Kind: ControlChar, Text: "U+0001"}}},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Convert(&Source{File: "content/stories/a.md", Body: []byte(tt.body), Line: 5, BasePath: "/", Dir: "/stories/a/"})
			if err != nil {
				t.Fatal(err)
			}
			if res.HTML != tt.html {
				t.Errorf("HTML %q, want %q", res.HTML, tt.html)
			}
			if strings.ContainsFunc(res.Text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
				t.Errorf("the text holds a control character: %q", res.Text)
			}
			if !slices.Equal(res.Pasted, tt.pasted) {
				t.Errorf("pasted %+v, want %+v", res.Pasted, tt.pasted)
			}
		})
	}
}

package content_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"herald/generator/content"
	"herald/generator/diag"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	tz, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return tz
}

const story = `---
title: 机关第八支部开设退役军人困难援助项目
date: 2021-04-20 09:00
branch: 机关第八支部（社会事业局）
category: 为民办实事
tags: [退役军人, 党史学习教育]
authors:
  - 张三
  - 李四
summary: 一句话
slug: veterans-aid
cover: photo.jpg
draft: false
achievements:
  - {label: 援助退役军人, value: 11, unit: 位}
  - label: 发放慰问金
    value: 4.8
    unit: 万元
weixin: gaoxinqu
---

第一段。
`

// TestParse checks what Parse finds in good files: the typed fields, the line
// of each key, the body and its line, and the kind of doc.
func TestParse(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             content.Doc // Path, Kind, Bundle, Title, Lines, BodyLine and Body are compared
	}{
		{
			name: "story",
			file: "content/stories/2021/04/a.md",
			data: story,
			want: content.Doc{
				Kind:  content.Story,
				Title: "机关第八支部开设退役军人困难援助项目",
				Lines: map[string]int{
					"title": 2, "date": 3, "branch": 4, "category": 5, "tags": 6, "authors": 8,
					"summary": 10, "slug": 11, "cover": 12, "draft": 13, "achievements": 15, "weixin": 19,
				},
				BodyLine: 21,
				Body:     []byte("\n第一段。\n"),
			},
		},
		{
			name: "standalone page",
			file: "content/about.md",
			data: "---\ntitle: 关于\n---\n正文\n",
			want: content.Doc{Kind: content.Page, Title: "关于", Lines: map[string]int{"title": 2}, BodyLine: 4, Body: []byte("正文\n")},
		},
		{
			name: "page bundle at the top",
			file: "content/about/index.md",
			data: "---\ntitle: 关于\n---\n",
			want: content.Doc{Kind: content.Page, Bundle: true, Title: "关于", Lines: map[string]int{"title": 2}, BodyLine: 4, Body: []byte{}},
		},
		{
			name: "content/index.md is a page, not a bundle",
			file: "content/index.md",
			data: "---\ntitle: 首页\n---\n",
			want: content.Doc{Kind: content.Page, Title: "首页", Lines: map[string]int{"title": 2}, BodyLine: 4, Body: []byte{}},
		},
		{
			name: "story bundle",
			file: "content/stories/a/index.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\n---\n正文\n",
			want: content.Doc{Kind: content.Story, Bundle: true, Title: "一", Lines: map[string]int{"title": 2, "date": 3, "branch": 4, "category": 5}, BodyLine: 7, Body: []byte("正文\n")},
		},
		{
			name: "blank lines before the front matter",
			file: "content/about.md",
			data: "\n\n---\ntitle: 关于\n---\n正文\n",
			want: content.Doc{Kind: content.Page, Title: "关于", Lines: map[string]int{"title": 4}, BodyLine: 6, Body: []byte("正文\n")},
		},
		{
			name: "CRLF",
			file: "content/about.md",
			data: "---\r\ntitle: 关于\r\nslug: about-us\r\n---\r\n\r\n正文\r\n",
			want: content.Doc{Kind: content.Page, Title: "关于", Lines: map[string]int{"title": 2, "slug": 3}, BodyLine: 5, Body: []byte("\n正文\n")},
		},
		{
			name: "byte order mark",
			file: "content/about.md",
			data: "\uFEFF---\ntitle: 关于\n---\n正文\n",
			want: content.Doc{Kind: content.Page, Title: "关于", Lines: map[string]int{"title": 2}, BodyLine: 4, Body: []byte("正文\n")},
		},
		{
			name: "empty front matter of a page is reported, but the doc is kept",
			file: "content/about.md",
			data: "---\n---\n正文\n",
			want: content.Doc{Kind: content.Page, Lines: map[string]int{}, BodyLine: 3, Body: []byte("正文\n")},
		},
		{
			name: "a title that is a number is text",
			file: "content/about.md",
			data: "---\ntitle: 2021\n---\n",
			want: content.Doc{Kind: content.Page, Title: "2021", Lines: map[string]int{"title": 2}, BodyLine: 4, Body: []byte{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			d := content.Parse(tt.file, []byte(tt.data), shanghai, &l)
			if d == nil {
				t.Fatalf("Parse returned nil; problems: %v", l.Err())
			}
			if d.Path != tt.file {
				t.Errorf("Path = %q, want %q", d.Path, tt.file)
			}
			if d.Kind != tt.want.Kind || d.Bundle != tt.want.Bundle {
				t.Errorf("Kind, Bundle = %v, %v; want %v, %v", d.Kind, d.Bundle, tt.want.Kind, tt.want.Bundle)
			}
			if d.Title != tt.want.Title {
				t.Errorf("Title = %q, want %q", d.Title, tt.want.Title)
			}
			if !maps.Equal(d.Lines, tt.want.Lines) {
				t.Errorf("Lines = %v, want %v", d.Lines, tt.want.Lines)
			}
			if d.BodyLine != tt.want.BodyLine {
				t.Errorf("BodyLine = %d, want %d", d.BodyLine, tt.want.BodyLine)
			}
			if !bytes.Equal(d.Body, tt.want.Body) {
				t.Errorf("Body = %q, want %q", d.Body, tt.want.Body)
			}
			// The line of the body's first line is true to the file.
			if lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\uFEFF", "").Replace(tt.data), "\n"); len(d.Body) > 0 {
				first, _, _ := bytes.Cut(d.Body, []byte("\n"))
				if got := lines[d.BodyLine-1]; got != string(first) {
					t.Errorf("line %d of the file is %q, but the body starts with %q", d.BodyLine, got, first)
				}
			}
			if tt.name != "empty front matter of a page is reported, but the doc is kept" && l.Len() > 0 {
				t.Errorf("problems: %v", l.Err())
			}
		})
	}
}

// TestParseFields checks the typed values of a full story.
func TestParseFields(t *testing.T) {
	var l diag.List
	d := content.Parse("content/stories/a.md", []byte(story), shanghai, &l)
	if l.Len() > 0 {
		t.Fatal(l.Err())
	}
	got := fmt.Sprintf("%s|%s|%s|%q|%q|%s|%s|%s|%v|%v",
		d.Date.Format(time.RFC3339), d.Branch, d.Category, d.Tags, d.Authors, d.Summary, d.Slug, d.Cover, d.Draft, d.Params)
	want := `2021-04-20T09:00:00+08:00|机关第八支部（社会事业局）|为民办实事|["退役军人" "党史学习教育"]|["张三" "李四"]|一句话|veterans-aid|photo.jpg|false|map[weixin:gaoxinqu]`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	wantA := []content.Achievement{
		{Label: "援助退役军人", Value: 11, Unit: "位", Line: 15},
		{Label: "发放慰问金", Value: 4.8, Unit: "万元", Line: 16},
	}
	if !reflect.DeepEqual(d.Achievements, wantA) {
		t.Errorf("Achievements = %+v, want %+v", d.Achievements, wantA)
	}
}

// TestParseLists checks the forms a list of text may take.
func TestParseLists(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"tags: [退役军人, 党史学习教育]", `["退役军人" "党史学习教育"]`},
		{"tags: 退役军人, 党史学习教育", `["退役军人" "党史学习教育"]`},
		{"tags: 退役军人，党史学习教育、志愿服务", `["退役军人" "党史学习教育" "志愿服务"]`},
		{"tags: 退役军人", `["退役军人"]`},
		{"tags:", `[]`},
		{"tags: []", `[]`},
		{"tags: [a, a, b, a]", `["a" "b"]`},
		{"tags: [' a ', '', b]", `["a" "b"]`},
		{"tags: [5G, 2021]", `["5G" "2021"]`},
		// Full-width commas inside the brackets, Chinese brackets, spaces.
		{"tags: [退役军人，党史学习教育]", `["退役军人" "党史学习教育"]`},
		{"tags: [退役军人、党史学习教育, 志愿服务]", `["退役军人" "党史学习教育" "志愿服务"]`},
		{"tags: 【退役军人，党史学习教育】", `["退役军人" "党史学习教育"]`},
		{"tags: 「退役军人、党史学习教育」", `["退役军人" "党史学习教育"]`},
		{"tags: ［退役军人, 党史学习教育］", `["退役军人" "党史学习教育"]`},
		{"tags: 【退役军人", `["退役军人"]`},
		// Semicolons and 【】 part items as commas do (a trial:
		// "tags: 【党建引领；志愿服务】" was one tag).
		{"tags: 【党建引领；志愿服务】", `["党建引领" "志愿服务"]`},
		{"tags: 【党建引领】【志愿服务】", `["党建引领" "志愿服务"]`},
		{"tags: 党建引领；志愿服务; 网格", `["党建引领" "志愿服务" "网格"]`},
		{"tags: [党建引领；志愿服务]", `["党建引领" "志愿服务"]`},
		{"tags: [【党建引领】, 志愿服务]", `["党建引领" "志愿服务"]`},
		{"tags:\n  - 【党建引领】\n  - 志愿服务；网格", `["党建引领" "志愿服务" "网格"]`},
		{"authors: 罗晓岚；曾志明", `["罗晓岚" "曾志明"]`},
		// Quotation marks in an item, not around it, are the item's.
		{"tags: [新时代“枫桥经验”, “红色”物业“管家”]", `["新时代“枫桥经验”" "“红色”物业“管家”"]`},
		// A joiner inside an emoji is the emoji's.
		{"tags: [\U0001F468\u200d\U0001F469\u200d\U0001F467]", `["👨\u200d👩\u200d👧"]`},
		{"tags: 退役军人 党史学习教育", `["退役军人" "党史学习教育"]`},
		{"tags: 退役军人　党史学习教育", `["退役军人" "党史学习教育"]`},
		{"tags: [退役军人 党史学习教育, 志愿服务]", `["退役军人" "党史学习教育" "志愿服务"]`},
		{"tags:\n  - 退役军人，党史学习教育\n  - 志愿服务 网格", `["退役军人" "党史学习教育" "志愿服务" "网格"]`},
		{"tags: open source", `["open source"]`},
		{"tags: [open source, 5G 网络]", `["open source" "5G 网络"]`},
		{"tags: [\"a, b\"]", `["a, b"]`},
		{"tags: ['退役军人 党史学习教育', \"志愿服务，网格\"]", `["退役军人 党史学习教育" "志愿服务，网格"]`},
		{"tags: \"退役军人 党史学习教育\"", `["退役军人 党史学习教育"]`},
		{"authors: ['<b>张三</b>', '李&四 \"老李\"']", `["<b>张三</b>" "李&四 \"老李\""]`},
		{"authors: [罗晓岚，曾志明]", `["罗晓岚" "曾志明"]`},
		{"authors: 罗晓岚 曾志明", `["罗晓岚" "曾志明"]`},
		{"authors: 【罗晓岚、曾志明】", `["罗晓岚" "曾志明"]`},
		{"authors: Zhang San, 李四", `["Zhang San" "李四"]`},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var l diag.List
			d := content.Parse("content/about.md", []byte("---\ntitle: x\n"+tt.yaml+"\n---\n"), shanghai, &l)
			if l.Len() > 0 {
				t.Fatal(l.Err())
			}
			list := d.Tags
			if strings.HasPrefix(tt.yaml, "authors") {
				list = d.Authors
			}
			if got := fmt.Sprintf("%q", list); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestParseListWarnings checks the warning for an item that white space
// does not split, since one of its parts holds no Chinese character, but
// that has two or more parts that do (a trial: "tags: 5G 党建引领 智慧社区"
// made one tag of the three, with no word of it).
func TestParseListWarnings(t *testing.T) {
	const hint = "\n\thint: if it is several, separate them with commas: tags: [5G, 党建引领, 智慧社区]; if it is one, put it in quotes: tags: \"5G 党建引领 智慧社区\""
	tests := []struct{ yaml, want string }{
		{"tags: 5G 党建引领 智慧社区", `content/about.md:3: warning: tags: "5G 党建引领 智慧社区" is one item: spaces separate items only when every part holds a Chinese character` + hint},
		{"tags: [5G 党建引领 智慧社区, 网格]", `content/about.md:3: warning: tags: "5G 党建引领 智慧社区" is one item: spaces separate items only when every part holds a Chinese character` + hint},
		{"tags:\n  - 网格\n  - 5G 党建引领 智慧社区", `content/about.md:5: warning: tags: "5G 党建引领 智慧社区" is one item: spaces separate items only when every part holds a Chinese character` + hint},
		{"tags: \"5G 党建引领 智慧社区\"", ""},
		{"tags: ['5G 党建引领 智慧社区']", ""},
		{"tags: 5G 网络", ""},
		{"tags: 党建引领 智慧社区", ""},
		{"tags: 党建 - 志愿服务", ""}, // a dash says it is one
		{"authors: Zhang San, 李四", ""},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var l diag.List
			content.Parse("content/about.md", []byte("---\ntitle: x\n"+tt.yaml+"\n---\n"), shanghai, &l)
			got := ""
			if l.Len() > 0 {
				got = l.Problems()[0].Error()
			}
			if l.Len() > 1 || got != tt.want {
				t.Errorf("%d problems, the first:\n%s\nwant\n%s", l.Len(), got, tt.want)
			}
		})
	}
}

// TestParseListsTidied checks what a list loses that cannot be part of an
// item, with a warning at the item's line: a character that shows nothing
// (a trial: "防汛\u200b" became a tag page of its own, beside 防汛's), and
// Chinese quotation marks around it (a trial: the tag page /tags/“5g应用”/).
func TestParseListsTidied(t *testing.T) {
	const (
		zwsp    = "content/about.md:%d: warning: %s: %q holds a zero-width space (U+200B), which does not show; it is left out, and the item is %q\n\thint: delete it: it comes right after “%s”"
		quotes  = "content/about.md:%d: warning: tags: the quotation marks around %q would be part of the item; they are left out: the item is %q\n\thint: delete the quotation marks from the file"
		feff    = "content/about.md:3: warning: tags: \"\\ufeff防汛\" holds a zero-width no-break space (U+FEFF), which does not show; it is left out, and the item is \"防汛\"\n\thint: delete it: it comes right before “防汛”"
		onlyZW  = "content/about.md:3: warning: tags: \"\\u2060\" holds a word joiner (U+2060), which does not show; it is left out, and the item is \"\"\n\thint: delete it: there is nothing else"
		joinerZ = "content/about.md:3: warning: authors: \"张三\\u200d\" holds a zero-width joiner (U+200D), which does not show; it is left out, and the item is \"张三\"\n\thint: delete it: it comes right after “张三”"
	)
	tests := []struct {
		yaml, want string
		problems   []string
	}{
		{"tags: [防汛\u200b, 应急]", `["防汛" "应急"]`, []string{fmt.Sprintf(zwsp, 3, "tags", "防汛\u200b", "防汛", "防汛")}},
		{"tags: 防汛\u200b，应急", `["防汛" "应急"]`, []string{fmt.Sprintf(zwsp, 3, "tags", "防汛\u200b", "防汛", "防汛")}},
		{"tags:\n  - 应急\n  - 防\u200b汛", `["应急" "防汛"]`, []string{fmt.Sprintf(zwsp, 5, "tags", "防\u200b汛", "防汛", "防")}},
		{"tags: ['防汛\u200b']", `["防汛"]`, []string{fmt.Sprintf(zwsp, 3, "tags", "防汛\u200b", "防汛", "防汛")}},
		{"tags: [\ufeff防汛]", `["防汛"]`, []string{feff}},
		{"tags: [\u2060, 防汛]", `["防汛"]`, []string{onlyZW}},
		{"authors: 张三\u200d", `["张三"]`, []string{joinerZ}},
		{"tags: [“5G应用”, 产业链]", `["5G应用" "产业链"]`, []string{fmt.Sprintf(quotes, 3, "“5G应用”", "5G应用")}},
		{"tags: “5G应用”，‘产业链’", `["5G应用" "产业链"]`, []string{
			fmt.Sprintf(quotes, 3, "‘产业链’", "产业链"), // problems on a line sort by message
			fmt.Sprintf(quotes, 3, "“5G应用”", "5G应用"),
		}},
		{"tags:\n  - 产业链\n  - “5G应用”", `["产业链" "5G应用"]`, []string{fmt.Sprintf(quotes, 5, "“5G应用”", "5G应用")}},
		// Both at once, and the tag they hid is the same as another.
		{"tags: [5G应用, “5G应用\u200b”]", `["5G应用"]`, []string{
			fmt.Sprintf(zwsp, 3, "tags", "“5G应用\u200b”", "“5G应用”", "“5G应用"),
			fmt.Sprintf(quotes, 3, "“5G应用”", "5G应用"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var l diag.List
			d := content.Parse("content/about.md", []byte("---\ntitle: x\n"+tt.yaml+"\n---\n"), shanghai, &l)
			list := d.Tags
			if strings.HasPrefix(tt.yaml, "authors") {
				list = d.Authors
			}
			if got := fmt.Sprintf("%q", list); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			var got []string
			for _, p := range l.Problems() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

// TestParseProblems checks the problems Parse reports, each at its line.
// TestParseShown checks that a slug and a cover lose, with a warning at
// their line, a character that shows nothing: the address was not the one
// the writer saw, and a cover so named was "not found" beside the file of
// that name.
func TestParseShown(t *testing.T) {
	const warn = "content/about.md:3: warning: %s: %q holds %s, which does not show; it is left out, and the value is %q\n\thint: %s"
	tests := []struct {
		yaml, slug, cover string
		problems          []string
	}{
		{"slug: veterans\u200b-aid", "veterans-aid", "", []string{fmt.Sprintf(warn, "slug", "veterans\u200b-aid", "a zero-width space (U+200B)", "veterans-aid", "delete it: it comes right after “terans”")}},
		{"slug: \ufeffabout", "about", "", []string{fmt.Sprintf(warn, "slug", "\ufeffabout", "a zero-width no-break space (U+FEFF)", "about", "delete it: it comes right before “about”")}},
		{"cover: 合影\u2060.jpg", "", "合影.jpg", []string{fmt.Sprintf(warn, "cover", "合影\u2060.jpg", "a word joiner (U+2060)", "合影.jpg", "delete it: it comes right after “合影”")}},
		{"cover: \"images/a\u200b.jpg\"", "", "images/a.jpg", []string{fmt.Sprintf(warn, "cover", "images/a\u200b.jpg", "a zero-width space (U+200B)", "images/a.jpg", "delete it: it comes right after “ages/a”")}},
		{"slug: veterans-aid\ncover: a.jpg", "veterans-aid", "a.jpg", nil},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var l diag.List
			d := content.Parse("content/about.md", []byte("---\ntitle: x\n"+tt.yaml+"\n---\n"), shanghai, &l)
			if d.Slug != tt.slug || d.Cover != tt.cover {
				t.Errorf("slug %q, cover %q; want %q, %q", d.Slug, d.Cover, tt.slug, tt.cover)
			}
			var got []string
			for _, p := range l.Problems() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

func TestParseProblems(t *testing.T) {
	const dateHint = "\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00"
	const utf16 = "\n\thint: re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8"
	tests := []struct {
		name, file, data string
		nilDoc           bool // Parse returns no doc at all
		want             []string
	}{
		{
			name: "a story needs title, date, branch and category",
			file: "content/stories/a.md", data: "---\nweixin: x\n---\n",
			want: []string{
				"content/stories/a.md:2: branch is missing\n\thint: add a line \"branch: …\" to the front matter, such as branch: 机关第八支部（社会事业局）",
				"content/stories/a.md:2: category is missing\n\thint: add a line \"category: …\" to the front matter, such as category: 为民办实事",
				"content/stories/a.md:2: date is missing\n\thint: add a line \"date: …\" to the front matter, such as date: 2021-04-20",
				"content/stories/a.md:2: title is missing\n\thint: add a line \"title: …\" to the front matter, such as title: 机关第八支部开设退役军人困难援助项目",
			},
		},
		{
			name: "a page needs only a title",
			file: "content/about.md", data: "---\nweixin: x\n---\n",
			want: []string{"content/about.md:2: title is missing\n\thint: add a line \"title: …\" to the front matter, such as title: 机关第八支部开设退役军人困难援助项目"},
		},
		{
			name: "a misspelt key gets a hint at its line",
			file: "content/about.md", data: "---\nslug: x\ntitel: 关于\n---\n",
			want: []string{"content/about.md:3: title is missing\n\thint: the front matter has \"titel\": did you mean \"title\"?"},
		},
		{
			name: "empty front matter",
			file: "content/about.md", data: "---\n---\n",
			want: []string{"content/about.md:1: title is missing\n\thint: add a line \"title: …\" to the front matter, such as title: 机关第八支部开设退役军人困难援助项目"},
		},
		{
			// yaml.v3 gives no line for an error in a list opened on the first
			// line, only where it ran out: the closing ---. The line check
			// finds it where it is.
			name: "YAML syntax error on the first line of the front matter",
			file: "content/about.md", data: "---\ntitle: [关于\n---\n",
			want: []string{"content/about.md:2: the value of title cannot start with \"[\" unless it is in quotes\n\thint: put the value in quotes: title: \"[关于\""},
		},
		{
			name: "a list left open on the first line",
			file: "content/about.md", data: "---\ntags: [关于\n---\n",
			want: []string{"content/about.md:2: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [关于]"},
		},
		{
			name: "a full-width colon",
			file: "content/about.md", data: "---\ntitle：关于本站\nslug: about\n---\n",
			want: []string{"content/about.md:2: the colon after title is a full-width “：”\n\thint: write an English colon and a space: title: 关于本站"},
		},
		{
			name: "a full-width colon, not on the first line, and a value that needs quotes",
			file: "content/about.md", data: "---\nslug: about\ntitle ：支部书记说: 好\n---\n",
			want: []string{"content/about.md:3: the colon after title is a full-width “：”\n\thint: write an English colon and a space: title: \"支部书记说: 好\""},
		},
		{
			// A trial: YAML reported the line below, as a "key: value" that
			// cannot be there, and said nothing of the colon.
			name: "a full-width colon after the first key of a list item",
			file: "content/about.md", data: "---\ntitle: 关于\nachievements:\n  - label：参会居民\n    value: 30\n---\n",
			want: []string{"content/about.md:4: the colon after label is a full-width “：”\n\thint: write an English colon and a space: - label: 参会居民"},
		},
		{
			name: "a full-width colon after another key of a list item",
			file: "content/about.md", data: "---\ntitle: 关于\nachievements:\n  - label: 参会居民\n    value：30\n---\n",
			want: []string{"content/about.md:5: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 30"},
		},
		{
			name: "full-width colons at the top and in list items, each reported",
			file: "content/about.md",
			data: "---\ntitle: 关于\ntags：[a]\nachievements:\n  - label：参会居民\n    value：30\n    unit： 人\n  - label: 会议\n    value：3\n  - {label: 走访, value: 4}\nlinks:\n  - name: 官网\n    url：https://a.cn\n  - name：公众号\n---\n",
			want: []string{
				"content/about.md:3: the colon after tags is a full-width “：”\n\thint: write an English colon and a space: tags: [a]",
				"content/about.md:5: the colon after label is a full-width “：”\n\thint: write an English colon and a space: - label: 参会居民",
				"content/about.md:6: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 30",
				"content/about.md:7: the colon after unit is a full-width “：”\n\thint: write an English colon and a space: unit: 人",
				"content/about.md:9: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 3",
				"content/about.md:13: the colon after url is a full-width “：”\n\thint: write an English colon and a space: url: https://a.cn",
				"content/about.md:14: the colon after name is a full-width “：”\n\thint: write an English colon and a space: - name: 公众号",
			},
		},
		{
			name: "a full-width colon after a key of a list item that is not lined up",
			file: "content/about.md", data: "---\ntitle: 关于\nachievements:\n  - label: 参会居民\n     value：30\n---\n",
			want: []string{
				"content/about.md:5: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 30",
				"content/about.md:5: value does not line up with label, the key above it\n\thint: indent it by 4 spaces, as label",
			},
		},
		{
			// Only where a key's colon is: in text, "：" is the writer's.
			name: "full-width colons in text, indented",
			file: "content/about.md",
			data: "---\ntitle: 主题：为民办实事\nsummary: |\n  QQ：12345\n  - Tel：6789\nnote: 联系方式\n  QQ：12345\ntags:\n  - QQ：群\n  - 2021：回顾\nlinks:\n  - QQ：123456\nmeta:\n  QQ：123\nlinks2: |-\n  - name：官网\n    url: https://a.cn\nachievements:\n  - label: 参会居民：社区\n    value: 30\n    unit: 人（备注：x）\n---\n",
		},
		{
			name: "no space after the colon",
			file: "content/about.md", data: "---\nslug: about\ntitle:关于本站\n---\n",
			want: []string{"content/about.md:3: there is no space after the colon of title\n\thint: write a space after the colon: title: 关于本站"},
		},
		{
			name: "no space after the colon on the only line",
			file: "content/about.md", data: "---\ntitle:关于本站\n---\n",
			want: []string{"content/about.md:2: there is no space after the colon of title\n\thint: write a space after the colon: title: 关于本站"},
		},
		{
			// A trial: a space copied from a web page was reported as
			// no space, and the hint looked like what was written.
			name: "a non-breaking space after the colon",
			file: "content/stories/a.md", data: "---\ntitle: 端午送温暖\ndate: 2024-06-08\nbranch:\u00a0麓谷街道枫林社区党委\ncategory: 为民办实事\n---\n",
			want: []string{"content/stories/a.md:4: after the colon of branch there is a non-breaking space (U+00A0, most likely copied from a web page), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: branch: 麓谷街道枫林社区党委"},
		},
		{
			name: "odd spaces after colons, each reported",
			file: "content/about.md", data: "---\ntitle:\u3000关于本站\nslug:\u2009about\nsummary:\u00a0\u00a0本站\n---\n",
			want: []string{
				"content/about.md:2: after the colon of title there is a full-width space (U+3000), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: title: 关于本站",
				"content/about.md:3: after the colon of slug there is a special space (U+2009), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: slug: about",
				"content/about.md:4: after the colon of summary there is a non-breaking space (U+00A0, most likely copied from a web page), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: summary: 本站",
			},
		},
		{
			// A review: the line to copy kept the zero-width space inside
			// the title, which the title's own warning asks to delete.
			name: "a non-breaking space after the colon of a title holding a zero-width space",
			file: "content/about.md", data: "---\ntitle:\u00a0荷花塘社区\u200b党委开展防汛演练\n---\n",
			want: []string{
				"content/about.md:2: after the colon of title there is a non-breaking space (U+00A0, most likely copied from a web page), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: title: 荷花塘社区党委开展防汛演练",
				"content/about.md:2: warning: title: \"荷花塘社区\\u200b党委开展防汛演练\" holds a zero-width space (U+200B), which does not show, and search takes it for a break between words\n\thint: delete it: it comes right after “荷花塘社区”",
			},
		},
		{
			name: "a zero-width space after the colon",
			file: "content/about.md", data: "---\ntitle:\u200b 关于本站\n---\n",
			want: []string{"content/about.md:2: after the colon of title there is a zero-width space (U+200B), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: title: 关于本站"},
		},
		{
			// An ordinary space first: YAML reads the value, and trims it.
			name: "a non-breaking space after a space",
			file: "content/about.md", data: "---\ntitle: \u00a0关于本站\n---\n",
		},
		{
			// A trial: a zero-width space copied with the title was
			// kept in it, and search did not find the words around it.
			name: "a zero-width space in the title and the summary",
			file: "content/about.md", data: "---\ntitle: 荷花塘社区\u200b党委开展防汛演练\nsummary: \u2060防汛演练\n---\n",
			want: []string{
				"content/about.md:2: warning: title: \"荷花塘社区\\u200b党委开展防汛演练\" holds a zero-width space (U+200B), which does not show, and search takes it for a break between words\n\thint: delete it: it comes right after “荷花塘社区”",
				"content/about.md:3: warning: summary: \"\\u2060防汛演练\" holds a word joiner (U+2060), which does not show, and search takes it for a break between words\n\thint: delete it: it comes right before “防汛演练”",
			},
		},
		{
			name: "a colon and a space in a value on the first line",
			file: "content/about.md", data: "---\ntitle: 支部书记说: 好\nslug: about\n---\n",
			want: []string{"content/about.md:2: the value of title holds “: ”, so it must be in quotes\n\thint: put the value in quotes, or write a Chinese colon “：”: title: \"支部书记说: 好\""},
		},
		{
			name: "values that start with markup, each reported",
			file: "content/about.md", data: "---\ntitle: @老兵之家\nsummary: - 走访慰问\ncover: `a.jpg`\nslug: about\n---\n",
			want: []string{
				"content/about.md:2: the value of title cannot start with \"@\" unless it is in quotes\n\thint: put the value in quotes: title: \"@老兵之家\"",
				"content/about.md:3: the value of summary cannot start with \"-\" unless it is in quotes\n\thint: put the value in quotes: summary: \"- 走访慰问\"",
				"content/about.md:4: the value of cover cannot start with \"`\" unless it is in quotes\n\thint: put the value in quotes: cover: \"`a.jpg`\"",
			},
		},
		{
			name: "text after a closing quote",
			file: "content/about.md", data: "---\nslug: about\ntitle: \"红色周末\"便民集市\n---\n",
			want: []string{"content/about.md:3: the value of title goes on after its closing quote\n\thint: use Chinese quotation marks: title: “红色周末”便民集市; or put the whole value in English quotes: title: '\"红色周末\"便民集市'"},
		},
		{
			// A trial: the whole title in quotes around a quoted phrase;
			// the hint kept the outer pair in the title.
			name: "a title in quotes around a quoted phrase",
			file: "content/about.md", data: "---\nslug: about\ntitle: \"枫林社区\"加装电梯\"议事会\"\n---\n",
			want: []string{"content/about.md:3: the value of title goes on after its closing quote\n\thint: use Chinese quotation marks: title: 枫林社区“加装电梯”议事会; or put the whole value in English quotes: title: '枫林社区\"加装电梯\"议事会'"},
		},
		{
			name: "a line that is not key: value",
			file: "content/about.md", data: "---\ntitle: 关于\n本站记录新闻。\n第二段。\n---\n",
			want: []string{"content/about.md:3: the line is not “key: value”\n\thint: write one key and its value a line, such as title: 党建微课堂; if the story's text starts here, end the front matter above it with a line ---"},
		},
		{
			name: "a comment cuts a title short",
			file: "content/about.md", data: "---\ntitle: 党建微课堂 #3 退役军人援助\n---\n",
			want: []string{"content/about.md:2: title: the text after “#” is read as a comment\n\thint: put the value in quotes: title: \"党建微课堂 #3 退役军人援助\""},
		},
		{
			name: "comments after text values",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b #八支部\ncategory: c\nsummary: 一句话 #党史学习教育#\ncover: # 待定\nslug: a\n---\n",
			want: []string{
				"content/stories/a.md:4: branch: the text after “#” is read as a comment\n\thint: write the name without “#”: branch: b",
				"content/stories/a.md:6: summary: the text after “#” is read as a comment\n\thint: put the value in quotes: summary: \"一句话 #党史学习教育#\"",
				"content/stories/a.md:7: cover: the text after “#” is read as a comment\n\thint: put the value in quotes: cover: \"# 待定\"",
			},
		},
		{
			name: "a key in Chinese with a Chinese colon",
			file: "content/stories/a.md", data: "---\n标题：一\ndate: 2021-04-20\nbranch: b\ncategory: c\n草稿：true\n---\n",
			want: []string{
				"content/stories/a.md:2: unknown key \"标题\"\n\thint: write title: — front matter keys are in English",
				"content/stories/a.md:6: unknown key \"草稿\"\n\thint: write draft: — front matter keys are in English",
			},
		},
		{
			name: "a comment after an item of a list written one item a line",
			file: "content/about.md", data: "---\ntitle: 关于\ntags:\n  - 党建 #志愿服务\n  - 换届选举\nauthors:\n  - 张三 # 通讯员\n---\n",
			want: []string{
				"content/about.md:4: tags: the text after “#” is read as a comment\n\thint: write the items without “#”, as a list: tags: [党建, 志愿服务, 换届选举]",
				"content/about.md:7: authors: the text after “#” is read as a comment\n\thint: write the items without “#”, as a list: authors: [张三, 通讯员]",
			},
		},
		{
			name: "a registered name with a remark after “#”",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: 机关第八支部（社会事业局） #备注\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:4: branch: the text after “#” is read as a comment\n\thint: write the name without “#”: branch: 机关第八支部（社会事业局）"},
		},
		{
			name: "a category and a branch written as hashtags",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: #\ncategory: #为民办实事\n---\n",
			want: []string{
				"content/stories/a.md:4: branch: the text after “#” is read as a comment\n\thint: write the name without “#”: branch: …",
				"content/stories/a.md:5: category: the text after “#” is read as a comment\n\thint: write the name without “#”: category: 为民办实事",
			},
		},
		{
			name: "comments after quoted values and other keys are fine",
			file: "content/about.md", data: "---\ntitle: \"党建微课堂 #3\" # 第三期\ntags: [a] # 标签\ndraft: false # 发布\n# 一行注释\n---\n",
			want: nil,
		},
		{
			name: "an empty branch and an empty category",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-04-20\nbranch:\ncategory: \" \"\n---\n",
			want: []string{
				"content/stories/a.md:4: branch is empty\n\thint: write the name of the story's branch as site.yaml lists it, or its slug, such as branch: 机关第八支部（社会事业局）",
				"content/stories/a.md:5: category is empty\n\thint: write the name of the story's category as site.yaml lists it, or its slug, such as category: 为民办实事",
			},
		},
		{
			// A trial: it became a page linked from every footer, off
			// the lists, the feeds and its branch's page, without a word.
			name: "a story saved in content/ itself",
			file: "content/veterans-aid.md", data: "---\ntitle: 走访慰问退役军人\ndate: 2021-04-20\nbranch: 枫林社区党委\ncategory: 为民办实事\n---\n",
			want: []string{"content/veterans-aid.md:4: warning: branch: is a story's key, and this file is a page: it lies directly in content/, and pages are not listed with the stories, nor on a branch's or a category's page\n\thint: to publish it as a story, move it into a folder under content/stories/, such as content/stories/2021/04/; for a page, remove branch: and category:"},
		},
		{
			name: "a page bundle with a category",
			file: "content/contact/index.md", data: "---\ntitle: 联系我们\ncategory: 为民办实事\n---\n",
			want: []string{"content/contact/index.md:3: warning: category: is a story's key, and this file is a page: it lies directly in content/, and pages are not listed with the stories, nor on a branch's or a category's page\n\thint: to publish it as a story, move it into a folder under content/stories/, such as content/stories/2021/04/; for a page, remove branch: and category:"},
		},
		{
			name: "a page may leave branch empty",
			file: "content/about.md", data: "---\ntitle: 关于\nbranch:\n---\n",
			want: nil,
		},
		{
			name: "an empty date",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate:\nbranch: b\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:3: date is empty\n\thint: give the story's date, such as date: 2021-04-20"},
		},
		{
			name: "misspelt optional keys",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\ndarft: true\nsumary: 一句话\nCover: a.jpg\nTitle: 二\nauthor: 张三\ntag: 党建\nweixin: gaoxinqu\nsubtitle: 副标题\n---\n",
			want: []string{
				"content/stories/a.md:6: unknown key \"darft\"\n\thint: did you mean \"draft\"? if the key is meant for templates, rename it so that it does not look like \"draft\"",
				"content/stories/a.md:7: unknown key \"sumary\"\n\thint: did you mean \"summary\"? if the key is meant for templates, rename it so that it does not look like \"summary\"",
				"content/stories/a.md:8: unknown key \"Cover\"\n\thint: did you mean \"cover\"? if the key is meant for templates, rename it so that it does not look like \"cover\"",
				"content/stories/a.md:9: unknown key \"Title\"\n\thint: did you mean \"title\"? if the key is meant for templates, rename it so that it does not look like \"title\"",
				"content/stories/a.md:10: unknown key \"author\"\n\thint: did you mean \"authors\"? if the key is meant for templates, rename it so that it does not look like \"authors\"",
				"content/stories/a.md:11: unknown key \"tag\"\n\thint: did you mean \"tags\"? if the key is meant for templates, rename it so that it does not look like \"tags\"",
			},
		},
		{
			name: "a misspelt required key is reported once, as missing",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\nDate: 2021-04-20\nbranch: b\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:3: date is missing\n\thint: the front matter has \"Date\": did you mean \"date\"?"},
		},
		{
			name: "UTF-16 without a byte order mark, little-endian", nilDoc: true,
			file: "content/about.md", data: utf16Text("---\ntitle: 关于\n---\n\n正文。\n", false),
			want: []string{"content/about.md:1: the file is UTF-16 text, not UTF-8" + utf16},
		},
		{
			name: "UTF-16 without a byte order mark, big-endian", nilDoc: true,
			file: "content/about.md", data: utf16Text("---\ntitle: 关于\n---\n\n正文。\n", true),
			want: []string{"content/about.md:1: the file is UTF-16 text, not UTF-8" + utf16},
		},
		{
			// Issue: a story in Chinese has characters whose low byte is
			// NUL (一 is U+4E00, 最 U+6700), so its NULs are not all on one
			// side, and it was called a binary file.
			name: "UTF-16 without a byte order mark, little-endian, with NULs on both sides", nilDoc: true,
			file: "content/stories/a.md", data: utf16Text(chineseStory, false),
			want: []string{"content/stories/a.md:1: the file is UTF-16 text, not UTF-8" + utf16},
		},
		{
			name: "UTF-16 without a byte order mark, big-endian, with NULs on both sides", nilDoc: true,
			file: "content/stories/a.md", data: utf16Text(chineseStory, true),
			want: []string{"content/stories/a.md:1: the file is UTF-16 text, not UTF-8" + utf16},
		},
		{
			name: "NUL bytes on both sides, with text between them", nilDoc: true,
			file: "content/about.md", data: "---\x00\x01title\x00\x02\x00\x00\x00\x03\x00\x04\x00",
			want: []string{"content/about.md:1: the file is binary, not Markdown text\n\thint: a story is a plain text .md file; images and documents belong beside it with another extension"},
		},
		{
			name: "YAML syntax error in a block list",
			file: "content/about.md", data: "---\ntitle: 关于\ntags:\n  - a\n - b\n---\n",
			want: []string{"content/about.md:5: the “- ” of this item does not line up with that of the item above\n\thint: indent it by 2 spaces, as the items above"},
		},
		{
			name: "a tab in the indentation",
			file: "content/about.md", data: "---\ntitle: 关于\ntags:\n\t- a\n---\n",
			want: []string{"content/about.md:4: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces"},
		},
		{
			// A review: a tab after the spaces of a "|" value's text is
			// text, and the line check said otherwise when YAML failed
			// for another reason, hiding YAML's word on it.
			name: "a tab in the text of a block value, and a list not closed",
			file: "content/about.md", data: "---\ntitle: 关于\nsummary: |\n  第一\n  \t第二\ntags: [a, b\n---\n",
			want: []string{"content/about.md:6: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			// A trial: YAML names no line for a control character, and
			// the error was at line 1, with the hint on quotes.
			name: "a control character",
			file: "content/about.md", data: "---\ntitle: 关于\nsummary: 一句\x1b话\n---\n",
			want: []string{"content/about.md:3: invalid front matter: control characters are not allowed\n\thint: delete the invisible character U+001B on this line: it comes with text copied from Word or a web page"},
		},
		{
			// Issue: a tab before a list item and one before a key got
			// two different messages.
			name: "a tab in the indentation of a key",
			file: "content/about.md", data: "---\ntitle: 关于\nachievements:\n  - label: 走访户数\n\t value: 12\n---\n",
			want: []string{"content/about.md:5: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces"},
		},
		{
			// A trial: a tab, a quote never closed or a line that is not
			// "key: value" hid every other problem of the file. The front
			// matter is read again with the line guessed at.
			name: "a tab, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-04-31\nbranch: b\ncategory: c\nachievements:\n\t- {label: 参选率, value: 96.4, unit: \"%\"}\n---\n",
			want: []string{
				"content/stories/a.md:3: date: \"2021-04-31\": month 4 of 2021 has 30 days\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
				"content/stories/a.md:7: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces",
			},
		},
		{
			// A review: the second item was guessed at the top.
			name: "a list indented with tabs, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-13-01\nbranch: b\ncategory: c\ntags:\n\t- a\n\t- b\n---\n",
			want: []string{
				"content/stories/a.md:3: date: \"2021-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
				"content/stories/a.md:7: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces",
				"content/stories/a.md:8: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces",
			},
		},
		{
			name: "a quote never closed, and a misspelt key",
			file: "content/stories/a.md", data: "---\ntitle: \"杉木村换届\ndate: 2021-01-22\nbranch: b\ncategory: c\ndarft: true\n---\n",
			want: []string{
				"content/stories/a.md:2: the quote \" that opens the value of title is never closed\n\thint: end the value with the same quote, \", or use Chinese quotation marks “”",
				"content/stories/a.md:6: unknown key \"darft\"\n\thint: did you mean \"draft\"? if the key is meant for templates, rename it so that it does not look like \"draft\"",
			},
		},
		{
			// The line left out may be the title without its key: no
			// key is reported missing then.
			name: "a line that is not key: value, and a bad date",
			file: "content/stories/a.md", data: "---\n杉木村换届\ndate: 2021-13-01\nbranch: b\ncategory: c\n---\n",
			want: []string{
				"content/stories/a.md:2: the line is not “key: value”\n\thint: write one key and its value a line, such as title: 党建微课堂; if the story's text starts here, end the front matter above it with a line ---",
				"content/stories/a.md:3: date: \"2021-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			// The guess makes tags a mapping: what the second reading
			// says of the block of a guess is not reported.
			name: "a tab that makes the guess go wrong",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-01-22\nbranch: b\ncategory: c\ntags:\n\tname: x\n---\n",
			want: []string{"content/stories/a.md:7: the line is indented with a tab\n\thint: the front matter is indented with spaces only: replace the tab with spaces"},
		},
		{
			// Issue: YAML reported the item above, as a missing "- ".
			name: "a figure's dash a space off, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-04-31\nbranch: b\ncategory: c\nachievements:\n  - {label: 参选率, value: 96.4, unit: \"%\"}\n   - {label: 新成员, value: 7, unit: 名}\n---\n",
			want: []string{
				"content/stories/a.md:3: date: \"2021-04-31\": month 4 of 2021 has 30 days\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
				"content/stories/a.md:8: the “- ” of this item does not line up with that of the item above\n\thint: indent it by 2 spaces, as the items above",
			},
		},
		{
			name: "list items with no space after the dash",
			file: "content/about.md", data: "---\ntitle: 关于\ntags:\n  -党史学习教育\n  -退役军人\nauthors:\n  - 罗晓岚\n---\n",
			want: []string{
				"content/about.md:4: there is no space after the “-” of this item\n\thint: write a space after it: - 党史学习教育",
				"content/about.md:5: there is no space after the “-” of this item\n\thint: write a space after it: - 退役军人",
			},
		},
		{
			// Issue: YAML's message said a "key: value" could not be there.
			name: "a figure's key a space off",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n  - label: 援助金额\n    value: 4.8\n     unit: 万元\n---\n",
			want: []string{"content/stories/a.md:9: unit does not line up with value, the key above it\n\thint: indent it by 4 spaces, as value"},
		},
		{
			name: "keys of items and of a mapping inside an item are fine",
			file: "content/about.md", data: "---\ntitle: 关于\nlinks:\n  - name: 甲\n    urls:\n      home: a\n      blog: b\n    note: |-\n      Email: a\n  - name: 乙\ntags: [a, b\n---\n",
			want: []string{"content/about.md:11: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			name: "a list written at the depth of its key, inside a list item, is fine",
			file: "content/about.md", data: "---\ntitle: 关于\nlinks:\n  - name: 甲\n    urls:\n    - a\n    - b\n  - name: 乙\ntags: [a, b\n---\n",
			want: []string{"content/about.md:9: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			// The YAML error below makes Parse report the line check's
			// findings, so that a false one would show.
			name: "a list inside a list item is fine",
			file: "content/about.md", data: "---\ntitle: 关于\nlinks:\n  - name: 甲\n    urls:\n      - a\n      - b\n  - name: 乙\ntags: [a, b\n---\n",
			want: []string{"content/about.md:9: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			name: "an unclosed quote on the first line",
			file: "content/about.md", data: "---\ntitle: \"关于\nslug: x\n---\n",
			want: []string{"content/about.md:2: the quote \" that opens the value of title is never closed\n\thint: end the value with the same quote, \", or use Chinese quotation marks “”"},
		},
		{
			name: "an unclosed quote, and a quote on a later line",
			file: "content/stories/a.md", data: "---\ntitle: \"杉木村换届\ndate: 2021-01-22\nbranch: b\ncategory: c\nachievements:\n  - {label: 参选率, value: 96.4, unit: \"%\"}\n---\n",
			want: []string{"content/stories/a.md:2: the quote \" that opens the value of title is never closed\n\thint: end the value with the same quote, \", or use Chinese quotation marks “”"},
		},
		{
			name: "a quoted value over several lines is fine",
			file: "content/about.md", data: "---\ntitle: 关于\nsummary: \"一句\n  话\"\nslug: x\ntags: [a, b\n---\n",
			want: []string{"content/about.md:6: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			name: "an unclosed quote",
			file: "content/about.md", data: "---\ntitle: 关于\nslug: x\nsummary: \"一句\n\n话\n---\n",
			want: []string{"content/about.md:4: the quote \" that opens the value of summary is never closed\n\thint: end the value with the same quote, \", or use Chinese quotation marks “”"},
		},
		{
			// A trial: a list left open hid the file's other problems,
			// which came to light only once it was closed.
			name: "a list left open, a bad date and a misspelt key",
			file: "content/stories/a.md", data: "---\ntitle: 一\ndate: 2026-13-10\nbranch: b\ncatagory: c\ntags: [河道, 志愿\nauthors: 张三\n---\n",
			want: []string{
				"content/stories/a.md:3: date: \"2026-13-10\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
				"content/stories/a.md:5: category is missing\n\thint: the front matter has \"catagory\": did you mean \"category\"?",
				"content/stories/a.md:6: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [河道, 志愿]",
			},
		},
		{
			name: "a list left open after a comma",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [河道, 志愿，\nslug: x\n---\n",
			want: []string{"content/about.md:3: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [河道, 志愿]"},
		},
		{
			name: "a mapping left open",
			file: "content/about.md", data: "---\ntitle: 关于\nlinks: {home: a\nslug: x\n---\n",
			want: []string{"content/about.md:3: the { that opens the value of links has no } to close it\n\thint: end the value with } on its line: links: {home: a}"},
		},
		{
			// A review: brackets in quotes and in comments are text, and
			// the file is fine.
			name: "brackets in quotes and in a comment",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [\"a[\", b, 'c{']  # 见[附件\nauthors: [it's, 'd[']\nslug: x\n---\n",
		},
		{
			// A review: the hint put the ] after the comment.
			name: "a list left open before a comment, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\ntags: [a, b  # 标签\nslug: x\ndate: 2026-13-01\n---\n",
			want: []string{
				"content/stories/a.md:5: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b] # 标签",
				"content/stories/a.md:7: date: \"2026-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			name: "a list in a list left open",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [a, [b\nslug: x\n---\n",
			want: []string{"content/about.md:3: the [ that opens the value of tags has no ]] to close it\n\thint: end the value with ]] on its line: tags: [a, [b]]"},
		},
		{
			name: "a plain value with an apostrophe in a list left open",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [it's, b\nslug: x\n---\n",
			want: []string{"content/about.md:3: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [it's, b]"},
		},
		{
			// A quote left open in the list: YAML's word, not a guess.
			name: "a quote left open in a list",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [\"a, b\nslug: x\n---\n",
			want: []string{"content/about.md:3: invalid front matter: found unexpected end of stream\n\thint: each line is \"key: value\"; put text holding \": \" or starting with a quote or [ in quotes"},
		},
		{
			// A date or a draft closed would be a list all the same.
			name: "a date that opens a list",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\ndate: [2024-01-01\nslug: x\n---\n",
			want: []string{"content/stories/a.md:5: invalid front matter: did not find expected ',' or ']'\n\thint: each line is \"key: value\"; put text holding \": \" or starting with a quote or [ in quotes"},
		},
		{
			// A trial: YAML's message on it hid the file's other problems.
			name: "an item of achievements left open, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\nachievements:\n  - {label: 参会, value: 3, unit: 人\n  - {label: 走访, value: 5, unit: 户}\ndate: 2026-13-01\n---\n",
			want: []string{
				"content/stories/a.md:6: the { that opens this item of achievements has no } to close it\n\thint: end the value with } on its line: - {label: 参会, value: 3, unit: 人}",
				"content/stories/a.md:8: date: \"2026-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			name: "an item over two lines is fine",
			file: "content/about.md", data: "---\ntitle: 关于\nachievements:\n  - {label: 参会,\n     value: 3, unit: 人}\n  - {label: 走访, value: 5, unit: 户}\nslug: x\n---\n",
		},
		{
			// Closed where it was not opened: no end of the line mends it.
			name: "brackets that do not pair",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: {a: [b}\nslug: x\n---\n",
			want: []string{"content/about.md:3: invalid front matter: did not find expected ',' or ']'\n\thint: each line is \"key: value\"; put text holding \": \" or starting with a quote or [ in quotes"},
		},
		{
			// A review: lists in a text's lines are text.
			name: "a list in a text block, and another problem",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\ndate: 2021-04-20\nsummary: |-\n  工作安排：\n  - [ ] 待办\n  - [完成情况见附件\n  - 其他\nslug:x\n---\n",
			want: []string{"content/stories/a.md:11: there is no space after the colon of slug\n\thint: write a space after the colon: slug: x"},
		},
		{
			// A review: valid YAML, however it looks.
			name: "a mapping that a known key's line closes",
			file: "content/about.md", data: "---\ntitle: 关于\nlinks: {home: a,\nslug: b}\nsummary: x\n---\n",
		},
		{
			name: "a tag before a quote in a list",
			file: "content/about.md", data: "---\ntitle: 关于\ntags: [!!str 'a[b', c]\nslug: x\n---\n",
		},
		{
			// A review: closed on its first line, the list lost b.
			name: "a list left open over two lines, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\ntags: [a,\n  b,\nslug: x\ndate: 2026-13-01\n---\n",
			want: []string{
				"content/stories/a.md:5: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] at the end of line 6: b]",
				"content/stories/a.md:8: date: \"2026-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			// A review: the closing undid the colon's fix.
			name: "a list left open after a full-width colon, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\ntags：[a, b\ndate: 2026-13-01\n---\n",
			want: []string{
				"content/stories/a.md:5: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]",
				"content/stories/a.md:5: the colon after tags is a full-width “：”\n\thint: write an English colon and a space: tags: [a, b",
				"content/stories/a.md:6: date: \"2026-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			name: "an item left open a space off, and a bad date",
			file: "content/stories/a.md", data: "---\ntitle: 一\nbranch: b\ncategory: c\nachievements:\n  - {label: a, value: 1}\n   - {label: b, value: 2\ndate: 2026-13-01\n---\n",
			want: []string{
				"content/stories/a.md:7: the { that opens this item of achievements has no } to close it\n\thint: end the value with } on its line: - {label: b, value: 2}",
				"content/stories/a.md:7: the “- ” of this item does not line up with that of the item above\n\thint: indent it by 2 spaces, as the items above",
				"content/stories/a.md:8: date: \"2026-13-01\": there is no month 13\n\thint: write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00",
			},
		},
		{
			name: "a list left open, and a key below it",
			file: "content/about.md", data: "---\ntitle: 关于\nslug: x\ntags: [a, b\nsummary: c\n---\n",
			want: []string{"content/about.md:4: the [ that opens the value of tags has no ] to close it\n\thint: end the value with ] on its line: tags: [a, b]"},
		},
		{
			name: "unterminated", nilDoc: true,
			file: "content/about.md", data: "\n---\ntitle: 关于\n正文\n",
			want: []string{"content/about.md:2: the front matter that starts here is not closed\n\thint: end it with a line of three hyphens, ---, before the story's text"},
		},
		{
			name: "no front matter", nilDoc: true,
			file: "content/about.md", data: "title: 关于\n",
			want: []string{"content/about.md:1: the file has no front matter\n\thint: start the file with a line ---, then title:, date:, branch: and category: lines, then a line ---"},
		},
		{
			name: "only white space", nilDoc: true,
			file: "content/about.md", data: " \n\t\r\n",
			want: []string{"content/about.md:1: the file is empty\n\thint: a story starts with front matter between two lines of ---, giving its title, date, branch and category"},
		},
		{
			name: "NUL bytes", nilDoc: true,
			file: "content/about.md", data: "---\ntitle: 关于\x00\n---\n",
			want: []string{"content/about.md:1: the file is binary, not Markdown text\n\thint: a story is a plain text .md file; images and documents belong beside it with another extension"},
		},
		{
			name: "GBK", nilDoc: true,
			file: "content/about.md", data: "---\ntitle: \xB9\xD8\xD3\xDA\n---\n",
			want: []string{"content/about.md:2: the file is not UTF-8 text: it looks like GBK (GB2312/GB18030)\n\thint: re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding when saving"},
		},
		{
			name: "GBK after CRLF lines", nilDoc: true,
			file: "content/about.md", data: "---\r\ntitle: x\r\n---\r\n\r\n\xB9\xD8\xD3\xDA\r\n",
			want: []string{"content/about.md:5: the file is not UTF-8 text: it looks like GBK (GB2312/GB18030)\n\thint: re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding when saving"},
		},
		{
			name: "the front matter is text",
			file: "content/about.md", data: "---\n关于\n---\n",
			want: []string{"content/about.md:2: the line is not “key: value”\n\thint: write one key and its value a line, such as title: 党建微课堂; if the story's text starts here, end the front matter above it with a line ---"},
		},
		{
			name: "the front matter is a number",
			file: "content/about.md", data: "---\n2021\n---\n",
			want: []string{"content/about.md:2: the line is not “key: value”\n\thint: write one key and its value a line, such as title: 党建微课堂; if the story's text starts here, end the front matter above it with a line ---"},
		},
		{
			name: "a key that is a list",
			file: "content/about.md", data: "---\ntitle: 关于\n[a, b]: c\n---\n",
			want: []string{"content/about.md:3: the front matter: a key must be text, found a list"},
		},
		{
			name: "wrong types",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: [2021]\nbranch: {a: b}\ncategory: c\nslug: [x]\ncover: {}\nsummary: [s]\ndraft: yes\nauthors: {a: b}\n---\n",
			want: []string{
				"content/stories/a.md:3: date: expected text, found a list",
				"content/stories/a.md:4: branch: expected text, found a mapping",
				"content/stories/a.md:6: slug is empty\n\thint: remove the slug line to use the file name, or give a name such as veterans-aid",
				"content/stories/a.md:6: slug: expected text, found a list",
				"content/stories/a.md:7: cover: expected text, found a mapping",
				"content/stories/a.md:8: summary: expected text, found a list",
				"content/stories/a.md:9: draft: expected true or false, found \"yes\"\n\thint: write true or false, in English letters",
				"content/stories/a.md:10: authors: expected a list of text, found a mapping\n\thint: write authors: [a, b]",
			},
		},
		{
			name: "a list of text holding a list",
			file: "content/about.md", data: "---\ntitle: 关于\ntags:\n  - a\n  - [b, c]\n  -\n---\n",
			want: []string{
				"content/about.md:5: tags: expected a list of text, found a list in it\n\thint: write tags: [a, b]",
				"content/about.md:6: tags: expected a list of text, found nothing in it\n\thint: write tags: [a, b]",
			},
		},
		{
			name: "achievements",
			file: "content/about.md",
			data: "---\ntitle: 关于\nachievements:\n  - {label: 走访, value: 4.8万}\n  - {value: 3}\n  - {label: 慰问}\n  - {label: 资金, value: 1, units: 元}\n  - 12\n  - {label: [x], value: 2}\n  - {label: 金额, value: .inf}\n---\n",
			want: []string{
				"content/about.md:4: achievements, item 1, value: expected a number, found \"4.8万\"\n\thint: write the number alone, such as 4.8, and put its unit in unit",
				"content/about.md:5: achievements, item 2: label is missing\n\thint: write - {label: 援助退役军人, value: 11, unit: 位}",
				"content/about.md:6: achievements, item 3: value is missing\n\thint: give its number, and its unit: - {label: 慰问, value: …, unit: …}",
				"content/about.md:7: achievements, item 4: unknown key \"units\"\n\thint: did you mean \"unit\"?",
				"content/about.md:8: achievements, item 5: the figure is written as text, \"12\"\n\thint: write its name, number and unit apart: - {label: 走访群众, value: 1260, unit: 人次}",
				"content/about.md:9: achievements, item 6, label: expected text, found a list",
				"content/about.md:10: achievements, item 7, value: expected a number, found \".inf\"\n\thint: write the number alone, such as 4.8, and put its unit in unit",
			},
		},
		{
			// Found by FuzzParse: decoding the value recursed for ever.
			name: "a value that holds itself",
			file: "content/about.md", data: "---\ntitle: 关于\nweixin: &a [*a]\n---\n",
			want: []string{"content/about.md:3: weixin: the value holds itself through an alias\n\thint: write the value out without & and *"},
		},
		{
			name: "a value whose aliases expand without end",
			file: "content/about.md",
			data: "---\ntitle: 关于\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n",
			want: []string{
				"content/about.md:7: e: the aliases of the value expand to more than 100000 values\n\thint: write the value out without & and *",
				"content/about.md:8: f: the aliases of the value expand to more than 100000 values\n\thint: write the value out without & and *",
			},
		},
		{
			name: "aliases that are fine",
			file: "content/about.md", data: "---\ntitle: &t 关于\nslug: about\nog: {title: *t, list: &l [1, 2]}\nmore: [*l, *l]\n---\n",
			want: nil,
		},
		{
			// Hugo's keys, in a story brought from a Hugo site, did
			// nothing without a word.
			name: "Hugo's description and image",
			file: "content/about.md", data: "---\ntitle: 关于\ndescription: 本站简介\nImage: cover.jpg\n---\n",
			want: []string{
				"content/about.md:3: warning: herald does not read the key \"description\"; its own is \"summary\"\n\thint: rename it summary: unless it is meant for templates of the site's own",
				"content/about.md:4: warning: herald does not read the key \"Image\"; its own is \"cover\"\n\thint: rename it cover: unless it is meant for templates of the site's own",
			},
		},
		{
			name: "Hugo's images, a list",
			file: "content/about.md", data: "---\ntitle: 关于\nimages: [a.jpg, b.jpg]\n---\n",
			want: []string{
				"content/about.md:3: warning: herald does not read the key \"images\"; its own is \"cover\"\n\thint: write cover: with one of them, such as cover: a.jpg, unless the key is meant for templates of the site's own",
			},
		},
		{
			name: "Hugo's description beside a summary, for templates",
			file: "content/about.md", data: "---\ntitle: 关于\nsummary: 简介\ndescription: 给模板用的描述\n---\n",
			want: nil,
		},
		{
			// A trial: "label is missing", and the key "label：援助金额"
			// unknown.
			name: "full-width colons inside braces",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n  - {label：援助金额, value：6.3, unit: 万元}\n  - {label: 援助, value：六}\n  - {label：走访，value：30，unit：户}\n  - {label：调解，value: 12, unit: 起}\n---\n",
			want: []string{
				"content/stories/a.md:7: the colon after label is a full-width “：”\n\thint: write an English colon and a space: label: 援助金额",
				"content/stories/a.md:7: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 6.3",
				"content/stories/a.md:8: achievements, item 2, value: expected a number, found \"六\"\n\thint: write the number alone, such as 4.8, and put its unit in unit",
				"content/stories/a.md:8: the colon after value is a full-width “：”\n\thint: write an English colon and a space: value: 六",
				// A trial: "value is missing", with a hint that added a
				// figure the writer never typed.
				"content/stories/a.md:9: the pairs inside { } are written with full-width punctuation\n\thint: write English commas and colons, each followed by a space: label: 走访, value: 30, unit: 户",
				"content/stories/a.md:10: the pairs inside { } are written with full-width punctuation\n\thint: write English commas and colons, each followed by a space: label: 调解, value: 12",
			},
		},
		{
			// A trial: the right message, then three that said each key
			// did not line up with the one above, whose hints made the
			// figure one with the figure above.
			name: "a figure without its \"- \", its keys at the list's column",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n  - label: 走访群众\n    value: 1260\n  label: 解决问题\n  value: 36\n  unit: 件\n---\n",
			want: []string{
				"content/stories/a.md:9: label is at the column of the list's “- ”: a “- ” is missing before it\n\thint: begin the item with “- ”, as the items above, and indent its other keys by 4 spaces: - label: 解决问题",
			},
		},
		{
			// A key of the site's templates, above the figures (a
			// review: it was called a figure's).
			name: "a key named unit above achievements",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nunit: 个\nachievements:\n  - label: 走访群众\n    value: 1260\n---\n",
			want: nil,
		},
		{
			// A trial: YAML reported it at the next item.
			name: "a first figure without its \"- \"",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n    label: 走访群众\n    value: 1260\n  - label: 解决问题\n    value: 36\n---\n",
			want: []string{
				"content/stories/a.md:7: the first item of the list has no \"- \"\n\thint: begin it with \"- \", as the items below it: - label: 走访群众",
			},
		},
		{
			// A trial: the figure's keys at the column of the list's
			// "- " were read as the front matter's, and the figure was
			// left out without a word.
			name: "a figure without its \"- \", at the list's column",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n- label: 走访群众\n  value: 1260\nlabel: 解决问题\nvalue: 36\n---\n",
			want: []string{
				"content/stories/a.md:9: label is a key of a figure of achievements, but it is not in the list: a \"- \" is missing before it\n\thint: begin the figure with \"- \", lined up with the \"- \" of the figures above it: - label: 解决问题",
			},
		},
		{
			name: "a figure without its \"- \"",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\nachievements:\n  - label: 走访群众\n    value: 1260\n    unit: 人次\n    label: 解决问题\n    value: many\n---\n",
			want: []string{
				"content/stories/a.md:10: achievements: \"label\" comes again in the item that begins on line 7: a \"- \" is missing before it\n\thint: begin the new item with \"- \": - label: 解决问题; if the item has it twice, keep one of them",
				"content/stories/a.md:11: achievements, item 2, value: expected a number, found \"many\"\n\thint: write the number alone, such as 4.8, and put its unit in unit",
			},
		},
		{
			name: "duplicate key",
			file: "content/about.md", data: "---\ntitle: 关于\nslug: a\nslug: b\n---\n",
			want: []string{"content/about.md:4: duplicate key \"slug\"\n\thint: \"slug\" is already set on line 3; keep one of them"},
		},
		{
			name: "dates",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-13-45\nbranch: b\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:3: date: \"2021-13-45\": there is no month 13" + dateHint},
		},
		{
			name: "a day 0",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 2021-04-0\nbranch: b\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:3: date: \"2021-04-0\": there is no day 0: the days of month 4 of 2021 are 1 to 30\n\thint: write the day of the month in full, from 1, such as 2021-04-01"},
		},
		{
			name: "a year 0",
			file: "content/stories/a.md",
			data: "---\ntitle: 一\ndate: 0000-04-10\nbranch: b\ncategory: c\n---\n",
			want: []string{"content/stories/a.md:3: date: \"0000-04-10\": the year 0 is before 1900\n\thint: write the year the story was published, in four digits, such as 2021-04-20"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			d := content.Parse(tt.file, []byte(tt.data), shanghai, &l)
			if (d == nil) != tt.nilDoc {
				t.Errorf("Parse returned %v, want nil: %v", d, tt.nilDoc)
			}
			var got []string
			for _, p := range l.Problems() {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestParseUnreadDraft checks that a front matter YAML cannot read still
// makes a draft of its doc by a line "draft: true" (a trial: a draft with
// "tags: [a, b" left open stopped every build, its problems not forgiven),
// spelt as the decoder takes true, and by no other line.
func TestParseUnreadDraft(t *testing.T) {
	const head = "---\ntitle: 未完成的草稿\ndate: 2021-04-30\nbranch: b\ncategory: c\n"
	tests := []struct {
		name, data string
		draft      bool
		line       int // of draft in Lines; 0 for none
	}{
		{"a list left open", "---\ndraft: true\ntitle: 未完成的草稿\ntags: [a, b\n---\n", true, 2},
		{"a mapping left open", head + "draft: true\nachievements:\n  - {label: 参会, value: 3, unit: 人\n---\n", true, 6},
		{"below the value left open", head + "tags: [a, b\ndraft: true\n---\n", true, 7},
		{"capitals", head + "tags: [a, b\ndraft: TRUE\n---\n", true, 7},
		{"double quotes", head + "tags: [a, b\ndraft: \"True\"\n---\n", true, 7},
		{"single quotes and a comment", head + "tags: [a, b\ndraft:  'true'  # 还没写完\n---\n", true, 7},
		{"the last of two", head + "draft: false\ntags: [a, b]]\ndraft: true\n---\n", true, 8},
		// A list left open is closed as the line check guesses, and the
		// front matter read again: the first of two keys counts, as in a
		// file without mistakes, and a duplicate key is an error.
		{"the first of two, with the list closed", head + "draft: false\ntags: [a, b\ndraft: true\n---\n", false, 6},
		{"a full-width colon the line check fixes", head + "draft：true\ntags: [a, b\n---\n", true, 6},
		{"a document that is not a mapping", "---\ndraft: true\n- a\n---\n", true, 2},
		{"false", head + "tags: [a, b\ndraft: false\n---\n", false, 7},
		{"yes, which the decoder refuses", head + "tags: [a, b\ndraft: yes\n---\n", false, 7},
		{"true and more", head + "tags: [a, b\ndraft: true#1\n---\n", false, 7},
		{"indented, in a value", head + "tags: [a, b\n  draft: true\n---\n", false, 0},
		{"in a list item", head + "achievements:\n  - draft: true\n  - [x\n---\n", false, 0},
		{"a comment", head + "tags: [a, b\n# draft: true\n---\n", false, 0},
		{"no space after the colon, which the line check fixes", head + "draft:true\ntags: [a, b\n---\n", true, 6},
		{"no space after the colon, below the list left open", head + "tags: [a, b\ndraft:true\n---\n", true, 7},
		{"in Chinese", head + "tags: [a, b\n草稿: true\n---\n", false, 0},
		{"another key", head + "tags: [a, b\ndrafts: true\n---\n", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			d := content.Parse("content/stories/a.md", []byte(tt.data), shanghai, &l)
			if d == nil || l.Errors() == 0 {
				t.Fatalf("Parse returned %v with problems %v, want a doc with errors", d, l.Problems())
			}
			if got, want := d.Draft, tt.draft; got != want {
				t.Errorf("Draft = %v, want %v (problems: %v)", got, want, l.Problems())
			}
			if got, want := d.Lines["draft"], tt.line; got != want {
				t.Errorf("Lines[draft] = %d, want %d", got, want)
			}
		})
	}
}

// TestParseDate checks every date format and the errors.
func TestParseDate(t *testing.T) {
	ny := mustZone("America/New_York")
	tests := []struct {
		in   string
		tz   *time.Location
		want string // RFC 3339, or the error
	}{
		{"2021-04-20", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021-04-20", ny, "2021-04-20T00:00:00-04:00"},
		{"2021-04-20 09:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021-04-20 09:00:30", shanghai, "2021-04-20T09:00:30+08:00"},
		{"2021-04-20T09:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021-04-20  9:05", shanghai, "2021-04-20T09:05:00+08:00"},
		{"2021-04-20 09：00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021/4/20", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021/04/20 18:30", shanghai, "2021-04-20T18:30:00+08:00"},
		{"2021.4.20", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021年4月20日", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021年04月20日 09:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021年4月20日　9:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021-04-20T09:00:00+08:00", ny, "2021-04-19T21:00:00-04:00"}, // the same moment, in the site's zone
		{"2021-04-20T01:00:00Z", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021-04-20T09:00:00.5+08:00", shanghai, "2021-04-20T09:00:00.5+08:00"},
		{"2021-04-20 09:00:00 +0800", ny, "2021-04-19T21:00:00-04:00"},
		{"  2021-04-20  ", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2024-02-29", shanghai, "2024-02-29T00:00:00+08:00"},
		{"1900-01-01", time.UTC, "1900-01-01T00:00:00Z"},
		{"1949-10-01", shanghai, "1949-10-01T00:00:00+08:00"},
		{"2199-12-31", shanghai, "2199-12-31T00:00:00+08:00"},
		{"2021 年 4 月 20 日", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021 年 04 月 20 日 09:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021年4月20日 9:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021年4月20日9:00", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021　年　4　月　20　日", shanghai, "2021-04-20T00:00:00+08:00"},
		{"2021年 4月 20日 9：00", shanghai, "2021-04-20T09:00:00+08:00"},
		// Full-width digits, as an input method types them.
		{"２０２１-04-20", shanghai, "2021-04-20T00:00:00+08:00"},
		{"２０２１－０４－２０", shanghai, "2021-04-20T00:00:00+08:00"},
		{"２０２１年４月２０日 ９：３０", shanghai, "2021-04-20T09:30:00+08:00"},
		// The time in Chinese (a trial: "not a date").
		{"2021年4月20日9时30分", shanghai, "2021-04-20T09:30:00+08:00"},
		{"2021年4月20日 9点", shanghai, "2021-04-20T09:00:00+08:00"},
		{"2021年4月20日9点30", shanghai, "2021-04-20T09:30:00+08:00"},
		{"2021-04-20 9时30分15秒", shanghai, "2021-04-20T09:30:15+08:00"},

		{"2021-13-45", shanghai, `"2021-13-45": there is no month 13`},
		{"2021-00-10", shanghai, `"2021-00-10": there is no month 0`},
		{"2021-02-30", shanghai, `"2021-02-30": month 2 of 2021 has 28 days`},
		{"2023-02-29", shanghai, `"2023-02-29": month 2 of 2023 has 28 days`},
		{"2021-04-31", shanghai, `"2021-04-31": month 4 of 2021 has 30 days`},
		{"2021-04-00", shanghai, `"2021-04-00": there is no day 0: the days of month 4 of 2021 are 1 to 30`},
		{"2021-04-0", shanghai, `"2021-04-0": there is no day 0: the days of month 4 of 2021 are 1 to 30`},
		{"2021年4月0日", shanghai, `"2021年4月0日": there is no day 0: the days of month 4 of 2021 are 1 to 30`},
		{"2024/2/0 09:00", shanghai, `"2024/2/0 09:00": there is no day 0: the days of month 2 of 2024 are 1 to 29`},
		{"0000-04-10", shanghai, `"0000-04-10": the year 0 is before 1900`},
		{"0000-04-00", shanghai, `"0000-04-00": the year 0 is before 1900`},
		{"1899-12-31", shanghai, `"1899-12-31": the year 1899 is before 1900`},
		{"0202年4月10日", shanghai, `"0202年4月10日": the year 202 is before 1900`},
		{"0021-04-20T09:00:00+08:00", shanghai, `"0021-04-20T09:00:00+08:00": the year 21 is before 1900`},
		{"2021-04-20 24:00", shanghai, `"2021-04-20 24:00": the time of day is out of range`},
		{"2021-04-20 09:60", shanghai, `"2021-04-20 09:60": the time of day is out of range`},
		{"2021-04-20 09:00:61", shanghai, `"2021-04-20 09:00:61": the time of day is out of range`},
		{"", shanghai, `"" is not a date`},
		{"20210420", shanghai, `"20210420" is not a date`},
		{"21-04-20", shanghai, `"21-04-20" is not a date`},
		{"2021-4", shanghai, `"2021-4" is not a date`},
		{"2021-04-20 9", shanghai, `"2021-04-20 9" is not a date`},
		{"2021-04-20 09:00 下午", shanghai, `"2021-04-20 09:00 下午" is not a date`},
		{"2021-04-20x", shanghai, `"2021-04-20x" is not a date`},
		{"2021-04-20T09:00:00+25:00", shanghai, `"2021-04-20T09:00:00+25:00" is not a date`},
		{"四月二十日", shanghai, `"四月二十日" is not a date`},
		{"2021 -04-20", shanghai, `"2021 -04-20" is not a date`},
		{"2021-04-209:00", shanghai, `"2021-04-209:00" is not a date`},
		{"2021年4月20日9时30分15", shanghai, `"2021年4月20日9时30分15" is not a date`},
		{"2021年4月20日9时半", shanghai, `"2021年4月20日9时半" is not a date`},
		{"2021年4月20日25时", shanghai, `"2021年4月20日25时": the time of day is out of range`},
		{"２０２１-13-01", shanghai, `"２０２１-13-01": there is no month 13`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := content.ParseDate(tt.in, tt.tz)
			var s string
			if err != nil {
				s = err.Error()
				if !got.IsZero() {
					t.Errorf("with an error, the time is %v, want zero", got)
				}
				// Parse gives the message and its hint, which the catalog
				// test does not see: they are not literals in a call.
				de := err.(*content.DateError)
				for _, f := range []string{"date: " + de.Format, de.Hint} {
					if _, ok := diag.Chinese[f]; f != "" && !ok {
						t.Errorf("no Chinese for %q", f)
					}
				}
			} else {
				s = got.Format(time.RFC3339Nano)
			}
			if s != tt.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
			}
		})
	}
}

// TestIgnored checks the names herald neither reads nor copies.
func TestIgnored(t *testing.T) {
	for _, name := range []string{".#a.md", "a.md~", "#a.md#", "~$a.md", ".a.md.swp", "a.md.swp", "a.swo", ".DS_Store", ".git", "Thumbs.db", "desktop.ini", "DESKTOP.INI", "a.tmp", "a.crdownload", "a.part",
		"veterans-aid.md.bak", "a.MD.BAK", "a.md.orig", "a.md.old", "photo.jpg.bak"} {
		if !content.Ignored(name) {
			t.Errorf("Ignored(%q) = false", name)
		}
	}
	for _, name := range []string{"a.md", "index.md", "photo.jpg", "a~b.md", "#a.md", "report.partial.pdf", "swp.md", "bak.md", "old.md", "a.bak.md", "golden.png"} {
		if content.Ignored(name) {
			t.Errorf("Ignored(%q) = true", name)
		}
	}
}

// TestLoad checks how Load sorts the files of content/.
func TestLoad(t *testing.T) {
	page := []byte("---\ntitle: 页\n---\n")
	story := []byte("---\ntitle: 一\ndate: 2021-04-20\nbranch: b\ncategory: c\n---\n")
	fsys := fstest.MapFS{
		"site.yaml":                           {Data: []byte("title: x\n")},
		"content/about.md":                    {Data: page},
		"content/contact/index.md":            {Data: page},
		"content/contact/map.png":             {Data: []byte("png")},
		"content/stories/b.md":                {Data: story},
		"content/stories/a.markdown":          {Data: story},
		"content/stories/c/index.md":          {Data: story},
		"content/stories/c/photo.jpg":         {Data: []byte("jpg")},
		"content/stories/c/img/2.jpg":         {Data: []byte("jpg")},
		"content/stories/c/.DS_Store":         {Data: []byte("x")},
		"content/stories/c/notes.md":          {Data: story},
		"content/files/report.pdf":            {Data: []byte("pdf")},
		"content/stories/.#b.md":              {Data: []byte{0xFF}},
		"content/stories/b.md~":               {Data: []byte{0xFF}},
		"content/.git/config.md":              {Data: []byte{0xFF}},
		"content/stories/bad.md":              {Data: []byte("---\ntitle: 坏\n")},
		"content/stories/2021/04/deep.md":     {Data: story},
		"content/stories/2021/04/~$deep.md":   {Data: []byte{0}},
		"content/stories/2021/04/deep.md.sw":  {Data: []byte("not ignored: an asset")},
		"content/stories/laobing.MD":          {Data: story},
		"content/stories/laobing2.md.txt":     {Data: story},
		"content/stories/x.md.docx":           {Data: []byte("PK\x03\x04")},
		"content/stories/c/y.Markdown.TXT":    {Data: story},
		"content/stories/veterans-aid.md.bak": {Data: story},
		"content/stories/notes.txt":           {Data: []byte("an asset")},
	}
	var l diag.List
	set, err := content.Load(context.Background(), fsys, content.Options{TimeZone: shanghai, Workers: 3}, &l)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, d := range set.Docs {
		docs = append(docs, fmt.Sprintf("%s kind=%d bundle=%v resources=%q", d.Path, d.Kind, d.Bundle, d.Resources))
	}
	wantDocs := []string{
		`content/about.md kind=1 bundle=false resources=[]`,
		`content/contact/index.md kind=1 bundle=true resources=["map.png"]`,
		`content/stories/2021/04/deep.md kind=0 bundle=false resources=[]`,
		`content/stories/a.markdown kind=0 bundle=false resources=[]`,
		`content/stories/b.md kind=0 bundle=false resources=[]`,
		`content/stories/c/index.md kind=0 bundle=true resources=["img/2.jpg" "photo.jpg"]`,
		`content/stories/laobing.MD kind=0 bundle=false resources=[]`,
	}
	if !slices.Equal(docs, wantDocs) {
		t.Errorf("docs:\n%s\nwant:\n%s", strings.Join(docs, "\n"), strings.Join(wantDocs, "\n"))
	}
	for _, d := range set.Docs {
		if d.Path == "content/stories/laobing.MD" && d.Name() != "laobing" {
			t.Errorf("the name of %s is %q, want laobing", d.Path, d.Name())
		}
	}
	if want := []string{"files/report.pdf", "stories/2021/04/deep.md.sw", "stories/notes.txt"}; !slices.Equal(set.Assets, want) {
		t.Errorf("assets = %q, want %q", set.Assets, want)
	}
	var got []string
	for _, p := range l.Problems() {
		got = append(got, p.Error())
	}
	want := []string{
		"content/stories/bad.md:1: the front matter that starts here is not closed\n\thint: end it with a line of three hyphens, ---, before the story's text",
		"content/stories/c/notes.md: a Markdown file inside the page bundle content/stories/c/ is not a story\n\thint: a folder with index.md holds one story and its images; move this file out of the folder, or rename it if it is meant as an attachment",
		"content/stories/c/y.Markdown.TXT: warning: the file looks like a story saved as .txt; it is left out of the site\n\thint: rename it to y.Markdown; when saving in Notepad, choose \"All files\" as the type",
		"content/stories/laobing2.md.txt: warning: the file looks like a story saved as .txt; it is left out of the site\n\thint: rename it to laobing2.md; when saving in Notepad, choose \"All files\" as the type",
		"content/stories/x.md.docx: warning: the file looks like a story saved as .docx; it is left out of the site\n\thint: copy its text into a plain text file named x.md, in Notepad or VS Code",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadNoContent checks that a site without content/ loads as empty.
func TestLoadNoContent(t *testing.T) {
	var l diag.List
	set, err := content.Load(context.Background(), fstest.MapFS{"site.yaml": {}}, content.Options{TimeZone: shanghai}, &l)
	if err != nil || len(set.Docs) != 0 || l.Len() != 0 {
		t.Errorf("Load = %v, %v, problems %v", set, err, l.Err())
	}
}

// TestLoadCanceled checks that Load stops when its context is canceled.
func TestLoadCanceled(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 50 {
		fsys[fmt.Sprintf("content/stories/%02d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: x\n---\n")}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var l diag.List
	if _, err := content.Load(ctx, fsys, content.Options{TimeZone: shanghai}, &l); err != context.Canceled {
		t.Errorf("Load = %v, want context.Canceled", err)
	}
}

// chineseStory is a story whose text has many characters with a NUL low
// byte in UTF-16: 一 (U+4E00) and 最 (U+6700).
const chineseStory = "---\ntitle: 一线党员最前沿\ndate: 2024-06-01\nbranch: 一支部\ncategory: 一线\n---\n\n" +
	"一线党员一马当先，最早到岗最晚离开，一心一意为群众办实事，一件一件抓落实，最难的事情一起扛，最苦的活一起干，一天一天坚持下来。\n"

// utf16Text returns s in UTF-16, little- or big-endian, without a byte
// order mark, as some editors save it.
func utf16Text(s string, bigEndian bool) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

// FuzzParse checks that Parse never panics, that a doc without errors has a
// title (and, for a story, a date, a branch and a category), and that every
// problem is in the file, at a line the file has.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		story,
		"---\ntitle: 关于\n---\n正文\n",
		"---\r\ntitle: x\r\n---\r\n",
		"\uFEFF---\ntitle: x\n---\n",
		"---\ntitle: [x\n---\n",
		"---\ntitle: \"一\ntags:\n\t- a\n\t- b\n说明\nachievements:\n  - label: x\n\t  value: 1\n---\n",
		"---\ntitle: x\n",
		"---\n---\n",
		"---\n- a\n---\n",
		"---\ntitle: x\ndate: 2021-02-30\nbranch: b\ncategory: c\n---\n",
		"---\ntitle: x\nachievements:\n  - {label: a, value: 4.8万}\n---\n",
		"---\ntitle: &a x\nslug: *a\n<<: {cover: y}\n---\n",
		"---\ntitle: \xB1\xEA\n---\n",
		"\x00",
		"",
		"---\ntitle: x\ntags: !!binary aGVsbG8=\n---\n",
		"---\ntitle: x\n--- \n+++\n",
		"---\ntitle: x\ndate: 2021年4月20日　9：00\nbranch: b\ncategory: c\n---\n",
		"---\ntitle：x\nslug:y\nsummary: a: b\ncover: \"c\"d\n---\n",
		"---\ntitle: a #b\ndarft: true\ntags: 【甲，乙 丙】\n---\n",
		"---\ndraft: true\ntitle: 未完成的草稿\ndate: 2021-04-30\nbranch: lugu-fenglin\ncategory: 基层治理\ntags: [a, b\n---\n",
		"---\ntitle: x\nachievements:\n  - {label: 参会, value: 3, unit: 人\ndraft: 'True' # 草稿\n---\n",
		"---\ntitle: 主题：为民办实事\nachievements:\n  - label：参会居民\n    value：30\n     unit：人\nsummary: |\n  QQ：1\nlinks:\n  - name：a\n    url: b\n---\n",
		"---\ntitle: x\ndate: 2021年4月0日\nbranch: b\ncategory: c\n---\n",
		"---\ntitle: x\ndate: 0000-04-10\nbranch: b\ncategory: c\n---\n",
	} {
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, data string, isPage bool) {
		file := "content/stories/a.md"
		if isPage {
			file = "content/about.md"
		}
		var l diag.List
		var d *content.Doc
		done := make(chan struct{})
		go func() {
			defer close(done)
			d = content.Parse(file, []byte(data), shanghai, &l)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Parse has not returned after 10s")
		}
		lines := 1 + strings.Count(data, "\n") + strings.Count(data, "\r") - strings.Count(data, "\r\n")
		for _, p := range l.Problems() {
			if p.Pos.File != file || p.Pos.Line < 0 || p.Pos.Line > lines {
				t.Errorf("problem out of the file (%d lines): %s", lines, p.Error())
			}
			if p.Msg() == "" || strings.HasSuffix(p.Msg(), ".") {
				t.Errorf("bad message: %q", p.Msg())
			}
		}
		if d == nil {
			if l.Errors() == 0 {
				t.Error("Parse returned nil without an error")
			}
			return
		}
		if l.Errors() > 0 {
			return
		}
		if d.Title == "" {
			t.Error("no errors, but no title")
		}
		if !isPage && (d.Date.IsZero() || d.Branch == "" || d.Category == "") {
			t.Errorf("no errors, but date %v, branch %q, category %q", d.Date, d.Branch, d.Category)
		}
		if d.BodyLine < 1 || d.BodyLine > lines+1 {
			t.Errorf("BodyLine %d out of the file's %d lines", d.BodyLine, lines)
		}
		for k, line := range d.Lines {
			if line < 1 || line > lines {
				t.Errorf("key %s at line %d, out of the file's %d lines", k, line, lines)
			}
		}
	})
}

// FuzzLoad checks that Load never panics on a content folder made of a few
// files with fuzzed names and bytes, and that its result does not depend on
// the number of workers.
func FuzzLoad(f *testing.F) {
	f.Add("about.md|stories/a.md|stories/b/index.md|stories/b/c.jpg", story+"\x1e---\ntitle: x\n---\n\x1e"+story+"\x1ejpg")
	f.Add("a/index.md|a/b/index.md|a/b/c.md|.x.md", "---\ntitle: a\n---\x1e---\ntitle: b\n---\x1e\x00\x1e")
	f.Add("index.md|x~|#x#|stories/index.md/x.md", "\x1e\x1e\x1e")
	f.Fuzz(func(t *testing.T, names, data string) {
		fsys := fstest.MapFS{}
		parts := strings.Split(data, "\x1e")
		for i, name := range strings.Split(names, "|") {
			if i >= 8 {
				break
			}
			p := "content/" + name
			if !fs.ValidPath(p) || !utf8.ValidString(p) {
				continue
			}
			var b []byte
			if i < len(parts) {
				b = []byte(parts[i])
			}
			fsys[p] = &fstest.MapFile{Data: b}
		}
		load := func(workers int) ([]string, []string) {
			var l diag.List
			set, err := content.Load(context.Background(), fsys, content.Options{TimeZone: shanghai, Workers: workers}, &l)
			if err != nil {
				// A MapFS where a name is both a file and a folder is
				// inconsistent; Load may refuse it, but must not panic.
				return nil, []string{err.Error()}
			}
			var docs []string
			if !slices.IsSortedFunc(set.Docs, func(a, b *content.Doc) int { return strings.Compare(a.Path, b.Path) }) {
				t.Error("docs not sorted by path")
			}
			for _, d := range set.Docs {
				if _, ok := fsys[d.Path]; !ok {
					t.Errorf("doc %s is not a file", d.Path)
				}
				docs = append(docs, fmt.Sprintf("%s %q %q", d.Path, d.Title, d.Resources))
			}
			if !slices.IsSorted(set.Assets) {
				t.Errorf("assets not sorted: %q", set.Assets)
			}
			var ps []string
			for _, p := range l.Problems() {
				ps = append(ps, p.Error())
			}
			return docs, ps
		}
		d1, p1 := load(1)
		d4, p4 := load(4)
		if !slices.Equal(d1, d4) || !slices.Equal(p1, p4) {
			t.Errorf("1 worker:\n%q\n%q\n4 workers:\n%q\n%q", d1, p1, d4, p4)
		}
	})
}

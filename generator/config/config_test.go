package config_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"herald/generator/config"
	"herald/generator/diag"
)

// corpusYAML is site.yaml as ../shared/bench/gencorpus writes it.
const corpusYAML = `# Written by gencorpus: the registry of categories and branches the stories use.
title: 高新区党建动态
baseURL: https://example.org/
language: zh-CN
timezone: Asia/Shanghai
paginate: 20
categories:
  - name: 为民办实事
    slug: practical-deeds
    description: 党员干部聚焦群众急难愁盼，办好民生实事。
  - name: 人才培养
    slug: talent-cultivation
    description: 年轻干部培养、人才引进和人才服务。
  - name: "2021"
    slug: y2021
    description: "引号里的描述: 带冒号"
branches:
  - name: 机关第六支部（财政局）
    slug: organ-06-finance
    parent: 区直机关党委
  - name: 智能装备产业链党委
    slug: chain-smart-equipment
    parent: 区两新工委
`

// TestParseCorpus checks that the benchmark corpus's site.yaml is read as it
// is, with every field in place.
func TestParseCorpus(t *testing.T) {
	var l diag.List
	c := config.Parse(config.File, []byte(corpusYAML), &l)
	if l.Len() > 0 {
		t.Fatal(l.Err())
	}
	got := fmt.Sprintf("%s|%s|%s|%s|%d|%d|%v", c.Title, c.BaseURL, c.Language, c.TimeZone, c.Paginate, c.Feeds.Limit, c.Feeds.FullContent)
	if want := "高新区党建动态|https://example.org/|zh-CN|Asia/Shanghai|20|20|true"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var cats []string
	for _, x := range c.Categories {
		cats = append(cats, fmt.Sprintf("%s %s %s @%d", x.Name, x.Slug, x.Description, x.Line))
	}
	wantCats := []string{
		"为民办实事 practical-deeds 党员干部聚焦群众急难愁盼，办好民生实事。 @8",
		"人才培养 talent-cultivation 年轻干部培养、人才引进和人才服务。 @11",
		"2021 y2021 引号里的描述: 带冒号 @14",
	}
	if !slices.Equal(cats, wantCats) {
		t.Errorf("categories:\n%s\nwant:\n%s", strings.Join(cats, "\n"), strings.Join(wantCats, "\n"))
	}
	var brs []string
	for _, x := range c.Branches {
		brs = append(brs, fmt.Sprintf("%s %s %s @%d", x.Name, x.Slug, x.Parent, x.Line))
	}
	wantBrs := []string{
		"机关第六支部（财政局） organ-06-finance 区直机关党委 @18",
		"智能装备产业链党委 chain-smart-equipment 区两新工委 @21",
	}
	if !slices.Equal(brs, wantBrs) {
		t.Errorf("branches:\n%s\nwant:\n%s", strings.Join(brs, "\n"), strings.Join(wantBrs, "\n"))
	}
	// A story names a category or branch by name or by slug.
	for _, key := range []string{"为民办实事", "practical-deeds"} {
		if x := c.Category(key); x == nil || x.Name != "为民办实事" {
			t.Errorf("Category(%q) = %v", key, x)
		}
	}
	for _, key := range []string{"机关第六支部（财政局）", "organ-06-finance"} {
		if x := c.Branch(key); x == nil || x.Slug != "organ-06-finance" {
			t.Errorf("Branch(%q) = %v", key, x)
		}
	}
	if c.Category("机关第六支部（财政局）") != nil || c.Branch("为民办实事") != nil {
		t.Error("a branch is found as a category, or a category as a branch")
	}
	if !c.IsChinese() || c.BasePath() != "/" {
		t.Errorf("IsChinese %v, BasePath %q", c.IsChinese(), c.BasePath())
	}
}

// TestParseGood checks the values and defaults of good files.
func TestParseGood(t *testing.T) {
	tests := []struct {
		name, yaml string
		check      func(t *testing.T, c *config.Config)
	}{
		{
			name: "defaults",
			yaml: "title: 站\nbaseURL: https://example.org\n",
			check: func(t *testing.T, c *config.Config) {
				got := fmt.Sprintf("%s|%s|%s|%d|%d|%v|%v|%d|%d", c.BaseURL, c.Language, c.TimeZone, c.Paginate, c.Feeds.Limit, c.Feeds.FullContent, c.Markdown.Unsafe, len(c.Categories), len(c.Branches))
				if want := "https://example.org/|zh-CN|Asia/Shanghai|20|20|true|false|0|0"; got != want {
					t.Errorf("got %s, want %s", got, want)
				}
			},
		},
		{
			name: "a base URL with a path",
			yaml: "title: 站\nbaseURL: http://example.org/news/党建\n",
			check: func(t *testing.T, c *config.Config) {
				if c.BaseURL.Path != "/news/党建/" || c.BasePath() != "/news/%E5%85%9A%E5%BB%BA/" || c.BaseURL.Scheme != "http" {
					t.Errorf("BaseURL %s, BasePath %q", c.BaseURL, c.BasePath())
				}
			},
		},
		{
			name: "every key",
			yaml: `title: 站
description: 描述
baseURL: https://example.org/news/
language: en
timezone: Europe/Berlin
paginate: 5
copyright: 高新区党工委
feeds:
  limit: 7
  fullContent: false
markdown:
  unsafe: true
tags:
  退役军人: veterans
  5G: 5g
  "智慧　社区": smart
categories:
  - name: 为民办实事
branches:
  - name: 机关第八支部 社会事业局
    description: 说明
params:
  wechat: gaoxinqu
  links: [a, b]
`,
			check: func(t *testing.T, c *config.Config) {
				got := fmt.Sprintf("%s|%s|%s|%s|%d|%s|%d|%v|%v|%v|%v|%v",
					c.Description, c.Language, c.TimeZone, c.BasePath(), c.Paginate, c.Copyright, c.Feeds.Limit, c.Feeds.FullContent,
					c.Markdown.Unsafe, c.IsChinese(), c.TagSlugs, c.Params)
				want := "描述|en|Europe/Berlin|/news/|5|高新区党工委|7|false|true|false|map[5G:5g 智慧 社区:smart 退役军人:veterans]|map[links:[a b] wechat:gaoxinqu]"
				if got != want {
					t.Errorf("got\n%s\nwant\n%s", got, want)
				}
				// A slug defaults to the name, made fit for a URL.
				if s := c.Categories[0].Slug; s != "为民办实事" {
					t.Errorf("category slug %q", s)
				}
				if s := c.Branches[0].Slug; s != "机关第八支部-社会事业局" {
					t.Errorf("branch slug %q", s)
				}
				if !slices.Equal(c.BranchNames(), []string{"机关第八支部 社会事业局"}) || !slices.Equal(c.CategoryNames(), []string{"为民办实事"}) {
					t.Errorf("names %q %q", c.BranchNames(), c.CategoryNames())
				}
			},
		},
		{
			name: "empty lists",
			yaml: "title: 站\nbaseURL: https://example.org/\ncategories:\nbranches: []\ntags: {}\n",
			check: func(t *testing.T, c *config.Config) {
				if len(c.Categories) != 0 || len(c.Branches) != 0 || len(c.TagSlugs) != 0 {
					t.Errorf("%v %v %v", c.Categories, c.Branches, c.TagSlugs)
				}
			},
		},
		{
			name: "sections left empty, their lines commented out",
			yaml: "title: 站\nbaseURL: https://example.org/\nfeeds:\nmarkdown:\ntags:\n  # 退役军人: veterans\nparams:\n  # wechat: gaoxinqu\n",
			check: func(t *testing.T, c *config.Config) {
				if len(c.TagSlugs) != 0 || c.Params != nil || c.Feeds.Limit != 20 {
					t.Errorf("%v %v %v", c.TagSlugs, c.Params, c.Feeds)
				}
			},
		},
		{
			name: "CRLF and a byte order mark",
			yaml: "\uFEFFtitle: 站\r\nbaseURL: https://example.org/\r\npaginate: 3\r\n",
			check: func(t *testing.T, c *config.Config) {
				if c.Title != "站" || c.Paginate != 3 {
					t.Errorf("title %q, paginate %d", c.Title, c.Paginate)
				}
			},
		},
		{
			name: "full-width colons in values and comments",
			yaml: "# 说明：站点设置\ntitle: 站\nbaseURL: https://example.org/\ndescription: 宗旨：为民服务\n  Email：dangjian@example.org\ncategories:\n  - name: 为民办实事\n    description: |\n      主题：办实事\n      Email：dangjian@example.org\n",
			check: func(t *testing.T, c *config.Config) {
				if c.Description != "宗旨：为民服务 Email：dangjian@example.org" || c.Categories[0].Description != "主题：办实事\nEmail：dangjian@example.org\n" {
					t.Errorf("description %q, %q", c.Description, c.Categories[0].Description)
				}
			},
		},
		{
			// A branch renamed: its former name stays in the stories
			// written before.
			name: "former names",
			yaml: "title: 站\nbaseURL: https://example.org/\ncategories:\n  - {name: 我为群众办实事, slug: deeds, aliases: [为民办实事, 办实事]}\nbranches:\n  - name: 机关第八支部（社会事业和民政局）\n    slug: organ-08\n    aliases: [\"机关第八支部（社会事业局）\"]\n  - {name: 区直机关党委, slug: organs}\n",
			check: func(t *testing.T, c *config.Config) {
				for _, key := range []string{"为民办实事", "办实事", "我为群众办实事", "deeds"} {
					if cat := c.Category(key); cat == nil || cat.Name != "我为群众办实事" {
						t.Errorf("Category(%q) = %v", key, cat)
					}
				}
				if b := c.Branch("机关第八支部（社会事业局）"); b == nil || b.Slug != "organ-08" {
					t.Errorf("Branch by its former name = %v", b)
				}
				// Hints name the branches by their names only.
				if !slices.Equal(c.BranchNames(), []string{"机关第八支部（社会事业和民政局）", "区直机关党委"}) {
					t.Errorf("names %q", c.BranchNames())
				}
			},
		},
		{
			name: "a number written with an underscore",
			yaml: "title: 站\nbaseURL: https://example.org/\npaginate: 1_0\n",
			check: func(t *testing.T, c *config.Config) {
				if c.Paginate != 10 {
					t.Errorf("paginate %d", c.Paginate)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			c := config.Parse(config.File, []byte(tt.yaml), &l)
			if l.Len() > 0 {
				t.Fatal(l.Err())
			}
			tt.check(t, c)
		})
	}
}

// TestParseBad checks every problem Parse reports, at its line.
func TestParseBad(t *testing.T) {
	const head = "title: 站\nbaseURL: https://example.org/\n" // lines 1-2
	tests := []struct {
		name, yaml string
		nilConfig  bool
		want       []string
	}{
		{
			name: "YAML syntax", nilConfig: true,
			yaml: head + "categories:\n  - name: a\n   slug: b\n",
			want: []string{"site.yaml:4: invalid YAML: did not find expected '-' indicator\n\thint: check the indentation and that text with \": \" or \"#\" in it is in quotes"},
		},
		{
			name: "a full-width colon in a list item", nilConfig: true,
			yaml: head + "branches:\n  - name：机关第九支部\n    slug: organ-09\n",
			want: []string{"site.yaml:4: the colon after name is a full-width “：”\n\thint: write an English colon and a space: - name: 机关第九支部"},
		},
		{
			name: "a full-width colon after a key", nilConfig: true,
			yaml: head + "paginate：10\nfeeds:\n  limit：5\n",
			want: []string{
				"site.yaml:3: the colon after paginate is a full-width “：”\n\thint: write an English colon and a space: paginate: 10",
				"site.yaml:5: the colon after limit is a full-width “：”\n\thint: write an English colon and a space: limit: 5",
			},
		},
		{
			name: "a full-width colon YAML reads as text", nilConfig: true,
			yaml: head + "params:\n  wechat：gaoxinqu\n",
			want: []string{"site.yaml:4: the colon after wechat is a full-width “：”\n\thint: write an English colon and a space: wechat: gaoxinqu"},
		},
		{
			name: "a full-width colon in a byte-order-marked first line", nilConfig: true,
			yaml: "\uFEFFtitle：站\nbaseURL: https://example.org/\n",
			want: []string{"site.yaml:1: the colon after title is a full-width “：”\n\thint: write an English colon and a space: title: 站"},
		},
		{
			// Copied from a web page: YAML reads "description:\u00a0…" as
			// one text, and its error, if any, is of another line.
			name: "a non-breaking space after a key's colon", nilConfig: true,
			yaml: head + "description:\u00a0高新区党建\nbranches:\n  - name:\u00a0机关第九支部\n    slug: organ-09\npaginate:\u200b10\n",
			want: []string{
				"site.yaml:3: after the colon of description there is a non-breaking space (U+00A0, most likely copied from a web page), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: description: 高新区党建",
				"site.yaml:5: after the colon of name there is a non-breaking space (U+00A0, most likely copied from a web page), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: - name: 机关第九支部",
				"site.yaml:7: after the colon of paginate there is a zero-width space (U+200B), not an ordinary space\n\thint: delete it and type an ordinary (half-width) space: paginate: 10",
			},
		},
		{
			// In the text of a value, it is text.
			name: "a non-breaking space in a description's text",
			yaml: head + "description: |\n  电话:\u00a00731-1234\n",
		},
		{
			// A trial: each story with the name as it shows was told the
			// category is unknown, and hinted to type the hidden space.
			name: "a zero-width space in a category's and a branch's name",
			yaml: head + "categories:\n  - name: 为民\u200b办实事\n    slug: practical-deeds\nbranches:\n  - {name: \"\ufeff枫林社区党委\", slug: fenglin, parent: 高新区\u200b党工委}\n",
			want: []string{
				"site.yaml:4: warning: categories, item 1, name: \"为民\\u200b办实事\" holds a zero-width space (U+200B), which does not show; it is left out, and the value is \"为民办实事\"\n\thint: delete it: it comes right after “为民”",
				"site.yaml:7: warning: branches, item 1, name: \"\\ufeff枫林社区党委\" holds a zero-width no-break space (U+FEFF), which does not show; it is left out, and the value is \"枫林社区党委\"\n\thint: delete it: it comes right before “枫林社区党委”",
				"site.yaml:7: warning: branches, item 1, parent: \"高新区\\u200b党工委\" holds a zero-width space (U+200B), which does not show; it is left out, and the value is \"高新区党工委\"\n\thint: delete it: it comes right after “高新区”",
			},
		},
		{
			// A trial: 党季 for 党委 left 星城 off its parent's page.
			name: "a parent a character away from a branch's name",
			yaml: head + "branches:\n  - {name: 智能装备产业链党委, slug: chain}\n  - {name: 星城社区党支部, slug: xingcheng, parent: 智能装备产业链党季}\n  - {name: 枫林社区党委, slug: fenglin, parent: 高新区党工委}\n",
			want: []string{
				"site.yaml:5: warning: branch \"星城社区党支部\": its parent \"智能装备产业链党季\" is no branch of the site\n\thint: did you mean \"智能装备产业链党委\"? A parent that is no branch of the site is taken for an organisation above it, shown as plain text",
			},
		},
		{
			// A trial: YAML's own "invalid leading UTF-8 octet", in
			// English, with no line and a hint about indentation.
			name: "site.yaml saved as GBK", nilConfig: true,
			yaml: head + "description: \xb8\xdf\xd0\xc2\xc7\xf8\n",
			want: []string{"site.yaml:3: the file is not UTF-8 text: it looks like GBK (GB2312/GB18030)\n\thint: re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding when saving"},
		},
		{
			// A trial: published as /branches/organ-08-social-affairs，/.
			name: "full-width punctuation in a slug",
			yaml: head + "branches:\n  - {name: 机关第八支部（社会事业局）, slug: organ-08-social-affairs，}\n",
			want: []string{"site.yaml:4: branches, item 1: slug \"organ-08-social-affairs，\" cannot be part of a URL: it holds full-width punctuation, such as ， or 。, most likely typed with a Chinese input method\n\thint: use letters, digits and hyphens, such as organ-08-social-affairs"},
		},
		{
			// A name made into the slug keeps its own punctuation.
			name: "full-width punctuation in a name without a slug",
			yaml: head + "branches:\n  - {name: 机关第八支部（社会事业局）}\n",
		},
		{
			name: "a branch its own parent",
			yaml: head + "branches:\n  - name: 麓谷新区党委\n    slug: lugu-xinqu\n    parent: lugu-xinqu\n",
			want: []string{"site.yaml:6: branch \"麓谷新区党委\" has itself as its parent\n\thint: write the organisation it belongs to, or remove parent:"},
		},
		{
			name: "two branches each the other's parent",
			yaml: head + "branches:\n  - name: 荷花塘社区党委\n    slug: lotus\n    parent: lugu\n  - name: 麓谷新区党委\n    slug: lugu\n    parent: 荷花塘社区党委\n",
			want: []string{"site.yaml:6: the parents of branches go round in a circle: 荷花塘社区党委 → 麓谷新区党委 → 荷花塘社区党委\n\thint: a branch belongs to one organisation above it: correct the parent: of one of them"},
		},
		{
			name: "a circle of three, and a branch under it",
			yaml: head + "branches:\n  - {name: 甲, slug: a, parent: 丙}\n  - {name: 乙, slug: b, parent: 甲}\n  - {name: 丙, slug: c, parent: b}\n  - {name: 丁, slug: d, parent: 甲}\n",
			want: []string{"site.yaml:4: the parents of branches go round in a circle: 甲 → 丙 → 乙 → 甲\n\thint: a branch belongs to one organisation above it: correct the parent: of one of them"},
		},
		{
			name: "former names taken",
			yaml: head + "branches:\n  - {name: 甲, slug: a, aliases: [乙, 旧甲, a, 甲]}\n  - {name: 乙, slug: b}\n  - {name: 丙, slug: c, aliases: [旧甲]}\n  - name: 丁\n    slug: d\n    aliases:\n      - 旧丁\n      - 旧丁\n  - {name: 戊, slug: e, aliases: [旧戊, \"\"]}\n",
			want: []string{
				"site.yaml:4: branches, item 1: the former name \"a\" is its name or slug\n\thint: list under aliases: only the names it had before",
				"site.yaml:4: branches, item 1: the former name \"乙\" is already a name, slug or former name of \"乙\"\n\thint: a name leads to one of them only: remove it from one",
				"site.yaml:4: branches, item 1: the former name \"甲\" is its name or slug\n\thint: list under aliases: only the names it had before",
				"site.yaml:6: branches, item 3: the former name \"旧甲\" is already a name, slug or former name of \"甲\"\n\thint: a name leads to one of them only: remove it from one",
				"site.yaml:11: branches, item 4: the former name \"旧丁\" is listed twice\n\thint: keep one of them",
				"site.yaml:12: branches, item 5: a former name is empty\n\thint: remove it from aliases:, or write the name",
			},
		},
		{
			name: "a tab indenting a key", nilConfig: true,
			yaml: head + "branches:\n  - name: 机关第九支部\n\tslug: organ-09\n",
			want: []string{"site.yaml:5: the line is indented with a tab\n\thint: the file site.yaml is indented with spaces only: replace the tab with spaces"},
		},
		{
			name: "a tab indenting a list item", nilConfig: true,
			yaml: head + "categories:\n\t- name: 为民办实事\n",
			want: []string{"site.yaml:4: the line is indented with a tab\n\thint: the file site.yaml is indented with spaces only: replace the tab with spaces"},
		},
		{
			name: "a colon in a value", nilConfig: true,
			yaml: head + "description: 主题: 为民办实事\n",
			want: []string{"site.yaml:3: invalid YAML: mapping values are not allowed in this context\n\thint: check the indentation and that text with \": \" or \"#\" in it is in quotes"},
		},
		{
			name: "tab indentation", nilConfig: true,
			yaml: head + "feeds:\n\tlimit: 3\n",
			want: []string{"site.yaml:4: the line is indented with a tab\n\thint: the file site.yaml is indented with spaces only: replace the tab with spaces"},
		},
		{
			name: "not a mapping", nilConfig: true,
			yaml: "- title: 站\n",
			want: []string{"site.yaml:1: site.yaml must be a mapping of keys to values, found a list\n\thint: write one \"key: value\" per line"},
		},
		{
			name: "empty file",
			yaml: "",
			want: []string{
				"site.yaml: baseURL is missing\n\thint: add a line such as baseURL: https://example.org/",
				"site.yaml: title is missing\n\thint: add a line such as title: 高新区党建动态",
			},
		},
		{
			name: "empty title",
			yaml: "title:\nbaseURL: https://example.org/\n",
			want: []string{"site.yaml:1: title is empty\n\thint: give the site's name, such as title: 高新区党建动态"},
		},
		{
			name: "unknown keys with hints",
			yaml: head + "paginat: 10\nbaseUrl: https://example.org/\nfeeds:\n  limt: 3\nmarkdown:\n  unsafe: yes\n  raw: true\nwhatever: 1\n",
			want: []string{
				"site.yaml:3: unknown key \"paginat\"\n\thint: did you mean \"paginate\"?",
				"site.yaml:4: unknown key \"baseUrl\"\n\thint: did you mean \"baseURL\"?",
				"site.yaml:6: unknown key \"feeds.limt\"\n\thint: did you mean \"feeds.limit\"?",
				"site.yaml:8: markdown.unsafe: expected true or false, found \"yes\"\n\thint: write true or false, in English letters",
				"site.yaml:9: unknown key \"markdown.raw\"\n\thint: the keys here are unsafe",
				"site.yaml:10: unknown key \"whatever\"\n\thint: the keys here are title, description, baseURL, language, timezone, paginate, copyright, feeds, markdown, tags, categories, branches, params, publish, strings",
			},
		},
		{
			name: "bad base URLs",
			yaml: "title: 站\nbaseURL: example.org\n",
			want: []string{"site.yaml:2: baseURL: not an absolute http or https URL\n\thint: write the address the site is published at, such as https://example.org/ or https://example.org/news/"},
		},
		{
			name: "a base URL with a query",
			yaml: "title: 站\nbaseURL: https://example.org/?a=1\n",
			want: []string{"site.yaml:2: baseURL: a base URL has no query or fragment\n\thint: write the address the site is published at, such as https://example.org/ or https://example.org/news/"},
		},
		{
			name: "an ftp base URL",
			yaml: "title: 站\nbaseURL: ftp://example.org/\n",
			want: []string{"site.yaml:2: baseURL: not an absolute http or https URL\n\thint: write the address the site is published at, such as https://example.org/ or https://example.org/news/"},
		},
		{
			name: "a base URL with a full-width dot",
			yaml: "title: 站\nbaseURL: https://example。org/\n",
			want: []string{"site.yaml:2: baseURL: the host name example。org holds the full-width \"。\"\n\thint: retype \"。\" as an English full stop \".\", with the input method in English mode"},
		},
		{
			name: "a base URL that is a list",
			yaml: "title: 站\nbaseURL: [https://example.org/]\n",
			want: []string{"site.yaml:2: baseURL: expected text, found a list"},
		},
		{
			name: "bad time zones",
			yaml: head + "timezone: Asia/Beijing\n",
			want: []string{"site.yaml:3: timezone: unknown time zone \"Asia/Beijing\"\n\thint: write an IANA name, such as Asia/Shanghai"},
		},
		{
			name: "an empty time zone",
			yaml: head + "timezone:\n",
			want: []string{"site.yaml:3: timezone is empty\n\thint: write an IANA name, such as Asia/Shanghai, or delete the line: Beijing time is the default"},
		},
		{
			name: "a page size too large",
			yaml: head + "paginate: 99999999999999999999\n",
			want: []string{"site.yaml:3: paginate: 99999999999999999999 is too large\n\thint: write a whole number of a few digits, such as 20"},
		},
		{
			name: "a page size in full-width digits",
			yaml: head + "paginate: ２０\n",
		},
		{
			name: "Local is not a time zone of a site",
			yaml: head + "timezone: Local\n",
			want: []string{"site.yaml:3: timezone: unknown time zone \"Local\"\n\thint: write an IANA name, such as Asia/Shanghai"},
		},
		{
			name: "numbers",
			yaml: head + "paginate: -1\nfeeds:\n  limit: 0\n",
			want: []string{
				"site.yaml:3: paginate: -1 stories a page is too few\n\thint: write a number from 1 up, such as 20",
				"site.yaml:5: feeds.limit: 0 items is too few\n\thint: write a number from 1 up, such as 20",
			},
		},
		{
			name: "a number that is not whole",
			yaml: head + "paginate: 2.5\n",
			want: []string{"site.yaml:3: paginate: expected a whole number, found \"2.5\"\n\thint: write a whole number in digits, such as 20"},
		},
		{
			name: "language",
			yaml: head + "language: zh_CN\n",
			want: []string{"site.yaml:3: language: \"zh_CN\" is not the tag of Chinese: the site's words would be in English\n\thint: write zh-CN (zh-TW for traditional characters)"},
		},
		{
			// A trial: "cn" built the site in English, without a word.
			name: "language: cn",
			yaml: head + "language: cn\n",
			want: []string{"site.yaml:3: language: \"cn\" is not the tag of Chinese: the site's words would be in English\n\thint: write zh-CN (zh-TW for traditional characters)"},
		},
		{
			name: "language: 繁體中文",
			yaml: head + "language: 繁體中文\n",
			want: []string{"site.yaml:3: language: \"繁體中文\" is not the tag of Chinese: the site's words would be in English\n\thint: write zh-TW"},
		},
		{
			name: "language: a tag of no language",
			yaml: head + "language: en_GB!\n",
			want: []string{"site.yaml:3: language: \"en_GB!\" is not a language tag\n\thint: write zh-CN, zh-TW or en"},
		},
		{
			name: "categories not a list",
			yaml: head + "categories:\n  为民办实事: practical-deeds\n",
			want: []string{"site.yaml:4: categories: expected a list\n\thint: write each entry on its own line starting with \"- name: \""},
		},
		{
			name: "a category that is text",
			yaml: head + "categories:\n  - 为民办实事\n",
			want: []string{"site.yaml:4: categories, item 1: expected a mapping of keys to values, found \"为民办实事\""},
		},
		{
			name: "registry problems",
			yaml: head + `categories:
  - name: 为民办实事
    slug: practical-deeds
  - name: 为民办实事
    slug: other
  - name: 基层治理
    slug: practical-deeds
  - slug: nameless
  - name: 人才
    slug: ../talent
  - name: 项目
    slug: a b
branches:
  - name: 机关第八支部（社会事业局）
    slug: organ-08
    parnet: 区直机关党委
  - name: 枫林社区党委
    slug: organ-08
  - name: '  '
  - name: 荷花塘社区党委
    slug: .hidden
`,
			want: []string{
				"site.yaml:6: categories, item 2: category \"为民办实事\" is listed twice\n\thint: keep one of them",
				"site.yaml:9: categories, item 3: slug \"practical-deeds\" is already taken by another category\n\thint: give each category its own slug",
				"site.yaml:10: categories, item 4: a category needs a name\n\thint: add name: followed by its full name",
				"site.yaml:12: categories, item 5: slug \"../talent\" cannot be part of a URL: it holds a slash, which would leave its folder\n\thint: use letters, digits and hyphens, such as organ-08-social-affairs",
				"site.yaml:14: categories, item 6: slug \"a b\" cannot be part of a URL: it holds a space\n\thint: use letters, digits and hyphens, such as organ-08-social-affairs",
				"site.yaml:18: branches, item 1: unknown key \"parnet\"\n\thint: did you mean \"parent\"?",
				"site.yaml:20: branches, item 2: slug \"organ-08\" is already taken by another branch\n\thint: give each branch its own slug",
				"site.yaml:21: branches, item 3: a branch needs a name\n\thint: add name: followed by its full name",
				"site.yaml:23: branches, item 4: slug \".hidden\" cannot be part of a URL: it starts with a dot, which makes a hidden file\n\thint: use letters, digits and hyphens, such as organ-08-social-affairs",
			},
		},
		{
			name: "an empty branch",
			yaml: head + "branches:\n  - {}\n  -\n",
			want: []string{
				"site.yaml:4: branches, item 1: a branch needs a name\n\thint: add name: followed by its full name",
				"site.yaml:5: branches, item 2: a branch needs a name\n\thint: add name: followed by its full name",
			},
		},
		{
			name: "a branch's slug that is another branch's name",
			yaml: head + "branches:\n  - name: fenglin\n  - name: 枫林社区党委\n    slug: fenglin\n",
			want: []string{"site.yaml:6: branches, item 2: slug \"fenglin\" is already taken by another branch\n\thint: give each branch its own slug"},
		},
		{
			name: "tag slugs",
			yaml: head + "tags:\n  退役军人: veterans\n  老兵: veterans\n  党史: party/history\n  列表: [a]\n",
			want: []string{
				"site.yaml:5: tags.老兵: slug \"veterans\" is already the slug of tag \"退役军人\"\n\thint: two tags would share one page; give each its own slug",
				"site.yaml:6: tags.党史: slug \"party/history\" cannot be part of a URL: it holds a slash, which would leave its folder\n\thint: use letters, digits and hyphens, such as veterans",
				"site.yaml:7: tags.列表: expected text, found a list",
			},
		},
		{
			// A trial: YAML reported it at the line of title:.
			name: "a first category without its \"- \"", nilConfig: true,
			yaml: head + "categories:\n    name: 为民办实事\n    slug: practical-deeds\n  - name: 基层治理\n",
			want: []string{"site.yaml:4: the first item of the list has no \"- \"\n\thint: begin it with \"- \", as the items below it: - name: 为民办实事"},
		},
		{
			name: "a full-width colon inside braces",
			yaml: head + "categories:\n  - {name：基层治理, slug: grassroots}\n",
			want: []string{"site.yaml:4: the colon after name is a full-width “：”\n\thint: write an English colon and a space: name: 基层治理"},
		},
		{
			// A trial: "duplicate key", with the hint to keep one of
			// them, which would have deleted the category; and every
			// story of it an error.
			name: "a category without its \"- \"",
			yaml: head + "categories:\n  - name: 为民办实事\n    slug: practical-deeds\n    name: 服务增效\n    slug: practical-deeds\n  - name: 基层治理\nbranches:\n  - name: 枫林社区党委\n    name: 荷花塘社区党委\n",
			want: []string{
				"site.yaml:6: categories: \"name\" comes again in the item that begins on line 4: a \"- \" is missing before it\n\thint: begin the new item with \"- \": - name: 服务增效; if the item has it twice, keep one of them",
				"site.yaml:7: categories, item 2: slug \"practical-deeds\" is already taken by another category\n\thint: give each category its own slug",
				"site.yaml:11: branches: \"name\" comes again in the item that begins on line 10: a \"- \" is missing before it\n\thint: begin the new item with \"- \": - name: 荷花塘社区党委; if the item has it twice, keep one of them",
			},
		},
		{
			name: "duplicate keys",
			yaml: head + "paginate: 10\npaginate: 20\n",
			want: []string{"site.yaml:4: duplicate key \"paginate\"\n\thint: \"paginate\" is already set on line 3; keep one of them"},
		},
		{
			name: "params not a mapping",
			yaml: head + "params: [a]\n",
			want: []string{"site.yaml:3: params: expected a mapping of keys to values"},
		},
		{
			name: "params that hold themselves",
			yaml: head + "params: &p\n  self: *p\n",
			want: []string{"site.yaml:3: params: the value holds itself through an alias\n\thint: write the value out without & and *"},
		},
		{
			name: "sections of the wrong kind",
			yaml: head + "feeds: 20\nmarkdown: true\n",
			want: []string{
				"site.yaml:3: feeds: expected a mapping of keys to values, found \"20\"",
				"site.yaml:4: markdown: expected a mapping of keys to values, found \"true\"",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			c := config.Parse(config.File, []byte(tt.yaml), &l)
			if (c == nil) != tt.nilConfig {
				t.Errorf("Parse returned a nil config: %v, want %v", c == nil, tt.nilConfig)
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

// TestLoad checks reading site.yaml from a folder, and a missing one.
func TestLoad(t *testing.T) {
	var l diag.List
	c := config.Load(fstest.MapFS{"site.yaml": {Data: []byte(corpusYAML)}}, &l)
	if c == nil || l.Len() > 0 {
		t.Fatalf("Load = %v, %v", c, l.Err())
	}
	l = diag.List{}
	if c := config.Load(fstest.MapFS{}, &l); c != nil {
		t.Errorf("Load of a folder without site.yaml = %v", c)
	}
	var got []string
	for _, p := range l.Problems() {
		got = append(got, p.Error())
	}
	want := []string{"site.yaml: the file does not exist: herald must run in a site's folder\n\thint: go into the site's folder, the one that holds site.yaml, before running herald, or name it with --source DIR"}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSetBaseURL checks --base-url.
func TestSetBaseURL(t *testing.T) {
	c := config.Default()
	if err := c.SetBaseURL("https://example.org/preview"); err != nil || c.BaseURL.String() != "https://example.org/preview/" {
		t.Errorf("SetBaseURL = %v, %s", err, c.BaseURL)
	}
	if err := c.SetBaseURL("/preview/"); err == nil {
		t.Error("SetBaseURL accepted a relative URL")
	}
	if c.BaseURL.String() != "https://example.org/preview/" {
		t.Errorf("a refused URL changed the base URL to %s", c.BaseURL)
	}
}

// TestRefusedEntries checks that a category or branch refused for a
// duplicate or bad slug, or a duplicate name, is still found by its free
// keys and named in hints, so that stories naming it are not blamed.
func TestRefusedEntries(t *testing.T) {
	const yaml = `title: 站
baseURL: https://example.org/
categories:
  - name: 为民办实事
    slug: deeds
  - name: 基层治理
    slug: deeds
  - name: 为民办实事
    slug: deeds-2
branches:
  - name: 机关第八支部
    slug: organ-08
  - name: 枫林社区党委
    slug: organ-08
  - name: 荷花塘社区党委
    slug: a/b
`
	var l diag.List
	c := config.Parse(config.File, []byte(yaml), &l)
	if got, want := l.Len(), 4; got != want {
		t.Fatalf("%d problems, want %d:\n%v", got, want, l.Err())
	}
	tests := []struct {
		kind, key, want string // want the name found, or "" for none
	}{
		{"category", "为民办实事", "为民办实事"},
		{"category", "deeds", "为民办实事"},
		{"category", "基层治理", "基层治理"},
		{"category", "deeds-2", "为民办实事"},
		{"category", "治理", ""},
		{"branch", "机关第八支部", "机关第八支部"},
		{"branch", "organ-08", "机关第八支部"},
		{"branch", "枫林社区党委", "枫林社区党委"},
		{"branch", "荷花塘社区党委", "荷花塘社区党委"},
		{"branch", "荷花塘", ""},
	}
	for _, tt := range tests {
		got := ""
		if tt.kind == "branch" {
			if b := c.Branch(tt.key); b != nil {
				got = b.Name
			}
		} else if cat := c.Category(tt.key); cat != nil {
			got = cat.Name
		}
		if got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.kind, tt.key, got, tt.want)
		}
	}
	if got, want := strings.Join(c.BranchNames(), " "), "机关第八支部 枫林社区党委 荷花塘社区党委"; got != want {
		t.Errorf("BranchNames = %s, want %s", got, want)
	}
	if got, want := strings.Join(c.CategoryNames(), " "), "为民办实事 基层治理"; got != want {
		t.Errorf("CategoryNames = %s, want %s", got, want)
	}
	if got, want := len(c.Branches)+len(c.Categories), 2; got != want {
		t.Errorf("%d entries listed, want %d: the refused ones have no pages", got, want)
	}
}

// TestParseBaseURL checks the base URLs that are taken, and why the others
// are refused: a space, a host that is not an ASCII host name (full-width
// characters typed with a Chinese input method), a file name at the end.
func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, want string // want is the URL, or the error and its hint
	}{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/news", "https://example.org/news/"},
		{"https://example.org/党建/", "https://example.org/%E5%85%9A%E5%BB%BA/"},
		{"https://example.org/党建%20news/", "https://example.org/%E5%85%9A%E5%BB%BA%20news/"},
		{"https://news.example.org/v1.2/", "https://news.example.org/v1.2/"},
		{"https://xn--fiqs8s.xn--fiqz9s/", "https://xn--fiqs8s.xn--fiqz9s/"},
		{"http://127.0.0.1:1313/", "http://127.0.0.1:1313/"},
		{"http://[::1]:1313/", "http://[::1]:1313/"},
		{"http://localhost/", "http://localhost/"},
		{"https://example.org/党建 news/",
			`the address holds a space after "https://example.org/党建"; a space cannot be in an address: remove it, or write it as %20`},
		{"https://example.org/党建\u3000news/",
			`the address holds a space after "https://example.org/党建"; a space cannot be in an address: remove it, or write it as %20`},
		{"https://example。org/",
			`the host name example。org holds the full-width "。"; retype "。" as an English full stop ".", with the input method in English mode`},
		{"https://ｅxample.org/",
			`the host name ｅxample.org holds the full-width "ｅ"; retype "ｅ" as "e", with the input method in English mode`},
		{"https://example.org：8080/",
			`the host name example.org：8080 holds the full-width "："; retype "：" as ":", with the input method in English mode`},
		{"https://例子.中国/",
			`the host name 例子.中国 holds "例"; a host name has only ASCII letters, digits, hyphens and dots; write a Chinese domain name in its xn-- form, as the registrar gives it`},
		{"https://exa_mple.org/", `the host name exa_mple.org holds "_"; a host name has only ASCII letters, digits, hyphens and dots`},
		{"https://example.org//", `the address's path // holds an empty part (//); write it with one slash between its parts: https://example.org/`},
		{"https://example.org//x/", `the address's path //x/ holds an empty part (//); write it with one slash between its parts: https://example.org/x/`},
		{"https://example.org/news//", `the address's path /news// holds an empty part (//); write it with one slash between its parts: https://example.org/news/`},
		{"https://example.org/a//b", `the address's path /a//b holds an empty part (//); write it with one slash between its parts: https://example.org/a/b/`},
		{"https://user:pw@example.org/", `the address holds a user name or password before the host (user@); the base URL is the address readers open, and site.yaml is no place for a password: write https://example.org/`},
		{"https://999.1.1.1/", `999.1.1.1 is neither a host name nor an IP address; an IP address has four numbers from 0 to 255, such as 192.168.1.10; a host name ends in a name, such as example.org`},
		{"https://example.123/", `example.123 is neither a host name nor an IP address; an IP address has four numbers from 0 to 255, such as 192.168.1.10; a host name ends in a name, such as example.org`},
		{"https://1.example.org/", "https://1.example.org/"},
		{"https://example.org/news/../", `the address's path /news/../ holds ".."; write the folder itself: https://example.org/`},
		{"https://example.org/news/%2e%2e/", `the address's path /news/%2e%2e/ holds ".."; write the folder itself: https://example.org/`},
		{"https://example.org/news/./", `the address's path /news/./ holds "."; write the folder itself: https://example.org/news/`},
		{"https://example.org:99999/", `the port "99999" is not a number from 1 to 65535; write the port the site is served on, or none: https://example.org/`},
		{"https://example.org:0/", `the port "0" is not a number from 1 to 65535; write the port the site is served on, or none: https://example.org/`},
		{"https://example.org:/", `the port "" is not a number from 1 to 65535; write the port the site is served on, or none: https://example.org/`},
		{"https://example.org:8443/", "https://example.org:8443/"},
		{"http://10.0.0.1:8080/", "http://10.0.0.1:8080/"},
		{"https://example..org/",
			"example..org is not a host name; a host name has only ASCII letters, digits, hyphens and dots, each part between two dots starting and ending with a letter or digit, such as example.org"},
		{"https://example.org/news/index.html",
			`the address ends in the file name "index.html", but a base URL is the site's folder; drop index.html: write https://example.org/news/`},
		{"https://example.org/Index.HTM/", `the address ends in the file name "Index.HTM", but a base URL is the site's folder; drop Index.HTM: write https://example.org/`},
		{"https://example.org/党建/default.php",
			`the address ends in the file name "default.php", but a base URL is the site's folder; drop default.php: write https://example.org/%E5%85%9A%E5%BB%BA/`},
		{"example.org", "not an absolute http or https URL; write the address the site is published at, such as https://example.org/ or https://example.org/news/"},
		{"https://example.org:x/", "not a URL; write the address the site is published at, such as https://example.org/ or https://example.org/news/"},
	}
	for _, tt := range tests {
		u, err := config.ParseBaseURL(tt.in)
		var got string
		var e *config.BaseURLError
		switch {
		case errors.As(err, &e):
			got = e.Reason.String() + "; " + e.Hint.String()
		case err != nil:
			got = "not a BaseURLError: " + err.Error()
		default:
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("ParseBaseURL(%q):\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// FuzzParse checks that Parse never panics and that every problem is in
// site.yaml at a line it has.
func FuzzParse(f *testing.F) {
	f.Add(corpusYAML)
	f.Add("title: 站\nbaseURL: https://example.org/\ntags:\n  a: b\nparams:\n  x: [1, {y: z}]\n")
	f.Add("a: &x [1]\nb: *x\ncategories: *x\n")
	f.Fuzz(func(t *testing.T, data string) {
		var l diag.List
		c := config.Parse(config.File, []byte(data), &l)
		// YAML breaks lines at LF, CRLF and a lone CR.
		lines := 1 + strings.Count(data, "\n") + strings.Count(data, "\r") - strings.Count(data, "\r\n")
		for _, p := range l.Problems() {
			if p.Pos.File != config.File || p.Pos.Line < 0 || p.Pos.Line > lines+1 {
				t.Errorf("problem out of the file (%d lines): %s", lines, p.Error())
			}
		}
		if c == nil {
			if l.Errors() == 0 {
				t.Error("nil config without an error")
			}
			return
		}
		if l.Errors() == 0 {
			if c.Title == "" || c.BaseURL == nil || c.Paginate < 1 || c.Feeds.Limit < 1 || c.TimeZone == nil {
				t.Errorf("no errors, but %+v", c)
			}
			seen := map[string]bool{}
			for _, x := range c.Categories {
				for _, k := range []string{x.Name, x.Slug} {
					if seen[k] && x.Name != x.Slug {
						t.Errorf("category key %q twice", k)
					}
					seen[k] = true
				}
			}
		}
	})
}

// TestBasePath checks that the base path is given as addresses carry it,
// percent-encoded: the sitemap and the feeds put it in absolute URLs as
// it is.
func TestBasePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org", "/"},
		{"https://example.org/news/", "/news/"},
		{"https://example.org/党建/", "/%E5%85%9A%E5%BB%BA/"},
		{"https://example.org/党建%20news/", "/%E5%85%9A%E5%BB%BA%20news/"},
	}
	for _, tt := range tests {
		u, err := config.ParseBaseURL(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if got := (&config.Config{BaseURL: u}).BasePath(); got != tt.want {
			t.Errorf("%s: BasePath() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLookupHints checks the list of names in the hint for an unknown
// branch or category: joined as the names' language joins a list (a trial:
// English names joined by "、").
func TestLookupHints(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"title: T\nbaseURL: https://example.org/\nlanguage: en\ncategories: [{name: Deeds, slug: deeds}]\nbranches: [{name: Lotus Pond, slug: lotus}, {name: Maple Grove, slug: maple}]\n",
			"the branches in site.yaml are Lotus Pond, Maple Grove; or add it there"},
		{"title: T\nbaseURL: https://example.org/\ncategories: [{name: 为民办实事, slug: deeds}]\nbranches: [{name: 荷花塘社区党委, slug: lotus}, {name: 枫林社区党委, slug: maple}]\n",
			"the branches in site.yaml are 荷花塘社区党委、枫林社区党委; or add it there"},
	}
	for _, tt := range tests {
		var l diag.List
		c := config.Load(fstest.MapFS{"site.yaml": {Data: []byte(tt.yaml)}}, &l)
		if c == nil || l.Len() > 0 {
			t.Fatalf("Load: %v", l.Err())
		}
		c.LookupBranch("完全不同的名字 zzzz", diag.Pos{File: "x.md"}, &l)
		hint := ""
		if ps := l.Problems(); len(ps) == 1 {
			hint = ps[0].HintText()
		}
		if hint != tt.want {
			t.Errorf("hint %q, want %q", hint, tt.want)
		}
	}
}

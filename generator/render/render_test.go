package render_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/diag"
	"herald/generator/internal/testsite"
	"herald/generator/render"
)

const stringsSite = `
-- site.yaml --
title: 文字测试
baseURL: https://example.org/
categories: [{name: 为民办实事, slug: deeds}]
branches: [{name: 荷花塘社区党委, slug: hehuatang}]
strings:
  latest: 要闻
  reading_time: 约 %d 分钟读完
-- content/stories/a.md --
---
title: 甲
date: 2024-03-01
branch: 荷花塘社区党委
category: 为民办实事
---
正文。
`

func TestSiteStrings(t *testing.T) {
	s := testsite.Write(t, stringsSite)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	s.Contains(t, "public/index.html", ">要闻</h2>")
	s.Contains(t, "public/stories/a/index.html", "约 1 分钟读完")

	tests := []struct{ name, yaml, want string }{
		{"unknown key", "  latst: 要闻\n", `site.yaml:6: strings.latst: the theme has no string "latst"` + "\n\thint: did you mean \"latest\"?"},
		{"verbs lost", "  reading_time: 很快读完\n", `site.yaml:6: strings.reading_time: "很快读完" must keep the %-verbs of "阅读约 %d 分钟"` + "\n\thint: the theme fills them in with numbers or names, in that order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := testsite.Write(t, strings.Replace(stringsSite, "  latest: 要闻\n  reading_time: 约 %d 分钟读完\n", tt.yaml, 1))
			_, err := bad.Build(t, bad.Options(testsite.Theme(t)))
			var de *diag.Error
			if !errors.As(err, &de) || len(de.Problems) != 1 || de.Problems[0].Error() != tt.want {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestEnglishPunctuation checks that an English site's pages take their
// punctuation from the language's strings (a trial: "By：", "Part of：" and
// names joined with "、").
func TestEnglishPunctuation(t *testing.T) {
	s := testsite.Write(t, `
-- site.yaml --
title: Test
baseURL: https://example.org/
language: en
categories: [{name: Deeds, slug: deeds}]
branches:
  - {name: Lotus Pond, slug: lotus, parent: District Committee}
-- content/stories/a.md --
---
title: A
date: 2024-03-01
branch: lotus
category: deeds
authors: [Li, Wang]
achievements:
  - {label: Families helped, value: 3, unit: ""}
---
Text.
-- content/stories/b.md --
---
title: B
date: 2023-03-01
branch: lotus
category: deeds
achievements:
  - {label: Families helped, value: 4, unit: ""}
---
Text.
`)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	s.Contains(t, "public/stories/a/index.html", "By: Li, Wang")
	s.Contains(t, "public/branches/lotus/index.html", "Part of: District Committee")
	// A count of one in the singular (a trial: "1 stories").
	s.Contains(t, "public/archives/index.html", ">1 story<")
	for _, f := range []string{"public/archives/index.html", "public/achievements/index.html", "public/tags/index.html"} {
		if strings.Contains(s.Read(t, f), ">1 stories<") {
			t.Errorf("%s says 1 stories", f)
		}
	}
	for _, f := range []string{"public/stories/a/index.html", "public/branches/lotus/index.html", "public/achievements/families-helped/index.html"} {
		if got := s.Read(t, f); strings.ContainsAny(got, "：、。") {
			i := strings.IndexAny(got, "：、。")
			t.Errorf("%s has Chinese punctuation: …%s…", f, got[max(0, i-40):min(len(got), i+20)])
		}
	}
}

// oneBranchSite is the site.yaml of a site with one category and one
// branch, for tests to add stories to.
const oneBranchSite = `
-- site.yaml --
title: 测试站
baseURL: https://example.org/
categories: [{name: 基层治理, slug: governance}]
branches: [{name: 枫林社区党委, slug: fenglin}]
`

// TestPageHeads checks what a trial found missing or doubled in pages'
// heads: a tag and a category of one name had one title; the monthly
// archives and the 404 page had no description, and the 404 page a
// canonical link to itself; a cover without a caption repeated the title
// as its alt text, which a screen reader then reads twice.
func TestPageHeads(t *testing.T) {
	s := testsite.Write(t, oneBranchSite+`
-- content/stories/a/index.md --
---
title: 枫林社区议事会
date: 2024-03-01
branch: fenglin
category: 基层治理
tags: [基层治理]
cover: photo.svg
---
正文。
-- content/stories/a/photo.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>
`)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want, not string }{
		{"public/tags/基层治理/index.html", "<title>标签：基层治理 - 测试站</title>", ""},
		{"public/categories/governance/index.html", "<title>基层治理 - 测试站</title>", ""},
		{"public/archives/2024/03/index.html", `<meta name="description" content="2024 年 3 月的全部报道。">`, ""},
		{"public/archives/2024/index.html", `<meta name="description" content="2024 年的全部报道，按月份列出。">`, ""},
		{"public/archives/index.html", `<meta name="description" content="按年份和月份列出的全部报道。">`, ""},
		{"public/404.html", `<meta name="description" content="您访问的页面不存在或已被移除。">`, `rel="canonical"`},
		{"public/stories/a/index.html", `alt="">`, `alt="枫林社区议事会"`},
	} {
		got := s.Read(t, tt.file)
		if !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("%s: want %s%s", tt.file, tt.want, map[bool]string{true: ", without " + tt.not}[tt.not != ""])
		}
	}
}

// TestDraftNote checks that a draft's page, in a build with --drafts (a
// review, or the preview), says it is a draft, and no other page does (a
// trial: nothing told a draft from a published story).
func TestDraftNote(t *testing.T) {
	s := testsite.Write(t, oneBranchSite+`
-- content/stories/a.md --
---
title: 已发布
date: 2024-03-01
branch: fenglin
category: 基层治理
---
正文。
-- content/stories/b.md --
---
title: 草稿
date: 2024-03-02
branch: fenglin
category: 基层治理
draft: true
---
正文。
`)
	opts := s.Options(testsite.Theme(t))
	opts.Drafts = true
	if _, err := s.Build(t, opts); err != nil {
		t.Fatal(err)
	}
	const note = "草稿：这篇报道标了 draft: true"
	if !strings.Contains(s.Read(t, "public/stories/b/index.html"), note) {
		t.Error("the draft's page does not say it is a draft")
	}
	if strings.Contains(s.Read(t, "public/stories/a/index.html"), note) {
		t.Error("a published story's page says it is a draft")
	}
}

// TestBranchParents checks that a branch whose parent is a branch of the
// site links to it, and that the parent lists it (a trial: both were plain
// text); a parent outside the site stays text.
func TestBranchParents(t *testing.T) {
	s := testsite.Write(t, `
-- site.yaml --
title: 测试站
baseURL: https://example.org/news/
categories: [{name: 为民办实事, slug: deeds}]
branches:
  - {name: 区直机关党委, slug: organs, parent: 区委}
  - {name: 机关第八支部, slug: organ-08, parent: 区直机关党委}
  - {name: 机关第九支部, slug: organ-09, parent: organs}
-- content/stories/a.md --
---
title: 甲
date: 2024-03-01
branch: organ-08
category: deeds
---
正文。
`)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	s.Contains(t, "public/branches/organ-08/index.html", `上级党组织：<a href="/news/branches/organs/">区直机关党委</a>`)
	s.Contains(t, "public/branches/organs/index.html", `上级党组织：区委`,
		`下级党组织：<a href="/news/branches/organ-08/">机关第八支部</a>、<a href="/news/branches/organ-09/">机关第九支部</a>`)
}

// TestFormerNames checks that a story naming a branch or category by a
// former name (aliases in site.yaml: an organisation renamed, its old
// stories unchanged) is filed under it and shows its name now, and that a
// parent named by a former name links.
func TestFormerNames(t *testing.T) {
	s := testsite.Write(t, `
-- site.yaml --
title: 测试站
baseURL: https://example.org/
categories: [{name: 我为群众办实事, slug: deeds, aliases: [为民办实事]}]
branches:
  - {name: 区直机关工委, slug: organs, aliases: [区直机关党委]}
  - name: 机关第八支部（社会事业和民政局）
    slug: organ-08
    parent: 区直机关党委
    aliases: ["机关第八支部（社会事业局）"]
-- content/stories/a.md --
---
title: 甲
date: 2021-03-01
branch: 机关第八支部（社会事业局）
category: 为民办实事
---
正文。
`)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	s.Contains(t, "public/branches/organ-08/index.html", `上级党组织：<a href="/branches/organs/">区直机关工委</a>`, `/stories/a/`)
	s.Contains(t, "public/categories/deeds/index.html", `/stories/a/`)
	s.Contains(t, "public/stories/a/index.html", `机关第八支部（社会事业和民政局）`, `我为群众办实事`)
	if html := s.Read(t, "public/stories/a/index.html"); strings.Contains(html, "社会事业局）") {
		t.Error("the story's page shows the branch's former name")
	}
}

// TestPageWeight checks that a story page without images weighs under
// 30 kB uncompressed, HTML, stylesheet and scripts together.
func TestPageWeight(t *testing.T) {
	s := testsite.Copy(t, testsite.Root(t), "site.yaml", "content")
	if _, err := build.Build(context.Background(), s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:href|src)="/((?:css|js)/[^"]+|favicon\.svg)"`)
	pages, _ := filepath.Glob(s.Path("public/stories/*/*/*/index.html"))
	checked := 0
	for _, p := range pages {
		html, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(html), "<img") {
			continue
		}
		total := len(html)
		for _, m := range refs.FindAllStringSubmatch(string(html), -1) {
			fi, err := os.Stat(s.Path("public/" + m[1]))
			if err != nil {
				t.Fatal(err)
			}
			total += int(fi.Size())
		}
		if total > 30<<10 {
			t.Errorf("%s weighs %d bytes with its stylesheet and scripts, over 30 kB", p, total)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no story page without images to weigh")
	}
}

// TestAbsolute checks the URLs a feed's content gets: a site path becomes
// absolute, other addresses stay (a trial: feed readers met "/news/…").
func TestAbsolute(t *testing.T) {
	const origin = "https://example.org"
	tests := []struct{ in, want string }{
		{`<p><a href="/news/stories/a/">甲</a><img src="/news/a.jpg" alt="x"></p>`,
			`<p><a href="https://example.org/news/stories/a/">甲</a><img src="https://example.org/news/a.jpg" alt="x"></p>`},
		{`<a href="//cdn.example.com/x">x</a><a href="https://b.org/">b</a><a href="#fn:1">1</a>`,
			`<a href="//cdn.example.com/x">x</a><a href="https://b.org/">b</a><a href="#fn:1">1</a>`},
		{`<p>text with ="/ in it, and title="/x"</p>`, `<p>text with ="/ in it, and title="/x"</p>`},
		// The smaller copies of a body's photos, in srcset: each address.
		{`<img src="/news/a.jpg" alt="" width="6000" height="4000" srcset="/news/a-480w.jpg 480w, /news/a-960w.jpg 960w, /news/a.jpg 6000w" sizes="(max-width: 756px) calc(100vw - 36px), 720px" loading="lazy">`,
			`<img src="https://example.org/news/a.jpg" alt="" width="6000" height="4000" srcset="https://example.org/news/a-480w.jpg 480w, https://example.org/news/a-960w.jpg 960w, https://example.org/news/a.jpg 6000w" sizes="(max-width: 756px) calc(100vw - 36px), 720px" loading="lazy">`},
		{`<img srcset="//cdn.example.com/a.jpg 480w, https://b.org/a.jpg 960w"><img srcset="/a.jpg 1x`,
			`<img srcset="//cdn.example.com/a.jpg 480w, https://b.org/a.jpg 960w"><img srcset="https://example.org/a.jpg 1x`},
		{``, ``},
	}
	for _, tt := range tests {
		if got := render.Absolute(tt.in, origin); got != tt.want {
			t.Errorf("Absolute(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

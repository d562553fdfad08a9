package render_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
)

// trustSite is a small site; each case of TestTrustedTemplates adds
// templates of its own.
const trustSite = `
-- site.yaml --
title: 信任测试
baseURL: https://example.org/
params: {icp: 湘ICP备00000000号}
categories: [{name: 为民办实事, slug: deeds}]
branches: [{name: 荷花塘社区党委, slug: hehuatang}]
-- content/about.md --
---
title: 关于本站
---
本站报道社区党建。
-- content/stories/a.md --
---
title: 甲
date: 2024-03-01
branch: 荷花塘社区党委
category: 为民办实事
tags: [党史学习教育]
---
正文。
`

// TestTrustedTemplates checks which templates of a site's own keep the
// fingerprints exact: those that show only what every page's fingerprint
// holds (site.yaml, the UI strings, the page's own title and path, the
// categories and branches by name, the standalone pages). Before, any
// template of the site's own made every build render every page: a
// footer with the site's ICP number, the same on every page, cost an
// update at 10,000 stories 2.7 s against 0.41 s. A template that shows a
// story, a count or the tags must still render every page.
func TestTrustedTemplates(t *testing.T) {
	templates := testsite.ThemeTemplates(t)
	theme := func(name string) string {
		data, ok := templates[name]
		if !ok {
			t.Fatalf("the theme has no %s", name)
		}
		return string(data)
	}
	footer, header, base := theme("partials/footer.html"), theme("partials/header.html"), theme("base.html")
	icp := strings.Replace(footer, "</footer>", "<p>备案号：湘ICP备00000000号</p>\n</footer>", 1)
	const f = "-- templates/partials/footer.html --\n"
	tests := []struct {
		name  string
		files string
		exact bool
	}{
		{"none", "", true},
		{"the theme's footer and an ICP number", f + icp, true},
		{"the theme's header and a logo", "-- templates/partials/header.html --\n" + strings.Replace(header, `<div class="brand">`, `<div class="brand"><img src="/logo.png" alt="">`, 1), true},
		{"site.yaml's params", f + `<footer>{{with .Config.Params.icp}}<a href="https://beian.miit.gov.cn/">{{.}}</a>{{end}}</footer>`, true},
		{"the page's own title", f + `<footer>{{.Title}} {{.Kind}} {{url .Path}}</footer>`, true},
		{"the categories by name", f + `<footer>{{range $i, $c := .Site.Categories}}{{if $c.Stories}}{{$i}} {{$c.Name}}{{end}}{{end}}</footer>`, true},
		{"the standalone pages", f + `<footer>{{range .Site.Pages}}<a href="{{.URL}}">{{.Title}}</a>{{end}} {{len .Site.Pages}}</footer>`, true},
		{"whether there are figures", f + `<footer>{{if .Site.Figures}}{{t "achievements"}}{{end}}</footer>`, true},
		{"whether the page is a story", f + `<footer>{{if .Story}}报道{{end}}</footer>`, true},
		{"the page's place in its list, its year and figure", f + `<footer>{{with .Pager}}第 {{.Number}}/{{.Total}} 页{{with .Next}}<a href="{{.}}">下一页</a>{{end}}{{end}}{{with .Year}}{{.Year}} 年 {{.Count}} 篇{{end}}{{with .Figure}}{{.Label}}{{end}}</footer>`, true},
		// The stories whose versions the page's fingerprint holds, by
		// what their versions hold.
		{"the stories of the page's list", f + `<footer>{{with .Pager}}{{range .Stories}}{{.Title}}{{end}}{{end}}</footer>`, true},
		{"the story's date", f + `<footer>{{with .Story}}{{date .Date "2006"}}{{end}}</footer>`, true},
		{"the story's neighbours and related stories", f + `<footer>{{with .Story}}{{with .Newer}}{{.Title}}{{end}}{{with .Older}}{{.URL}}{{end}}{{range .Related}}{{.Title}} {{.Category.Name}}{{range .Tags}}{{.Name}}{{end}}{{end}}{{end}}</footer>`, true},
		{"a partial of its own, given a story", f + `<footer>{{with .Story}}{{template "partials/contact.html" .}}{{end}}</footer>` + "\n-- templates/partials/contact.html --\n<p>{{.Title}}</p>\n", true},
		{"a card of its own", "-- templates/partials/card.html --\n<article>{{.Title}} {{.Summary}} {{with .Branch}}{{.Name}}{{end}}</article>\n", true},
		{"a story page of its own", "-- templates/story.html --\n{{define \"main\"}}<h1>{{.Story.Title}}</h1>{{end}}\n", true},
		// The theme's own, with an editor's name, calls the theme's
		// partials with a tag, the story's achievements and related
		// stories: judged with those.
		{"the theme's story page and an editor", "-- templates/story.html --\n" + strings.Replace(theme("story.html"), "</article>", "<p>责任编辑：{{.Story.Params.editor}}</p>\n</article>", 1), true},
		{"the theme's related partial, given the site's stories", f + `<footer>{{range .Site.Stories}}{{partialCached "partials/related.html" . .Path}}{{end}}</footer>`, false},
		// A term's page holds all that lists show of its term (hasher.term).
		{"the theme's figures partial, given the page's term's totals", f + `<footer>{{with .Term}}{{template "partials/figures.html" .Totals}}{{end}}</footer>`, true},
		{"the theme's list page, and the term's count", "-- templates/list.html --\n" + strings.Replace(theme("list.html"), "<h1>{{$t.Name}}</h1>", "<h1>{{$t.Name}}</h1><p>本栏目共 {{len .Term.Stories}} 篇</p>", 1), true},
		{"the theme's terms page, and a line", "-- templates/terms.html --\n" + strings.Replace(theme("terms.html"), "<h1>{{.Title}}</h1>", "<h1>{{.Title}}</h1><p>共 {{len .Terms}} 项</p>", 1), true},
		{"the term's stories by month, its categories and totals", f + `<footer>{{with .Term}}{{monthChart .Stories}}{{range .Categories}}{{.Term.Name}} {{.N}}{{end}}{{range .Totals}}{{.Label}}{{.Value}}{{.Unit}}{{if .Summed}}累计{{end}} {{len .Stories}}{{end}}{{if eq . $.Term}}本页{{end}}{{end}}</footer>`, true},
		{"the theme's archives page, and a line", "-- templates/archives.html --\n" + strings.Replace(theme("archives.html"), "<h1>{{.Title}}</h1>", "<h1>{{.Title}}</h1><p>按月份浏览</p>", 1), true},
		{"the years of the archives, and their months' counts", f + `<footer>{{range .Site.Years}}<a href="{{.URL}}">{{.Year}}</a>({{.Count}}){{range .Months}}{{.Month}}:{{len .Stories}}{{end}}{{end}}</footer>`, true},
		{"the month page's stories", f + `<footer>{{with .Month}}{{.Year}}-{{.Month}}{{range .Stories}}{{.Title}}{{end}}{{end}}</footer>`, true},
		{"the stories of a month of the archives", f + `<footer>{{range .Site.Years}}{{range .Months}}{{range .Stories}}{{.Title}}{{end}}{{end}}{{end}}</footer>`, false},
		{"the term's stories", f + `<footer>{{with .Term}}{{range .Stories}}{{.Title}}{{end}}{{end}}</footer>`, false},
		{"the term's newest story", f + `<footer>{{with .Term}}{{with index .Stories 0}}{{.Title}}{{end}}{{end}}</footer>`, false},
		{"a total's stories by month", f + `<footer>{{with .Term}}{{range .Totals}}{{monthChart .Stories}}{{end}}{{end}}</footer>`, false},
		{"a story's branch's count", f + `<footer>{{with .Story}}{{len .Branch.Stories}}{{end}}</footer>`, false},
		{"a term's parent's count", f + `<footer>{{with .Term}}{{with .Up}}{{len .Stories}}{{end}}{{end}}</footer>`, false},
		{"how many related stories and tags the story has", f + `<footer>{{with .Story}}{{len .Related}} {{len .Tags}} {{len .Achievements}}{{end}}</footer>`, true},
		// A review: a story's page may be written before its
		// neighbours' Markdown is converted; they showed 0 minutes.
		{"a related story's reading time", f + `<footer>{{range .Story.Related}}{{.ReadingTime}}{{end}}</footer>`, false},
		{"a neighbour's summary", f + `<footer>{{with .Story}}{{with .Newer}}{{.Summary}}{{end}}{{end}}</footer>`, false},
		{"a neighbour's body", f + `<footer>{{with .Story}}{{with .Older}}{{.Body}}{{end}}{{end}}</footer>`, false},
		// A review: a standalone page's tag may have no story.
		{"whether a tag of the story has stories", f + `<footer>{{range .Story.Tags}}{{if .Stories}}<a href="{{.URL}}">{{.Name}}</a>{{end}}{{end}}</footer>`, false},
		{"the theme's tag partial, given the story's tags", f + `<footer>{{range .Story.Tags}}{{partialCached "partials/tag.html" . .Path}}{{end}}</footer>`, true},
		// A review: a story's params, given to the theme's tag partial
		// with its keys, shared the output of a tag of the same Path
		// with every page.
		{"the theme's tag partial, given a story's params", f + `<footer>{{with .Story}}{{with index .Params "badge"}}{{partialCached "partials/tag.html" . .Path}}{{end}}{{end}}</footer>`, false},
		{"the theme's card, given site.yaml's params", f + `<footer>{{partialCached "partials/card.html" .Config.Params .URL}}</footer>`, false},
		{"a neighbour's neighbour", f + `<footer>{{with .Story}}{{with .Newer}}{{with .Newer}}{{.Title}}{{end}}{{end}}{{end}}</footer>`, false},
		{"a related story's related stories", f + `<footer>{{range .Story.Related}}{{range .Related}}{{.Title}}{{end}}{{end}}</footer>`, false},
		{"the story's text", f + `<footer>{{with .Story}}{{.Text}}{{end}}</footer>`, false},
		{"the story's headings", f + `<footer>{{with .Story}}{{range .Headings}}{{.Text}}{{end}}{{end}}</footer>`, false},
		{"the count of a tag of the story", f + `<footer>{{range .Story.Tags}}{{len .Stories}}{{end}}</footer>`, false},
		{"the line of an achievement", f + `<footer>{{range .Story.Achievements}}{{.Line}}{{end}}</footer>`, false},
		{"a story's doc", f + `<footer>{{with .Story}}{{.Doc.Path}}{{end}}</footer>`, false},
		{"a partial of its own, given the page", f + `<footer>{{template "partials/contact.html" .}}</footer>` + "\n-- templates/partials/contact.html --\n<p>{{.Config.Title}}</p>\n", true},
		{"a variable of the site's own", f + `<footer>{{$t := .Config.Title}}{{$t}}</footer>`, true},
		// The theme's partialCached calls, word for word.
		{"the theme's base and a script", "-- templates/base.html --\n" + strings.Replace(base, "</head>", "<script src=\"/tongji.js\"></script>\n</head>", 1), true},

		// Counts go into every page's fingerprint (counted).
		{"the number of stories and of tags", f + `<footer>本站共 {{len .Site.Stories}} 篇报道、{{.Site.Tags | len}} 个标签</footer>`, true},
		{"whether there are stories, and how many", f + `<footer>{{if .Site.Stories}}有{{end}}{{with .Site.Stories}}{{len .}}{{end}}{{$s := $.Site.Stories}}{{if not $s}}无{{end}}</footer>`, true},
		{"the count in a partial of its own", f + `<footer>{{template "partials/count.html" .Site.Stories}}</footer>` + "\n-- templates/partials/count.html --\n<p>{{len .}}</p>\n", true},
		{"the stories in a partial of its own", f + `<footer>{{template "partials/count.html" .Site.Stories}}</footer>` + "\n-- templates/partials/count.html --\n<p>{{range .}}{{.Title}}{{end}}</p>\n", false},
		{"the newest story", f + `<footer>{{with index .Site.Stories 0}}{{.Title}}{{end}}</footer>`, false},
		{"the stories", f + `<footer>{{range .Site.Stories}}{{.Title}}{{end}}</footer>`, false},
		{"the list of stories shown", f + `<footer>{{.Site.Stories}}</footer>`, false},
		{"the first stories", f + `<footer>{{range slice .Site.Stories 0 3}}{{.Title}}{{end}}</footer>`, false},
		{"the tags", f + `<footer>{{range .Site.Tags}}{{.Name}}{{end}}</footer>`, false},
		{"a category's count", f + `<footer>{{range .Site.Categories}}{{len .Stories}}{{end}}</footer>`, false},
		{"a category's stories", f + `<footer>{{range .Site.Categories}}{{range .Stories}}{{.Title}}{{end}}{{end}}</footer>`, false},
		// The figures, ranged over or counted, go into every page's
		// fingerprint (counted).
		{"the number of figures", f + "<footer>{{range .Site.Figures}}*{{end}}{{len .Site.Figures}}</footer>", true},
		{"the figures", f + `<footer>{{range .Site.Figures}}{{.Label}}{{range $i, $u := .Units}}{{number .Value}}{{.Unit}}{{figureChart $u "" $i}}{{range .Years}}{{.Year}} {{len .Stories}}{{end}}{{end}}{{end}}</footer>`, true},
		{"the stories of a figure", f + `<footer>{{range .Site.Figures}}{{range .Units}}{{range .Years}}{{range .Stories}}{{.Title}}{{end}}{{end}}{{end}}{{end}}</footer>`, false},
		{"the figure page's stories", f + `<footer>{{with .Figure}}{{range .Units}}{{range .Years}}{{range .Stories}}{{.Title}}{{end}}{{end}}{{end}}{{end}}</footer>`, true},
		{"the theme's achievements page, and a line", "-- templates/achievements.html --\n" + strings.Replace(theme("achievements.html"), "<h1>{{.Title}}</h1>", "<h1>{{.Title}}</h1><p>数据截至本站最新报道</p>", 1), true},
		{"the theme's pager, and a line", "-- templates/partials/pager.html --\n" + theme("partials/pager.html") + "<p>共 {{with .Pager}}{{.Total}}{{end}} 页</p>\n", true},
		{"a chart", f + `<footer>{{monthChart .Site.Stories}}</footer>`, false},
		{"a variable holding the site", f + `<footer>{{$s := .Site}}{{range $s.Tags}}{{.Name}}{{end}}</footer>`, false},
		// A review: each shows a category's count, or the page rendered
		// first's masthead, or changes the base URL, past the analysis.
		{"a count carried to the next pass", f + `<footer>{{$x := 0}}{{range .Site.Categories}}[{{$x}}]{{$x = len .Stories}}{{end}}</footer>`, false},
		{"a range that assigns", f + `<footer>{{$x := .Config}}{{range $x = .Site.Categories}}{{end}}[{{len $x.Stories}}]</footer>`, false},
		{"the theme's masthead, kept by other keys", f + `<footer>{{partialCached "partials/header.html" . .Kind}}</footer>`, false},
		// A review: a variable declared in an if's list is not the
		// else list's.
		{"a variable shadowed in an if", f + `<footer>{{$x := .Site}}{{if .Story}}{{$x := "a"}}{{$x}}{{else}}{{range $x.Stories}}{{.Title}}{{end}}{{end}}</footer>`, false},
		{"a variable shadowed in a with", f + `<footer>{{$x := .Site}}{{with .Story}}{{$x := "a"}}{{$x}}{{else}}{{range $x.Tags}}{{.Name}}{{end}}{{end}}</footer>`, false},
		{"a method given arguments", f + `<footer>{{$_ := .Config.SetBaseURL "https://example.org/moved/"}}</footer>`, false},
		{"a partial named at run time", f + `<footer>{{partialCached (printf "partials/%s" "contact.html") .}}</footer>` + "\n-- templates/partials/contact.html --\n<p>{{.Config.Title}}</p>\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, trustSite+tt.files)
			r := renderer(t, s.Options(testsite.Theme(t)))
			if got := r.Exact(); got != tt.exact {
				t.Errorf("Exact() = %v, want %v", got, tt.exact)
			}
			// Where, for --timings to say.
			if why := r.Untrusted(); tt.exact != (why == "") || !tt.exact && !strings.HasPrefix(why, "templates/") {
				t.Errorf("Untrusted() = %q", why)
			}
		})
	}
}

// TestThemeCopiesTrusted checks that each of the theme's templates, copied
// into a site and changed, keeps the fingerprints exact while it shows what
// the theme's does: copying a template to change a line is what herald
// theme offers. Issue: a copy of list.html, terms.html, archives.html,
// achievements.html or partials/pager.html rendered every page on every
// build.
func TestThemeCopiesTrusted(t *testing.T) {
	templates := testsite.ThemeTemplates(t)
	var all string
	for _, name := range slices.Sorted(maps.Keys(templates)) {
		own := "-- templates/" + name + " --\n" + string(templates[name]) + "\n<!-- 本站修改 -->\n"
		all += own
		t.Run(name, func(t *testing.T) {
			r := renderer(t, testsite.Write(t, trustSite+own).Options(testsite.Theme(t)))
			if !r.Exact() {
				t.Errorf("not trusted: %s", r.Untrusted())
			}
		})
	}
	t.Run("all of them", func(t *testing.T) {
		r := renderer(t, testsite.Write(t, trustSite+all).Options(testsite.Theme(t)))
		if !r.Exact() {
			t.Errorf("not trusted: %s", r.Untrusted())
		}
	})
}

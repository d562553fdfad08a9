package render_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"herald/generator/diag"
	"herald/generator/internal/testsite"
)

// callsSite has two stories and a footer, the site's own, that shows the
// page it is on and includes partials/contact.html, which each test writes.
const callsSite = `
-- site.yaml --
title: 调用测试
baseURL: https://example.org/
categories: [{name: 为民办实事, slug: deeds}]
branches:
  - {name: 街道党工委, slug: jiedao}
  - {name: 荷花塘社区党委, slug: hehuatang, parent: 街道党工委}
  - {name: 荷花塘第一支部, slug: diyi, parent: 荷花塘社区党委}
-- content/stories/a.md --
---
title: 甲
date: 2024-03-01
branch: 荷花塘社区党委
category: 为民办实事
---
正文。
-- content/stories/b.md --
---
title: 乙
date: 2024-04-02
branch: 荷花塘第一支部
category: 为民办实事
---
正文。
-- templates/partials/footer.html --
<footer class="footer">
<p class="here">本页：{{.Title}}</p>
{{- with .Story}}<p class="date">{{date .Date "2006年1月2日"}}</p>{{end}}
{{template "partials/contact.html" .}}
</footer>
`

// TestTemplateCycles checks that a template that calls itself with
// nothing to stop it, directly or through another, by {{template}} or by
// partialCached, is a problem at the call when the templates are loaded;
// and that one that calls itself for the children of a tree builds. Issue:
// partialCached's loop overflowed the Go stack after 20 s and 5.5 GB,
// killing herald serve, and {{template}}'s took 17 s and 1.2 GB to reach
// html/template's depth limit.
func TestTemplateCycles(t *testing.T) {
	const hint = "\n\thint: call it only inside an {{if}}, {{with}} or {{range}} that stops, or call another template"
	const deepHint = "\n\thint: call it only inside an {{if}}, {{with}} or {{range}} whose data is smaller with each call, as a tree's children are"
	tests := []struct {
		name  string
		files string // more of the archive: partials/contact.html and others
		want  string // the problem, or "" for a build that succeeds
	}{
		{
			name:  "partialCached itself",
			files: "-- templates/partials/contact.html --\n<aside class=\"contact\">{{partialCached \"partials/contact.html\" .}}</aside>\n",
			want:  `templates/partials/contact.html:1: "partials/contact.html" calls itself without end: partialCached "partials/contact.html"` + hint,
		},
		{
			name:  "template itself",
			files: "-- templates/partials/contact.html --\n<aside class=\"contact\">\n{{template \"partials/contact.html\" .}}</aside>\n",
			want:  `templates/partials/contact.html:2: "partials/contact.html" calls itself without end: template "partials/contact.html"` + hint,
		},
		{
			name: "through another, in a pipeline",
			files: "-- templates/partials/contact.html --\n<aside>{{.Title}}</aside>\n{{template \"partials/more.html\" .}}\n" +
				"-- templates/partials/more.html --\n{{if .Title}}x{{end}}{{partialCached \"partials/contact.html\" . | len}}\n",
			want: `templates/partials/contact.html:2: "partials/contact.html" calls itself without end: template "partials/more.html" → partialCached "partials/contact.html"` + hint,
		},
		{
			name: "in a define of a page",
			files: "-- templates/partials/contact.html --\n<aside></aside>\n" +
				"-- templates/404.html --\n{{define \"main\"}}<p>{{.Title}}</p>{{template \"loop\" .}}{{end}}\n\n{{define \"loop\"}}{{template \"main\" .}}{{end}}\n",
			want: `templates/404.html:3: "loop" calls itself without end: template "main" → template "loop"` + hint,
		},
		{
			// Both in one run: the loop is found after the other file
			// fails to parse, and reported with it.
			name: "a loop and a file that does not parse",
			files: "-- templates/partials/contact.html --\n<aside class=\"contact\">{{partialCached \"partials/contact.html\" .}}</aside>\n" +
				"-- templates/partials/more.html --\n<p>{{.Title}</p>\n",
			want: `templates/partials/contact.html:1: "partials/contact.html" calls itself without end: partialCached "partials/contact.html"` + hint + "\n" +
				"templates/partials/more.html:1: syntax error: this {{ is closed with a single }\n\thint: close the action with }}, as in {{.Title}}",
		},
		// A trial: loops under a {{range}} that never ends, which the
		// check of calls cannot see, took minutes a page through
		// html/template, and overflowed the Go stack through
		// partialCached. They stop at maxDepth.
		{
			name:  "a loop under range, through template",
			files: "-- templates/partials/contact.html --\n{{range .Site.Branches}}{{template \"partials/contact.html\" $}}{{end}}\n",
			want:  `templates/partials/contact.html:1: <template "partials/contact.html"> is nested more than 1000 deep: the template calls itself without end` + deepHint + "\n\ton 17 pages, the first being the page of content/stories/b.md",
		},
		{
			name:  "a loop under range, through partialCached",
			files: "-- templates/partials/contact.html --\n{{range .Site.Branches}}\n{{partialCached \"partials/contact.html\" $}}{{end}}\n",
			want:  `templates/partials/contact.html:2: <partialCached "partials/contact.html"> is nested more than 1000 deep: the template calls itself without end` + deepHint + "\n\ton 17 pages, the first being the page of content/stories/b.md",
		},
		{
			name: "a tree of branches",
			files: "-- templates/partials/contact.html --\n<ul>{{range .Site.Branches}}{{if not .Up}}{{template \"partials/branch.html\" .}}{{end}}{{end}}</ul>\n" +
				"-- templates/partials/branch.html --\n<li>{{.Name}}{{with .Under}}<ul>{{range .}}{{template \"partials/branch.html\" .}}{{end}}</ul>{{end}}</li>\n",
		},
		{
			name: "a tree through partialCached",
			files: "-- templates/partials/contact.html --\n<ul>{{range .Site.Branches}}{{if not .Up}}{{partialCached \"partials/branch.html\" . .Path}}{{end}}{{end}}</ul>\n" +
				"-- templates/partials/branch.html --\n<li>{{.Name}}{{range .Under}}<ul>{{partialCached \"partials/branch.html\" . .Path}}</ul>{{end}}</li>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, callsSite+"-- templates/partials/contact.html --\n<aside></aside>\n")
			if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
				t.Fatal(err)
			}
			before := testsite.Digest(s.Tree(t, "public"))
			bad := testsite.Write(t, callsSite+tt.files)
			for rel, data := range bad.Tree(t, "templates") {
				s.WriteFile(t, "templates/"+rel, data)
			}
			_, err := s.Build(t, s.Options(testsite.Theme(t)))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				s.Contains(t, "public/index.html", "<li>街道党工委<ul><li>荷花塘社区党委<ul><li>荷花塘第一支部</li>")
				return
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v\nwant %s", err, tt.want)
			}
			var got []string
			for _, p := range de.Problems {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			if after := testsite.Digest(s.Tree(t, "public")); after != before {
				t.Error("the failed build changed the previous output")
			}
		})
	}
}

// TestSiteTemplatesNotCached checks that partialCached executes a site's
// own template on every call, whatever keys the theme's call gives: the
// theme's base.html gives the footer none, and a site's footer that shows
// the page got, on every page, the first page's footer. The theme's own
// partials are still kept.
func TestSiteTemplatesNotCached(t *testing.T) {
	tests := []struct {
		name  string
		files string              // more of the site's archive
		theme string              // the theme's header.html, when not the repository's
		want  map[string][]string // file -> what it holds
	}{
		{
			name: "footer",
			want: map[string][]string{
				"public/stories/a/index.html": {"本页：甲", "2024年3月1日"},
				"public/stories/b/index.html": {"本页：乙", "2024年4月2日"},
				"public/index.html":           {"本页：调用测试"},
			},
		},
		{
			name:  "header, with the theme's keys",
			files: "-- templates/partials/header.html --\n<header>{{.Title}}</header>\n",
			want: map[string][]string{
				"public/stories/a/index.html": {"<header>甲</header>"},
				"public/stories/b/index.html": {"<header>乙</header>"},
			},
		},
		{
			name:  "the theme's header reaching the site's partial",
			theme: "<header>{{.Kind}}</header>{{template \"partials/contact.html\" .}}\n",
			want: map[string][]string{
				"public/stories/a/index.html": {"<header>story</header><aside>甲</aside>"},
				"public/stories/b/index.html": {"<header>story</header><aside>乙</aside>"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, callsSite+"-- templates/partials/contact.html --\n<aside>{{.Title}}</aside>\n"+tt.files)
			theme := testsite.Theme(t)
			if tt.theme != "" {
				th := testsite.Copy(t, testsite.Root(t), "templates", "static")
				th.WriteFile(t, "templates/partials/header.html", []byte(tt.theme))
				theme = os.DirFS(th.Dir)
			}
			if _, err := s.Build(t, s.Options(theme)); err != nil {
				t.Fatal(err)
			}
			for file, wants := range tt.want {
				s.Contains(t, file, wants...)
			}
		})
	}
}

// memory is a Sink that keeps the files it is given.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = bytes.Clone(data)
	return nil
}

func (m *memory) CopyFile(string, fs.FS, string) error { return nil }

// TestSiteFooterWorkers checks that a site whose footer shows the page is
// rendered byte for byte the same with one worker and with eight, its jobs
// in their order and reversed: which page partialCached rendered first
// decided every page's footer.
func TestSiteFooterWorkers(t *testing.T) {
	s := testsite.Write(t, callsSite+"-- templates/partials/contact.html --\n<aside>{{.Title}}</aside>\n")
	var first map[string][]byte
	for _, workers := range []int{1, 8} {
		for _, reversed := range []bool{false, true} {
			opts := s.Options(testsite.Theme(t))
			opts.Workers = workers
			r := renderer(t, opts)
			jobs := r.Jobs()
			if reversed {
				slices.Reverse(jobs)
			}
			m := &memory{files: map[string][]byte{}}
			if err := r.RunJobs(context.Background(), jobs, m); err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = m.files
				continue
			}
			for _, p := range slices.Sorted(maps.Keys(first)) {
				if !bytes.Equal(first[p], m.files[p]) {
					t.Errorf("%d workers, reversed %v: %s differs from 1 worker's in order", workers, reversed, p)
				}
			}
		}
	}
}

// TestUnusedTemplates checks the warnings for the site's template files
// that no page uses. A trial: templates/contact.html, meant for one page,
// was ignored without a word, errors and all, and so would be a misspelt
// override such as templates/stroy.html.
func TestUnusedTemplates(t *testing.T) {
	const partial = "-- templates/partials/contact.html --\n<aside></aside>\n"
	tests := []struct {
		name, files string
		want        []string
	}{
		{"every file used", partial, nil},
		{"a page template herald has no page for", partial + "-- templates/contact.html --\n{{define \"main\"}}{{.Nope}}{{end}}\n", []string{
			`templates/contact.html:1: warning: herald renders no page with contact.html` +
				"\n\thint: pages are rendered with story.html, page.html, list.html, terms.html, archives.html, 404.html, search.html, achievements.html (a page of content/, such as an about page, with page.html); a template of your own goes into partials/, called with {{template \"partials/contact.html\" .}}",
		}},
		{"a misspelt override", partial + "-- templates/stroy.html --\n{{define \"main\"}}x{{end}}\n", []string{
			"templates/stroy.html:1: warning: herald renders no page with stroy.html\n\thint: did you mean \"story.html\"?",
		}},
		{"a partial nothing calls", partial + "-- templates/partials/hello.html --\n<p>hi</p>\n", []string{
			"templates/partials/hello.html:1: warning: no template calls partials/hello.html\n\thint: call it with {{template \"partials/hello.html\" .}} where it should show, or delete it",
		}},
		// Issue: a partial of {{define}}s alone, whose templates are
		// called by the names they define, was warned of as unused.
		{"a partial that only defines templates", partial + "-- templates/partials/macros.html --\n{{define \"badge\"}}<b>{{.Title}}</b>{{end}}\n-- templates/story.html --\n{{define \"main\"}}{{template \"badge\" .}}{{end}}\n", nil},
		{"a partial whose defined templates nothing calls", partial + "-- templates/partials/macros.html --\n{{define \"badge\"}}<b>{{.Title}}</b>{{end}}\n", []string{
			"templates/partials/macros.html:1: warning: no template calls partials/macros.html\n\thint: call it with {{template \"partials/macros.html\" .}} where it should show, or delete it",
		}},
		// A base.html of the site's own calls main, which the pages
		// define and the shared set does not: no missing template.
		{"a base that calls main", partial + "-- templates/base.html --\n<!doctype html><html lang=\"zh-CN\"><head><title>{{.Title}}</title></head><body>{{template \"main\" .}}{{template \"partials/footer.html\" .}}</body></html>\n", nil},
		// A retrial: partials/footer.htm and x.tmpl were not read, with
		// no word.
		{"files that are no templates", partial + "-- templates/partials/footer.htm --\n<footer>x</footer>\n-- templates/x.tmpl --\nx\n", []string{
			"templates/partials/footer.htm:1: warning: herald reads only the .html files of templates/\n\thint: name it templates/partials/footer.html if it is a template",
			"templates/x.tmpl:1: warning: herald reads only the .html files of templates/\n\thint: name it templates/x.html if it is a template",
		}},
		{"a partial called through partialCached", partial + "-- templates/partials/hello.html --\n<p>hi</p>\n-- templates/404.html --\n{{define \"main\"}}{{partialCached \"partials/hello.html\" .}}{{end}}\n", nil},
		{"a partial maybe called by a computed name", partial + "-- templates/partials/hello.html --\n<p>hi</p>\n-- templates/404.html --\n{{define \"main\"}}{{partialCached (print \"partials/\" \"hello.html\") .}}{{end}}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, callsSite+tt.files)
			res, err := s.Build(t, s.Options(testsite.Theme(t)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range res.Warnings {
				if strings.HasPrefix(w.Pos.File, "templates/") {
					got = append(got, w.Error())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

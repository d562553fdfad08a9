package render_test

import (
	"errors"
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
			if !errors.As(err, &de) || len(de.Problems) != 1 || de.Problems[0].Error() != tt.want {
				t.Fatalf("err = %v\nwant %s", err, tt.want)
			}
			if after := testsite.Digest(s.Tree(t, "public")); after != before {
				t.Error("the failed build changed the previous output")
			}
		})
	}
}

package render_test

import (
	"bytes"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
	"herald/generator/render"
)

// TestPrograms renders every page of the sample site with the theme's
// compiled templates and with html/template, and compares them byte for
// byte. The theme must compile whole, and no page may be handed back to
// html/template: else the program would only be slower.
func TestPrograms(t *testing.T) {
	s := testsite.Copy(t, testsite.Root(t), "site.yaml", "content")
	for _, live := range []string{"", "/_herald/livereload.js"} { // herald build, herald serve
		opts := s.Options(testsite.Theme(t))
		opts.LiveReload = live
		compiled, std := renderer(t, opts), renderer(t, opts)
		render.WithoutPrograms(std)
		// A job renders with the renderer that made it: each renderer
		// renders its own jobs, the same files in the same order.
		jobs, stdJobs := compiled.Jobs(), std.Jobs()
		if len(jobs) != len(stdJobs) {
			t.Fatalf("%d jobs against %d", len(jobs), len(stdJobs))
		}
		pages := 0
		for i, j := range jobs {
			if j.Path != stdJobs[i].Path {
				t.Fatalf("job %d: %s against %s", i, j.Path, stdJobs[i].Path)
			}
			if j.Copy != nil {
				continue
			}
			var got, want bytes.Buffer
			if err := compiled.Render(j, &got); err != nil {
				t.Fatal(err)
			}
			if err := std.Render(stdJobs[i], &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s differs:\n%s", j.Path, firstDiff(got.String(), want.String()))
			}
			if live != "" && strings.HasSuffix(j.Path, ".html") && !strings.Contains(got.String(), live) {
				t.Errorf("%s has no live reload script", j.Path)
			}
			pages++
		}
		ok, bails := render.Programs(compiled)
		if !ok || bails != 0 {
			t.Errorf("compiled %v, %d pages handed to html/template; want every set compiled and none", ok, bails)
		}
		if pages < 50 {
			t.Errorf("%d pages compared", pages)
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "program:       " + a[from:min(len(a), i+80)] + "\nhtml/template: " + b[from:min(len(b), i+80)]
}

// escapedSite has partials of its own: wrap.html asks partialCached for
// note.html under a key that names no data, and note.html shows what it
// is given, or "none".
const escapedSite = `
-- site.yaml --
title: 编译测试
baseURL: https://example.org/
-- content/about.md --
---
title: 关于本站
---
正文。
-- templates/page.html --
{{define "main"}}<p class="wrapped">{{partialCached "partials/wrap.html" . "k"}}</p>{{end}}
-- templates/partials/wrap.html --
{{partialCached "partials/note.html" . "same"}}
-- templates/partials/note.html --
{{if .}}{{.Title}}{{else}}none{{end}}
`

// TestEscapingKeepsNoPartials checks that having html/template escape the
// partials, which executes them without data, leaves partialCached
// nothing: note.html would have been kept as "none" under the key the
// page asks for.
func TestEscapingKeepsNoPartials(t *testing.T) {
	s := testsite.Write(t, escapedSite)
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	s.Contains(t, "public/about/index.html", `<p class="wrapped">关于本站`)
}

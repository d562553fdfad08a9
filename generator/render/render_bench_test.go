package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
	"herald/generator/render"
)

// discard is a Sink that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error       { return nil }
func (discard) CopyFile(string, fs.FS, string) error { return nil }

// renderer loads the site of opts and returns its renderer.
func renderer(tb testing.TB, opts build.Options) *render.Renderer {
	tb.Helper()
	l, err := build.Load(context.Background(), opts)
	if err != nil || l.Problems.Err() != nil {
		tb.Fatal(err, l.Problems.Err())
	}
	r, err := l.Renderer(opts)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// renderEach renders the jobs that are not copies, b.N times, into one
// buffer, writing nothing.
func renderEach(b *testing.B, r *render.Renderer, jobs []*render.Job) {
	b.Helper()
	b.ResetTimer()
	var buf bytes.Buffer
	for b.Loop() {
		for _, j := range jobs {
			if j.Copy != nil {
				continue
			}
			buf.Reset()
			if err := r.Render(j, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRenderSample renders every page of the sample site, without
// writing: template execution, feeds and the sitemap.
func BenchmarkRenderSample(b *testing.B) {
	s := testsite.Copy(b, testsite.Root(b), "site.yaml", "content")
	r := renderer(b, s.Options(testsite.Theme(b)))
	jobs := r.Jobs()
	renderEach(b, r, jobs)
	b.ReportMetric(float64(len(jobs)), "files/op")
}

// BenchmarkJobs makes the site's jobs and their fingerprints, as an update
// does for every file before it renders the few whose fingerprints changed.
// The site is the corpus in $HERALD_BENCH_CORPUS, else the sample site.
func BenchmarkJobs(b *testing.B) {
	r := renderer(b, build.Options{Source: testsite.Corpus(b), Theme: testsite.Theme(b), Now: testsite.Now})
	files := 0
	for b.Loop() {
		jobs := r.Jobs()
		for _, j := range jobs {
			r.Fingerprint(j)
		}
		files = len(jobs)
	}
	b.ReportMetric(float64(files), "files/op")
}

// BenchmarkPages renders every HTML page, without writing: template
// execution alone. The site is the corpus in $HERALD_BENCH_CORPUS (a
// folder written by ../shared/bench/gencorpus), else the sample site:
//
//	HERALD_BENCH_CORPUS=/tmp/corpus10k go test ./generator/render -run '^$' -bench Pages -cpuprofile cpu.out
func BenchmarkPages(b *testing.B) {
	r := renderer(b, build.Options{Source: testsite.Corpus(b), Theme: testsite.Theme(b), Now: testsite.Now})
	var pages []*render.Job
	for _, j := range r.Jobs() {
		if j.Copy == nil && strings.HasSuffix(j.Path, ".html") {
			pages = append(pages, j)
		}
	}
	renderEach(b, r, pages)
	b.ReportMetric(float64(len(pages)), "pages/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}

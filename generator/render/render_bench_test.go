package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// discard is a Sink that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error       { return nil }
func (discard) CopyFile(string, fs.FS, string) error { return nil }

// BenchmarkRenderSample renders every page of the sample site, without
// writing: template execution, feeds and the sitemap.
func BenchmarkRenderSample(b *testing.B) {
	s := testsite.Copy(b, testsite.Root(b), "site.yaml", "content")
	opts := s.Options(testsite.Theme(b))
	l, err := build.Load(context.Background(), opts)
	if err != nil || l.Problems.Err() != nil {
		b.Fatal(err, l.Problems.Err())
	}
	r, err := l.Renderer(opts)
	if err != nil {
		b.Fatal(err)
	}
	jobs := r.Jobs()
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
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
	b.ReportMetric(float64(len(jobs)), "files/op")
}

package output

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"herald/generator/internal/cputime"
	"herald/generator/internal/parallel"
)

// BenchmarkWrite writes 1,000 story pages of 16 kB, each in its own folder
// as a site's are, through a Writer from as many goroutines as a build
// uses, and commits them: the file system's part of a build. It reports
// the CPU time too, most of it the system's, which the wall time of
// writing from several threads at once hides.
func BenchmarkWrite(b *testing.B) {
	const files = 1000
	page := bytes.Repeat([]byte("<p>支部党员逐户走访。</p>\n"), 16<<10/32)
	dir := b.TempDir()
	n := 0
	start := cputime.Process()
	defer func() { b.ReportMetric((cputime.Process()-start).Seconds()*1e3/float64(b.N), "cpu-ms/op") }()
	for b.Loop() {
		n++
		w, err := Begin(filepath.Join(dir, fmt.Sprint("public-", n)))
		if err != nil {
			b.Fatal(err)
		}
		errs := make([]error, files)
		parallel.For(b.Context(), files, parallel.Waiting(), func(_, i int) {
			errs[i] = w.WriteFile(fmt.Sprintf("stories/2024/%02d/story-%d/index.html", i%12+1, i), page)
		})
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(files, "files/op")
}

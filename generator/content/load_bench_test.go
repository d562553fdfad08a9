package content

import (
	"context"
	"os"
	"testing"
	"time"

	"herald/generator/diag"
	"herald/generator/internal/testroot"
)

// BenchmarkLoad reads the stories of a corpus: HERALD_BENCH_CORPUS names
// its folder (from ../shared/bench/gencorpus), else the repository's sample
// site.
func BenchmarkLoad(b *testing.B) {
	dir := testroot.Corpus(b)
	fsys := os.DirFS(dir)
	tz, _ := time.LoadLocation("Asia/Shanghai")
	for b.Loop() {
		var l diag.List
		set, err := Load(context.Background(), fsys, Options{TimeZone: tz}, &l)
		if err != nil || l.Errors() > 0 {
			b.Fatal(err, l.Err())
		}
		b.ReportMetric(float64(len(set.Docs)), "docs/op")
	}
}

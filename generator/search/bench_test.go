package search_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/cputime"
	"herald/generator/internal/testsite"
	"herald/generator/search"
	"herald/generator/site"
)

// corpus10k loads a generated benchmark corpus for BenchmarkBuild10k: the
// folder in $HERALD_BENCH_CORPUS, or /tmp/corpus10k, as written by
// ../shared/bench/gencorpus (go run . -n 10000 -seed 1 -out DIR).
func corpus10k(b *testing.B) *site.Site {
	b.Helper()
	dir := os.Getenv("HERALD_BENCH_CORPUS")
	if dir == "" {
		dir = "/tmp/corpus10k"
	}
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		b.Skipf("no corpus in %s (set HERALD_BENCH_CORPUS to a gencorpus folder)", dir)
	}
	l, err := build.Load(context.Background(), build.Options{Source: dir, Theme: testsite.Theme(b), Now: testsite.Now})
	if err != nil {
		b.Fatal(err)
	}
	return l.Site
}

// BenchmarkBuild10k measures search.Build alone, without loading the site:
//
//	go test ./generator/search -run '^$' -bench Build10k -benchmem -cpuprofile cpu.out
func BenchmarkBuild10k(b *testing.B) {
	s := corpus10k(b)
	b.ResetTimer()
	start := cputime.Process()
	defer func() { b.ReportMetric((cputime.Process()-start).Seconds()/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		ix, err := search.Build(s, search.Options{})
		if err != nil {
			b.Fatal(err)
		}
		total := 0
		for _, d := range ix.Files {
			total += len(d)
		}
		b.ReportMetric(float64(len(ix.Files)), "files")
		b.ReportMetric(float64(total), "bytes")
	}
}

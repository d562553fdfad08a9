package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/site"
)

// BenchmarkNew builds the model of a corpus — stories sorted, neighbours,
// related stories, the taxonomies, archives and achievement totals — from
// content already read: HERALD_BENCH_CORPUS names the corpus's folder (from
// ../shared/bench/gencorpus), else the repository's sample site.
func BenchmarkNew(b *testing.B) {
	dir := os.Getenv("HERALD_BENCH_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..")
	}
	fsys := os.DirFS(dir)
	var problems diag.List
	cfg := config.Load(fsys, &problems)
	if cfg == nil {
		b.Fatal(problems.Err())
	}
	set, err := content.Load(context.Background(), fsys, content.Options{TimeZone: cfg.TimeZone}, &problems)
	if err != nil || problems.Errors() > 0 {
		b.Fatal(err, problems.Err())
	}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		var l diag.List
		s := site.New(site.Input{Config: cfg, Content: set}, site.Options{Now: now}, &l)
		if l.Errors() > 0 {
			b.Fatal(l.Err())
		}
		b.ReportMetric(float64(len(s.Stories)), "stories/op")
	}
}

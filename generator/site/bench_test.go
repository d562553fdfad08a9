package site_test

import (
	"context"
	"os"
	"testing"
	"time"

	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/internal/testsite"
	"herald/generator/site"
)

// BenchmarkNew builds the model of a corpus — stories sorted, neighbours,
// related stories, the taxonomies, archives and achievement totals — from
// content already read: HERALD_BENCH_CORPUS names the corpus's folder (from
// ../shared/bench/gencorpus), else the repository's sample site.
func BenchmarkNew(b *testing.B) {
	cfg, set := benchInput(b)
	for b.Loop() {
		s := newSite(b, cfg, set)
		b.ReportMetric(float64(len(s.Stories)), "stories/op")
	}
}

// BenchmarkSeal hashes every story's fields into its Version, as each build
// does once the Markdown is converted.
func BenchmarkSeal(b *testing.B) {
	cfg, set := benchInput(b)
	s := newSite(b, cfg, set)
	for b.Loop() {
		s.Seal()
	}
	b.ReportMetric(float64(len(s.Stories)), "stories/op")
}

// benchInput reads the site in $HERALD_BENCH_CORPUS, else the sample site.
func benchInput(b *testing.B) (*config.Config, *content.Set) {
	fsys := os.DirFS(testsite.Corpus(b))
	var problems diag.List
	cfg := config.Load(fsys, &problems)
	if cfg == nil {
		b.Fatal(problems.Err())
	}
	set, err := content.Load(context.Background(), fsys, content.Options{TimeZone: cfg.TimeZone}, &problems)
	if err != nil || problems.Errors() > 0 {
		b.Fatal(err, problems.Err())
	}
	return cfg, set
}

func newSite(b *testing.B, cfg *config.Config, set *content.Set) *site.Site {
	var l diag.List
	s := site.New(site.Input{Config: cfg, Content: set}, site.Options{Now: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}, &l)
	if l.Errors() > 0 {
		b.Fatal(l.Err())
	}
	return s
}

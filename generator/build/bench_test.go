package build_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// benchSite copies the corpus in $HERALD_BENCH_CORPUS (a folder written by
// ../shared/bench/gencorpus), else the repository's sample site, into a
// new folder.
func benchSite(b *testing.B) *testsite.Site {
	b.Helper()
	return testsite.Copy(b, testsite.Corpus(b), "site.yaml", "content")
}

// BenchmarkBuild is a cold build, the whole pipeline, into a new output
// folder each time:
//
//	HERALD_BENCH_CORPUS=/tmp/corpus10k go test ./generator/build -run '^$' -bench Build -benchtime 3x -cpuprofile cpu.out
func BenchmarkBuild(b *testing.B) {
	s := benchSite(b)
	opts := s.Options(testsite.Theme(b))
	n := 0
	for b.Loop() {
		n++
		opts.Out = s.Path(fmt.Sprintf("public-%d", n))
		res, err := build.Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Stats.Files), "files/op")
		b.StopTimer()
		os.RemoveAll(opts.Out)
		b.StartTimer()
	}
}

// BenchmarkUpdate edits one story and builds over the previous output,
// with the build cache, as herald build does.
func BenchmarkUpdate(b *testing.B) {
	s := benchSite(b)
	opts := s.Options(testsite.Theme(b))
	opts.CacheDir = s.Path(".herald/cache")
	if _, err := build.Build(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	// The first published story.
	var story string
	var text []byte
	err := filepath.WalkDir(s.Path("content/stories"), func(p string, d os.DirEntry, err error) error {
		if err != nil || story != "" || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && !bytes.Contains(data, []byte("draft: true")) {
			story, text = p, data
		}
		return err
	})
	if err != nil || story == "" {
		b.Fatal("no published story in content/stories", err)
	}
	n := 0
	for b.Loop() {
		n++
		if err := os.WriteFile(story, fmt.Appendf(text, "\n第 %d 次修改。\n", n), 0o644); err != nil {
			b.Fatal(err)
		}
		res, err := build.Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Stats.Written), "written/op")
	}
}

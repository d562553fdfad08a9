// Package testroot finds, for tests and benchmarks, the repository's root
// folder and the site a benchmark runs on. It imports nothing of herald,
// so that every package's own tests can use it.
package testroot

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the repository's root folder: the first folder with a
// go.mod from the test's folder up.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Corpus returns the folder of the site benchmarks run on: the corpus
// $HERALD_BENCH_CORPUS names (a folder written by ../shared/bench/gencorpus),
// else the repository's sample site.
func Corpus(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("HERALD_BENCH_CORPUS"); dir != "" {
		return dir
	}
	return Root(t)
}

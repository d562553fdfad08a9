package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"herald/generator/internal/testroot"
)

// BenchmarkConvert converts the bodies of a corpus's stories: those under
// HERALD_BENCH_CORPUS (a folder from ../shared/bench/gencorpus), else the
// repository's sample site.
func BenchmarkConvert(b *testing.B) {
	dir := testroot.Corpus(b)
	var bodies [][]byte
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && len(bodies) < 2000 {
			data, _ := os.ReadFile(p)
			if i := strings.Index(string(data[3:]), "\n---\n"); i > 0 {
				bodies = append(bodies, data[i+8:])
			}
		}
		return nil
	})
	conv := New(Options{})
	var size int64
	for _, body := range bodies {
		size += int64(len(body))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			src := testSource(body)
			src.ImageSize = func(string) (int, int, bool) { return 800, 600, true }
			if _, err := conv.Convert(src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

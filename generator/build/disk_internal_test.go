package build

import (
	"os"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"

	"herald/generator/markdown"
)

// TestTextsCutShort reads a story's text from a cache file cut short after
// the build opened it: an error, from which the story's Markdown is
// converted again. Issue: reading the texts at once took the short read
// for the whole, and the indexer panicked slicing past its end.
func TestTextsCutShort(t *testing.T) {
	for name, atOnce := range map[string]int64{"read at once": 0, "read alone": 256} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			text := strings.Repeat("支部党员逐户走访。", 40)
			c := openCache(dir, false)
			c.store(&markdown.Source{File: "a.md"}, 1, false, &markdown.Result{Text: text, TextHash: xxhash.Sum64String(text)})
			if err := c.save([]string{"a.md"}); err != nil {
				t.Fatal(err)
			}
			c = openCache(dir, true)
			defer c.close()
			c.await()
			e, ok := c.md["a.md"]
			if !ok {
				t.Fatal("the cache was not read back")
			}
			if got, err := c.text(e); err != nil || got != text {
				t.Fatalf("before the cut: %q, %v", got, err)
			}
			c.textReads.Store(0)
			defer SetTextsAtOnce(atOnce)()
			info, err := os.Stat(c.disk)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(c.disk, info.Size()-10); err != nil {
				t.Fatal(err)
			}
			if got, err := c.text(e); err == nil {
				t.Errorf("read %d bytes of a text cut short, and no error", len(got))
			}
		})
	}
}

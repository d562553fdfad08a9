package build

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/rogpeppe/go-internal/txtar"

	"herald/generator/gcfloor"
	"herald/generator/markdown"
)

// TestCacheRaisesHeapFloor checks that a cache read from disk raises the
// heap's floor in proportion to its records, which the build will hold
// to its end, and that a cache not read, or another herald's, leaves it.
func TestCacheRaisesHeapFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gcfloor.Stop()
	gcfloor.Start(100) // as herald's main does
	defer gcfloor.Stop()
	dir := t.TempDir()
	c := openCache(dir, false)
	var docs []string
	for i := range 2000 {
		text := fmt.Sprintf("第%d篇：支部党员逐户走访。", i)
		docs = append(docs, fmt.Sprintf("s%d.md", i))
		c.store(&markdown.Source{File: docs[i]}, uint64(i), false, &markdown.Result{Text: text, TextHash: xxhash.Sum64String(text)})
	}
	if err := c.save(docs); err != nil {
		t.Fatal(err)
	}
	c.close()
	openCache(dir, false).close() // not read
	if got := gcfloor.Floor(); got != 0 {
		t.Fatalf("a cache not read set the floor to %d", got)
	}
	if _, _, _, _, _, _, ok := readCache(filepath.Join(dir, cacheName), "another herald"); ok || gcfloor.Floor() != 0 {
		t.Fatalf("another herald's cache was read (%v), and set the floor to %d", ok, gcfloor.Floor())
	}
	c = openCache(dir, true)
	defer c.close()
	c.await()
	if len(c.md) != 2000 {
		t.Fatalf("read back %d conversions, want 2000", len(c.md))
	}
	f, err := os.Open(c.disk)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var head [cacheHeadLen]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		t.Fatal(err)
	}
	records := binary.LittleEndian.Uint64(head[16:])
	if got, want := gcfloor.Floor(), min(heapPerRecordByte*records, maxHeapFloor); got != want {
		t.Errorf("the floor is %d after reading %d bytes of records, want %d", got, records, want)
	}
}

// TestTextsCutShort reads a story's text from a cache file cut short after
// the build opened it: an error, from which the story's Markdown is
// converted again. Issue: reading the texts at once took the short read
// for the whole, and the indexer panicked slicing past its end.
func TestTextsCutShort(t *testing.T) {
	if !streamTexts {
		t.Skip("the texts are read whole when the cache is opened")
	}
	for name, atOnce := range map[string]int64{"read at once": 0, "read alone": 256} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			text := strings.Repeat("支部党员逐户走访。", 40)
			c := openCache(dir, false)
			c.store(&markdown.Source{File: "a.md"}, 1, false, &markdown.Result{Text: text, TextHash: xxhash.Sum64String(text)})
			if err := c.save([]string{"a.md"}); err != nil {
				t.Fatal(err)
			}
			c.close() // the build is done
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
			if err := os.Truncate(c.disk, e.textAt+int64(e.textLen)-10); err != nil {
				t.Fatal(err)
			}
			if got, err := c.text(e); err == nil {
				t.Errorf("read %d bytes of a text cut short, and no error", len(got))
			}
		})
	}
}

// TestTextsWaitOnDisk checks that a build with a cache on disk holds no
// story's text in memory once it is converted: the text lies in the file
// the cache's save renames into place, and is read from there when asked
// for; the saved cache gives it back. Issue: every text stayed in memory
// from its conversion to the save (45 MB at 10,000 stories).
func TestTextsWaitOnDisk(t *testing.T) {
	if !streamTexts {
		t.Skip("the texts stay in memory until the cache is saved")
	}
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range txtar.Parse(data).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Theme: os.DirFS(filepath.Join("..", "..")), Now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	load := func(c *Cache) *Loaded {
		t.Helper()
		o := opts
		o.Cache = c
		l, err := Load(context.Background(), o)
		if err != nil || l.Problems.Err() != nil {
			t.Fatal(err, l.Problems.Err())
		}
		return l
	}
	want := map[string]string{} // by doc path, from a build without a cache
	for _, st := range load(nil).Site.Stories {
		text, err := st.Text()
		if err != nil || text == "" {
			t.Fatalf("%s: text %q, %v", st.Doc.Path, text, err)
		}
		want[st.Doc.Path] = text
	}

	c := openCache(filepath.Join(dir, CacheDir), false)
	defer c.close()
	l := load(c)
	for _, st := range l.Site.Stories {
		if e := c.md[st.Doc.Path]; e.Res.Text != "" || !e.inNext {
			t.Errorf("%s: the cache holds the text in memory", st.Doc.Path)
		}
		if got, err := st.Text(); err != nil || got != want[st.Doc.Path] {
			t.Errorf("%s: text %q, %v; want %q", st.Doc.Path, got, err, want[st.Doc.Path])
		}
	}
	if err := c.save(l.docs); err != nil {
		t.Fatal(err)
	}
	c.close()

	c = openCache(filepath.Join(dir, CacheDir), true)
	defer c.close()
	l = load(c)
	if l.converted != 0 {
		t.Errorf("converted %d docs, want all from the cache", l.converted)
	}
	for _, st := range l.Site.Stories {
		if got, err := st.Text(); err != nil || got != want[st.Doc.Path] {
			t.Errorf("%s, from the saved cache: text %q, %v; want %q", st.Doc.Path, got, err, want[st.Doc.Path])
		}
	}
}

// TestTextsUnwritten reads back the texts of a cache whose next file takes
// no more writes (a full disk): those it could not write are read from
// memory, later ones stay in memory, and the save fails. Issue: the texts
// it could not write were dropped, and read back as EOF.
func TestTextsUnwritten(t *testing.T) {
	if !streamTexts {
		t.Skip("the texts stay in memory until the cache is saved")
	}
	c := openCache(t.TempDir(), false)
	defer c.close()
	store := func(file, text string) func() (string, error) {
		return c.store(&markdown.Source{File: file}, 1, false, &markdown.Result{Text: text, TextHash: xxhash.Sum64String(text)})
	}
	a := strings.Repeat("支部党员逐户走访。", 40)
	readA := store("a.md", a)
	if readA == nil {
		t.Fatal("the text did not go to the cache's next file")
	}
	c.mu.Lock()
	c.next.Close()
	ro, err := os.Open(c.next.Name()) // a file that takes no write
	if err != nil {
		t.Fatal(err)
	}
	c.next = ro
	err = c.flushNext()
	c.mu.Unlock()
	if err == nil {
		t.Fatal("the texts were written to a read-only file")
	}
	if got, err := readA(); err != nil || got != a {
		t.Errorf("the text not written: %.20q, %v", got, err)
	}
	b := strings.Repeat("党员志愿者清理楼道。", 30)
	if store("b.md", b) != nil {
		t.Error("a text went to the next file after it failed")
	}
	if got, err := c.text(c.md["b.md"]); err != nil || got != b {
		t.Errorf("the later text: %.20q, %v", got, err)
	}
	if err := c.save([]string{"a.md", "b.md"}); err == nil {
		t.Error("the save did not fail")
	}
}

// TestSaveReadsTextsAlone saves a cache that holds texts of the file it
// was read from: the save reads them one at a time, never all at once as
// a build that asks for many does (textsAtOnce), and the saved file gives
// them back. Issue: a save read them all into memory, 45 MB at 10,000
// stories, while the pages rendered.
func TestSaveReadsTextsAlone(t *testing.T) {
	dir := t.TempDir()
	texts := map[string]string{
		"a.md": strings.Repeat("支部党员逐户走访。", 40),
		"b.md": strings.Repeat("党员志愿者清理楼道。", 30),
		"c.md": strings.Repeat("社区议事会商定加装电梯。", 20),
	}
	paths := []string{"a.md", "b.md", "c.md"}
	store := func(c *Cache, file, text string) {
		c.store(&markdown.Source{File: file}, 1, false, &markdown.Result{Text: text, TextHash: xxhash.Sum64String(text)})
	}
	c := openCache(dir, false)
	for _, p := range paths {
		store(c, p, texts[p])
	}
	if err := c.save(paths); err != nil {
		t.Fatal(err)
	}
	c.close()

	defer SetTextsAtOnce(0)() // any text asked for through Cache.text reads them all
	c = openCache(dir, true)
	c.await()
	texts["b.md"], texts["c.md"] = "新的正文。", "又一篇新的正文。"
	store(c, "b.md", texts["b.md"])
	store(c, "c.md", texts["c.md"]) // two of three: enough to save again
	if err := c.save(paths); err != nil {
		t.Fatal(err)
	}
	if n := c.textReads.Load(); n != 0 {
		t.Errorf("the save read %d texts through Cache.text, which reads them all at once", n)
	}
	c.close()

	c = openCache(dir, true)
	defer c.close()
	c.await()
	for _, p := range paths {
		if got, err := c.text(c.md[p]); err != nil || got != texts[p] {
			t.Errorf("%s: %.20q, %v; want %.20q", p, got, err, texts[p])
		}
	}
}

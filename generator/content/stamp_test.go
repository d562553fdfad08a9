package content_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/internal/sysfile"
)

// readCounter is a file system that counts the files read through it.
type readCounter struct {
	fs.FS
	reads atomic.Int32
}

func (r *readCounter) ReadFile(name string) ([]byte, error) {
	r.reads.Add(1)
	return fs.ReadFile(r.FS, name)
}

func (r *readCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.FS, name) }

func (r *readCounter) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, name) }

// tick waits for the kernel's clock for file times, which advances in
// ticks of up to 10 ms, to move on.
func tick() { time.Sleep(30 * time.Millisecond) }

// TestLoadStamps checks that a Bodiless cache, with Options.Stamps, reads
// only the files whose stamps changed, even when an edit keeps a file's
// size and modification time.
func TestLoadStamps(t *testing.T) {
	dir := t.TempDir()
	if !sysfile.ChangeTimes(dir) {
		t.Skipf("the file system of %s keeps no change times: stamps are not trusted there", dir)
	}
	story := func(title string) string {
		return "---\ntitle: " + title + "\ndate: 2024-03-01\nbranch: b\ncategory: c\n---\n走访了三户老党员。\n"
	}
	names := []string{"a.md", "b.md", "c.md"}
	write := func(t *testing.T, name, text string) {
		t.Helper()
		p := filepath.Join(dir, "content", "stories", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		write(t, n, story("一"))
	}
	tick()
	fsys := &readCounter{FS: os.DirFS(dir)}
	cache := content.NewCache()
	cache.Bodiless = true
	load := func(t *testing.T, stamps bool) *content.Set {
		t.Helper()
		var l diag.List
		set, err := content.Load(context.Background(), fsys, content.Options{TimeZone: shanghai, Cache: cache, Stamps: stamps}, &l)
		if err != nil || l.Len() > 0 {
			t.Fatalf("Load: %v, %v", err, l.Err())
		}
		return set
	}
	titles := func(set *content.Set) string {
		var ts []string
		for _, d := range set.Docs {
			ts = append(ts, d.Title)
		}
		return strings.Join(ts, " ")
	}
	defer content.SetSettle(0)()
	for _, step := range []struct {
		name         string
		change       func(t *testing.T)
		stamps       bool
		read, parsed int
		titles       string
	}{
		{name: "the first load", stamps: true, read: 3, parsed: 3, titles: "一 一 一"},
		{name: "nothing", stamps: true, titles: "一 一 一"},
		{
			// An edit that keeps the size and the time, as a copy does.
			name: "a story, to the same size and time",
			change: func(t *testing.T) {
				p := filepath.Join(dir, "content", "stories", "b.md")
				info, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				before, _ := sysfile.StampOf(info)
				write(t, "b.md", story("二"))
				if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
				if info, err = os.Stat(p); err != nil {
					t.Fatal(err)
				}
				if after, _ := sysfile.StampOf(info); after == before {
					t.Skipf("the file system's times are coarser than %s: the edit kept the stamp", 30*time.Millisecond)
				}
				tick()
			},
			stamps: true, read: 1, parsed: 1, titles: "一 二 一",
		},
		{name: "nothing, again", stamps: true, titles: "一 二 一"},
		{name: "nothing, without stamps", read: 3, titles: "一 二 一"},
		{
			// A fresh clone: every file is new to the system, with the
			// same bytes. The cache takes their new stamps.
			name: "every file's time",
			change: func(t *testing.T) {
				later := time.Now().Add(time.Hour)
				for _, n := range names {
					if err := os.Chtimes(filepath.Join(dir, "content", "stories", n), later, later); err != nil {
						t.Fatal(err)
					}
				}
				tick()
			},
			stamps: true, read: 3, titles: "一 二 一",
		},
		{name: "nothing, after the new times", stamps: true, titles: "一 二 一"},
		{
			// A stamp taken soon after an edit is not kept, nor trusted:
			// an edit within the same tick of the kernel's clock would
			// keep it. Here every file changed within the hour.
			name: "a story, soon after edits",
			change: func(t *testing.T) {
				write(t, "c.md", story("三"))
				content.SetSettle(time.Hour)
			},
			stamps: true, read: 3, parsed: 1, titles: "一 二 三",
		},
		{name: "nothing, soon after edits", stamps: true, read: 3, titles: "一 二 三"},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.change != nil {
				step.change(t)
			}
			before := fsys.reads.Load()
			set := load(t, step.stamps)
			if set.Read != step.read || set.Parsed != step.parsed {
				t.Errorf("read %d and parsed %d, want %d and %d", set.Read, set.Parsed, step.read, step.parsed)
			}
			if n := int(fsys.reads.Load() - before); n != set.Read {
				t.Errorf("%d files read through the file system, and Set.Read is %d", n, set.Read)
			}
			if got := titles(set); got != step.titles {
				t.Errorf("titles %q, want %q", got, step.titles)
			}
		})
	}
}

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestReuse writes a new output in place of one whose files it takes as
// links where the bytes are the same and the file is as the previous
// build left it; and, on a file system without hard links, writes them.
func TestReuse(t *testing.T) {
	prev := map[string]string{
		"same.html":    "home",
		"changed.html": "old page",
		"edited.html":  "the text", // edited by hand since, to the same size
		"photo.jpg":    "jpeg bytes",
		"other.jpg":    "jpeg one",
		"gone.html":    "no more",
	}
	writes := []struct {
		path, data string
		copy       bool // CopyFile, else WriteFile
		linked     bool
	}{
		{"same.html", "home", false, true},
		{"changed.html", "new page", false, false},
		{"edited.html", "the text", false, false},
		{"new.html", "a new page", false, false},
		{"photo.jpg", "jpeg bytes", true, true},
		{"other.jpg", "jpeg two", true, false}, // the same size, other bytes
	}
	for _, links := range []bool{true, false} {
		name := "hard links"
		if !links {
			name = "no hard links"
		}
		t.Run(name, func(t *testing.T) {
			if !links {
				link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EXDEV} }
				defer func() { link = os.Link }()
			}
			target := filepath.Join(t.TempDir(), "public")
			w, err := Begin(target)
			if err != nil {
				t.Fatal(err)
			}
			for p, data := range prev {
				if err := w.WriteFile(p, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			m, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			for p := range prev {
				if err := os.Chtimes(filepath.Join(target, p), old, old); err != nil {
					t.Fatal(err)
				}
			}
			edited := filepath.Join(target, "edited.html")
			if err := os.WriteFile(edited, []byte("The text"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(edited, old, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			u, err := Update(target, m)
			if err != nil {
				t.Fatal(err)
			}
			if w, err = Begin(target); err != nil {
				t.Fatal(err)
			}
			w.Reuse(u)
			was := map[string]os.FileInfo{}
			for _, tt := range writes {
				if info, err := os.Stat(filepath.Join(target, tt.path)); err == nil {
					was[tt.path] = info
				}
				if tt.copy {
					err = w.CopyFile(tt.path, fstest.MapFS{"src": {Data: []byte(tt.data)}}, "src")
				} else {
					err = w.WriteFile(tt.path, []byte(tt.data))
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			linked := 0
			for _, tt := range writes {
				if tt.linked && links {
					linked++
				}
			}
			if w.Linked() != linked {
				t.Errorf("Linked() = %d, want %d", w.Linked(), linked)
			}
			m, err = w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			for _, tt := range writes {
				full := filepath.Join(target, tt.path)
				if data, err := os.ReadFile(full); err != nil || string(data) != tt.data {
					t.Errorf("%s holds %q (%v), want %q", tt.path, data, err, tt.data)
				}
				info, err := os.Stat(full)
				if err != nil {
					t.Fatal(err)
				}
				same := was[tt.path] != nil && os.SameFile(info, was[tt.path])
				if want := tt.linked && links; same != want || info.ModTime().Equal(old) != want {
					t.Errorf("%s: the previous file: %v, its time kept: %v; want %v", tt.path, same, info.ModTime().Equal(old), want)
				}
			}
			if _, err := os.Stat(filepath.Join(target, "gone.html")); err == nil {
				t.Error("gone.html, which the new output lacks, is left")
			}
			if len(m.Files) != len(writes) {
				t.Errorf("the manifest lists %d files, want %d", len(m.Files), len(writes))
			}
		})
	}
}

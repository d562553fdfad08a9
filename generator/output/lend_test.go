package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestLend checks that a new output takes from the previous one the files
// whose fingerprints are unchanged, with their bytes and modification
// times, and no other (issue D6: a site with templates of its own resized
// every cover again at every build).
func TestLend(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	w, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"a-480w.jpg": "small a", "b-480w.jpg": "small b", "c-480w.jpg": "small c", "index.html": "home"}
	for p, data := range files {
		if err := w.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	w.Annotate("herald-test", map[string]string{"a-480w.jpg": "1", "b-480w.jpg": "2", "c-480w.jpg": "3", "index.html": "4"})
	prev, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for p := range files {
		if err := os.Chtimes(filepath.Join(target, p), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// c-480w.jpg edited since, with the same size.
	if err := os.WriteFile(filepath.Join(target, "c-480w.jpg"), []byte("edited!"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(target, "c-480w.jpg"), old, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	u, err := Update(target, prev)
	if err != nil {
		t.Fatal(err)
	}
	w, err = Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, fp string
		want     bool
	}{
		{"a-480w.jpg", "1", true},
		{"b-480w.jpg", "changed", false},
		{"c-480w.jpg", "3", false},
		{"d-480w.jpg", "5", false},
	} {
		if got, err := u.Lend(w, tt.path, tt.fp); got != tt.want || err != nil {
			t.Errorf("Lend(%s, %s) = %v, %v; want %v", tt.path, tt.fp, got, err, tt.want)
		}
	}
	for _, p := range []string{"b-480w.jpg", "c-480w.jpg", "index.html"} {
		if err := w.WriteFile(p, []byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(target, "a-480w.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime().Equal(old) {
		t.Errorf("the lent file's modification time is %v, want %v", info.ModTime(), old)
	}
	if data, _ := os.ReadFile(filepath.Join(target, "a-480w.jpg")); string(data) != files["a-480w.jpg"] {
		t.Errorf("the lent file holds %q", data)
	}
	if len(m.Files) != 4 || m.Files[0].Path != "a-480w.jpg" || m.Files[0].Hash != Hash([]byte(files["a-480w.jpg"])) {
		t.Errorf("manifest: %+v", m.Files)
	}
}

// lent returns the previous output at target, with the file a-480w.jpg
// of fingerprint "1" in it, and a new output to replace it.
func lent(t *testing.T) (target string, u *Updater, w *Writer) {
	t.Helper()
	target = filepath.Join(t.TempDir(), "public")
	w, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile("a-480w.jpg", []byte("small a")); err != nil {
		t.Fatal(err)
	}
	w.Annotate("herald-test", map[string]string{"a-480w.jpg": "1"})
	prev, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(target, "a-480w.jpg"), old, old); err != nil {
		t.Fatal(err)
	}
	if u, err = Update(target, prev); err != nil {
		t.Fatal(err)
	}
	if w, err = Begin(target); err != nil {
		t.Fatal(err)
	}
	return target, u, w
}

// TestWriteOverLent checks that writing a path lent to the new output
// replaces the new output's file, and never writes through the hard link
// into the previous output's (a review: the writer truncated the file it
// opened, so that the previous output changed before the build was done,
// and stayed changed when it failed).
func TestWriteOverLent(t *testing.T) {
	for name, write := range map[string]func(w *Writer) error{
		"WriteFile": func(w *Writer) error { return w.WriteFile("a-480w.jpg", []byte("another")) },
		"CopyFile": func(w *Writer) error {
			return w.CopyFile("a-480w.jpg", fstest.MapFS{"a.jpg": {Data: []byte("another")}}, "a.jpg")
		},
	} {
		t.Run(name, func(t *testing.T) {
			target, u, w := lent(t)
			if ok, err := u.Lend(w, "a-480w.jpg", "1"); !ok || err != nil {
				t.Fatalf("Lend = %v, %v", ok, err)
			}
			if err := write(w); err != nil {
				t.Fatal(err)
			}
			if data, _ := os.ReadFile(filepath.Join(target, "a-480w.jpg")); string(data) != "small a" {
				t.Errorf("the previous output's file holds %q, want %q", data, "small a")
			}
			if data, _ := os.ReadFile(filepath.Join(w.Dir(), "a-480w.jpg")); string(data) != "another" {
				t.Errorf("the new output's file holds %q, want %q", data, "another")
			}
			if _, err := w.Commit(); err == nil || !strings.Contains(err.Error(), "a-480w.jpg") {
				t.Errorf("Commit = %v, want the path written twice", err)
			}
			if data, _ := os.ReadFile(filepath.Join(target, "a-480w.jpg")); string(data) != "small a" {
				t.Errorf("after a failed Commit, the output's file holds %q", data)
			}
		})
	}
}

// TestLendWritten checks that Lend leaves alone a path the new output has
// written already, for the caller to write (a review: a failed link fell
// back to a copy through the file there).
func TestLendWritten(t *testing.T) {
	target, u, w := lent(t)
	if err := w.WriteFile("a-480w.jpg", []byte("written")); err != nil {
		t.Fatal(err)
	}
	if ok, err := u.Lend(w, "a-480w.jpg", "1"); ok || err != nil {
		t.Errorf("Lend = %v, %v; want false, nil", ok, err)
	}
	if data, _ := os.ReadFile(filepath.Join(w.Dir(), "a-480w.jpg")); string(data) != "written" {
		t.Errorf("the new output's file holds %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(target, "a-480w.jpg")); string(data) != "small a" {
		t.Errorf("the previous output's file holds %q", data)
	}
	w.Abort()
}

// TestLendCopy checks Lend where the file system has no hard links: a
// copy with the bytes and modification time of the previous file, and
// nothing for a file changed since it was checked.
func TestLendCopy(t *testing.T) {
	link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EXDEV} }
	defer func() { link = os.Link }()

	target, u, w := lent(t)
	if ok, err := u.Lend(w, "a-480w.jpg", "1"); !ok || err != nil {
		t.Fatalf("Lend = %v, %v", ok, err)
	}
	full := filepath.Join(w.Dir(), "a-480w.jpg")
	info, err := os.Stat(full)
	if err != nil {
		t.Fatal(err)
	}
	oldInfo, err := os.Stat(filepath.Join(target, "a-480w.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(info, oldInfo) {
		t.Error("the file was linked, not copied")
	}
	if !info.ModTime().Equal(oldInfo.ModTime()) {
		t.Errorf("the copy's modification time is %v, want %v", info.ModTime(), oldInfo.ModTime())
	}
	if data, _ := os.ReadFile(full); string(data) != "small a" {
		t.Errorf("the copy holds %q", data)
	}
	w.Abort()

	// Changed since Update checked it, with its size and time kept.
	target, u, w = lent(t)
	<-u.checked
	if err := os.WriteFile(filepath.Join(target, "a-480w.jpg"), []byte("small b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, err := u.Lend(w, "a-480w.jpg", "1"); ok || err != nil {
		t.Errorf("Lend of a changed file = %v, %v; want false, nil", ok, err)
	}
	if _, err := os.Lstat(filepath.Join(w.Dir(), "a-480w.jpg")); err == nil {
		t.Error("Lend of a changed file left a file")
	}
	w.Abort()
}

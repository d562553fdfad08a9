package output

import (
	"os"
	"path/filepath"
	"testing"
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

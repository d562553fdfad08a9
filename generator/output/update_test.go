package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUpdateRemovesTemporaries: a Commit killed while it replaced files
// leaves their temporary files, and its mark in the manifest, which lists
// those files without a hash. Update removes the temporary files, whether
// or not the new build has their files again.
func TestUpdateRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	write := func(p, data string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := &Manifest{Build: "herald-test", Files: []Entry{
		{Path: "index.html", Size: 4, Hash: Hash([]byte("home")), FP: "1"},
		{Path: "search/index.json", Size: 2, Hash: Hash([]byte("{}"))},
		{Path: "stories/a/index.html"}, // being replaced when the commit was killed
	}}
	write("index.html", "home")
	write("search/index.json", "{}")
	write("stories/a/index.html", "<p>new")
	write("stories/a/.index.html.herald-tmp", "<p>ha")
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	write(ManifestName, string(data))
	if _, err := Update(dir, m); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stories/a/.index.html.herald-tmp")); !os.IsNotExist(err) {
		t.Errorf("the killed commit's temporary file is still there (%v)", err)
	}
	for _, p := range []string{"index.html", "search/index.json", "stories/a/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCommitOldLeft checks Commit when the old output, moved aside, cannot
// be removed: the new output is in place, and the error says where the old
// one is (a trial: the build failed after the swap, and CI with it).
func TestCommitOldLeft(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	for i, page := range []string{"<p>一</p>", "<p>二</p>"} {
		w, err := Begin(target)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteFile("index.html", []byte(page)); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			removeAll = func(string) error { return &os.PathError{Op: "unlinkat", Path: "x", Err: syscall.EACCES} }
			defer func() { removeAll = os.RemoveAll }()
		}
		m, err := w.Commit()
		if i == 0 {
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		var left *OldLeftError
		if !errors.As(err, &left) || m == nil || !strings.HasPrefix(filepath.Base(left.Old), ".public.old-") || !errors.Is(err, os.ErrPermission) {
			t.Fatalf("Commit = %v, %v; want the manifest and an OldLeftError", m, err)
		}
		if data, _ := os.ReadFile(filepath.Join(target, "index.html")); string(data) != page {
			t.Errorf("the output holds %q, want the new %q", data, page)
		}
		if data, _ := os.ReadFile(filepath.Join(left.Old, "index.html")); string(data) != "<p>一</p>" {
			t.Errorf("the old output holds %q", data)
		}
	}
}

// TestMarkOfAnotherHerald kills an update of another herald's output once
// it has written its mark: the mark names this herald, and must not keep
// the other's fingerprints, which the next build would take for its own
// (a review).
func TestMarkOfAnotherHerald(t *testing.T) {
	target, u := updating(t, "herald-other", "a.html", "b.html")
	u.Annotate("herald-this", map[string]string{"a.html": "1", "b.html": "1"})
	if err := u.WriteFile("a.html", []byte("new a.html")); err != nil {
		t.Fatal(err)
	}
	if err := u.WriteFile("b.html", []byte("old b.html")); err != nil { // the same bytes: kept
		t.Fatal(err)
	}
	killed := errors.New("killed")
	replace = func(string, string, []byte) error { return killed }
	defer func() { replace = replaceFile }()
	if _, _, err := u.Commit(); !errors.Is(err, killed) {
		t.Fatalf("Commit = %v, want the kill", err)
	}
	mark, err := ReadManifest(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range mark.Files {
		if e.FP != "" {
			t.Errorf("the mark keeps %s's fingerprint %q, another herald's", e.Path, e.FP)
		}
	}
}

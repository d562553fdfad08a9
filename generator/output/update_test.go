package output

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
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

// TestUpdateWithoutHashes: a manifest whose entries have no hash (an older
// herald's gave their MD5 instead) vouches for no file's bytes: an update
// writes every file again, and records their hashes.
func TestUpdateWithoutHashes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"index.html": "home", "stories/a/index.html": "<p>a"}
	var old strings.Builder
	old.WriteString("{\"build\": \"herald-test\",\n\"files\": [\n")
	for i, p := range []string{"index.html", "stories/a/index.html"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&old, "  {\"path\":%q,\"size\":%d,\"md5\":\"0cc175b9c0f1b6a831c399e269772661\"}", p, len(files[p]))
		if i == 0 {
			old.WriteString(",")
		}
		old.WriteString("\n")
	}
	old.WriteString("]}\n")
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(old.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	prev, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	u, err := Update(dir, prev)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if err := u.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := u.Staged(); n != len(files) {
		t.Errorf("%d files staged, want all %d: an entry without a hash vouches for nothing", n, len(files))
	}
	m, _, err := u.Commit()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Files {
		if want := Hash([]byte(files[e.Path])); e.Hash != want {
			t.Errorf("%s: hash %q, want %q", e.Path, e.Hash, want)
		}
	}
}

// TestUpdateClearsReviewMark: an update whose files are all the previous
// build's, but which includes no drafts and no stories dated after its
// time where that build did, still rewrites the manifest, without the
// mark: publish would otherwise refuse the output, or, the other way,
// accept one for review. So does one by another herald, which names
// itself: the next build by it would otherwise take the output for
// another's, whose fingerprints it cannot compare, every time.
func TestUpdateClearsReviewMark(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		prevDrafts, prevFut  bool
		drafts, future, same bool
		prevBuild            string // "" for herald-test, the updating one
	}{
		{"drafts, then none", true, false, false, false, false, ""},
		{"future, then none", false, true, false, false, false, ""},
		{"none, then future", false, false, false, true, false, ""},
		{"drafts, then drafts", true, false, true, false, true, ""},
		{"none, then none", false, false, false, false, true, ""},
		{"another herald's", false, false, false, false, false, "herald-old"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644); err != nil {
				t.Fatal(err)
			}
			prev := &Manifest{Build: cmp.Or(tc.prevBuild, "herald-test"), Drafts: tc.prevDrafts, Future: tc.prevFut,
				Files: []Entry{{Path: "index.html", Size: 4, Hash: Hash([]byte("home")), FP: "1"}}}
			data, _ := prev.Marshal()
			if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
				t.Fatal(err)
			}
			u, err := Update(dir, prev)
			if err != nil {
				t.Fatal(err)
			}
			u.Annotate("herald-test", map[string]string{"index.html": "1"})
			u.Include(tc.drafts, tc.future)
			if !u.Keep("index.html", "1") {
				t.Fatal("the unchanged page is not kept")
			}
			if _, _, err := u.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got.Build != "herald-test" {
				t.Errorf("manifest build %q, want herald-test", got.Build)
			}
			if got.Drafts != tc.drafts || got.Future != tc.future {
				t.Errorf("manifest drafts %v, future %v; want %v, %v", got.Drafts, got.Future, tc.drafts, tc.future)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, ManifestName)); bytes.Equal(after, data) != tc.same {
				t.Errorf("manifest rewritten: %v, want %v", !bytes.Equal(after, data), !tc.same)
			}
		})
	}
}

// TestUpdateLimit: past its limit, an update stages no more files; a
// file of the bytes the previous build wrote is kept all the same. A new
// output then takes what the update has (Writer.Take).
func TestUpdateLimit(t *testing.T) {
	target, u := updating(t, "", "a.html", "b.html", "c.html")
	reached := 0
	u.Limit(1, func() { reached++ })
	for _, tt := range []struct {
		path, data string
		err        error
	}{
		{"a.html", "new a.html", nil},
		{"b.html", "new b.html", ErrTooMany},
		{"c.html", "old c.html", nil},
	} {
		if err := u.WriteFile(tt.path, []byte(tt.data)); !errors.Is(err, tt.err) {
			t.Errorf("WriteFile(%s) = %v, want %v", tt.path, err, tt.err)
		}
	}
	if n, _ := u.Staged(); n != 1 {
		t.Errorf("%d files staged, want 1", n)
	}
	if err := u.WriteFile("c.html", []byte("new c.html")); !errors.Is(err, ErrTooMany) || reached != 1 {
		t.Errorf("a second write past the limit: %v, the limit's function called %d times; want ErrTooMany, once", err, reached)
	}

	// A new output takes what the update has: the file staged, written,
	// and the one kept, linked.
	w, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	w.Reuse(u)
	taken, err := w.Take(context.Background(), u, []string{"a.html", "b.html", "c.html"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"a.html": true, "c.html": true}; !maps.Equal(taken, want) {
		t.Errorf("taken %v, want %v", taken, want)
	}
	if n, size := u.Staged(); n != 0 || size != 0 {
		t.Errorf("taken, %d files (%d bytes) staged, want none", n, size)
	}
	if w.Linked() != 1 {
		t.Errorf("%d files linked, want 1", w.Linked())
	}
	for p, want := range map[string]string{"a.html": "new a.html", "c.html": "old c.html"} {
		if data, err := os.ReadFile(filepath.Join(w.Dir(), p)); err != nil || string(data) != want {
			t.Errorf("the new output's %s holds %q (%v), want %q", p, data, err, want)
		}
	}
	w.Abort()
}

// TestUpdateCopyFile: a copy of the bytes the previous build wrote is kept,
// one of other bytes of the same size, or of another size, is staged.
func TestUpdateCopyFile(t *testing.T) {
	target, u := updating(t, "", "a.pdf", "b.pdf", "c.pdf")
	src := fstest.MapFS{"a": {Data: []byte("old a.pdf")}, "b": {Data: []byte("new b.pdf")}, "c": {Data: []byte("newer c.pdf")}}
	for p, name := range map[string]string{"a.pdf": "a", "b.pdf": "b", "c.pdf": "c"} {
		if err := u.CopyFile(p, src, name); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := u.Staged(); n != 2 {
		t.Errorf("%d files staged, want b.pdf and c.pdf", n)
	}
	m, _, err := u.Commit()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Files {
		if data, err := os.ReadFile(filepath.Join(target, e.Path)); err != nil || Hash(data) != e.Hash {
			t.Errorf("%s holds %q (%v), not its manifest's bytes", e.Path, data, err)
		}
	}
}

// updating writes an output of the files paths, each holding "old" and
// its path, by the program build, with the fingerprint "1" each when build
// is not "", and returns it and an update of it.
func updating(t *testing.T, build string, paths ...string) (target string, u *Updater) {
	t.Helper()
	target = filepath.Join(t.TempDir(), "public")
	w, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	fps := map[string]string{}
	for _, p := range paths {
		if err := w.WriteFile(p, []byte("old "+p)); err != nil {
			t.Fatal(err)
		}
		fps[p] = "1"
	}
	if build != "" {
		w.Annotate(build, fps)
	}
	prev, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if u, err = Update(target, prev); err != nil {
		t.Fatal(err)
	}
	return target, u
}

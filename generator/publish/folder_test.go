package publish_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"herald/generator/output"
	"herald/generator/publish"

	"gocloud.dev/blob"
)

// TestFolder publishes to a file:// folder, which a web server serves as it
// is. A trial: publish wrote a sidecar "*.attrs" next to every file
// (gocloud.dev's fileblob keeps headers that way), and with gzip the files
// themselves compressed, which a plain web server sends with no
// Content-Encoding; and a folder that did not exist got "stat /tmp/x: no
// such file or directory" and no hint.
func TestFolder(t *testing.T) {
	t.Run("plain files, no sidecars, no gzip; changes found by content", func(t *testing.T) {
		f, dir := newFixture(t), t.TempDir()
		target := "file://" + filepath.ToSlash(dir)
		var warnings []string
		gzip := func(o *publish.Options) {
			o.Gzip = true
			o.Events = func(ev publish.Event) {
				if ev.Kind == "warning" {
					warnings = append(warnings, ev.Err.Error())
				}
			}
		}
		res := f.publish(t, target, gzip)
		if len(warnings) != 1 || !strings.Contains(warnings[0], "gzip is left to the web server") {
			t.Errorf("warnings %q, want one that gzip is left to the web server", warnings)
		}
		for _, u := range res.Plan.Uploads {
			if u.Gzip || u.Headers.ContentEncoding != "" {
				t.Errorf("%s: gzip %v, Content-Encoding %q; want neither in a folder", u.Path, u.Gzip, u.Headers.ContentEncoding)
			}
		}
		checkFolder(t, dir, f)

		warnings = nil
		m, _ := output.ReadManifest(f.Path("public"))
		if again := f.publish(t, target, gzip); again.Uploaded != 0 || again.Plan.Unchanged != len(m.Files) {
			t.Errorf("second publish: uploaded %q, %d unchanged of %d", uploaded(again), again.Plan.Unchanged, len(m.Files))
		}

		// An edited story: the files that changed, and no others.
		before := m
		f.WriteFile(t, "content/stories/b.md", []byte(strings.Replace(f.Read(t, "content/stories/b.md"), "乙的正文。", "乙的正文改过了。", 1)))
		after := f.build(t)
		if res := f.publish(t, target, gzip); !slices.Equal(uploaded(res), changed(before, after)) {
			t.Errorf("uploaded %q, want exactly the changed files %q", uploaded(res), changed(before, after))
		}
		checkFolder(t, dir, f)

		// A file changed in the folder by something else, its size kept:
		// the folder is compared by content, not by the record.
		page := filepath.Join(dir, "stories", "a", "index.html")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		data[0] ^= 1
		if err := os.WriteFile(page, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if res := f.publish(t, target, nil); !slices.Equal(uploaded(res), []string{"stories/a/index.html"}) || res.Plan.Uploads[0].Reason != publish.ContentDiffers {
			t.Errorf("uploaded %q (%v), want the page changed in the folder", uploaded(res), res.Plan.Uploads)
		}
		checkFolder(t, dir, f)
	})
	t.Run("the sidecars of an earlier publish are removed", func(t *testing.T) {
		f, dir := newFixture(t), t.TempDir()
		// As herald published before: through fileblob, with sidecars.
		old, err := blob.OpenBucket(context.Background(), "file://"+filepath.ToSlash(dir))
		if err != nil {
			t.Fatal(err)
		}
		for path, data := range f.Tree(t, "public") {
			if path == output.ManifestName {
				continue
			}
			if err := old.WriteAll(context.Background(), path, data, &blob.WriterOptions{CacheControl: "stale", Metadata: map[string]string{"md5": "0"}}); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		if n := len(sidecars(t, dir)); n == 0 {
			t.Fatal("fileblob wrote no sidecars: the test tests nothing")
		}
		target := "file://" + filepath.ToSlash(dir)
		if res := f.publish(t, target, func(o *publish.Options) { o.DryRun = true }); len(sidecars(t, dir)) == 0 {
			t.Errorf("a dry run removed the sidecars (%d uploads planned)", len(res.Plan.Uploads))
		}
		f.publish(t, target, nil)
		checkFolder(t, dir, f)
		if res := f.publish(t, target, nil); res.Uploaded != 0 {
			t.Errorf("second publish uploaded %q", uploaded(res))
		}
	})
	t.Run("a folder that does not exist", func(t *testing.T) {
		f := newFixture(t)
		dir := filepath.Join(t.TempDir(), "www")
		target := "file://" + filepath.ToSlash(dir)
		res, err := publish.Run(context.Background(), publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 256})
		if err == nil || res != nil || err.Error() != "the target's folder does not exist: "+dir {
			t.Fatalf("publish: %v, %+v; want that the folder does not exist", err, res)
		}
		if hint := publish.Explain(err, target); hint == nil || !strings.Contains(hint.Error(), "create it (mkdir -p "+dir+")") {
			t.Errorf("Explain = %v, want to create the folder", hint)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Error("publish created the folder")
		}
		// With create_dir, it is created.
		f.publish(t, target+"?create_dir=true", nil)
		checkFolder(t, dir, f)
	})
	t.Run("a folder on another file system than the temporary folder", func(t *testing.T) {
		// fileblob writes a file in the system's temporary folder, then
		// renames it into place, which fails across file systems
		// ("invalid cross-device link"), as for a web server's folder on a
		// disk of its own. /dev/shm is a memory file system on Linux.
		shm, err := os.MkdirTemp("/dev/shm", "herald-publish-")
		if err != nil {
			t.Skipf("no /dev/shm for a second file system: %v", err)
		}
		t.Cleanup(func() { os.RemoveAll(shm) })
		t.Setenv("TMPDIR", t.TempDir())
		if same(t, shm, os.TempDir()) {
			t.Skip("/dev/shm is on the same file system as the temporary folder")
		}
		f := newFixture(t)
		f.publish(t, "file://"+filepath.ToSlash(shm), nil)
		checkFolder(t, shm, f)
	})
}

// same reports whether two folders are on the same file system.
func same(t *testing.T, a, b string) bool {
	var sa, sb syscall.Stat_t
	if syscall.Stat(a, &sa) != nil || syscall.Stat(b, &sb) != nil {
		t.Fatalf("cannot stat %s or %s", a, b)
	}
	return sa.Dev == sb.Dev
}

// checkFolder checks that dir holds the output's files exactly as they
// are in it, with no sidecars, and publish's record.
func checkFolder(t *testing.T, dir string, f *fixture) {
	t.Helper()
	want := f.Tree(t, "public")
	delete(want, output.ManifestName)
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[publish.StateName]; !ok {
		t.Errorf("the folder lacks %s", publish.StateName)
	}
	delete(got, publish.StateName)
	for p, data := range got {
		switch w, ok := want[p]; {
		case !ok:
			t.Errorf("the folder holds %s, which the output does not", p)
		case string(w) != string(data):
			t.Errorf("%s: the folder's bytes differ from the output's", p)
		}
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			t.Errorf("the folder lacks %s", p)
		}
	}
}

// sidecars returns the fileblob sidecars under dir.
func sidecars(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".attrs") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

package sysfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("支部党员逐户走访。\n"), 10000)
	for name, data := range map[string][]byte{"empty": {}, "small": []byte("标题\n"), "big": big} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		want []byte
		err  error // wanted, with errors.Is
	}{
		{name: "empty", want: []byte{}},
		{name: "small", want: []byte("标题\n")},
		{name: "big", want: big},
		{name: "missing", err: fs.ErrNotExist},
		{name: ".", err: nil}, // a folder: an error, as os.ReadFile's
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			got, err := ReadFile(p)
			_, oserr := os.ReadFile(p)
			if (err == nil) != (oserr == nil) {
				t.Fatalf("error %v, os.ReadFile's %v", err, oserr)
			}
			if err != nil {
				var pe *fs.PathError
				if !errors.As(err, &pe) || pe.Path != p {
					t.Errorf("error %v does not name the file", err)
				}
				if tc.err != nil && !errors.Is(err, tc.err) {
					t.Errorf("error %v, want %v", err, tc.err)
				}
				return
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("read %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	for _, data := range [][]byte{[]byte("<p>长一些的第一版</p>\n"), []byte("<p>短</p>\n"), {}} {
		if err := WriteFile(p, data); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("file holds %q (%v), want %q", got, err, data)
		}
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&^0o644 != 0 || perm&0o600 != 0o600 {
		t.Errorf("permissions %v, want 0644 less the umask", perm)
	}
	err = WriteFile(filepath.Join(dir, "missing", "index.html"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want %v", err, fs.ErrNotExist)
	}
}

// TestCreateFile checks that CreateFile writes a new file and refuses one
// that exists, leaving it and a file linked to it as they were: the
// output's writer relies on it never to write through a hard link.
func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a-480w.jpg")
	if err := CreateFile(p, []byte("新的")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(p); err != nil || string(got) != "新的" {
		t.Errorf("file holds %q (%v)", got, err)
	}
	link := filepath.Join(dir, "link.jpg")
	if err := os.Link(p, link); err != nil {
		t.Skip("no hard links:", err)
	}
	var pe *fs.PathError
	if err := CreateFile(link, []byte("别的")); !errors.Is(err, fs.ErrExist) || !errors.As(err, &pe) || pe.Path != link {
		t.Errorf("CreateFile over a file: %v, want a PathError for %s wrapping %v", err, link, fs.ErrExist)
	}
	if got, _ := os.ReadFile(p); string(got) != "新的" {
		t.Errorf("the linked file holds %q", got)
	}
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"site.yaml": "title: 示范区\n", "content/stories/a.md": "---\ntitle: 一\n---\n"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	if err := fstest.TestFS(fsys, "site.yaml", "content/stories/a.md"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../site.yaml", "/site.yaml", "content/../site.yaml", "nothing.md"} {
		_, err := fs.ReadFile(fsys, name)
		_, oserr := fs.ReadFile(os.DirFS(dir), name)
		var pe, ospe *fs.PathError
		if !errors.As(err, &pe) || !errors.As(oserr, &ospe) || pe.Path != ospe.Path || errors.Is(err, fs.ErrNotExist) != errors.Is(oserr, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q): %v, os.DirFS's %v", name, err, oserr)
		}
	}
}

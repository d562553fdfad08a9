package publish

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// errNoFolder is returned, wrapped, for a file:// target whose folder does
// not exist.
var errNoFolder error = errorf("the target's folder does not exist")

// folderOf returns the folder of a file:// target, as fileblob reads the
// URL, and the target's prefix; ok is false for other targets.
func folderOf(target string) (dir, prefix string, ok bool) {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "file" {
		return "", "", false
	}
	p := u.Path
	if u.Host == "." || os.PathSeparator != '/' {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p), u.Query().Get("prefix"), true
}

// openFolder checks the folder of a file:// target and returns the URL to
// open it with: one that keeps no sidecars (a trial: fileblob wrote
// "index.html.attrs" and the like, 330 of them, next to the pages that a
// web server serves). Without create_dir, a folder that does not exist is
// an error of its own, not fileblob's "stat …: no such file or directory".
func openFolder(target, dir string) (string, error) {
	u, err := url.Parse(target)
	if err != nil {
		return target, nil // OpenBucket says what is wrong
	}
	q := u.Query()
	if q.Get("create_dir") == "" {
		switch fi, err := os.Stat(dir); {
		case errors.Is(err, fs.ErrNotExist):
			return "", errorf("%v: %s", errNoFolder, dir)
		case err == nil && !fi.IsDir():
			return "", errorf("the target %s is a file, not a folder", dir)
		}
	}
	q.Set("metadata", "skip")
	// fileblob writes each file in the system's temporary folder and
	// renames it into place, which fails across file systems ("invalid
	// cross-device link"), as for a web server's folder on a disk of its
	// own: the files are written next to their places instead.
	if q.Get("no_tmp_dir") == "" {
		q.Set("no_tmp_dir", "true")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// removeSidecars removes, from the folder of a file:// target, the
// sidecars that an earlier publish left next to the objects (fileblob's
// "KEY.attrs", with the headers and the MD5), so that the folder holds the
// site's files only. A key fileblob would escape in its file's name has
// its sidecar left.
func (p *publisher) removeSidecars(keys []string) []Failure {
	var failed []Failure
	for _, key := range keys {
		if path.Clean(key) != key || strings.HasPrefix(key, "../") || strings.ContainsFunc(key, func(r rune) bool { return r < ' ' }) {
			continue
		}
		err := os.Remove(filepath.Join(p.folder, filepath.FromSlash(key)) + ".attrs")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			failed = append(failed, Failure{Path: key + ".attrs", Err: err})
		}
	}
	return failed
}

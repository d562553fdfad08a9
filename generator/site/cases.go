package site

import (
	"path"
	"strings"

	"herald/generator/diag"
)

// CaseTwins finds, among a set of files, the one a path names but for the
// case of its letters: cameras and phones name photos IMG_2041.JPG, which
// stories write IMG_2041.jpg, and a web server, unlike Windows and macOS,
// does not find it.
type CaseTwins struct {
	files  map[string]bool   // the files, by path
	root   map[string]bool   // the files the site serves at their paths, from its root
	folded map[string]string // a path in lower case -> the first file in order with it; made at the first Hint
}

// NewCaseTwins returns the CaseTwins of files, slash-separated paths
// without a leading slash, of which root are served at their paths from
// the site's root (a page bundle's files are not: they go beside its
// page, under its slug). Files may be added to the maps until the first
// call of Hint.
func NewCaseTwins(files, root map[string]bool) *CaseTwins {
	return &CaseTwins{files: files, root: root}
}

// Hint gives p, the problem of a path that names no file, the hint to
// write it as the file is named, when that file differs from it only in
// the case of letters, and reports whether it did. written is the path as
// the writer gave it, rel the file it names: a path from the site's root
// is written anew with its leading slash, a relative one relative to the
// same folder, as written is, keeping its "..":
//
//	write it as "../../shared/logo.png", the way the file and its folders are named: …
//
// Failing that, it gives the hint for a file of static/ named by a path
// that holds static/, or by a relative path that names it from the site's
// root: writers copy the folder's name with the file's, and leave out the
// leading slash (a trial: /static/images/a.jpg and images/a.jpg got the
// hint to put the image where it was).
func (t *CaseTwins) Hint(p *diag.Problem, written, rel string) bool {
	if twin := t.twin(rel); twin != "" {
		p.WithHint("write it as %q, the way the file and its folders are named: only the case of letters differs, which web servers do not ignore", caseWritten(written, twin))
		return true
	}
	clean := path.Clean(written)
	if i := strings.LastIndex("/"+clean, "/static/"); i >= 0 {
		if f := clean[i+len("static/"):]; t.root[f] {
			p.WithHint("write it as %q, the address the site gives the file: no address holds static/", "/"+f)
			return true
		}
	}
	if !strings.HasPrefix(written, "/") {
		f := clean
		for strings.HasPrefix(f, "../") {
			f = f[len("../"):]
		}
		if f != rel && t.root[f] {
			p.WithHint("write it as %q, with a / in front: without it, the path starts from the story's folder", "/"+f)
			return true
		}
	}
	return false
}

// twin returns the file whose path is rel but for the case of its letters,
// the first in order when there are several; "" for none.
func (t *CaseTwins) twin(rel string) string {
	if t.folded == nil {
		t.folded = make(map[string]string, len(t.files))
		for f := range t.files {
			k := strings.ToLower(f)
			if first, ok := t.folded[k]; !ok || f < first {
				t.folded[k] = f
			}
		}
	}
	return t.folded[strings.ToLower(rel)]
}

// caseWritten returns the path c as it should be written to name twin, the
// file whose path is c's but for the case of letters: a site path with its
// leading slash, a relative one relative to the story, as c is. The last
// names of c, after the ".." that lead out of the story's folder, are the
// last names of twin.
func caseWritten(c, twin string) string {
	if strings.HasPrefix(c, "/") {
		return "/" + twin
	}
	names := strings.Split(path.Clean(c), "/")
	up := 0 // the ".." names, which path.Clean leaves first
	for up < len(names) && names[up] == ".." {
		up++
	}
	twins := strings.Split(twin, "/")
	k := min(len(names)-up, len(twins))
	return path.Join(append(names[:up:up], twins[len(twins)-k:]...)...)
}

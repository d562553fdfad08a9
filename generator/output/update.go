package output

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
)

// Updater updates an output folder in place: for a build that changes few
// of the files of the previous one. Files are staged in memory as they
// come; unchanged ones are only recorded; Commit writes the staged files,
// each replaced whole by a rename, and removes the files the new build no
// longer has. Until Commit, the folder is untouched.
type Updater struct {
	target string
	prev   map[string]Entry
	// prevBuild, prevDrafts and prevFuture are the previous manifest's
	// program and marks of a build for review: a change of them alone
	// rewrites the manifest.
	prevBuild              string
	prevDrafts, prevFuture bool

	recorder                   // every file of the new build; its mutex guards staged too
	staged   map[string][]byte // the files to write
	bytes    int64             // the size of staged
	limit    int               // the most files staged (Limit); 0 for no limit
	reached  func()            // called when a write first passes the limit; may be nil
	since    time.Time         // when the previous build wrote its manifest

	// The previous files present as that build left them (present),
	// checked on goroutines of their own from Update on, while the build
	// renders: a stat for each of 13,500 files at 10,000 stories.
	checked chan struct{} // closed once intact is complete
	intact  map[string]bool
}

// Update starts an update of target, which holds the build prev describes.
// It removes what builds killed midway left: folders beside the target,
// and the temporary files of an update, which its manifest marks. A
// manifest naming a path outside the target is an error: an update deletes
// the files its manifest lists and the new build does not have.
func Update(target string, prev *Manifest) (*Updater, error) {
	target = filepath.Clean(target)
	info, err := os.Stat(filepath.Join(target, ManifestName))
	if err != nil {
		return nil, err
	}
	u := &Updater{target: target, since: info.ModTime(), prev: make(map[string]Entry, len(prev.Files)), recorder: newRecorder(len(prev.Files)), staged: map[string][]byte{},
		prevBuild: prev.Build, prevDrafts: prev.Drafts, prevFuture: prev.Future}
	for _, e := range prev.Files {
		if err := checkPath(e.Path); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(target, ManifestName), err)
		}
		u.prev[e.Path] = e
	}
	removeStale(filepath.Dir(target), filepath.Base(target))
	for _, e := range prev.Files {
		// An entry without a hash is one of the mark Commit writes
		// before it replaces files: that file's temporary one may be
		// left. (Testing FP, which the search index's files and the
		// static ones lack too, tried 574 removals each update at
		// 10,000 stories, 4.6 ms of system calls that all failed.)
		if e.Hash == "" {
			os.Remove(tempName(filepath.Join(target, filepath.FromSlash(e.Path))))
		}
	}
	u.checked = make(chan struct{})
	go u.check(prev.Files)
	return u, nil
}

// check finds which of files are present as the previous build left them,
// into u.intact, and closes u.checked.
func (u *Updater) check(files []Entry) {
	defer close(u.checked)
	ok := make([]bool, len(files))
	parallel.For(context.Background(), len(files), 0, func(_, i int) { ok[i] = u.stat(files[i]) })
	u.intact = make(map[string]bool, len(files))
	for i, e := range files {
		if ok[i] {
			u.intact[e.Path] = true
		}
	}
}

// Keep keeps the file at p as the previous build wrote it, when that build
// wrote it from the same fingerprint fp and the file is still there with
// its size. It reports whether it did; when not, the file must be written.
func (u *Updater) Keep(p, fp string) bool {
	e, ok := u.prev[p]
	return ok && fp != "" && e.FP == fp && u.keep(e)
}

// Lend puts into w, a new output that will replace u's target, the file at
// p as the previous build wrote it, when Keep would keep it: for a file
// whose fingerprint is exact when the others are not (a cover's smaller
// copy, under templates of the site's own). The file keeps its bytes and
// its modification time: w holds a hard link to it, or, where the file
// system has none, a copy. It reports whether it did; when not, the file
// must be written. A path w has written already is not lent: the write
// that follows replaces w's file, and Commit reports the path written
// twice.
//
// The link is trusted as Keep is, on the size and modification time that
// present checks: hashing the file would read what the link saves reading.
// The copy has read the bytes, so it checks their hash too, and writes
// afresh a file changed since it was checked.
func (u *Updater) Lend(w *Writer, p, fp string) (bool, error) {
	e, ok := u.prev[p]
	if !ok || fp == "" || e.FP != fp || !u.present(e) {
		return false, nil
	}
	done, err := w.begin()
	if err != nil {
		return false, err
	}
	defer done()
	full, err := w.prepare(p)
	if err != nil {
		return false, err
	}
	old := filepath.Join(u.target, filepath.FromSlash(p))
	switch err := link(old, full); {
	case errors.Is(err, fs.ErrExist):
		// Copying over w's file would not be safe either: it may be a
		// link to the previous output's file already.
		return false, nil
	case err != nil:
		info, err := os.Stat(old)
		if err != nil {
			return false, nil
		}
		data, err := sysfile.ReadFile(old)
		if err != nil || int64(len(data)) != e.Size || Hash(data) != e.Hash {
			return false, nil // changed since it was checked: write it
		}
		if err := create(full, data); err != nil {
			return false, err
		}
		if err := os.Chtimes(full, info.ModTime(), info.ModTime()); err != nil {
			return false, err
		}
	}
	w.record(Entry{Path: p, Size: e.Size, Hash: e.Hash})
	return true, nil
}

// link is os.Link, which tests replace to take Lend's other way, a copy.
var link = os.Link

// entry returns the previous build's entry of the file at p; none when u
// is nil.
func (u *Updater) entry(p string) (Entry, bool) {
	if u == nil {
		return Entry{}, false
	}
	e, ok := u.prev[p]
	return e, ok
}

// Intact reports whether the file at p is in the target as the previous
// build left it (see present).
func (u *Updater) Intact(p string) bool {
	e, ok := u.prev[p]
	return ok && u.present(e)
}

// KeepIntact keeps the file at p when it is intact: for a file whose name
// holds a hash of its bytes, so that the same name is the same bytes. It
// reports whether it did.
func (u *Updater) KeepIntact(p string) bool {
	e, ok := u.prev[p]
	return ok && u.keep(e)
}

// keep records e when its file is present.
func (u *Updater) keep(e Entry) bool {
	if !u.present(e) {
		return false
	}
	u.record(e)
	return true
}

// present reports whether the file of e is in the target as the previous
// build left it: with e's size, and not modified since the manifest was
// written, which a build does last — a hand edit that kept the size would
// otherwise be kept too.
func (u *Updater) present(e Entry) bool {
	<-u.checked
	return u.intact[e.Path] && u.prev[e.Path] == e
}

// stat tells whether the file of e is present (see present).
func (u *Updater) stat(e Entry) bool {
	info, err := os.Lstat(filepath.Join(u.target, filepath.FromSlash(e.Path)))
	return err == nil && info.Mode().IsRegular() && info.Size() == e.Size && !info.ModTime().After(u.since)
}

// WriteFile stages the file p, unless the previous build wrote the same
// bytes there.
func (u *Updater) WriteFile(p string, data []byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	e := Entry{Path: p, Size: int64(len(data)), Hash: Hash(data)}
	if old, ok := u.prev[p]; ok && old.Hash == e.Hash && u.present(old) {
		u.record(e)
		return nil
	}
	u.mu.Lock()
	if u.limit > 0 && len(u.staged) >= u.limit {
		reached := u.reached
		u.reached = nil
		u.mu.Unlock()
		if reached != nil {
			reached()
		}
		return ErrTooMany
	}
	u.staged[p] = slices.Clone(data)
	u.bytes += e.Size
	u.mu.Unlock()
	u.record(e)
	return nil
}

// Limit makes the writes that would stage more than n files fail with
// ErrTooMany: an update that finds out what changed only by rendering
// every page holds what changed in memory, and past n files should rather
// write a new output. reached, when not nil, is called once, by the first
// write that fails: to stop rendering what the update will not write.
func (u *Updater) Limit(n int, reached func()) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.limit, u.reached = n, reached
}

// Previous returns the number of files of the build u updates.
func (u *Updater) Previous() int { return len(u.prev) }

// ErrTooMany is the error of a write past an updater's Limit.
var ErrTooMany = errors.New("too many files changed for an update")

// CopyFile stages the file name of fsys at p, unless the previous build
// wrote the same bytes there.
func (u *Updater) CopyFile(p string, fsys fs.FS, name string) error {
	// A file of the previous build's size is hashed a piece at a time
	// first: the same bytes are kept without holding them (a review:
	// every copy, a video say, read whole, over another herald's output).
	if old, ok := u.prev[p]; ok {
		e, same, err := sameSize(fsys, name, old)
		if err != nil {
			return err
		}
		if same && e.Hash == old.Hash && u.present(old) {
			u.record(e)
			return nil
		}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	return u.WriteFile(p, data)
}

// Staged returns how many files and bytes Commit will write.
func (u *Updater) Staged() (files int, bytes int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.staged), u.bytes
}

// ErrLayout is Commit's error when a file of the new build is where the
// previous one had a folder, or the reverse: an update in place cannot make
// that change in one step, so the build writes everything afresh instead.
var ErrLayout = errors.New("a file and a folder trade places")

// Commit writes the staged files and removes those of the previous build
// that the new one does not have, then the manifest. Before it writes, it
// marks the files it is about to write in the old manifest, with no
// fingerprint and no hash, so that the next build repairs what an update
// killed midway left, instead of trusting it. It returns the new manifest
// and how many files it deleted; when nothing changed, it writes nothing at
// all, not even the manifest.
func (u *Updater) Commit() (*Manifest, int, error) {
	<-u.checked // no stat of a file as it is written
	if err := u.duplicates(); err != nil {
		return nil, 0, err
	}
	var gone []string
	for p := range u.prev {
		if _, ok := u.entries[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	if err := u.checkLayout(gone); err != nil {
		return nil, 0, err
	}
	m := u.Manifest()
	if len(u.staged) == 0 && len(gone) == 0 && u.same(m) {
		return m, 0, nil
	}

	if len(u.staged) > 0 {
		// Until the update is done, the folder holds files of both
		// builds: of one for review, if either was.
		mark := &Manifest{Build: u.build, Drafts: u.drafts || u.prevDrafts, Future: u.future || u.prevFuture, Files: make([]Entry, 0, len(u.prev)+len(u.staged))}
		for _, e := range u.prev {
			if _, changing := u.staged[e.Path]; !changing {
				if u.prevBuild != u.build {
					// Another herald's fingerprints, under this one's
					// name, would pass for this one's after a kill (a
					// review).
					e.FP = ""
				}
				mark.Files = append(mark.Files, e)
			}
		}
		for p := range u.staged {
			mark.Files = append(mark.Files, Entry{Path: p})
		}
		sortEntries(mark.Files)
		if err := u.writeManifest(mark); err != nil {
			return nil, 0, err
		}
	}
	paths := make([]string, 0, len(u.staged))
	for p := range u.staged {
		paths = append(paths, p)
	}
	// Pages before the files that list them, and what pages load before
	// the pages: a reader never follows a link to a file not yet written.
	slices.SortFunc(paths, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
	})
	for _, p := range paths {
		if err := replace(u.target, p, u.staged[p]); err != nil {
			return nil, 0, err
		}
	}
	for _, p := range gone {
		full := filepath.Join(u.target, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, 0, err
		}
		// Remove the folders the file leaves empty: a deleted story's.
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if os.Remove(filepath.Join(u.target, filepath.FromSlash(dir))) != nil {
				break
			}
		}
	}
	if err := u.writeManifest(m); err != nil {
		return nil, 0, err
	}
	return m, len(gone), nil
}

// checkLayout returns ErrLayout when a file of the new build would need a
// folder where the output has a file, or the reverse.
func (u *Updater) checkLayout(gone []string) error {
	dirs := map[string]bool{} // the folders the new build's files need
	for p := range u.entries {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for _, g := range gone {
		if dirs[g] {
			return fmt.Errorf("%w: %s", ErrLayout, g)
		}
	}
	// A new file where the output holds a folder, or under a file that is
	// not a folder: put there by hand, since the previous build had
	// neither.
	checked := map[string]bool{}
	for p := range u.staged {
		if _, ok := u.prev[p]; ok {
			continue
		}
		if info, err := os.Lstat(filepath.Join(u.target, filepath.FromSlash(p))); err == nil && info.IsDir() {
			return fmt.Errorf("%w: %s", ErrLayout, p)
		}
		for d := path.Dir(p); d != "." && !checked[d]; d = path.Dir(d) {
			checked[d] = true
			if info, err := os.Lstat(filepath.Join(u.target, filepath.FromSlash(d))); err == nil && !info.IsDir() {
				return fmt.Errorf("%w: %s", ErrLayout, d)
			}
		}
	}
	return nil
}

// same reports whether m is the manifest the folder holds.
func (u *Updater) same(m *Manifest) bool {
	if len(m.Files) != len(u.prev) || m.Build != u.prevBuild || m.Drafts != u.prevDrafts || m.Future != u.prevFuture {
		return false
	}
	for _, e := range m.Files {
		if u.prev[e.Path] != e {
			return false
		}
	}
	return true
}

// rank orders the writes of an update: other files (assets, images, search
// shards), then pages, then feeds, the sitemap and JSON manifests.
func rank(p string) int {
	switch {
	case strings.HasSuffix(p, ".html"):
		return 1
	case strings.HasSuffix(p, ".xml"), path.Base(p) == "index.json", p == "feed.json":
		return 2
	}
	return 0
}

func (u *Updater) writeManifest(m *Manifest) error {
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	return replaceFile(u.target, ManifestName, data)
}

// replace is replaceFile, which tests replace to fail midway through an
// update.
var replace = replaceFile

// replaceFile writes the file p under dir through a temporary file in the
// same folder, renamed over it: a reader sees the old bytes or the new,
// never part of them.
func replaceFile(dir, p string, data []byte) error {
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	tmp := tempName(full)
	err := sysfile.WriteFile(tmp, data)
	if err == nil {
		err = os.Rename(tmp, full)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", full, err)
	}
	return nil
}

// tempName returns the name of the temporary file that replaces the file
// full: one name, which the next update knows to remove if left.
func tempName(full string) string {
	return filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".herald-tmp")
}

func sortEntries(files []Entry) {
	slices.SortFunc(files, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
}

package output

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cespare/xxhash/v2"

	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
)

// ManifestName is the name of the manifest file at the top of the output.
const ManifestName = ".herald-manifest.json"

// Entry describes one output file.
type Entry struct {
	Path string `json:"path"` // slash path relative to the output folder
	Size int64  `json:"size"`
	Hash string `json:"hash"` // [Hash] of the bytes
	// FP is the fingerprint of what made the file (package render), in
	// hex: the next build renders the file again only when it differs.
	FP string `json:"fp,omitempty"`
}

// Hash returns the hash of a file's bytes that the manifest records: its
// xxHash-64 in 16 hex digits. It tells an update whether a page it renders
// again has the bytes already written, and publish whether a file is still
// as the build wrote it. It is not the MD5 that object storage compares:
// MD5 goes at 0.78 GB/s on this project's machine, 0.28 s of CPU for the
// 215 MB of a 10,000-story site, xxHash at 19 GB/s; publish computes the
// MD5 of the files it compares.
func Hash(data []byte) string { return hashString(xxhash.Sum64(data)) }

func hashString(h uint64) string {
	return hex.EncodeToString(binary.BigEndian.AppendUint64(nil, h))
}

// Manifest lists the files of a build, sorted by path.
type Manifest struct {
	// Build names the program that wrote the files: fingerprints are
	// compared only between builds of the same one.
	Build string `json:"build,omitempty"`
	// Drafts and Future tell that the build included drafts, or stories
	// dated after its time (herald build --drafts, --future): it is for
	// review, not for publishing, and publish refuses it. Written only
	// when true, so that other manifests stay as they were.
	Drafts bool    `json:"drafts,omitempty"`
	Future bool    `json:"future,omitempty"`
	Files  []Entry `json:"files"`
}

// recorder records the files of a build for its manifest; Writer and
// Updater share it. It is safe for concurrent use.
type recorder struct {
	mu      sync.Mutex
	entries map[string]Entry // by path
	dups    []string         // paths written twice
	build   string
	fps     map[string]string
	drafts  bool // the build includes drafts (Manifest.Drafts)
	future  bool // and stories dated after its time (Manifest.Future)
}

// newRecorder returns a recorder with room for about n files.
func newRecorder(n int) recorder { return recorder{entries: make(map[string]Entry, n)} }

func (r *recorder) record(e Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.entries[e.Path]; dup {
		r.dups = append(r.dups, e.Path)
	}
	r.entries[e.Path] = e
}

// Annotate gives the manifest the name of the build and the fingerprints
// of the files, by path.
func (r *recorder) Annotate(build string, fps map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.build, r.fps = build, fps
}

// Include records, for the manifest, whether the build includes drafts and
// stories dated after its time: a build for review, which publish refuses.
func (r *recorder) Include(drafts, future bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.drafts, r.future = drafts, future
}

// Manifest returns the files recorded so far, sorted by path.
func (r *recorder) Manifest() *Manifest {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := &Manifest{Build: r.build, Drafts: r.drafts, Future: r.future, Files: make([]Entry, 0, len(r.entries))}
	for _, e := range r.entries {
		e.FP = r.fps[e.Path]
		m.Files = append(m.Files, e)
	}
	sortEntries(m.Files)
	return m
}

// duplicates returns an error naming the paths two pages wrote, or nil.
func (r *recorder) duplicates() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.dups) == 0 {
		return nil
	}
	slices.Sort(r.dups)
	return fmt.Errorf("two pages of the build write the same file %s", strings.Join(slices.Compact(r.dups), ", "))
}

// Writer writes one build's files.
type Writer struct {
	target string // the output folder
	tmp    string // the temporary folder being written
	recorder

	dirsMu sync.Mutex
	dirs   map[string]bool // folders created, relative to tmp

	// abortMu is held for reading by each write, and for writing by
	// Abort: no write lands in the folder once Abort removes it (a
	// retrial's test found a failed build's folder left beside the
	// output, the search index writing into it as it was removed).
	abortMu sync.RWMutex
	aborted bool

	reuse  *Updater // the previous output, whose files of the same bytes are linked (Reuse); may be nil
	linked atomic.Int64
}

// errAborted is the error of a write after Abort.
var errAborted = errors.New("the new output was given up")

// begin starts a write, which calls done when it ends; after Abort it
// fails with errAborted.
func (w *Writer) begin() (done func(), err error) {
	w.abortMu.RLock()
	if w.aborted {
		w.abortMu.RUnlock()
		return nil, errAborted
	}
	return w.abortMu.RUnlock, nil
}

// Begin starts writing a build that will replace target.
func Begin(target string) (*Writer, error) {
	target = filepath.Clean(target)
	if err := checkTarget(target); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, filepath.Base(target))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Writer{target: target, tmp: tmp, recorder: newRecorder(0), dirs: map[string]bool{".": true}}, nil
}

// checkTarget refuses a target that exists and is not herald's output.
func checkTarget(target string) error {
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return &TargetError{Target: target, NotFolder: true}
	}
	if _, err := os.Stat(filepath.Join(target, ManifestName)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return &TargetError{Target: target}
	}
	return nil
}

// TargetError is Begin's error for an output folder it will not replace:
// a file (NotFolder), or a folder that is not empty and holds no manifest,
// so that herald did not write it.
type TargetError struct {
	Target    string
	NotFolder bool
}

func (e *TargetError) Error() string {
	if e.NotFolder {
		return fmt.Sprintf("output %s exists and is not a folder", e.Target)
	}
	return fmt.Sprintf("refusing to replace %s: the folder is not empty and was not written by herald (it has no %s); remove it or choose another output folder", e.Target, ManifestName)
}

// OldLeftError is Commit's error when the new output is in place but the
// old one, moved aside to Old, could not be removed: the build is done,
// and the next one removes Old if it can.
type OldLeftError struct {
	Old string
	Err error
}

func (e *OldLeftError) Error() string {
	return fmt.Sprintf("the new output is in place, but the old one, moved to %s, could not be removed: %v", e.Old, e.Err)
}

func (e *OldLeftError) Unwrap() error { return e.Err }

// removeStale removes temporary and old folders left by builds that were
// killed before they finished.
func removeStale(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+".tmp-") || strings.HasPrefix(n, "."+base+".old-")) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// Dir returns the temporary folder being written.
func (w *Writer) Dir() string { return w.tmp }

// WriteFile writes a file at the slash path p, relative to the output.
func (w *Writer) WriteFile(p string, data []byte) error {
	done, err := w.begin()
	if err != nil {
		return err
	}
	defer done()
	full, err := w.prepare(p)
	if err != nil {
		return err
	}
	return w.put(p, full, data)
}

// put writes data, the file at p, to full, or links it there (Reuse), and
// records it.
func (w *Writer) put(p, full string, data []byte) error {
	e := Entry{Path: p, Size: int64(len(data)), Hash: Hash(data)}
	if w.link(full, e) {
		return nil
	}
	if err := create(full, data); err != nil {
		return err
	}
	w.record(e)
	return nil
}

// Take gives w, a new output that will replace u's target, the files of
// paths that u recorded for an update that is not made (too many files
// changed, or a file and a folder trade places): those u staged are
// written, those it kept as the previous build left them linked, as Reuse
// does. It returns the paths taken, which the build need not render again,
// and u lets go of all it staged. A kept file it cannot link, on a file
// system without hard links, is not taken. w must reuse u.
func (w *Writer) Take(ctx context.Context, u *Updater, paths []string) (map[string]bool, error) {
	u.mu.Lock()
	entries := make([]Entry, 0, len(paths))
	for _, p := range paths {
		if e, ok := u.entries[p]; ok {
			entries = append(entries, e)
		}
	}
	staged := u.staged
	u.staged, u.bytes = map[string][]byte{}, 0
	u.mu.Unlock()
	taken := make([]bool, len(entries))
	errs := make([]error, len(entries))
	err := parallel.For(ctx, len(entries), 0, func(_, i int) {
		e := entries[i]
		if data, ok := staged[e.Path]; ok {
			errs[i] = w.WriteFile(e.Path, data)
			taken[i] = errs[i] == nil
			return
		}
		taken[i], errs[i] = w.linkKept(e)
	})
	if err := errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for i, e := range entries {
		if taken[i] {
			done[e.Path] = true
		}
	}
	return done, nil
}

// linkKept links the file of e, which an update kept, from the previous
// output, and reports whether it did.
func (w *Writer) linkKept(e Entry) (bool, error) {
	done, err := w.begin()
	if err != nil {
		return false, err
	}
	defer done()
	full, err := w.prepare(e.Path)
	if err != nil {
		return false, err
	}
	return w.link(full, e), nil
}

// Linked returns how many files w took from the previous output (Reuse).
func (w *Writer) Linked() int { return int(w.linked.Load()) }

// Reuse has w take from the previous output, u's target, each file whose
// bytes it holds already, as a hard link instead of a new file, when the
// file is there as that build left it (as an update checks it). The file keeps
// its modification time; and removing the previous output once w's is in
// place frees none of its data. A build writes a whole new output where
// it cannot update one (more than half the files changed, a file and a
// folder trading places), most of whose files are often the same.
// At 10,000 stories, on this project's machine, with its disk mounted to
// discard what is freed, removing an output of new files took 3.2–3.9 s,
// and one of links 1.0–1.7 s. Reuse must be called before any write.
func (w *Writer) Reuse(u *Updater) { w.reuse = u }

// link puts the file of e in place at full as a link to the previous
// output's file of the same bytes (Reuse), records it, and reports whether
// it did. A file it cannot link, on a file system without hard links, is
// for the caller to write.
func (w *Writer) link(full string, e Entry) bool {
	u := w.reuse
	old, ok := u.entry(e.Path)
	if !ok || old.Size != e.Size || old.Hash != e.Hash || !u.present(old) {
		return false
	}
	if link(filepath.Join(u.target, filepath.FromSlash(e.Path)), full) != nil {
		return false
	}
	w.linked.Add(1)
	w.record(e)
	return true
}

// create writes data to the new file full. A file already there (the
// same path written twice, which Commit reports) is removed, not
// truncated: it may be a hard link to the previous output's file
// ([Updater.Lend]), which a write through it would change, though that
// output must stay as it is until Commit. Only then does it cost a
// second system call.
func create(full string, data []byte) error {
	err := sysfile.CreateFile(full, data)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(full); err != nil {
			return err
		}
		err = sysfile.CreateFile(full, data)
	}
	return err
}

// createFile opens the new file full to write, as create makes it.
func createFile(full string) (*os.File, error) {
	const flag = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	f, err := os.OpenFile(full, flag, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(full); err != nil {
			return nil, err
		}
		f, err = os.OpenFile(full, flag, 0o644)
	}
	return f, err
}

// CopyFile copies the file name of fsys to the slash path p.
func (w *Writer) CopyFile(p string, fsys fs.FS, name string) error {
	done, err := w.begin()
	if err != nil {
		return err
	}
	defer done()
	full, err := w.prepare(p)
	if err != nil {
		return err
	}
	if linked, err := w.linkCopy(p, full, fsys, name); linked || err != nil {
		return err
	}
	src, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := createFile(full)
	if err != nil {
		return err
	}
	h := xxhash.New()
	n, err := io.Copy(io.MultiWriter(dst, h), src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	w.record(Entry{Path: p, Size: n, Hash: hashString(h.Sum64())})
	return nil
}

// linkCopy links the file name of fsys at full, the output's p, when the
// previous output holds its bytes there (Reuse), and reports whether it
// did. It reads the file to hash it, and only when the sizes agree:
// holding it whole in memory, a large file would take as much.
func (w *Writer) linkCopy(p, full string, fsys fs.FS, name string) (bool, error) {
	old, ok := w.reuse.entry(p)
	if !ok {
		return false, nil
	}
	e, same, err := sameSize(fsys, name, old)
	if !same || err != nil {
		return false, err
	}
	return w.link(full, e), nil
}

// sameSize returns the entry of the file name of fsys at old's path, with
// the hash of its bytes, read a piece at a time, when it has old's size;
// same is false otherwise, and the file is not read.
func sameSize(fsys fs.FS, name string, old Entry) (e Entry, same bool, err error) {
	src, err := fsys.Open(name)
	if err != nil {
		return Entry{}, false, fmt.Errorf("copy %s: %w", name, err)
	}
	defer src.Close()
	if info, err := src.Stat(); err != nil || info.Size() != old.Size {
		return Entry{}, false, nil
	}
	h := xxhash.New()
	if _, err := io.Copy(h, src); err != nil {
		return Entry{}, false, fmt.Errorf("copy %s: %w", name, err)
	}
	return Entry{Path: old.Path, Size: old.Size, Hash: hashString(h.Sum64())}, true, nil
}

// prepare checks p and creates its folder.
func (w *Writer) prepare(p string) (string, error) {
	if err := checkPath(p); err != nil {
		return "", err
	}
	if err := w.mkdir(path.Dir(p)); err != nil {
		return "", err
	}
	return filepath.Join(w.tmp, filepath.FromSlash(p)), nil
}

// checkPath refuses an output path that is not a clean relative slash path
// inside the output, or that is the manifest's.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || path.Clean(p) != p || p == ManifestName || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("invalid output path %q", p)
	}
	return nil
}

// mkdir creates a folder of the output, and its parents, once each: with
// one mkdir call per folder, where os.MkdirAll would stat each one first.
func (w *Writer) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	w.dirsMu.Lock()
	done := w.dirs[dir]
	w.dirsMu.Unlock()
	if done {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	// Another goroutine may make it at the same moment: that is fine.
	if err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirsMu.Lock()
	w.dirs[dir] = true
	w.dirsMu.Unlock()
	return nil
}

// Commit writes the manifest and swaps the new output in place of the old.
func (w *Writer) Commit() (*Manifest, error) {
	if err := w.duplicates(); err != nil {
		w.Abort()
		return nil, err
	}
	m := w.Manifest()
	data, err := m.Marshal()
	if err == nil {
		err = os.WriteFile(filepath.Join(w.tmp, ManifestName), data, 0o644)
	}
	if err != nil {
		w.Abort()
		return nil, err
	}
	old := ""
	if _, err := os.Stat(w.target); err == nil {
		base := filepath.Base(w.target)
		old = filepath.Join(filepath.Dir(w.target), "."+base+".old-"+strings.TrimPrefix(filepath.Base(w.tmp), "."+base+".tmp-"))
		if err := os.Rename(w.target, old); err != nil {
			w.Abort()
			return nil, err
		}
	}
	if err := os.Rename(w.tmp, w.target); err != nil {
		if old != "" {
			_ = os.Rename(old, w.target)
		}
		w.Abort()
		return nil, err
	}
	if old != "" {
		if err := removeAll(old); err != nil {
			return m, &OldLeftError{Old: old, Err: err}
		}
	}
	return m, nil
}

// removeAll is os.RemoveAll, which tests replace to fail as root cannot.
var removeAll = os.RemoveAll

// Abort removes the temporary folder. The target is untouched.
func (w *Writer) Abort() {
	w.abortMu.Lock() // once the writes under way end
	w.aborted = true
	w.abortMu.Unlock()
	os.RemoveAll(w.tmp)
}

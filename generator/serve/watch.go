package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"herald/generator/content"

	"github.com/fsnotify/fsnotify"
)

// lostEvents is emitted when the watcher lost events: the next rebuild
// checks every file instead of trusting the list of changes.
const lostEvents = "*"

// watched are the folders of a site that are watched recursively.
var watched = []string{"content", "templates", "static"}

// relevant reports whether a change to the slash path rel (relative to the
// site's folder) can change the site.
func relevant(rel string) bool {
	if rel == "site.yaml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	found := false
	for _, w := range watched {
		if top == w {
			found = true
		}
	}
	if !found {
		return false
	}
	parts := strings.Split(rel, "/")
	for _, part := range parts {
		if content.Ignored(part) {
			return false
		}
	}
	return !isVimProbe(parts[len(parts)-1])
}

// relevantDir reports whether a folder's slash path is one herald watches.
func relevantDir(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return slices.Contains(watched, top) && !slices.ContainsFunc(strings.Split(rel, "/"), content.Ignored)
}

// isVimProbe reports whether a file name is that of the file Vim creates and
// deletes to test that a folder is writable ("4913", "5036"…). Folders named
// by numbers (2021/04) are common and are not probes; only the last part of a
// path is checked.
func isVimProbe(name string) bool {
	if len(name) < 4 {
		return false
	}
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// errWatchLimit is returned when the system's inotify limits are reached.
var errWatchLimit = errors.New("the system's limit of inotify watches is reached")

// watchNotify watches the site's folders with fsnotify and emits the slash
// path of every relevant change until ctx is done.
func watchNotify(ctx context.Context, root string, emit func(string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) {
			return fmt.Errorf("%w (too many inotify instances): %v", errWatchLimit, err)
		}
		return err
	}
	defer w.Close()
	// add watches dir and the folders below it. For a folder created after
	// start, files may have been written into it before its watch was
	// added: with emitFiles, add reports every file it finds.
	add := func(dir string, emitFiles bool) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if !d.IsDir() {
				if rel, err := filepath.Rel(root, p); emitFiles && err == nil && relevant(filepath.ToSlash(rel)) {
					emit(filepath.ToSlash(rel))
				}
				return nil
			}
			if p != dir && content.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.Add(p); err != nil {
				if errors.Is(err, syscall.ENOSPC) {
					return fmt.Errorf("%w: %v", errWatchLimit, err)
				}
				return fmt.Errorf("watch %s: %w", p, err)
			}
			return nil
		})
	}
	if err := w.Add(root); err != nil {
		return err
	}
	for _, d := range watched {
		if err := add(filepath.Join(root, d), false); err != nil {
			return err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				emit(lostEvents) // events were lost: check every file
				continue
			}
			return err
		case ev := <-w.Events:
			rel, err := filepath.Rel(root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if relevantDir(rel) {
						if err := add(ev.Name, true); err != nil {
							return err
						}
					}
					continue
				}
			}
			gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
			if ev.Has(fsnotify.Rename) {
				unwatch(w, ev.Name)
			}
			if !relevant(rel) && !(gone && relevantDir(rel)) {
				continue // a folder removed or renamed may be named by a number, as 2021 is
			}
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) {
				continue // touched by indexers and backup tools; the content is the same
			}
			emit(rel)
		}
	}
}

// unwatch removes the watches of the folder old, renamed, and of the
// folders below it. A folder renamed keeps its watches, under its old
// names: the events of its files would name them where they were, and
// adding the new name gives back the old watch. fsnotify itself removes
// the renamed folder's own watch when it reads that it moved, which, read
// after the new name was added, left the folder unwatched (a trial: after a
// month's folder was renamed in a preview, the edits of its stories were
// missed every other time). Removed here, before the new name's event
// comes, the watches are made again under the new names.
func unwatch(w *fsnotify.Watcher, old string) {
	for _, p := range w.WatchList() {
		if p == old || strings.HasPrefix(p, old+string(filepath.Separator)) {
			w.Remove(p) // gone already when fsnotify read the move first
		}
	}
}

// stamp is what polling compares of a file.
type stamp struct {
	size    int64
	modTime time.Time
	dir     bool
}

// scan returns the stamps of every relevant file and folder of the site.
func scan(root string) map[string]stamp {
	out := map[string]stamp{}
	if fi, err := os.Stat(filepath.Join(root, "site.yaml")); err == nil {
		out["site.yaml"] = stamp{fi.Size(), fi.ModTime(), false}
	}
	for _, d := range watched {
		_ = filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if e.IsDir() && rel != d && content.Ignored(e.Name()) {
				return filepath.SkipDir
			}
			if !e.IsDir() && !relevant(rel) {
				return nil
			}
			fi, err := e.Info()
			if err != nil {
				return nil
			}
			out[rel] = stamp{fi.Size(), fi.ModTime(), e.IsDir()}
			return nil
		})
	}
	return out
}

// watchPoll scans the site every interval and emits what changed, was
// added or removed, until ctx is done.
func watchPoll(ctx context.Context, root string, interval time.Duration, emit func(string)) error {
	prev := scan(root)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		cur := scan(root)
		for p, s := range cur {
			if old, ok := prev[p]; !ok || old != s && !s.dir {
				emit(p)
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				emit(p)
			}
		}
		prev = cur
	}
}

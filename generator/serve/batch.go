package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// batcher collects the paths of file events and hands them on in batches:
// a batch is sent once no event has arrived for delay. Paths in a batch are
// unique and sorted. The receiver is never given a second batch before it has
// taken the first: events that arrive meanwhile wait for the next one.
type batcher struct {
	in    chan string
	out   chan []string
	delay time.Duration
}

func newBatcher(delay time.Duration) *batcher {
	return &batcher{in: make(chan string, 256), out: make(chan []string), delay: delay}
}

// run collects and sends batches until ctx is done.
func (b *batcher) run(ctx context.Context) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var out chan []string // nil until a batch is ready
	var ready []string
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-b.in:
			pending[p] = true
			timer.Reset(b.delay)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			for p := range pending {
				ready = append(ready, p)
			}
			clear(pending)
			slices.Sort(ready)
			ready = slices.Compact(ready)
			out = b.out
		case out <- ready:
			ready, out = nil, nil
			if len(pending) > 0 {
				timer.Reset(b.delay)
			}
		}
	}
}

// ledger tells which paths of a batch changed the site. An editor's passing
// file is not one: sed -i writes a temporary file beside the story and
// renames it over the story, so a batch names both, and the temporary
// file exists neither before nor after it (a trial: one save was logged as
// "2 个文件有改动").
type ledger struct {
	root  string
	known map[string]bool // the slash paths of the site's files and folders at the last look
}

// newLedger returns a ledger of the files root holds now.
func newLedger(root string) *ledger {
	l := &ledger{root: root}
	l.rescan()
	return l
}

func (l *ledger) rescan() {
	l.known = map[string]bool{}
	for p := range scan(l.root) {
		l.known[p] = true
	}
}

// changed returns the paths of batch that exist now, and those that
// existed before and are gone, in the batch's order; lostEvents is kept,
// and makes the ledger look at every file again.
func (l *ledger) changed(batch []string) []string {
	var out []string
	for _, p := range batch {
		if p == lostEvents {
			l.rescan()
			out = append(out, p)
			continue
		}
		_, err := os.Lstat(filepath.Join(l.root, filepath.FromSlash(p)))
		switch {
		case !errors.Is(err, fs.ErrNotExist):
			l.known[p] = true
			out = append(out, p)
		case l.known[p]:
			// Removed: so is what a removed folder held.
			for k := range l.known {
				if k == p || strings.HasPrefix(k, p+"/") {
					delete(l.known, k)
				}
			}
			out = append(out, p)
		}
	}
	return out
}

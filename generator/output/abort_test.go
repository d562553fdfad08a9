package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestAbortWhileWriting aborts a new output while goroutines write into
// it, as a build that fails does while its search index is still written:
// the temporary folder must be gone afterwards, and every write after
// Abort must fail. Issue: a failed build left .public.tmp-… beside the
// output, a file written into a folder Abort was removing.
func TestAbortWhileWriting(t *testing.T) {
	for round := range 20 {
		parent := t.TempDir()
		w, err := Begin(filepath.Join(parent, "public"))
		if err != nil {
			t.Fatal(err)
		}
		// Many files in folders already made: their writes go on while
		// Abort removes the folder.
		for g := range 4 {
			if err := w.WriteFile(fmt.Sprintf("s/%d/first.bin", g), []byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		started := make(chan struct{}, 4)
		stopped := make([]error, 4) // why each writer stopped
		for g := range 4 {
			wg.Go(func() {
				started <- struct{}{}
				stopped[g] = errors.New("never stopped")
				for i := range 20000 {
					if err := w.WriteFile(fmt.Sprintf("s/%d/%d.bin", g, i), []byte("x")); err != nil {
						stopped[g] = err
						return
					}
				}
			})
		}
		for range 4 {
			<-started
		}
		w.Abort()
		wg.Wait()
		if _, err := os.Stat(w.Dir()); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("round %d: the aborted folder is left: %v", round, err)
		}
		// Each writer was stopped by Abort, not by the folder vanishing
		// under it.
		for g, err := range stopped {
			if !errors.Is(err, errAborted) {
				t.Fatalf("round %d: writer %d stopped with %v, want errAborted", round, g, err)
			}
		}
		if err := w.WriteFile("late.html", []byte("x")); !errors.Is(err, errAborted) {
			t.Fatalf("a write after Abort: %v, want errAborted", err)
		}
	}
}

package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"herald/generator/internal/testsite"
)

// TestWatchAfterRename checks that the files of a folder renamed, and of
// the folders below it, are watched under their new names: a trial renamed
// a month's folder in a preview, and its stories' edits were missed every
// other time after.
func TestWatchAfterRename(t *testing.T) {
	site := testsite.Write(t, "")
	root := site.Dir
	write := func(rel, text string) { site.WriteFile(t, rel, []byte(text)) }
	files := func(m int) []string {
		return []string{fmt.Sprintf("content/stories/m%d/a.md", m), fmt.Sprintf("content/stories/m%d/bundle/index.md", m)}
	}
	for _, rel := range files(0) {
		write(rel, "初稿")
	}
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan string, 1000)
	done := make(chan error, 1)
	go func() { done <- watchNotify(ctx, root, func(p string) { events <- p }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	// await waits for an event of each path of want, calling again every
	// tenth of a second.
	await := func(want []string, again func()) {
		t.Helper()
		missing := map[string]bool{}
		for _, p := range want {
			missing[p] = true
		}
		deadline := time.After(wait)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for len(missing) > 0 {
			select {
			case p := <-events:
				delete(missing, p)
			case <-tick.C:
				again()
			case <-deadline:
				t.Fatalf("no event for %v", missing)
			}
		}
	}
	edit := func(m int) func() {
		return func() {
			for _, rel := range files(m) {
				write(rel, fmt.Sprint("改动 ", time.Now().UnixNano()))
			}
		}
	}
	// The watches are made before the loop starts: edits until seen.
	edit(0)()
	await(files(0), edit(0))
	for m := 1; m <= 6; m++ {
		from := filepath.Join(root, "content", "stories", fmt.Sprint("m", m-1))
		if err := os.Rename(from, filepath.Join(root, "content", "stories", fmt.Sprint("m", m))); err != nil {
			t.Fatal(err)
		}
		// The folder's files are told when its new name is watched …
		await(files(m), func() {})
		// … and then their edits, under the new names.
		edit(m)()
		await(files(m), func() {})
	}
}

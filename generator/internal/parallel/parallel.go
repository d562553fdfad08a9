// Package parallel runs the items of a list on a bounded number of
// goroutines. The function it runs puts its results where the caller wants
// them — by index — so the outcome never depends on the order in which the
// goroutines finish.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(w, i) for each i in [0, n), on at most workers goroutines
// (GOMAXPROCS when workers ≤ 0); w, in [0, workers), numbers the goroutine
// that runs the call, for per-goroutine scratch space. It stops handing out
// items once ctx is done, waits for the calls under way, and returns
// ctx.Err().
//
// The goroutines take the items in order from a shared counter: handing
// each over a channel cost more than many an item, such as a page's
// fingerprint.
func For(ctx context.Context, n, workers int, f func(w, i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	done := ctx.Done()
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, max(n, 1)) {
		wg.Go(func() {
			for {
				if done != nil {
					select {
					case <-done:
						return
					default:
					}
				}
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				f(w, int(i))
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// Waiting returns the number of goroutines for work that mostly waits on
// the file system or the network: four per core, so that the cores stay
// busy while some goroutines wait.
func Waiting() int { return 4 * runtime.GOMAXPROCS(0) }

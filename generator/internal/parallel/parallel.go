// Package parallel runs the items of a list on a bounded number of
// goroutines. The function it runs puts its results where the caller wants
// them — by index — so the outcome never depends on the order in which the
// goroutines finish.
package parallel

import (
	"context"
	"runtime"
	"sync"
)

// For calls f(w, i) for each i in [0, n), on at most workers goroutines
// (GOMAXPROCS when workers ≤ 0); w, in [0, workers), numbers the goroutine
// that runs the call, for per-goroutine scratch space. It stops handing out
// items once ctx is done, waits for the calls under way, and returns
// ctx.Err().
func For(ctx context.Context, n, workers int, f func(w, i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := range min(workers, max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(w, i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}

// Waiting returns the number of goroutines for work that mostly waits on
// the file system or the network: four per core, so that the cores stay
// busy while some goroutines wait.
func Waiting() int { return 4 * runtime.GOMAXPROCS(0) }

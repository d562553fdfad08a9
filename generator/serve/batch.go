package serve

import (
	"context"
	"slices"
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

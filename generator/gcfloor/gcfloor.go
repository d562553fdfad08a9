// Package gcfloor sets the garbage collector's headroom, and keeps the
// collector from running while the heap is under a floor that the program
// raises once it knows how large its heap will grow.
//
// Go's goal for the heap starts at 4 MiB and grows with the live heap, a
// collection at a time. A program that reads a large, long-lived model at
// its start, as an update reads the build cache, collects again and again
// on its way there, marking what is all still alive. Go has no setting for
// a least goal: after each collection, a cleanup on an object that nothing
// holds sets the headroom that makes the goal the floor, or the headroom
// Start set once the live heap is large enough.
//
// The collection that ends computes the next goal with the headroom sized
// for the live heap before it, until the cleanup runs: in a trial, with
// every core allocating, the heap grew to 321 MiB for a floor of 110 MiB.
// While under the floor, a memory limit of twice the floor bounds it. (With
// the collector off and the floor for the limit, the runtime gave memory
// back to the system to stay under it, and touched it again: an update of
// 10,000 stories took 0.46–0.54 s, against 0.38–0.44 s.)
package gcfloor

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

var (
	mu      sync.Mutex
	percent int    // the headroom Start set; 0 before, or when GOGC or GOMEMLIMIT is set
	floor   uint64 // the least goal, in bytes
	below   bool   // the live heap is under the floor: the headroom is more than percent
	limit   int64  // the memory limit before the floor's, to set back
	armed   bool   // a cleanup waits for the next collection
	live    = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
)

// Start sets the collector's headroom to p percent of the live heap. When
// the GOGC variable is set, it leaves the collector as GOGC set it; when
// GOGC or GOMEMLIMIT is set, Raise does nothing.
func Start(p int) {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(p)
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	percent = p
}

// Stop gives the collector back the headroom Start set and the memory limit
// there was, and Raise does nothing until Start again.
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	leave()
	percent, floor = 0, 0
}

// Raise raises the floor to n bytes: the collector does not run before the
// heap reaches n bytes, or the goal of Start's headroom when that is more.
// It does nothing before Start, or when n is not above the floor.
func Raise(n uint64) {
	mu.Lock()
	defer mu.Unlock()
	if percent == 0 || n <= floor {
		return
	}
	floor = n
	adjust()
	if !armed {
		armed = true
		arm()
	}
}

// Floor returns the floor Raise set, in bytes; 0 before Start, or when
// GOGC or GOMEMLIMIT is set.
func Floor() uint64 {
	mu.Lock()
	defer mu.Unlock()
	return floor
}

// arm adjusts the collector after the next collection, and arms again.
func arm() {
	runtime.AddCleanup(new(mark), func(struct{}) {
		mu.Lock()
		adjust()
		mu.Unlock()
		arm()
	}, struct{}{})
}

// mark is an object whose cleanup marks a collection: not a tiny one,
// which shares its block with others and may outlive them.
type mark struct{ _ *mark }

// adjust sets the headroom for the live heap the last collection left.
// mu must be held.
func adjust() {
	if percent == 0 || floor == 0 {
		return
	}
	metrics.Read(live)
	h := headroom(live[0].Value.Uint64(), floor, percent)
	if h == percent {
		leave()
		return
	}
	if prev := debug.SetMemoryLimit(int64(min(2*floor, math.MaxInt64))); !below {
		limit = prev
		below = true
	}
	debug.SetGCPercent(h)
}

// leave sets the headroom Start set and the memory limit there was, when
// the heap was under the floor. mu must be held.
func leave() {
	if below {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		below = false
	}
}

// least is the runtime's least goal at a headroom of 100: the goal is
// never under least times the headroom over 100, whatever the live heap
// (defaultHeapMinimum).
const least = 4 << 20

// headroom returns the headroom over a live heap of live bytes that makes
// the goal floor bytes, or p when p's goal is that or more. A headroom made
// of the live heap alone would put the goal far past the floor while
// little is live: the runtime's least goal grows with the headroom.
func headroom(live, floor uint64, p int) int {
	if max(live*uint64(100+p)/100, least*uint64(p)/100) >= floor {
		return p
	}
	return max(p, int(min((floor-live)*100/max(live, 1), floor*100/least)))
}

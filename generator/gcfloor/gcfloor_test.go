package gcfloor

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestHeadroom(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name        string
		live, floor uint64
		p, want     int
	}{
		{"no floor", 50 * mib, 0, 75, 75},
		{"live past the floor", 100 * mib, 128 * mib, 75, 75},
		{"goal just at the floor", 64 * mib, 112 * mib, 75, 75},
		{"goal under the floor", 64 * mib, 128 * mib, 75, 100},
		{"little live: the least goal bounds it", 1 * mib, 128 * mib, 75, 3200},
		{"nothing live", 0, 128 * mib, 75, 3200},
		{"live at the least goal", 4 * mib, 128 * mib, 75, 3100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := headroom(tc.live, tc.floor, tc.p)
			if got != tc.want {
				t.Errorf("headroom(%d, %d, %d) = %d, want %d", tc.live, tc.floor, tc.p, got, tc.want)
			}
			// The goal it makes is the floor, or p's when that is more.
			goal := max(max(tc.live, 1)*uint64(100+got)/100, least*uint64(got)/100)
			if want := max(max(tc.live, 1)*uint64(100+tc.p)/100, tc.floor); tc.floor > 0 && goal > want+want/100 {
				t.Errorf("goal %d, want at most %d", goal, want)
			}
		})
	}
}

// current returns the collector's headroom.
func current() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func reset() {
	mu.Lock()
	percent, floor = 0, 0
	mu.Unlock()
}

// TestRaise checks that a floor raises the headroom at once and keeps it
// after collections, and that GOGC turns the package off.
func TestRaise(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer reset()

	t.Run("GOGC set", func(t *testing.T) {
		reset()
		t.Setenv("GOGC", "200")
		debug.SetGCPercent(200)
		Start(75)
		Raise(1 << 40)
		if got := current(); got != 200 {
			t.Errorf("headroom %d under GOGC=200, want 200", got)
		}
	})
	t.Run("floor", func(t *testing.T) {
		reset()
		t.Setenv("GOGC", "")
		debug.SetGCPercent(100)
		Raise(1 << 40) // before Start: nothing
		if got := current(); got != 100 {
			t.Fatalf("headroom %d before Start, want 100", got)
		}
		Start(75)
		if got := current(); got != 75 {
			t.Fatalf("headroom %d after Start(75), want 75", got)
		}
		Raise(8 << 30)
		raised := current()
		if raised <= 75 {
			t.Fatalf("headroom %d after Raise, want more than 75", raised)
		}
		// After a collection the cleanup adjusts it again, to the floor
		// still: the test's heap is far under it.
		debug.SetGCPercent(75)
		runtime.GC()
		deadline := time.Now().Add(10 * time.Second)
		for current() == 75 && time.Now().Before(deadline) {
			runtime.Gosched()
			time.Sleep(time.Millisecond)
		}
		if got := current(); got <= 75 {
			t.Errorf("headroom %d after a collection, want the floor's, more than 75", got)
		}
	})
}

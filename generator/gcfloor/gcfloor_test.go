package gcfloor

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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
		{"a small floor, over p's least goal", 1 * mib, 6 * mib, 75, 150},
		{"a floor at p's least goal", 1 * mib, 3 * mib, 75, 75},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := headroom(tc.live, tc.floor, tc.p)
			if got != tc.want {
				t.Errorf("headroom(%d, %d, %d) = %d, want %d", tc.live, tc.floor, tc.p, got, tc.want)
			}
			// The goal it makes is the floor, or p's when that is more.
			goal := max(tc.live*uint64(100+got)/100, least*uint64(got)/100)
			want := max(tc.live*uint64(100+tc.p)/100, least*uint64(tc.p)/100, tc.floor)
			if goal > want+want/100 || goal+goal/100 < want {
				t.Errorf("goal %d, want %d", goal, want)
			}
		})
	}
}

// settings returns the collector's headroom (-1 for off) and memory limit.
func settings() (int, int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int(int64(s[0].Value.Uint64())), int64(s[1].Value.Uint64())
}

// waitFor waits for the cleanup after a collection to set the collector's
// headroom as ok wants it, and fails the test after 10 s.
func waitFor(t *testing.T, ok func(p int) bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if p, _ := settings(); ok(p) {
			return
		}
	}
	p, _ := settings()
	t.Fatalf("headroom %d after a collection", p)
}

// TestRaise checks that a floor raises the headroom at once, with a memory
// limit of twice the floor, and again after collections while the live
// heap is under the floor; that it gives back the headroom and the limit
// once it is not; and that GOGC and GOMEMLIMIT turn the floor off.
func TestRaise(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer Stop()

	t.Run("GOGC set", func(t *testing.T) {
		Stop()
		t.Setenv("GOGC", "200")
		debug.SetGCPercent(200)
		Start(75)
		Raise(1 << 40)
		if p, l := settings(); p != 200 || l != math.MaxInt64 {
			t.Errorf("headroom %d and limit %d under GOGC=200, want 200 and none", p, l)
		}
	})
	t.Run("GOMEMLIMIT set", func(t *testing.T) {
		Stop()
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "1GiB")
		debug.SetMemoryLimit(1 << 30)
		defer debug.SetMemoryLimit(math.MaxInt64)
		Start(75)
		Raise(1 << 40)
		if p, l := settings(); p != 75 || l != 1<<30 {
			t.Errorf("headroom %d and limit %d under GOMEMLIMIT=1GiB, want 75 and 1 GiB", p, l)
		}
	})
	t.Run("floor", func(t *testing.T) {
		Stop()
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		debug.SetGCPercent(100)
		Raise(1 << 40) // before Start: nothing
		if p, l := settings(); p != 100 || l != math.MaxInt64 {
			t.Fatalf("headroom %d and limit %d before Start, want 100 and none", p, l)
		}
		Start(75)
		const floor = 8 << 30
		Raise(floor)
		if p, l := settings(); p <= 75 || l != 2*floor {
			t.Fatalf("headroom %d and limit %d after Raise, want more than 75 and twice the floor", p, l)
		}
		// After a collection the cleanup adjusts the headroom again, to
		// the floor still: the test's heap is far under it.
		debug.SetGCPercent(75)
		runtime.GC()
		waitFor(t, func(p int) bool { return p > 75 })
		Stop()
		if p, l := settings(); p != 75 || l != math.MaxInt64 {
			t.Fatalf("headroom %d and limit %d after Stop, want 75 and none", p, l)
		}
	})
	t.Run("live heap past the floor", func(t *testing.T) {
		Stop()
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		Start(75)
		held := make([]*[1 << 20]byte, 48) // 48 MiB live
		for i := range held {
			held[i] = new([1 << 20]byte)
		}
		runtime.GC()
		Raise(64 << 20) // 48 MiB live: a goal of 84 MiB, past the floor
		if p, l := settings(); p != 75 || l != math.MaxInt64 {
			t.Fatalf("headroom %d and limit %d, want 75 and none", p, l)
		}
		Raise(256 << 20) // under it
		if p, l := settings(); p <= 75 || l != 512<<20 {
			t.Fatalf("headroom %d and limit %d under a floor of 256 MiB, want more than 75 and 512 MiB", p, l)
		}
		held = append(held, make([]*[1 << 20]byte, 112)...) // 160 MiB live: a goal of 280 MiB
		for i := 48; i < len(held); i++ {
			held[i] = new([1 << 20]byte)
		}
		runtime.GC()
		waitFor(t, func(p int) bool { return p == 75 })
		if _, l := settings(); l != math.MaxInt64 {
			t.Errorf("limit %d once past the floor, want none", l)
		}
		runtime.KeepAlive(held)
	})
	t.Run("after Stop, collections change nothing", func(t *testing.T) {
		Stop()
		debug.SetGCPercent(100)
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
		if p, _ := settings(); p != 100 {
			t.Errorf("headroom %d after Stop and a collection, want 100", p)
		}
	})
}

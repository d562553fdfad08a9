//go:build unix

package cputime

import (
	"testing"
	"time"
)

// TestProcessCountsWork checks that the CPU time grows with work done.
func TestProcessCountsWork(t *testing.T) {
	start := Process()
	x := uint64(1)
	for deadline := time.Now().Add(50 * time.Millisecond); time.Now().Before(deadline); {
		for range 1000 {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	if got := Process(); got <= start {
		t.Errorf("CPU time went from %v to %v over 50 ms of work (x %d)", start, got, x)
	}
}

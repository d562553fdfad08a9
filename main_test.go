package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that herald sets the collector's headroom, and leaves
// it to GOGC when that is set.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		gogc string
		want int
	}{
		{"", gcPercent},
		{"200", 100}, // as the test set it: herald leaves it
	} {
		t.Setenv("GOGC", tc.gogc)
		debug.SetGCPercent(100)
		tuneGC()
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("GOGC=%q: the headroom is %d, want %d", tc.gogc, got, tc.want)
		}
	}
}

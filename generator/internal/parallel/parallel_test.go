package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestForRunsEveryItemOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		var seen [57]atomic.Int32
		var maxW atomic.Int32
		err := For(context.Background(), len(seen), workers, func(w, i int) {
			seen[i].Add(1)
			for {
				m := maxW.Load()
				if int32(w) <= m || maxW.CompareAndSwap(m, int32(w)) {
					break
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Errorf("workers %d: item %d ran %d times", workers, i, n)
			}
		}
		if workers > 0 && int(maxW.Load()) >= workers {
			t.Errorf("workers %d: a goroutine numbered %d", workers, maxW.Load())
		}
	}
}

func TestForStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := For(ctx, 1000, 2, func(w, i int) {
		if ran.Add(1) == 10 {
			cancel()
		}
	})
	if err == nil || ran.Load() >= 1000 {
		t.Errorf("err = %v after %d items; want it to stop early", err, ran.Load())
	}
}

func TestForNoItems(t *testing.T) {
	if err := For(context.Background(), 0, 4, func(w, i int) { t.Error("called") }); err != nil {
		t.Fatal(err)
	}
}

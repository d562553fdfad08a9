package reuse

import (
	"bytes"
	"runtime"
	"testing"
)

func TestList(t *testing.T) {
	made := 0
	l := New(2, func() *bytes.Buffer { made++; return new(bytes.Buffer) },
		func(b *bytes.Buffer) bool { b.Reset(); return b.Cap() <= 64 })
	a, b, c := l.Get(), l.Get(), l.Get()
	if made != 3 {
		t.Fatalf("made %d buffers for three Gets on an empty list, want 3", made)
	}
	a.WriteString("kept")
	big := bytes.Repeat([]byte("x"), 100)
	c.Write(big)
	l.Put(a)
	l.Put(b)
	l.Put(c) // too large, and the list is full
	runtime.GC()
	runtime.GC() // a sync.Pool would be empty now
	for i, want := range []*bytes.Buffer{a, b} {
		got := l.Get()
		if got != want {
			t.Errorf("Get %d after two collections: a new buffer, want the one put back", i)
		}
		if got.Len() != 0 {
			t.Errorf("Get %d: a buffer holding %q, want it reset", i, got.String())
		}
	}
	if made != 3 {
		t.Errorf("made %d buffers, want 3", made)
	}
	if got := l.Get(); got == c || made != 4 {
		t.Errorf("the buffer over the size limit was kept (made %d)", made)
	}
}

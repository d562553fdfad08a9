//go:build linux

package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestHugePlan(t *testing.T) {
	const (
		madvise = "always [madvise] never\n"
		always  = "[always] madvise never\n"
		never   = "always madvise [never]\n"
		pmd     = "2097152\n"
	)
	for _, tc := range []struct {
		name                  string
		godebug               string
		enabled, size, commit string
		limitedAS             bool
		want                  uintptr
	}{
		{name: "madvise", enabled: madvise, size: pmd, commit: "0\n", want: 2 << 20},
		{name: "always", enabled: always, size: pmd, commit: "1\n", want: 2 << 20},
		{name: "never", enabled: never, size: pmd, commit: "0\n"},
		{name: "no transparent huge pages", size: pmd, commit: "0\n"},
		{name: "disablethp", godebug: "gctrace=0,disablethp=1", enabled: madvise, size: pmd, commit: "0\n"},
		{name: "disablethp=0", godebug: "disablethp=0", enabled: madvise, size: pmd, commit: "0\n", want: 2 << 20},
		{name: "strict overcommit", enabled: madvise, size: pmd, commit: "2\n"},
		{name: "limited address space", enabled: madvise, size: pmd, commit: "0\n", limitedAS: true},
		{name: "huge pages of 512 MB", enabled: madvise, size: "536870912\n", commit: "0\n"},
		{name: "a size that is no power of two", enabled: madvise, size: "3000000\n", commit: "0\n"},
		{name: "no size", enabled: madvise, commit: "0\n"},
	} {
		got, ok := hugePlan(tc.godebug, []byte(tc.enabled), []byte(tc.size), []byte(tc.commit), tc.limitedAS)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("%s: hugePlan = %d, %v; want %d, %v", tc.name, got, ok, tc.want, tc.want != 0)
		}
	}
}

// TestAdviseHugePages checks, where the kernel gives huge pages to memory
// that asks, that adviseHugePages touches none of its reserve, and that the
// heap then grows in huge pages.
func TestAdviseHugePages(t *testing.T) {
	if raceEnabled {
		t.Skip("a race build asks for no huge pages (hugepages_race.go)")
	}
	enabled, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	size, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
	commit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if _, ok := hugePlan(os.Getenv("GODEBUG"), enabled, size, commit, false); !ok {
		t.Skipf("this system gives no huge pages to memory that asks (transparent_hugepage/enabled: %q)", bytes.TrimSpace(enabled))
	}
	faults := func() int64 {
		var u syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
			t.Fatal(err)
		}
		return int64(u.Minflt)
	}
	before := faults()
	adviseHugePages()
	// It takes some hundreds of pages for the runtime's own records; 64
	// MiB in 4 kB pages is 16,384.
	touched := faults() - before
	t.Logf("adviseHugePages touched %d pages", touched)
	if touched > 16384 {
		t.Fatalf("adviseHugePages touched its reserve: %d pages", touched)
	}
	huge := memField(t, "/proc/self/smaps_rollup", "AnonHugePages")
	const n = 64 << 20
	b := make([]byte, n)
	for i := 0; i < n; i += 4096 {
		b[i] = 1
	}
	// A quarter: the kernel falls back to small pages when it finds no
	// free huge one, which a machine short of memory may not have; the
	// runtime's own records, which it advises itself, are far smaller.
	if got := memField(t, "/proc/self/smaps_rollup", "AnonHugePages") - huge; got < n/4 {
		t.Errorf("of %d MiB of new heap, %d MiB are in huge pages; want %d MiB or more", n>>20, got>>20, n>>22)
	}
	_ = b[0]
}

// memField returns a field of a /proc file in bytes, as "Name:  123 kB".
func memField(t *testing.T, file, name string) int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		v, ok := strings.CutPrefix(s.Text(), name+":")
		if !ok {
			continue
		}
		kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		if err != nil {
			t.Fatalf("%s: %q: %v", file, s.Text(), err)
		}
		return kb << 10
	}
	t.Fatalf("%s has no %s", file, name)
	return 0
}

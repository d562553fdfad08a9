//go:build unix

package search_test

import (
	"syscall"
	"time"
)

// cpu returns the CPU time of the process so far, user and system.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

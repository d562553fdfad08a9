// Package cputime tells the CPU time a process has used, which the
// benchmarks report beside their wall time: on a machine shared with
// others, the wall time of work spread over the cores varies more than
// the CPU time it takes.
package cputime

import "time"

// Process returns the CPU time of the process so far, user and system,
// or 0 where it is not at hand.
func Process() time.Duration { return process() }

//go:build linux && race

package main

// raceEnabled tells adviseHugePages that the race detector runs: it keeps a
// shadow of every byte of the heap, which making the reserve writes (half a
// gigabyte, 2 s), so a race build asks for no huge pages.
const raceEnabled = true

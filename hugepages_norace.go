//go:build linux && !race

package main

// raceEnabled tells adviseHugePages that the race detector runs (see
// hugepages_race.go).
const raceEnabled = false

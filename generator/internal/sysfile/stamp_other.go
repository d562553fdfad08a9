//go:build !linux

package sysfile

import "io/fs"

// ChangeTimes reports whether the file system of dir keeps change times
// that every write sets: on this system herald does not know, and says no.
func ChangeTimes(dir string) bool { return false }

// StampOf returns false: see ChangeTimes.
func StampOf(info fs.FileInfo) (Stamp, bool) { return Stamp{}, false }

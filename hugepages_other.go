//go:build !linux

package main

// adviseHugePages does nothing: only Linux is known to give a program's
// memory huge pages when it asks (hugepages_linux.go).
func adviseHugePages() {}

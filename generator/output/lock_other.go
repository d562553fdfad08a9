//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd || windows)

package output

import "os"

// lockFile does nothing where the system has no file locks herald knows.
func lockFile(*os.File) error { return nil }

// unlockFile releases the lock, then removes its file; the removal fails,
// harmlessly, while another build has the file open.
func unlockFile(f *os.File, name string) {
	f.Close()
	os.Remove(name)
}

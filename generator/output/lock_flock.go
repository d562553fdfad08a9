//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package output

import (
	"errors"
	"os"
	"syscall"
)

func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrBusy
	}
	return err
}

// unlockFile removes the lock's file, then releases the lock, in that
// order: a build that takes the lock meanwhile sees that it has the lock of
// a removed file (see Lock).
func unlockFile(f *os.File, name string) {
	os.Remove(name)
	f.Close()
}

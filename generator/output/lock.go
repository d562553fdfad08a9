package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrBusy is Lock's error when another build holds the lock.
var ErrBusy = errors.New("another herald build is writing this output")

// Lock takes the lock of the output folder target, a file beside it
// (".public.herald-lock" for "public"), so that two builds never write the
// same output at once: one would delete the other's temporary folder, or
// swap in half a site. It does not wait: when another build holds the lock
// it returns an error wrapping ErrBusy. The returned function releases the
// lock and removes its file.
func Lock(target string) (unlock func(), err error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, besideError(target, err)
	}
	name := filepath.Join(parent, "."+filepath.Base(target)+".herald-lock")
	// The build that held the lock before may remove its file after this
	// one opened it: the lock is then on a file no longer there, and taking
	// it again, on the new file, is needed.
	for range 3 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, besideError(target, err)
		}
		switch err := lockFile(f); {
		case errors.Is(err, ErrBusy):
			f.Close()
			return nil, busy(target)
		case err != nil:
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() { unlockFile(f, name) }, nil
		}
		f.Close()
	}
	return nil, busy(target)
}

func busy(target string) error { return &BusyError{Target: target} }

// BesideError is Lock's error when it may not write beside the output
// folder Target, in Dir, where the lock and a full build's new folder go (a
// trial: /var/www/html under a root-owned /var/www got "open
// ../www/.html.herald-lock: permission denied", with no word of why).
type BesideError struct {
	Target, Dir string
	Err         error
}

func (e *BesideError) Error() string {
	return fmt.Sprintf("%s: herald may not write beside it, in %s, where it keeps its lock and makes a full build's new folder: %v", e.Target, e.Dir, e.Err)
}

func (e *BesideError) Unwrap() error { return e.Err }

// besideError returns err, an error writing beside target, as a
// *BesideError when it is a refusal of the file system.
func besideError(target string, err error) error {
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return &BesideError{Target: target, Dir: filepath.Dir(target), Err: err}
	}
	return err
}

// BusyError is Lock's error when another build holds the lock of Target;
// it wraps ErrBusy.
type BusyError struct{ Target string }

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s: %v; wait for it to finish, then build again", e.Target, ErrBusy)
}

func (e *BusyError) Unwrap() error { return ErrBusy }

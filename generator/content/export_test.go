package content

import "time"

// SetSettle sets how long before a Load a file must have last changed for
// its stamp to be kept, and returns the function that restores it.
func SetSettle(d time.Duration) (restore func()) {
	old := settle
	settle = d
	return func() { settle = old }
}

//go:build !linux

package build_test

import "errors"

// setImmutable is only for Linux, where CI runs as root.
func setImmutable(string, bool) error { return errors.ErrUnsupported }

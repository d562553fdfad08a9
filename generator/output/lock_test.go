package output_test

import (
	"errors"
	"os"
	"runtime"
	"testing"

	"herald/generator/output"
)

// TestLockBeside checks the error when herald may not write beside the
// output folder, where the lock goes: it names the folder, for the command
// to say what to make writable (a trial: a bare "permission denied"). The
// kernel's /sys refuses everyone, root too, which the test runs as in CI.
func TestLockBeside(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux's /sys")
	}
	if _, err := os.Stat("/sys/kernel"); err != nil {
		t.Skip("no /sys:", err)
	}
	_, err := output.Lock("/sys/herald-test/public")
	var be *output.BesideError
	if !errors.As(err, &be) || be.Dir != "/sys/herald-test" || be.Target != "/sys/herald-test/public" || !errors.Is(err, os.ErrPermission) {
		t.Errorf("Lock: %v (%T), want a BesideError naming /sys/herald-test", err, err)
	}
}

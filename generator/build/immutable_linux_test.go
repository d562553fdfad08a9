package build_test

import (
	"os"

	"golang.org/x/sys/unix"
)

// fsImmutable is FS_IMMUTABLE_FL of <linux/fs.h>, which x/sys/unix does
// not name.
const fsImmutable = 0x10

// setImmutable sets or clears the immutable flag of the file or folder at
// p, as chattr +i and -i do: while it is set, no one, root included, can
// remove, rename or add entries of a folder. Setting it needs
// CAP_LINUX_IMMUTABLE and a file system that keeps the flag.
func setImmutable(p string, on bool) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return err
	}
	want := flags &^ fsImmutable
	if on {
		want |= fsImmutable
	}
	if want == flags {
		return nil
	}
	return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(want))
}

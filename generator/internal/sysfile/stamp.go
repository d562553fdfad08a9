package sysfile

// Stamp is what the system tells of a file, without reading it, that
// changes whenever its bytes do, on a file system that keeps change times
// (ChangeTimes): the change time is set by the kernel to the present on
// every write, and no program can set it to anything else. The size and
// modification time alone are not enough: copies and archives keep both
// through an edit. git's index trusts the same fields.
type Stamp struct {
	Dev, Ino     uint64
	Size         int64
	MTime, CTime int64 // nanoseconds since 1970
}

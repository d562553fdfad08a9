// Package sysfile reads and writes whole files with as few system calls as
// the system allows. A build reads some ten thousand stories and writes as
// many pages; package os spends five system calls per file beyond opening,
// reading or writing and closing it (four fcntl and an epoll_ctl, to learn
// that a regular file cannot be polled), which at 10,000 stories is over
// a hundred thousand calls. On Unix this package opens, reads or writes,
// and closes, nothing else; elsewhere it is package os.
package sysfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS returns the file system of the folder dir, as os.DirFS does, whose
// ReadFile is this package's.
func DirFS(dir string) fs.FS { return dirFS{os.DirFS(dir).(osDirFS), dir} }

// osDirFS is what os.DirFS returns.
type osDirFS interface {
	fs.ReadFileFS
	fs.ReadDirFS
	fs.StatFS
}

type dirFS struct {
	osDirFS
	dir string
}

// ReadFile reads the named file, as os.DirFS's ReadFile does.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := ReadFile(filepath.Join(d.dir, filepath.FromSlash(name)))
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name // as os.DirFS does: the name the caller gave
	}
	return data, err
}

// Bare returns the error of a failed file operation without the operation
// and the path it names, for a message that names the file already: "no
// such file or directory", not "open content/a.md: no such file or
// directory".
func Bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

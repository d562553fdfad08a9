//go:build unix

package sysfile

import (
	"io"
	"io/fs"
	"syscall"
)

// ReadFile reads the file name, as os.ReadFile does.
func ReadFile(name string) ([]byte, error) {
	fd, err := open(name, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size, whole := 512, -1
	if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size > 0 && st.Size < 1<<40 {
		// A regular file is read to its size, without the read that
		// would find its end: a file that grows meanwhile could grow
		// after that read as well.
		size, whole = int(st.Size), int(st.Size)
	}
	data := make([]byte, 0, size)
	for len(data) != whole {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return data, nil
		}
		data = data[:len(data)+n]
	}
	return data, nil
}

// WriteFile writes data to the file name, creating it with permissions
// 0644 (before the umask) or truncating it, as os.WriteFile does.
func WriteFile(name string, data []byte) error {
	return write(name, data, syscall.O_TRUNC)
}

// CreateFile writes data to a new file name, created with permissions
// 0644 (before the umask); an error that wraps fs.ErrExist if there is a
// file of that name already, which it leaves as it is.
func CreateFile(name string, data []byte) error {
	return write(name, data, syscall.O_EXCL)
}

// write writes data to the file name, opened to write with O_CREAT and
// flag.
func write(name string, data []byte, flag int) error {
	fd, err := open(name, syscall.O_WRONLY|syscall.O_CREAT|flag, 0o644)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func open(name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flags|syscall.O_CLOEXEC, perm)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

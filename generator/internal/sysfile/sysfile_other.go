//go:build !unix

package sysfile

import "os"

// ReadFile reads the file name: os.ReadFile.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile writes data to the file name, creating it with permissions
// 0644 or truncating it: os.WriteFile.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// CreateFile writes data to a new file name, created with permissions
// 0644; an error that wraps fs.ErrExist if there is a file of that name
// already, which it leaves as it is.
func CreateFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

//go:build !unix

package sysfile

import "os"

// ReadFile reads the file name: os.ReadFile.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile writes data to the file name, creating it with permissions
// 0644 or truncating it: os.WriteFile.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

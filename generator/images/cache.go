package images

import (
	"io/fs"
	"sync"
	"time"
)

// Cache remembers probed sizes. The zero Cache is ready to use. It is safe
// for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry // by name; one entry per file, replaced when the file changes
}

// cacheEntry is a probed size and the file it was probed from.
type cacheEntry struct {
	bytes   int64
	modTime time.Time
	size    Size
	checked bool // by Check, not only Probe
}

// Probe returns the size of the image name in fsys, as [Probe] does,
// reading the file only if its size or modification time changed since the
// Cache last probed it. Errors are not remembered.
func (c *Cache) Probe(fsys fs.FS, name string) (Size, error) {
	return c.get(fsys, name, false)
}

// Check returns the size of the image name in fsys, as [Check] does,
// checking the file only if its size or modification time changed since
// the Cache last checked it. Errors are not remembered.
func (c *Cache) Check(fsys fs.FS, name string) (Size, error) {
	return c.get(fsys, name, true)
}

// get is Probe, or Check when check is true.
func (c *Cache) get(fsys fs.FS, name string, check bool) (Size, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Size{}, err
	}
	c.mu.Lock()
	e, ok := c.entries[name]
	c.mu.Unlock()
	if ok && e.bytes == info.Size() && e.modTime.Equal(info.ModTime()) && (e.checked || !check) {
		return e.size, nil
	}
	read := Probe
	if check {
		read = Check
	}
	size, err := read(fsys, name)
	if err != nil {
		return Size{}, err
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]cacheEntry{}
	}
	c.entries[name] = cacheEntry{bytes: info.Size(), modTime: info.ModTime(), size: size, checked: check}
	c.mu.Unlock()
	return size, nil
}

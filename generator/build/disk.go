package build

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"herald/generator/content"
	"herald/generator/gcfloor"
	"herald/generator/internal/sysfile"
	"herald/generator/search"
)

// CacheDir is the folder, in the site's folder, where herald build keeps
// what the next build can reuse: every doc's front matter, parsed, and its
// Markdown, converted, but for the HTML, which the few pages an update
// writes convert again. A CI job that keeps it between runs (with the
// output folder) updates the output instead of building it afresh.
const CacheDir = ".herald/cache"

// cacheName is the cache's file in its folder. Before its records were
// herald's own (records.go), they were gob's, in build.gob, which a save
// removes.
const (
	cacheName    = "build.cache"
	oldCacheName = "build.gob"
)

// The cache's file is: the xxHash of the records, their offset and their
// length, each 8 bytes little-endian (cacheHeadLen); the plain texts of
// the conversions; then the records (records.go): the buildID of the
// herald that wrote them (a cache written by another is not read further),
// the time zone the docs were read in, the number of records, a
// cacheRecord for each doc, and an index of where chunks of them start.
// A build writes the texts as it converts the docs, not held in memory
// until it saves (45 MB at 10,000 stories), and the records when it
// saves. A text is read only when a build asks for it (most updates ask
// for one or none), and checked against its hash
// (markdown.Result.TextHash).
//
// cacheRecord is a doc's path, the doc as read and its conversion, either
// of which may be missing.
type cacheRecord struct {
	Path    string
	Doc     *content.Entry
	MD      *mdEntry // its Res without its Text
	TextAt  int64    // where the Text lies in the file
	TextLen int
}

// cacheHeadLen is the length of the head of the cache's file.
const cacheHeadLen = 24

// heapPerRecordByte is the floor of the heap (gcfloor) for each byte of a
// cache's records, read from disk, up to maxHeapFloor. A build that reads
// them holds the site's model from its start to its end: an update after
// one edit, at 10,000 stories, 11 MB of records, ends with 66–70 MiB live,
// and collected eight times on its way there while Go's goal grew from 4
// MiB, for some 60 ms of its 0.5 s of CPU. With a floor of ten times the
// records it collects once or never: measured in rounds of five updates
// by each program, 0.28–0.34 s against 0.31–0.39 s, with peaks of 150 MiB
// against 121 MiB. A cold build reads no records and keeps Go's own goal,
// and its lower peak.
const heapPerRecordByte = 10

// maxHeapFloor bounds the floor: memory touched for the first time costs
// more than the collections it saves, past the first gigabyte of the heap
// most of all, which alone grows in huge pages (hugepages_linux.go). At
// 100,000 stories, 112 MB of records, a floor of ten times took an update
// to a peak of 1,127–1,162 MiB, in 3.88–5.83 s, where Go's own goal
// peaked near 800 MiB.
const maxHeapFloor = 256 << 20

// streamTexts tells that a build writes each text to the cache's next file
// as it converts the doc, and reads it from there when asked for. Not on
// Windows, where a file held open cannot be renamed: the texts stay in
// memory until the save writes them.
const streamTexts = runtime.GOOS != "windows"

// openCache returns a cache that save writes to the folder dir, holding
// what the previous build saved there when read is true. A cache that is
// missing, damaged or written by another herald reads as empty: it is
// never more than a shortcut. It is read on its own goroutine, while the
// build reads the site's files; every use of it waits for that. It returns
// nil when this program cannot name itself (buildID), and so cannot tell
// its own caches.
func openCache(dir string, read bool) *Cache {
	id := buildID()
	if id == "" {
		return nil
	}
	c := NewCache()
	c.content.Bodiless = true
	c.disk = filepath.Join(dir, cacheName)
	if !read {
		return c
	}
	loaded := make(chan struct{})
	c.loaded = loaded
	c.content.Await(loaded)
	go func() {
		defer close(loaded)
		if tz, docs, md, texts, at, size, ok := readCache(c.disk, id); ok {
			c.content.Import(tz, docs)
			c.md, c.read = md, true
			c.texts, c.textsAt, c.textsLen = texts, at, size
			c.allTexts = sync.OnceValues(c.readTexts)
		}
	}()
	return c
}

// await waits until the cache is read from disk, if it is.
func (c *Cache) await() {
	if c.loaded != nil {
		<-c.loaded
	}
}

// readCache reads the cache file at p, written by the herald named id. It
// returns the reader of its texts, which lie at offset at for size bytes:
// the file, left open, or on Windows, where a file held open cannot be
// replaced, its texts in memory.
func readCache(p, id string) (tz string, docs map[string]content.Entry, md map[string]mdEntry, texts io.ReaderAt, at, size int64, ok bool) {
	f, err := os.Open(p)
	if err != nil {
		return "", nil, nil, nil, 0, 0, false
	}
	defer func() {
		if !ok || texts != io.ReaderAt(f) {
			f.Close()
		}
	}()
	var head [cacheHeadLen]byte
	info, err := f.Stat()
	if err != nil || info.Size() < cacheHeadLen {
		return "", nil, nil, nil, 0, 0, false
	}
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return "", nil, nil, nil, 0, 0, false
	}
	sum := binary.LittleEndian.Uint64(head[:])
	recordsAt, records := binary.LittleEndian.Uint64(head[8:]), binary.LittleEndian.Uint64(head[16:])
	if recordsAt < cacheHeadLen || recordsAt > uint64(info.Size()) || records != uint64(info.Size())-recordsAt {
		return "", nil, nil, nil, 0, 0, false
	}
	// The records, read whole into one string that the records' strings
	// are slices of, and checked before they are decoded. The texts have
	// each their own hash.
	var recs strings.Builder
	recs.Grow(int(records))
	h := xxhash.New()
	if n, err := io.Copy(io.MultiWriter(&recs, h), io.NewSectionReader(f, int64(recordsAt), int64(records))); err != nil || n != int64(records) || h.Sum64() != sum {
		return "", nil, nil, nil, 0, 0, false
	}
	if writtenBy(recs.String(), id) {
		// Records this build will use, not another herald's (a build
		// after an upgrade is cold).
		gcfloor.Raise(min(heapPerRecordByte*records, maxHeapFloor))
	}
	tz, all, ok := readRecords(recs.String(), id)
	if !ok {
		return "", nil, nil, nil, 0, 0, false // damaged, or another herald's: nothing of it is used
	}
	docs, md = make(map[string]content.Entry, len(all)), make(map[string]mdEntry, len(all))
	for _, r := range all {
		if r.Doc != nil {
			if r.Doc.Doc == nil || r.Doc.Doc.Path != r.Path {
				return "", nil, nil, nil, 0, 0, false
			}
			docs[r.Path] = *r.Doc
		}
		if r.MD != nil {
			if r.MD.Res == nil || r.TextLen < 0 || r.TextLen > 0 && (r.TextAt < cacheHeadLen || r.TextAt > int64(recordsAt)-int64(r.TextLen)) {
				return "", nil, nil, nil, 0, 0, false
			}
			e := *r.MD
			e.textAt, e.textLen = r.TextAt, r.TextLen
			md[r.Path] = e
		}
	}
	at, size = cacheHeadLen, int64(recordsAt)-cacheHeadLen
	if streamTexts {
		return tz, docs, md, f, at, size, true
	}
	inMemory := make([]byte, recordsAt)
	if _, err := f.ReadAt(inMemory[at:], at); err != nil {
		return "", nil, nil, nil, 0, 0, false
	}
	return tz, docs, md, bytes.NewReader(inMemory), at, size, true
}

// textsAtOnce is how many texts a build reads from the cache one by one
// before it reads them all at once: a build that indexes every story
// afresh asks for all of them, and 10,000 reads cost it a second.
var textsAtOnce int64 = 256

// text returns the plain text of a conversion, from memory or from the
// cache's file, checked against its hash.
func (c *Cache) text(e mdEntry) (string, error) {
	if e.textLen == 0 {
		return e.Res.Text, nil
	}
	c.mu.Lock()
	texts := c.texts
	var t string
	var err error
	if e.inNext {
		t, err = c.nextText(e.textAt, e.textLen)
	}
	c.mu.Unlock()
	switch {
	case err != nil:
		return "", err
	case e.inNext:
	case texts == nil:
		return "", errors.New("the build cache is closed")
	case c.textReads.Add(1) > textsAtOnce:
		all, err := c.allTexts()
		if err != nil {
			return "", err
		}
		t = all[e.textAt-c.textsAt:][:e.textLen]
	default:
		return readText(texts, e)
	}
	return checkText(t, e)
}

// readText reads the text of e alone from the file texts, checked against
// its hash.
func readText(texts io.ReaderAt, e mdEntry) (string, error) {
	t, err := readAt(texts, e.textAt, e.textLen)
	if err != nil {
		return "", err
	}
	return checkText(t, e)
}

// readAt reads the n bytes at at of f.
func readAt(f io.ReaderAt, at int64, n int) (string, error) {
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, at); err != nil {
		return "", err
	}
	return string(buf), nil
}

// checkText returns t, the text of e, if it matches e's hash.
func checkText(t string, e mdEntry) (string, error) {
	if xxhash.Sum64String(t) != e.Res.TextHash {
		return "", errors.New("a text in the build cache does not match its hash")
	}
	return t, nil
}

// readTexts reads all the texts of the cache's file into one string.
func (c *Cache) readTexts() (string, error) {
	var b strings.Builder
	b.Grow(int(c.textsLen))
	n, err := io.Copy(&b, io.NewSectionReader(c.texts, c.textsAt, c.textsLen))
	if err == nil && n != c.textsLen {
		err = errors.New("the build cache was cut short during the build")
	}
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// close closes the cache's files, once the build is done with it, and
// removes the next one if no save renamed it into place.
func (c *Cache) close() {
	if c == nil {
		return
	}
	c.await()
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.texts.(*os.File); ok {
		f.Close()
	}
	c.texts = nil
	if c.next != nil {
		c.next.Close()
		if !c.nextSaved {
			os.Remove(c.next.Name())
		}
		c.next, c.nextBuf, c.ahead = nil, nil, nil
	}
}

// nextChunk is how many bytes of texts the cache's next file is written
// and read by: a write or a read of each text, ten thousand, cost a build
// half a second of system time.
const nextChunk = 1 << 20

// appendText adds t at the end of the cache's next file, which it makes
// when there is none. It returns where t lies, or false when the file
// cannot be made or written.
func (c *Cache) appendText(t string) (at int64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.nextFile(); err != nil {
		return 0, false
	}
	at = c.nextEnd
	c.nextBuf = append(c.nextBuf, t...)
	c.nextEnd += int64(len(t))
	if len(c.nextBuf) >= nextChunk {
		c.flushNext()
	}
	return at, c.nextErr == nil
}

// flushNext writes the texts appended since it last did to the next file.
// Texts it cannot write stay where they are, read from there; no more are
// appended. c.mu is held.
func (c *Cache) flushNext() error {
	if c.nextErr == nil && len(c.nextBuf) > 0 {
		if _, err := c.next.WriteAt(c.nextBuf, c.nextEnd-int64(len(c.nextBuf))); err != nil {
			c.nextErr = err
			return err
		}
		c.nextBuf = c.nextBuf[:0]
	}
	return c.nextErr
}

// nextText returns the n bytes at at of the cache's next file: from the
// texts not yet written, or from the stretch of the file last read ahead,
// else reading the next stretch; or, for a text before that stretch (the
// texts are written in the order the stories finish converting, about
// the order they are read in), reading the text alone. c.mu is held.
func (c *Cache) nextText(at int64, n int) (string, error) {
	if c.next == nil {
		return "", errors.New("the build cache is closed")
	}
	pending := c.nextEnd - int64(len(c.nextBuf))
	if at >= pending {
		return string(c.nextBuf[at-pending:][:n]), nil
	}
	if at < c.aheadAt {
		return readAt(c.next, at, n)
	}
	if at+int64(n) > c.aheadAt+int64(len(c.ahead)) {
		size := min(max(int64(n), nextChunk), pending-at)
		if int64(cap(c.ahead)) < size {
			c.ahead = make([]byte, size)
		}
		c.ahead = c.ahead[:size]
		if _, err := c.next.ReadAt(c.ahead, at); err != nil {
			c.ahead = c.ahead[:0]
			return "", err
		}
		c.aheadAt = at
	}
	return string(c.ahead[at-c.aheadAt:][:n]), nil
}

// nextFile returns the cache's next file, made if there is none yet: in
// the cache's folder, under another name than the cache's, renamed into
// place by save. c.mu is held.
func (c *Cache) nextFile() (*os.File, error) {
	switch {
	case c.nextErr != nil:
		return nil, c.nextErr
	case c.nextSaved:
		return nil, errors.New("the build cache is saved")
	case c.next != nil:
		return c.next, nil
	}
	dir := filepath.Dir(c.disk)
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		removeStaleTemps(dir)
		c.next, err = os.CreateTemp(dir, cacheName+".*.tmp")
	}
	if err != nil {
		c.nextErr = err
		return nil, err
	}
	c.nextEnd = cacheHeadLen
	return c.next, nil
}

// saveAfter is how many docs the builds since a cache was saved must have
// parsed or converted (or half the docs, in a small site) for the next to
// save it again. Until then each build parses and converts those docs
// again, which at a few milliseconds each costs less than writing the
// cache (0.3 to 0.5 s at 10,000 stories).
const saveAfter = 64

// save writes the cache of the docs of paths to its file, when it was not
// read from there or the builds since did enough work (saveAfter). The
// file is written under another name and renamed, so that a build killed
// meanwhile leaves the previous cache, or none, never half of one.
func (c *Cache) save(paths []string) error {
	if c == nil || c.disk == "" {
		return nil
	}
	c.await()
	c.mu.Lock()
	fresh := c.stores + c.content.Puts() // docs with Params are not counted: they are never saved
	md := maps.Clone(c.md)
	c.mu.Unlock()
	if fresh == 0 || c.read && fresh < saveAfter && 2*fresh < len(paths) {
		return nil
	}
	tz, docs := c.content.Export()
	for p, e := range docs {
		if len(e.Doc.Params) > 0 {
			// Keys herald does not know hold values of any type, which gob
			// cannot write without knowing them all: such docs, few, are
			// read again by each build.
			delete(docs, p)
		}
	}
	// The texts not in the next file yet: in memory, or in the file the
	// cache was read from, each read alone (not all at once, as a build
	// that asks for many does: the save needs one at a time). One that
	// cannot be read is left out, and converted again by the next build.
	c.mu.Lock()
	old := c.texts
	c.mu.Unlock()
	records := make([]cacheRecord, 0, len(paths)+1)
	for _, p := range paths {
		r := cacheRecord{Path: p}
		if e, ok := docs[p]; ok {
			r.Doc = &e
		}
		if e, ok := md[p]; ok {
			if e.textLen > 0 && !e.inNext || e.textLen == 0 && e.Res.Text != "" {
				t, err := e.Res.Text, error(nil)
				switch {
				case e.textLen == 0:
				case old == nil:
					err = errors.New("the build cache is closed")
				default:
					t, err = readText(old, e)
				}
				if ok = err == nil; ok {
					e.textAt, ok = c.appendText(t)
					e.textLen, e.inNext = len(t), true
				}
			}
			if ok {
				res := *e.Res // without the HTML (Cache.store) and the text
				res.Text, e.Res = "", &res
				r.MD, r.TextAt, r.TextLen = &e, e.textAt, e.textLen
			}
		}
		if r.Doc != nil || r.MD != nil {
			records = append(records, r)
		}
	}
	c.mu.Lock()
	f, err := c.nextFile()
	if err == nil {
		err = c.flushNext()
	}
	at := c.nextEnd
	c.mu.Unlock()
	if err != nil {
		return err
	}
	// The records, after the texts; then the head, at the start.
	h := xxhash.New()
	ow := io.NewOffsetWriter(f, at)
	err = writeRecords(io.MultiWriter(ow, h), buildID(), tz, records)
	if err == nil {
		n, _ := ow.Seek(0, io.SeekCurrent) // the records' length
		head := binary.LittleEndian.AppendUint64(nil, h.Sum64())
		head = binary.LittleEndian.AppendUint64(head, uint64(at))
		head = binary.LittleEndian.AppendUint64(head, uint64(n))
		_, err = f.WriteAt(head, 0)
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil && !streamTexts {
		// Windows renames no open file; nothing reads the texts from it.
		err = f.Close()
		c.next = nil
	}
	if err == nil {
		err = os.Rename(f.Name(), c.disk)
	}
	if err != nil {
		c.nextErr = err
		if c.next == nil {
			os.Remove(f.Name()) // else close does
		}
		return err
	}
	os.Remove(filepath.Join(filepath.Dir(c.disk), oldCacheName))
	c.nextSaved = true
	return nil
}

// writeCacheFile writes the file name in the cache's folder dir with
// write, under another name renamed when done, so that a build killed
// meanwhile leaves the previous file, or none, never half of one.
func writeCacheFile(dir, name string, write func(*os.File) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	removeStaleTemps(dir)
	f, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return err
	}
	err = errors.Join(write(f), f.Chmod(0o644), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// removeStaleTemps removes the temporary files of saves that a killed build
// left in dir: those older than any save still under way could be.
func removeStaleTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), cacheName+".") && !strings.HasPrefix(e.Name(), keysName+".") || !strings.HasSuffix(e.Name(), ".tmp") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// drop lets go of what the cache holds, for a build that is done with it:
// every story's text, among others, which the site lets go once indexed
// (search.Options.ReleaseText).
func (c *Cache) drop() {
	if c == nil {
		return
	}
	c.await()
	c.mu.Lock()
	c.md = nil
	c.mu.Unlock()
	c.content.Import("", map[string]content.Entry{})
}

// keysName is the file, in the cache's folder, that holds the keys of the
// search index in the output (search.Index.Keys), with a hash of the
// index's manifest: with the index's files, what the next build needs to
// patch the index instead of building it afresh.
const keysName = "search.keys"

// keysFile returns the bytes of the keys file: an xxHash of the rest, then
// this program's buildID (keys hash what one herald indexes), the xxHash
// of the manifest, the number of keys and the keys, little-endian.
func keysFile(manifest []byte, keys []uint64) []byte {
	b := make([]byte, 8, 8+32+8*len(keys))
	b = binary.AppendUvarint(b, uint64(len(buildID())))
	b = append(b, buildID()...)
	b = binary.LittleEndian.AppendUint64(b, xxhash.Sum64(manifest))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	binary.LittleEndian.PutUint64(b, xxhash.Sum64(b[8:]))
	return b
}

// loadPrior returns the search index in the output folder out, for the
// build to patch, when the keys file in the cache folder dir describes it;
// else nil. The index's files are read as they are needed, and checked
// against the hashes in their names (search.Update).
func loadPrior(dir, out string) *search.Prior {
	if buildID() == "" {
		return nil
	}
	data, err := sysfile.ReadFile(filepath.Join(dir, keysName))
	if err != nil || len(data) < 8 || xxhash.Sum64(data[8:]) != binary.LittleEndian.Uint64(data) {
		return nil
	}
	b := data[8:]
	l, k := binary.Uvarint(b)
	if k <= 0 || l > uint64(len(b)-k) || string(b[k:k+int(l)]) != buildID() {
		return nil
	}
	b = b[k+int(l):]
	if len(b) < 8 {
		return nil
	}
	sum := binary.LittleEndian.Uint64(b)
	n, k := binary.Uvarint(b[8:])
	b = b[8+max(k, 0):]
	if k <= 0 || n != uint64(len(b)/8) || len(b)%8 != 0 {
		return nil
	}
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	read := func(p string) ([]byte, error) {
		data, err := sysfile.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err == nil && p == search.ManifestPath && xxhash.Sum64(data) != sum {
			return nil, errors.New("the output's search index is not the one the keys describe")
		}
		return data, err
	}
	return &search.Prior{Keys: keys, Read: read}
}

// saveKeys writes the keys file of ix, which the output now holds, unless
// the file holds them already. Like the cache, it is written under another
// name and renamed.
func saveKeys(dir string, ix *search.Index) error {
	data := keysFile(ix.Files[search.ManifestPath], ix.Keys)
	if old, err := sysfile.ReadFile(filepath.Join(dir, keysName)); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return writeCacheFile(dir, keysName, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

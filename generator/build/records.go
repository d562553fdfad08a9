package build

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"slices"
	"time"

	"herald/generator/content"
	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
	"herald/generator/markdown"
)

// The cache's records are written in a format of herald's own, read back
// as slices of one string that holds them all: gob, which they were written
// in before, took 0.3 s of CPU to read them at 10,000 stories (11 MB), a
// third of an update's time, most of it in reflection and in allocating
// each string apart.
//
// Numbers are varints (signed ones zig-zag), hashes 8 bytes little-endian,
// strings and lists their length then their items, times as
// time.Time.AppendBinary writes them. A record is its path, a byte telling
// which of the doc and the conversion follow, and those. What a record
// leaves out is what the cache drops before it saves: the doc's Body and
// Params (docs with Params are not saved), the source's Body, Pages,
// ImageSize and ImageCopies, and the result's HTML and Text
// (TestRecordFields lists them).

// Records are written after a head: the buildID of the herald that wrote
// them, the time zone the docs were read in, and their number. An index
// follows them: the offset of every chunkRecords-th record, then, in 8
// bytes, the offset of the index, so that a build reads the chunks in
// parallel.
const chunkRecords = 512

// writeRecords writes the records of a cache, by herald id, to out, a
// megabyte at a time.
func writeRecords(out io.Writer, id, tz string, records []cacheRecord) error {
	w := &recordWriter{b: make([]byte, 0, 1<<20)}
	flushed := 0
	flush := func() {
		if w.err == nil {
			_, w.err = out.Write(w.b)
		}
		flushed += len(w.b)
		w.b = w.b[:0]
	}
	w.str(id)
	w.str(tz)
	w.uint(uint64(len(records)))
	var chunks []int
	for i := range records {
		if i%chunkRecords == 0 {
			chunks = append(chunks, flushed+len(w.b))
		}
		w.record(&records[i])
		if len(w.b) >= 1<<20-1<<16 {
			flush()
		}
	}
	index := flushed + len(w.b)
	for _, at := range chunks {
		w.uint(uint64(at))
	}
	w.hash(uint64(index))
	flush()
	return w.err
}

// writtenBy reports whether the records s holds were written by the
// herald named id, as readRecords checks first.
func writtenBy(s, id string) bool { return (&recordReader{s: s}).str() == id }

// readRecords reads the records s holds, as writeRecords wrote them, its
// chunks in parallel, and the time zone they were read in. It returns
// false for records damaged or written by a herald other than id.
func readRecords(s, id string) (tz string, records []cacheRecord, ok bool) {
	head := &recordReader{s: s}
	if head.str() != id {
		return "", nil, false
	}
	tz = head.str()
	n := head.count()
	if head.err != nil || len(s)-head.i < 8 {
		return "", nil, false
	}
	tail := &recordReader{s: s, i: len(s) - 8}
	index := tail.hash()
	if index < uint64(head.i) || index > uint64(len(s)-8) {
		return "", nil, false
	}
	idx := &recordReader{s: s[:len(s)-8], i: int(index)}
	chunks := make([]int, (n+chunkRecords-1)/chunkRecords)
	for i := range chunks {
		at := idx.uint()
		if at > index || i == 0 && at != uint64(head.i) || i > 0 && at <= uint64(chunks[i-1]) {
			return "", nil, false
		}
		chunks[i] = int(at)
	}
	if idx.err != nil || idx.i != len(idx.s) {
		return "", nil, false
	}
	records = make([]cacheRecord, n)
	bad := make([]bool, len(chunks))
	parallel.For(context.Background(), len(chunks), 0, func(_, c int) {
		end := int(index)
		if c+1 < len(chunks) {
			end = chunks[c+1]
		}
		r := &recordReader{s: s[:end], i: chunks[c]}
		for i := c * chunkRecords; i < min(n, (c+1)*chunkRecords); i++ {
			if !r.record(&records[i]) {
				bad[c] = true
				return
			}
		}
		bad[c] = r.i != end
	})
	if slices.Contains(bad, true) {
		return "", nil, false
	}
	return tz, records, true
}

// recordWriter appends records to b. Its first error stays in err.
type recordWriter struct {
	b   []byte
	err error
}

func (w *recordWriter) uint(v uint64)   { w.b = binary.AppendUvarint(w.b, v) }
func (w *recordWriter) int(v int64)     { w.b = binary.AppendVarint(w.b, v) }
func (w *recordWriter) hash(v uint64)   { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *recordWriter) float(v float64) { w.hash(math.Float64bits(v)) }

func (w *recordWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *recordWriter) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// bools writes bs as the bits of one number, the first the lowest.
func (w *recordWriter) bools(bs ...bool) {
	var v uint64
	for i, b := range bs {
		if b {
			v |= 1 << i
		}
	}
	w.uint(v)
}

// time writes t, which fails for an offset from UTC beyond ±22 days.
func (w *recordWriter) time(t time.Time) {
	b, err := t.AppendBinary(w.b)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.b = b
}

// Which parts follow a record's path.
const (
	recordDoc = 1 << iota
	recordMD
)

// record appends r.
func (w *recordWriter) record(r *cacheRecord) {
	w.str(r.Path)
	var parts uint64
	if r.Doc != nil {
		parts |= recordDoc
	}
	if r.MD != nil {
		parts |= recordMD
	}
	w.uint(parts)
	if e := r.Doc; e != nil {
		w.int(e.Size)
		w.time(e.ModTime)
		s := e.Stamp
		w.uint(s.Dev)
		w.uint(s.Ino)
		w.int(s.Size)
		w.int(s.MTime)
		w.int(s.CTime)
		w.hash(e.Hash)
		w.str(e.Zone)
		w.doc(e.Doc)
	}
	if e := r.MD; e != nil {
		w.hash(e.Hash)
		w.str(e.Src.File)
		w.int(int64(e.Src.Line))
		w.str(e.Src.BasePath)
		w.str(e.Src.Dir)
		w.str(e.Src.SourceDir)
		w.bools(e.Unsafe)
		w.uint(uint64(len(e.Links)))
		for k, v := range e.Links {
			w.str(k)
			w.str(v)
		}
		w.result(e.Res)
		w.int(r.TextAt)
		w.int(int64(r.TextLen))
	}
}

func (w *recordWriter) doc(d *content.Doc) {
	w.str(d.Path)
	w.int(int64(d.Kind))
	w.bools(d.Bundle, d.Draft)
	w.strs(d.Resources)
	w.int(d.Size)
	w.str(d.Title)
	w.time(d.Date)
	w.str(d.Branch)
	w.str(d.Category)
	w.strs(d.Tags)
	w.strs(d.Authors)
	w.str(d.Summary)
	w.str(d.Slug)
	w.str(d.Cover)
	w.uint(uint64(len(d.Achievements)))
	for _, a := range d.Achievements {
		w.str(a.Label)
		w.float(a.Value)
		w.str(a.Unit)
		w.int(int64(a.Line))
	}
	w.uint(uint64(len(d.Lines)))
	for k, v := range d.Lines {
		w.str(k)
		w.int(int64(v))
	}
	w.hash(d.BodyHash)
	w.int(int64(d.BodyLine))
}

func (w *recordWriter) result(r *markdown.Result) {
	w.hash(r.Hash)
	w.hash(r.TextHash)
	w.str(r.Summary)
	w.int(int64(r.ReadingTime))
	w.int(int64(r.Chars))
	w.int(int64(r.Words))
	w.uint(uint64(len(r.Headings)))
	for _, h := range r.Headings {
		w.int(int64(h.Level))
		w.str(h.ID)
		w.str(h.Text)
	}
	w.uint(uint64(len(r.Links)))
	for _, l := range r.Links {
		w.int(int64(l.Line))
		w.str(l.Dest)
		w.str(l.Path)
		w.bools(l.Image, l.External, l.Local, l.Broken, l.Spaced)
		w.str(l.Markdown)
		w.str(l.Fix)
		w.int(int64(l.Width))
		w.int(int64(l.Height))
		w.uint(uint64(len(l.Copies)))
		for _, c := range l.Copies {
			w.str(c.Path)
			w.int(int64(c.Width))
		}
	}
	w.uint(uint64(len(r.Pasted)))
	for _, p := range r.Pasted {
		w.int(int64(p.Line))
		w.uint(uint64(p.Kind))
		w.str(p.Text)
		w.str(p.Fix)
	}
}

// errRecords is a recordReader's error: the records are damaged, or were
// written by another version of this code.
var errRecords = errors.New("damaged records")

// recordReader reads records from s, whose strings it returns as slices
// of s. After the first error it returns zero values, and err says so.
type recordReader struct {
	s   string
	i   int
	err error
}

func (r *recordReader) fail() { r.err, r.i = errRecords, len(r.s) }

func (r *recordReader) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.i >= len(r.s) {
			break
		}
		c := r.s[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *recordReader) int() int64 {
	u := r.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// small reads a number that must fit in an int: a line, a count of
// characters.
func (r *recordReader) small() int {
	v := r.int()
	if int64(int(v)) != v {
		r.fail()
		return 0
	}
	return int(v)
}

// count reads the length of a list whose items take at least a byte each.
func (r *recordReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)-r.i) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *recordReader) hash() uint64 {
	if len(r.s)-r.i < 8 {
		r.fail()
		return 0
	}
	s := r.s[r.i : r.i+8]
	r.i += 8
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func (r *recordReader) float() float64 { return math.Float64frombits(r.hash()) }

func (r *recordReader) str() string {
	n := r.count()
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

// bools reads the flags bools wrote into bs.
func (r *recordReader) bools(bs ...*bool) {
	v := r.uint()
	if v>>len(bs) != 0 {
		r.fail()
		return
	}
	for i, b := range bs {
		*b = v&(1<<i) != 0
	}
}

// strs reads a list of strings.
func (r *recordReader) strs() []string {
	return readList(r, func(s *string) { *s = r.str() })
}

// readList reads a list, each item with item; an empty one is nil, as gob
// gave it.
func readList[T any](r *recordReader, item func(*T)) []T {
	n := r.count()
	if n == 0 {
		return nil
	}
	list := make([]T, n)
	for i := range list {
		item(&list[i])
	}
	return list
}

// readMap reads a map of strings to values, each read with value; an empty
// one is nil, as gob gave it.
func readMap[V any](r *recordReader, value func() V) map[string]V {
	n := r.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]V, n)
	for range n {
		k := r.str()
		m[k] = value()
	}
	return m
}

// time reads what time.Time.AppendBinary wrote: a version byte, then 14
// bytes, then 1 more with version 2 (seconds of an offset).
func (r *recordReader) time() time.Time {
	n := 15
	if r.i < len(r.s) && r.s[r.i] == 2 {
		n = 16
	}
	if len(r.s)-r.i < n {
		r.fail()
		return time.Time{}
	}
	var t time.Time
	if t.UnmarshalBinary([]byte(r.s[r.i:r.i+n])) != nil {
		r.fail()
		return time.Time{}
	}
	r.i += n
	return t
}

// record reads a record. It returns false, and r.err, for damaged bytes.
func (r *recordReader) record(c *cacheRecord) bool {
	c.Path = r.str()
	parts := r.uint()
	if parts&^(recordDoc|recordMD) != 0 {
		r.fail()
	}
	if parts&recordDoc != 0 && r.err == nil {
		e := &content.Entry{Size: r.int(), ModTime: r.time()}
		e.Stamp = sysfile.Stamp{Dev: r.uint(), Ino: r.uint(), Size: r.int(), MTime: r.int(), CTime: r.int()}
		e.Hash = r.hash()
		e.Zone = r.str()
		e.Doc = r.doc()
		c.Doc = e
	}
	if parts&recordMD != 0 && r.err == nil {
		e := &mdEntry{Hash: r.hash()}
		e.Src.File = r.str()
		e.Src.Line = r.small()
		e.Src.BasePath = r.str()
		e.Src.Dir = r.str()
		e.Src.SourceDir = r.str()
		r.bools(&e.Unsafe)
		e.Links = readMap(r, r.str)
		e.Res = r.result()
		c.MD = e
		c.TextAt = r.int()
		c.TextLen = r.small()
	}
	return r.err == nil
}

func (r *recordReader) doc() *content.Doc {
	d := &content.Doc{Path: r.str(), Kind: content.Kind(r.small())}
	r.bools(&d.Bundle, &d.Draft)
	d.Resources = r.strs()
	d.Size = r.int()
	d.Title = r.str()
	d.Date = r.time()
	d.Branch = r.str()
	d.Category = r.str()
	d.Tags = r.strs()
	d.Authors = r.strs()
	d.Summary = r.str()
	d.Slug = r.str()
	d.Cover = r.str()
	d.Achievements = readList(r, func(a *content.Achievement) {
		a.Label = r.str()
		a.Value = r.float()
		a.Unit = r.str()
		a.Line = r.small()
	})
	d.Lines = readMap(r, r.small)
	d.BodyHash = r.hash()
	d.BodyLine = r.small()
	return d
}

func (r *recordReader) result() *markdown.Result {
	res := &markdown.Result{NoHTML: true, Hash: r.hash(), TextHash: r.hash(), Summary: r.str()}
	res.ReadingTime = r.small()
	res.Chars = r.small()
	res.Words = r.small()
	res.Headings = readList(r, func(h *markdown.Heading) {
		h.Level = r.small()
		h.ID = r.str()
		h.Text = r.str()
	})
	res.Links = readList(r, func(l *markdown.Link) {
		l.Line = r.small()
		l.Dest = r.str()
		l.Path = r.str()
		r.bools(&l.Image, &l.External, &l.Local, &l.Broken, &l.Spaced)
		l.Markdown = r.str()
		l.Fix = r.str()
		l.Width = r.small()
		l.Height = r.small()
		l.Copies = readList(r, func(c *markdown.ImageCopy) {
			c.Path = r.str()
			c.Width = r.small()
		})
	})
	res.Pasted = readList(r, func(p *markdown.Pasted) {
		p.Line = r.small()
		if k := r.uint(); k <= math.MaxUint8 {
			p.Kind = markdown.PastedKind(k)
		} else {
			r.fail()
		}
		p.Text = r.str()
		p.Fix = r.str()
	})
	return res
}

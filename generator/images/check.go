package images

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Check returns what [Probe] does, having also made sure that a JPEG or a
// PNG is whole: that a JPEG's data reach its end marker, and a PNG's chunks
// its end chunk. It reads the header and the last bytes of the file, and
// all of it only when those bytes are not the end (a phone's "motion photo"
// holds a video after its JPEG). It does not decode the pixels: a file
// damaged within them passes, and only [Resize] finds it.
func Check(fsys fs.FS, name string) (Size, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Size{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Size{}, err
	}
	ra, ok := f.(io.ReaderAt)
	n := info.Size()
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			return Size{}, err
		}
		ra, n = bytes.NewReader(data), int64(len(data))
	}
	size, err := probe(io.NewSectionReader(ra, 0, n))
	if err == nil {
		err = whole(ra, n, size.Format)
	}
	if err != nil {
		return Size{}, fmt.Errorf("%s: %w", name, err)
	}
	return size, nil
}

// whole returns an error when the image of the given format in the n
// bytes of ra is cut short; it knows JPEG and PNG.
func whole(ra io.ReaderAt, n int64, format string) error {
	switch format {
	case "jpeg":
		if tail(ra, n, 2, []byte{0xFF, 0xD9}) || jpegEnds(ra, n) {
			return nil
		}
	case "png":
		if tail(ra, n, len(pngEnd), pngEnd) || pngEnds(ra, n) {
			return nil
		}
	default:
		return nil
	}
	return truncated(format)
}

// pngEnd is a PNG's end chunk: length 0, IEND, and its checksum.
var pngEnd = []byte{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}

// tail reports whether the last k bytes of the n of ra are end.
func tail(ra io.ReaderAt, n int64, k int, end []byte) bool {
	if n < int64(k) {
		return false
	}
	b := make([]byte, k)
	_, err := ra.ReadAt(b, n-int64(k))
	return err == nil && bytes.Equal(b, end)
}

// jpegEnds reports whether a JPEG's data, after the segments that come
// before its first scan, reach an end marker (FF D9): its coded data
// never hold one, for an FF there is followed by 00 or a restart marker.
func jpegEnds(ra io.ReaderAt, n int64) bool {
	r := bufio.NewReader(io.NewSectionReader(ra, 2, n-2)) // after the start marker
	for {
		b, err := r.ReadByte()
		if err != nil {
			return false
		}
		if b != 0xFF {
			continue
		}
		m, err := r.ReadByte()
		for err == nil && m == 0xFF { // fill bytes
			m, err = r.ReadByte()
		}
		switch {
		case err != nil:
			return false
		case m == 0xD9:
			return true
		case m == 0x01 || m >= 0xD0 && m <= 0xD8: // markers without a length
			continue
		}
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return false
		}
		if k := int(binary.BigEndian.Uint16(l[:])) - 2; k < 0 {
			return false
		} else if _, err := r.Discard(k); err != nil {
			return false
		}
		if m == 0xDA { // a scan: its coded data follow
			break
		}
	}
	ff := false
	for {
		b, err := r.ReadByte()
		if err != nil {
			return false
		}
		if ff && b == 0xD9 {
			return true
		}
		ff = b == 0xFF
	}
}

// pngEnds reports whether a PNG's chunks, followed from its signature by
// their lengths, reach its end chunk within the file.
func pngEnds(ra io.ReaderAt, n int64) bool {
	var h [8]byte
	for off := int64(8); off+12 <= n; {
		if _, err := ra.ReadAt(h[:], off); err != nil {
			return false
		}
		if string(h[4:]) == "IEND" {
			return true
		}
		off += 12 + int64(binary.BigEndian.Uint32(h[:4]))
	}
	return false
}

// NameFormat returns the format an image's name gives it by its
// extension, in any case: "jpeg" for .jpg, .jpeg, .jpe and .jfif, "png",
// "gif" or "webp"; "" for any other name.
func NameFormat(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jpe", ".jfif":
		return "jpeg"
	case ".png":
		return "png"
	case ".gif":
		return "gif"
	case ".webp":
		return "webp"
	}
	return ""
}

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

// Check returns what [Probe] does, having also made sure that the image is
// whole: that a JPEG's data reach its end marker, a PNG's chunks its end
// chunk, a GIF's blocks its trailer, and that a WebP is as long as its
// header says. For a JPEG or a PNG it reads the header and the last bytes
// of the file, and all of it only when those bytes are not the end (a
// phone's "motion photo" holds a video after its JPEG); a GIF's blocks are
// followed through the file. It does not decode the pixels: a file
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
// bytes of ra is cut short; it knows JPEG, PNG, GIF and WebP.
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
	case "gif":
		if gifEnds(ra, n) {
			return nil
		}
	case "webp":
		if webpEnds(ra, n) {
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

// gifEnds reports whether a GIF's blocks, followed from its header, reach
// its trailer (3B) within the file. Its last byte alone would tell a file
// cut short by chance once in 256.
func gifEnds(ra io.ReaderAt, n int64) bool {
	r := bufio.NewReader(io.NewSectionReader(ra, 0, n))
	var h [13]byte // the header and the logical screen descriptor
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return false
	}
	if h[10]&0x80 != 0 { // a global colour table
		if _, err := r.Discard(3 << (h[10]&7 + 1)); err != nil {
			return false
		}
	}
	for {
		b, err := r.ReadByte()
		if err != nil {
			return false
		}
		switch b {
		case 0x3B: // the trailer
			return true
		case 0x21: // an extension: its label, then its sub-blocks
			if _, err := r.ReadByte(); err != nil {
				return false
			}
		case 0x2C: // an image: its descriptor, colour table and code size, then its sub-blocks
			var d [9]byte
			if _, err := io.ReadFull(r, d[:]); err != nil {
				return false
			}
			if d[8]&0x80 != 0 {
				if _, err := r.Discard(3 << (d[8]&7 + 1)); err != nil {
					return false
				}
			}
			if _, err := r.ReadByte(); err != nil {
				return false
			}
		default:
			return false
		}
		for { // sub-blocks, each led by its length, to one of length 0
			k, err := r.ReadByte()
			if err != nil {
				return false
			}
			if k == 0 {
				break
			}
			if _, err := r.Discard(int(k)); err != nil {
				return false
			}
		}
	}
}

// webpEnds reports whether a WebP file is as long as its RIFF header says.
func webpEnds(ra io.ReaderAt, n int64) bool {
	var h [8]byte // "RIFF" and the length of what follows
	if _, err := ra.ReadAt(h[:], 0); err != nil {
		return false
	}
	return n >= 8+int64(binary.LittleEndian.Uint32(h[4:]))
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

// NotShown returns the name of the format an image's name gives it by its
// extension, in any case, when browsers do not show that format in a page:
// "HEIC" for a phone's .heic photo, "TIFF" for .tif and .tiff, "camera
// raw" for .dng, .cr2 and the like; "" for any other name, those of the
// formats browsers show and names it does not know among them.
func NotShown(name string) string {
	return notShown[strings.ToLower(path.Ext(name))]
}

// notShown maps the extensions of formats browsers do not show to their
// names: image formats of phones, cameras, scanners and editors.
var notShown = map[string]string{
	".heic": "HEIC", ".heif": "HEIF", ".hif": "HEIF",
	".tif": "TIFF", ".tiff": "TIFF",
	".jxl": "JPEG XL",
	".psd": "Photoshop", ".xcf": "GIMP", ".ai": "Illustrator", ".eps": "EPS", ".pdf": "PDF",
	".dng": "camera raw", ".raw": "camera raw", ".cr2": "camera raw", ".cr3": "camera raw", ".nef": "camera raw",
	".arw": "camera raw", ".orf": "camera raw", ".rw2": "camera raw", ".raf": "camera raw",
}

package content

import (
	"bytes"
	"unicode/utf8"

	"herald/generator/diag"
)

// normalize checks that data is UTF-8 text and returns it without a byte
// order mark and with LF line endings. It reports a problem and returns nil
// when the file is empty, binary, UTF-16 (with a byte order mark or without)
// or not UTF-8.
func normalize(file string, data []byte, problems *diag.List) []byte {
	pos := diag.Pos{File: file, Line: 1} // the whole file: editors open it at its first line
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		problems.Errorf(pos, "the file is empty").
			WithHint("a story starts with front matter between two lines of ---, giving its title, date, branch and category")
		return nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || looksUTF16(data):
		problems.Errorf(pos, "the file is UTF-16 text, not UTF-8").
			WithHint("re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8")
		return nil
	case bytes.IndexByte(data, 0) >= 0:
		problems.Errorf(pos, "the file is binary, not Markdown text").
			WithHint("a story is a plain text .md file; images and documents belong beside it with another extension")
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		off := invalidOffset(data)
		pos.Line = 1 + bytes.Count(data[:off], []byte("\n"))
		var p *diag.Problem
		if looksGBK(data[off:]) {
			p = problems.Errorf(pos, "the file is not UTF-8 text: it looks like GBK (GB2312/GB18030)")
		} else {
			p = problems.Errorf(pos, "the file is not UTF-8 text")
		}
		p.WithHint("re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding when saving")
		return nil
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// looksUTF16 reports whether data, which has no byte order mark, looks
// like UTF-16 text: its NUL bytes are the high bytes of ASCII characters,
// so they all fall on the same side of each pair (odd offsets for
// little-endian, even ones for big-endian), and there are many of them, as
// front matter alone gives ("---", "title:"…). A binary file has NULs on
// both sides.
func looksUTF16(data []byte) bool {
	if bytes.IndexByte(data, 0) < 0 {
		return false // the common case, found faster than by counting
	}
	var zeros [2]int // NUL bytes at even and at odd offsets
	for i, c := range data {
		if c == 0 {
			zeros[i%2]++
		}
	}
	units := len(data) / 2
	for side := range 2 {
		if zeros[side] >= max(4, units/8) && zeros[1-side] <= zeros[side]/50 {
			return true
		}
	}
	return false
}

// invalidOffset returns the offset of the first byte that is not part of
// valid UTF-8.
func invalidOffset(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// looksGBK reports whether the bytes that are not ASCII (from the first one
// that is not UTF-8, so that a GBK paragraph pasted into a UTF-8 file is
// recognized) pair up as GBK
// double-byte characters: a lead byte 0x81–0xFE and a trail byte 0x40–0xFE
// other than 0x7F.
func looksGBK(data []byte) bool {
	pairs := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(data) {
			return false
		}
		t := data[i+1]
		if t < 0x40 || t == 0x7F || t == 0xFF {
			return false
		}
		pairs++
		i++
	}
	return pairs > 0
}

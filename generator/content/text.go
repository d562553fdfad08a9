package content

import (
	"bytes"
	"unicode/utf8"

	"herald/generator/diag"
)

// utf8BOM is UTF-8's byte order mark, which Notepad writes at the start of
// a file.
var utf8BOM = []byte("\xEF\xBB\xBF")

// normalize checks that data is UTF-8 text and returns it without a byte
// order mark and with LF line endings. It reports a problem and returns nil
// when the file is empty, binary, UTF-16 (with a byte order mark or without)
// or not UTF-8.
func normalize(file string, data []byte, problems *diag.List) []byte {
	pos := diag.Pos{File: file, Line: 1} // the whole file: editors open it at its first line
	switch {
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0:
		// Notepad saves an empty file as a byte order mark alone.
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
	data = bytes.TrimPrefix(data, utf8BOM)
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
// like UTF-16 text. Read as UTF-16, little- or big-endian, text has many
// code units whose high byte is NUL — its ASCII characters, as front matter
// alone gives ("---", "title:"…) — and in each of them the low byte is a
// printable character, a tab or a line break. Counting NUL bytes by side
// is not enough: a Chinese character may have a NUL low byte (一 is
// U+4E00, 最 U+6700), which puts NULs on both sides. A binary file's
// units with a NUL high byte mostly hold control bytes or NUL.
func looksUTF16(data []byte) bool {
	if bytes.IndexByte(data, 0) < 0 {
		return false // the common case, found faster than by counting
	}
	units := len(data) / 2
	for high := range 2 { // the offset of the high byte in each pair: 1 little-endian, 0 big-endian
		text, other := 0, 0 // units with a NUL high byte holding a text character, and any other
		for i := 0; i+1 < len(data); i += 2 {
			if data[i+high] != 0 {
				continue
			}
			switch c := data[i+1-high]; {
			case c >= 0x20 && c < 0x7F, c >= 0xA0, c == '\t', c == '\n', c == '\r':
				text++
			default:
				other++
			}
		}
		if text >= max(4, units/64) && other <= text/100 {
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

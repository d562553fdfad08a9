package content

import (
	"bytes"

	"herald/generator/diag"
	"herald/generator/internal/decode"
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
	if decode.NotUTF8(problems, file, data) {
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

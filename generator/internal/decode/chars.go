package decode

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"herald/generator/diag"
)

// Text copied from web pages, WeChat and Word brings characters that a
// writer cannot see, or cannot tell from an ordinary space. The functions
// below find them, for the readers of YAML to report.

// Unseen returns the index in s of the first character that shows nothing,
// and the character; -1 and 0 when there is none. Those characters are the
// zero-width space (U+200B), the zero-width non-joiner and joiner (U+200C,
// U+200D), the word joiner (U+2060) and the zero-width no-break space
// (U+FEFF, a byte order mark inside text). A joiner between two characters
// of a script that joins them, or in an emoji ("👨\u200d👩\u200d👧"), is the text's own
// and is not one of them; between Chinese characters, Latin letters or
// punctuation, or at either end, it is.
func Unseen(s string) (int, rune) {
	prev := rune(-1)
	for i, r := range s {
		switch r {
		case 0x200B, 0x2060, 0xFEFF:
			return i, r
		case 0x200C, 0x200D:
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !joins(prev) || !joins(next) {
				return i, r
			}
		}
		prev = r
	}
	return -1, 0
}

// joins reports whether a joiner next to r may be the text's own: r is a
// letter, mark or symbol of neither ASCII nor Chinese.
func joins(r rune) bool {
	if r < utf8.RuneSelf || r == utf8.RuneError || unicode.Is(unicode.Han, r) {
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.S) || r == 0xFE0F
}

// DropUnseen returns s without the characters [Unseen] finds.
func DropUnseen(s string) string {
	for {
		i, r := Unseen(s)
		if i < 0 {
			return s
		}
		s = s[:i] + s[i+utf8.RuneLen(r):]
	}
}

// OddSpace reports whether r is a space other than ASCII's: one YAML does
// not take for a space, such as the non-breaking space of web pages.
func OddSpace(r rune) bool {
	return r != ' ' && unicode.Is(unicode.Zs, r)
}

// CharName names r, a character [Unseen] or [OddSpace] finds, in messages.
func CharName(r rune) diag.Phrase {
	switch r {
	case 0x200B:
		return diag.Phrasef("a zero-width space (U+200B)")
	case 0x200C:
		return diag.Phrasef("a zero-width non-joiner (U+200C)")
	case 0x200D:
		return diag.Phrasef("a zero-width joiner (U+200D)")
	case 0x2060:
		return diag.Phrasef("a word joiner (U+2060)")
	case 0xFEFF:
		return diag.Phrasef("a zero-width no-break space (U+FEFF)")
	case 0x00A0:
		return diag.Phrasef("a non-breaking space (U+00A0, most likely copied from a web page)")
	case 0x3000:
		return diag.Phrasef("a full-width space (U+3000)")
	}
	return diag.Phrasef("a special space (U+%04X)", r)
}

// UnseenHint gives p the hint to delete the character at i of s, found by
// [Unseen], telling where it is: after the text before it, else before the
// text after it.
func UnseenHint(p *diag.Problem, s string, i int) {
	before := []rune(s[:i])
	if len(before) > 0 {
		p.WithHint("delete it: it comes right after “%s”", string(before[max(0, len(before)-6):]))
		return
	}
	after := []rune(DropUnseen(s))
	if len(after) == 0 {
		p.WithHint("delete it: there is nothing else")
		return
	}
	p.WithHint("delete it: it comes right before “%s”", string(after[:min(len(after), 6)]))
}

// NotUTF8 reports, at the line of file where it starts, that data, a file's
// text without its byte order mark, is not UTF-8, naming GBK when it looks
// like it, and reports whether it did. Files saved by older editors in
// Chinese Windows are GBK.
func NotUTF8(problems *diag.List, file string, data []byte) bool {
	if utf8.Valid(data) {
		return false
	}
	off := invalidOffset(data)
	pos := diag.Pos{File: file, Line: 1 + bytes.Count(data[:off], []byte("\n"))}
	var p *diag.Problem
	if looksGBK(data[off:]) {
		p = problems.Errorf(pos, "the file is not UTF-8 text: it looks like GBK (GB2312/GB18030)")
	} else {
		p = problems.Errorf(pos, "the file is not UTF-8 text")
	}
	p.WithHint("re-save it as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding when saving")
	return true
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
// recognized) pair up as GBK double-byte characters: a lead byte 0x81–0xFE
// and a trail byte 0x40–0xFE other than 0x7F.
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

// HalfWidth returns s with the full-width forms of ASCII, which an input
// method in full-width mode types ("２０２１－０４－２０", "６．３"), as ASCII,
// as the search's tokens and the hints' lookalikes have them.
func HalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}

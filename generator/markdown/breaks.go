package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// JoinBreak reports whether a soft line break between before and after (the
// text on either side of it, on its line) disappears rather than becoming a
// space. It does when:
//
//   - the character on either side is wide (Chinese, Japanese, Korean
//     characters and full-width punctuation such as ，。：“」);
//   - both are punctuation that Chinese text shares with Western text, such
//     as the curly quotes, ellipsis and dash ("“以老带新”\n“师徒结对”");
//   - both are parts of a number: digits, a decimal point, a percent sign
//     ("185\n70人次", "4.\n2万元", "96\n%");
//   - the word that ends the line and the word that starts the next are both
//     glued to wide text, with no space between ("建设5\nG网络").
func JoinBreak(before, after []byte) bool {
	if len(before) == 0 || len(after) == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRune(before)
	next, _ := utf8.DecodeRune(after)
	switch {
	case isWide(prev) || isWide(next):
		return true
	case isSharedPunct(prev) && isSharedPunct(next):
		return true
	case isNumberPart(prev) && isNumberPart(next) && (isDigit(prev) || isDigit(next)):
		return true
	}
	return gluedLeft(before) && gluedRight(after)
}

// isWide reports whether r is East Asian wide or full-width, or Hangul,
// Chinese or Japanese punctuation.
func isWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isSharedPunct reports whether r is punctuation of ambiguous width that
// Chinese text uses: curly quotes, ellipsis, dashes, middle dot.
func isSharedPunct(r rune) bool {
	switch r {
	case '‘', '’', '“', '”', '…', '—', '–', '·', '•':
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isNumberPart(r rune) bool { return isDigit(r) || r == '.' || r == '%' || r == ',' }

// isWordPart reports whether r belongs to a Latin word or number.
func isWordPart(r rune) bool {
	return r < 0x1100 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%' || r == '-' || r == '+')
}

// gluedLeft reports whether the word at the end of b starts right after a
// wide character.
func gluedLeft(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		if !isWordPart(r) {
			return isWide(r)
		}
		b = b[:len(b)-n]
	}
	return false
}

// gluedRight reports whether the word at the start of b ends right before a
// wide character.
func gluedRight(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !isWordPart(r) {
			return isWide(r)
		}
		b = b[n:]
	}
	return false
}

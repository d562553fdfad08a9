package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Normalize maps full-width forms to half-width, the ideographic space to a
// space, and ASCII letters to lower case. It maps each character to exactly
// one character, so positions in the result are positions in the input.
// static/js/search.js does the same.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(normRune(r))
	}
	return b.String()
}

func normRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// class tells the kinds of characters apart.
type class int

const (
	other class = iota
	ideo        // Han, kana, Hangul: indexed by characters and pairs
	word        // other letters and digits: indexed by words
)

// classOf returns the class of a normalized character.
func classOf(r rune) class {
	if r < 0x10000 {
		return class(classTable()[r])
	}
	return slowClass(r)
}

// classTable holds the class of each character of the Basic Multilingual
// Plane, made when first needed: looking a character up in the Unicode
// tables takes longer than the rest of tokenizing it.
var classTable = sync.OnceValue(func() *[0x10000]uint8 {
	var t [0x10000]uint8
	for r := range rune(len(t)) {
		t[r] = uint8(slowClass(r))
	}
	return &t
})

func slowClass(r rune) class {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			return word
		}
		return other
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return ideo
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return word
	}
	return other
}

// runs calls f with each run of normalized text and its class.
func runs(s string, f func(run []rune, c class)) {
	var cur []rune
	cc := other
	for _, r := range s {
		r = normRune(r)
		c := classOf(r)
		if c != cc && len(cur) > 0 {
			f(cur, cc)
			cur = cur[:0]
		}
		cc = c
		if c != other {
			cur = append(cur, r)
		}
	}
	if len(cur) > 0 && cc != other {
		f(cur, cc)
	}
}

// Tokens calls add with every token of a document's text: each Chinese
// character and each overlapping pair, and each word. A token may come
// more than once.
func Tokens(s string, add func(token string)) {
	runs(s, func(run []rune, c class) {
		if c == word {
			add(string(run))
			return
		}
		for i := range run {
			add(string(run[i : i+1]))
			if i+1 < len(run) {
				add(string(run[i : i+2]))
			}
		}
	})
}

// QueryTokens returns the tokens a query must match, without repeats: the
// bigrams of each Chinese run of two or more characters, the character of a
// run of one, each word.
func QueryTokens(q string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	runs(q, func(run []rune, c class) {
		switch {
		case c == word, len(run) == 1:
			add(string(run))
		default:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
		}
	})
	return out
}

// Compact returns normalized text without white space, which is what the
// exact-phrase test compares: "援助 11 位" holds the query "援助11位".
func Compact(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = normRune(r)
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hash is FNV-1a, 32 bits, over the token's UTF-8 bytes: the shard of a
// token is hash mod the shard count.
func hash(token string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(token); i++ {
		h ^= uint32(token[i])
		h *= 16777619
	}
	return h
}

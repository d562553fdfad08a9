package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate sh -c "go run ./internal/foldgen -ts \"$(go env GOMODCACHE)/github.com/liuzl/gocc@v0.0.0-20231231122217-0372e1059ca5/dictionary/TSCharacters.txt\" -o fold_table.go"

// Normalize maps full-width forms to half-width, the ideographic space to a
// space, ASCII letters to lower case, and traditional Chinese characters to
// simplified ones (發展 to 发展, 髮 and 發 to 发: the package doc's
// Folding says which). It maps each character to
// exactly one character of the same length in UTF-16, so positions in the
// result are positions in the input. static/js/search.js does the same.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(normRune(r))
	}
	return b.String()
}

// normRune returns the normalized form of a character.
func normRune(r rune) rune {
	r, _ = normClass(r)
	return r
}

// normClass returns the normalized form of a character and its class.
func normClass(r rune) (rune, class) {
	if r >= 0x10000 {
		return r, slowClass(r) // nothing beyond the plane is normalized
	}
	t := runeTable()
	v := t.info[r]
	if v&changes != 0 {
		r = rune(t.norm[r])
	}
	return r, class(v & classBits)
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
		return class(runeTable().info[r] & classBits)
	}
	return slowClass(r)
}

// runeTables are what the tokenizer knows of each character of the Basic
// Multilingual Plane, made when first needed: looking a character up in
// the Unicode tables takes longer than the rest of tokenizing it, and one
// look in info tells the class of a character and whether normalizing
// changes it, which for a text in simplified Chinese it almost never does.
type runeTables struct {
	info [0x10000]uint8  // the class of the normalized character, and changes
	norm [0x10000]uint16 // the normalized character, where info has changes
}

const (
	classBits = 3      // info's bits that hold the class
	changes   = 1 << 2 // info's bit: normalizing changes the character
)

var runeTable = sync.OnceValue(func() *runeTables {
	t := new(runeTables)
	for r := range rune(len(t.info)) {
		t.norm[r] = uint16(r)
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			t.norm[r] = uint16(r - 0xFEE0)
		case r == 0x3000:
			t.norm[r] = ' '
		}
		if n := t.norm[r]; n >= 'A' && n <= 'Z' {
			t.norm[r] = n + 'a' - 'A'
		}
	}
	from, to := foldTable() // traditional characters: none is a full-width form or a letter
	for i, r := range from {
		t.norm[r] = uint16(to[i])
	}
	for r := range rune(len(t.info)) {
		n := rune(t.norm[r])
		t.info[r] |= uint8(slowClass(n))
		if n != r {
			t.info[r] |= changes
		}
	}
	return t
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

// runs calls f with each run of normalized text, its class, and whether
// the run before it ended right where it starts, or with nothing but
// spaces between them (spaced).
func runs(s string, f func(run []rune, c class, next, spaced bool)) {
	var cur []rune
	cc := other
	next, spaced := false, false // of the run in cur
	gap := -1                    // what lies since the last run: -1 no run yet, 0 nothing, 1 spaces, 2 more
	for _, r := range s {
		r, c := normClass(r)
		if c != cc && len(cur) > 0 {
			f(cur, cc, next, spaced)
			cur = cur[:0]
			gap = 0
		}
		cc = c
		switch {
		case c != other:
			if len(cur) == 0 {
				next, spaced = gap == 0, gap == 0 || gap == 1
			}
			cur = append(cur, r)
		case gap >= 0 && unicode.IsSpace(r):
			gap = max(gap, 1)
		case gap >= 0:
			gap = 2
		}
	}
	if len(cur) > 0 && cc != other {
		f(cur, cc, next, spaced)
	}
}

// Tokens calls add with every token of a document's text: each Chinese
// character and each overlapping pair, each word, and each word with the
// Chinese character after it, with nothing but spaces between them ("11位"
// in "援助 11 位"). A token may come more than once.
func Tokens(s string, add func(token string)) {
	var last []rune // the run before
	lc := other
	runs(s, func(run []rune, c class, _, spaced bool) {
		if c == word {
			add(string(run))
		} else {
			for i := range run {
				add(string(run[i : i+1]))
				if i+1 < len(run) {
					add(string(run[i : i+2]))
				}
				if i == 0 && spaced && lc == word {
					add(string(last) + string(run[:1]))
				}
			}
		}
		last, lc = append(last[:0], run...), c
	})
}

// QueryTokens returns the tokens a query must match, without repeats: the
// bigrams of each Chinese run of two or more characters, the character of a
// run of one, each word, and each word with the Chinese character right
// after it. A space between them makes them two terms, found anywhere in a
// story: "11位" asks for the pair, "11 位" does not.
func QueryTokens(q string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	var last []rune
	lc := other
	runs(q, func(run []rune, c class, next, _ bool) {
		switch {
		case c == word, len(run) == 1:
			add(string(run))
		default:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
		}
		if next && lc == word && c == ideo {
			add(string(last) + string(run[:1]))
		}
		last, lc = append(last[:0], run...), c
	})
	return out
}

// Compact returns normalized text without white space, but for one space
// between two letters or digits, which is what the exact-phrase test
// compares: "援助 11 位" holds the query "援助11位", "Open Source" the
// query "open source" and not "opensource".
func Compact(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, prev := false, other
	for _, r := range s {
		r, c := normClass(r)
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && prev == word && c == word {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		space, prev = false, c
	}
	return b.String()
}

// Holds reports whether the compacted text hay holds the compacted phrase
// want, with no letter or digit joined to either end of it where the
// phrase ends in one: "12267人次" does not hold "267人次", nor "113个"
// "11" (a trial: such matches were ranked and marked as the phrase).
func Holds(hay, want string) bool {
	if want == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(want)
	last, _ := utf8.DecodeLastRuneInString(want)
	for i := 0; ; {
		j := strings.Index(hay[i:], want)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(hay[:j])
		after, _ := utf8.DecodeRuneInString(hay[j+len(want):])
		if !(classOf(first) == word && j > 0 && classOf(before) == word) &&
			!(classOf(last) == word && j+len(want) < len(hay) && classOf(after) == word) {
			return true
		}
		_, n := utf8.DecodeRuneInString(hay[j:])
		i = j + n
	}
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

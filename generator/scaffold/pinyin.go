package scaffold

import (
	_ "embed"
	"sort"
)

// The pinyin of Chinese characters, for slugs, lives in pinyin_table.go
// and pinyin.bin: for each character, the toneless syllable of its first
// reading, as github.com/mozillazg/go-pinyin gives it (LazyPinyin with the
// default style). That package builds a map of its 41,923 readings when a
// program starts: 8 ms and 1.8 MB at every start of herald, for the one
// command, herald new, that asks for them. The table is constant data
// instead, which costs nothing until it is read. TestPinyinTable writes it
// from the package, and checks it character by character.

// pinyinCodes are the syllables of the code points of pinyinRuns, two
// bytes each: a big-endian index into pinyinSyllables, plus one; 0 for a
// code point without a reading.
//
//go:embed pinyin.bin
var pinyinCodes string

// pinyinRun is a run of consecutive code points: first, n of them, whose
// syllables are at pinyinCodes[2*at:].
type pinyinRun struct {
	first rune
	n     uint16
	at    uint32
}

// pinyinOf returns the toneless syllable of r's first reading, "" when the
// table has none.
func pinyinOf(r rune) string {
	i := sort.Search(len(pinyinRuns), func(i int) bool { return pinyinRuns[i].first > r }) - 1
	if i < 0 || r-pinyinRuns[i].first >= rune(pinyinRuns[i].n) {
		return ""
	}
	at := 2 * (int(pinyinRuns[i].at) + int(r-pinyinRuns[i].first))
	code := int(pinyinCodes[at])<<8 | int(pinyinCodes[at+1])
	if code == 0 {
		return ""
	}
	return pinyinSyllables[code-1]
}

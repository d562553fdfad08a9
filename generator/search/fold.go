package search

import (
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"unicode/utf8"

	gzip "github.com/klauspost/compress/gzip"
)

// foldFile returns the fold file's name and its bytes: the fold table
// (fold_table.go) for the browser, which folds queries as the index's
// tokens are folded. It is the same for every site, named by its content,
// so that a browser that fetched it once never fetches it again.
//
// Its format is in the package doc (# Files): differences of code points,
// 6,611 bytes compressed, where the pairs as a string of characters take
// 12,769.
var foldFile = sync.OnceValues(func() (string, []byte) {
	from, to := foldTable()
	b := binary.AppendUvarint(nil, uint64(len(from)))
	prev := rune(0)
	for _, r := range from {
		b = binary.AppendUvarint(b, uint64(r-prev))
		prev = r
	}
	for i, r := range from {
		b = binary.AppendVarint(b, int64(to[i]-r))
	}
	var z gzipper
	data := z.gzip(nil, b, gzip.BestCompression)
	return "fold." + hashName(data) + ".bin", data
})

// foldTable returns the pairs of fold_table.go, in order.
func foldTable() (from, to []rune) {
	for i := 0; i < len(foldPairs); {
		a, n := utf8.DecodeRuneInString(foldPairs[i:])
		b, m := utf8.DecodeRuneInString(foldPairs[i+n:])
		from, to = append(from, a), append(to, b)
		i += n + m
	}
	return from, to
}

// readFold reads a fold file, decompressed.
func readFold(b []byte) (map[rune]rune, error) {
	errCorrupt := errors.New("corrupt fold table")
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errCorrupt
	}
	b = b[k:]
	from := make([]rune, n)
	prev := uint64(0)
	for i := range from {
		d, k := binary.Uvarint(b)
		if k <= 0 || prev+d > 0xFFFF {
			return nil, errCorrupt
		}
		prev += d
		from[i], b = rune(prev), b[k:]
	}
	m := make(map[rune]rune, n)
	for _, r := range from {
		d, k := binary.Varint(b)
		if k <= 0 || int64(r)+d < 0 || int64(r)+d > 0xFFFF {
			return nil, errCorrupt
		}
		m[r], b = r+rune(d), b[k:]
	}
	if len(b) != 0 {
		return nil, errors.New("corrupt fold table: bytes left over")
	}
	return m, nil
}

// foldWith maps each character of s that table holds to its simplified
// form, as the browser folds a query with the fold file.
func foldWith(table map[rune]rune, s string) string {
	return strings.Map(func(r rune) rune {
		if to, ok := table[r]; ok {
			return to
		}
		return r
	}, s)
}

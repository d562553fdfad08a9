package markdown

import "github.com/yuin/goldmark/util"

// Slashed returns a destination as written with / for the backslashes
// that separate its folders, as Windows writes them ("..\images\a.jpg"),
// and whether it has any: on the web a \ is part of a name. A backslash
// before ASCII punctuation, which escapes it in Markdown ("a\_b.jpg"),
// stays, unless the punctuation is a dot: "..\..\images" is a Windows
// path, and a dot needs no escape.
func Slashed(dest string) (string, bool) {
	b := []byte(dest)
	found := false
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 < len(b) && b[i+1] != '.' && util.IsPunct(b[i+1]) {
			i++
			continue
		}
		b[i], found = '/', true
	}
	return string(b), found
}

package diag

import (
	"strings"
	"unicode"
)

// Suggest returns the candidate closest to word, for a "did you mean" hint,
// or "" when none is close enough. Closeness is the edit distance in
// characters, at most a third of the word's length (and at least 1); for a
// word not in ASCII, of a candidate as long as it, at most one character
// changed (two are another name). A candidate is also compared by the
// part of its name before and inside a parenthesis, and a candidate that
// starts with the word also counts, as does the only candidate that holds
// a word not in ASCII ("枫林" for "麓谷街道枫林社区党委"). Characters typed
// in their traditional form count as their simplified one ("為民辦實事"
// finds "为民办实事"), and characters that look alike, or that an input
// method types in place of each other, count as one (see [lookalike]):
// "机关第十支部(行政审批服务局)", its brackets ASCII, finds
// "机关第十支部（行政审批服务局）". Ties go to the earlier candidate.
func Suggest(word string, candidates []string) string {
	fold := func(c string) string { return strings.TrimSpace(simplify(strings.ToLower(strings.Map(lookalike, c)))) }
	w := []rune(fold(word))
	if len(w) == 0 {
		return ""
	}
	limit := max(1, len(w)/3)
	best, bestDist := "", limit+1
	latin := isASCII(string(w))
	for _, c := range candidates {
		for _, form := range forms(fold(c)) {
			f := []rune(form)
			d := distance(w, f)
			if !latin && d >= 2 && len(f) == len(w) {
				// Characters changed in place, not left out or added:
				// 麓谷街道新区社区党委 is another community than
				// 麓谷街道枫林社区党委, not a typo of it (a trial: a
				// story of a branch removed from site.yaml was pointed
				// at another organisation).
				continue
			}
			if d < bestDist {
				best, bestDist = c, d
			}
		}
	}
	if best != "" {
		return best
	}
	if len(w) < 2 {
		return ""
	}
	for _, c := range candidates {
		if strings.HasPrefix(fold(c), string(w)) {
			return c
		}
	}
	if latin {
		return "" // "over" is a param of a site's templates, not "cover" misspelt
	}
	holder := ""
	for _, c := range candidates {
		if strings.Contains(fold(c), string(w)) && c != holder {
			if holder != "" {
				return "" // which one is meant, the writer knows
			}
			holder = c
		}
	}
	return holder
}

// forms returns the ways a name may be written: whole, and for a name with a
// parenthesised part such as "机关第八支部(社会事业局)", the part before the
// parenthesis and the part inside it. name is folded: its brackets, ASCII
// or full-width, are ASCII.
func forms(name string) []string {
	out := []string{name}
	i := strings.Index(name, "(")
	j := strings.LastIndex(name, ")")
	if i > 0 && j > i {
		out = append(out, strings.TrimSpace(name[:i]), name[i+1:j])
	}
	return out
}

// lookalike returns r as Suggest compares it, with the characters that
// writers type in place of each other made one: a full-width letter, digit
// or sign is its ASCII form ("（" is "(", "５Ｇ" is "5G", "，" is ","); 、 is
// a comma too, 。 a full stop, 【】 brackets, Chinese quotation marks
// English ones; any space is an ASCII space; and a character that shows
// nothing, such as a zero-width space, is dropped. Each is a slip, not
// another name, but a hint shows it where the name typed looks right.
func lookalike(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // the full-width forms of ASCII
		return r - 0xFF01 + '!'
	case unicode.IsSpace(r):
		return ' '
	case unicode.Is(unicode.Cf, r): // zero-width characters, a BOM
		return -1
	}
	switch r {
	case '、':
		return ','
	case '。':
		return '.'
	case '【':
		return '['
	case '】':
		return ']'
	case '“', '”':
		return '"'
	case '‘', '’':
		return '\''
	}
	return r
}

// distance is the optimal string alignment distance between a and b: the
// edits are insertion, deletion, substitution and the transposition of two
// neighbours ("titel" is one edit from "title").
func distance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

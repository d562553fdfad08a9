package decode

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"herald/generator/diag"
)

// The two readers of YAML look at its lines before YAML does for the
// mistakes writers make most, which YAML reports in English, at another line
// or not at all. The functions below are what they share.

// CutKey splits a line at its first colon, ASCII or full-width, when what
// comes before it is a key: ASCII letters, digits, "_" and "-", then perhaps
// spaces, after the line's indentation and a list item's "- ". lead is what
// comes before the key ("  - "), sep the colon; sep is "" when the line has
// no such key.
func CutKey(line string) (lead, key, sep, rest string) {
	i := strings.IndexAny(line, ":：")
	if i <= 0 {
		return "", "", "", ""
	}
	start := len(line[:i]) - len(strings.TrimLeft(line[:i], " "))
	if item, ok := strings.CutPrefix(line[start:i], "- "); ok {
		start = i - len(strings.TrimLeft(item, " "))
	}
	key = strings.TrimRight(line[start:i], " \t")
	if key == "" {
		return "", "", "", ""
	}
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "", "", "", ""
		}
	}
	sep = ":"
	if strings.HasPrefix(line[i:], "：") {
		sep = "："
	}
	return line[:start], key, sep, line[i+len(sep):]
}

// TabIndented reports at pos whether line is indented with a tab, which
// YAML refuses: for a key it says so on the line above, for a list's "- "
// only that a character "cannot start any token". what names the text in
// the hint: "the front matter", "site.yaml". (A tab after spaces is not
// reported: in the text of a "|" value, that is text.)
func TabIndented(problems *diag.List, pos diag.Pos, line string, what any) bool {
	if !strings.HasPrefix(line, "\t") {
		return false
	}
	problems.Errorf(pos, "the line is indented with a tab").
		WithHint("%s is indented with spaces only: replace the tab with spaces", what)
	return true
}

// FullWidthColon reports at pos the full-width colon after key; fixed is
// the line to write instead.
func FullWidthColon(problems *diag.List, pos diag.Pos, key, fixed string) {
	problems.Errorf(pos, "the colon after %s is a full-width “：”", key).
		WithHint("write an English colon and a space: %s", fixed)
}

// SpaceAfterColon returns the character right after a key's colon, at the
// start of rest, when it is a space that YAML does not take for one (a
// non-breaking space, a full-width one) or a character that shows nothing;
// otherwise 0. YAML then reads the key, its colon and the value as one text.
func SpaceAfterColon(rest string) rune {
	r, _ := utf8.DecodeRuneInString(rest)
	if OddSpace(r) || unseenAlone(r) {
		return r
	}
	return 0
}

// TrimAfterColon returns rest, what follows a key's colon, without the
// spaces and the characters that show nothing at its start, trimmed.
func TrimAfterColon(rest string) string {
	return strings.TrimSpace(strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || unseenAlone(r) }))
}

// unseenAlone reports whether r, alone, is a character that shows nothing.
func unseenAlone(r rune) bool {
	i, _ := Unseen(string(r))
	return i == 0
}

// OddSpaceAfterColon reports at pos the character r after the colon of
// key, which [SpaceAfterColon] found; fixed is the line to write instead.
// The line to copy has none of the characters that show nothing (a review:
// it kept a zero-width space of a title, which the title's own warning
// asked to delete).
func OddSpaceAfterColon(problems *diag.List, pos diag.Pos, key string, r rune, fixed string) {
	problems.Errorf(pos, "after the colon of %s there is %s, not an ordinary space", key, CharName(r)).
		WithHint("delete it and type an ordinary (half-width) space: %s", DropUnseen(fixed))
}

// MissingFirstDash reports at its line each list whose first item lacks its
// "- " (FirstItemDash), the first of lines being line first of file, and
// returns their indexes and fixed lines.
func MissingFirstDash(problems *diag.List, file string, first int, lines []string) (at []int, fixed []string) {
	at, fixed = FirstItemDash(lines)
	for k, i := range at {
		problems.Errorf(diag.Pos{File: file, Line: first + i}, "the first item of the list has no \"- \"").
			WithHint("begin it with \"- \", as the items below it: %s", strings.TrimLeft(fixed[k], " "))
	}
	return at, fixed
}

// FirstItemDash finds the lists whose first item lacks its "- ": under a
// line "key:", the first line below holds a key at some indentation, and
// a later line of the same block starts with "- " two spaces less deep, as
// an item whose key would line up with it. YAML reports the list at the
// line above the key, or the next item. It returns each such first line's
// index in lines, and the line with its "- ".
func FirstItemDash(lines []string) (at []int, fixed []string) {
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	skip := func(l string) bool { t := strings.TrimSpace(l); return t == "" || strings.HasPrefix(t, "#") }
	for i, line := range lines {
		if lead, _, sep, rest := CutKey(line); sep != ":" || strings.TrimSpace(lead) != "" || strings.TrimSpace(rest) != "" {
			continue // not a "key:" that opens a block
		}
		p := indent(line)
		j := i + 1
		for j < len(lines) && skip(lines[j]) {
			j++
		}
		if j == len(lines) {
			continue
		}
		c := indent(lines[j])
		if lead, _, sep, _ := CutKey(lines[j]); c < p+2 || sep == "" || strings.TrimSpace(lead) != "" {
			continue // not a key, or an item's already
		}
		for k := j + 1; k < len(lines); k++ {
			if skip(lines[k]) {
				continue
			}
			t := strings.TrimLeft(lines[k], " ")
			d := indent(lines[k])
			if d == c-2 && strings.HasPrefix(t, "- ") {
				at, fixed = append(at, j), append(fixed, lines[j][:c-2]+"- "+strings.TrimLeft(lines[j], " "))
				break
			}
			if d < p || d == p && !strings.HasPrefix(t, "- ") {
				break // the block ends
			}
		}
	}
	return at, fixed
}

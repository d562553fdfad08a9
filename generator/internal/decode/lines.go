package decode

import (
	"strings"

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

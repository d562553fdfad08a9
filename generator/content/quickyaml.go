package content

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickYAML reads front matter of the plainest form, the form nearly every
// story has, into the node yaml.Unmarshal gives for it, without YAML's
// scanner: a fifth of the CPU time of reading a story went into it.
//
// The form: every line is empty or "key: value" from its first column; a
// key is ASCII letters, digits, "_" and "-"; a value is one line of plain
// text, or a list [a, b] of plain items on one line. Anything else — a
// value left empty, an indented line, quotes or YAML's own signs where they
// could mean something, a "#", a tab, a character YAML does not accept —
// gives ok false, and the caller asks yaml.Unmarshal, which also reports
// the mistakes. Tags are YAML's own resolution (yaml.Node.ShortTag), so
// "2024-05-01" is a timestamp and "120" an int, as YAML reads them.
func quickYAML(data []byte) (doc *yaml.Node, ok bool) {
	if !quickBytes(data) {
		return nil, false
	}
	lines := bytes.Split(data, []byte("\n"))
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i < len(lines); i++ {
		line, n := lines[i], i+1
		if len(line) == 0 {
			continue
		}
		k := keyLen(line)
		if k == 0 || k > maxKey || k >= len(line) || line[k] != ':' {
			return nil, false
		}
		key := scalar(string(line[:k]), n, 1)
		col := k + 3 // the value's column, the key being ASCII
		var v *yaml.Node
		switch {
		case k+1 == len(line):
			v, i = blockList(lines, i+1)
		case line[k+1] != ' ' || k+2 == len(line):
		case line[k+2] == '[':
			v = flow(line[k+2:], n, col)
		default:
			v = scalarAt(line[k+2:], false, n, col)
		}
		if v == nil {
			return nil, false
		}
		if m.Line == 0 {
			m.Line, m.Column = n, 1
		}
		m.Content = append(m.Content, key, v)
	}
	if len(m.Content) == 0 {
		return nil, false // YAML reads nothing: let it say so
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: m.Line, Column: 1, Content: []*yaml.Node{m}}, true
}

// blockList reads the items of a list under a key, from lines[i] on: lines
// "- item", all indented alike, an item being plain text or a mapping on
// one line, {label: 党员, value: 12}. It returns the list, or nil, and the
// index of its last line.
func blockList(lines [][]byte, i int) (*yaml.Node, int) {
	if i == len(lines) || len(lines[i]) == 0 {
		return nil, i
	}
	indent := len(lines[i]) - len(bytes.TrimLeft(lines[i], " "))
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: i + 1, Column: indent + 1}
	for ; i < len(lines); i++ {
		line := lines[i]
		if len(line) == 0 {
			continue
		}
		dash := len(line) - len(bytes.TrimLeft(line, " "))
		if dash == len(line) {
			return nil, i // spaces only
		}
		if dash != indent || line[dash] != '-' {
			break
		}
		item := line[dash+1:]
		if len(item) < 2 || item[0] != ' ' {
			return nil, i
		}
		item, col := item[1:], dash+3
		var v *yaml.Node
		if item[0] == '{' {
			v = flow(item, i+1, col)
		} else {
			v = scalarAt(item, false, i+1, col)
		}
		if v == nil {
			return nil, i
		}
		seq.Content = append(seq.Content, v)
	}
	if len(seq.Content) == 0 {
		return nil, i
	}
	return seq, i - 1
}

// scalarAt reads s, at line and column col, as a plain scalar, or as one in
// quotes with no quote or backslash inside, or returns nil.
func scalarAt(s []byte, flow bool, line, col int) *yaml.Node {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		in := s[1 : len(s)-1]
		if bytes.IndexByte(in, s[0]) >= 0 || bytes.IndexByte(in, '\\') >= 0 {
			return nil
		}
		style := yaml.DoubleQuotedStyle
		if s[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(in), Line: line, Column: col}
	}
	if !plain(s, flow) {
		return nil
	}
	return scalar(string(s), line, col)
}

// scalar makes the node of a plain scalar at line and column.
func scalar(v string, line, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: v, Line: line, Column: col}
	n.Tag = n.ShortTag()
	return n
}

// maxKey is the longest key quickYAML reads: YAML takes no key of 1,024
// characters or more without a "?" before it.
const maxKey = 128

// keyLen returns the length of the key that starts line: ASCII letters,
// digits, "_" and "-", not starting with "-".
func keyLen(line []byte) int {
	for i, c := range line {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		case c == '-' && i > 0:
		default:
			return i
		}
	}
	return len(line)
}

// flow reads a list "[a, b]" or a mapping "{a: 1, b: 2}" of plain items,
// the whole rest of a line at column col, or returns nil when it is not one.
func flow(s []byte, line, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: line, Column: col}
	closer := byte(']')
	if s[0] == '{' {
		n.Kind, n.Tag, closer = yaml.MappingNode, "!!map", '}'
	}
	if s[len(s)-1] != closer {
		return nil
	}
	inner := s[1 : len(s)-1]
	if len(bytes.Trim(inner, " ")) == 0 {
		return n
	}
	at := col + 1 // the column of inner's first character
	for item := range bytes.SplitSeq(inner, []byte(",")) {
		next := at + utf8.RuneCount(item) + 1
		if n.Kind == yaml.MappingNode {
			k, v, ok := bytes.Cut(item, []byte(":"))
			if !ok || len(v) == 0 || v[0] != ' ' {
				return nil
			}
			key := bytes.TrimLeft(k, " ")
			if len(key) > maxKey || !plain(key, true) {
				return nil
			}
			n.Content = append(n.Content, scalar(string(key), line, at+len(k)-len(key)))
			item, at = v, at+utf8.RuneCount(k)+1
		}
		lead := len(item) - len(bytes.TrimLeft(item, " "))
		v := scalarAt(bytes.Trim(item, " "), true, line, at+lead)
		if v == nil {
			return nil
		}
		n.Content = append(n.Content, v)
		at = next
	}
	return n
}

// plain reports whether s is a plain scalar YAML reads as s itself, in a
// flow list or not: nothing that starts other syntax, no ": " and no
// spaces around it.
func plain(s []byte, flow bool) bool {
	if len(s) == 0 || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	switch s[0] {
	case ' ', '-', '?', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	if flow {
		return bytes.IndexAny(s, ":?[]{}") < 0
	}
	return !bytes.Contains(s, []byte(": "))
}

// quickBytes reports whether data holds only what quickYAML can take as it
// is: valid UTF-8 that YAML reads as it is (printable, no byte order mark,
// no line break but "\n": not U+0085, U+2028 or U+2029), no tab, no
// carriage return, no "#".
func quickBytes(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c == '#' || c == 0x7f || c < 0x20 && c != '\n' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

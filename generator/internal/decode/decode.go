// Package decode reads YAML nodes into typed values and reports what does not
// fit as problems at the node's line.
//
// It serves the two readers of YAML, config (site.yaml) and content (front
// matter), so that both say the same thing the same way about a value of the
// wrong type: "content/a.md:5: tags: expected a list of text, found a mapping".
// A [Decoder] never fails: it records a problem in its list and returns the
// zero value with ok false, and the caller carries on with the next key.
//
// The key or what that names a value in messages is a string, the key as
// written in the file (never translated), or a [diag.Phrase] such as
// "achievements, item 2, value", which a catalog translates.
package decode

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"herald/generator/diag"

	"go.yaml.in/yaml/v3"
)

// Decoder decodes nodes of one YAML document.
type Decoder struct {
	File     string     // the file's path, for positions
	Line     int        // added to node lines: the file line of the document's line 0
	Problems *diag.List // where problems go
}

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.File}
	}
	return diag.Pos{File: d.File, Line: n.Line + d.Line}
}

// Errorf records a problem at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) *diag.Problem {
	return d.Problems.Errorf(d.Pos(n), format, args...)
}

// Document returns the top-level node of a parsed document: the mapping, or
// nil with a problem when the document is not a mapping. An empty document
// gives an empty mapping.
func (d *Decoder) Document(doc *yaml.Node, what any) *yaml.Node {
	n := doc
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return &yaml.Node{Kind: yaml.MappingNode}
		}
		n = n.Content[0]
	}
	if n.Kind == 0 || isNull(n) {
		return &yaml.Node{Kind: yaml.MappingNode, Line: n.Line}
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a mapping of keys to values, found %s", what, describe(n)).
			WithHint("write one \"key: value\" per line")
		return nil
	}
	return n
}

// Field is one key and its value in a mapping.
type Field struct {
	Key   string
	KeyN  *yaml.Node
	Value *yaml.Node
}

// Fields returns the fields of a mapping node in order. It reports a
// duplicate key (and keeps the first), a key that is not text, and a node that
// is not a mapping (named by what, e.g. "branches, item 3"), for which it returns
// nil. An empty mapping, or nothing at all ("params:" with every line under it
// commented out), gives an empty, non-nil slice.
func (d *Decoder) Fields(n *yaml.Node, what any) []Field {
	n = resolve(n)
	if isNull(n) {
		return []Field{}
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s: expected a mapping of keys to values, found %s", what, describe(n))
		return nil
	}
	fields := make([]Field, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "%s: a key must be text, found %s", what, describe(k))
			continue
		}
		pairs := d.fullWidthPairs(k, v)
		if pairs == nil {
			pairs = []Field{{Key: k.Value, KeyN: k, Value: v}}
		}
		for _, f := range pairs {
			if first, dup := seen[f.Key]; dup {
				d.Errorf(f.KeyN, "duplicate key %q", f.Key).
					WithHint("%q is already set on line %d; keep one of them", f.Key, first+d.Line)
				continue
			}
			seen[f.Key] = f.KeyN.Line
			fields = append(fields, f)
		}
	}
	return fields
}

// Items returns the items of the list n, each mapping split where its first
// key comes again: a "- " left out ("    name: 服务增效" under "  - name:
// 为民办实事") joins an item to the one before, whose keys then come twice,
// and "duplicate key" sent the writer to delete one of the two. Each split
// is reported at the key, and the item it begins is read as the writer
// meant it, so that what uses it (a category) is checked too. list names
// the list ("categories").
func (d *Decoder) Items(n *yaml.Node, list any) []*yaml.Node {
	var items []*yaml.Node
	for _, item := range n.Content {
		for item.Kind == yaml.MappingNode {
			c := item.Content
			k := 2
			for ; k+1 < len(c); k += 2 {
				if c[k].Kind == yaml.ScalarNode && c[0].Kind == yaml.ScalarNode && c[k].Value == c[0].Value {
					break
				}
			}
			if k+1 >= len(c) {
				break
			}
			value := "…"
			if v := c[k+1]; v.Kind == yaml.ScalarNode && v.Value != "" {
				value = v.Value
			}
			d.Errorf(c[k], "%s: %q comes again in the item that begins on line %d: a \"- \" is missing before it", list, c[k].Value, item.Line+d.Line).
				WithHint("begin the new item with \"- \": - %s: %s; if the item has it twice, keep one of them", c[k].Value, value)
			first := *item
			first.Content = c[:k]
			items = append(items, &first)
			rest := *item
			rest.Content, rest.Line, rest.Column = c[k:], c[k].Line, c[k].Column
			item = &rest
		}
		items = append(items, item)
	}
	return items
}

// fullWidthPairs splits a key written with full-width punctuation inside
// braces into the pairs the writer meant, reporting the punctuation; nil
// for any other key. YAML reads "{label：援助金额, value: 6.3}" as the key
// "label：援助金额" without a value, and "{label：援助金额，value：6.3}" as one
// key, all of it. Lines of keys and values are repaired before YAML reads
// them (content's and config's line checks); braces are not.
func (d *Decoder) fullWidthPairs(k, v *yaml.Node) []Field {
	if k.Style != 0 || !strings.ContainsAny(k.Value, "：，") {
		return nil
	}
	parts := strings.Split(k.Value, "，")
	var pairs []Field
	var written []string // the pairs as they should be written
	for i, part := range parts {
		name, rest, colon := strings.Cut(part, "：")
		if !colon {
			name, rest, colon = strings.Cut(part, ":")
		}
		name, rest = strings.TrimSpace(name), strings.TrimSpace(rest)
		last := i == len(parts)-1
		if name == "" || strings.ContainsFunc(name, unicode.IsSpace) || colon && last && !isNull(v) || !colon && !(last && !isNull(v)) {
			return nil
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: k.Line, Column: k.Column}
		value := v // the last key's, "value" of "{label：援助金额，value: 6.3}"
		if colon {
			value = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: k.Line, Column: k.Column}
			var doc yaml.Node
			if rest != "" && yaml.Unmarshal([]byte(rest), &doc) == nil && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.ScalarNode {
				value = doc.Content[0] // typed as YAML would: value: 6.3 is a number
				value.Line, value.Column = k.Line, k.Column
			}
		} else {
			rest = v.Value
		}
		pairs = append(pairs, Field{Key: name, KeyN: key, Value: value})
		written = append(written, name+": "+rest)
	}
	if len(parts) == 1 {
		FullWidthColon(d.Problems, d.Pos(k), pairs[0].Key, written[0])
	} else {
		d.Errorf(k, "the pairs inside { } are written with full-width punctuation").
			WithHint("write English commas and colons, each followed by a space: %s", strings.Join(written, ", "))
	}
	return pairs
}

// String decodes a scalar as text. Numbers and booleans are taken as written
// (a title "2021" is text), null gives "" and ok true.
func (d *Decoder) String(n *yaml.Node, key any) (string, bool) {
	n = resolve(n)
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "%s: expected text, found %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

// Strings decodes a list of text. A single text value is accepted as a list:
// "tags: 退役军人" or "tags: 退役军人, 党史学习教育". The ways writers list
// things are understood:
//
//   - a single text in Chinese brackets, 「…」, 『…』 or ［…］, loses them;
//   - a single text is split at commas and semicolons, ASCII or full-width,
//     at 、, and at 【 and 】 ("【党建引领；志愿服务】", "【党建】【志愿服务】");
//   - an item of a YAML list is split at full-width commas and semicolons,
//     at 、, and at 【 and 】, which YAML does not take for separators
//     ("[退役军人，党史学习教育]");
//   - a part is split at white space when every piece holds a Chinese
//     character ("退役军人 党史学习教育"), so that "open source" or "5G 网络"
//     stays one.
//
// Quotes keep text whole: a quoted single text is split at the separators
// above but not at white space, and a quoted item of a list is not split
// ('李四 "老李"'). Empty items are dropped and the rest trimmed.
//
// An item is a name, which two stories must write alike to share it: what
// cannot be part of one is taken out of it with a warning at its line (see
// [Decoder.tidy]): a character that shows nothing ("防汛\u200b", a tag page
// of its own beside that of 防汛), and Chinese quotation marks around the item
// ("“5G应用”", a tag page at /tags/“5g应用”/).
func (d *Decoder) Strings(n *yaml.Node, key any) ([]string, bool) {
	n = resolve(n)
	switch {
	case isNull(n):
		return nil, true
	case n.Kind == yaml.ScalarNode:
		out := splitList(unbracket(n.Value), func(r rune) bool {
			return r == ',' || r == '，' || r == ';' || r == '；' || r == '、' || r == '【' || r == '】'
		}, n.Style == 0)
		if n.Style == 0 {
			d.doubtful(n, key, out)
		}
		return d.tidy(n, key, out), true
	case n.Kind == yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		ok := true
		for _, item := range n.Content {
			item = resolve(item)
			if item.Kind != yaml.ScalarNode || isNull(item) {
				d.Errorf(item, "%s: expected a list of text, found %s in it", key, describe(item)).
					WithHint("write %s: [a, b]", key)
				ok = false
				continue
			}
			if item.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				if s := strings.TrimSpace(item.Value); s != "" {
					out = append(out, d.tidy(item, key, []string{s})...)
				}
				continue
			}
			parts := splitList(item.Value, func(r rune) bool {
				return r == '，' || r == '；' || r == '、' || r == '【' || r == '】'
			}, true)
			d.doubtful(item, key, parts)
			out = append(out, d.tidy(item, key, parts)...)
		}
		return out, ok
	}
	d.Errorf(n, "%s: expected a list of text, found %s", key, describe(n)).
		WithHint("write %s: [a, b]", key)
	return nil, false
}

// doubtful warns of each of parts, the items of n, that white space would
// have split into several if every piece held a Chinese character, and
// two or more do: "5G 党建引领 智慧社区" is one item, and was most likely
// meant as three (a trial: a tag page for the three together, with no
// word of it).
func (d *Decoder) doubtful(n *yaml.Node, key any, parts []string) {
	for _, p := range parts {
		if strings.Contains(p, "\n") {
			continue // items run together, which checkIndent reports
		}
		// Pieces of punctuation alone, "党建 - 志愿服务", say it is one.
		pieces := slices.DeleteFunc(strings.Fields(p), func(w string) bool {
			return !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
		})
		han := 0
		for _, w := range pieces {
			if hasHan(w) {
				han++
			}
		}
		if han < 2 || han == len(pieces) {
			continue
		}
		d.Problems.Warnf(d.Pos(n), "%s: %q is one item: spaces separate items only when every part holds a Chinese character", key, p).
			WithHint("if it is several, separate them with commas: %s: [%s]; if it is one, put it in quotes: %s: \"%s\"", key, strings.Join(pieces, ", "), key, p)
	}
}

// tidy returns parts, the items of n, each without the characters that
// show nothing and without Chinese quotation marks around it, warning of
// each item it changes; an item left empty is dropped. Such an item is a
// tag, an author or an alias apart from the one written without them. A
// run of spaces inside an item, full-width or not, becomes one space: "5G
// 网络" typed with an input method's full-width space is the tag typed
// with an ASCII one, as it shows.
func (d *Decoder) tidy(n *yaml.Node, key any, parts []string) []string {
	out := parts[:0]
	for _, p := range parts {
		s := strings.Join(strings.Fields(d.dropUnseen(n, key, p, true)), " ")
		if inner, ok := quoted(s); ok {
			d.Problems.Warnf(d.Pos(n), "%s: the quotation marks around %q would be part of the item; they are left out: the item is %q", key, s, inner).
				WithHint("delete the quotation marks from the file")
			s = inner
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Shown returns s, the text value of key at n, without the characters that
// show nothing, warning of them: a slug or a cover holding one is not the
// address or the file name the writer sees, and a link or a path typed
// as it shows would not meet it.
func (d *Decoder) Shown(n *yaml.Node, key any, s string) string {
	return d.dropUnseen(n, key, s, false)
}

// dropUnseen returns s without the characters that show nothing, trimmed
// when it had any, warning at n of the first: of an item of a list when
// item is true, of a value when not.
func (d *Decoder) dropUnseen(n *yaml.Node, key any, s string, item bool) string {
	i, r := Unseen(s)
	if i < 0 {
		return s
	}
	out := strings.TrimSpace(DropUnseen(s))
	var w *diag.Problem
	if item {
		w = d.Problems.Warnf(d.Pos(n), "%s: %q holds %s, which does not show; it is left out, and the item is %q", key, s, CharName(r), out)
	} else {
		w = d.Problems.Warnf(d.Pos(n), "%s: %q holds %s, which does not show; it is left out, and the value is %q", key, s, CharName(r), out)
	}
	UnseenHint(w, s, i)
	return out
}

// quoted returns s without a pair of Chinese quotation marks, “” or ‘’,
// around all of it. 新时代“枫桥经验”, quoting a part, is left alone.
func quoted(s string) (string, bool) {
	for _, q := range [][2]string{{"“", "”"}, {"‘", "’"}} {
		inner, ok := strings.CutPrefix(s, q[0])
		if !ok {
			continue
		}
		inner, ok = strings.CutSuffix(inner, q[1])
		if ok && !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
			return strings.TrimSpace(inner), true
		}
	}
	return s, false
}

// brackets are the pairs of Chinese brackets a writer may put around a
// list; 【】 are separators as well (see [Decoder.Strings]).
var brackets = [][2]string{{"【", "】"}, {"「", "」"}, {"『", "』"}, {"［", "］"}}

// unbracket returns s without a pair of Chinese brackets around all of it.
func unbracket(s string) string {
	s = strings.TrimSpace(s)
	for _, b := range brackets {
		if inner, ok := strings.CutPrefix(s, b[0]); ok {
			if inner, ok := strings.CutSuffix(inner, b[1]); ok {
				return inner
			}
		}
	}
	return s
}

// splitList splits s at the runes sep reports, then, when words is true,
// each part at white space when every piece holds a Chinese character. It
// drops empty parts.
func splitList(s string, sep func(rune) bool, words bool) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, sep) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		pieces := strings.Fields(part)
		if words && len(pieces) > 1 && !slices.ContainsFunc(pieces, func(w string) bool { return !hasHan(w) }) {
			out = append(out, pieces...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// Int decodes a whole number, in ASCII or full-width digits.
func (d *Decoder) Int(n *yaml.Node, key any) (int, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		i, err := strconv.Atoi(strings.ReplaceAll(HalfWidth(n.Value), "_", ""))
		if err == nil {
			return i, true
		}
		if errors.Is(err, strconv.ErrRange) {
			// It said "expected a whole number" of one.
			format := "%s: %s is too large"
			if strings.HasPrefix(strings.TrimSpace(HalfWidth(n.Value)), "-") {
				format = "%s: %s is too small"
			}
			d.Errorf(n, format, key, n.Value).WithHint("write a whole number of a few digits, such as 20")
			return 0, false
		}
	}
	d.Errorf(n, "%s: expected a whole number, found %s", key, describe(n)).
		WithHint("write a whole number in digits, such as 20")
	return 0, false
}

// Float decodes a number, in ASCII or full-width digits. Thousands
// separators are not numbers: "1,000" is reported.
func (d *Decoder) Float(n *yaml.Node, key any) (float64, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(HalfWidth(n.Value), "_", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f, true
		}
	}
	p := d.Errorf(n, "%s: expected a number, found %s", key, describe(n))
	if plain := strings.NewReplacer(",", "", "，", "").Replace(n.Value); n.Kind == yaml.ScalarNode && plain != n.Value {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			p.WithHint("write the number without separators: %s", plain)
			return 0, false
		}
	}
	p.WithHint("write the number alone, such as 4.8, and put its unit in unit")
	return 0, false
}

// Bool decodes true or false (YAML's yes/no/on/off are not booleans in YAML
// 1.2 and are reported).
func (d *Decoder) Bool(n *yaml.Node, key any) (bool, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	d.Errorf(n, "%s: expected true or false, found %s", key, describe(n)).
		WithHint("write true or false, in English letters")
	return false, false
}

// Any decodes a node into plain Go values for templates: string, int, float64,
// bool, nil, []any and map[string]any. key names the value in problems. A
// value that holds itself through an alias ("a: &a [*a]"), or whose aliases
// expand to more than [MaxValues] values, is reported and decoded as nil.
func (d *Decoder) Any(n *yaml.Node, key any) any {
	a := &anyDecoder{budget: MaxValues, active: map[*yaml.Node]bool{}}
	v := a.decode(n)
	switch {
	case a.cycle:
		d.Errorf(n, "%s: the value holds itself through an alias", key).
			WithHint("write the value out without & and *")
		return nil
	case a.budget < 0:
		d.Errorf(n, "%s: the aliases of the value expand to more than %d values", key, MaxValues).
			WithHint("write the value out without & and *")
		return nil
	}
	return v
}

// MaxValues is the most values Any decodes from one node, aliases expanded.
const MaxValues = 100_000

type anyDecoder struct {
	budget int                 // values left to decode
	active map[*yaml.Node]bool // alias targets being decoded
	cycle  bool
}

func (a *anyDecoder) decode(n *yaml.Node) any {
	if a.budget--; a.budget < 0 || a.cycle {
		return nil
	}
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		if a.active[n.Alias] {
			a.cycle = true
			return nil
		}
		a.active[n.Alias] = true
		defer delete(a.active, n.Alias)
		return a.decode(n.Alias)
	}
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		return v
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = a.decode(c)
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = a.decode(n.Content[i+1])
		}
		return out
	}
	return nil
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names the kind of a node for a message: "a list", "a mapping",
// "the text \"abc\"", "nothing".
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		v := n.Value
		if r := []rune(v); len(r) > 30 {
			v = string(r[:30]) + "…"
		}
		return strconv.Quote(v)
	}
	return "nothing"
}

// SyntaxLine splits a YAML syntax error into its line (1-based within the
// document; 0 if the message has none) and its message without the "yaml: "
// and "line N: " prefixes.
func SyntaxLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	// yaml.v3 gives the line of a scanner error 1-based but that of a parser
	// error 0-based (and none at all for line 0): the line where the list or
	// mapping holding the error starts, less one.
	if parserProblems[msg] {
		line++
	}
	return line, msg
}

// parserProblems are the messages of yaml.v3's parser errors (parserc.go).
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"herald/generator/diag"
)

// An action is one {{…}} of a template's text, as scanActions finds it.
type action struct {
	line       int    // the line it opens on, from 1
	start, end int    // its bytes in the text, from {{ to past }}
	keyword    string // its first word when it is "if", "range", "with", "define", "block", "else" or "end"; "" for any other
	unclosed   bool   // no }} ends it before the next {{ or the end of the text
}

// scanActions returns the actions of a template's text in order, reading
// it as text/template's lexer does, with the default delimiters: a
// comment {{/* … */}} is no action, and a quoted string, raw or not, or a
// character constant may hold braces. It is no parser: it finds where a
// template that does not parse went wrong (a block with no {{end}}, an
// action with no }}), which the parser's message does not say. An action
// ends at its }}, or, unclosed, where the next {{ opens or the text ends.
func scanActions(src string) []action {
	var out []action
	line := 1
	for i := 0; i < len(src); {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			break
		}
		line += strings.Count(src[i:i+j], "\n")
		i += j + 2
		a := action{line: line, start: i - 2}
		k := i
		if strings.HasPrefix(src[k:], "- ") || strings.HasPrefix(src[k:], "-\t") || strings.HasPrefix(src[k:], "-\n") || strings.HasPrefix(src[k:], "-\r") {
			k++ // a trim marker
		}
		body := strings.TrimLeft(src[k:], " \t\r\n")
		if strings.HasPrefix(body, "/*") {
			// A comment: it ends at */, then }}.
			start := len(src) - len(body)
			end := strings.Index(src[start+2:], "*/")
			if end < 0 {
				break // unclosed: the parser says so
			}
			next := start + 2 + end + 2
			line += strings.Count(src[i:next], "\n")
			i = next
			continue
		}
		a.keyword = firstWord(body)
		// Find the }} that ends it, past quoted strings.
		end := -1
	scan:
		for k < len(src) {
			switch c := src[k]; c {
			case '}':
				if strings.HasPrefix(src[k:], "}}") {
					end = k
					break scan
				}
				k++
			case '{':
				if strings.HasPrefix(src[k:], "{{") {
					break scan // the next action: this one has no }}
				}
				k++
			case '"', '\'':
				// Up to the closing quote, past escapes; a quoted
				// string ends at the line's end, closed or not.
				k++
				for k < len(src) && src[k] != c && src[k] != '\n' {
					if src[k] == '\\' && k+1 < len(src) && src[k+1] != '\n' {
						k++
					}
					k++
				}
				if k < len(src) && src[k] == c {
					k++
				}
			case '`':
				if n := strings.IndexByte(src[k+1:], '`'); n >= 0 {
					k += n + 2
				} else {
					k = len(src)
				}
			default:
				k++
			}
		}
		if end < 0 {
			a.unclosed = true
			end = k
		} else {
			end += 2
		}
		a.end = end
		out = append(out, a)
		line += strings.Count(src[i:end], "\n")
		i = end
	}
	return out
}

// firstWord returns the keyword an action's text starts with, or "".
func firstWord(body string) string {
	n := 0
	for n < len(body) && (body[n] >= 'a' && body[n] <= 'z') {
		n++
	}
	w := body[:n]
	if n < len(body) {
		// A keyword ends where the lexer's identifier does: ifx is none.
		if c := body[n]; c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80 {
			return ""
		}
	}
	switch w {
	case "if", "range", "with", "define", "block", "else", "end":
		return w
	}
	return ""
}

// opens reports whether the action opens a block, which {{end}} closes.
func (a action) opens() bool {
	switch a.keyword {
	case "if", "range", "with", "define", "block":
		return true
	}
	return false
}

// defines reports whether the action opens a template of its own:
// {{define}} or {{block}}.
func (a action) defines() bool { return a.keyword == "define" || a.keyword == "block" }

// pairs pairs the blocks of actions as the parser does, each {{end}} with
// the latest block open: ends[i] is the index of the {{end}} of the block
// that opens at actions[i], or -1; open are the blocks no {{end}} closes,
// outermost first.
func pairs(actions []action) (ends []int, open []int) {
	ends = make([]int, len(actions))
	for i, a := range actions {
		ends[i] = -1
		switch {
		case a.opens():
			open = append(open, i)
		case a.keyword == "end" && len(open) > 0:
			ends[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
	}
	return ends, open
}

// unclosedBlock returns the block of actions that lacks its {{end}}: the
// innermost that no {{end}} closes, as the parser pairs them. When that
// holds other blocks (a {{define}} holds them all), the {{end}} missing is
// more likely an inner block's, which took the next {{end}} for its own,
// its outer blocks each the next one: of the first nest of inner blocks
// whose text, so paired, does not close the HTML elements it opens, or
// closes others, the innermost is taken for it (a trial: an {{if}} of
// story.html with no {{end}} was told at its {{define}}, 14 lines up).
// outer is then the block left open.
func unclosedBlock(src string, actions []action) (a action, outer action, ok bool) {
	ends, open := pairs(actions)
	if len(open) == 0 {
		return action{}, action{}, false
	}
	last := open[len(open)-1]
	a = actions[last]
	// The blocks that took another's {{end}} nest, from the one that lacks
	// its own out: the innermost of the first such nest.
	found := -1
	for i := last + 1; i < len(actions); i++ {
		if found >= 0 && actions[i].start > actions[ends[found]].start {
			break // past the nest
		}
		if ends[i] >= 0 && !balanced(src, actions[i+1:ends[i]], actions[i].end, actions[ends[i]].start) {
			found = i
		}
	}
	if found >= 0 {
		return actions[found], a, true
	}
	return a, action{}, true
}

var (
	tagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>`)
	// void are the HTML elements that have no end tag.
	void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
)

// balanced reports whether the text of src from start to end, without the
// inner actions, closes every HTML element it opens, and no other.
func balanced(src string, inner []action, start, end int) bool {
	var text strings.Builder
	at := start
	for _, a := range inner {
		text.WriteString(src[at:a.start])
		text.WriteString("x") // an action in an attribute's value
		at = a.end
	}
	text.WriteString(src[at:end])
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(text.String(), -1) {
		name := strings.ToLower(m[2])
		switch {
		case m[1] == "/":
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return false
			}
			stack = stack[:len(stack)-1]
		case m[3] == "/" || void[name]:
		default:
			stack = append(stack, name)
		}
	}
	return len(stack) == 0
}

// unclosedAction returns the first action with no }} that opens on line or
// before it, or on any line when line is 0.
func unclosedAction(actions []action, line int) (action, bool) {
	for _, a := range actions {
		if a.unclosed && (line == 0 || a.line <= line) {
			return a, true
		}
	}
	return action{}, false
}

var (
	strayRE   = regexp.MustCompile(`^(?:bad character U\+([0-9A-F]+)(?: '.*')?|unrecognized character in action: U\+([0-9A-F]+)(?: '.*')?|unexpected ("(?:[^"\\]|\\.)*") in operand|unclosed action)$`)
	missingRE = regexp.MustCompile(`^missing value for (if|range|with)$`)
	undefRE   = regexp.MustCompile(`^undefined variable "(\$[^"]*)"$`)
)

// syntaxProblem adds to l the problem of a template that does not parse:
// text is the parser's message, pos the file and line it names, and src
// the file's text. The messages Go gives for the slips of a hand editing
// HTML say neither what is missing nor where it began: "unexpected EOF"
// at the file's end for an {{if}} with no {{end}}, "bad character U+003C
// '<'" for an action with no }}, the HTML after it read as its words. nil
// when text is none of those it knows.
func syntaxProblem(l *diag.List, pos diag.Pos, text, src string) *diag.Problem {
	actions := scanActions(src)
	switch {
	case text == "unexpected EOF", text == "unexpected <define> in command" || text == "unexpected <block> in command":
		// A {{define}} inside another: the one before it is not closed
		// (a trial: an {{if}} of story.html's "head" with no {{end}} was
		// told at the {{define "main"}} after it).
		before := actions
		for i, a := range actions {
			if text != "unexpected EOF" && a.line == pos.Line && a.defines() {
				before = actions[:i]
				break
			}
		}
		if a, outer, ok := unclosedBlock(src, before); ok {
			pos.Line = a.line
			var p *diag.Problem
			if outer.keyword != "" {
				p = l.Errorf(pos, "syntax error: {{%s}} seems to have no {{end}}: it takes the next one for its own, and the {{%s}} of line %d is left open", a.keyword, outer.keyword, outer.line)
			} else {
				p = l.Errorf(pos, "syntax error: {{%s}} has no {{end}}", a.keyword)
			}
			return p.WithHint("add {{end}} where the %s should stop: each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} ends with one", a.keyword)
		}
		if a, ok := unclosedAction(actions, 0); ok {
			pos.Line = a.line
			return l.Errorf(pos, "syntax error: this {{ has no }} to close it").
				WithHint("close the action with }}, as in {{.Title}}")
		}
	case strayRE.MatchString(text):
		met := strayChar(strayRE.FindStringSubmatch(text))
		switch r, _ := utf8.DecodeRuneInString(met); {
		case met == "｛" || met == "｝":
			return l.Errorf(pos, "syntax error: a full-width %s inside an action", met).
				WithHint("braces typed in full width, ｛ and ｝, are text: an action is written with ASCII braces, {{ and }}")
		case met == "\u3000":
			return l.Errorf(pos, "syntax error: a full-width space inside an action").
				WithHint("separate an action's words with half-width spaces: switch the input method to half width")
		case met != "" && (!unicode.IsGraphic(r) || unicode.IsSpace(r)):
			return l.Errorf(pos, "syntax error: an invisible character, %s, inside an action", fmt.Sprintf("%U", r)).
				WithHint("delete it: such characters come with text pasted from web pages and documents")
		}
		a, ok := unclosedAction(actions, pos.Line)
		if ok {
			pos.Line = a.line
		}
		var p *diag.Problem
		switch {
		case badBraceRE.MatchString(text) && ok:
			p = l.Errorf(pos, "syntax error: this {{ is closed with a single }")
		case badBraceRE.MatchString(text):
			// A }} further on closes the action: the } may be one
			// too few or one too many ({{.Title}</p><p>{{.Summary}},
			// {{.Title}x}}).
			p = l.Errorf(pos, "syntax error: a single } inside an action")
		case !ok:
			return nil
		case met == "":
			p = l.Errorf(pos, "syntax error: this {{ has no }} to close it before the file ends")
		default:
			p = l.Errorf(pos, "syntax error: this {{ has no }} to close it, and runs on into the %s after it", met)
		}
		return p.WithHint("close the action with }}, as in {{.Title}}")
	case text == "unexpected {{end}}":
		return l.Errorf(pos, "syntax error: {{end}} with no block open").
			WithHint("remove it, or add the {{if}}, {{range}} or {{with}} it should close")
	case text == "unexpected {{else}}":
		return l.Errorf(pos, "syntax error: {{else}} outside an {{if}}, {{with}} or {{range}}").
			WithHint("put it between the {{if}} and its {{end}}, as in {{if .Config.Copyright}}…{{else}}…{{end}}")
	case text == "unclosed comment":
		return l.Errorf(pos, "syntax error: a comment {{/* with no */}}").
			WithHint("close the comment with */}}")
	case text == "comment ends before closing delimiter", text == `unexpected "/" in command` && strings.Contains(lineOf(src, pos.Line), "/*"):
		return l.Errorf(pos, "syntax error: %s", text).
			WithHint("write a comment as {{/* … */}}: /* right after {{, and }} right after */ (or {{- /* … */ -}}, with one space each side)")
	case text == "unterminated quoted string", text == "unterminated raw quoted string":
		return l.Errorf(pos, "syntax error: %s", text).
			WithHint("close the text with the quote it opens with, before }}")
	}
	if m := missingRE.FindStringSubmatch(text); m != nil {
		// Examples that run on every page: .Story is nil on a list's
		// (a trial: the hint's own example failed in a footer).
		example := map[string]string{"if": "{{if .Config.Copyright}}", "range": "{{range .Site.Categories}}", "with": "{{with .Config.Copyright}}"}[m[1]]
		return l.Errorf(pos, "syntax error: {{%s}} with nothing to test", m[1]).
			WithHint("give it a value, as in %s", example)
	}
	if m := undefRE.FindStringSubmatch(text); m != nil {
		if end, outer, ok := closedEarly(src, actions, m[1], pos.Line); ok {
			use := pos.Line
			pos.Line = end.line
			return l.Errorf(pos, "syntax error: this {{end}} closes the {{%s}} of line %d, where %s is defined, and line %d uses %s after it", outer.keyword, outer.line, m[1], use, m[1]).
				WithHint("remove this {{end}} if it is one too many: each {{end}} closes the latest {{if}}, {{range}}, {{with}}, {{block}} or {{define}} still open")
		}
		return l.Errorf(pos, "syntax error: %s is not defined here", m[1]).
			WithHint("define it first, as in {{%s := .Title}}; a variable defined inside an {{if}}, {{range}} or {{with}} ends at its {{end}}, and $ alone is the page", m[1])
	}
	return nil
}

// strayChar returns the character a match of strayRE names: by its code
// point (bad character U+003C '<'), or as the parser quoted it (unexpected
// "\\" in operand); "" for none, the file's end.
func strayChar(m []string) string {
	if code := m[1] + m[2]; code != "" {
		r, err := strconv.ParseUint(code, 16, 32)
		if err != nil {
			return ""
		}
		return string(rune(r))
	}
	if m[3] != "" {
		if s, err := strconv.Unquote(m[3]); err == nil {
			return s
		}
		return m[3]
	}
	return ""
}

// lineOf returns line n of src, from 1; "" past the end.
func lineOf(src string, n int) string {
	for i, l := range strings.Split(src, "\n") {
		if i+1 == n {
			return l
		}
	}
	return ""
}

// closedEarly finds, for the variable name that line uses outside any block
// that defines it, whether the {{define}} or {{block}} that does define it
// before line was closed by an {{end}} before line: an {{end}} too many
// inside it closes it early (a trial: "$s is not defined here" at the
// line that used it, ten lines after the {{end}} too many). It returns
// that {{end}} and the block.
func closedEarly(src string, actions []action, name string, line int) (end, outer action, ok bool) {
	decl := regexp.MustCompile(`(?:^|[^\w$])` + regexp.QuoteMeta(name) + `\s*(?:,\s*\$\w*\s*)?:=|,\s*` + regexp.QuoteMeta(name) + `\s*:=`)
	d := -1
	for i, a := range actions {
		if a.line <= line && decl.MatchString(src[a.start:a.end]) {
			d = i
		}
	}
	if d < 0 {
		return action{}, action{}, false
	}
	ends, _ := pairs(actions)
	b := -1 // the innermost block around the definition
	for i := 0; i < d; i++ {
		if (ends[i] < 0 || ends[i] > d) && actions[i].opens() {
			b = i
		}
	}
	if b < 0 || ends[b] < 0 || actions[ends[b]].line > line || !actions[b].defines() {
		return action{}, action{}, false
	}
	return actions[ends[b]], actions[b], true
}

// fullWidthActions warns of the lines of a template's text where braces
// typed in full width (an input method's ｛｛ and ｝｝) stand where an
// action should: they parse as text, and the page shows them as typed.
func fullWidthActions(l *diag.List, file, src string) {
	for i, line := range strings.Split(src, "\n") {
		if strings.Contains(line, "｛｛") || strings.Contains(line, "｝｝") {
			l.Warnf(diag.Pos{File: file, Line: i + 1}, "full-width braces ｛｛ or ｝｝ are shown as text, not run as an action").
				WithHint("write the action with ASCII braces, {{ and }}")
		}
	}
}

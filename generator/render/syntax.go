package render

import (
	"regexp"
	"strings"

	"herald/generator/diag"
)

// An action is one {{…}} of a template's text, as scanActions finds it.
type action struct {
	line     int    // the line it opens on, from 1
	keyword  string // its first word when it is one of blockWords, "else" or "end"; "" for any other
	unclosed bool   // no }} ends it before the next {{ or the end of the text
}

// blockWords are the actions that open a block, which {{end}} closes.
var blockWords = []string{"if", "range", "with", "define", "block"}

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
		a := action{line: line}
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

// unclosedBlock returns the innermost block of actions that no {{end}}
// closes, as the parser pairs them: each {{end}} the latest block open.
func unclosedBlock(actions []action) (action, bool) {
	var open []action
	for _, a := range actions {
		switch a.keyword {
		case "if", "range", "with", "define", "block":
			open = append(open, a)
		case "end":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return action{}, false
	}
	return open[len(open)-1], true
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
	strayRE     = regexp.MustCompile(`^(?:bad character U\+[0-9A-F]+ '.*'|unrecognized character in action: U\+[0-9A-F]+ '.*'|unexpected ".*" in operand|unclosed action)$`)
	fullWidthRE = regexp.MustCompile(`U\+FF5[BD]`)
	missingRE   = regexp.MustCompile(`^missing value for (if|range|with)$`)
	undefRE     = regexp.MustCompile(`^undefined variable "(\$[^"]*)"$`)
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
	case text == "unexpected EOF":
		if a, ok := unclosedBlock(actions); ok {
			pos.Line = a.line
			return l.Errorf(pos, "syntax error: {{%s}} has no {{end}}", a.keyword).
				WithHint("add {{end}} where the %s should stop: each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} ends with one", a.keyword)
		}
		if a, ok := unclosedAction(actions, 0); ok {
			pos.Line = a.line
			return l.Errorf(pos, "syntax error: this {{ has no }} to close it").
				WithHint("close the action with }}, as in {{.Title}}")
		}
	case strayRE.MatchString(text):
		if fullWidthRE.MatchString(text) {
			return l.Errorf(pos, "syntax error: %s", text).
				WithHint("braces typed in full width, ｛ and ｝, are text: an action is written with ASCII braces, {{ and }}")
		}
		if a, ok := unclosedAction(actions, pos.Line); ok {
			pos.Line = a.line
			return l.Errorf(pos, "syntax error: this {{ has no }} to close it (%s)", text).
				WithHint("close the action with }}, as in {{.Title}}")
		}
		if badBraceRE.MatchString(text) {
			return l.Errorf(pos, "syntax error: %s", text).
				WithHint("close the action with }}, as in {{.Title}}")
		}
	case text == "unexpected {{end}}":
		return l.Errorf(pos, "syntax error: {{end}} with no block open").
			WithHint("remove it, or add the {{if}}, {{range}} or {{with}} it should close")
	case text == "unexpected {{else}}":
		return l.Errorf(pos, "syntax error: {{else}} outside an {{if}}, {{with}} or {{range}}").
			WithHint("put it between the {{if}} and its {{end}}, as in {{if .Story.Cover}}…{{else}}…{{end}}")
	case text == "unclosed comment":
		return l.Errorf(pos, "syntax error: a comment {{/* with no */}}").
			WithHint("close the comment with */}}")
	case text == "unterminated quoted string", text == "unterminated raw quoted string":
		return l.Errorf(pos, "syntax error: %s", text).
			WithHint("close the text with the quote it opens with, before }}")
	}
	if m := missingRE.FindStringSubmatch(text); m != nil {
		example := map[string]string{"if": "{{if .Story.Cover}}", "range": "{{range .Story.Tags}}", "with": "{{with .Story.Branch}}"}[m[1]]
		return l.Errorf(pos, "syntax error: {{%s}} with nothing to test", m[1]).
			WithHint("give it a value, as in %s", example)
	}
	if m := undefRE.FindStringSubmatch(text); m != nil {
		return l.Errorf(pos, "syntax error: %s is not defined here", m[1]).
			WithHint("define it first, as in {{%s := .Title}}; a variable defined inside an {{if}}, {{range}} or {{with}} ends at its {{end}}, and $ alone is the page", m[1])
	}
	return nil
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

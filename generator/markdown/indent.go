package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// indentTrimmer drops the full-width indentation that text pasted from Word
// or a newspaper brings ("　　在当前的党史学习教育中"): ideographic spaces
// (U+3000) and no-break spaces (U+00A0), with any spaces and tabs among
// them, at the start of each line of a paragraph. It runs before inline
// parsing, so the HTML, the plain text and the soft-break rule all see the
// lines without them.
//
// A line left empty is a blank line, as if it had been empty all along: it
// ends the paragraph, and the next line starts a new one. A paragraph of
// nothing else is removed.
type indentTrimmer struct{}

var _ parser.ParagraphTransformer = indentTrimmer{}

func (indentTrimmer) Transform(para *ast.Paragraph, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	lines := para.Lines()
	if !indented(source, lines) {
		return // the common case, without allocating
	}
	var parts [][]text.Segment // the paragraphs para becomes
	var cur []text.Segment
	changed := false
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		start := seg.Start
		trimmed := false
		for start < seg.Stop {
			r, n := utf8.DecodeRune(source[start:seg.Stop])
			if r == '\u3000' || r == '\u00a0' {
				trimmed = true
			} else if r != ' ' && r != '\t' {
				break
			}
			start += n
		}
		if !trimmed {
			cur = append(cur, seg)
			continue
		}
		changed = true
		// Like goldmark's own trimming of leading spaces, this drops the
		// padding a tab may have left.
		seg = text.NewSegment(start, seg.Stop)
		if len(trimLineEnd(seg.Value(source))) > 0 {
			cur = append(cur, seg)
			continue
		}
		if cur != nil {
			parts = append(parts, cur)
			cur = nil
		}
	}
	if !changed {
		return
	}
	if cur != nil {
		parts = append(parts, cur)
	}
	parent := para.Parent()
	if len(parts) == 0 {
		parent.RemoveChild(parent, para)
		return
	}
	var prev ast.Node
	for i, part := range parts {
		// goldmark trims the end of a paragraph's last line when it closes
		// the paragraph; it does not close the new ones.
		last := &part[len(part)-1]
		*last = last.TrimRightSpace(source)
		p := para
		if i > 0 {
			p = ast.NewParagraph()
			p.SetBlankPreviousLines(true)
			parent.InsertAfter(parent, prev, p)
		}
		segs := text.NewSegments()
		for _, s := range part {
			segs.Append(s)
		}
		p.SetLines(segs)
		prev = p
	}
}

// trimLineEnd returns v without its trailing spaces, tabs and line ending.
func trimLineEnd(v []byte) []byte {
	for len(v) > 0 {
		switch v[len(v)-1] {
		case ' ', '\t', '\r', '\n':
			v = v[:len(v)-1]
			continue
		}
		break
	}
	return v
}

// indented reports whether a line of the paragraph starts, after spaces and
// tabs, with an ideographic or no-break space.
func indented(source []byte, lines *text.Segments) bool {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for p := seg.Start; p < seg.Stop; {
			r, n := utf8.DecodeRune(source[p:seg.Stop])
			if r == '\u3000' || r == '\u00a0' {
				return true
			}
			if r != ' ' && r != '\t' {
				break
			}
			p += n
		}
	}
	return false
}

package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// cjkLinkify links the web addresses that follow a Chinese character or
// punctuation mark with no space between: "链接：https://example.org/a",
// "详见www.gov.cn". GFM's autolinks start only at the start of a line or
// after a space, "*", "_", "~" or "(", and Chinese writers seldom put a
// space there (a trial: the commonest way was left as plain text). The
// address ends at a space, a "<" or a character that is not ASCII, and
// loses the ASCII punctuation it ends with, as GFM's do.
type cjkLinkify struct{}

func (cjkLinkify) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	if !bytes.Contains(source, []byte("://")) && !bytes.Contains(source, []byte("www.")) {
		return // most stories: nothing to look at
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		if t.Parent() == nil {
			continue // taken into an address before it
		}
		for t != nil {
			t = linkifyText(t, source)
		}
	}
}

// linkifyText links the first address in t that follows a character that
// is not ASCII, splitting t around it, and returns the text after it for
// the next; nil when there is none.
func linkifyText(t *ast.Text, source []byte) *ast.Text {
	seg := t.Segment
	v := seg.Value(source)
	for from := 0; ; {
		start, prefix := candidate(v, from)
		if start < 0 {
			return nil
		}
		if next, ok := linkAt(t, source, start, prefix); ok {
			return next
		}
		from = start + len(prefix) // not an address: look further
	}
}

// candidate returns where in v, from from on, the first address starts
// that follows a character that is not ASCII, and its prefix; -1 for none.
func candidate(v []byte, from int) (int, string) {
	start, prefix := -1, ""
	for _, p := range []string{"https://", "http://", "www."} {
		for off := from; ; {
			i := bytes.Index(v[off:], []byte(p))
			if i < 0 {
				break
			}
			i += off
			if r, _ := utf8.DecodeLastRune(v[:i]); i > 0 && r >= utf8.RuneSelf && (start < 0 || i < start) {
				start, prefix = i, p
				break
			}
			off = i + len(p)
		}
	}
	return start, prefix
}

// linkAt links the address at start in t, with its prefix, and returns
// the text after it, nil when there is none; false when it made no link.
//
// goldmark ends a text at "_", "*", "~" and "[", and an address with one
// of them goes on in the texts after t: a WeChat article's, with
// "?__biz=", is the commonest (a trial). Those texts are taken into the
// link when they follow each other in the source. When the address runs
// into anything else (an emphasis that the "*" or "_" opened, an escaped
// character), no link is made: one to the part before it would lead to
// the wrong page.
func linkAt(t *ast.Text, source []byte, start int, prefix string) (*ast.Text, bool) {
	from := t.Segment.Start + start
	end := from
	for end < len(source) && source[end] < utf8.RuneSelf && source[end] > ' ' && source[end] != '<' {
		end++
	}
	// Trailing punctuation is the sentence's; a ")" is the address's only
	// if it closes one of its "(".
	for end > from {
		c := source[end-1]
		if bytes.IndexByte([]byte("?!.,:*_~'\";"), c) >= 0 ||
			c == ')' && bytes.Count(source[from:end], []byte("(")) < bytes.Count(source[from:end], []byte(")")) {
			end--
			continue
		}
		break
	}
	if end-from <= len(prefix) {
		return nil, false // "http://" or "www." with no name after it
	}
	if bytes.IndexByte(source[from:end], '\\') >= 0 {
		return nil, false // an escape: the page shows the address without it
	}
	www := prefix == "www."
	rest := source[from+len(prefix) : end]
	if dot := bytes.IndexByte(rest, '.'); !isAlnum(rest[0]) || www && (dot <= 0 || dot == len(rest)-1) {
		return nil, false // not a name: "www." needs one with a dot, "www.gov.cn"
	}
	last := t // the text the address ends in
	for last.Segment.Stop < end {
		next, ok := last.NextSibling().(*ast.Text)
		if !ok || next.Segment.Start != last.Segment.Stop {
			return nil, false
		}
		last = next
	}
	parent := t.Parent()
	link := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(from, end)))
	if www {
		link.Protocol = []byte("http")
	}
	parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(t.Segment.Start, from)))
	parent.InsertBefore(parent, t, link)
	for n := ast.Node(t); n != last; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		n = next
	}
	// The text after the address keeps the text's line break (it may be
	// empty).
	last.Segment = text.NewSegment(end, last.Segment.Stop)
	if last.Segment.IsEmpty() {
		return nil, true
	}
	return last, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

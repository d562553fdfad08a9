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
// the text after it, nil when t ends there; false when it made no link. It
// makes no
// link when the address goes on past the end of t in the source: goldmark
// ends a text at "_", "*", "~" or "[", and a link to the part before it
// would lead to the wrong page (a review: a WeChat article's address, with
// "?__biz=", became a link to mp.weixin.qq.com/s).
func linkAt(t *ast.Text, source []byte, start int, prefix string) (*ast.Text, bool) {
	seg := t.Segment
	v := seg.Value(source)
	end := start
	for end < len(v) && v[end] < utf8.RuneSelf && v[end] > ' ' && v[end] != '<' {
		end++
	}
	if end == len(v) && seg.Stop < len(source) {
		if c := source[seg.Stop]; c < utf8.RuneSelf && c > ' ' && c != '<' {
			return nil, false // the address goes on in the next node
		}
	}
	// Trailing punctuation is the sentence's; a ")" is the address's only
	// if it closes one of its "(".
	for end > start {
		c := v[end-1]
		if bytes.IndexByte([]byte("?!.,:*_~'\";"), c) >= 0 ||
			c == ')' && bytes.Count(v[start:end], []byte("(")) < bytes.Count(v[start:end], []byte(")")) {
			end--
			continue
		}
		break
	}
	if end-start <= len(prefix) {
		return nil, false // "http://" or "www." with no name after it
	}
	www := prefix == "www."
	rest := v[start+len(prefix) : end]
	if dot := bytes.IndexByte(rest, '.'); !isAlnum(rest[0]) || www && (dot <= 0 || dot == len(rest)-1) {
		return nil, false // not a name: "www." needs one with a dot, "www.gov.cn"
	}
	parent := t.Parent()
	before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+start))
	link := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end)))
	if www {
		link.Protocol = []byte("http")
	}
	parent.InsertBefore(parent, t, before)
	parent.InsertBefore(parent, t, link)
	// The text after the address keeps the text's line break (it may be
	// empty).
	t.Segment = text.NewSegment(seg.Start+end, seg.Stop)
	if seg.Start+end == seg.Stop {
		return nil, true
	}
	return t, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

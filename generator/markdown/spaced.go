package markdown

import (
	"bytes"
	"path"

	"github.com/yuin/goldmark/ast"
)

// spaced records, as links with Spaced set, the images and links whose
// address holds a space and is not in < >: "![照片](照片 - 副本.jpg)", a name
// Windows gives a copied file. Markdown reads none of them as an image or
// a link, and shows the text as it is written, so the writer hears of it.
// Only an address that ends in a file name counts ("[注](见下文 第二段)" is
// text), and only in the text of a block, not in code.
func (st *state) spaced(doc ast.Node) {
	body := st.src.Body
	var at []int // the offsets of the "](" of candidates
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("]("))
		if j < 0 {
			break
		}
		i += j + 2
		if _, ok := spacedDest(body[i:]); ok {
			at = append(at, i-2)
		}
	}
	if len(at) == 0 {
		return // the rule: no document of the benchmark's has one
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if _, code := n.Parent().(*ast.CodeSpan); code {
			return ast.WalkContinue, nil
		}
		for _, o := range at {
			if o < t.Segment.Start || o >= t.Segment.Stop {
				continue
			}
			dest, _ := spacedDest(body[o+2:])
			open := bytes.LastIndexByte(body[:o], '[')
			image := open > 0 && body[open-1] == '!' && bytes.IndexByte(body[open:o], '\n') < 0
			st.links = append(st.links, Link{Line: st.line(o), Dest: dest, Image: image, Spaced: true})
		}
		return ast.WalkContinue, nil
	})
}

// spacedDest returns the address that starts b, up to its ")" on the same
// line, when it holds a space, is not in < >, has no title after the
// space, and ends in a file name with an extension.
func spacedDest(b []byte) (string, bool) {
	end := bytes.IndexAny(b, ")\n")
	if end <= 0 || b[end] != ')' {
		return "", false
	}
	d := b[:end]
	sp := bytes.IndexByte(d, ' ')
	if sp <= 0 || d[0] == '<' {
		return "", false
	}
	if rest := bytes.TrimLeft(d[sp:], " "); len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'' || rest[0] == '(') {
		return "", false // a title
	}
	ext := path.Ext(string(d))
	if len(ext) < 2 || len(ext) > 6 {
		return "", false
	}
	for _, c := range ext[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "", false
		}
	}
	return string(d), true
}

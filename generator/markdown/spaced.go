package markdown

import (
	"bytes"
	"path"

	"github.com/yuin/goldmark/ast"
)

// spaced records, as links with Spaced set, the images and links whose
// address holds a space and is not in < >: "![照片](照片 - 副本.jpg)", a name
// Windows gives a copied file, or "![现场](微信图片 (2).jpg)", the name it
// gives a picture saved twice. Markdown reads none of them as an image or
// a link, and shows the text as it is written, so the writer hears of it.
// Only an address that ends in a file name counts ("[注](见下文 第二段)" is
// text), and only in the text of a block, not in code. An address on the
// writer's computer ("C:\My Pictures\a.png") is recorded as Local: in
// < > it would not work either.
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
			d, _ := spacedDest(body[o+2:])
			open := opening(body, o)
			image := open > 0 && body[open-1] == '!'
			l := Link{Line: st.line(o), Dest: d.addr, Image: image}
			if IsLocalFile(d.addr) {
				l.Local = true
			} else {
				l.Spaced = true
				alt := "说明" // for a description over lines, which a hint cannot give
				if open >= 0 && bytes.IndexByte(body[open:o], '\n') < 0 {
					alt = string(body[open+1 : o])
				}
				addr, _ := Slashed(d.addr) // in < > too, the web takes no \
				l.Fix = "[" + alt + "](<" + addr + ">" + d.title + ")"
				if image {
					l.Fix = "!" + l.Fix
				}
			}
			st.links = append(st.links, l)
		}
		return ast.WalkContinue, nil
	})
}

// opening returns the offset of the "[" that the "]" at o closes, in its
// paragraph, brackets matched and escaped ones skipped; -1 for none.
func opening(body []byte, o int) int {
	depth := 0
	for i := o - 1; i >= 0 && !(body[i] == '\n' && i > 0 && body[i-1] == '\n'); i-- {
		if body[i] != '[' && body[i] != ']' || i > 0 && body[i-1] == '\\' {
			continue
		}
		if body[i] == ']' {
			depth++
		} else if depth == 0 {
			return i
		} else {
			depth--
		}
	}
	return -1
}

// spacedAddr is what follows the "](" of a link that is not one because
// its address holds a space.
type spacedAddr struct {
	addr  string // the address, as written
	title string // what follows it: its title, with the spaces before it; or ""
}

// spacedDest returns the address that starts b, up to the ")" that ends
// it on the same line, when it holds a space, is not in < >, and ends in
// a file name with an extension. Parentheses in it are matched, as in
// "微信图片 (2).jpg)", and a title may follow it: "照片 (2).jpg "题图")".
func spacedDest(b []byte) (spacedAddr, bool) {
	if len(b) == 0 || b[0] == '<' {
		return spacedAddr{}, false
	}
	end, depth := -1, 0
	for i := 0; i < len(b) && end < 0; i++ {
		switch b[i] {
		case '\n':
			return spacedAddr{}, false
		case '\\':
			i++ // an escaped character
		case '"', '\'':
			// A title, after a space: up to its closing quote.
			if i > 0 && (b[i-1] == ' ' || b[i-1] == '\t') && depth == 0 {
				k := bytes.IndexByte(b[i+1:], b[i])
				if k < 0 {
					return spacedAddr{}, false
				}
				i += k + 1
			}
		case '(':
			depth++
		case ')':
			if depth == 0 {
				end = i
			}
			depth--
		}
	}
	if end <= 0 {
		return spacedAddr{}, false
	}
	d := b[:end]
	addr, title := d, []byte(nil)
	if t := titleStart(d); t > 0 {
		addr = bytes.TrimRight(d[:t], " \t")
		title = d[len(addr):]
	}
	if !bytes.ContainsAny(addr, " \t") || !hasExt(addr) {
		return spacedAddr{}, false
	}
	return spacedAddr{addr: string(addr), title: string(title)}, true
}

// titleStart returns where the title that ends d starts, after a space:
// "…" or '…' or (…); 0 for none.
func titleStart(d []byte) int {
	last := d[len(d)-1]
	switch last {
	case '"', '\'':
		for i := len(d) - 2; i > 0; i-- {
			if d[i] == last && (d[i-1] == ' ' || d[i-1] == '\t') {
				return i
			}
		}
	case ')':
		depth := 0
		for i := len(d) - 1; i > 0; i-- {
			switch d[i] {
			case ')':
				depth++
			case '(':
				depth--
			}
			if depth == 0 {
				if d[i-1] == ' ' || d[i-1] == '\t' {
					return i
				}
				return 0
			}
		}
	}
	return 0
}

// hasExt reports whether d ends in a file name with an extension of one
// to five letters or digits.
func hasExt(d []byte) bool {
	ext := path.Ext(string(d))
	if len(ext) < 2 || len(ext) > 6 {
		return false
	}
	for _, c := range ext[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders text with herald's soft-break rule, raw HTML
// escaped unless unsafe, and images with their sizes and lazy loading. It
// replaces goldmark's renderers for those kinds.
//
// It takes goldmark's HTML options as goldmark's own renderers do (through
// html.Config.SetOption, which goldmark calls before RegisterFuncs): the
// text writer, which the CJK extension sets to one that drops an escaped
// space, and Unsafe.
type nodeRenderer struct {
	html.Config
	images bool   // render images; false leaves them to goldmark, for tests to compare with
	sizes  string // Options.ImageSizes
}

var (
	_ renderer.NodeRenderer = (*nodeRenderer)(nil)
	_ renderer.SetOptioner  = (*nodeRenderer)(nil)
)

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
	if r.images {
		reg.Register(ast.KindImage, r.renderImage)
	}
	if !r.Unsafe {
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	}
}

func (r *nodeRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		r.Writer.RawWrite(w, value)
	} else {
		r.Writer.Write(w, value)
	}
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && !softBreakJoins(n, source):
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// softBreakJoins applies JoinBreak to the soft line break after n.
func softBreakJoins(n *ast.Text, source []byte) bool {
	return JoinBreak(textBefore(n, source), textAfter(n, source))
}

// textBefore returns the text that ends at n's soft break: n's own text, or
// when that is empty, the nearest text before it in its block.
func textBefore(n ast.Node, source []byte) []byte {
	if t, ok := n.(*ast.Text); ok {
		if v := t.Segment.Value(source); len(v) > 0 {
			return v
		}
	}
	for cur := n; cur != nil && cur.Type() != ast.TypeBlock; cur = cur.Parent() {
		for s := cur.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if v := lastText(s, source); v != nil {
				return v
			}
		}
	}
	return nil
}

// textAfter returns the text that follows n in reading order within its
// block, looking into links, emphasis and code spans.
func textAfter(n ast.Node, source []byte) []byte {
	for cur := n; cur != nil && cur.Type() != ast.TypeBlock; cur = cur.Parent() {
		for s := cur.NextSibling(); s != nil; s = s.NextSibling() {
			if v := firstText(s, source); v != nil {
				return v
			}
		}
	}
	return nil
}

func leafText(n ast.Node, source []byte) ([]byte, bool) {
	switch t := n.(type) {
	case *ast.Text:
		v := t.Segment.Value(source)
		return v, len(v) > 0
	case *ast.String:
		return t.Value, len(t.Value) > 0
	case *ast.AutoLink:
		return t.Label(source), true
	case *ast.RawHTML:
		return []byte("<"), true
	}
	return nil, false
}

func firstText(n ast.Node, source []byte) []byte {
	if v, ok := leafText(n, source); ok {
		return v
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if v := firstText(c, source); v != nil {
			return v
		}
	}
	return nil
}

func lastText(n ast.Node, source []byte) []byte {
	if v, ok := leafText(n, source); ok {
		return v
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if v := lastText(c, source); v != nil {
			return v
		}
	}
	return nil
}

// renderRawHTML shows inline HTML as text. Comments are writers' notes and
// are left out.
func (r *nodeRenderer) renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw = append(raw, seg.Value(source)...)
	}
	if !bytes.HasPrefix(raw, []byte("<!--")) {
		_, _ = w.Write(util.EscapeHTML(raw))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows a block of HTML as a paragraph of text. A block that
// is a comment is left out.
func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return ast.WalkSkipChildren, nil
	}
	var raw []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw = append(raw, seg.Value(source)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(source)...)
	}
	raw = bytes.TrimRight(raw, "\n")
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(bytes.ReplaceAll(util.EscapeHTML(raw), []byte("\n"), []byte("<br>\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

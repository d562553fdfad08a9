package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// renderImage writes an img element as goldmark's renderer/html does (the
// destination URL-escaped and dropped if dangerous, the alt text from the
// children's text, the title), then the width and height that
// Source.ImageSize knew, and loading="lazy" decoding="async" always:
//
//	<img src="/x/photo.jpg" alt="现场" title="标题" width="1200" height="800" loading="lazy" decoding="async">
func (r *nodeRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if r.Unsafe || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	r.renderAlt(w, source, n)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	if st := stateOf(n); st != nil {
		if i, ok := st.images[n]; ok && st.links[i].Width > 0 {
			l := st.links[i]
			_, _ = w.WriteString(` width="` + strconv.Itoa(l.Width) + `" height="` + strconv.Itoa(l.Height) + `"`)
		}
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async"`)
	if r.XHTML {
		_, _ = w.WriteString(" />")
	} else {
		_ = w.WriteByte('>')
	}
	return ast.WalkSkipChildren, nil
}

// renderAlt writes the text of n's descendants as goldmark's renderer/html
// writes an image's alt text, soft and hard line breaks included: herald's
// soft-break rule is for the page's text, and alt text stays as it always
// was. (goldmark's east-asian line breaks option, which herald does not
// set, is not followed.)
func (r *nodeRenderer) renderAlt(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.String:
			switch {
			case c.IsCode():
				_, _ = w.Write(c.Value)
			case c.IsRaw():
				r.Writer.RawWrite(w, c.Value)
			default:
				r.Writer.Write(w, c.Value)
			}
		case *ast.Text:
			value := c.Segment.Value(source)
			if c.IsRaw() {
				r.Writer.RawWrite(w, value)
				continue
			}
			r.Writer.Write(w, value)
			switch {
			case c.HardLineBreak() || c.SoftLineBreak() && r.HardWraps:
				if r.XHTML {
					_, _ = w.WriteString("<br />\n")
				} else {
					_, _ = w.WriteString("<br>\n")
				}
			case c.SoftLineBreak():
				_ = w.WriteByte('\n')
			}
		default:
			r.renderAlt(w, source, c)
		}
	}
}

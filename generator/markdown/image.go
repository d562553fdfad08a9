package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// renderImage writes an img element as goldmark's renderer/html does (the
// destination URL-escaped and dropped if dangerous, the alt text from the
// children's text, the title), then the width and height that
// Source.ImageSize knew, the srcset of its smaller copies (and sizes) when
// Source.ImageCopies gave it some, and loading="lazy" decoding="async"
// always:
//
//	<img src="/x/photo.jpg" alt="现场" title="标题" width="1200" height="800" srcset="/x/photo-480w.jpg 480w, /x/photo-960w.jpg 960w, /x/photo.jpg 1200w" sizes="…" loading="lazy" decoding="async">
func (r *nodeRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if r.Unsafe || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	} else {
		dest = nil
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
			if len(l.Copies) > 0 && dest != nil {
				r.renderSrcset(w, st.src.BasePath, l, dest)
			}
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

// renderSrcset writes the srcset of an image with smaller copies, each at
// its site path under the base path, escaped as a destination is, then
// the image itself at dest, its escaped destination, and its width; and
// sizes, when the options give it. A srcset's addresses hold no spaces,
// which escaping turns into %20, and none starts or ends with a comma.
func (r *nodeRenderer) renderSrcset(w util.BufWriter, base string, l Link, dest []byte) {
	if base == "" {
		base = "/"
	}
	_, _ = w.WriteString(` srcset="`)
	for _, c := range l.Copies {
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(base+strings.TrimPrefix(c.Path, "/")), true)))
		_, _ = w.WriteString(" " + strconv.Itoa(c.Width) + "w, ")
	}
	_, _ = w.Write(util.EscapeHTML(dest))
	_, _ = w.WriteString(" " + strconv.Itoa(l.Width) + `w"`)
	if r.sizes != "" {
		_, _ = w.WriteString(` sizes="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.sizes)))
		_ = w.WriteByte('"')
	}
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

package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Pasted is a piece of a document that shows otherwise than its writer
// meant, as text pasted from Word or a WeChat article does: HTML tags,
// lists and headings written as plain lines, full-width asterisks. The
// document converts all the same; a build warns of it.
type Pasted struct {
	Line int        // its line in the file
	Kind PastedKind // what it is
	Text string     // what is written: the tag ("section"), the image's address, the list's marker ("•"), the line
	Fix  string     // what to write instead, when there is one thing to write: "- 逐户核对", "## 一、摸清底数", "**加粗**"
}

// PastedKind says what a Pasted is.
type PastedKind uint8

const (
	// PastedHTML is a block of raw HTML, or a paragraph with raw HTML in
	// it, shown as text (not Options.Unsafe); Text is its first tag's
	// name ("section", "br").
	PastedHTML PastedKind = iota + 1
	// PastedHTMLTable is raw HTML with a table in it, shown as text.
	PastedHTMLTable
	// PastedHTMLImage is raw HTML with an image in it, shown as text.
	PastedHTMLImage
	// LazyImage is, with Options.Unsafe, an <img> with a data-src and no
	// src, as WeChat writes the images it loads itself: it shows
	// nothing. Text is the data-src.
	LazyImage
	// HotlinkedImage is an image on WeChat's servers (mmbiz.qpic.cn),
	// which show their images on WeChat only: an <img> with
	// Options.Unsafe, or a Markdown image. Text is the address.
	HotlinkedImage
	// PlainList is two lines or more of a paragraph that start as the
	// items of a list typed in Word do ("•", "●", "①", "1、", "（1）"):
	// they are one paragraph. Text is the first item's marker, Fix the
	// first item as a Markdown item.
	PlainList
	// IndentedText is an indented code block of Chinese text, a paragraph
	// indented by four spaces or a tab: it shows as code.
	IndentedText
	// FullWidthBold is a paragraph with full-width asterisks, "＊＊",
	// shown as they are. Fix is the first bold text, in half-width ones.
	FullWidthBold
	// FullWidthRule is a line of full-width asterisks or dashes alone,
	// "＊＊＊" or "———", shown as it is. Text is the line.
	FullWidthRule
	// PlainHeading is a top-level paragraph of one short line numbered as
	// Chinese headings are, "一、摸清底数" or "（一）议事协商": it is
	// text, and joins the automatic summary. Text is the line, Fix the
	// heading.
	PlainHeading
	// ControlChar is a control character in the text, removed: Word
	// writes one, U+000B, for a line break typed with Shift+Enter, and
	// a page may not hold one. Text is the first on its line, as
	// "U+000B".
	ControlChar
)

// controls returns body without its control characters but tab, line
// feed and carriage return: C0, DEL and C1, which a web page may not hold,
// which show as nothing or as a box, and which feeds turn into U+FFFD.
// It returns one ControlChar of each line that had one, with first the
// file line of body's first line. It returns body itself when there are
// none, as there mostly are not. Looking for them takes 6 ms on the 10 MB
// of the benchmark corpus's 2,000 stories, which take 170 ms to convert.
func controls(body []byte, first int) ([]byte, []Pasted) {
	at := func(i int) int { // the length of the control character at i, or 0
		switch c := body[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			return 1
		case c == 0xc2 && i+1 < len(body) && body[i+1] >= 0x80 && body[i+1] < 0xa0:
			return 2
		}
		return 0
	}
	i := 0
	for ; i < len(body); i++ {
		if c := body[i]; (c < 0x20 || c == 0x7f || c == 0xc2) && at(i) > 0 {
			break
		}
	}
	if i == len(body) {
		return body, nil
	}
	out := append(make([]byte, 0, len(body)), body[:i]...)
	var found []Pasted
	line := first + bytes.Count(body[:i], []byte{'\n'})
	for ; i < len(body); i++ {
		n := at(i)
		if n == 0 {
			if body[i] == '\n' {
				line++
			}
			out = append(out, body[i])
			continue
		}
		if len(found) == 0 || found[len(found)-1].Line != line {
			r, _ := utf8.DecodeRune(body[i:])
			if n == 1 {
				r = rune(body[i])
			}
			found = append(found, Pasted{Line: line, Kind: ControlChar, Text: fmt.Sprintf("U+%04X", r)})
		}
		i += n - 1
	}
	return out, found
}

// pastedBlock records what a block, about to be walked, shows otherwise
// than meant: a paragraph, the text of a tight list item, a code block or
// a block of HTML.
func (st *state) pastedBlock(n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Paragraph:
		st.pastedLines(n, source, n.Parent() != nil && n.Parent().Kind() == ast.KindDocument)
	case *ast.TextBlock:
		st.pastedLines(n, source, false)
	case *ast.CodeBlock:
		if lines := n.Lines(); lines.Len() > 0 && prose(source, lines) {
			st.pasted = append(st.pasted, Pasted{Line: st.line(lines.At(0).Start), Kind: IndentedText})
		}
	case *ast.HTMLBlock:
		if n.HTMLBlockType == ast.HTMLBlockType2 {
			return // a comment, left out of the page
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			st.pastedHTML(n, seg.Value(source), seg.Start)
		}
	}
}

// pastedRawHTML records the inline HTML n.
func (st *state) pastedRawHTML(n *ast.RawHTML, source []byte) {
	segs := n.Segments
	if segs.Len() == 0 {
		return
	}
	first := segs.At(0)
	raw := first.Value(source)
	if segs.Len() > 1 { // a tag over several lines
		raw = nil
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			raw = append(raw, seg.Value(source)...)
		}
	}
	block := n.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	st.pastedHTML(block, raw, first.Start)
}

// pastedHTML records raw HTML, raw, of the block n, found at offset at.
// Shown as text, a block is recorded once, at its first tag, with the
// kind its tables and images give it; let through, its images that show
// nothing are, once a line.
func (st *state) pastedHTML(n ast.Node, raw []byte, at int) {
	if !st.unsafe {
		if bytes.HasPrefix(raw, []byte("<!--")) {
			return // a comment, left out of the page
		}
		kind := PastedHTML
		switch {
		case containsFold(raw, "<table"):
			kind = PastedHTMLTable
		case containsFold(raw, "<img"):
			kind = PastedHTMLImage
		}
		if st.htmlAt == n && n != nil {
			// A later tag of the block: the hint for a table, or else for
			// an image, says more than the general one.
			if p := &st.pasted[st.htmlIndex]; kind == PastedHTMLTable || kind == PastedHTMLImage && p.Kind == PastedHTML {
				p.Kind = kind
			}
			return
		}
		if name := tagName(raw); name != "" {
			st.htmlAt, st.htmlIndex = n, len(st.pasted)
			st.pasted = append(st.pasted, Pasted{Line: st.line(at), Kind: kind, Text: name})
		}
		return
	}
	for i := 0; ; {
		j := indexFold(raw[i:], "<img")
		if j < 0 {
			return
		}
		i += j + len("<img")
		src, dataSrc, end := imgSources(raw[i:])
		switch {
		case len(src) == 0 && len(dataSrc) > 0:
			st.pastedImage(Pasted{Line: st.line(at + i), Kind: LazyImage, Text: string(dataSrc)})
		case hotlinked(src):
			st.pastedImage(Pasted{Line: st.line(at + i), Kind: HotlinkedImage, Text: string(src)})
		}
		i += end
	}
}

// pastedImage records p, an image that shows nothing, unless one is
// recorded on its line already.
func (st *state) pastedImage(p Pasted) {
	if last := len(st.pasted) - 1; last >= 0 && st.pasted[last].Line == p.Line {
		if k := st.pasted[last].Kind; k == LazyImage || k == HotlinkedImage {
			return
		}
	}
	st.pasted = append(st.pasted, p)
}

// pastedLines records the lines of a paragraph (or the text of a tight
// list item) written as Word writes lists and rules, and, for a top-level
// paragraph, a heading. Only the start of each line is looked at; bold
// with full-width asterisks is looked for apart (pastedStars).
func (st *state) pastedLines(n ast.Node, source []byte, top bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	items := 0
	var first Pasted // the first item
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := source[seg.Start:seg.Stop] // its padding, after a tab, is of no matter here
		for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
			v = v[1:]
		}
		if len(v) == 0 {
			continue
		}
		if r, _ := utf8.DecodeRune(v); !mayMark(r) {
			continue
		}
		v = trimLineEnd(v)
		if rule(v) {
			st.pasted = append(st.pasted, Pasted{Line: st.line(seg.Start), Kind: FullWidthRule, Text: string(v)})
			continue
		}
		if marker, rest, numbered := listMarker(v); marker != "" {
			items++
			if items == 1 {
				first = Pasted{Line: st.line(seg.Start), Kind: PlainList, Text: marker, Fix: "- " + string(rest)}
				if numbered {
					first.Fix = "1. " + string(rest)
				}
			}
		}
	}
	if items >= 2 {
		st.pasted = append(st.pasted, first)
		return
	}
	if top && lines.Len() == 1 {
		seg := lines.At(0)
		if v := bytes.TrimSpace(seg.Value(source)); headingLike(v) {
			st.pasted = append(st.pasted, Pasted{Line: st.line(seg.Start), Kind: PlainHeading, Text: string(v), Fix: "## " + string(v)})
		}
	}
}

// mayMark reports whether a line that starts with r may be an item of a
// list typed as text, or a separator line. Almost no line of text starts
// with such an r, and it is then looked at no further.
func mayMark(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isDigit(r) || r == '('
	case r >= 0x2100 && r < 0x2800: // arrows, circled numbers, box drawing, shapes, dingbats
		return true
	case r >= '０' && r <= '９':
		return true
	}
	switch r {
	case '•', '—', '（', '＊', '－', '＝', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// pastedStars records the paragraphs (and texts of tight list items)
// with full-width asterisks, "＊＊", once each, at the first line that has
// them, but for rules (pastedLines), and keeps st.pasted in the order of
// lines. It walks the document again, which Convert does only for a text
// that holds "＊": looking for it in every paragraph on the first walk
// cost more than all the other looks together, a search that stops at
// every full-width punctuation mark.
func (st *state) pastedStars(doc ast.Node, source []byte) {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v := trimLineEnd(bytes.TrimLeft(seg.Value(source), " \t"))
			if at := bytes.Index(v, fullStars); at >= 0 && !rule(v) {
				found = true
				st.pasted = append(st.pasted, Pasted{Line: st.line(seg.Start), Kind: FullWidthBold, Fix: "**" + boldText(v[at+len(fullStars):]) + "**"})
				break
			}
		}
		return ast.WalkSkipChildren, nil
	})
	if found {
		slices.SortStableFunc(st.pasted, func(a, b Pasted) int { return cmp.Compare(a.Line, b.Line) })
	}
}

var fullStars = []byte("＊＊")

// boldText returns the text up to the full-width asterisks that close it,
// or "加粗的字" when none do on the line.
func boldText(v []byte) string {
	if end := bytes.Index(v, fullStars); end > 0 {
		return string(v[:end])
	}
	return "加粗的字"
}

// rule reports whether a line is a separator typed in Word: three
// full-width asterisks or more, or two dashes (——) or more, and spaces.
func rule(v []byte) bool {
	var mark rune
	n := 0
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRune(v[i:])
		i += size
		switch r {
		case ' ', '\t', '\u3000':
			continue
		case '＊', '—', '─', '━', '－', '＝', '═':
			if mark != 0 && r != mark {
				return false
			}
			mark = r
			n++
		default:
			return false
		}
	}
	return mark == '—' && n >= 2 || n >= 3
}

// bullet reports whether r is a mark Word and WPS put before the items of
// a list, or writers type in its place.
func bullet(r rune) bool {
	switch r {
	case '•', '●', '◆', '◇', '■', '□', '▪', '▸', '►', '▶', '★', '☆', '○', '◎', '➢', '✓', '✔':
		return true
	}
	return false
}

// listMarker returns the marker a line starts with as an item of a list
// typed as text: a bullet, a circled number (①), a number and "、" (1、),
// or a number in brackets ((1), （1）, （一）, (一)); also a Chinese number
// and "、" (一、). It returns the line after the marker, and whether the
// marker is a number.
func listMarker(v []byte) (marker string, rest []byte, numbered bool) {
	r, n := utf8.DecodeRune(v)
	switch {
	case bullet(r):
		return string(v[:n]), bytes.TrimLeft(v[n:], " \t\u3000"), false
	case r >= '①' && r <= '⑳', r >= '❶' && r <= '❿', r >= '⑴' && r <= '⒇':
		return string(v[:n]), bytes.TrimLeft(v[n:], " \t\u3000"), true
	}
	if m := numberMarker(v); m > 0 {
		return string(v[:m]), bytes.TrimLeft(v[m:], " \t\u3000"), true
	}
	return "", nil, false
}

// numberMarker returns the length of the number that starts v, with its
// "、" or brackets: "1、", "１２、", "一、", "(1)", "（二）"; 0 if none
// does, or if nothing follows it.
func numberMarker(v []byte) int {
	i := 0
	switch {
	case v[0] == '(':
		i = 1
	case bytes.HasPrefix(v, []byte("（")):
		i = len("（")
	}
	open := i > 0
	digits := 0
	for i < len(v) && digits < 3 {
		r, n := utf8.DecodeRune(v[i:])
		if !isDigit(r) && !(r >= '０' && r <= '９') && !strings.ContainsRune(chineseDigits, r) {
			break
		}
		i, digits = i+n, digits+1
	}
	if digits == 0 || i == len(v) {
		return 0
	}
	// Brackets may open in one width and close in the other: "(一）".
	r, n := utf8.DecodeRune(v[i:])
	if open && r != ')' && r != '）' || !open && r != '、' || i+n == len(v) {
		return 0
	}
	return i + n
}

const chineseDigits = "一二三四五六七八九十" // and mayMark

// headingLike reports whether a line is numbered as a Chinese heading is,
// "一、", "（一）" or "(一)", then a few words, with no punctuation at its
// end that ends a sentence or a clause.
func headingLike(v []byte) bool {
	if len(v) == 0 || numberMarker(v) == 0 || utf8.RuneCount(v) > 30 {
		return false
	}
	// "1、" starts items more than headings.
	if r, _ := utf8.DecodeRune(bytes.TrimLeft(v, "(（")); !strings.ContainsRune(chineseDigits, r) {
		return false
	}
	last, _ := utf8.DecodeLastRune(v)
	return !strings.ContainsRune("。！？!?；;，,、：:…", last)
}

// prose reports whether the lines of a code block are Chinese text: wide
// characters are half of what is not a space, at least.
func prose(source []byte, lines *text.Segments) bool {
	wide, other := 0, 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(source)
		for j := 0; j < len(v); {
			r, size := utf8.DecodeRune(v[j:])
			j += size
			switch {
			case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000':
			case isWide(r) || isSharedPunct(r):
				wide++
			default:
				other++
			}
		}
	}
	return wide > 0 && wide >= other
}

// tagName returns the name of the first tag in raw, "section" for
// "<section style=…>" and "</section>", "!doctype" for "<!DOCTYPE html>";
// "" when there is none.
func tagName(raw []byte) string {
	i := bytes.IndexByte(raw, '<')
	if i < 0 {
		return ""
	}
	raw = raw[i+1:]
	raw = bytes.TrimPrefix(raw, []byte("/"))
	end := 0
	if len(raw) > 0 && (raw[0] == '!' || raw[0] == '?') {
		end++
	}
	for end < len(raw) && (isASCIILetter(raw[end]) || end > 0 && (raw[end] >= '0' && raw[end] <= '9' || raw[end] == '-')) {
		end++
	}
	return strings.ToLower(string(raw[:end]))
}

// imgSources reads the attributes of an img tag, from just after "<img",
// and returns its src and data-src and the length of what it read.
func imgSources(b []byte) (src, dataSrc []byte, end int) {
	i := 0
	for i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '/') {
			i++
		}
		if i >= len(b) || b[i] == '>' {
			break
		}
		start := i
		for i < len(b) && !bytes.ContainsRune([]byte(" \t\n\r/>="), rune(b[i])) {
			i++
		}
		name := b[start:i]
		if i == start { // a stray character
			i++
			continue
		}
		var value []byte
		if i < len(b) && b[i] == '=' {
			i++
			if i < len(b) && (b[i] == '"' || b[i] == '\'') {
				q := b[i]
				i++
				vs := i
				for i < len(b) && b[i] != q {
					i++
				}
				value = b[vs:i]
				if i < len(b) {
					i++
				}
			} else {
				vs := i
				for i < len(b) && !bytes.ContainsRune([]byte(" \t\n\r>"), rune(b[i])) {
					i++
				}
				value = b[vs:i]
			}
		}
		switch {
		case bytes.EqualFold(name, []byte("src")):
			src = bytes.TrimSpace(value)
		case bytes.EqualFold(name, []byte("data-src")):
			dataSrc = bytes.TrimSpace(value)
		}
	}
	return src, dataSrc, i
}

// hotlinked reports whether an image's address is on WeChat's image
// servers, which serve other sites an image that says so instead.
func hotlinked(dest []byte) bool {
	if !bytes.Contains(dest, []byte("qpic.cn")) && !bytes.Contains(dest, []byte("qlogo.cn")) {
		return false // the rule, without parsing
	}
	u, err := url.Parse(string(dest))
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "mmbiz.qpic.cn" || host == "mmbiz.qlogo.cn" || strings.HasSuffix(host, ".qpic.cn") && strings.HasPrefix(host, "mmbiz")
}

// containsFold reports whether b holds s, an ASCII string in lower case,
// in any case.
func containsFold(b []byte, s string) bool { return indexFold(b, s) >= 0 }

// indexFold returns the offset of the first s, an ASCII string in lower
// case that starts with "<", in b, in any case; -1 if there is none.
func indexFold(b []byte, s string) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if len(b)-i >= len(s) && strings.EqualFold(string(b[i:i+len(s)]), s) {
			// Not a longer name: "<imgs", "<tables".
			if k := i + len(s); k == len(b) || !isASCIILetter(b[k]) {
				return i
			}
		}
		i++
	}
}

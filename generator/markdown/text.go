package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// extractor collects the plain text of a document, its headings and the
// text of its top-level paragraphs (for the summary).
type extractor struct {
	src       []byte
	text      *bytes.Buffer
	lead      []string // text of top-level paragraphs, in order, without images, as far as Summarize reads
	leadRunes int      // the characters in lead
	headings  []Heading
	alts      []alt         // images met in the block being written
	buf       *bytes.Buffer // the text of the block being written
}

// alt is the alt text of an image.
type alt struct {
	text  []byte
	first bool // the image comes before any text of its block
}

func (e *extractor) walk(doc ast.Node) {
	e.text.Grow(len(e.src)) // the text is seldom longer than the Markdown
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		e.block(b, true)
	}
}

// block writes the text of a block and its children, each block on its own
// line.
func (e *extractor) block(n ast.Node, top bool) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		s := e.inlineText(n)
		// Summarize reads no paragraph after the first summaryMax
		// characters.
		if len(s) > 0 && top && e.leadRunes <= summaryMax {
			e.lead = append(e.lead, string(s))
			e.leadRunes += utf8.RuneCount(s)
		}
		e.lines(s)
		return
	case *ast.Heading:
		s := e.inlineText(n)
		id, _ := n.AttributeString("id")
		idStr, _ := id.([]byte)
		e.headings = append(e.headings, Heading{Level: n.Level, ID: string(idStr), Text: string(s)})
		e.lines(s)
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		var b []byte
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b = append(b, seg.Value(e.src)...)
		}
		e.line(bytes.TrimSpace(b))
		return
	case *ast.HTMLBlock:
		return
	case *east.TableRow, *east.TableHeader:
		var row []byte
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if s := e.inlineText(c); len(s) > 0 {
				if len(row) > 0 {
					row = append(row, ' ')
				}
				row = append(row, s...)
			}
		}
		for i := range e.alts {
			e.alts[i].first = false // a row is one line; its images follow it
		}
		e.lines(row)
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		e.block(c, false)
	}
}

func (e *extractor) line(s []byte) {
	if len(s) == 0 {
		return
	}
	e.text.Write(s)
	e.text.WriteByte('\n')
}

// lines writes the text of a block, s, as a line, and the alt text of the
// block's images as lines of their own: before s those of images that open
// the block, after it the others. So a caption is searchable without being
// glued to a sentence, and a sentence is not cut in two by an image.
func (e *extractor) lines(s []byte) {
	for _, a := range e.alts {
		if a.first {
			e.line(a.text)
		}
	}
	e.line(s)
	for _, a := range e.alts {
		if !a.first {
			e.line(a.text)
		}
	}
	e.alts = e.alts[:0]
}

// inlineText returns the text of n's inline children, trimmed (inline),
// in e.buf: valid until the next call. Most of it is copied into the text
// and needs no string of its own.
func (e *extractor) inlineText(n ast.Node) []byte {
	e.buf.Reset()
	e.inline(e.buf, n)
	return bytes.TrimSpace(e.buf.Bytes())
}

// inline writes the text of n's inline children, joining soft breaks as the
// HTML does, and adds the alt text of images to e.alts. Raw HTML and
// footnote references are left out.
func (e *extractor) inline(b *bytes.Buffer, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(e.src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte(' ')
			case c.SoftLineBreak() && !softBreakJoins(c, e.src):
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(e.src))
		case *ast.Image:
			first := len(bytes.TrimSpace(b.Bytes())) == 0
			var ab bytes.Buffer
			e.inline(&ab, c)
			if s := bytes.TrimSpace(ab.Bytes()); len(s) > 0 {
				e.alts = append(e.alts, alt{text: s, first: first})
			}
		case *ast.RawHTML, *east.FootnoteLink:
		default:
			e.inline(b, c)
		}
	}
}

// unescape returns text as goldmark's HTML writer shows it: backslash
// escapes resolved, an escaped space dropped (the CJK extension's escaped
// space) and entity and character references resolved.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	var out []byte
	start := 0
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			continue
		}
		next := v[i+1]
		if next != ' ' && !util.IsPunct(next) {
			continue
		}
		out = append(out, resolveReferences(v[start:i])...)
		if next != ' ' {
			out = append(out, next)
		}
		i++
		start = i + 1
	}
	return append(out, resolveReferences(v[start:])...)
}

func resolveReferences(v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(v))
}

// sentenceEnd holds the characters that end a sentence, and closers that may
// follow them.
const (
	sentenceEnd = "。！？!?"
	closers     = "”’」』）)\"'"
)

// summaryMax is the most characters of a summary: Summarize reads no
// paragraph that starts past it.
const summaryMax = 180

// Summarize cuts the paragraphs' text at the end of a sentence nearest to 120
// characters, between 60 and 180; paragraph ends count as sentence ends.
// Without one, it cuts at 120 characters and appends "……".
func Summarize(paragraphs []string) string {
	const target, lo, hi = 120, 60, summaryMax
	runes := make([]rune, 0, hi+8) // seldom more: see the loop
	var ends []int                 // rune counts after each sentence end
	for i, p := range paragraphs {
		if len(runes) > hi {
			break
		}
		if i > 0 && !JoinBreak([]byte(paragraphs[i-1]), []byte(p)) {
			runes = append(runes, ' ')
		}
		// Only the first hi characters can be in the summary.
		s := p[:min(len(p), 4*(hi+2))]
		for j := 0; j < len(s) && len(runes) <= hi+1; {
			c, n := utf8.DecodeRuneInString(s[j:])
			j += n
			runes = append(runes, c)
			if strings.ContainsRune(sentenceEnd, c) {
				for j < len(s) {
					c, n := utf8.DecodeRuneInString(s[j:])
					if !strings.ContainsRune(closers, c) {
						break
					}
					j += n
					runes = append(runes, c)
				}
				ends = append(ends, len(runes))
			}
		}
		if len(ends) == 0 || ends[len(ends)-1] != len(runes) {
			ends = append(ends, len(runes))
		}
	}
	if len(runes) <= target {
		return string(runes)
	}
	best := -1
	for _, e := range ends {
		if e < lo || e > hi {
			continue
		}
		if best < 0 || abs(e-target) < abs(best-target) {
			best = e
		}
	}
	if best > 0 {
		return strings.TrimSpace(string(runes[:best]))
	}
	return strings.TrimSpace(string(runes[:target])) + "……"
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Count returns the number of CJK characters and of Latin words and numbers
// in s.
func Count(s string) (chars, words int) {
	chars, words, _ = count(s)
	return chars, words
}

// count is Count, and also reports whether s holds a full-width asterisk
// (＊): Convert looks for them further only then (pastedStars).
func count(s string) (chars, words int, star bool) {
	inWord := false
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, nearly all of Chinese text
			chars++
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if !inWord {
					words++
				}
				inWord = true
				continue
			}
		case r >= 0xC0 && r < 0x1100 && unicode.IsLetter(r):
			if !inWord {
				words++
			}
			inWord = true
			continue
		case punctuation(r):
			// Neither: Chinese text has one of these every few
			// characters, and the Unicode tables take long to say so.
			star = star || r == '＊'
		case isCJK(r):
			chars++
		}
		inWord = false
	}
	return chars, words, star
}

// punctuation reports whether r is in the blocks of punctuation Chinese
// text uses (general punctuation, the CJK symbols and punctuation but for
// their ideographs, the full-width forms), which hold no character Count
// counts.
func punctuation(r rune) bool {
	return r >= 0x2000 && r <= 0x206F || r >= 0x3000 && r <= 0x3004 || r >= 0x3008 && r <= 0x3020 || r >= 0xFF00 && r <= 0xFF65
}

// isCJK reports whether r is a Chinese character, kana or Hangul.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// ReadingTime returns the minutes it takes to read chars CJK characters and
// words Latin words: 400 characters or 200 words a minute, rounded up, at
// least 1.
func ReadingTime(chars, words int) int {
	// In units of 1/400 minute: a character is 1, a word is 2.
	units := chars + 2*words
	return max(1, (units+399)/400)
}

package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// extractor collects the plain text of a document, its headings and the
// text of its top-level paragraphs (for the summary).
type extractor struct {
	src      []byte
	text     strings.Builder
	lead     []string // text of top-level paragraphs, in order
	headings []Heading
}

func (e *extractor) walk(doc ast.Node) {
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		e.block(b, true)
	}
}

// block writes the text of a block and its children, each block on its own
// line.
func (e *extractor) block(n ast.Node, top bool) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		var b strings.Builder
		e.inline(&b, n)
		s := strings.TrimSpace(b.String())
		if s != "" {
			e.line(s)
			if top {
				e.lead = append(e.lead, s)
			}
		}
		return
	case *ast.Heading:
		var b strings.Builder
		e.inline(&b, n)
		s := strings.TrimSpace(b.String())
		id, _ := n.AttributeString("id")
		idStr, _ := id.([]byte)
		e.headings = append(e.headings, Heading{Level: n.Level, ID: string(idStr), Text: s})
		e.line(s)
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		var b strings.Builder
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(e.src))
		}
		e.line(strings.TrimSpace(b.String()))
		return
	case *ast.HTMLBlock:
		return
	case *east.TableRow, *east.TableHeader:
		var cells []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			var b strings.Builder
			e.inline(&b, c)
			cells = append(cells, strings.TrimSpace(b.String()))
		}
		e.line(strings.Join(cells, " "))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		e.block(c, false)
	}
}

func (e *extractor) line(s string) {
	if s == "" {
		return
	}
	e.text.WriteString(s)
	e.text.WriteByte('\n')
}

// inline writes the text of n's inline children, joining soft breaks as the
// HTML does. Images, raw HTML and footnote references are left out.
func (e *extractor) inline(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(e.src))
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
		case *ast.Image, *ast.RawHTML, *east.FootnoteLink:
		default:
			e.inline(b, c)
		}
	}
}

// sentenceEnd holds the characters that end a sentence, and closers that may
// follow them.
const (
	sentenceEnd = "。！？!?"
	closers     = "”’」』）)\"'"
)

// Summarize cuts the paragraphs' text at the end of a sentence nearest to 120
// characters, between 60 and 180; paragraph ends count as sentence ends.
// Without one, it cuts at 120 characters and appends "……".
func Summarize(paragraphs []string) string {
	const target, lo, hi = 120, 60, 180
	var runes []rune
	var ends []int // rune counts after each sentence end
	for i, p := range paragraphs {
		if len(runes) > hi {
			break
		}
		if i > 0 && !JoinBreak([]byte(paragraphs[i-1]), []byte(p)) {
			runes = append(runes, ' ')
		}
		r := []rune(p)
		for i := 0; i < len(r); i++ {
			runes = append(runes, r[i])
			if strings.ContainsRune(sentenceEnd, r[i]) {
				for i+1 < len(r) && strings.ContainsRune(closers, r[i+1]) {
					i++
					runes = append(runes, r[i])
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
	inWord := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= 0xC0 && r < 0x1100 && unicode.IsLetter(r):
			if !inWord {
				words++
			}
			inWord = true
			continue
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			chars++
		}
		inWord = false
	}
	return chars, words
}

// ReadingTime returns the minutes it takes to read chars CJK characters and
// words Latin words: 400 characters or 200 words a minute, rounded up, at
// least 1.
func ReadingTime(chars, words int) int {
	// In units of 1/400 minute: a character is 1, a word is 2.
	units := chars + 2*words
	return max(1, (units+399)/400)
}

package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkEmphasis is a goldmark extension that parses "*" and "_" emphasis with
// the CJK-friendly amendments to CommonMark's flanking rules
// (https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md,
// commonmark/commonmark-spec#650), so that
//
//	社区**“红色周末”**集市
//	**第一步：**入户调查
//	**（一）摸清底数。**支部党员
//
// are bold. CommonMark refuses them because the run between a letter and a
// punctuation mark is not flanking on that side. Text without CJK characters
// and variation selectors parses exactly as with goldmark's own emphasis
// parser: see [flanking].
var cjkEmphasis goldmark.Extender = emphasisExtension{}

type emphasisExtension struct{}

func (emphasisExtension) Extend(m goldmark.Markdown) {
	// goldmark's emphasis parser has priority 500 and, like this one, takes
	// every run of "*" or "_" it is offered, so with a smaller number this
	// one runs first and goldmark's never gets a run.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(emphasisParser{}, 450)))
}

// emphasisParser turns a run of "*" or "_" into a goldmark delimiter whose
// CanOpen and CanClose come from [flanking]. goldmark matches the
// delimiters (parser.ProcessDelimiters) as it matches its own.
type emphasisParser struct{}

var _ parser.InlineParser = emphasisParser{}

func (emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 || !emphasisDelimiters.IsDelimiter(line[0]) {
		return nil
	}
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	before := classBefore(block.PrecendingCharacter(), block.Source(), seg)
	after := classAfter(line[n:])
	left, right := flanking(before, after)
	canOpen, canClose := left, right
	if c == '_' {
		// No intraword emphasis with "_": a run flanking on both sides opens
		// only after punctuation and closes only before it.
		canOpen = left && (!right || before.isPunct())
		canClose = right && (!left || after.isPunct())
	}
	d := parser.NewDelimiter(canOpen, canClose, n, c, emphasisDelimiters)
	d.Segment = seg.WithStop(seg.Start + n)
	block.Advance(n)
	pc.PushDelimiter(d)
	return d
}

// emphasisDelimiters makes emphasis of matched runs of the same character.
var emphasisDelimiters parser.DelimiterProcessor = emphasisProcessor{}

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// charClass is what the flanking rules need to know of the character next
// to a delimiter run.
type charClass int

const (
	classOther    charClass = iota // letters, digits and marks that are not CJK
	classSpace                     // Unicode white space, and the start or end of the line
	classPunct                     // punctuation and symbols (Unicode P and S) that are not CJK
	classCJK                       // CJK characters that are not punctuation: 中, か, 한, Ａ
	classCJKPunct                  // CJK punctuation: ，。：（）《》, and shared punctuation (“”…—) on the CJK side
)

// isPunct reports whether CommonMark counts the class as punctuation.
func (c charClass) isPunct() bool { return c == classPunct || c == classCJKPunct }

// flanking reports whether a delimiter run between characters of the
// classes before and after is left-flanking and right-flanking.
//
// CommonMark's rule: a run is left-flanking when it is not followed by white
// space, and either not followed by punctuation or preceded by white space or
// punctuation; right-flanking is the mirror image. With the CJK-friendly
// amendments, CJK punctuation inside the run does not count against it, and
// a CJK character outside counts as punctuation does:
//
//   - left-flanking: not followed by white space, and either not followed by
//     non-CJK punctuation or preceded by anything but a letter, digit or
//     mark that is not CJK (by white space, punctuation of either kind, a
//     CJK character);
//   - right-flanking: the mirror image.
//
// The amendments only make more runs flanking, and only runs with a CJK
// character or CJK punctuation beside them: with classOther, classSpace and
// classPunct alone this is CommonMark's rule.
func flanking(before, after charClass) (left, right bool) {
	left = after != classSpace && (after != classPunct || before != classOther)
	right = before != classSpace && (before != classPunct || after != classOther)
	return left, right
}

// classBefore classifies r, the character before a delimiter run that
// starts at seg in source. It looks one or a few characters further back
// for variation selectors and for shared punctuation (see isSharedPunct).
func classBefore(r rune, source []byte, seg text.Segment) charClass {
	if seg.Padding != 0 || seg.Start > len(source) {
		return classOf(r)
	}
	rest := source[:seg.Start]
	if len(rest) > 0 {
		if last, n := utf8.DecodeLastRune(rest); last == r {
			rest = rest[:len(rest)-n]
		} else {
			rest = nil
		}
	}
	switch {
	case isIdeographicVS(r):
		return classCJK // follows an ideograph
	case isGeneralVS(r):
		// A CJK character with a variation selector is that CJK character;
		// so is a curly quote with U+FE01, its full-width form. Any other
		// selector stays a mark, as CommonMark sees it.
		base, _ := utf8.DecodeLastRune(rest)
		if isCJKChar(base) {
			return classOf(base)
		}
		if r == 0xFE01 && isSharedPunct(base) {
			return classCJKPunct
		}
		return classOther
	case isSharedPunct(r):
		// Skip a run of shared punctuation (”’, ……, ——) to the character it
		// is written against.
		for i := 0; i < 8 && len(rest) > 0; i++ {
			prev, n := utf8.DecodeLastRune(rest)
			if !isSharedPunct(prev) {
				if isCJKChar(prev) {
					return classCJKPunct
				}
				break
			}
			rest = rest[:len(rest)-n]
		}
		return classPunct
	}
	return classOf(r)
}

// classAfter classifies the character at the start of rest, the line after
// a delimiter run. Shared punctuation followed by a CJK character, or by
// U+FE01 (the full-width form of a curly quote), is CJK punctuation.
func classAfter(rest []byte) charClass {
	if len(rest) == 0 {
		return classSpace
	}
	r, n := utf8.DecodeRune(rest)
	if isSharedPunct(r) {
		rest = rest[n:]
		for i := 0; i < 8 && len(rest) > 0; i++ {
			next, n := utf8.DecodeRune(rest)
			if !isSharedPunct(next) {
				if isCJKChar(next) || next == 0xFE01 {
					return classCJKPunct
				}
				break
			}
			rest = rest[n:]
		}
		return classPunct
	}
	return classOf(r)
}

// classOf classifies one character, as goldmark does (util.IsSpaceRune,
// util.IsPunctRune) with CJK characters told apart.
func classOf(r rune) charClass {
	switch {
	case util.IsSpaceRune(r):
		return classSpace
	case util.IsPunctRune(r):
		if isCJKChar(r) {
			return classCJKPunct
		}
		return classPunct
	case isCJKChar(r):
		return classCJK
	}
	return classOther
}

// isCJKChar reports whether r is a CJK character as the CJK-friendly
// amendments define it: East Asian Width W, F or H and not an emoji, or
// Hangul. This covers ideographs, kana, Hangul, CJK and full-width
// punctuation, and full-width letters and digits.
func isCJKChar(r rune) bool {
	return r >= 0x1100 && unicode.Is(cjkChars, r)
}

func isGeneralVS(r rune) bool     { return r >= 0xFE00 && r <= 0xFE0E }   // U+FE0F asks for an emoji
func isIdeographicVS(r rune) bool { return r >= 0xE0100 && r <= 0xE01EF } // follows ideographs only

// cjkChars is the amendments' table of CJK characters (its ranges.md, as of
// Unicode 16).
var cjkChars = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x1100, 0x11ff, 1}, {0x20a9, 0x20a9, 1}, {0x2329, 0x232a, 1},
		{0x2630, 0x2637, 1}, {0x268a, 0x268f, 1}, {0x2e80, 0x2e99, 1},
		{0x2e9b, 0x2ef3, 1}, {0x2f00, 0x2fd5, 1}, {0x2ff0, 0x303e, 1},
		{0x3041, 0x3096, 1}, {0x3099, 0x30ff, 1}, {0x3105, 0x312f, 1},
		{0x3131, 0x318e, 1}, {0x3190, 0x31e5, 1}, {0x31ef, 0x321e, 1},
		{0x3220, 0x3247, 1}, {0x3250, 0xa48c, 1}, {0xa490, 0xa4c6, 1},
		{0xa960, 0xa97c, 1}, {0xac00, 0xd7a3, 1}, {0xd7b0, 0xd7c6, 1},
		{0xd7cb, 0xd7fb, 1}, {0xf900, 0xfaff, 1}, {0xfe10, 0xfe19, 1},
		{0xfe30, 0xfe52, 1}, {0xfe54, 0xfe66, 1}, {0xfe68, 0xfe6b, 1},
		{0xff01, 0xffbe, 1}, {0xffc2, 0xffc7, 1}, {0xffca, 0xffcf, 1},
		{0xffd2, 0xffd7, 1}, {0xffda, 0xffdc, 1}, {0xffe0, 0xffe6, 1},
		{0xffe8, 0xffee, 1},
	},
	R32: []unicode.Range32{
		{0x16fe0, 0x16fe4, 1}, {0x16ff0, 0x16ff6, 1}, {0x17000, 0x18cd5, 1},
		{0x18cff, 0x18d1e, 1}, {0x18d80, 0x18df2, 1}, {0x1aff0, 0x1aff3, 1},
		{0x1aff5, 0x1affb, 1}, {0x1affd, 0x1affe, 1}, {0x1b000, 0x1b122, 1},
		{0x1b132, 0x1b132, 1}, {0x1b150, 0x1b152, 1}, {0x1b155, 0x1b155, 1},
		{0x1b164, 0x1b167, 1}, {0x1b170, 0x1b2fb, 1}, {0x1d300, 0x1d356, 1},
		{0x1d360, 0x1d376, 1}, {0x1f200, 0x1f200, 1}, {0x1f202, 0x1f202, 1},
		{0x1f210, 0x1f219, 1}, {0x1f21b, 0x1f22e, 1}, {0x1f230, 0x1f231, 1},
		{0x1f237, 0x1f237, 1}, {0x1f23b, 0x1f23b, 1}, {0x1f240, 0x1f248, 1},
		{0x1f260, 0x1f265, 1}, {0x20000, 0x3fffd, 1},
	},
}

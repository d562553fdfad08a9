package markdown

import (
	"bufio"
	"bytes"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"herald/generator/internal/reuse"
)

// Options configure a Converter.
type Options struct {
	Unsafe bool // let raw HTML through instead of escaping it
	// ImageSizes is the sizes attribute of an image that has smaller
	// copies (see Images in the package doc): the width the page shows it
	// at, for the browser to choose among them. "" writes none, and the
	// browser takes the image to be as wide as the window.
	ImageSizes string
}

// Converter converts Markdown to HTML and text. It is safe for concurrent
// use.
type Converter struct {
	md   goldmark.Markdown
	opts Options
}

// New returns a Converter.
func New(opts Options) *Converter {
	return newConverter(opts, true)
}

// newConverter returns a Converter; without images, goldmark renders
// images as it does by default, which tests compare with.
func newConverter(opts Options, images bool) *Converter {
	c := &Converter{opts: opts}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{Config: html.NewConfig(), images: images, sizes: opts.ImageSizes}, 100)),
	}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	c.md = goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			// Soft breaks are ours (nodeRenderer); the CJK extension brings
			// the escaped space ("中文\ English" renders "中文English"),
			// which nodeRenderer picks up with the extension's text writer.
			extension.NewCJK(extension.WithEscapedSpace()),
			cjkEmphasis,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// Before link reference definitions (100) and tables (200), so
			// that they see the lines without the indentation.
			parser.WithParagraphTransformers(util.Prioritized(indentTrimmer{}, 50)),
			parser.WithASTTransformers(util.Prioritized(cjkLinkify{}, 90), util.Prioritized(linkTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return c
}

// Source is one Markdown document to convert.
type Source struct {
	File      string            // its path, for positions: "content/stories/2021/04/a.md"
	Body      []byte            // the Markdown
	Line      int               // the line in File of Body's first line; 0 means 1
	BasePath  string            // the base URL's path, "/" or "/news/"
	Dir       string            // the site path relative links resolve against: "/stories/2021/04/a/"
	SourceDir string            // the file's folder relative to content/, for links to Markdown files
	Pages     map[string]string // Markdown path relative to content/ -> its page's site path

	// ImageSize returns the width and height in pixels of a local image,
	// given its site path ("/stories/2024/05/x/photo.jpg", unescaped,
	// without query or fragment), and ok false when it does not know them.
	// Nil knows no sizes. Convert calls it once for each local image, from
	// its own goroutine: one ImageSize shared by concurrent Converts must be
	// safe for concurrent use.
	ImageSize func(sitePath string) (w, h int, ok bool)
	// ImageCopies returns the smaller copies of a local image whose size
	// ImageSize knew, given its site path as ImageSize is: each one's site
	// path and width, narrowest first, each narrower than the image. Nil,
	// or none, gives the image no srcset. It is called as ImageSize is,
	// and must be as safe for concurrent use.
	ImageCopies func(sitePath string) []ImageCopy
}

// ImageCopy is a smaller copy of a local image, which its img element
// offers in srcset.
type ImageCopy struct {
	Path  string // its site path, unescaped: "/stories/2024/05/x/photo-480w.jpg"
	Width int    // in pixels
}

// Result is a converted document.
type Result struct {
	HTML        string
	NoHTML      bool   // HTML was let go (a cache keeps none): convert again for it
	Hash        uint64 // xxHash of HTML, so that users need not hash it again
	Text        string // plain text: blocks separated by "\n"
	TextHash    uint64 // xxHash of Text, which a cache keeps when it lets Text go
	Summary     string // the automatic summary
	ReadingTime int    // minutes, ≥ 1
	Chars       int    // CJK characters in Text
	Words       int    // Latin words and numbers in Text
	Headings    []Heading
	Links       []Link
	Pasted      []Pasted // what shows otherwise than its writer meant, by line
}

// Heading is a heading of the document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or an image in the document.
type Link struct {
	Line     int    // its line in the file
	Dest     string // as written
	Path     string // the site path it points to, unescaped, without query and fragment; "" for external and fragment-only links
	Image    bool
	External bool        // has a scheme or starts with "//", and is not Local
	Local    bool        // a file on the writer's computer (C:\Users\…, C:/Users/…, file:///…), kept as written; Path is ""
	Markdown string      // for a link to a Markdown file: its path relative to content/
	Broken   bool        // a link to a Markdown file that is not a page
	Spaced   bool        // not read as a link or image, its address holding a space; Path is ""
	Fix      string      // for a Spaced one: it as it is read, its address in < >: "![现场](<照片 (2).jpg> "题图")"
	Width    int         // a local image's width from Source.ImageSize; 0 when unknown
	Height   int         // its height; 0 exactly when Width is
	Copies   []ImageCopy // a local image's smaller copies from Source.ImageCopies, narrowest first; nil when Width is 0
}

// state is the per-document data the transformer and renderer share through
// goldmark's parser context.
type state struct {
	src    *Source
	unsafe bool  // Options.Unsafe
	lines  []int // offsets of line starts in src.Body
	links  []Link
	images map[*ast.Image]int // an image -> the index of its Link in links
	pasted []Pasted
	// htmlAt is the block of the last raw HTML recorded in pasted, at
	// htmlIndex, when shown as text: a block is recorded once.
	htmlAt    ast.Node
	htmlIndex int
}

var stateKey = parser.NewContextKey()

// stateMeta is the key of the state in the document's metadata, where the
// renderer, which has no parser context, finds it.
const stateMeta = "herald/markdown.state"

// stateOf returns the state of the document n belongs to, or nil.
func stateOf(n ast.Node) *state {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	st, _ := doc.Meta()[stateMeta].(*state)
	return st
}

// buffers are what Convert writes a document's HTML and text into before
// it copies them out, reused: goldmark's renderer makes a bufio.Writer of
// its own for a writer that is not one, and the text's builder grew anew
// for each document (100 MB at 10,000 stories).
type buffers struct {
	html  bytes.Buffer
	w     *bufio.Writer // into html
	text  bytes.Buffer
	block bytes.Buffer // the text of one block (extractor.buf)
}

// maxKept is the size past which a document's buffers are not kept: a
// story's HTML is seldom a tenth of it. At most 16 sets are kept, a few
// MB at the very most, a few hundred kB as a rule.
const maxKept = 256 << 10

var bufs = reuse.New(16, func() *buffers {
	b := &buffers{}
	b.w = bufio.NewWriter(&b.html)
	return b
}, func(b *buffers) bool {
	b.html.Reset()
	b.w.Reset(&b.html)
	b.text.Reset()
	b.block.Reset()
	return b.html.Cap() <= maxKept && b.text.Cap() <= maxKept && b.block.Cap() <= maxKept
})

// Convert converts one document. It fails only if goldmark's renderer does,
// which it does not on any input; problems with the content go into
// Result.Links.
func (c *Converter) Convert(src *Source) (*Result, error) {
	body, removed := controls(src.Body, max(src.Line, 1))
	if removed != nil {
		clean := *src
		clean.Body = body
		src = &clean
	}
	st := &state{src: src, unsafe: c.opts.Unsafe, pasted: removed}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(src.Body), parser.WithContext(pc))
	st.spaced(doc)
	b := bufs.Get()
	defer bufs.Put(b)
	if err := c.md.Renderer().Render(b.w, src.Body, doc); err != nil { // flushes b.w
		return nil, err
	}
	// A string, which templates take as it is (render's trusted): as a
	// []byte, each story's page copied it (47 MB at 10,000 stories).
	res := &Result{HTML: b.html.String(), Links: st.links, Pasted: st.pasted}
	res.Hash = xxhash.Sum64String(res.HTML)
	ex := extractor{src: src.Body, text: &b.text, buf: &b.block}
	ex.walk(doc)
	res.Text = string(bytes.TrimSpace(b.text.Bytes()))
	res.TextHash = xxhash.Sum64String(res.Text)
	res.Headings = ex.headings
	res.Summary = Summarize(ex.lead)
	var star bool
	res.Chars, res.Words, star = count(res.Text)
	if star {
		// Rare: the text holds a full-width asterisk, which the walk of
		// the paragraphs does not look for (pastedStars).
		st.pastedStars(doc, src.Body)
		res.Pasted = st.pasted
	}
	res.ReadingTime = ReadingTime(res.Chars, res.Words)
	return res, nil
}

func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line returns the file line of a byte offset in the body.
func (st *state) line(offset int) int {
	if st.lines == nil { // only documents with links need them
		st.lines = lineStarts(st.src.Body)
	}
	first := st.src.Line
	if first == 0 {
		first = 1
	}
	return first + sort.SearchInts(st.lines, offset+1) - 1
}

// linkTransformer resolves link and image destinations and records them.
// On the same walk, it records what shows otherwise than meant (pasted.go).
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	doc.AddMeta(stateMeta, st)
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.CodeBlock, *ast.HTMLBlock:
			st.pastedBlock(n, source)
		case *ast.RawHTML:
			st.pastedRawHTML(n, source)
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination, false)
		case *east.TableCell:
			// A short cell, a figure, a date or a phone number, stays on
			// one line in a table that scrolls sideways on a phone (a
			// trial: 138-0000-0000 over three lines).
			if _, head := n.Parent().(*east.TableHeader); !head && short(n, source) { // a heading cell never wraps
				n.SetAttributeString("class", "nw")
			}
		case *ast.AutoLink:
			// An address written out: the theme lets it break anywhere, so
			// that a justified line before a long one is not spread thin
			// (a trial).
			if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("class", "url")
			}
		case *ast.Image:
			if st.images == nil {
				st.images = map[*ast.Image]int{}
			}
			st.images[n] = len(st.links)
			if hotlinked(n.Destination) {
				st.pastedImage(Pasted{Line: st.line(offsetOf(n)), Kind: HotlinkedImage, Text: string(n.Destination)})
			}
			n.Destination = st.resolve(n, n.Destination, true)
		}
		return ast.WalkContinue, nil
	})
}

// short reports whether a table cell's text is short and has no space:
// at most 16 characters.
func short(cell ast.Node, source []byte) bool {
	n := 0
	ok := true
	_ = ast.Walk(cell, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, isText := c.(*ast.Text); entering && isText {
			v := t.Segment.Value(source)
			n += utf8.RuneCount(v)
			ok = ok && n <= 16 && !bytes.ContainsAny(v, " \t") && !bytes.ContainsRune(v, '　')
		}
		return ast.WalkContinue, nil
	})
	return ok && n > 0
}

// resolve records a destination and returns what it becomes.
func (st *state) resolve(n ast.Node, dest []byte, image bool) []byte {
	l := Link{Line: st.line(offsetOf(n)), Dest: string(dest), Image: image}
	defer func() { st.links = append(st.links, l) }()
	// The address as CommonMark reads it, its backslash escapes and
	// character references resolved, as the HTML will give it (an
	// exporter's a\_b.jpg is a_b.jpg); messages quote it as written. But
	// for a Windows path (..\images\a.jpg), whose \ are folders' that
	// the checks report, with / for them, where the path leads.
	d := l.Dest
	if strings.ContainsAny(d, `\&`) {
		if _, windows := Slashed(d); !windows {
			d = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
		}
	}
	if d == "" || strings.HasPrefix(d, "#") {
		return dest
	}
	if IsLocalFile(d) {
		l.Local = true
		return dest
	}
	if u, err := url.Parse(d); err != nil || u.Scheme != "" || strings.HasPrefix(d, "//") {
		l.External = err == nil
		return dest
	}
	p, rest := d, ""
	if i := strings.IndexAny(d, "?#"); i >= 0 {
		p, rest = d[:i], d[i:]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	src := st.src
	if lower := strings.ToLower(p); strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
		cp := strings.TrimPrefix(p, "/")
		if !strings.HasPrefix(p, "/") {
			cp = path.Join(src.SourceDir, p)
		}
		l.Markdown = cp
		page, ok := src.Pages[cp]
		if !ok {
			l.Broken = true
			return dest
		}
		p = page
	} else if !strings.HasPrefix(p, "/") {
		joined := path.Join(src.Dir, p)
		if strings.HasSuffix(p, "/") && joined != "/" {
			joined += "/"
		}
		p = joined
	}
	l.Path = p
	if image && l.Markdown == "" && src.ImageSize != nil {
		if w, h, ok := src.ImageSize(p); ok && w > 0 && h > 0 {
			l.Width, l.Height = w, h
			if src.ImageCopies != nil {
				l.Copies = src.ImageCopies(p)
			}
		}
	}
	base := src.BasePath
	if base == "" {
		base = "/"
	}
	// Escaped again: the renderer resolves them once more.
	return []byte(destEscaper.Replace(base + strings.TrimPrefix(p, "/") + rest))
}

// destEscaper escapes what the renderer resolves in an address already
// resolved: a backslash before punctuation and a character reference.
var destEscaper = strings.NewReplacer(`\`, `\\`, "&", "&amp;")

// IsLocalFile reports whether a destination names a file on the writer's
// computer, as Typora and WPS write it when an image is pasted: a Windows
// drive path (C:\Users\liu\a.png, C:/Users/liu/a.png) or a file: URL
// (file:///C:/Users/liu/a.png). Neither can be a site path or a web
// address; "/Users/liu/a.png" can, and is resolved as one.
func IsLocalFile(d string) bool {
	drive := len(d) >= 3 && isASCIILetter(d[0]) && d[1] == ':' && (d[2] == '\\' || d[2] == '/')
	return drive || len(d) >= 5 && strings.EqualFold(d[:5], "file:")
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// offsetOf returns the byte offset in the source where an inline node
// starts, as near as goldmark records it.
func offsetOf(n ast.Node) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
		if p.PreviousSibling() != nil {
			if t, ok := p.PreviousSibling().(*ast.Text); ok {
				return t.Segment.Stop
			}
		}
	}
	return 0
}

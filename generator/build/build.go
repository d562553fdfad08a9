// Package build is herald's one pipeline: it reads a site's folder and
// writes its output, in this order and nowhere else:
//
//	config (site.yaml) → content (content/) → assets (static/) → site (the model)
//	  → markdown (each story's body, in parallel) → render (pages, feeds, copies)
//	  → output (a temporary folder, swapped in when everything succeeded)
//
// [Load] runs the steps up to the model and reports every problem of the
// input at once; [Build] goes on to write, but only when Load found no
// errors. Either way, a failing run leaves the previous output as it was.
//
// Over an output it wrote before, Build updates in place what changed
// (see [Build]). With [Options.CacheDir], each build saves the parsed front
// matter and converted Markdown of every story for the next (disk.go), which
// then parses and converts only what changed.
package build

import (
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"

	"herald/generator/assets"
	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/images"
	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
	"herald/generator/markdown"
	"herald/generator/output"
	"herald/generator/render"
	"herald/generator/search"
	"herald/generator/site"
)

// Options configure a build.
type Options struct {
	Source     string    // the site's folder
	Out        string    // the output folder; default Source/public
	Drafts     bool      // publish drafts
	Future     bool      // publish stories dated in the future
	BaseURL    string    // replaces site.yaml's baseURL when not ""
	Now        time.Time // the time that decides what is scheduled; default time.Now()
	Theme      fs.FS     // the default theme: templates/ and static/
	Workers    int       // parallel workers; 0 means GOMAXPROCS
	LiveReload string    // the dev server's reload script, injected in every page
	Host       string    // replaces the base URL's scheme and host, keeping its path: "http://127.0.0.1:1313"
	Full       bool      // Build: render and write every file, even over an output it could update, and read no cache
	Cache      *Cache    // reuse the work of the previous Load; may be nil
	// CacheDir, for Build without a Cache, is a folder where each build
	// saves what the next can reuse (see CacheDir the constant); "" for
	// none.
	CacheDir string
	// Changed, with a Cache, lists the only files (slash paths from the
	// site's folder) that may have changed since the previous Load: the
	// others are taken from the cache without asking the file system. nil
	// means unknown: every file is checked.
	Changed []string
	// PriorIndex, for Load, is the search index of an earlier Load of the
	// same site (Loaded.SearchBuilt), which this one's patches instead of
	// indexing every story again: herald serve, after a save.
	PriorIndex *search.Index

	// whole, for Check, has Load convert the Markdown of what is sound
	// even when the site has errors, so that its links are checked in
	// the same run.
	whole bool
}

// Cache keeps what one Load can reuse in the next: the docs of unchanged
// files, and the converted Markdown of unchanged docs. The dev server keeps
// one for its whole run.
type Cache struct {
	content     *content.Cache
	images      *images.Cache // sizes of the site's images
	themeImages *images.Cache // sizes of the theme's images
	mu          sync.Mutex
	md          map[string]mdEntry // by doc path
	stores      int                // conversions stored since it was made or read
	disk        string             // the file it is saved in (disk.go)
	read        bool               // it was read from disk
	loaded      chan struct{}      // closed once it is read from disk, when it is (openCache)
	texts       io.ReaderAt        // the texts of the conversions read from disk (disk.go)
	textsAt     int64              // where they lie in it
	textsLen    int64
	textReads   atomic.Int64           // texts read so far
	allTexts    func() (string, error) // reads them all, once
	next        *os.File               // the file the next save renames into place, written as the build goes (disk.go)
	nextEnd     int64                  // its length so far
	nextBuf     []byte                 // its last texts, not yet written (nextChunk)
	ahead       []byte                 // a stretch of it, read ahead, at aheadAt
	aheadAt     int64
	nextErr     error // why it could not be made or written: texts stay in memory
	nextSaved   bool  // it is renamed into place
}

// mdEntry is a converted doc and what its conversion depended on. Its
// fields are exported for saving (disk.go).
type mdEntry struct {
	Hash   uint64          // the doc's BodyHash
	Src    markdown.Source // Line, Dir, BasePath, SourceDir as converted
	Unsafe bool
	Links  map[string]string // the Markdown links it resolved: path -> page path ("" if none)
	Res    *markdown.Result

	// Where Res's Text lies, when Res does not hold it: in the cache's file
	// it was read from, or, when inNext, in the file the next save renames
	// into place (Cache.text).
	textAt  int64
	textLen int
	inNext  bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{content: content.NewCache(), images: &images.Cache{}, themeImages: &images.Cache{}, md: map[string]mdEntry{}}
}

// Stats counts what a build wrote.
type Stats struct {
	Stories   int // published stories
	Pages     int // HTML pages written
	Feeds     int // RSS and JSON feeds written
	Files     int // files in the output
	Written   int // files written: all of them, or those an update changed
	Deleted   int // files an update deleted, which the build no longer has
	Docs      int // content files of stories and pages, drafts and scheduled ones too
	Read      int // content files read, not trusted by their stamp
	Parsed    int // content files parsed, not taken from the cache
	Converted int // stories and pages whose Markdown was converted, not taken from the cache; drafts and scheduled ones too
	Decoded   int // images read and decoded to make smaller copies, not taken from the previous output
	Rendered  int // pages and feeds rendered
	// Untrusted is where the site's own templates show what fingerprints
	// leave out, so that every page renders (render.Renderer.Untrusted);
	// "" when they show no more than the theme's.
	Untrusted string
	Patched   bool          // the search index was patched from the previous build's, not built afresh
	Bytes     int64         // bytes in the output
	Drafts    int           // drafts left out
	Scheduled int           // stories left out until their date
	Held      []Held        // those stories, soonest first
	Duration  time.Duration // wall time of the build
	Phases    []Phase       // where the time went, in order
}

// Held is a story left out until its date.
type Held struct {
	File string    // its content file, a slash path relative to the site's folder
	Date time.Time // the date it is published on, in the site's time zone
}

// Phase is a step of a build and its wall time.
type Phase struct {
	Name     string // content, site, markdown, pages, search, write
	Duration time.Duration
}

// clock records phases.
type clock struct {
	last   time.Time
	phases []Phase
}

func newClock() *clock { return &clock{last: time.Now()} }

// lap ends the current phase under name.
func (c *clock) lap(name string) {
	now := time.Now()
	c.phases = append(c.phases, Phase{name, now.Sub(c.last)})
	c.last = now
}

// Loaded is a site read and checked, ready to render.
type Loaded struct {
	Site      *site.Site
	Assets    *assets.Plan
	Problems  *diag.List // warnings and errors
	siteFS    fs.FS
	files     *files
	clock     *clock
	docs      []string // the paths of the docs without problems
	once      bool     // a build whose templates need no story's Text: the indexer lets it go
	read      int      // docs read, not trusted by their stamp
	parsed    int      // docs parsed, not taken from the cache
	converted int      // docs converted, not taken from the cache
	// faulty are the stories of Site.Faulty a failed build converted, to
	// check their links as a build of the fixed site would.
	faulty []*site.Story
	// leftOut, for a failed build, tells the pages and Markdown paths of
	// the docs left out for their problems that the build, once they are
	// fixed, publishes (site.Site.LeftOut): links to them are not said to
	// lead nowhere.
	leftOut func(string) bool

	search func() (*search.Index, error) // built once, when first asked for
	built  atomic.Pointer[search.Index]  // search's index, once built
	prior  *search.Prior                 // the previous build's index, which the search index patches
	emit   func(string, []byte) error    // takes the files of an index built afresh (search.Options.Emit)
}

// Held returns the stories left out until their date, soonest first: what
// Stats.Held reports, and what the dev server waits for.
func (l *Loaded) Held() []Held {
	var out []Held
	for _, s := range l.Site.Scheduled {
		out = append(out, Held{File: s.Doc.Path, Date: s.Date})
	}
	return out
}

// Search returns the site's search index, building it the first time.
func (l *Loaded) Search() (*search.Index, error) { return l.search() }

// Load reads and checks a site and converts its stories' Markdown. The
// returned error is an I/O or cancellation error; problems with the input are
// in Loaded.Problems, and the site is usable only when it holds no errors.
// Among its warnings are those of what the converted stories show
// otherwise than their writers meant (see warnPasted). The Markdown of a
// site with errors is converted too, for those warnings: a build that fails
// reports them with its errors (see ReportFailed).
func Load(ctx context.Context, opts Options) (*Loaded, error) {
	return load(ctx, opts, nil, nil)
}

// load is Load. read, when not nil, is called once the content is read,
// before the model is built. ready, when not nil, is called once the site
// is read without errors, before its Markdown is converted; the function
// it returns, when not nil, is called with each story once its Markdown
// is converted (Build writes the story's page then).
func load(ctx context.Context, opts Options, read func(), ready func(*Loaded) (func(*site.Story) error, error)) (*Loaded, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	siteFS := sysfile.DirFS(opts.Source)
	problems := &diag.List{}
	l := &Loaded{Problems: problems, siteFS: siteFS, clock: newClock()}
	if info, err := os.Stat(opts.Source); err != nil || !info.IsDir() {
		// A trial: "site.yaml does not exist", which named neither
		// the folder nor the flag that was mistyped.
		problems.Errorf(diag.Pos{File: "--source"}, "the folder %q does not exist", opts.Source).
			WithHint("name the site's folder, the one that holds site.yaml and content/")
		return l, nil
	}
	cfg := config.Load(siteFS, problems)
	if cfg == nil {
		if _, err := fs.Stat(siteFS, config.File); err == nil {
			// site.yaml is there but cannot be read: the stories' own
			// problems come with its, in one run (a trial: they came
			// only once it was fixed). What needs site.yaml, branches
			// and categories, is checked once it is.
			if _, err := content.Load(ctx, siteFS, content.Options{TimeZone: config.Default().TimeZone, Workers: opts.Workers}, problems); err != nil {
				return nil, err
			}
		}
		return l, nil
	}
	if opts.BaseURL != "" {
		var e *config.BaseURLError
		if err := cfg.SetBaseURL(opts.BaseURL); errors.As(err, &e) {
			problems.Errorf(diag.Pos{File: "--base-url"}, "%v", e.Reason).WithHint("%v", e.Hint)
		}
	}
	if opts.Host != "" {
		u := *cfg.BaseURL
		if err := cfg.SetBaseURL(opts.Host + u.EscapedPath()); err != nil {
			return nil, err
		}
	}
	copts := content.Options{TimeZone: cfg.TimeZone, Workers: opts.Workers}
	if opts.Cache != nil {
		copts.Cache = opts.Cache.content
		copts.Stamps = copts.Cache.Bodiless && sysfile.ChangeTimes(filepath.Join(opts.Source, content.Dir))
		if opts.Changed != nil {
			changed := map[string]bool{}
			for _, p := range opts.Changed {
				changed[p] = true
			}
			copts.Unchanged = func(p string) bool { return !changed[p] }
		}
	}
	set, err := content.Load(ctx, siteFS, copts, problems)
	if err != nil {
		return nil, err
	}
	plan, err := assets.Load(opts.Theme, siteFS)
	if err != nil {
		return nil, err
	}
	l.Assets = plan
	for _, d := range set.Docs {
		l.docs = append(l.docs, d.Path)
	}
	l.read, l.parsed = set.Read, set.Parsed
	l.clock.lap("content")
	if read != nil {
		read()
	}
	copies := make([]site.Copy, len(plan.Files))
	for i, f := range plan.Files {
		copies[i] = site.Copy{Path: f.Path}
		if !f.Theme {
			copies[i].File = assets.Dir + "/" + f.Name
		}
	}
	s := site.New(site.Input{Config: cfg, Content: set, Static: plan.Names(), Copies: copies},
		// A draft's errors stop only a build that publishes it; herald
		// check, which checks drafts too, warns of them as builds do.
		site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, DraftErrors: opts.Drafts && !opts.whole}, problems)
	l.Site = s
	warnTagVariants(s, problems)
	l.files = newFiles(s, siteFS, plan, opts.Cache)
	// Read even when the site has other problems: all of them in one run.
	if err := l.checkCovers(ctx, slices.Concat(set.Docs, set.Broken), opts.Workers, !opts.Drafts || opts.whole, problems); err != nil {
		return nil, err
	}
	// A site with errors is not built, but its Markdown is converted all
	// the same, to report with its errors what a build of it would say of
	// the rest: links that lead nowhere, passages pasted from Word, files
	// nothing uses. They came to light only once the errors were fixed,
	// a second round of problems for the writer. Nothing is written: ready
	// is not called.
	failed := problems.Errors() > 0 && !opts.whole
	l.clock.lap("site")
	var converted func(*site.Story) error
	if ready != nil && !failed {
		if converted, err = ready(l); err != nil {
			return nil, err
		}
	}
	// Drafts and scheduled stories too, which the site leaves out: the
	// files they use are not said to be used by nothing (Seal).
	var faulty []*site.Story
	switch {
	case opts.whole:
		faulty = s.Faulty // for Check, which checks their links too
	case failed:
		// Checked as the build would once their front matter is fixed:
		// links to them lead somewhere, and the files they use are used.
		// A draft the build leaves out is left as a build that succeeds
		// leaves it, not converted.
		for _, st := range s.Faulty {
			if !st.Draft || opts.Drafts {
				faulty = append(faulty, st)
			}
		}
		l.faulty = faulty
		l.leftOut = leftOutOf(slices.Concat(set.Docs, set.Broken), s, opts.Drafts)
	}
	extra := slices.Concat(s.Drafts, s.Scheduled, faulty)
	if l.converted, err = convert(ctx, s, siteFS, opts.Workers, opts.Cache, l.files, converted, extra); err != nil {
		return nil, err
	}
	// The images of the bodies are known once the stories are converted,
	// and the files the build copies once it is sealed: a smaller copy
	// may take the place of a file no story uses.
	bodies := slices.Concat(s.Stories, s.Pages, faulty)
	if err := l.checkBodyImages(ctx, bodies, opts.Workers, !opts.Drafts || opts.whole, problems); err != nil {
		return nil, err
	}
	warnPasted(slices.Concat(s.Stories, s.Pages, faulty), opts.whole, problems)
	s.Seal()
	l.checkVariants(s.Stories, bodies, problems)
	l.warnUnused(opts.whole)
	l.clock.lap("markdown")
	if ix := opts.PriorIndex; ix != nil {
		// Its files only: the index holds the prior it was patched from,
		// which would keep every earlier index of a long preview.
		files := ix.Files
		l.prior = &search.Prior{Keys: ix.Keys, Read: func(p string) ([]byte, error) {
			if data, ok := files[p]; ok {
				return data, nil
			}
			return nil, fmt.Errorf("%s: %w", p, fs.ErrNotExist)
		}}
	}
	l.search = sync.OnceValues(func() (*search.Index, error) {
		ix, err := search.Update(s, l.prior, search.Options{Workers: opts.Workers, ReleaseText: l.once, Emit: l.emit})
		if err == nil {
			l.built.Store(ix)
		}
		return ix, err
	})
	return l, nil
}

// SearchBuilt returns the site's search index when Search has built it,
// without building it; nil before.
func (l *Loaded) SearchBuilt() *search.Index { return l.built.Load() }

// checkVariants reports the images whose smaller copies would be written
// over a file the build copies: "photo-480w.jpg" beside a "photo.jpg"
// wider than 480 pixels. Each is reported at every place that shows the
// image: the cover: line of each story that has it as cover, and each
// line of a body that shows it (covers and bodies are render.LocalImages's).
// It runs once the site is sealed: a file of content/ that no story uses
// is not copied, and its name is free for a smaller copy.
func (l *Loaded) checkVariants(covers, bodies []*site.Story, problems *diag.List) {
	for _, img := range render.LocalImages(covers, bodies) {
		size, _, ok := l.files.image(img.Path)
		if !ok {
			continue
		}
		for _, v := range images.Plan(size) {
			name := v.Name(img.Path)
			out := strings.TrimPrefix(name, "/")
			from := l.Site.Copied(out)
			if from == nil || !l.Site.Publishes(out) {
				continue
			}
			for _, u := range img.Uses {
				if u.Cover {
					problems.Errorf(u.Pos, "the cover's smaller copy %s would be written over %s", name, from).
						WithHint("rename %s: herald names a cover's smaller copies after it, with %s before the extension", from, widthSuffixes())
				} else {
					problems.Errorf(u.Pos, "the smaller copy %s of image %q would be written over %s", name, u.Dest, from).
						WithHint("rename %s: herald names an image's smaller copies after it, with %s before the extension", from, widthSuffixes())
				}
			}
		}
	}
}

// widthSuffixes returns what the names of an image's smaller copies add to
// its own: "-480w, -960w, -1440w".
func widthSuffixes() string {
	var ws []string
	for _, w := range images.Widths {
		ws = append(ws, "-"+strconv.Itoa(w)+"w")
	}
	return strings.Join(ws, ", ")
}

// convert converts the Markdown of every published story and page, in
// parallel, each result stored in its own story. With a cache, a doc
// converted before with the same body, folders and resolved links is not
// converted again. Each story, once converted, goes to done, when not nil.
// The stories of extra, left out of the site, are converted too. It returns
// how many it converted.
func convert(ctx context.Context, s *site.Site, siteFS fs.FS, workers int, cache *Cache, f *files, done func(*site.Story) error, extra []*site.Story) (int, error) {
	conv := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe, ImageSizes: BodyImageSizes})
	all := slices.Concat(s.Stories, s.Pages, extra)
	pages := s.PagePaths()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(all))
	var converted atomic.Int64
	err := parallel.For(ctx, len(all), workers, func(_, i int) {
		st := all[i]
		d := st.Doc
		dir := "/" + d.SourceDir() + "/"
		if d.Bundle {
			dir = st.Path
		} else if d.SourceDir() == "." {
			dir = "/"
		}
		src := &markdown.Source{
			File: d.Path, Body: d.Body, Line: d.BodyLine,
			BasePath: s.Config.BasePath(), Dir: dir, SourceDir: d.SourceDir(), Pages: pages,
			ImageSize: f.imageSize, ImageCopies: f.imageCopies,
		}
		// again converts the Markdown, which a cache read from disk dropped
		// with the doc's Body.
		again := func() (*markdown.Result, error) {
			body, err := content.ReadBody(siteFS, d, s.Config.TimeZone)
			if err != nil {
				return nil, err
			}
			src := *src
			src.Body = body
			return conv.Convert(&src)
		}
		// same converts the Markdown again, to give back what a build let
		// go of res (hash and textHash are res's): the file must still
		// convert to res. (It keeps the hashes only: the result, HTML
		// included, must be free to go.)
		same := func(hash, textHash uint64) (*markdown.Result, error) {
			r, err := again()
			if err == nil && (r.Hash != hash || r.TextHash != textHash) {
				err = errors.New("the file changed during the build; build again")
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.Path, err)
			}
			return r, nil
		}
		// reload gives the HTML of res again, for a cache read from disk,
		// which keeps none, and once the story's page is written.
		reload := func(res *markdown.Result) func() (string, error) {
			hash, textHash := res.Hash, res.TextHash
			return func() (string, error) {
				r, err := same(hash, textHash)
				if err != nil {
					return "", err
				}
				return r.HTML, nil
			}
		}
		// setText makes the story read its text, which res does not hold,
		// with text, from the cache.
		setText := func(res *markdown.Result, text func() (string, error)) {
			if text == nil {
				return
			}
			hash, textHash := res.Hash, res.TextHash
			st.SetTextLoader(func() (string, error) {
				if t, err := text(); err == nil {
					return t, nil
				}
				// The cache's copy cannot be read: convert again.
				r, err := same(hash, textHash)
				if err != nil {
					return "", err
				}
				return r.Text, nil
			})
		}
		if done != nil && i < len(s.Stories) {
			// The story, once converted (or taken from the cache), goes on.
			defer func() {
				if errs[i] == nil {
					errs[i] = done(st)
				}
			}()
		}
		if res, text := cache.lookup(src, d.BodyHash, s.Config.Markdown.Unsafe); res != nil {
			st.SetBody(res, reload(res))
			setText(res, text)
			return
		}
		var res *markdown.Result
		var err error
		if src.Body == nil {
			res, err = again()
		} else {
			res, err = conv.Convert(src)
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", d.Path, err)
			return
		}
		converted.Add(1)
		text := cache.store(src, d.BodyHash, s.Config.Markdown.Unsafe, res)
		st.SetBody(res, reload(res))
		setText(res, text)
		if cache == nil || cache.disk != "" {
			// A one-off build reads the Markdown again from the file, if
			// ever: let the bytes go (60 MB for 10,000 stories), here and
			// in src, which again keeps.
			d.Body, src.Body = nil, nil
		}
	})
	if err != nil {
		return 0, err
	}
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return int(converted.Load()), nil
}

// Result is a successful build.
type Result struct {
	Stats    Stats
	Manifest *output.Manifest
	Warnings []*diag.Problem
}

// Build loads the site and, when it has no errors, writes it to the output
// folder. Problems with the input come back as a *diag.Error.
//
// When the output holds a build, Build updates it in place (update): it
// renders the files whose fingerprints changed, or, under templates of the
// site's own or over another herald's output, every file, and writes only
// the files whose bytes changed: the others keep their bytes and
// modification times. Otherwise — the first build, Options.Full, or more
// changes than an update suits — it writes every file into a temporary
// folder and swaps it in. That new output takes from the previous one,
// with their modification times, the files an update that did not suit
// rendered and kept, and the files of the same bytes (output.Writer.Take
// and Reuse); and, from a build by the same program, the unchanged smaller
// copies of images (lend). With Options.Full it takes nothing.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = start
	}
	opts.Out = opts.output()
	// An output that is a symbolic link (to a web server's folder, say) is
	// written where it points: the lock and the swap are the real folder's.
	if real, err := filepath.EvalSymlinks(opts.Out); err == nil {
		opts.Out = real
	} else if to, err := os.Readlink(opts.Out); err == nil {
		// A link to a folder not there yet: the build makes it (a trial:
		// "rename …: not a directory").
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(opts.Out), to)
		}
		opts.Out = to
	}
	if err := checkOut(opts.Source, opts.Out); err != nil {
		return nil, err
	}
	ownCache := opts.Cache == nil && opts.CacheDir != ""
	if ownCache {
		opts.Cache = openCache(opts.CacheDir, !opts.Full)
		defer opts.Cache.close() // last: stories read their texts from it
	}
	var p *plan
	// An update's lock and updater are made while the model is built,
	// which keeps one core busy: the manifest is read, and the output's
	// files checked, on the other. At 10,000 stories an update took 20 to
	// 35 ms less (medians of eight, two rounds).
	var pre *prepared
	defer func() { pre.release() }()
	l, err := load(ctx, opts, func() { pre = prepareUpdate(opts) }, func(l *Loaded) (func(*site.Story) error, error) {
		var err error
		p, err = l.plan(opts, pre)
		if err != nil || p.sink == nil {
			return nil, err
		}
		return p.storyPage, nil
	})
	if err == nil && l.Problems.Errors() > 0 {
		l.ReportFailed(opts)
		err = l.Problems.Err()
	}
	if err == nil && p == nil {
		p, err = l.plan(opts, pre)
	}
	if err == nil && p.failed() {
		// The templates have problems: find them all, writing nothing.
		err = l.TemplateProblems(ctx, p.r, p.r.Jobs(), p.broken)
	}
	if err != nil {
		p.abort()
		return nil, err
	}
	defer p.unlock()
	// The cache holds all it will after Load: save it while the pages
	// render, and wait for it before returning, whatever happens.
	saved := func() error { return nil }
	if ownCache {
		done := make(chan error, 1)
		go func() {
			err := opts.Cache.save(l.docs)
			opts.Cache.drop() // the build's own: nothing reads it after
			done <- err
		}()
		saved = sync.OnceValue(func() error { return <-done })
		defer saved()
	}
	r, u := p.r, p.u
	// The theme's templates read no story's Text: the indexer may let it
	// go. A site's own may, while the index is built (issue: they read
	// empty texts, different ones from run to run).
	l.once = r.Exact()
	if p.w != nil {
		// A new output takes the index's files as they are made, instead
		// of all at the end.
		l.emit = p.w.WriteFile
	}
	if ownCache && !opts.Full {
		if l.prior = loadPrior(opts.CacheDir, opts.Out); l.prior != nil && u != nil {
			l.prior.Intact = u.Intact // the search files an update keeps are not read
		}
	}
	go l.Search() // start it; writing the index waits for it
	// And so does returning, whatever happens: the indexer reads the
	// cache's texts, which the cache's close lets go.
	defer l.Search()
	jobs := r.Jobs()
	l.WarnLinks(jobs, opts)
	sums := make([]uint64, len(jobs))
	if err := parallel.For(ctx, len(jobs), opts.Workers, func(_, i int) { sums[i] = r.Fingerprint(jobs[i]) }); err != nil {
		return nil, err
	}
	fps := make(map[string]string, len(jobs))
	for i, j := range jobs {
		if sums[i] != 0 {
			fps[j.Path] = fingerprint(sums[i])
		}
	}
	// The error paths below make the jobs again: held for them, the jobs
	// of the story pages, which a new output writes ahead, would live on
	// while every other file is written (the largest live heap of a cold
	// build of 10,000 stories: 96–104 MB without them, 104–108 MB with).
	m, written, deleted, err := l.update(ctx, p, jobs, fps, opts)
	if err != nil {
		return nil, l.TemplateProblems(ctx, r, r.Jobs(), err)
	}
	if m == nil {
		// An update that does not suit: the output still lends, and
		// gives its files of the same bytes.
		if m, written, err = l.write(ctx, r, p.w, p.prev, u, p.rest(jobs, p.w), fps, opts); err != nil {
			return nil, l.TemplateProblems(ctx, r, r.Jobs(), err)
		}
	}
	ix, err := l.Search() // written: it is the output's now
	if err != nil {
		return nil, err
	}
	var keysErr error
	if ownCache {
		keysErr = saveKeys(opts.CacheDir, ix)
	}
	st := Stats{
		Phases:    l.clock.phases,
		Stories:   len(l.Site.Stories),
		Drafts:    l.Site.DraftsLeftOut,
		Scheduled: len(l.Site.Scheduled),
		Files:     len(m.Files),
		Written:   written,
		Deleted:   deleted,
		Docs:      len(l.docs),
		Read:      l.read,
		Parsed:    l.parsed,
		Converted: l.converted,
		Decoded:   r.Decodes(),
		Rendered:  r.Rendered(),
		Untrusted: r.Untrusted(),
		Patched:   ix.Patched,
	}
	st.Held = l.Held()
	for _, f := range m.Files {
		st.Bytes += f.Size
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			st.Pages++
		case strings.HasSuffix(f.Path, "index.xml"), f.Path == "feed.json":
			st.Feeds++
		}
	}
	st.Duration = time.Since(start)
	var warnings []*diag.Problem
	for _, p := range l.Problems.Problems() {
		if p.Warning {
			warnings = append(warnings, p)
		}
	}
	if keysErr != nil {
		warnings = append(warnings, &diag.Problem{Pos: diag.Pos{File: opts.CacheDir}, Warning: true,
			Format: "cannot save the search index's keys: %v", Args: []any{keysErr},
			Hint: "the site is built; the next build indexes every story again"})
	}
	if ownCache {
		if err := saved(); err != nil {
			warnings = append(warnings, &diag.Problem{Pos: diag.Pos{File: opts.CacheDir}, Warning: true,
				Format: "cannot save the build cache: %v", Args: []any{err},
				Hint: "the site is built; the next build reads and converts every story again"})
		}
	}
	return &Result{Stats: st, Manifest: m, Warnings: warnings}, nil
}

// output returns the output folder: Out, or public/ in the site's folder.
func (o Options) output() string {
	if o.Out == "" {
		return filepath.Join(o.Source, "public")
	}
	return o.Out
}

// fingerprint returns a file's fingerprint, as the manifest records it.
func fingerprint(sum uint64) string { return strconv.FormatUint(sum, 16) }

// TemplateProblems returns, for a build that failed with err, every
// problem of the templates, when err is one of theirs, with the other
// problems and warnings of the build: a page that fails says only where
// its own template first fails, and pages that render after it may fail
// elsewhere. The pages of jobs are rendered again in memory (render.Check).
// err may join many files' errors, each with problems of its own (two
// damaged covers, a cover and a template): each is reported. Any other
// error is returned as it is. The dev server reports with it what a build
// would.
func (l *Loaded) TemplateProblems(ctx context.Context, r *render.Renderer, jobs []*render.Job, err error) error {
	ps, rest := diag.Gather(err)
	if len(ps) == 0 || rest != nil {
		return err
	}
	found, cerr := r.Check(ctx, jobs)
	if cerr != nil {
		return cerr
	}
	// Check reports again what err holds (the files that do not parse, a
	// page's first problem): each once, as Check tells it, with the pages
	// it was met on.
	seen := map[string]bool{}
	for _, p := range l.Problems.Problems() {
		seen[p.Key()] = true
	}
	for _, p := range slices.Concat(found.Problems(), ps) {
		if !seen[p.Key()] {
			seen[p.Key()] = true
			l.Problems.Add(p)
		}
	}
	return l.Problems.Err()
}

// write writes the files of jobs into a temporary folder, w's or a new one,
// and swaps it in place of the output. prev, when not nil, is the output
// it replaces, which lends it what it can (lend). u, when not nil, is the
// update of that output which was not made: the new output takes what it
// rendered and kept, and the previous output's files of the same bytes
// (output.Writer.Take and Reuse).
func (l *Loaded) write(ctx context.Context, r *render.Renderer, w *output.Writer, prev, u *output.Updater, jobs []*render.Job, fps map[string]string, opts Options) (m *output.Manifest, written int, err error) {
	if w == nil {
		if w, err = output.Begin(opts.Out); err != nil {
			return nil, 0, err
		}
	}
	w.Annotate(buildID(), fps)
	w.Include(l.forReview(opts))
	if u != nil {
		w.Reuse(u)
		paths := make([]string, len(jobs))
		for i, j := range jobs {
			paths[i] = j.Path
		}
		// Not the search index's files, which render writes.
		taken, err := w.Take(ctx, u, paths)
		if err != nil {
			w.Abort()
			return nil, 0, err
		}
		jobs = slices.DeleteFunc(slices.Clone(jobs), func(j *render.Job) bool { return taken[j.Path] })
	}
	rest, err := lend(ctx, prev, w, jobs, fps, opts.Workers)
	if err == nil {
		err = l.render(ctx, r, rest, w, opts.Workers)
	}
	if err != nil {
		w.Abort()
		return nil, 0, err
	}
	m, err = w.Commit()
	var left *output.OldLeftError
	if errors.As(err, &left) {
		// The build is done: CI should not fail for what is left beside
		// it (a trial: a read-only old output failed the run that had
		// replaced it).
		where := left.Old
		if rel, err := filepath.Rel(opts.Source, left.Old); err == nil {
			where = rel // positions are relative to the site's folder
		}
		l.Problems.Warnf(diag.Pos{File: where}, "the previous output, moved aside, could not be removed: %v", left.Err).
			WithHint("the new output is in place; remove this folder yourself, or let the next build try")
		err = nil
	}
	if err != nil {
		return nil, 0, err
	}
	l.clock.lap("swap")
	// Neither the files lent nor those linked were written.
	return m, len(m.Files) - (len(jobs) - len(rest)) - w.Linked(), nil
}

// forReview reports whether the build includes drafts, and stories dated
// after opts.Now: the manifest records it, and publish refuses such an
// output (the writers' guide: it is for review only). Only what the build
// did include counts, not its flags: --drafts on a site without drafts
// gives the output any other build gives.
func (l *Loaded) forReview(opts Options) (drafts, future bool) {
	for _, st := range l.Site.Stories {
		drafts = drafts || st.Draft
		future = future || st.Date.After(opts.Now)
	}
	for _, st := range l.Site.Pages {
		drafts = drafts || st.Draft
	}
	return drafts, future
}

// lend takes into w, from prev, the output w replaces, the smaller copies
// of images (covers, and images in bodies) whose fingerprints are
// unchanged, and returns the jobs left to run. A smaller copy depends on
// its image alone, so its fingerprint is exact whatever the templates
// (render.Job.Variant): a site with its own, whose pages are all rendered
// afresh, need not resize every photo again,
// at a second and hundreds of megabytes for a large photo (issue D6).
func lend(ctx context.Context, prev *output.Updater, w *output.Writer, jobs []*render.Job, fps map[string]string, workers int) ([]*render.Job, error) {
	if prev == nil {
		return jobs, nil
	}
	var variants []int // indexes in jobs
	for i, j := range jobs {
		if j.Variant() {
			variants = append(variants, i)
		}
	}
	lent := make([]bool, len(jobs))
	errs := make([]error, len(variants))
	err := parallel.For(ctx, len(variants), workers, func(_, k int) {
		j := jobs[variants[k]]
		lent[variants[k]], errs[k] = prev.Lend(w, j.Path, fps[j.Path])
	})
	if err := errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	rest := make([]*render.Job, 0, len(jobs))
	for i, j := range jobs {
		if !lent[i] {
			rest = append(rest, j)
		}
	}
	return rest, nil
}

// An update writes at most this many files, or half the site's if more:
// it holds what it writes in memory until every file has rendered (a
// story added to a 10,000-story site changes a quarter of the files, the
// lists it moves down a place: 50 MB), and that must stay a part of what a
// full build holds at its peak. Past that, the build writes a new output,
// which takes the files the update rendered, and those of the same bytes
// (write).
const maxUpdate = 256

// updateLimit returns the most files an update of a site of n files
// writes. Tests lower it (SetUpdateLimit).
var updateLimit = func(n int) int { return max(maxUpdate, n/2) }

// plan is how a build writes its output, decided once the site is read
// and before its Markdown is converted: the renderer, and an update of the
// previous output when it can be one. Otherwise, with the theme's own
// templates, the build writes a new output (w), each story's page as soon
// as the story is converted, and lets the page's HTML go right after: held
// from the first story converted to the last page written, every story's
// HTML was the largest part of the build's memory (48 MB at 10,000
// stories). A story's page shows nothing of other stories that their
// Markdown gives (render.Renderer.StoryPages).
type plan struct {
	r *render.Renderer
	u *output.Updater // nil unless the output can be updated
	w *output.Writer  // the new output, its story pages written ahead; nil for none
	// sink is where story pages are written ahead, as the stories
	// convert: w, or u when every page renders; nil for none.
	sink render.Sink
	// tooMany tells that u, as pages were written ahead into it, found
	// too many files changed for an update (output.ErrTooMany).
	tooMany bool
	prev    *output.Updater // the output by this herald a new one replaces, which lends it the images' smaller copies (lend); may be nil
	// ours tells that this herald made the previous output: its
	// fingerprints may be compared with this build's.
	ours   bool
	unlock func()
	page   func(*site.Story) *render.Job
	mu     sync.Mutex
	ahead  map[string]bool // the paths written ahead
	// broken is why the templates do not parse, or why a story's page
	// written ahead failed; nil when neither. The build then writes
	// nothing, and reports every problem of the templates.
	broken error
}

// failed reports whether the templates failed the plan.
func (p *plan) failed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.broken != nil
}

// pagesAhead tells a build to write the story pages of a new output as the
// stories are converted (plan).
var pagesAhead = true

// plan takes the output's lock and makes the build's plan.
func (l *Loaded) plan(opts Options, pre *prepared) (*plan, error) {
	unlock, u, ours, err := pre.take()
	had := unlock != nil // the lock and updater prepareUpdate made
	if !had && err == nil {
		// Only a site that loaded takes the lock, which may create the
		// output's parent: a mistyped --source creates nothing.
		unlock, err = output.Lock(opts.Out)
	}
	if err != nil {
		return nil, err
	}
	r, err := l.renderer(opts, true) // each page renders once
	var de *diag.Error
	if r != nil && errors.As(err, &de) {
		// Templates that do not parse: the build goes on to convert the
		// stories, and renders them in memory for the templates' other
		// problems, to report them all in one run.
		return &plan{r: r, unlock: unlock, broken: err}, nil
	}
	if err != nil {
		unlock()
		return nil, err
	}
	if !had && mayUpdate(opts) {
		u, ours = previousOf(opts.Out)
	}
	// Another herald's output is updated too, by the bytes of each file:
	// its fingerprints mean nothing to this one.
	p := &plan{r: r, u: u, unlock: unlock}
	if ours {
		p.prev, p.ours = u, true
	}
	switch {
	case !r.Exact() || !pagesAhead:
	case p.u == nil:
		if p.w, err = output.Begin(opts.Out); err != nil {
			unlock()
			return nil, err
		}
		p.sink = p.w
	case !p.ours:
		// Every page renders: the story pages as the stories convert,
		// whose HTML, held until then, made an update over another
		// herald's output at 30,000 stories peak at 811–841 MB (683 MB
		// so), where a new output's peaked at 557 MB. The limit is the
		// update's (update), as far as the previous build tells.
		p.sink = p.u
		p.u.Limit(updateLimit(p.u.Previous()), nil) // storyPage stops at it
	}
	if p.sink != nil {
		p.page, p.ahead = r.StoryPages(), map[string]bool{}
	}
	return p, nil
}

// storyPage writes the page of a story just converted into the new output,
// or into the update.
func (p *plan) storyPage(st *site.Story) error {
	p.mu.Lock()
	tooMany := p.tooMany
	p.mu.Unlock()
	if tooMany {
		return nil // the update is not made: the new output renders it
	}
	j := p.page(st)
	if err := p.r.RunJob(j, p.sink); errors.Is(err, output.ErrTooMany) {
		p.mu.Lock()
		p.tooMany = true
		p.mu.Unlock()
		return nil
	} else if err != nil {
		var de *diag.Error
		if !errors.As(err, &de) {
			return err
		}
		// A template's problem: the other stories convert all the
		// same, for the build to report every problem of the templates
		// (TemplateProblems).
		p.mu.Lock()
		if p.broken == nil {
			p.broken = err
		}
		p.mu.Unlock()
		return nil
	}
	p.mu.Lock()
	p.ahead[j.Path] = true
	p.mu.Unlock()
	return nil
}

// rest returns the jobs whose files were not written ahead into sink.
func (p *plan) rest(jobs []*render.Job, sink render.Sink) []*render.Job {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ahead) == 0 || sink != p.sink {
		return jobs
	}
	return slices.DeleteFunc(slices.Clone(jobs), func(j *render.Job) bool { return p.ahead[j.Path] })
}

// abort removes the new output, if any, and lets go of the lock, for a
// build that fails before it writes.
func (p *plan) abort() {
	if p == nil {
		return
	}
	if p.w != nil {
		p.w.Abort()
	}
	p.unlock()
}

// mayUpdate reports whether the build may update an output in place
// rather than write it afresh, as far as opts and the program tell (the
// templates have their say in plan).
func mayUpdate(opts Options) bool { return !opts.Full && buildID() != "" }

// previousOf returns an updater of the output folder out when it holds a
// build, and whether this program made it: the build may then update it in
// place. Else nil.
func previousOf(out string) (u *output.Updater, ours bool) {
	prev, err := output.ReadManifest(out)
	if err != nil {
		return nil, false
	}
	if u, err = output.Update(out, prev); err != nil {
		return nil, false // a damaged manifest: write everything afresh
	}
	return u, prev.Build == buildID()
}

// prepared is the lock of an output folder and its updater, made on a
// goroutine of their own.
type prepared struct {
	done   chan struct{}
	unlock func() // nil once taken, or when the lock was not had
	u      *output.Updater
	ours   bool  // u's build is this program's
	err    error // from taking the lock
}

// prepareUpdate starts taking the lock of the output and making its
// updater, when the output holds a manifest and Build may update it: the
// output and its parent exist, and the lock creates nothing that stays.
// It returns nil otherwise, and the plan takes the lock itself.
func prepareUpdate(opts Options) *prepared {
	if !mayUpdate(opts) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(opts.Out, output.ManifestName)); err != nil {
		return nil
	}
	p := &prepared{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if p.unlock, p.err = output.Lock(opts.Out); p.err == nil {
			p.u, p.ours = previousOf(opts.Out)
		}
	}()
	return p
}

// take waits for p and hands over its lock and updater. A nil p gives
// nothing.
func (p *prepared) take() (unlock func(), u *output.Updater, ours bool, err error) {
	if p == nil {
		return nil, nil, false, nil
	}
	<-p.done
	unlock, p.unlock = p.unlock, nil
	return unlock, p.u, p.ours, p.err
}

// release waits for p and lets go of its lock, unless a plan took it.
func (p *prepared) release() {
	if unlock, _, _, _ := p.take(); unlock != nil {
		unlock()
	}
}

// update brings the output up to date in place with the plan's updater,
// when it has one, rendering the jobs whose fingerprints changed, and
// writing those whose bytes did. Where the fingerprints cannot tell, under
// templates of the site's own or over another herald's output, it renders
// every page, and compares bytes. It returns the new manifest and the
// numbers of files written and deleted, or a nil manifest, having written
// nothing, when an update does not suit: too many files changed
// (output.ErrTooMany), or a file and a folder trade places
// (output.ErrLayout).
//
// At 10,000 stories, with templates of the site's own and one story
// edited, an update took 1.7 s, where writing a new output and removing
// the old took 4.3–6.4 s; over another herald's output, 2.3 s against
// 4.6–7.3 s.
func (l *Loaded) update(ctx context.Context, p *plan, jobs []*render.Job, fps map[string]string, opts Options) (m *output.Manifest, written, deleted int, err error) {
	u, r := p.u, p.r
	p.mu.Lock() // the stories converted, as storyPage is done with it
	tooMany := p.tooMany
	p.mu.Unlock()
	if u == nil || tooMany {
		return nil, 0, 0, nil
	}
	limit := updateLimit(len(jobs))
	jobs = p.rest(jobs, u)
	keep := make([]bool, len(jobs))
	if err := parallel.For(ctx, len(jobs), opts.Workers, func(_, i int) {
		j := jobs[i]
		// A copy's fingerprint, and a smaller copy's, are exact under
		// any templates.
		exact := p.ours && (r.Exact() || j.Copy != nil || j.Variant())
		keep[i] = exact && u.Keep(j.Path, fps[j.Path])
	}); err != nil {
		return nil, 0, 0, err
	}
	var todo []*render.Job
	for i, j := range jobs {
		if !keep[i] {
			todo = append(todo, j)
		}
	}
	if len(todo) > limit && p.ours && r.Exact() {
		return nil, 0, 0, nil // known before rendering
	}
	// Past the limit, the pages left are not rendered: the new output
	// renders them (a review: each rendered twice, once in vain).
	rctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	u.Limit(limit, func() { stop(output.ErrTooMany) })
	u.Annotate(buildID(), fps)
	u.Include(l.forReview(opts))
	if err := l.render(rctx, r, todo, u, opts.Workers); errors.Is(err, output.ErrTooMany) || errors.Is(context.Cause(rctx), output.ErrTooMany) {
		return nil, 0, 0, nil // Build writes a new output, which takes what u has (write)
	} else if err != nil {
		return nil, 0, 0, err
	}
	written, _ = u.Staged()
	m, deleted, err = u.Commit()
	if errors.Is(err, output.ErrLayout) {
		return nil, 0, 0, nil // nothing written: write everything afresh
	}
	if err != nil {
		return nil, 0, 0, err
	}
	l.clock.lap("write")
	return m, written, deleted, nil
}

// buildID names this program for the manifest, so that a new herald, whose
// pages may differ, renders everything once: a hash of its Go build ID,
// which the Go linker writes into the executable and which changes with
// every byte of it, or of the whole executable when it has none (linked
// with -buildid= or not ELF). "" when the executable cannot be read, which
// turns updates off.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return programID(exe)
})

// programID returns buildID for the executable exe.
func programID(exe string) string {
	h := xxhash.New()
	if id := goBuildID(exe); id != "" {
		h.WriteString(id)
	} else {
		f, err := os.Open(exe)
		if err != nil {
			return ""
		}
		defer f.Close()
		if _, err := io.Copy(h, f); err != nil {
			return ""
		}
	}
	return "herald-" + strconv.FormatUint(h.Sum64(), 16)
}

// goBuildID returns the Go build ID of the ELF executable exe (as go tool
// buildid prints it), read from its .note.go.buildid section, or "" when it
// has none. Reading it takes a few kilobytes of the file, where hashing the
// whole executable took 13 ms at the start of every build.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	note, err := s.Data()
	if err != nil || len(note) < 12 {
		return ""
	}
	// An ELF note: the name's size, the description's size, the type (4
	// for a Go build ID), the name ("Go\x00" padded to 4 bytes), then the
	// description, the build ID.
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(note), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	start := 12 + (uint64(namesz)+3)&^3
	if typ != 4 || namesz != 4 || string(note[12:min(len(note), 16)]) != "Go\x00\x00" || start+uint64(descsz) > uint64(len(note)) {
		return ""
	}
	return string(note[start : start+uint64(descsz)])
}

// ReportFailed adds to l.Problems, for a site whose content has errors,
// which is not built, what a build would report beside them, so that one
// run tells every problem: the problems of templates that do not parse (or
// call themselves without end; a content error hid a template's syntax
// error until it was fixed), and the links and images that lead nowhere
// (WarnLinks), but when a template calls itself without end. Load has
// added the warnings of the converted stories already. The pages are not
// rendered. Build calls it, and so does the dev server, to report what a
// build would.
func (l *Loaded) ReportFailed(opts Options) {
	if l.Site == nil {
		return
	}
	r, err := l.renderer(opts, false)
	ps, _ := diag.Gather(err) // any other error is told once the content is fixed
	for _, p := range ps {
		l.Problems.Add(p)
	}
	if r != nil {
		l.WarnLinks(r.Jobs(), opts)
	}
}

// Renderer returns the renderer of a loaded site, with the templates of
// opts.Theme overlaid by the site's.
func (l *Loaded) Renderer(opts Options) (*render.Renderer, error) {
	return l.renderer(opts, false)
}

// renderer returns the renderer, which lets each story's HTML go once its
// page is written when release is true.
func (l *Loaded) renderer(opts Options, release bool) (*render.Renderer, error) {
	ropts := render.Options{Workers: opts.Workers, LiveReload: opts.LiveReload, Image: l.files.image, ReleaseBodies: release, ThemeSource: ThemeSource(opts.Source)}
	if opts.whole {
		// Check renders drafts and scheduled stories too.
		ropts.Held = func(st *site.Story) bool {
			return st.Draft || st.Kind == content.Story && st.Date.After(opts.Now) // a page has no date to wait for
		}
	}
	r, err := render.New(l.Site, opts.Theme, l.siteFS, l.Assets, ropts)
	if r != nil {
		for _, w := range r.Warnings() {
			l.Problems.Add(w)
		}
	}
	return r, err
}

// ThemeSource reports whether the site's folder is herald's own source,
// whose templates/ and static/ go run builds into herald as the default
// theme: the sample site's templates there are the theme itself.
func ThemeSource(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && f[1] == "herald" {
			return true
		}
	}
	return false
}

// render writes jobs into sink, then the search index, which Build has
// started building meanwhile on its own goroutine.
func (l *Loaded) render(ctx context.Context, r *render.Renderer, jobs []*render.Job, sink render.Sink, workers int) error {
	if err := r.RunJobs(ctx, jobs, sink); err != nil {
		return err
	}
	l.clock.lap("pages")
	ix, err := l.Search()
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	paths := make([]string, 0, len(ix.Files)+len(ix.Kept))
	for p := range ix.Files {
		paths = append(paths, p)
	}
	paths = append(paths, ix.Kept...) // the previous index's, unchanged
	slices.Sort(paths)
	u, updating := sink.(*output.Updater)
	errs := make([]error, len(paths))
	err = parallel.For(ctx, len(paths), workers, func(_, i int) {
		data, ok := ix.Files[paths[i]]
		if !ok {
			if updating && u.KeepIntact(paths[i]) {
				return
			}
			// A new output folder, or a file edited since Update saw it.
			if data, errs[i] = ix.ReadKept(paths[i]); errs[i] != nil {
				return
			}
		}
		errs[i] = sink.WriteFile(paths[i], data)
	})
	l.clock.lap("search")
	return errors.Join(append(errs, err)...)
}

// checkOut refuses an output folder that is the site's folder or holds it
// (replacing it would delete the site), or that lies inside one of the
// folders the build reads (each build would copy the last one into itself).
func checkOut(source, out string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return nil
	}
	within := func(dir, p string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
	}
	// Problems of the command line, in the site's language (a trial: they
	// were English on a Chinese site).
	var problems diag.List
	public := filepath.Join(source, "public")
	if within(dst, src) {
		problems.Errorf(diag.Pos{File: out}, "the output folder holds the site's own files, which a build would replace").
			WithHint("choose a folder inside it, such as %s", public)
		return problems.Err()
	}
	for _, dir := range []string{content.Dir, assets.Dir, render.TemplatesDir} {
		if within(filepath.Join(src, dir), dst) {
			problems.Errorf(diag.Pos{File: out}, "the output folder is inside the site's %s folder, which the build reads", dir).
				WithHint("choose another, such as %s", public)
			return problems.Err()
		}
	}
	if within(filepath.Join(src, filepath.Dir(CacheDir)), dst) {
		problems.Errorf(diag.Pos{File: out}, "the output folder is inside %s, where herald keeps its cache", filepath.Dir(CacheDir)).
			WithHint("choose another, such as %s", public)
		return problems.Err()
	}
	return nil
}

// lookup returns the cached conversion of src, whose body has the hash
// hash, or nil; and, when the conversion read from disk does not hold its
// text, the function that reads it.
func (c *Cache) lookup(src *markdown.Source, hash uint64, unsafe bool) (res *markdown.Result, text func() (string, error)) {
	if c == nil {
		return nil, nil
	}
	c.await()
	c.mu.Lock()
	e, ok := c.md[src.File]
	c.mu.Unlock()
	if !ok || e.Hash != hash || e.Unsafe != unsafe ||
		e.Src.Dir != src.Dir || e.Src.BasePath != src.BasePath || e.Src.SourceDir != src.SourceDir || e.Src.Line != src.Line {
		return nil, nil
	}
	for md, page := range e.Links {
		if src.Pages[md] != page {
			return nil, nil
		}
	}
	// An image replaced by one of another size, or that gets other
	// smaller copies, changes the page.
	for _, l := range e.Res.Links {
		if l.Image && l.Path != "" {
			if w, h, _ := src.ImageSize(l.Path); w != l.Width || h != l.Height {
				return nil, nil
			}
			if l.Width > 0 && !slices.Equal(src.ImageCopies(l.Path), l.Copies) {
				return nil, nil
			}
		}
	}
	if e.textLen > 0 {
		text = func() (string, error) { return c.text(e) }
	}
	return e.Res, text
}

// store keeps a conversion. A cache saved to disk writes its text to the
// file its next save renames into place, and returns the function that
// reads it from there: the story lets it go, and reads it again from there
// when asked for (site.Story.SetTextLoader).
func (c *Cache) store(src *markdown.Source, hash uint64, unsafe bool, res *markdown.Result) (text func() (string, error)) {
	if c == nil {
		return nil
	}
	c.await()
	e := mdEntry{Hash: hash, Src: *src, Unsafe: unsafe, Res: res}
	if c.disk != "" {
		// A cache saved to disk keeps no HTML (see disk.go), nor lets it
		// stay in memory once the story lets it go (site.Story.ReleaseBody);
		// nor the text, but on Windows (streamTexts).
		r := *res
		r.HTML, r.NoHTML = "", true
		if streamTexts && r.Text != "" {
			if at, ok := c.appendText(r.Text); ok {
				e.textAt, e.textLen, e.inNext = at, len(r.Text), true
				r.Text = ""
				text = func() (string, error) { return c.text(e) }
			}
		}
		e.Res = &r
	}
	e.Src.Body, e.Src.Pages, e.Src.ImageSize, e.Src.ImageCopies = nil, nil, nil, nil
	for _, l := range res.Links {
		if l.Markdown != "" {
			if e.Links == nil {
				e.Links = map[string]string{}
			}
			e.Links[l.Markdown] = src.Pages[l.Markdown]
		}
	}
	c.mu.Lock()
	c.md[src.File] = e
	c.stores++
	c.mu.Unlock()
	return text
}

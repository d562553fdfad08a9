package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"herald/generator/assets"
	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/images"
	"herald/generator/internal/parallel"
	"herald/generator/internal/reuse"
	"herald/generator/internal/urlpath"
	"herald/generator/site"
)

// TemplatesDir is the name of the templates folder, in the theme and in a
// site.
const TemplatesDir = "templates"

// Sink receives the rendered files. Its methods are called from many
// goroutines at once.
type Sink interface {
	WriteFile(path string, data []byte) error
	CopyFile(path string, fsys fs.FS, name string) error
}

// Options configure a Renderer.
type Options struct {
	Workers    int    // parallel jobs; 0 means GOMAXPROCS
	LiveReload string // dev server: the site path of a script every page loads; "" in production
	// Image returns the size of the image at a site path and where its
	// bytes are, for covers' sizes and the smaller copies of covers and
	// of images in bodies; nil or !ok for none.
	Image func(sitePath string) (images.Size, Source, bool)
	// ReleaseBodies lets each story's HTML go once its page is written,
	// unless a feed shows it (site.Story.ReleaseBody): for a build that
	// renders each page once.
	ReleaseBodies bool
	// ThemeSource tells that the site's folder is where the theme comes
	// from (herald's own repository, whose templates go run builds in):
	// its templates, the same as the theme's, may have been changed in
	// ways the theme's never are, so fingerprints do not trust them.
	ThemeSource bool
	// Held tells the stories a build leaves out, drafts and scheduled
	// stories, whose pages herald check renders too: a problem's note
	// names as its first page one of the others, where there is one (a
	// trial: a scheduled story, the newest, named first).
	Held func(*site.Story) bool
}

// Renderer renders one build of a site.
type Renderer struct {
	site       *site.Site
	cfg        *config.Config
	assets     *assets.Plan
	siteFS     fs.FS // the site's folder, for content assets
	opts       Options
	pages      map[string]*template.Template // page template name -> its set
	sources    map[string]string             // template name -> the file it came from, for errors
	texts      map[string]string             // template name -> its file's text, for lines
	siteOwn    map[string]bool               // template name -> the site's file, not the theme's (nor a copy of it)
	broken     map[string]bool               // the files that do not parse, each an empty template in its set
	warnings   []*diag.Problem               // the site's template files that nothing uses (unused)
	problems   diag.List                     // why they do not
	ui         map[string]string
	tmplHash   *hasher            // the templates' names and text, as they are parsed
	own        bool               // the site has templates of its own, not copies of the theme's, which fingerprints cannot trust (trusted)
	untrusted  string             // where they show what fingerprints leave out, when own
	counts     counted            // the lists whose lengths the site's trusted templates show, which siteVersion holds
	themeCalls map[string]bool    // the theme's partialCached calls, as their text (themeCallsOf)
	shared     *template.Template // base and partials, for partialCached
	partialMu  sync.RWMutex
	partials   map[string]template.HTML // partialCached's output, by partialKey
	cacheable  map[string]bool          // the templates whose output partialCached keeps (cacheable)
	version    uint64                   // a hash of the templates, static paths and site-wide data every page shows (siteVersion)
	// The page sets, and the partials of shared, compiled (exec.go);
	// nil for those that could not be.
	programs      map[string]*program
	sharedProgram *program
	escaping      bool // compile has html/template escape the templates
	// termSums returns the hashes of the site's terms, made once (termSum).
	termSums func() map[*site.Term]uint64
	decodes  atomic.Int64  // images read and decoded to make their smaller copies (Decodes)
	rendered atomic.Int64  // pages and feeds rendered (Rendered)
	scaling  chan struct{} // a slot for each smaller copy being made at once, one a core (original.write)
}

// Decodes returns how many times the renderer has read and decoded an
// image to make its smaller copies, for tests and a build's statistics.
func (r *Renderer) Decodes() int { return int(r.decodes.Load()) }

// Rendered returns how many pages and feeds the renderer has rendered, a
// page rendered twice counted twice, for tests and a build's statistics.
func (r *Renderer) Rendered() int { return int(r.rendered.Load()) }

// Page is what a page template receives.
type Page struct {
	Site        *site.Site
	Config      *config.Config
	UI          map[string]string // the theme's strings in the site's language: {{.UI.home}}
	Kind        string            // home, story, page, category, branch, tag, categories, branches, tags, archives, year, month, achievements, figure, search, 404
	Title       string            // the page's own title; the site's title for home
	Description string            // for the meta description
	Path        string            // its site path
	URL         string            // Path under the base URL's path, percent-encoded
	Story       *site.Story
	Term        *site.Term
	Terms       []*site.Term
	Year        *site.Year
	Month       *site.Month
	Figure      *site.Figure
	Cover       *Image // a story's cover
	Pager       *Pager
	Feed        string // the URL of the page's RSS feed, or ""
	LiveReload  string // the dev server's script, or ""
}

// Image is an image a page shows.
type Image struct {
	Path    string // its site path, or an absolute URL
	URL     string // for src
	Width   int    // 0 when unknown
	Height  int
	Srcset  string // smaller versions: "a-480w.jpg 480w, a-960w.jpg 960w, a-1440w.jpg 1440w, a.jpg 1600w"; "" for none
	Caption string // from the front matter's caption, or ""
}

// Pager is one page of a paginated list.
type Pager struct {
	Number  int // 1-based
	Total   int // number of pages, ≥ 1
	Stories []*site.Story
	First   string // URL of page 1
	Prev    string // URL of the previous page, or ""
	Next    string // URL of the next page, or ""
}

// Links returns the pager's numbered links: the first page, the last, and
// two on each side of this one, with gaps between. They are made when a
// template asks, not with the page's job: an update makes the jobs of every
// list page and renders few.
func (p *Pager) Links() []PageLink { return pageLinks(p.First, p.Number, p.Total) }

// PageLink is a numbered link of a pager; Number 0 is a gap (…).
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// New parses the templates of the theme overlaid by the site's. theme and
// siteFS hold templates/ and static/ folders (either may be nil); siteFS is
// also where content assets are copied from.
//
// Templates that do not parse are problems, each file's, returned as a
// [*diag.Error] together with a renderer that is good for [Renderer.Jobs]
// and [Renderer.Check] alone: Check reports them with the problems the
// other templates meet when they run. A template that calls itself
// without end is a problem too, returned with the others but with no
// renderer (nil): nothing may run it.
func New(s *site.Site, theme, siteFS fs.FS, plan *assets.Plan, opts Options) (*Renderer, error) {
	r := &Renderer{site: s, cfg: s.Config, assets: plan, siteFS: siteFS, opts: opts, pages: map[string]*template.Template{}, sources: map[string]string{}, texts: map[string]string{}, siteOwn: map[string]bool{}, broken: map[string]bool{}, partials: map[string]template.HTML{}, scaling: make(chan struct{}, runtime.GOMAXPROCS(0))}
	r.termSums = sync.OnceValue(r.sumTerms)
	ui, err := uiStrings(s.Config)
	if err != nil {
		return nil, err
	}
	r.ui = ui
	r.tmplHash = newHasher()
	files := map[string]fs.FS{}
	var others []string // the site's files in templates/ that are no templates
	for _, tree := range []fs.FS{theme, siteFS} {
		if tree == nil {
			continue
		}
		err := fs.WalkDir(tree, TemplatesDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == TemplatesDir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() || content.Ignored(d.Name()) {
				return nil
			}
			if !strings.HasSuffix(p, ".html") {
				if tree == siteFS && tree != theme {
					// A retrial: partials/footer.htm and x.tmpl were
					// not read, with no word.
					others = append(others, p)
				}
				return nil
			}
			name := strings.TrimPrefix(p, TemplatesDir+"/")
			files[name] = tree
			if tree == siteFS && tree != theme {
				r.siteOwn[name] = !SameFile(theme, siteFS, p)
				r.own = r.own || r.siteOwn[name]
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if files["base.html"] == nil {
		return nil, fmt.Errorf("%s/base.html is missing", TemplatesDir)
	}
	funcs := r.funcs()
	shared := template.New("").Funcs(funcs).Option("missingkey=error")
	var pageNames []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		if name != "base.html" && !strings.HasPrefix(name, "partials/") {
			pageNames = append(pageNames, name)
			continue
		}
		if err := r.parse(shared, name, files[name]); err != nil {
			return nil, err
		}
	}
	for _, name := range pageNames {
		t, err := shared.Clone() // before shared is ever executed, as Clone requires
		if err != nil {
			return nil, err
		}
		if err := r.parse(t, name, files[name]); err != nil {
			return nil, err
		}
		r.pages[name] = t
	}
	for _, need := range pageTemplates {
		if r.pages[need] == nil {
			return nil, fmt.Errorf("%s/%s is missing", TemplatesDir, need)
		}
	}
	r.shared = shared
	calls := newSets(shared, r.pages)
	if err := r.checkCycles(calls); err != nil {
		// Reported with the files that do not parse, but no renderer:
		// nothing may run a template that calls itself without end.
		var de *diag.Error
		if !errors.As(err, &de) {
			return nil, err
		}
		for _, p := range de.Problems {
			r.problems.Add(p)
		}
		return nil, r.problems.Err()
	}
	r.checkMissing(calls)
	r.cacheable = cacheable(calls, func(name string) bool { return r.siteOwn[name] })
	// Templates of the site's own that show nothing fingerprints leave
	// out keep them exact.
	if opts.ThemeSource {
		// A trial: in herald's folder, a footer changed to show the
		// number of stories was built into the theme, trusted, and
		// went stale on updates.
		r.own, r.untrusted = true, TemplatesDir+"/ (the default theme's source, which go run builds into herald)"
	}
	if r.own && r.untrusted == "" {
		var names []string
		for name, tree := range files {
			if tree == theme || r.siteOwn[name] {
				names = append(names, name)
			}
		}
		r.themeCalls = themeCallsOf(theme, names, funcs)
		var ok bool
		ok, why, counts := r.trusted()
		r.own, r.untrusted = !ok, why
		if ok {
			r.counts = counts
		}
	}
	r.warnings = r.unused(calls, files, siteFS)
	var fw diag.List
	for _, name := range names {
		fullWidthActions(&fw, r.sources[name], r.texts[name])
	}
	r.warnings = append(r.warnings, fw.Problems()...)
	for _, p := range others {
		var l diag.List
		l.Warnf(diag.Pos{File: p, Line: 1}, "herald reads only the .html files of templates/").
			WithHint("name it %s.html if it is a template", strings.TrimSuffix(p, path.Ext(p)))
		r.warnings = append(r.warnings, l.Problems()...)
	}
	r.compile(funcs)
	r.version = r.siteVersion()
	if err := r.problems.Err(); err != nil {
		return r, err
	}
	return r, nil
}

// compile compiles each page set, and the partials of the shared set,
// which partialCached executes, once html/template has escaped them.
func (r *Renderer) compile(funcs template.FuncMap) {
	var partials []string
	for _, t := range r.shared.Templates() {
		if strings.HasPrefix(t.Name(), "partials/") {
			partials = append(partials, t.Name())
		}
	}
	slices.Sort(partials)
	r.escaping = true
	escape(r.shared, partials...)
	r.sharedProgram = compile(r.shared, funcs, partials...)
	r.programs = make(map[string]*program, len(r.pages))
	for name, t := range r.pages {
		escape(t, "base.html")
		r.programs[name] = compile(t, funcs, "base.html")
	}
	for _, p := range append(slices.Collect(maps.Values(r.programs)), r.sharedProgram) {
		if p != nil {
			p.partial = r.partialAt
		}
	}
	r.escaping = false
}

// SameFile reports whether the file name holds the same bytes in a and b:
// a site's file with the theme's bytes is the theme's.
func SameFile(a, b fs.FS, name string) bool {
	if a == nil {
		return false
	}
	x, err1 := fs.ReadFile(a, name)
	y, err2 := fs.ReadFile(b, name)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// parse parses the file name of tree into t. A file that does not parse
// is a problem in r.problems, and is marked broken: it stands in t as an
// empty template, so that the pages that call it can still be checked.
// The error is an I/O error.
func (r *Renderer) parse(t *template.Template, name string, tree fs.FS) error {
	data, err := fs.ReadFile(tree, TemplatesDir+"/"+name)
	if err != nil {
		return err
	}
	r.sources[name] = TemplatesDir + "/" + name
	r.texts[name] = string(data)
	r.tmplHash.str(name, string(data))
	if _, err := t.New(name).Parse(string(data)); err != nil {
		// A failed Parse leaves t as it was: the next file parses all the
		// same (a trial: one syntax error per run).
		if p := r.problem(err, ""); p != nil {
			r.problems.Add(p)
		} else {
			r.problems.Errorf(r.filePos(name), "syntax error: %s", err.Error())
		}
		r.broken[name] = true
		if _, err := t.New(name).Parse(""); err != nil {
			return err
		}
	}
	return nil
}

// Job is one output file.
type Job struct {
	Path    string        // its output path: slash-separated, no leading slash
	Stories []*site.Story // the stories whose fields it shows, for dependency tracking
	Copy    *Source       // for a file copied as it is; nil for a rendered one
	// Mentions are stories the file names without showing their fields —
	// the sitemap lists every story's address and date, which its key
	// covers — for Dependents, not for fingerprints.
	Mentions []*site.Story

	tmpl    string                    // the page template it executes; "" for none
	data    *Page                     // what it executes it with
	where   diag.Phrase               // the page, as problems name it: by its story's file, or its site path
	key     uint64                    // a hash of everything else it shows
	variant bool                      // an image's smaller copy: key is all it depends on (Variant)
	run     func(*bytes.Buffer) error // renders it; nil for a copy
	release *site.Story               // the story whose HTML to let go once it is written
	orig    *original                 // for an image's smaller copy: the image, shared with its other copies' jobs
	width   int                       // and the copy's width
}

// Variant reports whether the job writes an image's smaller copy, of a
// cover or of an image in a body. Its
// bytes depend on the image's and the width alone, whatever the templates
// and the site's settings, and so does its fingerprint: it is exact even
// with templates of the site's own (see [Renderer.Exact]).
func (j *Job) Variant() bool { return j.variant }

// Source is where a copied file's bytes come from.
type Source struct {
	FS   fs.FS  // the tree holding it
	Name string // its name in FS
	Data []byte // its content, when already read (fingerprinted assets)
}

// bufs are the buffers pages and partials render into, kept through
// garbage collections: as many as render at once (RunJobs' goroutines,
// each with a partial under way), and no larger than 1 MB (a story's page
// is 10–20 kB; a sitemap, rendered once, may be larger and is let go).
var bufs = reuse.New(32, func() *bytes.Buffer { return new(bytes.Buffer) },
	func(b *bytes.Buffer) bool { b.Reset(); return b.Cap() <= 1<<20 })

// Run renders every file into sink.
func (r *Renderer) Run(ctx context.Context, sink Sink) error { return r.RunJobs(ctx, r.Jobs(), sink) }

// RunJobs renders the given jobs into sink.
func (r *Renderer) RunJobs(ctx context.Context, jobs []*Job, sink Sink) error {
	errs := make([]error, len(jobs))
	workers := r.opts.Workers
	if workers <= 0 {
		// Each job renders, then waits on the file system to write: more
		// workers than cores keep the cores busy while others write.
		workers = parallel.Waiting()
	}
	// The jobs of an image's copies share its decoding (original).
	for _, j := range jobs {
		if j.orig != nil {
			j.orig.expect()
		}
	}
	ran := make([]bool, len(jobs))
	err := parallel.For(ctx, len(jobs), workers, func(_, i int) {
		ran[i] = true
		errs[i] = r.do(jobs[i], sink, true)
	})
	for i, j := range jobs {
		if !ran[i] && j.orig != nil {
			j.orig.done() // canceled: let the image go all the same
		}
	}
	if err != nil {
		return err
	}
	return joinDistinct(errs)
}

// joinDistinct joins errors, each message once: a broken template fails
// every page it is on with the same error, which is worth saying once.
func joinDistinct(errs []error) error {
	seen := map[string]bool{}
	var out []error
	for _, err := range errs {
		if err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, err)
		}
	}
	return errors.Join(out...)
}

// RunJob renders one job, or copies its file, into sink.
func (r *Renderer) RunJob(j *Job, sink Sink) error { return r.do(j, sink, false) }

// do runs j into sink. shared tells that RunJobs runs it, and that an
// image's copy may take the decoding its other copies share.
func (r *Renderer) do(j *Job, sink Sink, shared bool) error {
	switch {
	case j.Copy == nil:
	case j.Copy.Data != nil:
		return sink.WriteFile(j.Path, j.Copy.Data)
	default:
		return sink.CopyFile(j.Path, j.Copy.FS, j.Copy.Name)
	}
	buf := bufs.Get()
	defer bufs.Put(buf)
	run := j.run
	if shared && j.orig != nil {
		run = func(b *bytes.Buffer) error { return j.orig.write(b, j.width, true) }
	}
	if err := run(buf); err != nil {
		return err
	}
	if !j.variant {
		r.rendered.Add(1)
	}
	if j.release != nil {
		j.release.ReleaseBody()
	}
	return sink.WriteFile(j.Path, buf.Bytes())
}

// StoryPages returns the function that gives the job of a story's page, as
// Jobs has it. It may be called before the Markdown of other stories is
// converted, but only with templates fingerprints trust (Exact), which show
// of other stories nothing their Markdown gives (trust.go: of a neighbour
// or a related story, what its front matter gives).
func (r *Renderer) StoryPages() func(st *site.Story) *Job {
	inFeed := r.inFeeds()
	return func(st *site.Story) *Job {
		j := r.page("story.html", &Page{Kind: "story", Title: st.Title, Description: st.Summary, Path: st.Path, Story: st, Cover: r.cover(st)})
		if r.opts.ReleaseBodies && !inFeed[st] {
			j.release = st
		}
		return j
	}
}

// Render renders a job that is not a copy into b.
func (r *Renderer) Render(j *Job, b *bytes.Buffer) error {
	if j.run == nil {
		return fmt.Errorf("%s is a copied file, not a rendered one", j.Path)
	}
	return j.run(b)
}

// execute writes the page template set's base.html with data into b,
// with the program prog when it can, else with html/template.
func execute(prog *program, set *template.Template, b *bytes.Buffer, data *Page) error {
	if ok, err := prog.execute(b, "base.html", data); ok || err != nil {
		return err
	}
	return set.ExecuteTemplate(b, "base.html", data)
}

// file returns the output path of a site path.
func file(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// page returns a job that executes the page template name with p. The
// stories it shows are its list's, or its story and that story's
// neighbours and related stories.
func (r *Renderer) page(name string, p *Page) *Job {
	p.Site, p.Config, p.UI, p.LiveReload = r.site, r.cfg, r.ui, r.opts.LiveReload
	p.URL = r.URL(p.Path)
	if p.Feed != "" {
		p.Feed = r.URL(p.Feed)
	}
	j := &Job{Path: file(p.Path), tmpl: name, data: p, where: diag.Phrasef("the page at %s", p.Path), run: func(b *bytes.Buffer) error {
		if err := execute(r.programs[name], r.pages[name], b, p); err != nil {
			return r.templateError(name, err)
		}
		return nil
	}}
	h := newHasher()
	h.str(name, p.Kind, p.Title, p.Description, p.Path, p.Feed)
	if c := p.Cover; c != nil { // its size and smaller copies come from the image file
		h.str(c.Path, c.URL, c.Caption, c.Srcset)
		h.int(c.Width, c.Height)
	}
	if st := p.Story; st != nil {
		if st.Doc != nil {
			j.where = diag.Phrasef("the page of %s", st.Doc.Path)
		}
		j.Stories = make([]*site.Story, 1, 3+len(st.Related)) // one allocation, not four
		j.Stories[0] = st
		if st.Newer != nil {
			j.Stories = append(j.Stories, st.Newer)
		}
		if st.Older != nil {
			j.Stories = append(j.Stories, st.Older)
		}
		j.Stories = append(j.Stories, st.Related...)
	}
	if pg := p.Pager; pg != nil {
		j.Stories = append(j.Stories, pg.Stories...)
		h.int(pg.Number, pg.Total)
	}
	if t := p.Term; t != nil {
		h.u64(r.termSum(t))
	}
	for _, t := range p.Terms {
		h.u64(r.termSum(t))
	}
	if y := p.Year; y != nil {
		h.year(y)
	}
	if p.Kind == "archives" {
		for _, y := range r.site.Years {
			h.year(y)
		}
	}
	if m := p.Month; m != nil {
		j.Stories = append(j.Stories, m.Stories...)
	}
	if f := p.Figure; f != nil {
		h.figure(f)
		for _, t := range f.Units {
			for _, y := range t.Years {
				j.Stories = append(j.Stories, y.Stories...)
			}
		}
	}
	if p.Kind == "achievements" {
		for _, f := range r.site.Figures {
			h.figure(f)
		}
	}
	j.key = h.sum()
	return j
}

// Jobs lists every file of the site. The jobs are made in parallel, a
// story's or a term's on each worker (each job hashes what its page shows,
// 0.1 s of CPU at 10,000 stories), and listed in a fixed order.
func (r *Renderer) Jobs() []*Job {
	s := r.site
	var units []func() []*Job
	storyPage := r.StoryPages()
	for _, st := range s.Stories {
		units = append(units, func() []*Job { return append([]*Job{storyPage(st)}, r.resources(st)...) })
	}
	for _, st := range s.Pages {
		units = append(units, func() []*Job {
			return append([]*Job{r.page("page.html", &Page{Kind: "page", Title: st.Title, Description: st.Summary, Path: st.Path, Story: st})}, r.resources(st)...)
		})
	}
	units = append(units, func() []*Job {
		jobs := r.list(&Page{Kind: "home", Title: r.cfg.Title, Description: r.cfg.Description, Path: "/", Feed: "/index.xml"}, s.Stories)
		jobs = append(jobs, r.feeds(s.Stories, "/", r.cfg.Title, r.cfg.Description)...)
		return append(jobs, r.jsonFeed())
	})
	for _, tax := range []struct {
		kind, index string
		terms       []*site.Term
	}{
		{"category", "categories", s.Categories},
		{"branch", "branches", s.Branches},
		{"tag", "tags", s.Tags},
	} {
		units = append(units, func() []*Job {
			return []*Job{r.page("terms.html", &Page{Kind: tax.index, Title: r.ui[tax.index], Path: "/" + tax.index + "/", Terms: tax.terms})}
		})
		for _, t := range tax.terms {
			units = append(units, func() []*Job {
				desc := t.Description
				if desc == "" {
					desc = fmt.Sprintf(r.ui["term_description"], t.Name)
				}
				// A tag's title says it is one: a category and a tag of
				// one name had one title (a trial).
				title := t.Name
				if tax.kind == "tag" {
					title = fmt.Sprintf(r.ui["tag_title"], t.Name)
				}
				jobs := r.list(&Page{Kind: tax.kind, Title: title, Description: desc, Path: t.Path, Term: t, Feed: t.Path + "index.xml"}, t.Stories)
				return append(jobs, r.feeds(t.Stories, t.Path, title+" - "+r.cfg.Title, desc)...)
			})
		}
	}
	units = append(units, func() []*Job {
		jobs := []*Job{r.page("archives.html", &Page{Kind: "archives", Title: r.ui["archives"], Description: r.ui["archives_description"], Path: "/archives/"})}
		for _, y := range s.Years {
			jobs = append(jobs, r.page("archives.html", &Page{Kind: "year", Title: fmt.Sprintf(r.ui["year_title"], y.Year), Description: fmt.Sprintf(r.ui["year_description"], y.Year), Path: y.Path, Year: y}))
			for _, m := range y.Months {
				jobs = append(jobs, r.page("archives.html", &Page{Kind: "month", Title: fmt.Sprintf(r.ui["month_title"], m.Year, m.Month), Description: fmt.Sprintf(r.ui["month_description"], m.Year, m.Month), Path: m.Path, Year: y, Month: m}))
			}
		}
		jobs = append(jobs, r.page("404.html", &Page{Kind: "404", Title: r.ui["not_found"], Description: r.ui["not_found_text"], Path: "/404.html"}))
		jobs = append(jobs, r.page("search.html", &Page{Kind: "search", Title: r.ui["search"], Path: "/search/"}))
		jobs = append(jobs, r.page("achievements.html", &Page{Kind: "achievements", Title: r.ui["achievements"], Description: r.ui["achievements_description"], Path: "/achievements/"}))
		for _, f := range s.Figures {
			jobs = append(jobs, r.page("achievements.html", &Page{Kind: "figure", Title: f.Label, Description: fmt.Sprintf(r.ui["figure_description"], f.Label), Path: f.Path, Figure: f}))
		}
		jobs = append(jobs, r.sitemap(), r.robots())
		jobs = append(jobs, r.variants()...)
		for _, f := range r.assets.Files {
			jobs = append(jobs, r.asset(f))
		}
		for _, a := range s.Assets {
			if !s.Publishes(a) {
				continue // no story uses it: not published (site.Site.Unused)
			}
			name := content.Dir + "/" + a
			jobs = append(jobs, &Job{Path: a, Copy: &Source{FS: r.siteFS, Name: name}})
		}
		return jobs
	})
	made := make([][]*Job, len(units))
	parallel.For(context.Background(), len(units), r.opts.Workers, func(_, i int) { made[i] = units[i]() })
	return slices.Concat(made...)
}

// inFeeds returns the stories whose HTML a feed shows.
func (r *Renderer) inFeeds() map[*site.Story]bool {
	in := map[*site.Story]bool{}
	if !r.opts.ReleaseBodies || !r.cfg.Feeds.FullContent {
		return in
	}
	lists := [][]*site.Story{r.site.Stories}
	for _, terms := range [][]*site.Term{r.site.Categories, r.site.Branches, r.site.Tags} {
		for _, t := range terms {
			lists = append(lists, t.Stories)
		}
	}
	for _, l := range lists {
		for _, st := range r.newest(l) {
			in[st] = true
		}
	}
	return in
}

// cover returns a story's cover image, or nil: its size when known, and
// for a JPEG or PNG its smaller copies in srcset.
func (r *Renderer) cover(st *site.Story) *Image {
	if st.Cover == "" {
		return nil
	}
	img := &Image{Path: st.Cover, URL: r.URL(st.Cover)}
	if c, ok := st.Params["caption"].(string); ok {
		img.Caption = c
	}
	if r.opts.Image == nil || strings.Contains(st.Cover, "//") {
		return img
	}
	size, _, ok := r.opts.Image(st.Cover)
	if !ok {
		return img
	}
	img.Width, img.Height = size.Width, size.Height
	var set []string
	for _, v := range images.Plan(size) {
		set = append(set, r.URL(v.Name(st.Cover))+" "+strconv.Itoa(v.Width)+"w")
	}
	if len(set) > 0 {
		img.Srcset = strings.Join(append(set, img.URL+" "+strconv.Itoa(size.Width)+"w"), ", ")
	}
	return img
}

// LocalImage is an image of the site, not of another site, that gets
// smaller copies, and the places that show it.
type LocalImage struct {
	Path string     // its site path
	Uses []ImageUse // as covers, in the order of the stories; then in bodies, in their order
}

// ImageUse is a place that shows a local image.
type ImageUse struct {
	Story *site.Story
	Pos   diag.Pos // the story's cover: line, or the line of its body that shows the image
	Dest  string   // the image as the story gives it, in its cover: or its Markdown
	Cover bool     // the story's cover; else an image in its body
}

// Damaged returns the problems of an image damaged within its data, at
// every place that shows it.
func (img LocalImage) Damaged() *diag.List {
	var l diag.List
	why := diag.Phrasef("its data are damaged")
	for _, u := range img.Uses {
		if u.Cover {
			l.Errorf(u.Pos, "the cover %q is not a readable JPEG or PNG image (%s)", u.Dest, why).
				WithHint("re-save or re-export it as JPEG or PNG from the original")
		} else {
			l.Errorf(u.Pos, "image %q is not a readable JPEG or PNG image (%s)", u.Dest, why).
				WithHint("re-save or re-export it as JPEG or PNG from the original")
		}
	}
	return &l
}

// LocalImages returns the local images that get smaller copies: the
// covers of covers that are files of the site, not another site's
// addresses, and the images in the bodies of bodies that offer smaller
// copies (markdown.Link.Copies: once converted). The images come in the
// order of their first use, going through covers and then bodies.
func LocalImages(covers, bodies []*site.Story) []LocalImage {
	at := map[string]int{} // an image's index in out
	var out []LocalImage
	add := func(p string, u ImageUse) {
		i, ok := at[p]
		if !ok {
			i = len(out)
			at[p] = i
			out = append(out, LocalImage{Path: p})
		}
		out[i].Uses = append(out[i].Uses, u)
	}
	for _, st := range covers {
		if st.Cover != "" && !strings.Contains(st.Cover, "//") {
			add(st.Cover, ImageUse{Story: st, Pos: st.Doc.Pos("cover"), Dest: st.Doc.Cover, Cover: true})
		}
	}
	for _, st := range bodies {
		for _, l := range st.Links {
			if l.Image && len(l.Copies) > 0 {
				add(l.Path, ImageUse{Story: st, Pos: diag.Pos{File: st.Doc.Path, Line: l.Line}, Dest: l.Dest})
			}
		}
	}
	return out
}

// asset returns the job that writes a static file.
func (r *Renderer) asset(f assets.File) *Job {
	return &Job{Path: f.Path, Copy: &Source{FS: f.FS, Name: f.Name, Data: f.Data}}
}

// resources returns the jobs that copy a bundle's files beside its page.
func (r *Renderer) resources(st *site.Story) []*Job {
	var jobs []*Job
	for _, res := range st.Doc.Resources {
		out := st.ResourcePath(res)
		if !r.site.Publishes(out) {
			continue // the story does not use it: not published (site.Site.Unused)
		}
		name := st.Doc.SourceDir()
		src := content.Dir + "/" + name + "/" + res
		jobs = append(jobs, &Job{Path: out, Copy: &Source{FS: r.siteFS, Name: src}})
	}
	return jobs
}

// list returns the jobs of a paginated list: page 1 at p.Path, page N at
// p.Path + "page/N/".
func (r *Renderer) list(p *Page, stories []*site.Story) []*Job {
	per := r.cfg.Paginate
	total := max(1, (len(stories)+per-1)/per)
	jobs := make([]*Job, 0, total)
	// Escaped once (a tag's path, in Chinese, needs it): page n's URL is
	// first + "page/n/", as page n's path is p.Path + "page/n/".
	first := r.URL(p.Path)
	for n := 1; n <= total; n++ {
		q := *p
		q.Pager = &Pager{Number: n, Total: total, Stories: stories[(n-1)*per : min(len(stories), n*per)], First: first}
		q.Pager.Prev, q.Pager.Next = pagePath(first, n-1, total), pagePath(first, n+1, total)
		if n > 1 {
			q.Path = pagePath(p.Path, n, total)
			q.Title = fmt.Sprintf(r.ui["page_title"], p.Title, n)
		}
		jobs = append(jobs, r.page("list.html", &q))
	}
	return jobs
}

// pagePath returns the path (or URL) of page n of the list at base, or ""
// when there is no such page.
func pagePath(base string, n, total int) string {
	switch {
	case n < 1 || n > total:
		return ""
	case n == 1:
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// pageLinks returns numbered links around the current page of the list
// whose first page's URL is first: the first, the last, and two on each
// side of the current one, with gaps between. It looks at those pages only,
// so that a list's pagers take time in proportion to its pages.
func pageLinks(first string, cur, total int) []PageLink {
	if total <= 1 {
		return nil
	}
	var out []PageLink
	last := 0
	add := func(n int) {
		if last != 0 && n > last+1 {
			out = append(out, PageLink{})
		}
		out = append(out, PageLink{Number: n, URL: pagePath(first, n, total), Current: n == cur})
		last = n
	}
	add(1)
	for n := max(2, cur-2); n <= min(total-1, cur+2); n++ {
		add(n)
	}
	add(total)
	return out
}

// URL returns the site path p under the base URL's path, percent-encoded.
// A URL of another site ("https://…", or "//host/…" as a cover may be) is
// returned as it is.
func (r *Renderer) URL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	return r.cfg.BasePath() + urlpath.Escape(strings.TrimPrefix(p, "/"))
}

// AbsURL returns the absolute URL of the site path p. A URL of another site
// is returned as it is, with the base URL's scheme when it has none.
func (r *Renderer) AbsURL(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	if strings.HasPrefix(p, "//") {
		return r.cfg.BaseURL.Scheme + ":" + p
	}
	u := *r.cfg.BaseURL
	return u.Scheme + "://" + u.Host + r.URL(p)
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"url":    r.URL,
		"absURL": r.AbsURL,
		"asset": func(name string) (string, error) {
			p, ok := r.assets.Path(name)
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return r.URL(p), nil
		},
		"date":    func(t time.Time, layout string) string { return t.Format(layout) },
		"isodate": func(t time.Time) string { return t.Format(time.RFC3339) },
		"t": func(key string, args ...any) (string, error) {
			s, ok := r.ui[key]
			if !ok {
				return "", fmt.Errorf("no UI string %q", key)
			}
			// A count of one takes the key's singular, where the language
			// has one: "1 story", not "1 stories" (a trial).
			if n, isInt := firstInt(args); isInt && n == 1 {
				if one, ok := r.ui[key+"_one"]; ok {
					s = one
				}
			}
			if len(args) > 0 {
				s = fmt.Sprintf(s, args...)
			}
			return s, nil
		},
		"partialCached": r.partialCached,
		"number":        Number,
		"monthChart":    r.monthChart,
		"figureChart":   r.figureChart,
		"trusted":       func(s string) template.HTML { return template.HTML(s) },
		"add":           func(a, b int) int { return a + b },
		"sub":           func(a, b int) int { return a - b },
		"base":          path.Base,
		"hasPrefix":     strings.HasPrefix,
	}
}

// partialCached executes the template name with data once for each
// distinct list of keys and reuses the output: the masthead, the same on
// every story page, is rendered once, not ten thousand times. The keys must
// name everything of data the template shows, which only the theme's own
// templates promise: a site's template (a footer that shows the page's
// title, where the theme's base.html gives no keys), or a template that
// reaches one, is executed on every call (cacheable).
func (r *Renderer) partialCached(name string, data any, keys ...any) (template.HTML, error) {
	return r.partialAt(0, name, data, keys)
}

// partialAt is partialCached called by a compiled template at the depth
// of its calls, which the partial's own calls go on from: a partial that
// calls itself through partialCached under a {{range}} that never ends
// is stopped at maxDepth (a trial: the Go stack overflowed).
func (r *Renderer) partialAt(depth int, name string, data any, keys []any) (template.HTML, error) {
	if r.escaping {
		// Executed without data, a partial could keep what it shows for
		// none under a key that real data uses too.
		return "", errors.New("partialCached while the templates are escaped")
	}
	if !r.cacheable[name] {
		if _, err := partialKey(nil, name, keys); err != nil {
			return "", err // the same keys are refused with the theme's template or the site's
		}
		b := bufs.Get()
		defer bufs.Put(b)
		if err := r.executeShared(b, name, data, depth); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	var buf [128]byte
	key, err := partialKey(buf[:0], name, keys)
	if err != nil {
		return "", err
	}
	r.partialMu.RLock()
	v, ok := r.partials[string(key)]
	r.partialMu.RUnlock()
	if ok {
		return v, nil
	}
	b := bufs.Get()
	defer bufs.Put(b)
	if err := r.executeShared(b, name, data, depth); err != nil {
		return "", err
	}
	r.partialMu.Lock()
	defer r.partialMu.Unlock()
	if v, ok := r.partials[string(key)]; ok {
		return v, nil
	}
	v = template.HTML(b.String())
	r.partials[string(key)] = v
	return v, nil
}

// executeShared writes the template name of the shared set with data
// into b, its calls at depth and below.
func (r *Renderer) executeShared(b *bytes.Buffer, name string, data any, depth int) error {
	if ok, err := r.sharedProgram.executeAt(b, name, data, depth); ok || err != nil {
		return err
	}
	return r.shared.ExecuteTemplate(b, name, data)
}

// partialKey appends to b the key partialCached keeps the output of the
// template name under: the name and each key, typed, strings with their
// length, so that ("ab", "") and ("a", "b"), or "1" and 1, are different.
// A key is a string, a number, a boolean or nil (a nil pointer, say:
// {{and .Term .Term.Path}} without a term); anything else, which prints
// alike for different values ([]string{"a b"} and []string{"a", "b"}), is
// an error.
func partialKey(b []byte, name string, keys []any) ([]byte, error) {
	str := func(b []byte, s string) []byte {
		return append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	b = str(b, name)
	for _, k := range keys {
		switch k := k.(type) {
		case nil:
			b = append(b, 'n')
		case string:
			b = str(append(b, 's'), k)
		case int:
			b = binary.AppendVarint(append(b, 'i'), int64(k))
		case bool:
			b = strconv.AppendBool(append(b, 'b'), k)
		default:
			switch v := reflect.ValueOf(k); v.Kind() {
			case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
				if !v.IsNil() {
					return nil, fmt.Errorf("partialCached %s: a key of type %T; give strings, numbers or booleans", name, k)
				}
				b = append(b, 'n')
			case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
				reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
				b = str(append(b, 'v'), fmt.Sprintf("%T:%v", k, k))
			default:
				return nil, fmt.Errorf("partialCached %s: a key of type %T; give strings, numbers or booleans", name, k)
			}
		}
	}
	return b, nil
}

// Number formats a figure without trailing zeros: 4.8, 11, 0.25.
func Number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// firstInt returns the first of args as a whole number, if it is one.
func firstInt(args []any) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	n, ok := args[0].(int)
	return n, ok
}

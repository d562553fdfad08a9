package site

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/internal/urlpath"
	"herald/generator/markdown"
)

// Options choose what is published.
type Options struct {
	Drafts bool      // publish drafts
	Future bool      // publish stories dated after Now
	Now    time.Time // the build's time, for scheduling
	// DraftErrors keeps the errors of drafts errors; else they are
	// warnings (see forgiveDrafts). A build that publishes drafts sets it.
	DraftErrors bool
}

// Site is the model of a site.
type Site struct {
	Config     *config.Config
	Stories    []*Story  // published stories, newest first
	Pages      []*Story  // standalone pages, by path
	Categories []*Term   // in the order of site.yaml
	Branches   []*Term   // in the order of site.yaml
	Tags       []*Term   // most stories first, then by name
	Years      []*Year   // newest first
	Figures    []*Figure // achievements across the site, by label
	Assets     []string  // content files to copy, relative to content/
	Drafts     []*Story  // drafts left out, stories and pages, by path
	Scheduled  []*Story  // stories left out because they are dated in the future, soonest first
	Faulty     []*Story  // stories left out for an unknown branch or category, by path
	Updated    time.Time
	// DraftsLeftOut counts the drafts left out: those of Drafts, and the
	// drafts with problems of their own (an unknown branch, a date that
	// does not parse), which the site leaves out for them too. A trial:
	// the summary counted a draft with an unknown branch only once the
	// branch was fixed.
	DraftsLeftOut int

	pages map[string]string // Markdown path relative to content/ -> page path
	// leftOut holds, for the docs left out for their problems, their
	// Markdown paths relative to content/ and the page paths they may
	// have: links to them cannot be checked until the problems are fixed.
	leftOut map[string]bool
	copied  map[string]any // output path -> what is copied there: a file's path, or a diag.Phrase

	docs     []*content.Doc  // every doc read, its problems or not: those not converted may use the files of their folder
	uncopied map[string]bool // output paths of the content files the build does not copy (settleFiles)
	unused   []Unused        // the content files nothing uses, by path (settleFiles)
}

// Story is a published story or a standalone page.
type Story struct {
	Doc          *content.Doc
	Kind         content.Kind
	Title        string
	Date         time.Time
	Path         string // its page path: "/stories/2021/04/veterans-aid/"
	URL          string // Path under the base URL's path, percent-encoded, for links
	DateISO      string // Date in RFC 3339; "" for a page without a date
	DateText     string // Date as readers read it in the site's language: 2021年4月20日
	Branch       *Term  // nil for a page
	Category     *Term  // nil for a page
	Tags         []*Term
	Authors      []string
	Cover        string // a site path or an absolute URL; "" for none
	Achievements []content.Achievement
	Params       map[string]any
	Draft        bool

	Older, Newer *Story   // neighbours in time; nil at the ends
	Related      []*Story // at most five

	// Set by SetBody once the Markdown is converted.
	body        *body  // HTML and plain text; see Body and Text
	BodyHash    uint64 // a hash of the HTML
	TextHash    uint64 // xxHash of the plain text
	Summary     string // front matter summary, else the automatic one
	ReadingTime int    // minutes
	Headings    []markdown.Heading
	Links       []markdown.Link
	Pasted      []markdown.Pasted // what the body shows otherwise than its writer meant, which builds warn of
	Version     uint64            // set by Seal: a hash of what pages show of the story
}

// Term is a category, a branch or a tag, and its stories.
type Term struct {
	Kind        string // "categories", "branches" or "tags"
	Name        string
	Slug        string
	Description string
	Parent      string   // a branch's parent organisation
	Up          *Term    // a branch's parent, when it is a branch of the site too
	Under       []*Term  // the branches whose parent it is, in site.yaml's order
	Path        string   // "/tags/退役军人/"
	URL         string   // Path under the base URL's path, percent-encoded
	Stories     []*Story // newest first
	Totals      []*Total // a branch's achievements added up (or the newest, see Total), those most stories report first
	Categories  []Count  // a branch's stories by category, in the order of site.yaml
	Line        int      // in site.yaml, for registry terms
}

// Count is a number of stories of a term.
type Count struct {
	Term *Term
	N    int
}

// Total is an achievement over stories: added up, or, for one that is not
// (see Summed), as the newest story reports it.
type Total struct {
	Label   string
	Unit    string
	Value   float64
	Summed  bool     // Value adds up the stories' values; else it is the newest's (a rate, an average…)
	Stories []*Story // newest first
}

// Year is a year of the archives.
type Year struct {
	Year   int
	Path   string // "/archives/2021/"
	URL    string
	Months []*Month
	Count  int
}

// Month is a month of the archives.
type Month struct {
	Year    int
	Month   int
	Path    string // "/archives/2021/04/"
	URL     string
	Stories []*Story
}

// Figure is one kind of achievement, named by its label, added up across
// the site: /achievements/ lists the figures, and each has its own page.
type Figure struct {
	Label string
	Path  string   // "/achievements/援助退役军人/"
	URL   string   //
	Units []*Tally // one for each unit the label is reported in, by unit
}

// Tally is a figure in one unit: its total, and its totals by year; or,
// for a figure that is not added up (see Summed), its newest value, and
// the newest of each year.
type Tally struct {
	Unit    string
	Value   float64
	Summed  bool         // the values add up: counts, sums of money; not rates, shares or averages
	Stories int          // stories reporting it
	Years   []*YearTally // newest first
}

// YearTally is a figure in one unit and one year, and the stories that
// report it.
type YearTally struct {
	Year    int
	Value   float64  // the year's total, or its newest value (Tally.Summed)
	Stories []*Story // newest first
}

// Input is what a site is made of.
type Input struct {
	Config  *config.Config
	Content *content.Set
	Static  []string // the files of static/, the theme's and the site's, relative to static/
	Copies  []Copy   // the same files, as the build copies them to the output
}

// Copy is a static file the build copies to the output.
type Copy struct {
	Path string // its output path: slash-separated, no leading slash
	File string // the site's file it comes from, "static/…"; "" for the theme's
}

// New builds the model. Problems go to problems; the site is complete when
// problems holds no errors.
func New(in Input, opts Options, problems *diag.List) *Site {
	cfg, set := in.Config, in.Content
	s := &Site{Config: cfg, Assets: set.Assets, pages: map[string]string{}, copied: map[string]any{}, docs: slices.Concat(set.Docs, set.Broken)}
	b := &builder{site: s, problems: problems, owners: map[string]any{}, folded: map[string]string{}, files: fileSet(set)}
	static := make(map[string]bool, len(in.Static))
	for _, f := range in.Static {
		b.files[f] = true
		static[f] = true
	}
	b.twins = NewCaseTwins(b.files, static)
	b.reserve()
	for _, c := range in.Copies {
		if c.File == "" { // the theme's, which a site cannot rename: claimed first
			b.claimCopy(c.Path, diag.Pos{}, diag.Phrasef("the theme's file %s", c.Path))
		}
	}
	for _, a := range set.Assets {
		// Content files are copied to the same path; their keys have no
		// final slash, so they meet only the generated files.
		s.copied[a] = content.Dir + "/" + a
		if p := b.claim("/"+a, diag.Pos{File: content.Dir + "/" + a}, content.Dir+"/"+a); p != nil {
			p.WithHint("rename the file or move it into a folder: herald writes /%s itself", a)
		}
	}
	cats := map[*config.Category]*Term{}
	for _, c := range cfg.Categories {
		t := &Term{Kind: "categories", Name: c.Name, Slug: c.Slug, Description: c.Description, Path: "/categories/" + c.Slug + "/", Line: c.Line}
		cats[c] = t
		s.Categories = append(s.Categories, t)
		b.claim(t.Path, diag.Pos{File: config.File, Line: c.Line}, diag.Phrasef("category %q (site.yaml:%d)", c.Name, c.Line))
	}
	brs := map[*config.Branch]*Term{}
	for _, c := range cfg.Branches {
		t := &Term{Kind: "branches", Name: c.Name, Slug: c.Slug, Description: c.Description, Parent: c.Parent, Path: "/branches/" + c.Slug + "/", Line: c.Line}
		brs[c] = t
		s.Branches = append(s.Branches, t)
		b.claim(t.Path, diag.Pos{File: config.File, Line: c.Line}, diag.Phrasef("branch %q (site.yaml:%d)", c.Name, c.Line))
	}
	// A parent that is a branch of the site too, by name or slug, links to
	// it, and it lists its branches (a trial: both were plain text).
	// By a former name too (aliases).
	for _, c := range cfg.Branches {
		t := brs[c]
		if p := brs[cfg.Branch(c.Parent)]; c.Parent != "" && p != nil && p != t {
			t.Up = p
			p.Under = append(p.Under, t)
		}
	}
	// terms looks up a story's category and branch, reporting those that
	// site.yaml lacks.
	terms := func(d *content.Doc, broken bool) (cat, br *Term) {
		if d.Kind != content.Story {
			return nil, nil
		}
		// A value with a problem of its own (cut short by "#"), in a doc
		// with problems, is not looked up: its hint already gives the
		// name to write.
		if d.Category != "" && !(broken && problems.At(d.Pos("category"))) {
			if c := cfg.LookupCategory(d.Category, d.Pos("category"), problems); c != nil {
				cat = cats[c]
			}
		}
		if d.Branch != "" && !(broken && problems.At(d.Pos("branch"))) {
			if b := cfg.LookupBranch(d.Branch, d.Pos("branch"), problems); b != nil {
				br = brs[b]
			}
		}
		return cat, br
	}
	for _, d := range set.Broken {
		// What can be checked of a doc with other problems is, so that one
		// run reports them all.
		terms(d, true)
		if d.Cover != "" && !problems.At(d.Pos("cover")) { // a cover whose value has a problem is not looked for
			b.cover(d)
		}
		b.leaveOut(d)
	}
	tags := map[string]*Term{}      // by name
	bySlug := map[string]string{}   // tag slug -> first name and where
	tagPos := map[string]diag.Pos{} // tag slug -> where it is first used
	owner := tagOwners(set.Docs, cfg.TagSlugs)
	for _, d := range set.Docs {
		st := b.story(d)
		if st == nil {
			// Its address cannot be made: the rest is checked all the
			// same (a trial: an unknown branch came to light only once
			// the file name was fixed).
			terms(d, true)
			b.leaveOut(d)
			continue
		}
		st.Category, st.Branch = terms(d, false)
		for _, name := range d.Tags {
			t := tags[name]
			if t == nil {
				slug := tagSlug(name, cfg.TagSlugs)
				if slug == "" {
					problems.Errorf(d.Pos("tags"), "tag %q cannot be part of a URL", name).
						WithHint("use words, or map the tag to a slug under tags: in site.yaml")
					continue
				}
				if o := owner[slug]; o.name != name {
					problems.Errorf(d.Pos("tags"), "tag %q would have the same URL /tags/%s/ as tag %s", name, slug, fmt.Sprintf("%q (%s)", o.name, o.pos)).
						WithHint("write the tag the same way everywhere, or give one of them its own slug under tags: in site.yaml")
					continue
				}
				where := fmt.Sprintf("%q (%s)", name, d.Pos("tags"))
				bySlug[slug] = where
				tagPos[slug] = d.Pos("tags")
				t = &Term{Kind: "tags", Name: name, Slug: slug, Path: "/tags/" + slug + "/"}
				tags[name] = t
			}
			st.Tags = append(st.Tags, t)
		}
		if !b.published(st, opts) {
			continue
		}
		if d.Kind == content.Page {
			s.Pages = append(s.Pages, st)
		} else {
			s.Stories = append(s.Stories, st)
		}
	}
	slices.SortStableFunc(s.Stories, func(a, b *Story) int {
		return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Doc.Path, b.Doc.Path))
	})
	slices.SortFunc(s.Pages, func(a, b *Story) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(s.Drafts, func(a, b *Story) int { return strings.Compare(a.Doc.Path, b.Doc.Path) })
	slices.SortFunc(s.Scheduled, func(a, b *Story) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Doc.Path, b.Doc.Path))
	})
	for _, st := range s.Stories {
		if st.Category != nil {
			st.Category.Stories = append(st.Category.Stories, st)
		}
		if st.Branch != nil {
			st.Branch.Stories = append(st.Branch.Stories, st)
		}
		for _, t := range st.Tags {
			t.Stories = append(t.Stories, st)
		}
	}
	s.archives()
	b.claimLists()
	// Docs whose URL comes from their file name claim it first, then those
	// with a slug: when a slug takes another's URL, the problem is reported
	// at the slug's line, the likely cause.
	all := append(slices.Clone(s.Pages), s.Stories...)
	for _, slug := range []bool{false, true} {
		for _, st := range all {
			if (st.Doc.Slug != "") != slug {
				continue
			}
			pos := diag.Pos{File: st.Doc.Path}
			if slug {
				pos = st.Doc.Pos("slug")
			}
			b.claim(st.Path, pos, st.Doc.Path)
		}
	}
	for _, st := range all {
		s.pages[strings.TrimPrefix(st.Doc.Path, content.Dir+"/")] = st.Path
	}
	// Then the files copied beside the pages, and the site's static files:
	// one of those in the place of a page or of another file is the one
	// reported.
	for _, st := range all {
		for _, r := range st.Doc.Resources {
			f := content.Dir + "/" + st.Doc.SourceDir() + "/" + r
			b.claimCopy(st.ResourcePath(r), diag.Pos{File: f}, f)
		}
	}
	for _, c := range in.Copies {
		if c.File != "" {
			if p := b.claimCopy(c.Path, diag.Pos{File: c.File}, c.File); p != nil {
				p.WithHint("rename the file, or move it to another folder under %s/", assetsDir)
			}
		}
	}
	for _, t := range tags {
		if len(t.Stories) > 0 {
			s.Tags = append(s.Tags, t)
		}
	}
	slices.SortFunc(s.Tags, func(a, b *Term) int {
		return cmp.Or(cmp.Compare(len(b.Stories), len(a.Stories)), strings.Compare(a.Name, b.Name))
	})
	for _, t := range s.Tags {
		b.claim(t.Path, tagPos[t.Slug], diag.Phrasef("tag %s", bySlug[t.Slug]))
		b.claimPages(t.Path, len(t.Stories), tagPos[t.Slug], diag.Phrasef("tag %s", bySlug[t.Slug]))
	}
	for _, t := range s.Branches {
		t.Totals = totals(t.Stories)
		t.Categories = categoryCounts(t.Stories, s.Categories)
	}
	s.figures()
	for _, f := range s.Figures {
		first := f.Units[0].Years[0].Stories[0]
		b.claim(f.Path, diag.Pos{File: first.Doc.Path, Line: first.Doc.Lines["achievements"]}, diag.Phrasef("the achievements page of %q", f.Label))
	}
	s.link()
	s.addresses()
	if len(s.Stories) > 0 {
		s.Updated = s.Stories[0].Date
	}
	if !opts.DraftErrors {
		forgiveDrafts(set, problems)
	}
	if !opts.Drafts {
		s.DraftsLeftOut = len(s.Drafts)
		for _, st := range s.Faulty {
			if st.Draft {
				s.DraftsLeftOut++
			}
		}
		for _, d := range set.Broken {
			if d.Draft {
				s.DraftsLeftOut++
			}
		}
	}
	return s
}

// PagePaths returns the page path of every published story and page by its
// Markdown path relative to content/, for resolving links between stories.
func (s *Site) PagePaths() map[string]string { return s.pages }

// builder holds the state of New.
type builder struct {
	site     *Site
	problems *diag.List
	owners   map[string]any    // page path -> what claimed it: a file's path, or a diag.Phrase
	folded   map[string]string // page path in lower case -> the first path claimed with it
	own      map[string]bool   // the page paths herald claims for pages every site has
	files    map[string]bool   // content files and bundle resources relative to content/, and static files relative to static/
	twins    *CaseTwins        // of files
}

func fileSet(set *content.Set) map[string]bool {
	files := map[string]bool{}
	for _, a := range set.Assets {
		files[a] = true
	}
	for _, d := range set.Docs {
		for _, r := range d.Resources {
			files[d.SourceDir()+"/"+r] = true
		}
	}
	return files
}

// reserve claims the paths of the pages every site has.
func (b *builder) reserve() {
	b.own = map[string]bool{}
	own := func(p string, what diag.Phrase) { b.owners[p], b.own[p] = what, true }
	own("/", diag.Phrasef("the home page"))
	own("/categories/", diag.Phrasef("herald's own categories page"))
	own("/branches/", diag.Phrasef("herald's own branches page"))
	own("/tags/", diag.Phrasef("herald's own tags page"))
	own("/archives/", diag.Phrasef("herald's own archives page"))
	own("/search/", diag.Phrasef("herald's own search page"))
	own("/page/", diag.Phrasef("herald's own list pages"))
	own("/achievements/", diag.Phrasef("herald's own achievements page"))
	for _, f := range generatedFiles {
		own("/"+f, diag.Phrasef("herald's own %s", f))     // against a content file copied there
		own("/"+f+"/", diag.Phrasef("herald's own %s", f)) // a page there would need a folder of that name
	}
}

// assetsDir is the folder of a site's static files.
const assetsDir = "static"

// claimCopy claims the output path p of a file copied there: as a file,
// as the folder a page there would need, and, for an index.html, as the
// page it is. It returns the first collision's problem.
func (b *builder) claimCopy(p string, pos diag.Pos, what any) *diag.Problem {
	if _, ok := b.site.copied[p]; !ok {
		b.site.copied[p] = what
	}
	keys := []string{"/" + p, "/" + p + "/"}
	if p == "index.html" || strings.HasSuffix(p, "/index.html") {
		keys = append(keys, "/"+strings.TrimSuffix(p, "index.html"))
	}
	for _, k := range keys {
		if pr := b.claim(k, pos, what); pr != nil {
			return pr
		}
	}
	return nil
}

// generatedFiles are the files herald writes at the top of the output.
var generatedFiles = []string{"index.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html"}

// claim records that what, found at pos, owns path p, and reports a
// collision with an earlier owner at pos, returning the problem. what is a
// file's path, or a diag.Phrase, which messages translate.
func (b *builder) claim(p string, pos diag.Pos, what any) *diag.Problem {
	if first, dup := b.owners[p]; dup {
		var pr *diag.Problem
		if what == any(pos.File) { // the position names it already
			pr = b.problems.Errorf(pos, "this file would have the URL %s, which is already the URL of %s", p, first)
		} else {
			pr = b.problems.Errorf(pos, "%s would have the URL %s, which is already the URL of %s", what, p, first)
		}
		if b.own[p] { // the other is herald's own, whose address cannot change
			return pr.WithHint("give this file another name, or a slug: herald makes %s itself", p)
		}
		if a, ok := what.(string); ok {
			if f, ok := first.(string); ok && bundled(a, f) {
				// A story made a page bundle, its old file kept (a trial:
				// the hint said to change a slug).
				return pr.WithHint("%s and %s look like one story, as a file and as a page bundle: delete the one no longer used", f, a)
			}
		}
		return pr.WithHint("give one of them another slug")
	}
	b.owners[p] = what
	// Two addresses that differ only in case are one folder on Windows
	// and macOS, where a preview or a publish to a folder would mix
	// them: a warning, since web servers and object storage tell them
	// apart.
	low := strings.ToLower(p)
	first, ok := b.folded[low]
	if !ok {
		b.folded[low] = p
		return nil
	}
	var pr *diag.Problem
	if what == any(pos.File) {
		pr = b.problems.Warnf(pos, "this file would have the URL %s, which differs only in case from %s, the URL of %s", p, first, b.owners[first])
	} else {
		pr = b.problems.Warnf(pos, "%s would have the URL %s, which differs only in case from %s, the URL of %s", what, p, first, b.owners[first])
	}
	pr.WithHint("on Windows and macOS, which do not tell case apart, the two would be one folder: give one of them another slug, in lower case")
	return nil
}

// bundled reports whether the files a and b are a story's file and the
// page bundle of a story of the same name: x.md and x/index.md.
func bundled(a, b string) bool {
	stem := func(f string) string { return strings.TrimSuffix(f, path.Ext(f)) }
	bundle := func(f string) (string, bool) {
		dir, name := path.Split(f)
		return strings.TrimSuffix(dir, "/"), stem(name) == "index" && dir != ""
	}
	if d, ok := bundle(a); ok && d == stem(b) {
		return true
	}
	d, ok := bundle(b)
	return ok && d == stem(a)
}

// claimLists claims the pages herald makes from the stories: the archives
// and the later pages of the home page's, categories' and branches' lists.
// They are claimed before the stories, so that a story at one of their URLs
// is the one reported.
func (b *builder) claimLists() {
	s := b.site
	for _, y := range s.Years {
		b.claim(y.Path, diag.Pos{}, diag.Phrasef("the archive of %d", y.Year))
		for _, m := range y.Months {
			b.claim(m.Path, diag.Pos{}, diag.Phrasef("the archive of %d-%02d", m.Year, m.Month))
		}
	}
	b.claimPages("/", len(s.Stories), diag.Pos{}, diag.Phrasef("the home page"))
	for _, t := range s.Categories {
		b.claimPages(t.Path, len(t.Stories), diag.Pos{File: config.File, Line: t.Line}, diag.Phrasef("category %q", t.Name))
	}
	for _, t := range s.Branches {
		b.claimPages(t.Path, len(t.Stories), diag.Pos{File: config.File, Line: t.Line}, diag.Phrasef("branch %q", t.Name))
	}
}

// claimPages claims pages 2 and up of a list of n stories at p, as the
// render package paginates it: p + "page/N/".
func (b *builder) claimPages(p string, n int, pos diag.Pos, what diag.Phrase) {
	per := max(1, b.site.Config.Paginate)
	for i := 2; i <= (n+per-1)/per; i++ {
		b.claim(fmt.Sprintf("%spage/%d/", p, i), pos, diag.Phrasef("page %d of %s", i, what))
	}
}

// story makes the Story of a doc, checking its slug and cover.
func (b *builder) story(d *content.Doc) *Story {
	slug := slugOf(d)
	check := urlpath.CheckSegment // a file's name keeps its punctuation
	if d.Slug != "" {
		check = urlpath.CheckSlug
	}
	if why := check(slug); why != "" {
		switch {
		case d.Slug == "" && d.Bundle:
			// A page bundle's address is its folder's name (a trial: it
			// was called a file name).
			b.problems.Errorf(diag.Pos{File: d.Path}, "the folder name %q cannot be part of a URL: %s", slug, why).
				WithHint("rename the folder, or set slug: in the front matter, using letters, digits and hyphens")
		case d.Slug == "":
			b.problems.Errorf(diag.Pos{File: d.Path}, "the file name %q cannot be part of a URL: %s", slug, why).
				WithHint("rename the file, or set slug: in the front matter, using letters, digits and hyphens")
		default:
			b.problems.Errorf(d.Pos("slug"), "slug %q cannot be part of a URL: %s", slug, why).
				WithHint("use letters, digits and hyphens, such as veterans-aid")
		}
		return nil
	}
	st := &Story{
		Doc: d, Kind: d.Kind, Title: d.Title, Date: d.Date, Path: PagePath(d),
		Authors: d.Authors, Achievements: d.Achievements, Params: d.Params, Draft: d.Draft,
		Summary: d.Summary,
	}
	if d.Cover != "" {
		st.Cover = b.cover(d)
	}
	return st
}

// forgiveDrafts makes warnings of the errors in drafts, which the site
// leaves out: one writer's unfinished draft in the repository stopped
// every build, and every publish from CI, until it was fixed (a trial).
func forgiveDrafts(set *content.Set, problems *diag.List) {
	var drafts []string
	for _, d := range slices.Concat(set.Docs, set.Broken) {
		if d.Draft {
			drafts = append(drafts, d.Path)
		}
	}
	ForgiveDrafts(drafts, problems)
}

// draftNotice is the warning ForgiveDrafts adds to each draft it forgives.
const draftNotice = "the story is a draft, which builds leave out: its problems stop no build until it is published"

// ForgiveDrafts makes warnings of the errors at the files drafts, and adds
// to each file with one a warning that says why, once. herald check, which
// finds more errors after the site is made (links), calls it again.
func ForgiveDrafts(drafts []string, problems *diag.List) {
	if len(drafts) == 0 {
		return
	}
	isDraft := map[string]bool{}
	for _, d := range drafts {
		isDraft[d] = true
	}
	forgiven, told := map[string]bool{}, map[string]bool{}
	for _, p := range problems.Problems() {
		switch {
		case !isDraft[p.Pos.File]:
		case p.Format == draftNotice:
			told[p.Pos.File] = true
		case !p.Warning:
			p.Warning = true
			forgiven[p.Pos.File] = true
		}
	}
	for _, f := range slices.Sorted(maps.Keys(forgiven)) {
		if !told[f] {
			problems.Warnf(diag.Pos{File: f}, draftNotice).
				WithHint("fix them before you remove its draft: true; herald build --drafts treats them as errors")
		}
	}
}

// tagSlug returns the slug of the tag name: the one site.yaml maps it to,
// else the name's.
func tagSlug(name string, slugs map[string]string) string {
	if slug, ok := slugs[name]; ok {
		return slug
	}
	return urlpath.Slugify(name)
}

// tagOwner is the way of writing a tag that has its slug, and where it is
// first used.
type tagOwner struct {
	name string
	pos  diag.Pos
}

// tagOwners returns, for each tag slug of docs, the way of writing its tag
// that the most docs use (the first used, of those used as often): when
// two names give one slug ("5G" and "5g"), that one has it, and the other
// is the error. A trial: a story's "5g" came first by its path, and each
// of the six stories with "5G" got the error instead.
func tagOwners(docs []*content.Doc, slugs map[string]string) map[string]tagOwner {
	uses := map[string]int{}
	first := map[string]diag.Pos{}
	var names []string // in order of first use
	for _, d := range docs {
		for _, name := range d.Tags {
			if uses[name] == 0 {
				names = append(names, name)
				first[name] = d.Pos("tags")
			}
			uses[name]++
		}
	}
	owner := map[string]tagOwner{}
	for _, name := range names {
		slug := tagSlug(name, slugs)
		if o, ok := owner[slug]; !ok || uses[name] > uses[o.name] {
			owner[slug] = tagOwner{name, first[name]}
		}
	}
	return owner
}

// slugOf returns the last part of a doc's URL: its slug, or its name.
func slugOf(d *content.Doc) string {
	if d.Slug != "" {
		return d.Slug
	}
	return d.Name()
}

// PagePath returns the page path a doc has, published or not, as
// Story.Path has it: its folder relative to content/, then its slug or,
// without one, its name: "/stories/2021/04/market/" for
// content/stories/2021/04/a/index.md with slug: market. It is not checked
// that the slug can be part of a URL.
func PagePath(d *content.Doc) string { return pagePath(d.Dir(), slugOf(d)) }

// pagePath returns the page path of a doc in the folder dir, relative to
// content/, with the slug slug.
func pagePath(dir, slug string) string {
	if dir == "." {
		return "/" + slug + "/"
	}
	return "/" + dir + "/" + slug + "/"
}

// leaveOut records a doc left out for its problems in Site.leftOut.
func (b *builder) leaveOut(d *content.Doc) {
	s := b.site
	if s.leftOut == nil {
		s.leftOut = map[string]bool{}
	}
	for _, p := range LeftOutPaths(d) {
		s.leftOut[p] = true
	}
}

// LeftOutPaths returns the paths by which a link may name a doc left out
// for its problems, which Site.LeftOut reports: its Markdown path relative
// to content/, and the page paths its name and its slug give it.
func LeftOutPaths(d *content.Doc) []string {
	ps := []string{strings.TrimPrefix(d.Path, content.Dir+"/")}
	for _, slug := range []string{d.Name(), d.Slug} {
		if slug != "" {
			ps = append(ps, pagePath(d.Dir(), slug))
		}
	}
	return ps
}

// Copied returns what the build copies to the output path p (slash-
// separated, no leading slash), a content or static file: the file's path
// from the site's folder, or a diag.Phrase for the theme's; nil for none.
func (s *Site) Copied(p string) any { return s.copied[p] }

// LeftOut reports whether p, a page path or a Markdown path relative to
// content/, may be that of a doc left out for its problems. A link to it
// cannot be checked until they are fixed. Only a site with errors has
// such docs.
func (s *Site) LeftOut(p string) bool { return s.leftOut[p] }

// cover resolves a cover image and checks that it exists.
func (b *builder) cover(d *content.Doc) string {
	c := d.Cover
	if markdown.IsLocalFile(c) {
		// As Typora and WPS write a pasted image (a trial: it was called
		// missing, as if it could be put there).
		b.problems.Errorf(d.Pos("cover"), "cover image \"%s\" is a file on the writer's computer, which readers cannot see", c).
			WithHint("copy the image beside the story, or into its page bundle folder, and give its name, such as cover: photo.jpg")
		return ""
	}
	if strings.Contains(c, "://") || strings.HasPrefix(c, "//") {
		return c
	}
	rel := coverFile(d, c)
	if strings.HasPrefix(rel, "../") || rel == ".." {
		b.problems.Errorf(d.Pos("cover"), "cover %q is outside the site", c).
			WithHint("put the image beside the story or under static/")
		return ""
	}
	if !b.files[rel] {
		if strings.Contains(c, `\`) {
			// A Windows path (..\images\a.jpg): in front matter a \
			// escapes nothing, and every one is a folder's.
			b.backslashedCover(d, c)
			return ""
		}
		p := b.problems.Errorf(d.Pos("cover"), "cover image %q does not exist", c)
		// Photos from Windows: 合影.JPG, written as 合影.jpg (a trial).
		if !b.twins.Hint(p, c, rel) {
			p.WithHint("put the image beside the story, in its page bundle folder, or under static/, and give its path")
		}
		return ""
	}
	if d.Bundle && !strings.HasPrefix(c, "/") {
		// A bundle's resources are copied beside its page.
		st := "/" + d.Dir() + "/"
		if d.Dir() == "." {
			st = "/"
		}
		slug := d.Name()
		if d.Slug != "" {
			slug = d.Slug
		}
		return st + slug + "/" + path.Clean(c)
	}
	return "/" + rel
}

// coverFile returns the file the cover c of d names: its path relative to
// content/, or to static/ for a site path.
func coverFile(d *content.Doc, c string) string {
	if strings.HasPrefix(c, "/") {
		return strings.TrimPrefix(path.Clean(c), "/")
	}
	return path.Join(d.SourceDir(), c)
}

// backslashedCover reports the cover c of d, which names no file, written
// with backslashes as Windows writes paths: the hint gives it with /, and
// says whether the file is there.
func (b *builder) backslashedCover(d *content.Doc, c string) {
	fixed := strings.ReplaceAll(c, `\`, "/")
	p := b.problems.Errorf(d.Pos("cover"), "cover image \"%s\" is written with backslashes \\, and web addresses separate folders with /", c)
	switch rel := coverFile(d, fixed); {
	case b.files[rel]:
		p.WithHint("write it with / between folders: cover: %s", fixed)
	case b.twins.Hint(p, fixed, rel):
	default:
		p.WithHint("write it with / between folders, as %s, and put the image there: beside the story, or under static/", fixed)
	}
}

// published reports whether a story is published, counting those left out.
func (b *builder) published(st *Story, opts Options) bool {
	if st.Kind == content.Story && st.Date.After(opts.Now.AddDate(1, 0, 0)) {
		// Most likely a mistyped year, which would make the story vanish
		// from the site without a word. Said with --future too, which
		// herald check uses, and of a story with other problems.
		b.problems.Warnf(st.Doc.Pos("date"), "the date %s is more than a year away: without --future, builds leave the story out until then", st.Date.Format("2006-01-02")).
			WithHint("if the year is mistyped, correct it")
	}
	if st.Kind == content.Story && (st.Branch == nil || st.Category == nil) {
		b.leaveOut(st.Doc) // reported already
		b.site.Faulty = append(b.site.Faulty, st)
		return false
	}
	if st.Draft && !opts.Drafts {
		b.site.Drafts = append(b.site.Drafts, st)
		return false
	}
	if st.Kind == content.Page {
		return true // a page has no date to wait for
	}
	if st.Date.After(opts.Now) && !opts.Future {
		b.site.Scheduled = append(b.site.Scheduled, st)
		return false
	}
	return true
}

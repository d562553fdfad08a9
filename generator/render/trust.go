package render

import (
	"html/template"
	"io/fs"
	"strings"
	"text/template/parse"
)

// A site's own template is trusted to fingerprints when it shows nothing
// that they leave out: then an update of a site with it renders only the
// pages that changed, as with the theme's, where before it rendered every
// page (at 10,000 stories, one story edited under a footer that adds the
// site's ICP number took 2.7 s, against 0.41 s under the theme's). Most
// sites change the footer or the masthead only, to show what every page
// shows: a registration number, a telephone, a logo.
//
// trusted reads the templates as every page executes them, from base.html
// with the page, following their calls with what each passes. It knows
// what a value reached from the page may show (a kind): site.yaml, the UI
// strings and the page's own title, path, kind and feed are in every
// page's fingerprint (siteVersion, Renderer.page); of .Site, the
// categories, branches and standalone pages by name and address, and
// whether there are figures; of a category or branch, its names, address
// and whether it has stories; of a story whose version the page's
// fingerprint holds (the page's own story, its neighbours and related
// stories, the stories of the page's list), what that version holds: its
// fields, its branch, category and tags by name, its achievements; of a
// neighbour or a related story, only what its front matter gives, since a
// story's page may be written before their Markdown is converted; of the
// page's own term (a category's page, the categories' page), all that
// lists show: its count, its stories by month, its totals and its
// categories' counts; of an archive page's year, its months' counts; of a
// month's page, its stories; of a figure's page, its totals and its
// stories. How many stories and tags the site has, the years of the
// archives with their months' counts, and the figures with their totals,
// are in them when a template of the site's own shows them (counted), as
// a footer's "本站共 N 篇报道" does; whether there are figures is in them
// always.
//
// A template of the site's own is trusted when all it shows, tests and
// passes on is of these, and when the functions it calls are the ones
// below. The theme's templates it calls with the page are the theme's
// promise; those it calls with anything else (a tag, a story's
// achievements, as story.html does) are judged as the site's own are,
// with what they are given. So a site's own copy of any of the theme's
// templates is trusted when it shows what the theme's does. A count of a
// term but the page's own, a story's text or headings, the stories of a
// term or of the site, a neighbour's neighbour are not in the
// fingerprints: under a template that shows one, herald build renders
// every page, as before. A template of the site's own may not even reach
// such a value, nor call a method with arguments (the configuration's
// SetBaseURL would change every page), nor call partialCached on a
// template the theme keeps but with the keys of a call of the theme's,
// word for word: the first page rendered would give the others its
// output. A range's body is read until
// what it assigns to its variables settles, since a pass shows what the
// one before assigned.

// kind is what a value may show, as far as fingerprints go.
type kind uint8

const (
	kNone           kind = iota // something fingerprints leave out
	kAny                        // in every page's fingerprint: site.yaml, the UI strings, a literal, the page's own title and path
	kPage                       // the page: *Page
	kSite                       // .Site
	kTerms                      // the categories or branches, or a branch's branches
	kTerm                       // a category or branch, or the page's term
	kPages                      // the standalone pages
	kLink                       // a standalone page, by title and address
	kTruth                      // whether it is empty, and nothing else: a term's .Stories
	kPager                      // the page's place in its list: its number, the number of pages, their addresses
	kYear                       // the archive page's year, or one of .Site.Years: the year, its address, its count and its months' (hasher.year)
	kFigure                     // the figure page's figure: its label and address
	kStories                    // .Site.Stories: how many there are, which siteVersion then holds (counted)
	kTags                       // .Site.Tags: how many there are, likewise
	kStory                      // the page's story, .Story: its fields, its neighbours and related stories, all in the page's fingerprint (Renderer.page)
	kListed                     // a story of the page's list, whose version the page's fingerprint holds: its fields, not its neighbours
	kListeds                    // .Pager.Stories
	kNear                       // a neighbour or related story of the page's story: its fields from its front matter only, for its page may be written before their Markdown is converted (StoryPages)
	kNears                      // .Story.Related
	kTagsOf                     // a story's tags
	kTagOf                      // one of them: by name and address, as the story's version holds it (whether it has stories is in no fingerprint: a standalone page's tag may have none)
	kFigures                    // a story's achievements, which its version holds
	kFigureOf                   // one of them: its label, value and unit
	kOwnTerm                    // the page's own term, .Term, or one of its .Terms: all that lists show of it, which the page's fingerprint holds (hasher.term)
	kOwnTerms                   // .Terms
	kMonths                     // a kOwnTerm's stories: how many there are, and how many each month (monthChart), which hasher.term holds
	kLen                        // a list of which the fingerprint holds how many there are, and nothing else: a total's stories
	kTotals                     // a kOwnTerm's totals
	kTotal                      // one of them: its label, unit and value, and how many stories it adds up
	kCounts                     // a kOwnTerm's categories, each with its count
	kCountOf                    // one of them
	kYears                      // .Site.Years: all that the archives show of each year, which siteVersion then holds (counted)
	kMonthsOf                   // a year's months
	kMonthOf                    // one of them, of a kYear: its year, month and address, and how many stories it has
	kMonth                      // the month page's month, whose stories the page's fingerprint holds
	kFigs                       // .Site.Figures: whether there are any; ranged over or counted, all that the achievements page shows of each, which siteVersion then holds (counted)
	kFigAll                     // one of them
	kTallies                    // the figure page's figure's units, which its fingerprint holds (hasher.figure)
	kTally                      // one of them
	kYearTallies                // its years
	kYearTally                  // one of them, whose stories the page's fingerprint holds
	kTalliesAll                 // the units of one of .Site.Figures
	kTallyAll                   // one of them
	kYearTalliesAll             // its years
	kYearTallyAll               // one of them: how many stories it has, not which
)

// counted are the lists of the site of which a template of the site's own
// shows, or tests, how many there are ({{len .Site.Stories}}): their
// lengths then go into every page's fingerprint (siteVersion). A story
// added or removed renders every page, as it must; a story edited, only
// the pages that show it.
type counted struct {
	stories, tags, years, figures bool
}

// fieldKind returns the kind of field name of a value of kind k.
func fieldKind(k kind, name string) kind {
	switch k {
	case kAny:
		return kAny // site.yaml and the UI strings, all of them
	case kPage:
		switch name {
		case "Config", "UI", "Kind", "Title", "Description", "Path", "URL", "Feed", "LiveReload", "Cover":
			return kAny
		case "Site":
			return kSite
		case "Term":
			return kOwnTerm
		case "Terms":
			return kOwnTerms
		case "Pager":
			return kPager
		case "Year":
			return kYear
		case "Figure":
			return kFigure
		case "Story":
			return kStory
		case "Month":
			return kMonth
		}
	case kPager: // its number and count are in the page's key
		switch name {
		case "Number", "Total", "First", "Prev", "Next", "Links":
			return kAny // Links: of the number, the count and First
		case "Stories": // in the page's fingerprint
			return kListeds
		}
	case kStory, kListed, kNear:
		// What a story's version holds (site.Story.version), and what
		// follows from it and site.yaml: not its Text, Headings or Links.
		switch name {
		case "Kind", "Title", "Date", "DateISO", "DateText", "Path", "URL", "Cover", "Draft", "Authors", "Params":
			return kAny
		case "Branch", "Category":
			return kTerm
		case "Tags":
			return kTagsOf
		case "Achievements":
			return kFigures
		}
		switch {
		case k == kNear:
			// Its Markdown may not be converted yet when the page is
			// written: its summary, reading time and body (a review:
			// 0 for the reading time of related stories).
		case name == "Summary" || name == "ReadingTime" || name == "Body":
			return kAny
		case k == kStory && (name == "Newer" || name == "Older"):
			return kNear // in the page's fingerprint, with the related stories
		case k == kStory && name == "Related":
			return kNears
		}
	case kTagOf:
		switch name {
		case "Kind", "Name", "Slug", "Path", "URL":
			return kAny
		}
	case kFigureOf:
		switch name {
		case "Label", "Value", "Unit":
			return kAny
		}
	case kYear: // as the archives hash it (hasher.year)
		switch name {
		case "Year", "Path", "URL", "Count":
			return kAny
		case "Months":
			return kMonthsOf
		}
	case kMonthOf, kMonth:
		switch name {
		case "Year", "Month", "Path", "URL":
			return kAny
		case "Stories":
			if k == kMonth {
				return kListeds // the page's list
			}
			return kLen
		}
	case kFigure, kFigAll: // as the figure's page hashes it (hasher.figure)
		switch name {
		case "Label", "Path", "URL":
			return kAny
		case "Units":
			if k == kFigure {
				return kTallies
			}
			return kTalliesAll
		}
	case kTally, kTallyAll:
		switch name {
		case "Unit", "Value", "Summed", "Stories":
			return kAny // Summed follows from the figure's label and the unit
		case "Years":
			if k == kTally {
				return kYearTallies
			}
			return kYearTalliesAll
		}
	case kYearTally, kYearTallyAll:
		switch name {
		case "Year", "Value":
			return kAny
		case "Stories":
			if k == kYearTally {
				return kListeds // the page's list
			}
			return kLen
		}
	case kSite:
		switch name {
		case "Config":
			return kAny
		case "Pages":
			return kPages
		case "Categories", "Branches":
			return kTerms
		case "Figures":
			return kFigs
		case "Stories":
			return kStories
		case "Tags":
			return kTags
		case "Years":
			return kYears
		}
	case kTerm, kOwnTerm:
		switch name {
		case "Kind", "Name", "Slug", "Description", "Parent", "Path", "URL":
			return kAny
		case "Up":
			return kTerm
		case "Under":
			return kTerms
		case "Stories":
			if k == kOwnTerm {
				return kMonths
			}
			return kTruth
		}
		if k == kOwnTerm {
			switch name {
			case "Totals":
				return kTotals
			case "Categories":
				return kCounts
			}
		}
	case kTotal: // as hasher.term hashes it
		switch name {
		case "Label", "Unit", "Value", "Summed":
			return kAny // Summed follows from the label and the unit
		case "Stories":
			return kLen
		}
	case kCountOf:
		switch name {
		case "Term":
			return kTerm // a category, by name
		case "N":
			return kAny
		}
	case kLink:
		switch name {
		case "Title", "Path", "URL":
			return kAny
		}
	}
	return kNone
}

// element returns the kind of an element of a value of kind k, in a range.
func element(k kind) kind {
	switch k {
	case kAny:
		return kAny
	case kTerms:
		return kTerm
	case kPages:
		return kLink
	case kListeds:
		return kListed
	case kNears:
		return kNear
	case kTagsOf:
		return kTagOf
	case kFigures:
		return kFigureOf
	case kOwnTerms:
		return kOwnTerm
	case kTotals:
		return kTotal
	case kCounts:
		return kCountOf
	case kYears:
		return kYear
	case kMonthsOf:
		return kMonthOf
	case kFigs:
		return kFigAll
	case kTallies:
		return kTally
	case kTalliesAll:
		return kTallyAll
	case kYearTallies:
		return kYearTally
	case kYearTalliesAll:
		return kYearTallyAll
	}
	return kNone
}

// plain are the functions whose result shows no more than their
// arguments do.
var plain = map[string]bool{
	"url": true, "absURL": true, "asset": true, "date": true, "isodate": true, "t": true,
	"number": true, "trusted": true, "add": true, "sub": true, "base": true, "hasPrefix": true,
	"lt": true, "le": true, "gt": true, "ge": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
}

// trustWalker follows the templates from base.html; it judges those of the
// site's own, and walks the theme's for the calls they make.
type trustWalker struct {
	r      *Renderer
	seen   map[trustVisit]bool
	ok     bool
	why    string  // where the first thing fingerprints leave out is: "templates/partials/footer.html:3: .Site.Stories"
	counts counted // the lists the site's templates count
}

type trustVisit struct {
	set    *template.Template
	name   string
	dot    kind
	judged bool
}

// trustScope is where a template's nodes are read: its set, the kind of
// dot, its variables, and whether it is the site's own.
type trustScope struct {
	set    *template.Template
	tree   *parse.Tree
	dot    kind
	vars   []trustVar
	judged bool
}

type trustVar struct {
	name string
	kind kind
}

// trusted reports whether the site's own templates show nothing that
// fingerprints leave out (see kind), and when not, where the first thing
// they do is; and the lists whose lengths they show, which fingerprints
// must then hold. It reads them before html/template escapes them.
func (r *Renderer) trusted() (bool, string, counted) {
	w := &trustWalker{r: r, seen: map[trustVisit]bool{}, ok: true}
	for _, name := range pageTemplates {
		if set := r.pages[name]; set != nil {
			w.call(nil, set, "base.html", kPage)
		}
	}
	return w.ok, w.why, w.counts
}

// own reports whether template t is the site's own.
func (w *trustWalker) own(t *template.Template) bool {
	return t.Tree != nil && w.r.siteOwn[t.Tree.ParseName]
}

// call follows a call, in from's template (nil for a page's base.html),
// of template name of set with a value of kind dot.
func (w *trustWalker) call(from *trustScope, set *template.Template, name string, dot kind) {
	t := set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return // a missing template fails the build (checkMissing)
	}
	judged := w.own(t)
	if from != nil && from.judged && !judged && dot != kPage {
		// The theme's template, called by one of the site's with what is
		// not the page (a tag, a story's achievements): the theme's
		// promise covers its own calls only, so it is judged as the
		// site's own are, with what it is given.
		judged = true
	}
	v := trustVisit{set, name, dot, judged}
	if w.seen[v] || !w.ok {
		return
	}
	w.seen[v] = true
	s := &trustScope{set: set, tree: t.Tree, dot: dot, vars: []trustVar{{"$", dot}}, judged: judged}
	w.list(s, t.Tree.Root)
}

// judgeAll fails the site's templates at node n of s, whoever's s is.
func (w *trustWalker) judgeAll(s *trustScope, n parse.Node) {
	judged := s.judged
	s.judged = true
	w.fail(s, n)
	s.judged = judged
}

// fail marks the site's templates untrusted, at node n, when s is one of
// them.
func (w *trustWalker) fail(s *trustScope, n parse.Node) {
	if !s.judged || !w.ok {
		return
	}
	w.ok = false
	loc, context := s.tree.ErrorContext(n)
	if i := strings.LastIndexByte(loc, ':'); i > 0 {
		loc = loc[:i] // the line: the column counts bytes, far from an editor's in Chinese text
	}
	w.why = TemplatesDir + "/" + loc + ": " + context
}

func (w *trustWalker) list(s *trustScope, l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(s, n)
	}
}

func (w *trustWalker) node(s *trustScope, n parse.Node) {
	switch n := n.(type) {
	case *parse.ActionNode:
		k := w.pipe(s, n.Pipe)
		if len(n.Pipe.Decl) == 0 && k != kAny {
			w.fail(s, n) // shown
		}
	case *parse.IfNode:
		w.branch(s, n, &n.BranchNode, func(k kind) kind { return s.dot })
	case *parse.WithNode:
		w.branch(s, n, &n.BranchNode, func(k kind) kind { return k })
	case *parse.RangeNode:
		w.branch(s, n, &n.BranchNode, func(k kind) kind { return element(k) })
	case *parse.TemplateNode:
		k := kAny // {{template "x"}} passes nil
		if n.Pipe != nil {
			k = w.pipe(s, n.Pipe)
		}
		w.call(s, s.set, n.Name, k)
	case *parse.ListNode:
		w.list(s, n)
	}
}

// branch reads an if, with or range: its pipeline, then its lists, the
// first with dot as inner gives it.
func (w *trustWalker) branch(s *trustScope, n parse.Node, b *parse.BranchNode, inner func(kind) kind) {
	vars := len(s.vars)
	k := w.value(s, b.Pipe)
	if decl := b.Pipe.Decl; b.NodeType == parse.NodeRange && len(decl) > 0 {
		// {{range $i, $e := ...}}: the index, then the element; with =,
		// the variables outside take them, and keep the last.
		kinds := []kind{element(k)}
		if len(decl) == 2 {
			kinds = []kind{kAny, element(k)}
		}
		for i, d := range decl {
			w.bind(s, d.Ident[0], kinds[i], b.Pipe.IsAssign)
		}
	} else {
		w.declare(s, b.Pipe, k)
	}
	if b.NodeType == parse.NodeRange {
		w.countFigures(s, k)
	}
	if k == kNone || b.NodeType == parse.NodeRange && element(k) == kNone {
		// Tested; or ranged over, which shows how many there are:
		// {{range .Site.Figures}} shows the number of figures, where the
		// fingerprints hold only whether there are any.
		w.fail(s, n)
	}
	dot := s.dot
	s.dot = inner(k)
	declared := len(s.vars) // the pipeline's, which the else list sees too
	if b.NodeType == parse.NodeRange {
		// The body runs again and again: what a pass assigns, the next
		// shows ({{$x = len .Stories}} after {{$x}}). It is read until
		// the variables' kinds settle; they only weaken.
		outer := len(s.vars)
		for {
			before := make([]kind, outer)
			for i, v := range s.vars[:outer] {
				before[i] = v.kind
			}
			w.list(s, b.List)
			s.vars = s.vars[:outer]
			settled := true
			for i, v := range s.vars {
				settled = settled && v.kind == before[i]
			}
			if settled {
				break
			}
		}
	} else {
		w.list(s, b.List)
		// The else list sees none of the list's variables (a review:
		// one declared in the list shadowed, in the else list, the one
		// outside it, which the engine uses there).
		s.vars = s.vars[:declared]
	}
	s.dot = dot
	w.list(s, b.ElseList)
	s.vars = s.vars[:vars]
}

// pipe returns the kind of a pipeline's value, and declares its variables.
func (w *trustWalker) pipe(s *trustScope, p *parse.PipeNode) kind {
	k := w.value(s, p)
	w.declare(s, p, k)
	return k
}

// value returns the kind of a pipeline's value.
func (w *trustWalker) value(s *trustScope, p *parse.PipeNode) kind {
	if p == nil {
		return kAny
	}
	k, prev := kAny, false
	for _, c := range p.Cmds {
		k = w.command(s, c, k, prev)
		prev = true
	}
	return k
}

// declare declares, or assigns, the variables of a pipeline of kind k.
func (w *trustWalker) declare(s *trustScope, p *parse.PipeNode, k kind) {
	if p == nil {
		return
	}
	for _, d := range p.Decl {
		w.bind(s, d.Ident[0], k, p.IsAssign)
	}
}

// bind declares variable name of kind k, or, when assign, gives the
// variable of that name k: it may hold either after, so it takes the
// weakest of the two.
func (w *trustWalker) bind(s *trustScope, name string, k kind, assign bool) {
	if !assign {
		s.vars = append(s.vars, trustVar{name, k})
		return
	}
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].kind = weakest(s.vars[i].kind, k)
			return
		}
	}
}

// weakest returns kAny when both are, the kind they share, else kNone.
func weakest(a, b kind) kind {
	if a == b {
		return a
	}
	return kNone
}

// command returns the kind of a command's value, failing the site's
// template where it reaches what fingerprints leave out; last is the kind
// of the previous command's value in a pipeline, when there is one
// (piped).
func (w *trustWalker) command(s *trustScope, c *parse.CommandNode, last kind, piped bool) kind {
	k := w.commandKind(s, c, last, piped)
	if k == kNone {
		w.fail(s, c)
	}
	return k
}

// commandKind is command without the failing.
func (w *trustWalker) commandKind(s *trustScope, c *parse.CommandNode, last kind, piped bool) kind {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok {
		if len(c.Args) > 1 || piped {
			// A method called with arguments may do anything: the
			// configuration's SetBaseURL changes what every page shows.
			return kNone
		}
		return w.arg(s, c.Args[0])
	}
	args := make([]kind, 0, len(c.Args))
	for _, a := range c.Args[1:] {
		args = append(args, w.arg(s, a))
	}
	if piped {
		args = append(args, last)
	}
	switch name := id.Ident; {
	case name == "partialCached":
		var lit *parse.StringNode
		if len(c.Args) > 1 {
			lit, _ = c.Args[1].(*parse.StringNode)
		}
		if lit == nil || len(args) < 2 {
			// A name that is not a literal: which template, no one
			// knows; the theme's never calls one.
			w.judgeAll(s, c)
			return kNone
		}
		if s.judged && w.r.cacheable[lit.Text] && (!w.r.themeCalls[c.String()] || !keyed(args[1])) {
			// A theme's template whose output is kept by the keys of
			// the call: keys of the site's own may name less than it
			// shows, and then the page rendered first gives every other
			// its output. The theme's own calls name all of it, of what
			// the theme gives them: a value of the site's own data,
			// with a Path of its own, would share a tag's output (a
			// review: a story's params shown as a tag on other pages).
			w.fail(s, c)
			return kNone
		}
		w.call(s, w.r.shared, lit.Text, args[1])
		return kAny
	case name == "not":
		for _, a := range args {
			if a == kNone {
				return kNone
			}
		}
		return kAny
	case name == "eq" || name == "ne":
		// Terms compare by identity: the page's term is one of the
		// categories, or not.
		for _, a := range args {
			if a != kAny && a != kTerm && a != kOwnTerm {
				return kNone
			}
		}
		return kAny
	case name == "and" || name == "or":
		// Their value is one of their arguments: fit for a test.
		all := kAny
		for _, a := range args {
			if a == kNone {
				return kNone
			}
			if a != kAny {
				all = kTruth
			}
		}
		return all
	case name == "len":
		if len(args) == 1 && counts(args[0]) {
			w.countFigures(s, args[0])
			return kAny
		}
		return kNone
	case name == "figureChart":
		// A unit's totals by year, which hasher.figure holds, with a
		// page's address and a number.
		if len(args) == 3 && (args[0] == kTally || args[0] == kTallyAll) && args[1] == kAny && args[2] == kAny {
			return kAny
		}
		return kNone
	case name == "monthChart":
		// A term's stories on its own page, or the stories of the
		// page's list, whose dates their versions hold.
		if len(args) == 1 && (args[0] == kMonths || args[0] == kListeds) {
			return kAny
		}
		return kNone
	case plain[name] || strings.HasPrefix(name, "_html_template_"):
		for _, a := range args {
			if a != kAny {
				return kNone
			}
		}
		return kAny
	}
	return kNone
}

// countFigures marks .Site.Figures counted when a template of the site's
// own, s, counts them or ranges over them (k is kFigs): whether there are
// any, which every page's fingerprint holds, is all the header tests.
func (w *trustWalker) countFigures(s *trustScope, k kind) {
	if k == kFigs && s.judged {
		w.counts.figures = true
	}
}

// counts reports whether a fingerprint holds how many values of kind k
// there are.
func counts(k kind) bool {
	switch k {
	case kAny, kTerms, kPages, kStories, kTags, kTagsOf, kFigures, kNears, kListeds, kOwnTerms, kMonths, kLen, kTotals, kCounts, kYears, kMonthsOf,
		kFigs, kTallies, kTalliesAll, kYearTallies, kYearTalliesAll:
		return true
	}
	return false
}

// keyed reports whether a value of kind k is one the theme's cached
// partials are given, which their keys name: the page, a term or a
// standalone page, a story. Its address is its own.
func keyed(k kind) bool {
	switch k {
	case kPage, kTerm, kOwnTerm, kTagOf, kLink, kStory, kNear, kListed:
		return true
	}
	return false
}

// arg returns the kind of an argument of a command. What fingerprints
// leave out may not even be reached: a variable that is never shown may
// hold what a method did ({{$_ := .Site.Seal}}).
func (w *trustWalker) arg(s *trustScope, n parse.Node) kind {
	k := w.argKind(s, n)
	switch {
	case k == kNone:
		w.fail(s, n)
	case !s.judged:
		// The theme's own templates: their fingerprints hold what they
		// show of these lists (a tag page's count is its key's).
	case k == kStories:
		// Reached: it may only be counted or tested ({{if}}, {{with}},
		// len), or it fails where it is shown, ranged over or passed on.
		w.counts.stories = true
	case k == kTags:
		w.counts.tags = true
	case k == kYears:
		w.counts.years = true // a range over them too
	}
	return k
}

func (w *trustWalker) argKind(s *trustScope, n parse.Node) kind {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot
	case *parse.FieldNode:
		return fields(s.dot, n.Ident)
	case *parse.VariableNode:
		for i := len(s.vars) - 1; i >= 0; i-- {
			if s.vars[i].name == n.Ident[0] {
				return fields(s.vars[i].kind, n.Ident[1:])
			}
		}
		return kNone
	case *parse.ChainNode:
		return fields(w.arg(s, n.Node), n.Field)
	case *parse.PipeNode:
		return w.pipe(s, n)
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return kAny
	}
	return kNone
}

// fields returns the kind of a chain of fields from a value of kind k.
func fields(k kind, names []string) kind {
	for _, n := range names {
		k = fieldKind(k, n)
	}
	return k
}

// themeCallsOf returns the partialCached calls of the theme's templates
// (names, under templates/ in theme), as their text: a site's template
// that makes one of them, word for word, keeps the theme's promise.
func themeCallsOf(theme fs.FS, names []string, funcs template.FuncMap) map[string]bool {
	calls := map[string]bool{}
	if theme == nil {
		return calls
	}
	for _, name := range names {
		data, err := fs.ReadFile(theme, TemplatesDir+"/"+name)
		if err != nil {
			continue
		}
		t, err := template.New(name).Funcs(funcs).Parse(string(data))
		if err != nil {
			continue // the theme's templates parse; a broken one promises nothing
		}
		for _, cs := range callsOf(t).of {
			for _, c := range cs {
				if c.cached {
					calls[c.node.String()] = true
				}
			}
		}
	}
	return calls
}

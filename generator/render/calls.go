package render

import (
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"text/template/parse"

	"herald/generator/diag"
)

// call is a call of a template by its literal name: {{template "x" .}} (or
// {{block}}) or {{partialCached "x" .}}.
type call struct {
	name   string
	cached bool       // through partialCached, which executes the shared set's template
	always bool       // made whenever its template is: not under if, with or range, nor a later argument of and or or
	node   parse.Node // where, for the line
	tree   *parse.Tree
}

// calls are the calls of each template of a set, in the order of the text.
type calls struct {
	of      map[string][]call
	dynamic map[string]bool // calls partialCached with a name that is not a literal
}

// callsOf reads the calls of the templates of t, before html/template has
// escaped them.
func callsOf(t *template.Template) *calls {
	cs := &calls{of: map[string][]call{}, dynamic: map[string]bool{}}
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		name := tt.Name()
		w := callWalker{tree: tt.Tree, add: func(c call) { cs.of[name] = append(cs.of[name], c) }, dynamic: func() { cs.dynamic[name] = true }}
		w.node(tt.Tree.Root, true)
	}
	return cs
}

type callWalker struct {
	tree    *parse.Tree
	add     func(call)
	dynamic func()
}

func (w *callWalker) node(n parse.Node, always bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, m := range n.Nodes {
			w.node(m, always)
		}
	case *parse.ActionNode:
		w.node(n.Pipe, always)
	case *parse.IfNode:
		w.branch(&n.BranchNode, always)
	case *parse.WithNode:
		w.branch(&n.BranchNode, always)
	case *parse.RangeNode:
		w.branch(&n.BranchNode, always)
	case *parse.TemplateNode:
		w.node(n.Pipe, always)
		w.add(call{name: n.Name, always: always, node: n, tree: w.tree})
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			w.node(c, always)
		}
	case *parse.ChainNode:
		w.node(n.Node, always)
	case *parse.CommandNode:
		id, _ := n.Args[0].(*parse.IdentifierNode)
		for i, a := range n.Args {
			// and and or stop at the first argument that decides.
			w.node(a, always && (i <= 1 || id == nil || id.Ident != "and" && id.Ident != "or"))
		}
		if id == nil || id.Ident != "partialCached" {
			return
		}
		if len(n.Args) < 2 {
			w.dynamic()
			return
		}
		if s, ok := n.Args[1].(*parse.StringNode); ok {
			w.add(call{name: s.Text, cached: true, always: always, node: n, tree: w.tree})
		} else {
			w.dynamic()
		}
	}
}

func (w *callWalker) branch(b *parse.BranchNode, always bool) {
	w.node(b.Pipe, always)
	w.node(b.List, false)
	w.node(b.ElseList, false)
}

// sets are the template sets partialCached and pages execute, for checking
// the calls among them: shared, and each page's.
type sets struct {
	shared *template.Template
	pages  map[string]*template.Template
	calls  map[string]*calls // each set's calls, by page name, "" for shared
}

// newSets reads the calls of the shared set and of each page's, once for
// the checks that use them.
func newSets(shared *template.Template, pages map[string]*template.Template) sets {
	s := sets{shared: shared, pages: pages, calls: map[string]*calls{"": callsOf(shared)}}
	for name, t := range pages {
		s.calls[name] = callsOf(t)
	}
	return s
}

// tmplRef is a template of a set: the set's page name, "" for shared.
type tmplRef struct{ set, name string }

// checkCycles reports each template that calls itself, through others or
// not, by calls made whenever it is executed: its execution would never
// end (html/template stops at a depth of 100,000, after seconds and
// gigabytes; through partialCached, which executes anew, never, and the Go
// stack overflows). A call under if, with or range may end, as a tree's
// template calls itself for the children, and is not reported.
func (r *Renderer) checkCycles(s sets) error {
	graphs := s.calls
	order := append([]string{""}, slices.Sorted(maps.Keys(s.pages))...)
	const (
		unseen = iota
		open
		done
	)
	state := map[tmplRef]int{}
	var stack []tmplRef
	var via []call // via[i] is the call from stack[i] to stack[i+1]
	var l diag.List
	seen := map[string]bool{}
	var visit func(t tmplRef)
	visit = func(t tmplRef) {
		state[t] = open
		stack = append(stack, t)
		for _, c := range graphs[t.set].of[t.name] {
			if !c.always {
				continue
			}
			next := tmplRef{t.set, c.name}
			if c.cached {
				next.set = ""
			}
			via = append(via, c)
			switch state[next] {
			case unseen:
				visit(next)
			case open:
				i := slices.Index(stack, next)
				r.reportCycle(&l, seen, stack[i:], via[i:])
			}
			via = via[:len(via)-1]
		}
		stack = stack[:len(stack)-1]
		state[t] = done
	}
	for _, set := range order {
		g := graphs[set]
		for _, name := range slices.Sorted(maps.Keys(g.of)) {
			if t := (tmplRef{set, name}); state[t] == unseen {
				visit(t)
			}
		}
	}
	return l.Err()
}

// reportCycle adds the problem of a cycle of templates, stack[i] calling
// stack[i+1] (the last the first) by via[i], at the call made by the
// template whose name comes first; once however many sets hold it.
func (r *Renderer) reportCycle(l *diag.List, seen map[string]bool, stack []tmplRef, via []call) {
	first := 0
	for i, t := range stack {
		if t.name < stack[first].name {
			first = i
		}
	}
	var steps []string
	for i := range via {
		c := via[(first+i)%len(via)]
		how := "template"
		if c.cached {
			how = "partialCached"
		}
		steps = append(steps, how+` "`+c.name+`"`)
	}
	c := via[first]
	pos := r.position(c.tree, c.node)
	path := strings.Join(steps, " → ")
	if key := pos.String() + path; !seen[key] {
		seen[key] = true
		l.Errorf(pos, "%q calls itself without end: %s", stack[first].name, path).
			WithHint("call it only inside an {{if}}, {{with}} or {{range}} that stops, or call another template")
	}
}

// position returns the file and line of a node of a template's tree, as
// it was parsed.
func (r *Renderer) position(tree *parse.Tree, n parse.Node) diag.Pos {
	name := tree.ParseName
	text := r.texts[name]
	line := 1
	if off := int(n.Position()); off <= len(text) {
		line += strings.Count(text[:off], "\n")
	}
	file := r.sources[name]
	if file == "" {
		file = TemplatesDir + "/" + name
	}
	return diag.Pos{File: file, Line: line}
}

// cacheable returns the templates of the shared set whose output
// partialCached may keep: the theme's own, which call, through
// {{template}} or partialCached, only templates that are too, and by
// literal names. A site's own template may show anything of its data,
// whatever keys the theme's call gives (a footer with the page's title),
// and is executed on every call.
func cacheable(s sets, site func(file string) bool) map[string]bool {
	shared, cs := s.shared, s.calls[""]
	ok := map[string]bool{}
	for _, t := range shared.Templates() {
		if t.Tree != nil && t.Tree.Root != nil && !site(t.Tree.ParseName) && !cs.dynamic[t.Name()] {
			ok[t.Name()] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for name := range ok {
			for _, c := range cs.of[name] {
				if !ok[c.name] {
					delete(ok, name)
					changed = true
					break
				}
			}
		}
	}
	return ok
}

// pageTemplates are the templates herald renders pages with, besides
// base.html, which they share.
var pageTemplates = []string{"story.html", "page.html", "list.html", "terms.html", "archives.html", "404.html", "search.html", "achievements.html"}

// Warnings returns the warnings about the site's templates: its files that
// nothing uses.
func (r *Renderer) Warnings() []*diag.Problem { return r.warnings }

// unused warns of the files of the site's templates/ that no page uses: a
// page template herald has no page for (templates/contact.html, meant for
// one page; templates/stroy.html, misspelt), and a partial that no
// template calls by name. A trial: such files, even with errors in them,
// were ignored without a word. A partial counts as called when a template
// parsed from it is, by its file's name or by a name it defines. Partials
// go unwarned when a template calls partialCached with a name that is not
// a literal.
func (r *Renderer) unused(s sets, files map[string]fs.FS, siteFS fs.FS) []*diag.Problem {
	called := map[string]bool{}
	dynamic := false
	for page, cs := range s.calls {
		set := s.shared
		if page != "" {
			set = s.pages[page]
		}
		dynamic = dynamic || len(cs.dynamic) > 0
		for _, list := range cs.of {
			for _, c := range list {
				called[c.name] = true
				// A file used through a {{define}} of its own (a partial
				// of {{define "badge"}}…{{end}} alone, called as "badge")
				// is used: the file of the template called counts.
				in := set
				if c.cached {
					in = r.shared
				}
				if t := in.Lookup(c.name); t != nil && t.Tree != nil {
					called[t.Tree.ParseName] = true
				}
			}
		}
	}
	var l diag.List
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if files[name] != siteFS || name == "base.html" || slices.Contains(pageTemplates, name) {
			continue
		}
		pos := diag.Pos{File: TemplatesDir + "/" + name, Line: 1}
		if !strings.HasPrefix(name, "partials/") {
			p := l.Warnf(pos, "herald renders no page with %s", name)
			if near := diag.Suggest(name, pageTemplates); near != "" {
				p.WithHint("did you mean %q?", near)
			} else {
				p.WithHint("pages are rendered with %s (a page of content/, such as an about page, with page.html); a template of your own goes into partials/, called with {{template \"partials/%s\" .}}", strings.Join(pageTemplates, ", "), name)
			}
			continue
		}
		if !dynamic && !called[name] {
			l.Warnf(pos, "no template calls %s", name).
				WithHint("call it with {{template %q .}} where it should show, or delete it", name)
		}
	}
	return l.Problems()
}

package render

import (
	"bytes"
	"context"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"herald/generator/diag"
	"herald/generator/internal/parallel"
)

// maxPasses bounds the passes beyond makes past the pages' first problems,
// and maxCutSets the sets of templates it parses again in a pass.
const (
	maxPasses  = 20
	maxCutSets = 64
)

// beyond finds the problems the pages of jobs meet past the errors that
// stopped them (failed, by job), into m: it renders them again, a pass at a time, each
// in a set of templates parsed again from which each part that failed on
// that page (the action, or the {{if}}, {{range}}, {{with}} or {{template}}
// whose own pipeline failed) is set aside, while they fail somewhere new,
// up to maxPasses times. So a page's problems further down are found, and
// those of a partial past its first; and the count of pages each is met on
// takes in the pages an earlier problem stopped before it (a trial: a
// footer's problem was said to be met on 114 pages, where every page met
// it). Pages that failed at the same parts share a set. A page stops at a
// variable's declaration that fails, whose uses further down would fail for
// want of it, not of the designer.
func (r *Renderer) beyond(ctx context.Context, jobs []*Job, failed map[int]error, m *met) error {
	type page struct {
		job int
		cut []string // the positions of the parts set aside, as the errors name them
	}
	// Each page goes on past the part its error names, in its template as
	// parsed again.
	var live []page
	whole := map[string]*cutSet{}
	for _, i := range slices.Sorted(maps.Keys(failed)) {
		name := jobs[i].tmpl
		if whole[name] == nil {
			set, err := r.cutSet(name, nil)
			if err != nil {
				return err
			}
			whole[name] = set
		}
		if item, at := whole[name].failed(failed[i].Error()); item != nil && !declares(*item) {
			live = append(live, page{job: i, cut: []string{at}})
		}
	}
	// Most pages fail alike: each error is told once (a third of the
	// passes' time at 10,000 stories went to telling them).
	told := map[string]*diag.Problem{}
	problem := func(err error, tmpl string) *diag.Problem {
		k := tmpl + "\x00" + err.Error()
		p, ok := told[k]
		if !ok {
			p = r.problem(err, tmpl)
			told[k] = p
		}
		return p
	}
	for pass := 0; pass < maxPasses && len(live) > 0; pass++ {
		sets := map[string]*cutSet{}
		key := func(p page) string { return jobs[p.job].tmpl + "\x00" + strings.Join(p.cut, "\x00") }
		for _, p := range live {
			k := key(p)
			if _, ok := sets[k]; ok || len(sets) == maxCutSets {
				continue
			}
			set, err := r.cutSet(jobs[p.job].tmpl, p.cut)
			if err != nil {
				return err
			}
			sets[k] = set
		}
		errs := make([]error, len(live))
		err := parallel.For(ctx, len(live), r.opts.Workers, func(_, k int) {
			set := sets[key(live[k])]
			if set == nil {
				return // past maxCutSets: left for a later run
			}
			b := bufs.Get()
			defer bufs.Put(b)
			errs[k] = set.execute(b, jobs[live[k].job].data)
		})
		if err != nil {
			return err
		}
		var next []page
		for k, err := range errs {
			if err == nil {
				continue
			}
			p := live[k]
			prob := problem(err, jobs[p.job].tmpl)
			if prob == nil {
				continue
			}
			m.add(prob, p.job)
			item, at := sets[key(p)].failed(err.Error())
			if item == nil || declares(*item) || slices.Contains(p.cut, at) {
				continue
			}
			next = append(next, page{job: p.job, cut: append(slices.Clip(p.cut), at)})
		}
		live = next
	}
	return nil
}

// cutSet is a page template's set, parsed again, with parts set aside.
type cutSet struct {
	set   *template.Template
	prog  *program
	items map[string]*parse.Node // the parts of its lists that may fail, by each position an error of them may name
	r     *Renderer

	mu       sync.RWMutex
	partials map[string]template.HTML // partialCached's output of the theme's partials, as Renderer.partials
}

// cutSet parses again the templates of the page template page, as New
// does, into a set of its own, sets aside the parts at the positions cut,
// and compiles it. Its partialCached runs its own partials.
func (r *Renderer) cutSet(page string, cut []string) (*cutSet, error) {
	c := &cutSet{r: r, partials: map[string]template.HTML{}}
	escaping := true
	funcs := r.funcs()
	funcs["partialCached"] = func(name string, data any, keys ...any) (template.HTML, error) {
		if escaping {
			return "", nil // executed without data
		}
		return c.partial(0, name, data, keys)
	}
	c.set = template.New("").Funcs(funcs).Option("missingkey=error")
	var partials []string
	for name := range r.texts {
		if strings.HasPrefix(name, "partials/") {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)
	for _, name := range append([]string{page, "base.html"}, partials...) {
		text := r.texts[name]
		if r.broken[name] {
			text = ""
		}
		if _, err := c.set.New(name).Parse(text); err != nil {
			return nil, err
		}
	}
	c.items = map[string]*parse.Node{}
	eachItem(c.set.Templates(), func(item *parse.Node, at string) {
		if _, ok := c.items[at]; !ok {
			c.items[at] = item
		}
	})
	for _, at := range cut {
		if item := c.items[at]; item != nil {
			*item = setAside(*item)
		}
	}
	roots := append([]string{"base.html"}, partials...)
	escape(c.set, roots...)
	escaping = false
	c.prog = compile(c.set, funcs, roots...)
	if c.prog != nil {
		c.prog.partial = c.partial
	}
	return c, nil
}

// execute renders the page data with c into b.
func (c *cutSet) execute(b *bytes.Buffer, data *Page) error {
	return execute(c.prog, c.set, b, data)
}

// partial is partialCached in c, at a depth of calls: the output of the
// theme's partials kept by their keys, as Renderer.partialAt keeps it.
func (c *cutSet) partial(depth int, name string, data any, keys []any) (template.HTML, error) {
	key, err := partialKey(nil, name, keys)
	if err != nil {
		return "", err
	}
	cacheable := c.r.cacheable[name]
	if cacheable {
		c.mu.RLock()
		v, ok := c.partials[string(key)]
		c.mu.RUnlock()
		if ok {
			return v, nil
		}
	}
	var b bytes.Buffer
	ok, err := c.prog.executeAt(&b, name, data, depth)
	if !ok && err == nil {
		err = c.set.ExecuteTemplate(&b, name, data)
	}
	if err != nil {
		return "", err
	}
	v := template.HTML(b.String())
	if cacheable {
		c.mu.Lock()
		c.partials[string(key)] = v
		c.mu.Unlock()
	}
	return v, nil
}

// failed returns the part of c's templates that the error msg says
// failed, the innermost it names that is not set aside, and its position
// as msg names it ("story.html:29:10"); nil when there is none. msg names
// positions as "template: story.html:29:10: ", the innermost last: an
// error of a partial that partialCached runs names the partial's position
// after its call's.
func (c *cutSet) failed(msg string) (*parse.Node, string) {
	var found *parse.Node
	var at string
	for rest := msg; ; {
		i := strings.Index(rest, "template: ")
		if i < 0 {
			return found, at
		}
		rest = rest[i+len("template: "):]
		loc, _, ok := strings.Cut(rest, ": ")
		if !ok {
			return found, at
		}
		if item := c.items[loc]; item != nil && !setAsideNode(*item) {
			found, at = item, loc
		}
	}
}

// eachItem calls f with each part of the templates' lists that may fail,
// and each position an error of it may name: its own, and those of the
// nodes of its pipeline.
func eachItem(trees []*template.Template, f func(item *parse.Node, at string)) {
	for _, t := range trees {
		tree := t.Tree
		if tree == nil || tree.Root == nil {
			continue
		}
		var list func(l *parse.ListNode)
		list = func(l *parse.ListNode) {
			if l == nil {
				return
			}
			for i := range l.Nodes {
				item := &l.Nodes[i]
				var pipe *parse.PipeNode
				var inner []*parse.ListNode
				switch n := (*item).(type) {
				case *parse.ActionNode:
					pipe = n.Pipe
				case *parse.TemplateNode:
					pipe = n.Pipe
				case *parse.IfNode:
					pipe, inner = n.Pipe, []*parse.ListNode{n.List, n.ElseList}
				case *parse.RangeNode:
					pipe, inner = n.Pipe, []*parse.ListNode{n.List, n.ElseList}
				case *parse.WithNode:
					pipe, inner = n.Pipe, []*parse.ListNode{n.List, n.ElseList}
				default:
					continue
				}
				at := func(n parse.Node) {
					if n != nil {
						loc, _ := tree.ErrorContext(n)
						f(item, loc)
					}
				}
				at(*item)
				walkPipe(pipe, at)
				for _, l := range inner {
					list(l)
				}
			}
		}
		list(tree.Root)
	}
}

// walkPipe calls f with each node of the pipeline p, p too.
func walkPipe(p *parse.PipeNode, f func(parse.Node)) {
	if p == nil {
		return
	}
	f(p)
	for _, v := range p.Decl {
		f(v)
	}
	for _, c := range p.Cmds {
		f(c)
		for _, a := range c.Args {
			switch a := a.(type) {
			case *parse.PipeNode:
				walkPipe(a, f)
			case *parse.ChainNode:
				f(a)
				if p, ok := a.Node.(*parse.PipeNode); ok {
					walkPipe(p, f)
				} else {
					f(a.Node)
				}
			default:
				f(a)
			}
		}
	}
}

// declares reports whether the part n declares a variable that the rest
// of its list may use.
func declares(n parse.Node) bool {
	a, ok := n.(*parse.ActionNode)
	return ok && a.Pipe != nil && len(a.Pipe.Decl) > 0 && !a.Pipe.IsAssign
}

// setAside returns what stands for the part n once set aside: nothing.
func setAside(n parse.Node) parse.Node {
	return &parse.TextNode{NodeType: parse.NodeText, Pos: n.Position()}
}

// setAsideNode reports whether n stands for a part set aside.
func setAsideNode(n parse.Node) bool {
	t, ok := n.(*parse.TextNode)
	return ok && len(t.Text) == 0
}

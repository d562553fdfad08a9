package render

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"text/template/parse"

	"herald/generator/diag"
)

// maxResume bounds the problems resume looks for past a page's first.
const maxResume = 20

// resume finds the problems a page meets past the first, which stops
// its execution, as Go's template package tells them: it sets aside the part of the template that failed (the
// action, or the {{if}}, {{range}}, {{with}} or {{template}} whose own
// pipeline failed), renders the page again, and so on while it fails
// somewhere new. A trial: a misspelt .Titel hid a misspelt .Tilte further
// down the same page until the first was fixed, a run for each. page is
// the page template, data the page. It stops at a variable's declaration,
// whose uses further down would fail for want of it, not of the designer.
func (r *Renderer) resume(page string, data *Page) []*diag.Problem {
	var cut []string // the positions of the parts set aside, as the errors name them
	var found []*diag.Problem
	funcs := r.funcs()
	b := new(bytes.Buffer)
	err := execute(r.programs[page], r.pages[page], b, data) // as the template's own error tells it
	if err == nil {
		return nil
	}
	for range maxResume {
		set, err2 := r.parseSet(page, funcs)
		if err2 != nil {
			return found
		}
		trees := set.Templates()
		for _, at := range cut {
			if item := findItem(trees, at); item != nil {
				*item = setAside(*item)
			}
		}
		item, at := failedItem(trees, err.Error())
		if item == nil || declares(*item) {
			return found
		}
		*item = setAside(*item)
		cut = append(cut, at)
		escape(set, "base.html")
		prog := compile(set, funcs, "base.html")
		if prog != nil {
			prog.partial = r.partialAt
		}
		b.Reset()
		if err = execute(prog, set, b, data); err == nil {
			return found
		}
		p := r.problem(err, page)
		if p == nil {
			return found
		}
		found = append(found, p)
	}
	return found
}

// parseSet parses again the templates of the page template page, as New
// does, into a set of their own whose trees resume may change.
func (r *Renderer) parseSet(page string, funcs template.FuncMap) (*template.Template, error) {
	set := template.New("").Funcs(funcs).Option("missingkey=error")
	names := []string{page}
	for name := range r.texts {
		if name == "base.html" || strings.HasPrefix(name, "partials/") {
			names = append(names, name)
		}
	}
	slices.Sort(names[1:])
	for _, name := range names {
		text := r.texts[name]
		if r.broken[name] {
			text = ""
		}
		if _, err := set.New(name).Parse(text); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// failedItem returns the part of a template in trees that the error msg
// says failed, the innermost it names that is still there, and its
// position as msg names it ("story.html:29:10"); nil when there is none.
// An error of a partial that partialCached runs names the partial's
// position, then its call's: once the partial's part is set aside in the
// set resume made, which partialCached does not run, the call is next.
func failedItem(trees []*template.Template, msg string) (*parse.Node, string) {
	best, bestAt, bestIdx := (*parse.Node)(nil), "", -1
	eachItem(trees, func(item *parse.Node, at string) {
		if i := strings.LastIndex(msg, "template: "+at+": "); i > bestIdx {
			best, bestAt, bestIdx = item, at, i
		}
	})
	return best, bestAt
}

// findItem returns the part of a template in trees at the position at.
func findItem(trees []*template.Template, at string) *parse.Node {
	var found *parse.Node
	eachItem(trees, func(item *parse.Node, pos string) {
		if pos == at && found == nil {
			found = item
		}
	})
	return found
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

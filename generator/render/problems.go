package render

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"herald/generator/diag"
	"herald/generator/internal/parallel"
)

// Check renders the pages of jobs in memory, writing nothing, and returns
// every problem of the templates: each file that does not parse (as New
// reports it), and each problem a page meets when it runs, once per
// position in the templates, the first job's, so that a broken field of
// story.html is said once, not once per story. A page whose own template
// does not parse is not rendered. The error is a cancellation, or a page's
// failure that is no template's.
func (r *Renderer) Check(ctx context.Context, jobs []*Job) (*diag.List, error) {
	errs := make([]error, len(jobs))
	err := parallel.For(ctx, len(jobs), r.opts.Workers, func(_, i int) {
		j := jobs[i]
		if j.tmpl == "" || r.broken[j.tmpl] {
			return
		}
		b := bufs.Get()
		defer bufs.Put(b)
		errs[i] = j.run(b)
	})
	if err != nil {
		return nil, err
	}
	problems := &diag.List{}
	problems.Append(&r.problems)
	seen := map[diag.Pos]bool{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var de *diag.Error
		if !errors.As(err, &de) {
			return nil, err
		}
		for _, p := range de.Problems {
			if !seen[p.Pos] {
				seen[p.Pos] = true
				problems.Add(p)
			}
		}
	}
	return problems, nil
}

// templateErrRE finds the position in a template error: "template:
// story.html:29:10: …" from text/template, "html/template:list.html:49:11:
// …" from html/template's escaper.
var templateErrRE = regexp.MustCompile(`(?s)(?:html/)?template: ?([^:\s]+):(\d+):(?:\d+:)? ?(.*)$`)

var (
	execRE     = regexp.MustCompile(`(?s)^executing "[^"]*" at <(.*?)>: (.*)$`)
	fieldRE    = regexp.MustCompile(`^can't evaluate field (\S+) in type (\S+)$`)
	keyRE      = regexp.MustCompile(`^map has no entry for key ("(?:[^"\\]|\\.)*")$`)
	funcRE     = regexp.MustCompile(`^function ("(?:[^"\\]|\\.)*") not defined$`)
	noTmplRE   = regexp.MustCompile(`^(?:no such template |template )("(?:[^"\\]|\\.)*")(?: not defined)?$`)
	badBraceRE = regexp.MustCompile(`^(?:bad character U\+007D '}'|unexpected "}" in operand)`)
)

// templateError turns a template error into a *diag.Error of one problem
// (see problem); an error that names no template position is returned as
// it is.
func (r *Renderer) templateError(err error) error {
	p := r.problem(err, false)
	if p == nil {
		return err
	}
	var l diag.List
	l.Add(p)
	return l.Err()
}

// problem returns the problem a template error tells of, at the file and
// line of the innermost template its message names, so that an error in a
// partial is reported at the partial, not at the line that called it; nil
// when it names none. A misspelt field, function or template comes with
// the nearest name there is; parsing tells a syntax error from the others.
func (r *Renderer) problem(err error, parsing bool) *diag.Problem {
	msg := err.Error()
	var m []string
	for i := 0; i < len(msg); {
		loc := templateErrRE.FindStringSubmatchIndex(msg[i:])
		if loc == nil {
			break
		}
		m = templateErrRE.FindStringSubmatch(msg[i+loc[0]:])
		i += loc[0] + 1
	}
	if m == nil {
		return nil
	}
	line, _ := strconv.Atoi(m[2])
	file := r.sources[m[1]]
	if file == "" {
		file = TemplatesDir + "/" + m[1]
	}
	pos := diag.Pos{File: file, Line: line}
	text, expr := strings.TrimSpace(m[3]), ""
	if e := execRE.FindStringSubmatch(text); e != nil {
		expr, text = e[1], e[2]
	}
	var l diag.List
	if f := fieldRE.FindStringSubmatch(text); f != nil {
		p := l.Errorf(pos, "<%s>: %s has no field or method %s", expr, strings.TrimPrefix(f[2], "*"), f[1])
		if s := diag.Suggest(f[1], memberNames(f[2])); s != "" {
			p.WithHint("did you mean %q?", s)
		}
		return p
	}
	if k := keyRE.FindStringSubmatch(text); k != nil {
		key, _ := strconv.Unquote(k[1])
		return l.Errorf(pos, "<%s>: there is no key %q", expr, key).
			WithHint("give the key a value, or show it only when it has one: {{with %s}}…{{end}}", expr)
	}
	if f := funcRE.FindStringSubmatch(text); f != nil {
		name, _ := strconv.Unquote(f[1])
		p := l.Errorf(pos, "unknown function %q", name)
		herald := r.funcNames()
		if s := diag.Suggest(name, slices.Concat(herald, builtins)); s != "" {
			p.WithHint("did you mean %q?", s)
		} else {
			p.WithHint("herald's functions are %s", strings.Join(herald, ", "))
		}
		return p
	}
	if t := noTmplRE.FindStringSubmatch(text); t != nil {
		name, _ := strconv.Unquote(t[1])
		p := l.Errorf(pos, "there is no template %q", name)
		if s := diag.Suggest(name, r.templateNames()); s != "" {
			p.WithHint("did you mean %q?", s)
		}
		return p
	}
	switch {
	case parsing:
		p := l.Errorf(pos, "syntax error: %s", text)
		if badBraceRE.MatchString(text) {
			p.WithHint("close the action with }}, as in {{.Title}}")
		}
		return p
	case expr != "":
		return l.Errorf(pos, "<%s>: %s", expr, text)
	}
	return l.Errorf(pos, "%s", text)
}

// builtins are text/template's own functions.
var builtins = []string{"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge"}

// funcNames returns the names of herald's template functions, sorted.
func (r *Renderer) funcNames() []string {
	var names []string
	for n := range r.funcs() {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// templateNames returns the names of the templates of every set, sorted.
func (r *Renderer) templateNames() []string {
	var names []string
	sets := []string{}
	for n := range r.pages {
		sets = append(sets, n)
	}
	slices.Sort(sets)
	if r.shared != nil {
		for _, t := range r.shared.Templates() {
			names = append(names, t.Name())
		}
	}
	for _, n := range sets {
		for _, t := range r.pages[n].Templates() {
			names = append(names, t.Name())
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// memberNames returns the exported fields, then the methods, of the type
// that text/template names typ ("*site.Story"), as templates see it: nil
// for a type a page cannot reach.
func memberNames(typ string) []string {
	t := pageTypes()[strings.TrimPrefix(typ, "*")]
	if t == nil {
		return nil
	}
	var names []string
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && !f.Anonymous {
			names = append(names, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		names = append(names, pt.Method(i).Name)
	}
	return names
}

// pageTypes returns the struct types a template can reach from a [*Page],
// through fields and methods, by name ("site.Story").
var pageTypes = sync.OnceValue(func() map[string]reflect.Type {
	types := map[reflect.Type]bool{}
	byName := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if types[t] {
			return
		}
		types[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			byName[t.String()] = t
			for _, f := range reflect.VisibleFields(t) {
				if f.IsExported() {
					walk(f.Type)
				}
			}
			t = reflect.PointerTo(t)
		}
		if t.Kind() == reflect.Interface {
			return
		}
		for i := range t.NumMethod() {
			mt := t.Method(i).Type
			for j := range mt.NumOut() {
				walk(mt.Out(j))
			}
		}
	}
	walk(reflect.TypeOf(&Page{}))
	return byName
})

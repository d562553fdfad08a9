package render

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"path"
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
// reports it), and each problem a page meets when it runs, once, so that a
// broken field of story.html is said once, not once per story. Go's
// templates stop a page at its first problem: Check goes past it, a pass
// at a time, with the part of the template that failed set aside (beyond),
// so that a misspelt .Titel no longer hides a misspelt .Tilte further down
// (a trial: a run for each). Each problem names in a note the pages it was
// met on: how many, and the first, by its story's file or its address (a
// trial: {{index .Story.Authors 1}} failed on the stories with one author,
// and the message did not say which). A page whose own template does not
// parse is not rendered. The error is a cancellation, or a page's failure
// that is no template's.
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
	m := newMet(r.problems.Problems())
	failed := map[int]error{} // the template errors that stopped pages
	for i, err := range errs {
		if err == nil {
			continue
		}
		var de *diag.Error
		if !errors.As(err, &de) {
			return nil, err
		}
		for _, p := range de.Problems {
			m.add(p, i)
		}
		if pe := (*pageError)(nil); errors.As(err, &pe) && jobs[i].data != nil {
			failed[i] = pe.raw
		}
	}
	if err := r.beyond(ctx, jobs, failed, m); err != nil {
		return nil, err
	}
	for _, x := range m.order {
		first := jobs[r.firstShown(jobs, x)].where
		switch {
		case first.Format == "":
		case len(x.pages) == 1:
			x.p.Notes = append(x.p.Notes, diag.Phrasef("on %s", first))
		default:
			x.p.Notes = append(x.p.Notes, diag.Phrasef("on %d pages, the first being %s", len(x.pages), first))
		}
		problems.Add(x.p)
	}
	return problems, nil
}

// firstShown returns the first of the jobs that met x whose page a build
// publishes (Options.Held), or the first of them when none is.
func (r *Renderer) firstShown(jobs []*Job, x *metProblem) int {
	held := func(i int) bool {
		d := jobs[i].data
		return r.opts.Held != nil && d != nil && d.Story != nil && r.opts.Held(d.Story)
	}
	best := -1
	for i := range x.pages {
		if !held(i) && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return x.first
	}
	return best
}

// met gathers the problems pages meet, each once (by diag.Problem.Key),
// with the pages that met it.
type met struct {
	known map[diag.Pos]bool // problems found when loading (checkMissing): their pages are not told again
	byKey map[string]*metProblem
	order []*metProblem
}

type metProblem struct {
	p     *diag.Problem
	pages map[int]bool // the jobs that met it
	first int          // the first of them
}

func newMet(known []*diag.Problem) *met {
	m := &met{known: map[diag.Pos]bool{}, byKey: map[string]*metProblem{}}
	for _, p := range known {
		m.known[p.Pos] = true
	}
	return m
}

// add records that the page of job i met p.
func (m *met) add(p *diag.Problem, i int) {
	if m.known[p.Pos] {
		return
	}
	x := m.byKey[p.Key()]
	if x == nil {
		x = &metProblem{p: p, pages: map[int]bool{}, first: i}
		m.byKey[p.Key()] = x
		m.order = append(m.order, x)
	}
	x.pages[i] = true
	x.first = min(x.first, i)
}

// templateErrRE finds where a template error names a position: "template:
// story.html:29:10: …" from text/template, "html/template:list.html:49:11:
// …" from html/template's escaper. The file name that follows may hold
// spaces and any letter ("partials/页脚 - 副本.html", Windows' name for a
// copy): locate reads it.
var templateErrRE = regexp.MustCompile(`(?:html/)?template: ?`)

// lineRE reads the line, and the column if any, after a file name.
var lineRE = regexp.MustCompile(`(?s)^:(\d+):(?:\d+:)? ?(.*)$`)

// fileLineRE reads a file name that is no template's, as far as its line.
var fileLineRE = regexp.MustCompile(`(?s)^([^:\n]+?):(\d+):(?:\d+:)? ?(.*)$`)

// locate returns the name, line and text of the innermost position a
// template error names, the last: an error in a partial is told inside
// the error of the page that called it. ok is false when it names none.
func (r *Renderer) locate(msg string) (name string, line int, text string, ok bool) {
	starts := templateErrRE.FindAllStringIndex(msg, -1)
	for i := len(starts) - 1; i >= 0; i-- {
		rest := msg[starts[i][1]:]
		// The longest known name first: "a b.html" before "a".
		best := ""
		for n := range r.sources {
			if len(n) > len(best) && strings.HasPrefix(rest, n) && lineRE.MatchString(rest[len(n):]) {
				best = n
			}
		}
		if best != "" {
			m := lineRE.FindStringSubmatch(rest[len(best):])
			line, _ = strconv.Atoi(m[1])
			return best, line, m[2], true
		}
		if m := fileLineRE.FindStringSubmatch(rest); m != nil {
			line, _ = strconv.Atoi(m[2])
			return m[1], line, m[3], true
		}
	}
	return "", 0, "", false
}

var (
	execRE     = regexp.MustCompile(`(?s)^executing "[^"]*" at <(.*?)>: (.*)$`)
	fieldRE    = regexp.MustCompile(`^can't evaluate field (\S+) in type (\S+)$`)
	keyRE      = regexp.MustCompile(`^map has no entry for key ("(?:[^"\\]|\\.)*")$`)
	funcRE     = regexp.MustCompile(`^function ("(?:[^"\\]|\\.)*") not defined$`)
	noTmplRE   = regexp.MustCompile(`^(?:no such template |template )("(?:[^"\\]|\\.)*")(?: not defined)?$`)
	badBraceRE = regexp.MustCompile(`^(?:bad character U\+007D '}'|unexpected "}" in operand)`)
	deepRE     = regexp.MustCompile(`^nested more than (\d+) deep$`)
	argsRE     = regexp.MustCompile(`^wrong number of args for (\S+): want (at least )?(\d+) got (\d+)$`)
	nilRE      = regexp.MustCompile(`^nil pointer evaluating (\S+)\.(\w+)$`)
	typeRE     = regexp.MustCompile(`^wrong type for value; expected (\S+); got (\S+)$`)
	// Past the end by one, index fails in reflect, with no number.
	outRE     = regexp.MustCompile(`^error calling (?:index|slice): (?:index out of range: (-?\d+)|reflect: (?:slice|array|string) index out of range)$`)
	compareRE = regexp.MustCompile(`^error calling (?:eq|ne|lt|le|gt|ge): incompatible types for comparison: (\S+) and (\S+)$`)
	iterRE    = regexp.MustCompile(`(?s)^range can't iterate over `)
)

// funcUsage is how each of herald's template functions is called, for the
// hint of a call with the wrong number of arguments (a trial: {{date .Date
// "2006" "x"}} got no example of a right call).
var funcUsage = map[string]string{
	"url":           `{{url .Path}}`,
	"absURL":        `{{absURL .Path}}`,
	"asset":         `{{asset "css/site.css"}}`,
	"date":          `{{date .Story.Date "2006年1月2日"}}`,
	"isodate":       `{{isodate .Story.Date}}`,
	"t":             `{{t "reading_time" .Story.ReadingTime}}`,
	"number":        `{{number .Value}}`,
	"trusted":       `{{trusted .Story.Body}}`,
	"monthChart":    `{{monthChart .Pager.Stories}}`,
	"figureChart":   `{{figureChart $tally $.URL $i}}`,
	"partialCached": `{{partialCached "partials/card.html" . .URL}}`,
	"add":           `{{add $i 1}}`,
	"sub":           `{{sub $i 1}}`,
	"base":          `{{base .Path}}`,
	"hasPrefix":     `{{hasPrefix .Path "/stories/"}}`,
}

// templateError turns the error of executing the page template page into
// a *diag.Error of one problem (see problem); an error that names no
// position in a template is a problem at the page's file, with the error's
// text, so that Check goes on to the other pages.
func (r *Renderer) templateError(page string, err error) error {
	var l diag.List
	if p := r.problem(err, page); p != nil {
		l.Add(p)
	} else {
		l.Errorf(r.filePos(page), "%s", err.Error())
	}
	return &pageError{problems: l.Err(), raw: err}
}

// pageError is the failure of a page: its problem, and the error of the
// template that it tells, whose positions Check goes past (beyond).
type pageError struct {
	problems error // a *diag.Error
	raw      error
}

func (e *pageError) Error() string { return e.problems.Error() }
func (e *pageError) Unwrap() error { return e.problems }

// filePos returns the position of the template file name as a whole.
func (r *Renderer) filePos(name string) diag.Pos {
	file := r.sources[name]
	if file == "" {
		file = TemplatesDir + "/" + name
	}
	return diag.Pos{File: file}
}

// problem returns the problem a template error tells of, at the file and
// line of the innermost template its message names, so that an error in a
// partial is reported at the partial, not at the line that called it; nil
// when it names none. A misspelt field, function or template comes with
// the nearest name there is. page is the page template whose execution
// failed, whose set holds the templates it may call; "" for an error of
// parsing, which tells a syntax error from the others.
func (r *Renderer) problem(err error, page string) *diag.Problem {
	parsing := page == ""
	name, line, rawText, ok := r.locate(err.Error())
	if !ok {
		return nil
	}
	pos := r.filePos(name)
	pos.Line = line
	text, expr := strings.TrimSpace(rawText), ""
	if e := execRE.FindStringSubmatch(text); e != nil {
		expr, text = e[1], e[2]
	}
	var l diag.List
	if f := fieldRE.FindStringSubmatch(text); f != nil {
		typ, field := strings.TrimPrefix(f[2], "*"), f[1]
		p := l.Errorf(pos, "<%s>: %s has no field or method %s", expr, typeName(typ), field)
		names := memberNames(typ)
		pageField := typ != "render.Page" && slices.Contains(memberNames("render.Page"), field)
		switch s := diag.Suggest(field, names); {
		case s != "":
			p.WithHint("did you mean %q?", s)
		case typ == "site.Story" && field == "Story" && strings.Contains(expr, ".Story."):
			// A trial: {{.Story.Title}} in a card, whose dot is a story.
			p.WithHint("the dot is a story here, as in a card: write %s", strings.Replace(expr, ".Story.", ".", 1))
		case pageField:
			p.WithHint("here the dot is %s, not the page: inside {{with}} and {{range}} the dot is what they give, and in a page's template the page is $, as in $.%s", typeName(typ), field)
		case len(names) == 0:
			// A trial: {{with index .Story.Params "editor"}}{{.Name}},
			// where the dot is the editor's name.
			p.WithHint("here the dot is %s, which has no fields: inside {{with}} and {{range}} the dot is what they give; {{.}} shows it", typeName(typ))
		default:
			p.WithHint("its fields and methods are %s", strings.Join(names, ", "))
		}
		return p
	}
	if k := keyRE.FindStringSubmatch(text); k != nil {
		key, _ := strconv.Unquote(k[1])
		// A missing key is an error even under {{with}}: index gives
		// nothing for it instead (a review: the hint's own example
		// failed the same way).
		show := expr
		if m, ok := strings.CutSuffix(expr, "."+key); ok && m != "" {
			show = fmt.Sprintf("index %s %q", m, key)
		}
		return l.Errorf(pos, "<%s>: there is no key %q", expr, key).
			WithHint("give the key a value, or show it only when it has one: {{with %s}}…{{end}}", show)
	}
	if f := funcRE.FindStringSubmatch(text); f != nil {
		name, _ := strconv.Unquote(f[1])
		p := l.Errorf(pos, "unknown function %q", name)
		herald := r.funcNames()
		if s := diag.Suggest(name, slices.Concat(herald, builtins)); s != "" {
			p.WithHint("did you mean %q?", s)
		} else {
			p.WithHint("herald's functions are %s; and the templates' own: %s", strings.Join(herald, ", "), strings.Join(builtins, ", "))
		}
		return p
	}
	if t := noTmplRE.FindStringSubmatch(text); t != nil {
		name, _ := strconv.Unquote(t[1])
		return r.noTemplate(&l, pos, name, page)
	}
	if d := deepRE.FindStringSubmatch(text); d != nil {
		// A call tooDeep stopped: a loop the check of calls could not
		// see, under an {{if}} or a {{range}} that never ends.
		return l.Errorf(pos, "<%s> is nested more than %s deep: the template calls itself without end", expr, d[1]).
			WithHint("call it only inside an {{if}}, {{with}} or {{range}} whose data is smaller with each call, as a tree's children are")
	}
	if a := argsRE.FindStringSubmatch(text); a != nil {
		var p *diag.Problem
		if a[2] != "" {
			p = l.Errorf(pos, "%s is given %s arguments, and takes at least %s", a[1], a[4], a[3])
		} else {
			p = l.Errorf(pos, "%s is given %s arguments, and takes %s", a[1], a[4], a[3])
		}
		if use, ok := funcUsage[a[1]]; ok {
			p.WithHint("call it as %s", use)
		}
		return p
	}
	if p := runtimeProblem(&l, pos, expr, text); p != nil {
		return p
	}
	switch {
	case parsing:
		if p := syntaxProblem(&l, pos, text, r.texts[name]); p != nil {
			return p
		}
		return l.Errorf(pos, "syntax error: %s", text)
	case expr != "":
		return l.Errorf(pos, "<%s>: %s", expr, text)
	}
	return l.Errorf(pos, "%s", text)
}

// runtimeProblem adds to l the problem of a template that met, at pos
// and in the expression expr, a value it cannot use (Go's words in text):
// a nil pointer, a value of another type, a position past the end, values
// of two types compared, a {{range}} over what is no list. nil for any
// other error. (A trial: Go's English, with no hint, for the mistakes a
// designer makes most.)
func runtimeProblem(l *diag.List, pos diag.Pos, expr, text string) *diag.Problem {
	if m := nilRE.FindStringSubmatch(text); m != nil {
		// "nil pointer evaluating *site.Story.Branch": .Story is nil,
		// and the expression asked for its Branch.
		owner, rest := nilOwner(expr, m[2])
		return l.Errorf(pos, "<%s>: %s is nil on this page, and has no %s", expr, owner, m[2]).
			WithHint("show it only where there is one: {{with %s}}{{%s}}{{end}}", owner, rest)
	}
	if m := typeRE.FindStringSubmatch(text); m != nil {
		p := l.Errorf(pos, "<%s> is %s, where %s is wanted", expr, typeName(strings.TrimPrefix(m[2], "*")), typeName(strings.TrimPrefix(m[1], "*")))
		if m[1] == "time.Time" {
			p.WithHint("a story's date is .Story.Date (in a list, .Date); {{date .Story.Date \"2006年1月2日\"}} shows it")
		}
		return p
	}
	if m := outRE.FindStringSubmatch(text); m != nil {
		at, f := m[1], strings.Fields(expr)
		if at == "" && len(f) == 3 && f[0] == "index" {
			at = f[2] // {{index .Story.Authors 1}} on a story with one author
		}
		var p *diag.Problem
		if at == "" {
			p = l.Errorf(pos, "<%s>: there is nothing at that position, past the end", expr)
		} else {
			p = l.Errorf(pos, "<%s>: there is nothing at position %s, past the end", expr, at)
		}
		if len(f) == 3 && f[0] == "index" {
			return p.WithHint("positions start at 0: check the length first, as in {{if gt (len %s) %s}}{{index %s %s}}{{end}}", f[1], f[2], f[1], f[2])
		}
		return p.WithHint("positions start at 0: check the length first, as in {{if gt (len .Site.Stories) 3}}{{index .Site.Stories 3}}{{end}}")
	}
	if m := compareRE.FindStringSubmatch(text); m != nil {
		return l.Errorf(pos, "<%s> compares values of types %s and %s", expr, m[1], m[2]).
			WithHint("compare values of one type: {{if eq .Kind \"home\"}} compares text with text, {{if eq $i 0}} a number with a number")
	}
	if iterRE.MatchString(text) {
		return l.Errorf(pos, "{{range}} cannot go through <%s>: it is no list", expr).
			WithHint("range over a list, such as .Site.Stories, .Pager.Stories or .Story.Tags")
	}
	return nil
}

// nilOwner splits the expression expr where its field was asked for of a
// nil value: ".Story" and ".Branch.Name" of ".Story.Branch.Name" for
// Branch; "." and the whole when the field is the expression's first.
func nilOwner(expr, field string) (owner, rest string) {
	for i := 0; ; {
		j := strings.Index(expr[i:], "."+field)
		if j < 0 {
			return expr, "."
		}
		at := i + j
		end := at + 1 + len(field)
		if end == len(expr) || expr[end] == '.' || expr[end] == ' ' {
			if at == 0 {
				return ".", expr
			}
			return expr[:at], expr[at:]
		}
		i = end
	}
}

// noTemplate adds to l the problem of a call at pos of the template name,
// which the page template page cannot call ("" for a partial's call).
func (r *Renderer) noTemplate(l *diag.List, pos diag.Pos, name, page string) *diag.Problem {
	p := l.Errorf(pos, "there is no template %q", name)
	if file := r.definedElsewhere(name, page); file != "" {
		p.WithHint("%q is defined in %s, which only its own page sees: move the {{define}} into a file under partials/, which every page sees", name, file)
	} else if s := baseTwin(name, r.templateNames(page, name)); s != "" {
		// footer.html for partials/footer.html (a retrial), before a name
		// near by its letters: pager.html was told "base.html" (a trial).
		p.WithHint("did you mean %q?", s)
	} else if s := diag.Suggest(name, r.templateNames(page, name)); s != "" {
		p.WithHint("did you mean %q?", s)
	}
	return p
}

// baseTwin returns the only one of names whose last part is name, or "".
func baseTwin(name string, names []string) string {
	twin := ""
	for _, n := range names {
		if path.Base(n) == name && n != name {
			if twin != "" {
				return ""
			}
			twin = n
		}
	}
	return twin
}

// checkMissing adds to r.problems each call, by a literal name, of a
// template a page's set does not have: all of them, at their lines, where a
// page stops at the first it meets (a retrial: three runs for three
// missing templates in one footer, the last first). Check then skips the
// pages' failures at these positions.
func (r *Renderer) checkMissing(s sets) {
	seen := map[diag.Pos]bool{}
	check := func(set *template.Template, page string) {
		cs := s.calls[page]
		for _, name := range slices.Sorted(maps.Keys(cs.of)) {
			for _, c := range cs.of[name] {
				target := set
				if c.cached {
					target = s.shared // partialCached executes the shared set's
				}
				if target.Lookup(c.name) != nil {
					continue
				}
				pos := r.position(c.tree, c.node)
				if !seen[pos] {
					seen[pos] = true
					r.noTemplate(&r.problems, pos, c.name, page)
				}
			}
		}
	}
	// Each page's set holds the shared templates too, whose calls resolve
	// there: a base.html of the site's own may call {{template "main"}},
	// which each page defines and the shared set does not.
	for _, page := range slices.Sorted(maps.Keys(s.pages)) {
		check(s.pages[page], page)
	}
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

// templateNames returns the names of the templates the page template page
// may call, sorted, but except: the shared set's and its own set's. A
// {{define}} of another page's file (templates/helpers.html) is in that
// page's set alone.
func (r *Renderer) templateNames(page, except string) []string {
	var names []string
	for _, set := range []*template.Template{r.shared, r.pages[page]} {
		if set == nil {
			continue
		}
		for _, t := range set.Templates() {
			if t.Name() != except {
				names = append(names, t.Name())
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// definedElsewhere returns the file that defines the template name in
// another page's set than page's, where page cannot call it; "" when
// none does, or when the shared set holds it.
func (r *Renderer) definedElsewhere(name, page string) string {
	if r.shared != nil && r.shared.Lookup(name) != nil {
		return ""
	}
	for _, n := range slices.Sorted(maps.Keys(r.pages)) {
		if n == page {
			continue
		}
		if t := r.pages[n].Lookup(name); t != nil && t.Tree != nil {
			return r.filePos(t.Tree.ParseName).File
		}
	}
	return ""
}

// typeNames are the types a template meets most, in a designer's words: Go's
// names (render.Page, site.Story) said nothing to them (a trial).
var typeNames = map[string]diag.Phrase{
	"render.Page":         diag.Phrasef("the page (%s)", "."),
	"site.Story":          diag.Phrasef("a story (%s)", ".Story"),
	"site.Site":           diag.Phrasef("the site (%s)", ".Site"),
	"config.Config":       diag.Phrasef("the configuration of site.yaml (%s)", ".Config"),
	"site.Term":           diag.Phrasef("a category, branch or tag (%s)", "site.Term"),
	"render.Pager":        diag.Phrasef("the pager (%s)", ".Pager"),
	"render.Image":        diag.Phrasef("an image (%s)", "render.Image"),
	"content.Achievement": diag.Phrasef("an achievement (%s)", "content.Achievement"),
	"site.Figure":         diag.Phrasef("a figure of the achievements (%s)", "site.Figure"),
	"site.Year":           diag.Phrasef("a year of the archives (%s)", "site.Year"),
	"site.Month":          diag.Phrasef("a month of the archives (%s)", "site.Month"),
	"time.Time":           diag.Phrasef("a date (%s)", "time.Time"),
	"string":              diag.Phrasef("text (%s)", "string"),
	"int":                 diag.Phrasef("a number (%s)", "int"),
	"int64":               diag.Phrasef("a number (%s)", "int64"),
	"float64":             diag.Phrasef("a number (%s)", "float64"),
	"bool":                diag.Phrasef("true or false (%s)", "bool"),
}

// typeName returns how problems name the Go type typ ("site.Story").
func typeName(typ string) any {
	if n, ok := typeNames[typ]; ok {
		return n
	}
	return typ
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
		if f.IsExported() && !f.Anonymous && !internal[t.String()+"."+f.Name] {
			names = append(names, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		// A method that takes arguments, or gives nothing, is for the
		// build (SetBody, ReleaseText): a trial found them listed.
		if m := pt.Method(i); m.Type.NumIn() == 1 && m.Type.NumOut() > 0 && !internal[t.String()+"."+m.Name] {
			names = append(names, m.Name)
		}
	}
	return names
}

// internal are the exported fields and methods of the types a template
// reaches that are the build's, not the templates', by type and name:
// memberNames leaves them out.
var internal = map[string]bool{
	"site.Story.Doc": true, "site.Story.BodyHash": true, "site.Story.TextHash": true, "site.Story.Pasted": true,
	"site.Story.Version": true, "site.Story.Links": true, "render.Page.LiveReload": true,
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

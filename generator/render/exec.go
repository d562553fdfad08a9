package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"

	"herald/generator/internal/reuse"
)

// A program is a set of templates, as html/template escaped them, turned
// into Go closures that write what html/template's execution writes,
// without its reflection on every action. A page of the 10,000-story
// corpus took 160 µs and 707 allocations through html/template, two thirds
// of its time in reflect.Value.Call, mostly for the escapers it puts in
// every action; a program takes 48 µs and 80 (BenchmarkPages).
//
// A program does what text/template does for the templates of the theme
// and others like them: fields, methods and map keys, variables, if, with,
// range over slices, template calls, the comparison and logic builtins,
// the functions of Renderer.funcs and the escapers of escape.go. What it
// does not do it hands to html/template, whole: a set holding something
// else is not compiled (compile returns nil), and a page that meets a
// value or a case it does not know (a nil pointer, an error from a
// function, a type it does not compare) is rendered again by html/template,
// which then writes the same page or reports the same error as without a
// program. TestProgram checks that a program writes the same bytes as
// html/template, template by template, and TestPrograms page by page for
// the theme.
type program struct {
	tmpls map[string]*proc
	bails atomic.Int64 // pages handed back to html/template
	// partial is partialCached at a depth of calls (Renderer.partialAt),
	// which compiled calls of partialCached go through; nil for none.
	partial func(depth int, name string, data any, keys []any) (template.HTML, error)
}

// proc is a compiled template.
type proc struct {
	run func(s *state, dot value)
}

// state is the execution of one page.
type state struct {
	w     *bytes.Buffer
	vars  []variable
	base  int // vars[base] is the current template's $
	depth int
}

type variable struct {
	name string
	v    value
}

// bail is what a program panics with to hand a page to html/template.
type bail string

// maxDepth bounds template calls. A call deeper is an error: a template
// that calls itself without end, under an {{if}} or a {{range}} that never
// stops, which the check of calls when the templates load cannot see (a
// trial: handed to html/template, whose limit is 100,000, a footer that
// called itself in a range took minutes a page).
const maxDepth = 1000

// tooDeep is what a program panics with at a call deeper than maxDepth:
// the call's position, as html/template gives one ("name:line:col"), and
// the template it calls.
type tooDeep struct{ where, in, call string }

// deepCall returns the tooDeep of the call n in the template being
// compiled: call is how the call reads, such as `template "tree"`.
func (c *compiler) deepCall(n parse.Node, call string) tooDeep {
	where, _ := c.tree.ErrorContext(n)
	return tooDeep{where: where, in: c.tree.Name, call: call}
}

func (e tooDeep) Error() string {
	return fmt.Sprintf("template: %s: executing %q at <%s>: nested more than %d deep", e.where, e.in, e.call, maxDepth)
}

// A value is what text/template holds as a reflect.Value, but a string,
// an int or HTML that a function returned is held as itself, without the
// allocation of an interface.
type value struct {
	k  vkind
	s  string // vString, vHTML
	n  int    // vInt; vBool: 0 or 1
	rv reflect.Value
}

type vkind uint8

const (
	vInvalid vkind = iota // the zero reflect.Value: a nil interface's contents
	vReflect              // rv
	vString               // Go's string
	vHTML                 // template.HTML
	vInt                  // Go's int
	vBool                 // Go's bool
)

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	intType    = reflect.TypeFor[int]()
	boolType   = reflect.TypeFor[bool]()
	floatType  = reflect.TypeFor[float64]()
	errorType  = reflect.TypeFor[error]()
	anyType    = reflect.TypeFor[any]()
)

func ofReflect(rv reflect.Value) value {
	if !rv.IsValid() {
		return value{}
	}
	switch rv.Type() {
	case stringType:
		return value{k: vString, s: rv.String()}
	case htmlType:
		return value{k: vHTML, s: rv.String()}
	}
	return value{k: vReflect, rv: rv}
}

// reflect returns v as text/template would hold it.
func (v value) reflect() reflect.Value {
	switch v.k {
	case vReflect:
		return v.rv
	case vString:
		return reflect.ValueOf(v.s)
	case vHTML:
		return reflect.ValueOf(template.HTML(v.s))
	case vInt:
		return reflect.ValueOf(v.n)
	case vBool:
		return reflect.ValueOf(v.n != 0)
	}
	return reflect.Value{}
}

// execute writes the template name with data into b and reports whether
// it could; when not, b is as it was. A nil program can not.
func (p *program) execute(b *bytes.Buffer, name string, data any) (ok bool, err error) {
	return p.executeAt(b, name, data, 0)
}

// executeAt is execute with the template's calls at depth and below.
func (p *program) executeAt(b *bytes.Buffer, name string, data any, depth int) (ok bool, err error) {
	if p == nil {
		return false, nil
	}
	t := p.tmpls[name]
	if t == nil {
		return false, nil
	}
	start := b.Len()
	defer func() {
		// Any panic, a bail or one from a function, hands the page to
		// html/template, which reports a function's panic as an error;
		// a call too deep is an error of its own.
		if v := recover(); v != nil {
			b.Truncate(start)
			ok = false
			if deep, isDeep := v.(tooDeep); isDeep {
				err = deep
				return
			}
			p.bails.Add(1)
		}
	}()
	s := states.Get()
	defer states.Put(s)
	s.w, s.depth = b, depth
	s.vars = append(s.vars, variable{"$", ofReflect(reflect.ValueOf(data))})
	t.run(s, s.vars[0].v)
	return true, nil
}

// states are the states of executions that ended, for the next: each page
// and each partial's first execution takes one (45 MB of them for the
// pages of 10,000 stories).
var states = reuse.New(32, func() *state { return &state{vars: make([]variable, 0, 16)} },
	func(s *state) bool {
		clear(s.vars) // let go of the values
		*s = state{vars: s.vars[:0]}
		return cap(s.vars) <= 256
	})

func (s *state) push(name string, v value) { s.vars = append(s.vars, variable{name, v}) }
func (s *state) mark() int                 { return len(s.vars) }
func (s *state) pop(mark int)              { s.vars = s.vars[:mark] }

func (s *state) lookup(name string) *variable {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return &s.vars[i]
		}
	}
	panic(bail("undefined variable " + name))
}

// compile compiles the templates of t reachable from the named ones, which
// html/template must have escaped: nil when they hold what a program does
// not do.
func compile(t *template.Template, funcs template.FuncMap, names ...string) *program {
	c := &compiler{set: t, funcs: funcs, p: &program{tmpls: map[string]*proc{}}}
	ok := func() (ok bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, isBail := r.(bail); !isBail {
					panic(r)
				}
				ok = false
			}
		}()
		for _, n := range names {
			c.template(n)
		}
		return true
	}()
	if !ok {
		return nil
	}
	return c.p
}

// escape has html/template escape the named templates of t and those they
// call, which it does before it first executes them: it executes each
// without data, which stops at the first field.
func escape(t *template.Template, names ...string) {
	for _, n := range names {
		_ = t.ExecuteTemplate(io.Discard, n, nil)
	}
}

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	p     *program
	tree  *parse.Tree // of the template being compiled, for positions
}

// no stops compiling: the set is left to html/template.
func no(format string, args ...any) { panic(bail(fmt.Sprintf(format, args...))) }

func (c *compiler) template(name string) *proc {
	if t := c.p.tmpls[name]; t != nil {
		return t
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		no("template %q is not defined", name)
	}
	pr := &proc{}
	c.p.tmpls[name] = pr // before its body, which may call it
	outer := c.tree
	c.tree = t.Tree
	pr.run = c.list(t.Tree.Root)
	c.tree = outer
	return pr
}

type runFn = func(s *state, dot value)

func (c *compiler) list(l *parse.ListNode) runFn {
	if l == nil {
		return func(*state, value) {}
	}
	var fns []runFn
	for _, n := range l.Nodes {
		if f := c.node(n); f != nil {
			fns = append(fns, f)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, value) {}
	case 1:
		return fns[0]
	}
	return func(s *state, dot value) {
		for _, f := range fns {
			f(s, dot)
		}
	}
}

func (c *compiler) node(n parse.Node) runFn {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ value) { s.w.Write(text) }
	case *parse.CommentNode:
		return nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.call(n)
	case *parse.ListNode:
		return c.list(n)
	}
	no("%s is not compiled", n)
	return nil
}

func (c *compiler) action(n *parse.ActionNode) runFn {
	pipe := c.pipe(n.Pipe)
	if len(n.Pipe.Decl) > 0 {
		return func(s *state, dot value) { pipe(s, dot) }
	}
	// An escaped action ends with an escaper, which returns a string:
	// an action without one is of a template html/template did not escape.
	last := n.Pipe.Cmds[len(n.Pipe.Cmds)-1].Args[0]
	if id, ok := last.(*parse.IdentifierNode); !ok || escapers[id.Ident] == nil {
		no("%s is not escaped", n)
	}
	return func(s *state, dot value) {
		v := pipe(s, dot)
		if v.k != vString {
			panic(bail("an escaper returned no string"))
		}
		s.w.WriteString(v.s)
	}
}

func (c *compiler) ifWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) runFn {
	pipe, then, els := c.pipe(p), c.list(list), c.list(elseList)
	return func(s *state, dot value) {
		mark := s.mark()
		v := pipe(s, dot)
		switch {
		case !truth(v):
			els(s, dot)
		case with:
			then(s, v)
		default:
			then(s, dot)
		}
		s.pop(mark)
	}
}

func (c *compiler) rangeNode(n *parse.RangeNode) runFn {
	if n.Pipe.IsAssign || len(n.Pipe.Decl) > 2 {
		no("%s is not compiled", n)
	}
	pipe, body, els := c.pipe(n.Pipe), c.list(n.List), c.list(n.ElseList)
	decls := len(n.Pipe.Decl)
	return func(s *state, dot value) {
		outer := s.mark()
		v := pipe(s, dot)
		if v.k == vInvalid {
			els(s, dot)
			s.pop(outer)
			return
		}
		if v.k != vReflect {
			panic(bail("range over a " + v.reflect().Type().String()))
		}
		rv, isNil := indirect(v.rv)
		if isNil || rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			panic(bail("range over a " + rv.Type().String()))
		}
		mark := s.mark()
		for i := range rv.Len() {
			elem := ofReflect(rv.Index(i))
			if decls > 0 {
				s.vars[mark-1].v = elem
			}
			if decls > 1 {
				s.vars[mark-2].v = value{k: vInt, n: i}
			}
			body(s, elem)
			s.pop(mark)
		}
		if rv.Len() == 0 {
			els(s, dot)
		}
		s.pop(outer)
	}
}

func (c *compiler) call(n *parse.TemplateNode) runFn {
	t := c.template(n.Name)
	var pipe func(s *state, dot value) value
	if n.Pipe != nil {
		pipe = c.pipe(n.Pipe)
	}
	deep := c.deepCall(n, fmt.Sprintf("template %q", n.Name))
	return func(s *state, dot value) {
		if s.depth >= maxDepth {
			panic(deep)
		}
		var d value // no pipeline: no data
		if pipe != nil {
			d = pipe(s, dot)
		}
		base := s.base
		s.base = len(s.vars)
		s.push("$", d)
		s.depth++
		t.run(s, d)
		s.depth--
		s.pop(s.base)
		s.base = base
	}
}

type pipeFn = func(s *state, dot value) value

func (c *compiler) pipe(p *parse.PipeNode) pipeFn {
	cmds := make([]cmdFn, len(p.Cmds))
	for i, cmd := range p.Cmds {
		cmds[i] = c.command(cmd, i > 0)
	}
	var names []string
	for _, d := range p.Decl {
		names = append(names, d.Ident[0])
	}
	assign := p.IsAssign
	return func(s *state, dot value) value {
		var v value
		for _, cmd := range cmds {
			v = cmd(s, dot, v)
			// As text/template does, what an interface{} holds.
			if v.k == vReflect && v.rv.Kind() == reflect.Interface && v.rv.Type().NumMethod() == 0 {
				v = ofReflect(v.rv.Elem())
			}
		}
		for _, name := range names {
			if assign {
				s.lookup(name).v = v
			} else {
				s.push(name, v)
			}
		}
		return v
	}
}

// cmdFn evaluates a command; final is the previous command's value, when
// hasFinal.
type cmdFn = func(s *state, dot, final value) value

func (c *compiler) command(cmd *parse.CommandNode, hasFinal bool) cmdFn {
	first := cmd.Args[0]
	if id, ok := first.(*parse.IdentifierNode); ok {
		return c.function(id.Ident, cmd.Args[1:], hasFinal)
	}
	if len(cmd.Args) > 1 || hasFinal {
		no("%s takes no arguments here", first)
	}
	v := c.operand(first)
	return func(s *state, dot, _ value) value { return v(s, dot) }
}

// operand compiles what a command's word or argument evaluates to,
// function calls aside.
func (c *compiler) operand(n parse.Node) pipeFn {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot value) value { return dot }
	case *parse.FieldNode:
		chain := fieldChain(n.Ident)
		return func(_ *state, dot value) value { return chain(dot) }
	case *parse.VariableNode:
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			return func(s *state, _ value) value { return s.lookup(name).v }
		}
		chain := fieldChain(n.Ident[1:])
		return func(s *state, _ value) value { return chain(s.lookup(name).v) }
	case *parse.PipeNode:
		return c.pipe(n)
	case *parse.IdentifierNode:
		f := c.function(n.Ident, nil, false)
		return func(s *state, dot value) value { return f(s, dot, value{}) }
	case *parse.StringNode:
		v := value{k: vString, s: n.Text}
		return func(*state, value) value { return v }
	case *parse.BoolNode:
		v := value{k: vBool}
		if n.True {
			v.n = 1
		}
		return func(*state, value) value { return v }
	case *parse.NumberNode:
		// An integer, as text/template takes one for an interface{}.
		if !n.IsInt || n.IsComplex || strings.ContainsAny(n.Text, ".eEpPxXoObB_'") || int64(int(n.Int64)) != n.Int64 {
			no("the number %s is not compiled", n.Text)
		}
		v := value{k: vInt, n: int(n.Int64)}
		return func(*state, value) value { return v }
	}
	no("%s is not compiled", n)
	return nil
}

// fieldChain compiles .A.B.C.
func fieldChain(names []string) func(value) value {
	steps := make([]*field, len(names))
	for i, n := range names {
		steps[i] = &field{name: n, key: reflect.ValueOf(n)}
	}
	return func(v value) value {
		for _, f := range steps {
			v = f.eval(v)
		}
		return v
	}
}

// field is a step of a field chain. It remembers how it resolved the last
// type it met.
type field struct {
	name string
	key  reflect.Value // name as a map's key
	last atomic.Pointer[resolved]
}

type resolved struct {
	typ   reflect.Type // of the receiver, addressed as text/template does
	how   int          // byMethod, byField, byKey
	index []int
}

const (
	byMethod = iota
	byField
	byKey
)

func (f *field) eval(v value) value {
	if v.k != vReflect {
		panic(bail("field " + f.name + " of no struct or map"))
	}
	recv, isNil := indirect(v.rv)
	if isNil {
		panic(bail("field " + f.name + " of nil"))
	}
	// Methods of T and *T, as text/template sees them.
	ptr := recv
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	r := f.last.Load()
	if r == nil || r.typ != ptr.Type() {
		r = f.resolve(ptr.Type(), recv)
		f.last.Store(r)
	}
	switch r.how {
	case byMethod:
		return callMethod(ptr.Method(r.index[0]))
	case byField:
		fv, err := recv.FieldByIndexErr(r.index)
		if err != nil {
			panic(bail(err.Error()))
		}
		return ofReflect(fv)
	}
	fv := recv.MapIndex(f.key)
	if !fv.IsValid() {
		panic(bail("no key " + f.name)) // missingkey=error
	}
	return ofReflect(fv)
}

func (f *field) resolve(ptr reflect.Type, recv reflect.Value) *resolved {
	if m, ok := ptr.MethodByName(f.name); ok {
		return &resolved{typ: ptr, how: byMethod, index: []int{m.Index}}
	}
	switch recv.Kind() {
	case reflect.Struct:
		if sf, ok := recv.Type().FieldByName(f.name); ok && sf.IsExported() {
			return &resolved{typ: ptr, how: byField, index: sf.Index}
		}
	case reflect.Map:
		if stringType.AssignableTo(recv.Type().Key()) {
			return &resolved{typ: ptr, how: byKey}
		}
	}
	panic(bail("no field " + f.name + " in " + recv.Type().String()))
}

// indirect follows pointers and interfaces to a value, or to a nil.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, true
		}
		v = v.Elem()
	}
	return v, false
}

// callMethod calls a method without arguments that returns a value, and
// maybe an error.
func callMethod(m reflect.Value) value {
	t := m.Type()
	if t.NumIn() != 0 || !goodResults(t) {
		panic(bail("method " + t.String()))
	}
	out := m.Call(nil)
	if len(out) == 2 && !out[1].IsNil() {
		panic(bail("error"))
	}
	return ofReflect(out[0])
}

// goodResults reports whether a function returns what text/template calls:
// one value, or one and an error.
func goodResults(t reflect.Type) bool {
	return t.NumOut() == 1 || t.NumOut() == 2 && t.Out(1) == errorType
}

// truth is text/template's truth of an if's or a with's value.
func truth(v value) bool {
	switch v.k {
	case vInvalid:
		return false
	case vString, vHTML:
		return v.s != ""
	case vInt, vBool:
		return v.n != 0
	}
	rv := v.rv
	if rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return false
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() > 0
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return rv.Uint() != 0
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0
	case reflect.Complex64, reflect.Complex128:
		return rv.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !rv.IsNil()
	case reflect.Struct:
		return true
	}
	panic(bail("no truth"))
}

// function compiles a call of a function, a builtin or an escaper.
func (c *compiler) function(name string, args []parse.Node, hasFinal bool) cmdFn {
	if f, ok := c.funcs[name]; ok {
		return c.funcCall(name, f, args, hasFinal)
	}
	if esc := escapers[name]; esc != nil {
		if len(args) != 0 || !hasFinal {
			no("%s with arguments", name)
		}
		js := name == "_html_template_jsvalescaper"
		return func(_ *state, _, v value) value {
			s, html := escaperInput(v, js)
			out, ok := esc(s, html)
			if !ok {
				panic(bail(name))
			}
			return value{k: vString, s: out}
		}
	}
	if hasFinal {
		no("%s in a pipeline", name)
	}
	ops := make([]pipeFn, len(args))
	for i, a := range args {
		ops[i] = c.operand(a)
	}
	switch name {
	case "and", "or":
		if len(ops) == 0 {
			no("%s without arguments", name)
		}
		or := name == "or"
		return func(s *state, dot, _ value) value {
			var v value
			for _, op := range ops {
				if v = op(s, dot); v.k == vInvalid {
					panic(bail("invalid value"))
				}
				if truth(v) == or {
					return v
				}
			}
			return v
		}
	case "not":
		if len(ops) != 1 {
			no("not takes one argument")
		}
		return func(s *state, dot, _ value) value { return boolean(!truth(valid(ops[0](s, dot)))) }
	case "len":
		if len(ops) != 1 {
			no("len takes one argument")
		}
		return func(s *state, dot, _ value) value {
			v := valid(ops[0](s, dot))
			switch v.k {
			case vString, vHTML:
				return value{k: vInt, n: len(v.s)}
			case vReflect:
				rv, isNil := indirect(v.rv)
				switch {
				case isNil:
				case rv.Kind() == reflect.Array, rv.Kind() == reflect.Map, rv.Kind() == reflect.Slice, rv.Kind() == reflect.String, rv.Kind() == reflect.Chan:
					return value{k: vInt, n: rv.Len()}
				}
			}
			panic(bail("len"))
		}
	case "eq", "ne":
		if len(ops) < 2 || name == "ne" && len(ops) != 2 {
			no("%s takes two arguments", name)
		}
		ne := name == "ne"
		return func(s *state, dot, _ value) value {
			// Every argument is evaluated, as text/template does, before
			// any is compared.
			var buf [4]value
			vs := buf[:0]
			for _, op := range ops {
				vs = append(vs, valid(op(s, dot)))
			}
			for _, v := range vs[1:] {
				if equal(vs[0], v) {
					return boolean(!ne)
				}
			}
			return boolean(ne)
		}
	case "lt", "le", "gt", "ge":
		if len(ops) != 2 {
			no("%s takes two arguments", name)
		}
		return func(s *state, dot, _ value) value {
			a, b := valid(ops[0](s, dot)), valid(ops[1](s, dot))
			c := compare(a, b)
			switch name {
			case "lt":
				return boolean(c < 0)
			case "le":
				return boolean(c <= 0)
			case "gt":
				return boolean(c > 0)
			}
			return boolean(c >= 0)
		}
	}
	no("the function %s is not compiled", name)
	return nil
}

func boolean(b bool) value {
	if b {
		return value{k: vBool, n: 1}
	}
	return value{k: vBool}
}

// valid returns v, which text/template would not take as a builtin's
// argument if invalid.
func valid(v value) value {
	if v.k == vInvalid {
		panic(bail("invalid value"))
	}
	return v
}

// basic returns the kind of value the comparison builtins see in v, and
// v as a string, an int64 or a bool for those kinds.
func basic(v value) (k reflect.Kind, s string, n int64) {
	switch v.k {
	case vString, vHTML:
		return reflect.String, v.s, 0
	case vInt:
		return reflect.Int, "", int64(v.n)
	case vBool:
		return reflect.Bool, "", int64(v.n)
	}
	rv := v.rv
	if rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			panic(bail("nil interface compared"))
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.String:
		return reflect.String, rv.String(), 0
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int, "", rv.Int()
	case reflect.Bool:
		if rv.Bool() {
			return reflect.Bool, "", 1
		}
		return reflect.Bool, "", 0
	}
	return reflect.Invalid, "", 0
}

// equal is eq's comparison of two values: of the same basic kind, or
// pointers of the same type.
func equal(a, b value) bool {
	ka, sa, na := basic(a)
	kb, sb, nb := basic(b)
	if ka != kb {
		panic(bail("incompatible types compared"))
	}
	switch ka {
	case reflect.String:
		return sa == sb
	case reflect.Int, reflect.Bool:
		return na == nb
	}
	ra, rb := a.rv, b.rv
	if ra.Kind() != reflect.Pointer || ra.Type() != rb.Type() {
		panic(bail("values compared"))
	}
	return ra.UnsafePointer() == rb.UnsafePointer()
}

// compare orders two strings or two ints.
func compare(a, b value) int {
	ka, sa, na := basic(a)
	kb, sb, nb := basic(b)
	switch {
	case ka != kb:
	case ka == reflect.String:
		return strings.Compare(sa, sb)
	case ka == reflect.Int:
		return cmp.Compare(na, nb)
	}
	panic(bail("values ordered"))
}

// escaperInput returns v as html/template's escapers read it: text, or
// HTML. A jsvalescaper takes only strings: it writes others as JSON.
func escaperInput(v value, js bool) (string, bool) {
	switch v.k {
	case vString:
		return v.s, false
	case vHTML:
		return v.s, true
	case vInt:
		if !js {
			return strconv.Itoa(v.n), false
		}
	case vBool:
		if !js {
			return strconv.FormatBool(v.n != 0), false
		}
	case vReflect:
		if !js && v.rv.Type() == intType {
			return strconv.FormatInt(v.rv.Int(), 10), false
		}
	}
	panic(bail("an escaper's input"))
}

// funcCall compiles a call of one of the renderer's functions.
func (c *compiler) funcCall(name string, f any, args []parse.Node, hasFinal bool) cmdFn {
	fv := reflect.ValueOf(f)
	t := fv.Type()
	if t.Kind() != reflect.Func || !goodResults(t) {
		no("%s is not a function text/template calls", name)
	}
	n := len(args)
	if hasFinal {
		n++
	}
	if t.IsVariadic() && n < t.NumIn()-1 || !t.IsVariadic() && n != t.NumIn() {
		no("%s takes other arguments", name)
	}
	param := func(i int) reflect.Type {
		if t.IsVariadic() && i >= t.NumIn()-1 {
			return t.In(t.NumIn() - 1).Elem()
		}
		return t.In(i)
	}
	ops := make([]cmdFn, n)
	for i := range n {
		if i == len(args) { // the final value
			ops[i] = func(_ *state, _, final value) value { return final }
			continue
		}
		op := c.arg(args[i], param(i))
		ops[i] = func(s *state, dot, _ value) value { return op(s, dot) }
	}
	// The functions of a page, without reflection.
	switch f := f.(type) {
	case func(string) string:
		return func(s *state, dot, final value) value {
			return value{k: vString, s: f(str(ops[0](s, dot, final)))}
		}
	case func(string) (string, error):
		return func(s *state, dot, final value) value {
			return value{k: vString, s: must(f(str(ops[0](s, dot, final))))}
		}
	case func(string) template.HTML:
		return func(s *state, dot, final value) value {
			return value{k: vHTML, s: string(f(str(ops[0](s, dot, final))))}
		}
	case func(float64) string:
		return func(s *state, dot, final value) value {
			v := ops[0](s, dot, final)
			if v.k != vReflect || v.rv.Type() != floatType {
				panic(bail("not a float64"))
			}
			return value{k: vString, s: f(v.rv.Float())}
		}
	case func(string, ...any) (string, error):
		return func(s *state, dot, final value) value {
			key := str(ops[0](s, dot, final))
			rest := make([]any, len(ops)-1)
			for i, op := range ops[1:] {
				rest[i] = anyOf(op(s, dot, final))
			}
			return value{k: vString, s: must(f(key, rest...))}
		}
	case func(string, any, ...any) (template.HTML, error):
		var deep tooDeep
		if name == "partialCached" && len(args) > 0 {
			deep = c.deepCall(args[0], "partialCached "+args[0].String())
		}
		return func(s *state, dot, final value) value {
			name := str(ops[0](s, dot, final))
			data := anyOf(ops[1](s, dot, final))
			rest := make([]any, len(ops)-2)
			for i, op := range ops[2:] {
				rest[i] = anyOf(op(s, dot, final))
			}
			if c.p.partial == nil || deep.where == "" {
				return value{k: vHTML, s: string(must(f(name, data, rest...)))}
			}
			// partialCached, its calls one deeper than this one.
			if s.depth >= maxDepth {
				panic(deep)
			}
			h, err := c.p.partial(s.depth+1, name, data, rest)
			if d, ok := errors.AsType[tooDeep](err); ok {
				panic(d) // the page's error, not html/template's to retry
			}
			return value{k: vHTML, s: string(must(h, err))}
		}
	}
	return func(s *state, dot, final value) value {
		in := make([]reflect.Value, len(ops))
		for i, op := range ops {
			in[i] = assign(op(s, dot, final), param(i))
		}
		out := fv.Call(in)
		if len(out) == 2 && !out[1].IsNil() {
			panic(bail("error from " + name))
		}
		return ofReflect(out[0])
	}
}

// arg compiles an argument of a function's parameter of type t.
func (c *compiler) arg(n parse.Node, t reflect.Type) pipeFn {
	switch n := n.(type) {
	case *parse.StringNode:
		if t != stringType && t != anyType {
			no("a string for a %s", t)
		}
	case *parse.NumberNode:
		switch {
		case t == floatType && n.IsFloat:
			v := value{k: vReflect, rv: reflect.ValueOf(n.Float64)}
			return func(*state, value) value { return v }
		case t != intType && t != anyType:
			no("a number for a %s", t)
		}
	case *parse.BoolNode:
		if t != boolType && t != anyType {
			no("a boolean for a %s", t)
		}
	}
	return c.operand(n)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(bail(err.Error()))
	}
	return v
}

// str returns v for a string parameter.
func str(v value) string {
	switch {
	case v.k == vString:
		return v.s
	case v.k == vReflect && v.rv.Kind() == reflect.Interface && !v.rv.IsNil() && v.rv.Elem().Type() == stringType:
		return v.rv.Elem().String()
	}
	panic(bail("not a string"))
}

// anyOf returns v for an interface{} parameter.
func anyOf(v value) any {
	switch v.k {
	case vInvalid:
		return nil
	case vString:
		return v.s
	case vHTML:
		return template.HTML(v.s)
	case vInt:
		return v.n
	case vBool:
		return v.n != 0
	}
	return v.rv.Interface()
}

// assign returns v as an argument of type t, as text/template passes it.
func assign(v value, t reflect.Type) reflect.Value {
	if v.k == vInvalid {
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return reflect.Zero(t)
		}
		panic(bail("invalid value"))
	}
	rv := v.reflect()
	if rv.Type().AssignableTo(t) {
		return rv
	}
	if rv.Kind() == reflect.Interface && !rv.IsNil() && rv.Elem().Type().AssignableTo(t) {
		return rv.Elem()
	}
	panic(bail("wrong type"))
}

package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Pos is a position in a file of the site.
type Pos struct {
	File string // slash-separated path relative to the site folder, e.g. "content/a.md"
	Line int    // 1-based; 0 when the problem is about the whole file
	Col  int    // 1-based, in characters; 0 when unknown
}

// String returns "file:line:col", "file:line" or "file".
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Problem is one problem in the input.
type Problem struct {
	Pos     Pos
	Format  string // the message, in English, as a fmt format
	Args    []any  // the arguments of Format
	Hint    string // how to fix it, as a fmt format; may be empty
	HintArg []any  // the arguments of Hint
	// Notes say more of where it is, each on a line of its own after the
	// hint: the pages a template fails on, say.
	Notes   []Phrase
	Warning bool // a warning does not fail the run
}

// Msg returns the message in English.
func (p *Problem) Msg() string { return fmt.Sprintf(p.Format, p.Args...) }

// Key returns the problem's position and message, in English: two
// problems with the same key are the same problem, told once, whatever
// their hints and notes (the pages a template fails on differ between a
// check of the whole site and a build).
func (p *Problem) Key() string { return p.Pos.String() + ": " + p.Msg() }

// HintText returns the hint in English, or "".
func (p *Problem) HintText() string {
	if p.Hint == "" {
		return ""
	}
	return fmt.Sprintf(p.Hint, p.HintArg...)
}

// Error returns the problem as "pos: message", followed by "\n\thint: …" when
// there is a hint, and by "\n\t" and each note.
func (p *Problem) Error() string { return p.Localize(nil) }

// Localize returns the problem as [Problem.Error] does, with the message and
// hint translated by c. A nil catalog, or a format c does not know, gives
// English.
func (p *Problem) Localize(c Catalog) string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Warning {
		b.WriteString(c.text("warning: "))
	}
	fmt.Fprintf(&b, c.text(p.Format), c.args(p.Args)...)
	if p.Hint != "" {
		b.WriteString("\n\t")
		b.WriteString(c.text("hint: "))
		fmt.Fprintf(&b, c.text(p.Hint), c.args(p.HintArg)...)
	}
	for _, n := range p.Notes {
		b.WriteString("\n\t")
		fmt.Fprintf(&b, c.text(n.Format), c.args(n.Args)...)
	}
	return b.String()
}

// Phrase is a message argument that is itself translated: a fmt format and
// its arguments, such as Phrasef("the archive of %d", 2021). A [Catalog]
// translates its format as it translates a message's, and its arguments in
// turn. A phrase is printed with %s or %v.
type Phrase struct {
	Format string
	Args   []any
}

// Phrasef returns the phrase of format and args.
func Phrasef(format string, args ...any) Phrase { return Phrase{Format: format, Args: args} }

// String returns the phrase in English.
func (p Phrase) String() string { return fmt.Sprintf(p.Format, p.Args...) }

// Catalog maps English message formats (and the formats of phrases) to their
// translation, and, under keys "=" + text, fixed texts that messages take as
// arguments: the reasons of urlpath ("=it is empty") and the messages of the
// YAML parser ("=did not find expected key"). Names that writers type, such
// as front matter keys, are never translated: a message that needs a gloss
// for a key has a format of its own ("title is missing").
type Catalog map[string]string

// args translates the arguments the catalog knows: a [Phrase], and a string
// or an error whose text has an entry "=" + text ("=it is empty").
func (c Catalog) args(args []any) []any {
	if c == nil {
		return args
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a
		var s string
		switch a := a.(type) {
		case Phrase:
			out[i] = fmt.Sprintf(c.text(a.Format), c.args(a.Args)...)
			continue
		case string:
			s = a
		case error:
			s = a.Error()
		default:
			continue
		}
		if t, ok := c["="+s]; ok {
			out[i] = t
		}
	}
	return out
}

func (c Catalog) text(format string) string {
	if t, ok := c[format]; ok {
		return t
	}
	return format
}

// List is a list of problems. Its methods are safe for concurrent use when
// it is used through a pointer; the zero value is an empty list.
type List struct {
	mu       sync.Mutex
	problems []*Problem
}

// Add appends a problem.
func (l *List) Add(p *Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) *Problem {
	p := &Problem{Pos: pos, Format: format, Args: args}
	l.Add(p)
	return p
}

// Warnf appends a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) *Problem {
	p := &Problem{Pos: pos, Format: format, Args: args, Warning: true}
	l.Add(p)
	return p
}

// WithHint sets the problem's hint and returns the problem.
func (p *Problem) WithHint(format string, args ...any) *Problem {
	p.Hint, p.HintArg = format, args
	return p
}

// Append appends every problem of other.
func (l *List) Append(other *List) {
	other.mu.Lock()
	ps := slices.Clone(other.problems)
	other.mu.Unlock()
	l.mu.Lock()
	l.problems = append(l.problems, ps...)
	l.mu.Unlock()
}

// Problems returns the problems sorted by file, line, column and message,
// the files at the top of the site (site.yaml) first.
func (l *List) Problems() []*Problem {
	l.mu.Lock()
	ps := slices.Clone(l.problems)
	l.mu.Unlock()
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		if c := cmp.Or(
			// The site's own files and flags (site.yaml, --base-url)
			// first: a problem there is often the cause of those of
			// the stories (a trial: a category list written as one line
			// gave 25 errors at sound stories, and came after them).
			cmp.Compare(inFolder(a.Pos.File), inFolder(b.Pos.File)),
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		); c != 0 {
			return c
		}
		// Formatted only for problems at the same place: cmp.Or takes its
		// arguments evaluated, and formatting each message at every
		// comparison took 29 ms of an update that warned 5,442 times.
		return cmp.Compare(a.Msg(), b.Msg())
	})
	return ps
}

// inFolder returns 1 for the path of a file in a folder of the site, 0 for
// one at its top (site.yaml) or a flag's name.
func inFolder(file string) int {
	if strings.Contains(file, "/") {
		return 1
	}
	return 0
}

// At reports whether a problem, or a warning, is at pos's file and line.
func (l *List) At(pos Pos) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Pos.File == pos.File && p.Pos.Line == pos.Line {
			return true
		}
	}
	return false
}

// Len returns the number of problems, warnings included.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.problems)
}

// Errors returns the number of problems that are not warnings.
func (l *List) Errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.problems {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Err returns an [*Error] holding every problem when at least one is not a
// warning, and nil otherwise.
func (l *List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &Error{Problems: l.Problems()}
}

// Error is the error a failed run returns: the problems found, sorted, warnings
// included.
type Error struct {
	Problems []*Problem
}

// Error returns the first error and how many more there are, in the manner of
// go/scanner.ErrorList.
func (e *Error) Error() string {
	var first *Problem
	n := 0
	for _, p := range e.Problems {
		if !p.Warning {
			if first == nil {
				first = p
			}
			n++
		}
	}
	switch {
	case first == nil:
		return "no errors"
	case n == 1:
		return first.Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", first.Error(), n-1)
}

// Unwrap returns the problems, so that errors.As finds each one.
func (e *Error) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Gather returns the problems err holds, however [errors.Join] and [Error]
// nest them, sorted as [List.Problems] sorts them and each once (a problem
// two pages meet is said once); rest joins the errors it holds besides,
// nil when there are none. A failed run that renders in parallel joins the
// errors of its files: each holds problems of its own.
func Gather(err error) (ps []*Problem, rest error) {
	var l List
	var others []error
	seen := map[string]bool{}
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *Problem:
			if k := e.Error(); !seen[k] {
				seen[k] = true
				l.Add(e)
			}
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
		default:
			// A wrapped *Error or joined problems keep their problems;
			// any other error stands whole.
			if inner := unwrapOne(err); inner != nil && holdsProblem(inner) {
				walk(inner)
				return
			}
			others = append(others, err)
		}
	}
	walk(err)
	if len(others) > 0 {
		rest = errors.Join(others...)
	}
	return l.Problems(), rest
}

// unwrapOne returns the error err wraps with Unwrap() error, or nil.
func unwrapOne(err error) error {
	if u, ok := err.(interface{ Unwrap() error }); ok {
		return u.Unwrap()
	}
	return nil
}

// holdsProblem reports whether err holds a *Problem.
func holdsProblem(err error) bool {
	var p *Problem
	return errors.As(err, &p)
}

package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ids makes heading ids that keep Chinese. It implements parser.IDs.
type ids struct {
	used map[string]bool
}

var _ parser.IDs = (*ids)(nil)

// themeIDs are the ids the default theme gives elements of a story's page
// around its text; a heading takes another ("main-1"). A trial: a heading
// "main" doubled the id of the theme's <main>, the target of its skip link,
// and "related" took the label of its related stories.
var themeIDs = []string{"main", "related", "site-q", "search-q", "herald-problems", "herald-warnings"}

func newIDs() *ids {
	s := &ids{used: map[string]bool{}}
	for _, id := range themeIDs {
		s.used[id] = true
	}
	return s
}

// Generate lower-cases Latin letters, keeps letters and digits of any script,
// turns spaces, hyphens and underscores into "-" and drops other characters
// and Markdown markup. An id already used gets "-1", "-2"….
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var out []byte
	dash := false
	for len(value) > 0 {
		r, n := utf8.DecodeRune(value)
		value = value[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = utf8.AppendRune(out, unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\u3000':
			dash = true
		}
	}
	if len(out) == 0 {
		out = []byte("section")
	}
	id := string(out)
	if s.used[id] {
		for i := 1; ; i++ {
			if c := id + "-" + strconv.Itoa(i); !s.used[c] {
				id = c
				break
			}
		}
	}
	s.used[id] = true
	return []byte(id)
}

// Put marks an id, given explicitly in the Markdown, as used.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

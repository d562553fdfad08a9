package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// formatArg gives, for each function that takes a message format, the
// index of the format among its arguments.
var formatArg = map[string]int{"Errorf": 1, "Warnf": 1, "WithHint": 0, "text": 0, "Phrasef": 0, "errorf": 0}

// TestChineseCoversEveryMessage reads the source of every package under
// generator/ and checks that each message and hint format given to Errorf,
// Warnf, WithHint, Phrasef, the CLI's text and publish's errorf has a
// Chinese translation with the same verbs.
func TestChineseCoversEveryMessage(t *testing.T) {
	formats := map[string]string{} // format -> where
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			// A Problem written as a literal: its Format and Hint (a
			// trial: a warning of the build, in English on a Chinese
			// site, which only calls were looked for).
			if cl, ok := n.(*ast.CompositeLit); ok {
				if sel, ok := cl.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Problem" {
					return true
				}
				for _, e := range cl.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					lit, _ := kv.Value.(*ast.BasicLit)
					if key != nil && (key.Name == "Format" || key.Name == "Hint") && lit != nil && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						formats[s] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			}
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := c.Fun.(type) {
			case *ast.SelectorExpr: // problems.Errorf, e.text
				name = fn.Sel.Name
			case *ast.Ident: // errorf
				name = fn.Name
			default:
				return true
			}
			i, known := formatArg[name]
			if !known || len(c.Args) <= i {
				return true
			}
			if lit, ok := c.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				formats[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(formats) < 50 {
		t.Fatalf("found only %d formats; is the walk broken?", len(formats))
	}
	for f, where := range formats {
		zh, ok := Chinese[f]
		if !ok {
			t.Errorf("%s: no Chinese for %q", where, f)
			continue
		}
		if verbs(zh) != verbs(f) {
			t.Errorf("%s: Chinese for %q has verbs %s, want %s", where, f, verbs(zh), verbs(f))
		}
	}
}

// verbs returns the fmt verbs of a format, sorted by argument, so that
// "%[2]d … %[1]q" matches "%q … %d". Flags, width and precision are
// skipped: "%02d" is a d.
func verbs(f string) string {
	var out []string
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			continue
		}
		i++
		if f[i] == '%' {
			continue
		}
		arg := n
		for i < len(f) && (strings.IndexByte("+-# 0123456789.*", f[i]) >= 0 || f[i] == '[') {
			if f[i] == '[' {
				j := strings.IndexByte(f[i:], ']')
				k, _ := strconv.Atoi(f[i+1 : i+j])
				arg = k - 1
				i += j
			}
			i++
		}
		if i >= len(f) {
			break
		}
		for len(out) <= arg {
			out = append(out, "")
		}
		out[arg] = string(f[i])
		n = arg + 1
	}
	return strings.Join(out, ",")
}

func TestVerbs(t *testing.T) {
	tests := []struct{ format, want string }{
		{"%s: %q", "s,q"},
		{"%[2]s的第 %[1]d 页", "d,s"},
		{"the archive of %d-%02d", "d,d"},
		{"%.1f MB, 100%%", "f"},
		{"did you mean %[1]q? … %[1]q", "q"},
	}
	for _, tt := range tests {
		if got := verbs(tt.format); got != tt.want {
			t.Errorf("verbs(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"herald/generator/build"
)

// TestThemeSource checks which folders are herald's own source, whose
// templates are the default theme itself: go.mod's module line read as Go
// reads it. A review: a go.mod checked out with CRLF line ends, or with a
// comment first, was missed.
func TestThemeSource(t *testing.T) {
	for _, tc := range []struct {
		gomod string // "" for no go.mod
		want  bool
	}{
		{"module herald\n\ngo 1.26\n", true},
		{"module herald\r\n\r\ngo 1.26\r\n", true},
		{"// the generator\nmodule herald\n", true},
		{"module  herald  \n", true},
		{"module heraldx\n", false},
		{"module herald/site\n", false},
		{"module example.org/site\n", false},
		{"", false},
	} {
		dir := t.TempDir()
		if tc.gomod != "" {
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(tc.gomod), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := build.ThemeSource(dir); got != tc.want {
			t.Errorf("go.mod %q: ThemeSource = %v, want %v", tc.gomod, got, tc.want)
		}
	}
}

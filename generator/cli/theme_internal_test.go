package cli

import (
	"errors"
	"io/fs"
	"testing"
)

// TestThemeFile checks the names herald theme takes for a theme file.
func TestThemeFile(t *testing.T) {
	files := []string{"static/css/site.css", "templates/list.html", "templates/partials/footer.html", "templates/partials/list.html"}
	tests := []struct {
		name, want string
		err        error
	}{
		{"templates/partials/footer.html", "templates/partials/footer.html", nil},
		{"partials/footer.html", "templates/partials/footer.html", nil},
		{"footer.html", "templates/partials/footer.html", nil},
		{`partials\footer.html`, "templates/partials/footer.html", nil},
		{"./css/site.css", "static/css/site.css", nil},
		{"list.html", "templates/list.html", nil}, // the path under templates/ first
		{"partials/list.html", "templates/partials/list.html", nil},
		{"site.js", "", fs.ErrNotExist},
	}
	for _, tt := range tests {
		got, err := themeFile(files, tt.name)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("themeFile(%q) = %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.err)
		}
	}
	// A file name two files have, with no path to tell them apart.
	if _, err := themeFile([]string{"static/a/x.svg", "static/b/x.svg"}, "x.svg"); !errors.Is(err, errAmbiguous) {
		t.Errorf("two files named x.svg: %v, want errAmbiguous", err)
	}
}

package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/diag"
)

// TestHeld checks the lines that name the stories a build left out until
// their date: all of them up to maxHeld, then how many more.
func TestHeld(t *testing.T) {
	day := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	stories := func(n int) []build.Held {
		var hs []build.Held
		for i := range n {
			hs = append(hs, build.Held{File: fmt.Sprintf("content/stories/s%02d.md", i), Date: day.AddDate(0, 0, i)})
		}
		return hs
	}
	tests := []struct {
		name    string
		held    []build.Held
		catalog diag.Catalog
		want    []string
	}{
		{"none", nil, nil, nil},
		{"one", stories(1), nil, []string{"  scheduled for 2027-01-15 09:00: content/stories/s00.md"}},
		{"one, in Chinese", stories(1), diag.Chinese, []string{"  定时稿，2027-01-15 09:00 发布：content/stories/s00.md"}},
		{"at midnight: the day alone", []build.Held{{File: "content/stories/m.md", Date: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)}}, nil, []string{"  scheduled for 2027-01-15: content/stories/m.md"}},
		{"as many as named", stories(maxHeld), nil, nil},
		{"more", stories(maxHeld + 3), diag.Chinese, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			e := &env{stdout: &out, catalog: tt.catalog}
			e.held(tt.held)
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if out.Len() == 0 {
				lines = nil
			}
			if tt.want != nil && strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
			named := min(len(tt.held), maxHeld)
			wantLines := named
			if len(tt.held) > maxHeld {
				wantLines++
				if last, want := lines[len(lines)-1], fmt.Sprintf("  另有 %d 篇定时稿", len(tt.held)-maxHeld); last != want {
					t.Errorf("last line %q, want %q", last, want)
				}
			}
			if len(lines) != wantLines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), wantLines, out.String())
			}
			for i := range named {
				if !strings.Contains(lines[i], tt.held[i].File) {
					t.Errorf("line %d %q does not name %s", i, lines[i], tt.held[i].File)
				}
			}
		})
	}
}

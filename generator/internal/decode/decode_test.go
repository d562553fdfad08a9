package decode

import (
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"herald/generator/diag"
)

// TestItems splits the items of a list where a "- " was left out, and
// leaves the others as they are.
func TestItems(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // each item's keys, joined by spaces
		problems   []int    // the lines of the problems
	}{
		{"whole items", "- {name: a, slug: a}\n- name: b\n  slug: b\n", []string{"name slug", "name slug"}, nil},
		{"one left out", "- name: a\n  slug: a\n  name: b\n  slug: b\n", []string{"name slug", "name slug"}, []int{3}},
		{"two left out", "- name: a\n  name: b\n  slug: b\n  name: c\n", []string{"name", "name slug", "name"}, []int{2, 4}},
		{"a key twice, not the first", "- name: a\n  slug: a\n  slug: b\n", []string{"name slug slug"}, nil},
		{"not mappings", "- a\n- [b]\n-\n", []string{"", "", ""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.yaml), &doc); err != nil {
				t.Fatal(err)
			}
			problems := &diag.List{}
			d := &Decoder{File: "site.yaml", Problems: problems}
			var got []string
			for _, item := range d.Items(doc.Content[0], "categories") {
				var keys []string
				if item.Kind == yaml.MappingNode {
					for i := 0; i < len(item.Content); i += 2 {
						keys = append(keys, item.Content[i].Value)
					}
				}
				got = append(got, strings.Join(keys, " "))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("items %q, want %q", got, tc.want)
			}
			var lines []int
			for _, p := range problems.Problems() {
				lines = append(lines, p.Pos.Line)
			}
			if !slices.Equal(lines, tc.problems) {
				t.Errorf("problems at lines %v, want %v", lines, tc.problems)
			}
		})
	}
}

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

// TestNumbers reads numbers in ASCII and in full-width digits, as an input
// method in full-width mode types them; and names a number too large.
func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		in      string
		i       int
		f       float64
		iOK     bool
		fOK     bool
		problem string // Int's, if any
	}{
		{"20", 20, 20, true, true, ""},
		{"２０", 20, 20, true, true, ""},
		{"６．３", 0, 6.3, false, true, "n: expected a whole number, found \"６．３\""},
		{"－１２", -12, -12, true, true, ""},
		{"99999999999999999999", 0, 1e20, false, true, "n: 99999999999999999999 is too large"},
		{"-99999999999999999999", 0, -1e20, false, true, "n: -99999999999999999999 is too small"},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("n: "+tc.in), &doc); err != nil {
			t.Fatal(err)
		}
		v := doc.Content[0].Content[1]
		problems := &diag.List{}
		d := &Decoder{File: "site.yaml", Problems: problems}
		if i, ok := d.Int(v, "n"); i != tc.i || ok != tc.iOK {
			t.Errorf("Int(%q) = %d, %v; want %d, %v", tc.in, i, ok, tc.i, tc.iOK)
		}
		var got string
		if ps := problems.Problems(); len(ps) > 0 {
			got = ps[0].Msg()
		}
		if got != tc.problem {
			t.Errorf("Int(%q): problem %q, want %q", tc.in, got, tc.problem)
		}
		if f, ok := d.Float(v, "n"); f != tc.f || ok != tc.fOK {
			t.Errorf("Float(%q) = %v, %v; want %v, %v", tc.in, f, ok, tc.f, tc.fOK)
		}
	}
}

// TestStringsSpaces: an item's spaces, full-width or several, are one
// ASCII space, so that the same tag typed two ways is one tag.
func TestStringsSpaces(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("tags: [\"5G　网络\", 5G  网络, \"open\u00a0source\"]"), &doc); err != nil {
		t.Fatal(err)
	}
	d := &Decoder{File: "a.md", Problems: &diag.List{}}
	got, ok := d.Strings(doc.Content[0].Content[1], "tags")
	if want := []string{"5G 网络", "5G 网络", "open source"}; !ok || !slices.Equal(got, want) {
		t.Errorf("Strings = %q, %v; want %q", got, ok, want)
	}
}

// TestFirstItemDash finds a list whose first item lacks its "- ", and no
// other.
func TestFirstItemDash(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		at         []int
		fixed      []string
	}{
		{"the first item", "title: 站\ncategories:\n    name: 为民办实事\n    slug: a\n  - name: 服务增效\n", []int{2}, []string{"  - name: 为民办实事"}},
		{"a list at the key's column", "achievements:\n  label: 走访\n  value: 3\n- label: 解决\n", []int{1}, []string{"- label: 走访"}},
		{"whole items", "categories:\n  - name: a\n    slug: a\n  - name: b\n", nil, nil},
		{"a mapping, not a list", "feeds:\n  limit: 20\n  full: true\nbranches:\n  - name: a\n", nil, nil},
		{"text below a key", "description: |\n    a: b\n  - c\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, fixed := FirstItemDash(strings.Split(tc.text, "\n"))
			if !slices.Equal(at, tc.at) || !slices.Equal(fixed, tc.fixed) {
				t.Errorf("FirstItemDash = %v, %q; want %v, %q", at, fixed, tc.at, tc.fixed)
			}
		})
	}
}

package search_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
	"herald/generator/search"
)

// added returns an edit that adds n stories dated date.
func added(date string, n int) func(*testing.T, *testsite.Site) {
	return func(t *testing.T, s *testsite.Site) {
		for i := range n {
			s.WriteFile(t, fmt.Sprintf("content/stories/%s/new-%d.md", date[:7], i), []byte(fmt.Sprintf("---\ntitle: 新的报道之%d\ndate: %s\nbranch: 雷锋街道杉木村党总支\ncategory: 换届选举\ntags: [乡村振兴]\n---\n新的一段话，第 %d 段：村党总支召开会议。\n", i, date, i)))
		}
	}
}

// addedLong returns an edit that adds a story dated date of n characters
// that do not compress: 800 take some 2 kB of a pack, more than a pack of
// TestUpdateIsBuild leaves free.
func addedLong(date string, n int) func(*testing.T, *testsite.Site) {
	return func(t *testing.T, s *testsite.Site) {
		var b strings.Builder
		x := uint32(1)
		for range n {
			x = x*1664525 + 1013904223
			b.WriteRune(rune(0x4e00 + x>>16%0x5000))
		}
		s.WriteFile(t, "content/stories/"+date[:7]+"/long.md", []byte("---\ntitle: 长篇报道\ndate: "+date+"\nbranch: 雷锋街道杉木村党总支\ncategory: 换届选举\n---\n"+b.String()+"\n"))
	}
}

// removed returns an edit that removes the story at path.
func removed(path string) func(*testing.T, *testsite.Site) {
	return func(t *testing.T, s *testsite.Site) {
		if err := os.Remove(s.Path(path)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUpdateIsBuild patches the sample site's index after each edit and
// checks that the result is the index Build makes of the edited site, byte
// for byte, and that it patched exactly when it should.
func TestUpdateIsBuild(t *testing.T) {
	const (
		first  = "content/stories/2021/01/shanmu-election.md"
		second = "content/stories/2024/09/resettlement-handover.md"
		bundle = "content/stories/2024/05/fenglin-red-weekend-market/index.md"
	)
	edit := testsite.Edit
	// Small dictionaries and packs, so that the sample site has many of
	// both, and an edit leaves some untouched.
	opts := search.Options{DictBytes: 300, PackBytes: 8 << 10}
	tests := []struct {
		name      string
		packsKept bool // every pack but the first is kept
		edits     []func(*testing.T, *testsite.Site)
		damage    string      // a file of the previous index whose bytes are changed
		packs     func([]int) // changes the previous manifest's packFirst
		intact    bool        // the prior vouches for its files (Prior.Intact)
		patched   bool
	}{
		{name: "nothing changed", patched: true},
		{name: "a sentence added", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "选举大会（第十一届）暨区块链试点")}, patched: true},
		{name: "a title", edits: []func(*testing.T, *testsite.Site){edit(first, "严把换届", "严格把好换届")}, patched: true},
		{name: "tags", edits: []func(*testing.T, *testsite.Site){edit(first, "tags: [换届选举, 党建引领]", "tags: [换届选举, 乡村振兴]")}, patched: true},
		// A review: authors are searched, and an edit of them alone left
		// the old names in the index.
		{name: "authors", edits: []func(*testing.T, *testsite.Site){edit(first, "authors: [谭雅文, 黎梦洁]", "authors: [宋佳怡]")}, patched: true},
		{name: "a body emptied", edits: []func(*testing.T, *testsite.Site){func(t *testing.T, s *testsite.Site) {
			text := s.Read(t, second)
			end := strings.Index(text[3:], "---") + 6
			s.WriteFile(t, second, []byte(text[:end]+"\n仅此一句。\n"))
		}}, patched: true},
		{name: "two stories", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会"), edit(bundle, "title: ", "title: 新版 ")}, patched: true},
		{name: "a date that reorders", edits: []func(*testing.T, *testsite.Site){edit(first, "date: 2021-01-22", "date: 2021-06-30")}, patched: true},
		{name: "a sentence added, the files vouched for", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "选举大会（第十一届）暨区块链试点")}, intact: true, patched: true},
		{name: "a title, the files vouched for", edits: []func(*testing.T, *testsite.Site){edit(first, "严把换届", "严格把好换届")}, intact: true, patched: true},
		{name: "a damaged pack, the others vouched for", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会")}, damage: "pack 1", intact: true},
		// A story added or removed renumbers the others: every posting
		// list is written again from the old ones, without indexing the
		// other stories again. Before, the index was built afresh.
		{name: "a story added", edits: []func(*testing.T, *testsite.Site){added("2026-11-02", 1)}, patched: true},
		{name: "a story removed", edits: []func(*testing.T, *testsite.Site){removed(second)}, patched: true},
		{name: "two stories added and one removed", edits: []func(*testing.T, *testsite.Site){added("2026-11-02", 2), removed(second)}, patched: true},
		// The oldest story: the newer ones keep their numbers, and the
		// packs that hold only them are kept.
		{name: "an old story added, the files vouched for", edits: []func(*testing.T, *testsite.Site){added("2020-05-04", 1)}, intact: true, patched: true},
		// Packs are cut by the stories they hold: those after the new
		// story's are kept, though every story after it moved.
		{name: "a story added, the files vouched for", edits: []func(*testing.T, *testsite.Site){addedLong("2026-11-27", 800)}, intact: true, patched: true, packsKept: true},
		// As many stories as before, every one at a new number: the
		// stories are matched by key (a review).
		{name: "a story added and the oldest removed", edits: []func(*testing.T, *testsite.Site){added("2026-11-02", 1), removed(first)}, patched: true},
		{name: "a story added in the middle", edits: []func(*testing.T, *testsite.Site){added("2023-06-15", 1)}, patched: true},
		{name: "more stories added than a patch takes", edits: []func(*testing.T, *testsite.Site){added("2026-11-02", 17)}},
		{name: "a damaged pack", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会")}, damage: "pack 1"},
		{name: "a damaged dictionary", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会")}, damage: "search/s/00."},
		// Issue: a pack starting past the last story indexed out of range.
		{name: "packs past the stories", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会")}, packs: func(p []int) { p[len(p)-1] = 900 }},
		{name: "packs out of order", edits: []func(*testing.T, *testsite.Site){edit(first, "选举大会", "换届大会")}, packs: func(p []int) { p[1], p[2] = p[2], p[1] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Copy(t, testsite.Root(t), "site.yaml", "content")
			before, err := search.Build(load(t, s), opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tt.edits {
				e(t, s)
			}
			files := maps.Clone(before.Files)
			if strings.HasPrefix(tt.damage, "pack ") {
				// The packs are named by their bytes alone: the
				// manifest tells which is which.
				var m search.Manifest
				if err := json.Unmarshal(files[search.ManifestPath], &m); err != nil {
					t.Fatal(err)
				}
				var p int
				fmt.Sscan(strings.TrimPrefix(tt.damage, "pack "), &p)
				if p >= len(m.Packs) {
					t.Fatalf("%d packs: no pack %d to damage", len(m.Packs), p)
				}
				tt.damage = search.Dir + "/" + m.Packs[p]
			}
			if tt.damage != "" {
				damaged := false
				for p, data := range files {
					if strings.HasPrefix(p, tt.damage) {
						data = slices.Clone(data)
						data[len(data)/2] ^= 1
						files[p], damaged = data, true
					}
				}
				if !damaged {
					t.Fatalf("the index has no %s*", tt.damage)
				}
			}
			if tt.packs != nil {
				var m map[string]any
				if err := json.Unmarshal(files[search.ManifestPath], &m); err != nil {
					t.Fatal(err)
				}
				var first []int
				for _, f := range m["packFirst"].([]any) {
					first = append(first, int(f.(float64)))
				}
				if len(first) < 3 {
					t.Fatalf("packFirst %v: too few packs to test", first)
				}
				tt.packs(first)
				m["packFirst"] = first
				data, err := json.Marshal(m)
				if err != nil {
					t.Fatal(err)
				}
				files[search.ManifestPath] = data
			}
			prior := &search.Prior{Keys: before.Keys, Read: func(p string) ([]byte, error) {
				if data, ok := files[p]; ok {
					return data, nil
				}
				return nil, fmt.Errorf("%s: no such file", p)
			}}
			if tt.intact {
				// As an output's manifest vouches for the files it lists,
				// but for one edited by hand to another size.
				prior.Intact = func(p string) bool { return bytes.Equal(files[p], before.Files[p]) }
			}
			got, err := search.Update(load(t, s), prior, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Kept) > 0 != (tt.intact && tt.patched) {
				t.Errorf("kept %d files of the previous index", len(got.Kept))
			}
			for _, p := range got.Kept {
				if _, ok := got.Files[p]; ok {
					t.Errorf("%s is both kept and in Files", p)
				}
				data, err := got.ReadKept(p)
				if err != nil {
					t.Fatal(err)
				}
				got.Files[p] = data
			}
			want, err := search.Build(load(t, s), opts)
			if err != nil {
				t.Fatal(err)
			}
			if tt.packsKept {
				var m search.Manifest
				if err := json.Unmarshal(got.Files[search.ManifestPath], &m); err != nil {
					t.Fatal(err)
				}
				for _, p := range m.Packs[1:] {
					if !slices.Contains(got.Kept, search.Dir+"/"+p) {
						t.Errorf("%s of %d packs was written again", p, len(m.Packs))
					}
				}
			}
			if got.Patched != tt.patched {
				t.Errorf("patched = %v, want %v", got.Patched, tt.patched)
			}
			for _, p := range slices.Sorted(maps.Keys(want.Files)) {
				if !bytes.Equal(got.Files[p], want.Files[p]) {
					t.Errorf("%s differs from Build's", p)
				}
			}
			for p := range got.Files {
				if _, ok := want.Files[p]; !ok {
					t.Errorf("%s is not in Build's index", p)
				}
			}
			if !slices.Equal(got.Keys, want.Keys) {
				t.Error("the keys differ from Build's")
			}
			if tt.name != "nothing changed" && maps.EqualFunc(before.Files, want.Files, bytes.Equal) {
				t.Error("the edit changed nothing in the index: the case tests nothing")
			}
		})
	}
}

package build_test

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
	"herald/generator/search"
)

// TestLoadPriorIndex checks that a Load given the search index of an
// earlier one (herald serve, after a save) patches it, and gives the
// index Build makes, byte for byte. Before, the preview indexed every
// story again after each save it was searched after.
func TestLoadPriorIndex(t *testing.T) {
	s := fixture(t)
	opts := s.Options(testsite.Theme(t))
	load := func(prior *search.Index) *build.Loaded {
		t.Helper()
		o := opts
		o.PriorIndex = prior
		l, err := build.Load(context.Background(), o)
		if err != nil || l.Problems.Err() != nil {
			t.Fatal(err, l.Problems.Err())
		}
		return l
	}
	first := load(nil)
	if first.SearchBuilt() != nil {
		t.Fatal("SearchBuilt gave an index Search had not built")
	}
	if _, err := first.Search(); err != nil {
		t.Fatal(err)
	}
	prior := first.SearchBuilt()
	if prior == nil {
		t.Fatal("SearchBuilt gave nothing once Search had built the index")
	}
	for _, change := range []func(*testing.T, *testsite.Site){
		testsite.Edit("content/stories/2024/01/veterans.md", "帮助其中 3 人", "帮助其中 4 人"),
		func(t *testing.T, s *testsite.Site) {
			s.WriteFile(t, "content/stories/2025/03/new.md", newStory("2025-03-20", ""))
		},
	} {
		change(t, s)
		l := load(prior)
		got, err := l.Search()
		if err != nil {
			t.Fatal(err)
		}
		if !got.Patched {
			t.Error("the index was built afresh")
		}
		want, err := search.Build(l.Site, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range slices.Sorted(maps.Keys(want.Files)) {
			if !bytes.Equal(got.Files[p], want.Files[p]) {
				t.Errorf("%s differs from Build's", p)
			}
		}
		if len(got.Files) != len(want.Files) {
			t.Errorf("%d files, Build's %d", len(got.Files), len(want.Files))
		}
		prior = got
	}
}

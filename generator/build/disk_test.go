package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// TestCache builds the fixture with the cache herald build keeps, changes
// the site or the cache, and builds again: each build must give the bytes
// of a build without a cache, parsing and converting only what it must.
func TestCache(t *testing.T) {
	const (
		docs     = 7 // content files of the fixture without problems
		converts = 5 // those published: the draft and the scheduled story are not converted
		veterans = "content/stories/2024/01/veterans.md"
	)
	cacheFile := func(s *testsite.Site) string {
		entries, err := os.ReadDir(s.Path(build.CacheDir))
		if err != nil || len(entries) != 1 {
			t.Fatalf("the cache folder holds %v (%v), want one file", entries, err)
		}
		return s.Path(build.CacheDir + "/" + entries[0].Name())
	}
	for _, tc := range []struct {
		name              string
		change            func(*testing.T, *testsite.Site)
		full              bool
		parsed, converted int
	}{
		{name: "nothing"},
		{
			// A fresh clone: every file has a new time, and the same bytes.
			name: "the times of every file",
			change: func(t *testing.T, s *testsite.Site) {
				later := time.Now().Add(time.Hour)
				filepath.WalkDir(s.Path("content"), func(p string, _ os.DirEntry, err error) error {
					if err != nil {
						return err
					}
					return os.Chtimes(p, later, later)
				})
			},
		},
		{
			name: "a story",
			change: func(t *testing.T, s *testsite.Site) {
				s.WriteFile(t, veterans, []byte(strings.Replace(s.Read(t, veterans), "帮助其中 3 人", "帮助其中 4 人", 1)))
			},
			parsed: 1, converted: 1,
		},
		{
			// Dates depend on the zone; converted Markdown does not.
			name: "the time zone",
			change: func(t *testing.T, s *testsite.Site) {
				s.WriteFile(t, "site.yaml", []byte(strings.Replace(s.Read(t, "site.yaml"), "timezone: Asia/Shanghai", "timezone: Asia/Urumqi", 1)))
			},
			parsed: docs,
		},
		{name: "nothing, with --full", full: true, parsed: docs, converted: converts},
		{
			name: "the cache, cut in half",
			change: func(t *testing.T, s *testsite.Site) {
				p := cacheFile(s)
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
					t.Fatal(err)
				}
			},
			parsed: docs, converted: converts,
		},
		{
			name: "the cache, replaced by other bytes",
			change: func(t *testing.T, s *testsite.Site) {
				if err := os.WriteFile(cacheFile(s), bytes.Repeat([]byte("不是缓存"), 1000), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			parsed: docs, converted: converts,
		},
		{
			name: "the cache, removed",
			change: func(t *testing.T, s *testsite.Site) {
				if err := os.RemoveAll(s.Path(".herald")); err != nil {
					t.Fatal(err)
				}
			},
			parsed: docs, converted: converts,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
			res := buildSite(t, s, cached)
			if res.Stats.Parsed != docs || res.Stats.Converted != converts {
				t.Fatalf("the first build parsed %d and converted %d, want %d and %d", res.Stats.Parsed, res.Stats.Converted, docs, converts)
			}
			cacheFile(s)
			if tc.change != nil {
				tc.change(t, s)
			}
			res = buildSite(t, s, func(o *build.Options) { cached(o); o.Full = tc.full })
			if res.Stats.Parsed != tc.parsed || res.Stats.Converted != tc.converted {
				t.Errorf("parsed %d and converted %d, want %d and %d", res.Stats.Parsed, res.Stats.Converted, tc.parsed, tc.converted)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			buildSite(t, s, func(o *build.Options) { o.Out, o.Full = s.Path("public-full"), true })
			got, want := s.Tree(t, "public"), s.Tree(t, "public-full")
			for _, p := range sortedKeys(got, want) {
				if !bytes.Equal(got[p], want[p]) {
					t.Errorf("%s differs from a build without a cache", p)
				}
			}
			// Whatever the cache was, the build leaves one that serves.
			res = buildSite(t, s, cached)
			if tc.change != nil && tc.parsed == docs && res.Stats.Parsed != 0 {
				t.Errorf("the build after parsed %d, want 0: the cache was not saved again", res.Stats.Parsed)
			}
		})
	}
}

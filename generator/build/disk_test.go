package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/internal/sysfile"
	"herald/generator/internal/testsite"
)

// TestCache builds the fixture with the cache herald build keeps, changes
// the site or the cache, and builds again: each build must give the bytes
// of a build without a cache, parsing and converting only what it must.
func TestCache(t *testing.T) {
	// The build into a new folder below indexes every story: past the
	// first text, read alone, it reads them all at once.
	defer build.SetTextsAtOnce(1)()
	const (
		docs     = 7 // content files of the fixture without problems
		converts = 7 // all of them: the draft and the scheduled story too, for the files they use
		veterans = "content/stories/2024/01/veterans.md"
	)
	cacheFile := func(s *testsite.Site) string {
		p := s.Path(build.CacheDir + "/build.cache")
		if !s.Exists(build.CacheDir + "/build.cache") {
			entries, err := os.ReadDir(s.Path(build.CacheDir))
			t.Fatalf("the cache folder holds %v (%v), no build.cache", entries, err)
		}
		return p
	}
	// rewrite replaces the bytes of the cache with change's.
	rewrite := func(t *testing.T, s *testsite.Site, change func([]byte) []byte) {
		p := cacheFile(s)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, change(data), 0o644); err != nil {
			t.Fatal(err)
		}
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
				rewrite(t, s, func(data []byte) []byte { return data[:len(data)/2] })
			},
			parsed: docs, converted: converts,
		},
		{
			// Issue: the cache trusted the file's size and time, which a
			// copy or an archive keeps through an edit.
			name: "a story, to the same size and time",
			change: func(t *testing.T, s *testsite.Site) {
				info, err := os.Stat(s.Path(veterans))
				if err != nil {
					t.Fatal(err)
				}
				s.WriteFile(t, veterans, []byte(strings.Replace(s.Read(t, veterans), "帮助其中 3 人", "帮助其中 5 人", 1)))
				if err := os.Chtimes(s.Path(veterans), info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
			},
			parsed: 1, converted: 1,
		},
		{
			// Issue: a changed byte in a story's text was taken as is.
			// The records follow the texts: this is the story's summary.
			name: "a byte of the cache",
			change: func(t *testing.T, s *testsite.Site) {
				rewrite(t, s, func(data []byte) []byte {
					i := bytes.LastIndex(data, []byte("帮助其中"))
					if i < 0 || bytes.Count(data, []byte("帮助其中")) < 2 {
						t.Fatal("the cache does not hold the story's summary after its text")
					}
					copy(data[i:], "帮助其他")
					return data
				})
			},
			parsed: docs, converted: converts,
		},
		{
			// The texts come before the records, each checked by its own
			// hash when a build reads it: this one is converted again.
			name: "a byte of a text in the cache",
			change: func(t *testing.T, s *testsite.Site) {
				rewrite(t, s, func(data []byte) []byte {
					i := bytes.Index(data, []byte("帮助其中"))
					if i < 0 {
						t.Fatal("the cache does not hold the story's text")
					}
					copy(data[i:], "帮助其他")
					return data
				})
			},
		},
		{
			name: "the cache, replaced by other bytes",
			change: func(t *testing.T, s *testsite.Site) {
				rewrite(t, s, func([]byte) []byte { return bytes.Repeat([]byte("不是缓存"), 1000) })
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
			sameTrees(t, s, "public", "public-full")
			// Every page rendered from what the cache holds now.
			buildSite(t, s, func(o *build.Options) { cached(o); o.Out = s.Path("public-cached") })
			sameTrees(t, s, "public-cached", "public-full")
			// Whatever the cache was, the build leaves one that serves.
			res = buildSite(t, s, cached)
			if tc.change != nil && tc.parsed == docs && res.Stats.Parsed != 0 {
				t.Errorf("the build after parsed %d, want 0: the cache was not saved again", res.Stats.Parsed)
			}
			// And no file a build wrote its texts to but did not save.
			entries, err := os.ReadDir(s.Path(build.CacheDir))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "build.cache" && e.Name() != "search.keys" {
					t.Errorf("the cache folder holds %s", e.Name())
				}
			}
		})
	}
}

// sameTrees reports the files that differ between two folders of s.
func sameTrees(t *testing.T, s *testsite.Site, a, b string) {
	t.Helper()
	got, want := s.Tree(t, a), s.Tree(t, b)
	for _, p := range sortedKeys(got, want) {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s: %s differs from %s:\n%.300s\nwant\n%.300s", p, a, b, got[p], want[p])
		}
	}
}

// TestCacheDates renders dates with their zones' names from the cache.
// Issue: a saved time keeps only its offset, and a page showed "+0800"
// where a build without the cache showed "CST".
func TestCacheDates(t *testing.T) {
	s := fixture(t)
	s.WriteFile(t, "templates/story.html", []byte(`{{define "main"}}<p>{{.Story.Date.Format "2006-01-02 15:04 MST -0700"}}</p>{{end}}`))
	s.WriteFile(t, "content/stories/2024/02/offset.md", []byte("---\ntitle: 时区\ndate: 2024-02-03T10:00:00+05:00\nbranch: fenglin\ncategory: grassroots\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2024/02/utc.md", []byte("---\ntitle: 世界时\ndate: 2024-02-04T10:00:00Z\nbranch: fenglin\ncategory: grassroots\n---\n\n正文。\n"))
	cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
	buildSite(t, s, cached)
	s.Contains(t, "public/stories/2024/01/退役军人帮扶/index.html", "CST &#43;0800")
	res := buildSite(t, s, func(o *build.Options) { cached(o); o.Out = s.Path("public-cached") })
	if res.Stats.Parsed != 0 {
		t.Fatalf("parsed %d docs, want all from the cache", res.Stats.Parsed)
	}
	sameTrees(t, s, "public-cached", "public")
}

// TestCacheParams checks that stories with keys herald does not know,
// which the cache leaves out, do not make every build save it again.
func TestCacheParams(t *testing.T) {
	s := fixture(t)
	stories := []string{"content/stories/2023/12/5g-alliance.md", "content/stories/2024/01/veterans.md", "content/stories/2024/02/achievements.md", "content/stories/2024/03/market/index.md"}
	for _, p := range stories {
		s.WriteFile(t, p, []byte(strings.Replace(s.Read(t, p), "title:", "editor: 张三\ntitle:", 1)))
	}
	cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
	buildSite(t, s, cached)
	p := s.Path(build.CacheDir + "/build.cache")
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	res := buildSite(t, s, cached)
	if res.Stats.Parsed != len(stories) || res.Stats.Converted != 0 {
		t.Errorf("parsed %d and converted %d, want %d (the stories with an unknown key) and 0", res.Stats.Parsed, res.Stats.Converted, len(stories))
	}
	if info, err := os.Stat(p); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("the build saved the cache again (%v)", err)
	}
}

// TestCallersCache checks that a build given a Cache of its caller's (the
// dev server keeps one) keeps it whole, whatever CacheDir says. Issue: the
// build saved it and then emptied it.
func TestCallersCache(t *testing.T) {
	s := fixture(t)
	c := build.NewCache()
	with := func(o *build.Options) { o.Cache, o.CacheDir = c, s.Path(build.CacheDir) }
	buildSite(t, s, with)
	res := buildSite(t, s, with)
	if res.Stats.Parsed != 0 || res.Stats.Converted != 0 {
		t.Errorf("the second build parsed %d and converted %d, want 0 and 0: the cache was emptied", res.Stats.Parsed, res.Stats.Converted)
	}
	if s.Exists(build.CacheDir) {
		t.Error("the build saved its caller's cache")
	}
}

// TestSearchPatch edits a story between builds with the cache: the build
// patches the search index of the output instead of building it afresh,
// unless what it would patch from is not what the previous build left,
// and the output is the same either way.
func TestSearchPatch(t *testing.T) {
	const veterans = "content/stories/2024/01/veterans.md"
	damage := func(rel string) func(*testing.T, *testsite.Site) {
		return func(t *testing.T, s *testsite.Site) {
			matches, err := filepath.Glob(s.Path(rel))
			if err != nil || len(matches) == 0 {
				t.Fatalf("no %s: %v", rel, err)
			}
			data, err := os.ReadFile(matches[0])
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)/2] ^= 1
			if err := os.WriteFile(matches[0], data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name    string
		change  func(*testing.T, *testsite.Site)
		full    bool
		patched bool
		afresh  bool // the output is written afresh, not updated
	}{
		{name: "a story", patched: true},
		{name: "and --full", full: true, afresh: true},
		{
			// A file added by hand where the new tag's folder goes: the
			// output is written afresh, with the search files the patch
			// kept read from the previous one.
			name: "and a file in the way of a new tag's folder", patched: true, afresh: true,
			change: func(t *testing.T, s *testsite.Site) {
				s.WriteFile(t, veterans, []byte(strings.Replace(s.Read(t, veterans), "tags: [退役军人, 乡村振兴, 创业]", "tags: [退役军人, 乡村振兴, 创业, 网格治理]", 1)))
				s.WriteFile(t, "public/tags/网格治理", []byte("手工放入的文件"))
			},
		},
		{name: "the keys, damaged", change: damage(build.CacheDir + "/search.keys")},
		{name: "the keys, removed", change: func(t *testing.T, s *testsite.Site) { os.Remove(s.Path(build.CacheDir + "/search.keys")) }},
		{name: "a story pack, edited by hand", change: damage("public/search/t/*.bin")},
		{
			// Issue: the patch let the stories' texts go before it found
			// a damaged file; the index built afresh then held stories
			// without their texts (those converted by this build, with
			// no cache to read them from again).
			name: "the cache removed, and the postings edited by hand",
			change: func(t *testing.T, s *testsite.Site) {
				if err := os.Remove(s.Path(build.CacheDir + "/build.cache")); err != nil {
					t.Fatal(err)
				}
				postings, err := filepath.Glob(s.Path("public/search/p/*.bin"))
				if err != nil || len(postings) == 0 {
					t.Fatalf("no postings files: %v", err)
				}
				for _, p := range postings {
					damage("public/search/p/"+filepath.Base(p))(t, s)
				}
			},
		},
		{name: "the manifest, edited by hand", change: func(t *testing.T, s *testsite.Site) {
			s.WriteFile(t, "public/search/index.json", []byte(strings.Replace(s.Read(t, "public/search/index.json"), `"version":2`, `"version":2 `, 1)))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
			if res := buildSite(t, s, cached); res.Stats.Patched {
				t.Error("the first build patched an index")
			}
			s.WriteFile(t, veterans, []byte(strings.Replace(s.Read(t, veterans), "帮助其中 3 人", "帮助其中 4 名退役军人", 1)))
			if tc.change != nil {
				tc.change(t, s)
			}
			folder := stat(t, s.Path("public"))
			res := buildSite(t, s, func(o *build.Options) { cached(o); o.Full = tc.full })
			if afresh := !os.SameFile(folder, stat(t, s.Path("public"))); afresh != tc.afresh {
				t.Errorf("wrote %d of %d files, output folder replaced: %v, want %v", res.Stats.Written, res.Stats.Files, afresh, tc.afresh)
			}
			if res.Stats.Patched != tc.patched {
				t.Errorf("patched = %v, want %v", res.Stats.Patched, tc.patched)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			buildSite(t, s, func(o *build.Options) { o.Out, o.Full = s.Path("public-full"), true })
			sameTrees(t, s, "public", "public-full")
		})
	}
}

// stat returns the information of the file at p.
func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestSearchPatchKeeps edits a story of the sample site, whose index has
// many shards: the patch keeps the postings files of the shards the edit
// does not touch without reading them. When the output is then written
// afresh (a file added by hand stands where the edit's new tag needs a
// folder), those files are read from the previous output.
func TestSearchPatchKeeps(t *testing.T) {
	const story = "content/stories/2021/01/shanmu-election.md"
	for _, tc := range []struct {
		name   string
		tag    bool // the edit adds a tag, whose folder a file stands in the way of
		afresh bool
	}{
		{name: "updated in place"},
		{name: "written afresh", tag: true, afresh: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sample(t)
			cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
			buildSite(t, s, cached)
			text := strings.Replace(s.Read(t, story), "选举大会", "选举大会暨网格议事会", 1)
			if tc.tag {
				text = strings.Replace(text, "tags: [换届选举, 党建引领]", "tags: [换届选举, 党建引领, 网格议事]", 1)
				s.WriteFile(t, "public/tags/网格议事", []byte("手工放入的文件"))
			}
			s.WriteFile(t, story, []byte(text))
			folder := stat(t, s.Path("public"))
			res := buildSite(t, s, cached)
			if !res.Stats.Patched {
				t.Error("the search index was not patched")
			}
			if afresh := !os.SameFile(folder, stat(t, s.Path("public"))); afresh != tc.afresh {
				t.Errorf("wrote %d of %d files, output folder replaced: %v, want %v", res.Stats.Written, res.Stats.Files, afresh, tc.afresh)
			}
			buildSite(t, s, func(o *build.Options) { o.Out, o.Full = s.Path("public-full"), true })
			sameTrees(t, s, "public", "public-full")
		})
	}
}

// TestCacheUnwritable builds with a cache folder that cannot be made: the
// texts the build meant to write there stay in memory, the site is built
// as without a cache, and a warning says why the cache is not saved.
func TestCacheUnwritable(t *testing.T) {
	s := fixture(t)
	s.WriteFile(t, ".herald", []byte("a file where the cache's folder would be"))
	res := buildSite(t, s, func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) })
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w.Error(), "cannot save the build cache: mkdir")
	}
	if !warned {
		t.Errorf("warnings: %v, want one that says why the cache is not saved", res.Warnings)
	}
	buildSite(t, s, func(o *build.Options) { o.Out = s.Path("public-uncached") })
	sameTrees(t, s, "public", "public-uncached")
}

// TestCacheStamps checks that the stamps of the files a build read are
// saved with the cache, so that the next build reads only the files whose
// stamps changed, an edit to the same size and time included.
func TestCacheStamps(t *testing.T) {
	t.Parallel() // it waits for the files' stamps to be old enough to keep
	s := fixture(t)
	if !sysfile.ChangeTimes(s.Path("content")) {
		t.Skipf("the file system of %s keeps no change times: stamps are not trusted there", s.Path("content"))
	}
	const (
		docs     = 7
		veterans = "content/stories/2024/01/veterans.md"
	)
	// A build keeps no stamp of a file changed less than two seconds
	// before it started: the kernel's clock for file times is coarse.
	time.Sleep(2100 * time.Millisecond)
	cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
	for _, step := range []struct {
		name                    string
		change                  func(t *testing.T)
		read, parsed, converted int
	}{
		{name: "the first build", read: docs, parsed: docs, converted: docs},
		{name: "nothing"},
		{
			name: "a story, to the same size and time",
			change: func(t *testing.T) {
				info, err := os.Stat(s.Path(veterans))
				if err != nil {
					t.Fatal(err)
				}
				time.Sleep(30 * time.Millisecond) // a tick of the kernel's clock
				s.WriteFile(t, veterans, []byte(strings.Replace(s.Read(t, veterans), "帮助其中 3 人", "帮助其中 5 人", 1)))
				if err := os.Chtimes(s.Path(veterans), info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
			},
			read: 1, parsed: 1, converted: 1,
		},
		{
			// Every stamp new, as in a fresh clone, and the same bytes:
			// the cache is not saved again for new stamps alone.
			name: "the times of every file",
			change: func(t *testing.T) {
				later := time.Now().Add(time.Hour)
				filepath.WalkDir(s.Path("content"), func(p string, _ os.DirEntry, err error) error {
					if err != nil {
						return err
					}
					return os.Chtimes(p, later, later)
				})
			},
			read: docs, parsed: 1, converted: 1, // the edited story, not saved
		},
	} {
		if step.change != nil {
			step.change(t)
		}
		res := buildSite(t, s, cached)
		if st := res.Stats; st.Read != step.read || st.Parsed != step.parsed || st.Converted != step.converted {
			t.Errorf("%s: read %d, parsed %d and converted %d; want %d, %d and %d", step.name, st.Read, st.Parsed, st.Converted, step.read, step.parsed, step.converted)
		}
	}
	s.Contains(t, "public/stories/2024/01/退役军人帮扶/index.html", "帮助其中 5 人")
	buildSite(t, s, func(o *build.Options) { o.Out, o.Full = s.Path("public-full"), true })
	sameTrees(t, s, "public", "public-full")
}

// TestCacheFirstStamps builds right after the stories were written, too
// soon to trust their stamps, as a build right after a clone does; the
// next build, later, reads them all, and saves their stamps, so that the
// one after reads none. (Issue: the first stamps were never saved, and
// every later build read every story again: at 10,000 stories, 10,000
// files and 0.1 s of each update.)
func TestCacheFirstStamps(t *testing.T) {
	t.Parallel() // it waits for the files' stamps to be old enough to keep
	s := fixture(t)
	if !sysfile.ChangeTimes(s.Path("content")) {
		t.Skipf("the file system of %s keeps no change times: stamps are not trusted there", s.Path("content"))
	}
	const docs = 7
	cached := func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) }
	for _, step := range []struct {
		name         string
		wait         bool
		read, parsed int
	}{
		{name: "right after the files were written", read: docs, parsed: docs},
		{name: "two seconds later", wait: true, read: docs},
		{name: "then"},
	} {
		if step.wait {
			time.Sleep(2100 * time.Millisecond)
		}
		res := buildSite(t, s, cached)
		if st := res.Stats; st.Read != step.read || st.Parsed != step.parsed {
			t.Errorf("%s: read %d and parsed %d; want %d and %d", step.name, st.Read, st.Parsed, step.read, step.parsed)
		}
	}
}

// TestCacheOldFile checks that a save removes the cache's file of the
// versions of herald that wrote its records with gob.
func TestCacheOldFile(t *testing.T) {
	s := fixture(t)
	s.WriteFile(t, build.CacheDir+"/build.gob", []byte("a cache of an older herald"))
	buildSite(t, s, func(o *build.Options) { o.CacheDir = s.Path(build.CacheDir) })
	if s.Exists(build.CacheDir + "/build.gob") {
		t.Error("build.gob is still there")
	}
	if !s.Exists(build.CacheDir + "/build.cache") {
		t.Error("no build.cache")
	}
}

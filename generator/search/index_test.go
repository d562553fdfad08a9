package search_test

import (
	"bytes"
	"context"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
	"herald/generator/search"
	"herald/generator/site"
)

const fixture = `
-- site.yaml --
title: 搜索测试
baseURL: https://example.org/news/
categories:
  - {name: 为民办实事, slug: deeds}
  - {name: 基层治理, slug: governance}
branches:
  - {name: 机关第八支部（社会事业局）, slug: organ-08}
  - {name: 荷花塘社区党委, slug: hehuatang}
-- content/stories/a.md --
---
title: 机关第八支部开设退役军人援助项目
date: 2024-03-01
branch: 机关第八支部（社会事业局）
category: 为民办实事
tags: [退役军人]
---
支部为困难退役
军人送去援助金。
-- content/stories/b.md --
---
title: 荷花塘社区开展志愿服务
date: 2024-02-01
branch: 荷花塘社区党委
category: 基层治理
tags: [志愿服务]
---
社区组织退役军人志愿服务队，为居民办实事。5G 网络进社区。
-- content/stories/c.md --
---
title: 社区议事会
date: 2023-05-01
branch: 荷花塘社区党委
category: 基层治理
---
退役老兵和服役军人的家属一起商量加装电梯。
-- content/stories/d.md --
---
title: 营商环境再优化
date: 2022-01-01
branch: 机关第八支部（社会事业局）
category: 为民办实事
---
优化营商环境，服务企业。
`

func load(t *testing.T, s *testsite.Site) *site.Site {
	t.Helper()
	l, err := build.Load(context.Background(), s.Options(testsite.Theme(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	return l.Site
}

func titles(hits []search.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Detail.Title)
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	s := load(t, testsite.Write(t, fixture))
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		f    search.Filter
		want []string
	}{
		// Exact phrase first (a: in its title; b: in its body, joined across
		// a soft break in a), then the stories holding the tokens apart (c).
		{"退役军人", search.Filter{}, []string{"机关第八支部开设退役军人援助项目", "荷花塘社区开展志愿服务", "社区议事会"}},
		{"困难退役军人", search.Filter{}, []string{"机关第八支部开设退役军人援助项目"}},
		{"社区", search.Filter{}, []string{"荷花塘社区开展志愿服务", "社区议事会"}},
		{"营商环境", search.Filter{}, []string{"营商环境再优化"}},
		{"５Ｇ", search.Filter{}, []string{"荷花塘社区开展志愿服务"}},
		// The category 为民办实事 holds the phrase too, and ranks first.
		{"办实事", search.Filter{}, []string{"机关第八支部开设退役军人援助项目", "营商环境再优化", "荷花塘社区开展志愿服务"}},
		{"荷花塘社区党委", search.Filter{}, []string{"荷花塘社区开展志愿服务", "社区议事会"}},
		{"退役军人", search.Filter{Branch: "荷花塘社区党委"}, []string{"荷花塘社区开展志愿服务", "社区议事会"}},
		{"退役军人", search.Filter{Year: 2024, Category: "基层治理"}, []string{"荷花塘社区开展志愿服务"}},
		{"不存在的词", search.Filter{}, nil},
	}
	for _, tt := range tests {
		hits, _, err := r.Search(tt.q, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(hits); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, %+v) = %q, want %q", tt.q, tt.f, got, tt.want)
		}
	}
	hits, counts, _ := r.Search("退役军人", search.Filter{})
	if !hits[0].Exact || !hits[0].Meta || !hits[1].Exact || hits[1].Meta || hits[2].Exact {
		t.Errorf("exact and meta flags: %+v", hits)
	}
	if want := map[string]int{"为民办实事": 1, "基层治理": 2}; !maps.Equal(counts.Categories, want) {
		t.Errorf("category counts = %v, want %v", counts.Categories, want)
	}
	if want := map[int]int{2024: 2, 2023: 1}; !maps.Equal(counts.Years, want) {
		t.Errorf("year counts = %v, want %v", counts.Years, want)
	}
	if hits[0].Detail.URL != "/news/stories/a/" || hits[0].Detail.Date != "2024-03-01" {
		t.Errorf("detail = %+v", hits[0].Detail)
	}
}

func TestIndexIsDeterministic(t *testing.T) {
	s := load(t, testsite.Copy(t, testsite.Root(t), "site.yaml", "content"))
	a, err := search.Build(s, search.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := search.Build(s, search.Options{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Error("the index differs with 1 and 8 workers")
	}
	for p := range a.Files {
		if p != search.ManifestPath && !regexp.MustCompile(`\.[0-9a-f]{10}\.bin$`).MatchString(p) {
			t.Errorf("%s is not named by its hash", p)
		}
	}
}

// TestRecall10k builds the index of the 10,000-story benchmark corpus and
// checks that any Chinese substring of a story's body finds that story.
// The truth is a plain substring scan of each story's Markdown, with soft
// line breaks joined.
func TestRecall10k(t *testing.T) {
	gen := filepath.Join(testsite.Root(t), "..", "shared", "bench", "gencorpus")
	if _, err := os.Stat(filepath.Join(gen, "main.go")); err != nil {
		testsite.Missing(t, "the benchmark corpus generator ../shared/bench/gencorpus")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", ".", "-n", "10000", "-seed", "1", "-out", dir)
	cmd.Dir = gen
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	s := load(t, &testsite.Site{Dir: dir})
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	bodies := make([]string, len(s.Stories))
	for i, st := range s.Stories {
		bodies[i] = joinSoftBreaks(string(st.Doc.Body))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	han := regexp.MustCompile(`\p{Han}{6,}`)
	queries, misses, found, exact := 0, 0, 0, 0
	for queries < 40 {
		runs := han.FindAllString(bodies[rng.IntN(len(bodies))], -1)
		if len(runs) == 0 {
			continue
		}
		run := []rune(runs[rng.IntN(len(runs))])
		n := 2 + rng.IntN(5)
		i := rng.IntN(len(run) - n + 1)
		q := string(run[i : i+n])
		queries++
		hits, _, err := r.Search(q, search.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range hits {
			got[h.Detail.URL] = true
			if h.Exact {
				exact++
			}
		}
		found += len(hits)
		for j, b := range bodies {
			if strings.Contains(b, q) && !got[ix.URLOf(s.Stories[j].Path)] {
				misses++
				if misses < 10 {
					t.Errorf("query %q misses %s", q, s.Stories[j].Doc.Path)
				}
			}
		}
	}
	t.Logf("%d queries, %d results, %d with the exact phrase (%.3f), %d misses", queries, found, exact, float64(exact)/float64(found), misses)
	m := r.Manifest()
	total := 0
	for _, data := range ix.Files {
		total += len(data)
	}
	t.Logf("index: %d files, %d bytes; %d shards, %d details files, %d text packs", len(ix.Files), total, len(m.Shards), len(m.Details), len(m.Packs))
	if len(ix.Files) > 500 {
		t.Errorf("%d index files for 10,000 stories, want at most 500", len(ix.Files))
	}
}

// joinSoftBreaks joins the lines of each paragraph of Markdown: a newline
// that is not part of a blank line is removed.
func joinSoftBreaks(md string) string {
	var b strings.Builder
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		b.WriteString(l)
		if strings.TrimSpace(l) == "" || i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "" {
			b.WriteString("\n")
		}
	}
	return b.String()
}

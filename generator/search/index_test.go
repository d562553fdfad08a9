package search_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
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
退役老兵和服役军人的家属一起商量加装电梯。共有 11 位老兵参加，议题 113 个。
-- content/stories/d.md --
---
title: 营商环境再优化
date: 2022-01-01
branch: 机关第八支部（社会事业局）
category: 为民办实事
authors: [宋佳怡]
---
优化营商环境，服务企业 11 家，新增岗位 5 个。
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
		// The category 为民办实事 holds the phrase: an exact match, but not
		// one in the title or tags (a trial: every story of the category
		// came before those with the phrase in their title).
		{"办实事", search.Filter{}, []string{"机关第八支部开设退役军人援助项目", "荷花塘社区开展志愿服务", "营商环境再优化"}},
		// A figure and its unit go together (a trial: "11位" found every
		// story with 11 and 位 apart, most of them without the phrase).
		{"11位", search.Filter{}, []string{"社区议事会"}},
		{"11 位", search.Filter{}, []string{"社区议事会", "营商环境再优化"}},
		{"13个", search.Filter{}, nil},
		{"宋佳怡", search.Filter{}, []string{"营商环境再优化"}}, // an author's name
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

// TestEmit builds the sample site's index with Options.Emit, with packs
// small enough that there are many: every file but the manifest goes to
// Emit, once, and the files are those of a build without it, byte for
// byte; an error of Emit is Build's.
func TestEmit(t *testing.T) {
	s := load(t, testsite.Copy(t, testsite.Root(t), "site.yaml", "content"))
	opts := search.Options{PackBytes: 4 << 10}
	want, err := search.Build(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string][]byte{}
	opts.Emit = func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[p]; dup {
			t.Errorf("%s emitted twice", p)
		}
		got[p] = bytes.Clone(data)
		return nil
	}
	ix, err := search.Build(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Files) != 1 || ix.Files[search.ManifestPath] == nil {
		t.Errorf("the index kept %d files, want the manifest alone", len(ix.Files))
	}
	got[search.ManifestPath] = ix.Files[search.ManifestPath]
	packs := 0
	for p := range want.Files {
		if strings.HasPrefix(p, search.Dir+"/t/") {
			packs++
		}
	}
	if packs < 3 {
		t.Fatalf("%d packs: the test wants several", packs)
	}
	if !maps.EqualFunc(got, want.Files, bytes.Equal) {
		t.Errorf("emitted %d files; a build without Emit has %d, or they differ", len(got), len(want.Files))
	}
	opts.Emit = func(string, []byte) error { return errors.New("the disk is full") }
	if _, err := search.Build(s, opts); err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Errorf("Build with a failing Emit: %v", err)
	}
}

// source serves an index's files to a Reader and logs each fetch: the
// name of a file fetched whole, or "name off+n" for a range. With noRange
// it answers every fetch with the whole file, as a server that ignores
// Range does.
type source struct {
	files   search.Files
	noRange bool
	log     []string
}

func (s *source) Fetch(name string, off, n int) ([]byte, bool, error) {
	if n < 0 || s.noRange {
		s.log = append(s.log, name)
		return s.files.Fetch(name, 0, -1)
	}
	s.log = append(s.log, fmt.Sprintf("%s %d+%d", name, off, n))
	return s.files.Fetch(name, off, n)
}

// TestReaderFetches checks what a query fetches: the manifest, the fold
// file, the dictionaries of its tokens and the facets whole, then one range of
// posting lists per token and one range per result shown; and that with
// a server that ignores Range the reader fetches each file once and finds
// the same.
func TestReaderFetches(t *testing.T) {
	s := load(t, testsite.Write(t, fixture))
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := &source{files: ix.Files}
	r, err := search.OpenSource(src)
	if err != nil {
		t.Fatal(err)
	}
	hits, total, err := r.Page("退役军人", search.Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 || total != 3 {
		t.Fatalf("%d hits of %d", len(hits), total)
	}
	kinds := map[string]int{}
	for _, l := range src.log {
		name, rng, _ := strings.Cut(l, " ")
		kind := strings.SplitN(name, "/", 2)[0]
		if k, _, ok := strings.Cut(name, "."); ok && (k == "f" || k == "fold") {
			kind = k
		}
		if rng != "" {
			kind += " range"
		}
		kinds[kind]++
	}
	// 退役军人 has three tokens; the fixture's index has one shard. The
	// fold file comes before the dictionaries: the tokens are folded.
	want := map[string]int{"index.json": 1, "fold": 1, "s": 1, "f": 1, "p range": 3, "t range": 3}
	if !maps.Equal(kinds, want) {
		t.Errorf("fetches %v, want %v:\n%s", kinds, want, strings.Join(src.log, "\n"))
	}
	// A later query fetches only what it has not got: postings and members.
	src.log = nil
	if _, _, err := r.Page("营商环境", search.Filter{}, 0); err != nil {
		t.Fatal(err)
	}
	for _, l := range src.log {
		if !strings.Contains(l, " ") {
			t.Errorf("a later query fetched %s whole", l)
		}
	}
	// A token in no story: the dictionary says so, and no postings are
	// fetched.
	src.log = nil
	if hits, _, _ := r.Page("不存在的词", search.Filter{}, 0); len(hits) != 0 || len(src.log) != 0 {
		t.Errorf("a query for absent tokens found %d and fetched %q", len(hits), src.log)
	}

	// Without Range.
	nr := &source{files: ix.Files, noRange: true}
	r2, err := search.OpenSource(nr)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"退役军人", "营商环境", "社区", "办实事"} {
		a, ca, err := r.Search(q, search.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		b, cb, err := r2.Search(q, search.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(titles(a), titles(b)) || !reflect.DeepEqual(ca, cb) {
			t.Errorf("%s without Range: %q, %v; with Range: %q, %v", q, titles(b), cb, titles(a), ca)
		}
	}
	seen := map[string]bool{}
	for _, l := range nr.log {
		if seen[l] {
			t.Errorf("without Range, %s was fetched twice", l)
		}
		seen[l] = true
	}
}

// TestPages checks that the search page's order, page by page, holds the
// same stories as the full ranking: each page takes the next stories in
// the order title and tag matches first, then newer, and ranks them.
func TestPages(t *testing.T) {
	s := load(t, testsite.Copy(t, testsite.Root(t), "site.yaml", "content"))
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	q := "党"
	all, _, err := r.Search(q, search.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) <= search.PageSize {
		t.Fatalf("%d results for %s; the test needs more than a page", len(all), q)
	}
	var pages [][]search.Hit
	for p := 0; ; p++ {
		hits, total, err := r.Page(q, search.Filter{}, p)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(all) {
			t.Errorf("page %d: total %d, want %d", p, total, len(all))
		}
		if len(hits) == 0 {
			break
		}
		if !slices.IsSortedFunc(hits, rank) {
			t.Errorf("page %d is not ranked: %+v", p, hits)
		}
		pages = append(pages, hits)
	}
	if !slices.IsSortedFunc(all, rank) {
		t.Error("Search is not ranked")
	}
	// Page p holds the p-th PageSize of the matches in the order title and
	// tag matches first, then newer.
	order := slices.Clone(all)
	slices.SortFunc(order, func(a, b search.Hit) int {
		return rank(search.Hit{ID: a.ID, Meta: a.Meta}, search.Hit{ID: b.ID, Meta: b.Meta})
	})
	for p, hits := range pages {
		want := order[p*search.PageSize : min(len(order), (p+1)*search.PageSize)]
		got := slices.Clone(hits)
		byID := func(a, b search.Hit) int { return a.ID - b.ID }
		slices.SortFunc(got, byID)
		want = slices.Clone(want)
		slices.SortFunc(want, byID)
		if !slices.EqualFunc(got, want, func(a, b search.Hit) bool { return a.ID == b.ID && a.Exact == b.Exact && a.Meta == b.Meta }) {
			t.Errorf("page %d holds %v, want %v", p, got, want)
		}
	}
	if len(pages) != (len(all)+search.PageSize-1)/search.PageSize {
		t.Errorf("%d pages for %d results", len(pages), len(all))
	}
}

// rank is the order of results: the exact phrase first, then title and
// tag matches, then newer.
func rank(a, b search.Hit) int {
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	return cmp.Or(b2i(b.Exact)-b2i(a.Exact), b2i(b.Meta)-b2i(a.Meta), a.ID-b.ID)
}

// TestRecall10k builds the index of the 10,000-story benchmark corpus and
// checks that any Chinese substring of a story's body finds that story.
// The truth is a plain substring scan of each story's Markdown, with soft
// line breaks joined.
func TestRecall10k(t *testing.T) {
	gen := filepath.Join(testsite.Root(t), "..", "shared", "bench", "gencorpus")
	if _, err := os.Stat(filepath.Join(gen, "main.go")); err != nil {
		testsite.MissingBecause(t, "the benchmark corpus generator ../shared/bench/gencorpus",
			"it comes with the project's shared folder, beside the repository's")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", ".", "-n", "10000", "-seed", "1", "-out", dir)
	cmd.Dir = gen
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	// With a cache, Load keeps each story's Markdown, the ground truth.
	opts := (&testsite.Site{Dir: dir}).Options(testsite.Theme(t))
	opts.Cache = build.NewCache()
	l, err := build.Load(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	s := l.Site
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
		if bodies[i] == "" {
			t.Fatalf("%s: no Markdown to scan", st.Doc.Path)
		}
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
	t.Logf("index: %d files, %d bytes; %d shards (a dictionary and a postings file each), %d story packs", len(ix.Files), total, len(m.Dicts), len(m.Packs))
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

// foldSite has a story written in simplified Chinese and one written in
// traditional, as a Taiwan compatriot's account of a visit came in.
const foldSite = `
-- site.yaml --
title: 搜索测试
baseURL: https://example.org/
categories:
  - {name: 基层治理, slug: governance}
branches:
  - {name: 荷花塘社区党委, slug: hehuatang}
-- content/stories/a.md --
---
title: 荷花塘社区党委推动乡村振兴
date: 2024-03-01
branch: 荷花塘社区党委
category: 基层治理
tags: [乡村振兴]
---
社区党委组织党员志愿者走进结对村，交流发展经验，助力国际化营商环境建设。
-- content/stories/b.md --
---
title: 兩岸青年共話鄉村振興
date: 2024-02-01
branch: 荷花塘社区党委
category: 基层治理
---
臺胞青年走進荷花塘社區黨群服務中心，與志願者交流發展經驗。
`

// TestSearchFolds checks that a query in traditional characters finds the
// stories written in simplified ones and the other way round, that the
// exact phrase is told across the fold, and that results keep the text as
// it was written.
func TestSearchFolds(t *testing.T) {
	s := load(t, testsite.Write(t, foldSite))
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	simplified, traditional := "荷花塘社区党委推动乡村振兴", "兩岸青年共話鄉村振興"
	tests := []struct {
		q     string
		want  []string
		exact []bool
	}{
		{"乡村振兴", []string{simplified, traditional}, []bool{true, true}},
		{"鄉村振興", []string{simplified, traditional}, []bool{true, true}},
		{"國際化營商環境", []string{simplified}, []bool{true}},
		{"党群服务", []string{traditional}, []bool{true}},
		{"交流發展經驗", []string{simplified, traditional}, []bool{true, true}},
		// Both stories hold the terms, only the second the phrase
		// (spaces ignored).
		{"志願者 交流", []string{traditional, simplified}, []bool{true, false}},
		{"台胞", []string{traditional}, []bool{true}},
		{"臺灣", nil, nil},
	}
	for _, tt := range tests {
		hits, _, err := r.Search(tt.q, search.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var exact []bool
		for _, h := range hits {
			exact = append(exact, h.Exact)
		}
		if got := titles(hits); !slices.Equal(got, tt.want) || !slices.Equal(exact, tt.exact) {
			t.Errorf("Search(%q) = %q, exact %v; want %q, %v", tt.q, got, exact, tt.want, tt.exact)
		}
	}
	hits, _, err := r.Search("党群服务", search.Filter{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("党群服务: %d hits, %v", len(hits), err)
	}
	if d := hits[0].Detail; d.Title != traditional || !strings.Contains(d.Text, "臺胞青年走進荷花塘社區黨群服務中心") {
		t.Errorf("the result's text is not as written: %q, %q", d.Title, d.Text)
	}
	if _, ok := ix.Files[search.Dir+"/"+r.Manifest().Fold]; !ok {
		t.Errorf("the manifest names the fold file %q, which the index has not", r.Manifest().Fold)
	}
}

// TestManifestWithoutFold: a manifest of an index built before folding,
// which a browser may still hold in its cache, names no fold file. The
// reader, as search.js, then searches without folding, where it failed
// fetching a file of no name.
func TestManifestWithoutFold(t *testing.T) {
	s := load(t, testsite.Write(t, foldSite))
	ix, err := search.Build(s, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(ix.Files[search.ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "fold")
	if ix.Files[search.ManifestPath], err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	hits, _, err := r.Search("乡村振兴", search.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := titles(hits), []string{"荷花塘社区党委推动乡村振兴", "兩岸青年共話鄉村振興"}; !slices.Equal(got, want) {
		t.Errorf("乡村振兴: %q, want %q", got, want)
	}
}

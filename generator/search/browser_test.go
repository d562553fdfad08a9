package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/internal/testsite"
	"herald/generator/search"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// counter serves a folder and counts the requests and bytes it sends. With
// noRange set it ignores Range headers, as some servers do, and logs the
// index files it sends.
type counter struct {
	h        http.Handler
	requests atomic.Int64
	bytes    atomic.Int64
	noRange  atomic.Bool

	mu  sync.Mutex
	log []string // "path range status" of each request under /search/ but the page
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.requests.Add(1)
	if c.noRange.Load() {
		r.Header.Del("Range")
	}
	if strings.HasPrefix(r.URL.Path, "/search/") && r.URL.Path != "/search/" {
		c.mu.Lock()
		c.log = append(c.log, r.URL.Path+" "+r.Header.Get("Range"))
		c.mu.Unlock()
	}
	c.h.ServeHTTP(countingWriter{w, c}, r)
}

// index returns the log of index requests since the last call.
func (c *counter) index() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.log
	c.log = nil
	return out
}

type countingWriter struct {
	http.ResponseWriter
	c *counter
}

func (w countingWriter) Write(b []byte) (int, error) {
	w.c.bytes.Add(int64(len(b)))
	return w.ResponseWriter.Write(b)
}

// serveSample builds the repository's sample site at the base URL of a
// local server and serves it.
func serveSample(t *testing.T) (string, *counter, *search.Reader) {
	t.Helper()
	c := &counter{}
	url, _, opts := testsite.ServeSample(t, func(h http.Handler) http.Handler { c.h = h; return c })
	l, err := build.Load(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := l.Search()
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	return url, c, r
}

// results waits for the search page to show the results of q and returns
// the titles it lists.
func results(t *testing.T, ctx context.Context, q string) []string {
	t.Helper()
	js := `(() => { const l = document.querySelector(".results"); return l.getAttribute("data-q") === ` + strconv.Quote(q) +
		` ? [...l.querySelectorAll("li h2")].map(h => h.textContent) : null })()`
	got, err := chromedp.Run(ctx, chromedp.Poll[[]string](js))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".search-status")))
		t.Fatalf("the results never came (status %q): %v", status, err)
	}
	return got
}

func itoa(n int) string { return strconv.Itoa(n) }

// goTitles returns the titles of the first pages of results the search
// page shows for q, as the Go reader ranks them.
func goTitles(t *testing.T, r *search.Reader, q string, f search.Filter, pages int) []string {
	t.Helper()
	var out []string
	for p := range pages {
		hits, _, err := r.Page(q, f, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, titles(hits)...)
	}
	return out
}

func TestBrowserSearch(t *testing.T) {
	browser := testsite.Browser(t, 390, 844)
	srvURL, c, r := serveSample(t)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()

	// A link with ?q= opens results, the same the Go reader gives, with
	// the phrase highlighted.
	want := goTitles(t, r, "退役军人", search.Filter{}, 1)
	if len(want) < 3 {
		t.Fatalf("the sample site has %d stories about 退役军人; the test needs 3", len(want))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srvURL+"/search/?q=%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA")); err != nil {
		t.Fatal(err)
	}
	got := results(t, ctx, "退役军人")
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("results for 退役军人:\n got %q\nwant %q", got, want)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".results mark")].map(m => m.textContent)`))
	if err != nil || len(marks) == 0 || marks[0] != "退役军人" {
		t.Errorf("highlights = %q, %v; want 退役军人 marked", marks, err)
	}

	// Typing into the box searches as you type.
	want = goTitles(t, r, "营商环境", search.Filter{}, 1)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const q = document.querySelector("#search-q"); q.value = ""; q.focus(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "营商环境")); err != nil {
		t.Fatal(err)
	}
	got = results(t, ctx, "营商环境")
	if len(want) == 0 || !strings.Contains(strings.Join(got, "|"), want[0]) {
		t.Errorf("typed 营商环境: got %q, want %q first", got, want)
	}
	url, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if !strings.Contains(url, "q=") {
		t.Errorf("the URL does not hold the query: %q", url)
	}

	// A filter narrows the results to one branch.
	if err := chromedp.Do(ctx, chromedp.Navigate(srvURL+"/search/?q=%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA")); err != nil {
		t.Fatal(err)
	}
	results(t, ctx, "退役军人")
	branch := "机关第八支部（社会事业局）"
	want = goTitles(t, r, "退役军人", search.Filter{Branch: branch}, 1)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector("select[name=b]"); s.value = "`+branch+`"; s.dispatchEvent(new Event("change")); return true })()`)); err != nil {
		t.Fatal(err)
	}
	js := `(() => { const li = [...document.querySelectorAll(".results li")]; return location.search.includes("b=") && li.length === ` + itoa(len(want)) + ` && li.every(l => l.querySelector(".meta").textContent.includes("` + branch + `")) ? li.map(l => l.querySelector("h2").textContent) : null })()`
	got, err = chromedp.Run(ctx, chromedp.Poll[[]string](js))
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("filtered by %s: got %q (%v), want %q", branch, got, err, want)
	}

	// Issue: results gave their dates as 2021-04-20, where every page of
	// the site writes 2021年4月20日.
	metas, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".results .meta")].map(m => m.textContent)`))
	if err != nil || len(metas) == 0 {
		t.Errorf("no results' details: %v", err)
	}
	for _, m := range metas {
		if !regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日 · `).MatchString(m) {
			t.Errorf("a result's details %q do not start with the date as the site writes it", m)
		}
	}

	// More: the next page of results is ranked on its own, as the Go
	// reader's Page does.
	q, qURL := "党", "%E5%85%9A"
	want = goTitles(t, r, q, search.Filter{}, 2)
	if len(want) <= search.PageSize {
		t.Fatalf("the sample site has %d stories about %s; the test needs more than a page", len(want), q)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srvURL+"/search/?q="+qURL)); err != nil {
		t.Fatal(err)
	}
	results(t, ctx, q)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".more"))); err != nil {
		t.Fatal(err)
	}
	js = `(() => { const li = [...document.querySelectorAll(".results li h2")]; return li.length === ` + itoa(len(want)) + ` ? li.map(h => h.textContent) : null })()`
	got, err = chromedp.Run(ctx, chromedp.Poll[[]string](js))
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("two pages of %s: got %q (%v), want %q", q, got, err, want)
	}

	// A server that ignores Range: the page gets whole files, keeps them,
	// and shows the same results. A fresh browser context has an empty
	// cache.
	c.noRange.Store(true)
	fresh, cancelFresh := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancelFresh()
	want = goTitles(t, r, "退役军人", search.Filter{}, 1)
	c.index()
	if err := chromedp.Do(fresh, chromedp.Navigate(srvURL+"/search/?q=%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA")); err != nil {
		t.Fatal(err)
	}
	if got := results(t, fresh, "退役军人"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("without Range, results for 退役军人:\n got %q\nwant %q", got, want)
	}
	seen := map[string]int{}
	for _, l := range c.index() {
		seen[strings.Fields(l)[0]]++
	}
	packs := 0
	for p, n := range seen {
		if strings.HasPrefix(p, "/search/t/") {
			packs++
			if n > 1 {
				t.Errorf("without Range, %s was fetched %d times; the page should keep it", p, n)
			}
		}
	}
	if packs == 0 {
		t.Errorf("without Range, the page fetched no story pack: %v", seen)
	}
}

// TestBrowserSearchAfterRebuild searches, then builds the site again with
// a story changed, which replaces the index's files (they are named by
// their content) and deletes the old ones, as publish does in the bucket;
// then searches again in the same page. A trial: the page said "搜索出错了"
// until it was reloaded, since it asked for the files its first manifest
// named.
func TestBrowserSearchAfterRebuild(t *testing.T) {
	browser := testsite.Browser(t, 390, 844)
	url, s, opts := testsite.ServeSample(t, nil)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/search/?q=%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA")); err != nil {
		t.Fatal(err)
	}
	if got := results(t, ctx, "退役军人"); len(got) == 0 {
		t.Fatal("no results for 退役军人")
	}

	story := "content/stories/2021/04/veterans-aid.md"
	s.WriteFile(t, story, []byte(s.Read(t, story)+"\n支部还组织了一次鹭岛研学活动。\n"))
	manifest := s.Path("public/search/index.json")
	old, err := os.Stat(manifest)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The new manifest dated the old one's second, as a rebuild within it
	// is: a server that validates by Last-Modified then answers 304 to a
	// page that asks past its cache with no-cache (this test failed so on
	// a busy machine).
	if err := os.Chtimes(manifest, old.ModTime(), old.ModTime()); err != nil {
		t.Fatal(err)
	}
	if res.Stats.Deleted == 0 {
		t.Fatal("the rebuild deleted no file: the test needs the old index's files gone")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const q = document.querySelector("#search-q"); q.value = ""; q.focus(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "鹭岛研学")); err != nil {
		t.Fatal(err)
	}
	got := results(t, ctx, "鹭岛研学")
	if len(got) != 1 || !strings.Contains(got[0], "退役军人") {
		t.Errorf("after the rebuild, results for 鹭岛研学: %q, want the story changed", got)
	}
}

// markSite has a rare character outside the Basic Multilingual Plane
// before the words searched for, figures with units, a figure in a
// longer number, and a story written in traditional characters.
const markSite = `
-- site.yaml --
title: 搜索测试
baseURL: https://example.org/
categories:
  - {name: 基层治理, slug: governance}
branches:
  - {name: 荷花塘社区党委, slug: hehuatang}
-- content/stories/a.md --
---
title: 𠮷利民带领居民建设智慧社区
date: 2024-03-01
branch: 荷花塘社区党委
category: 基层治理
---
𠮷利民是社区书记。依托AI和5G技术，共有 11 位老兵参加，议题 113 个。
-- content/stories/b.md --
---
title: 议事会
date: 2023-02-01
branch: 荷花塘社区党委
category: 基层治理
authors: [宋佳怡]
---
服务企业 11 家，新增岗位 5 个。
-- content/stories/c.md --
---
title: 兩岸青年參觀黨群服務中心
date: 2024-01-01
branch: 荷花塘社区党委
category: 基层治理
---
臺胞青年走進社區黨群服務中心，與志願者座談。
`

// TestBrowserMarks checks what the search page marks and says, in cases
// a trial found wrong: marks one character off after 𠮷 (JavaScript
// counts it as two), "11" marked inside "113", a figure with its unit
// ("11位") ranking the stories with 11 and 位 apart, the message for
// matches the filters leave out, a query with nothing to search, and
// queries in traditional characters, marked in simplified text and the
// other way round.
func TestBrowserMarks(t *testing.T) {
	browser := testsite.Browser(t, 390, 844)
	s := testsite.Write(t, markSite)
	srv := httptest.NewServer(http.FileServer(http.Dir(s.Path("public"))))
	defer srv.Close()
	opts := s.Options(testsite.Theme(t))
	opts.BaseURL = srv.URL + "/"
	if _, err := build.Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	marks := func(q string) (titles, marked []string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		titles = results(t, ctx, q)
		marked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".results mark")].map(m => m.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		return titles, marked
	}
	for _, tt := range []struct {
		q      string
		titles []string
		marks  []string
	}{
		{"利民", []string{"𠮷利民带领居民建设智慧社区"}, []string{"利民", "利民"}},
		{"AI", []string{"𠮷利民带领居民建设智慧社区"}, []string{"AI"}},
		{"5G", []string{"𠮷利民带领居民建设智慧社区"}, []string{"5G"}},
		{"11位", []string{"𠮷利民带领居民建设智慧社区"}, []string{"11 位"}},
		{"11", []string{"𠮷利民带领居民建设智慧社区", "议事会"}, []string{"11", "11"}},
		// Traditional and simplified are folded alike; the marks show the
		// text as written.
		{"党群服务", []string{"兩岸青年參觀黨群服務中心"}, []string{"黨群服務", "黨群服務"}},
		{"社區書記", []string{"𠮷利民带领居民建设智慧社区"}, []string{"社区", "社区书记"}},
	} {
		titles, marked := marks(tt.q)
		if !slices.Equal(titles, tt.titles) || !slices.Equal(marked, tt.marks) {
			t.Errorf("%q: results %q, marks %q; want %q, %q", tt.q, titles, marked, tt.titles, tt.marks)
		}
	}
	status := func(path, want string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		js := `document.querySelector(".search-status").textContent`
		if _, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = `+js+`; return s.includes(`+strconv.Quote(want)+`) ? s : null })()`)); err != nil {
			now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](js))
			t.Errorf("%s: status %q, want it to say %q", path, now, want)
		}
	}
	// Typed in traditional characters, a query finds the story written in
	// simplified ones, and marks its words, past the 𠮷 before them.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "利民 書記")); err != nil {
		t.Fatal(err)
	}
	typed := results(t, ctx, "利民 書記")
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".results mark")].map(m => m.textContent)`))
	if err != nil || !slices.Equal(typed, []string{"𠮷利民带领居民建设智慧社区"}) || !slices.Equal(marked, []string{"利民", "利民", "书记"}) {
		t.Errorf("typed 利民 書記: results %q, marks %q (%v); want the story of 𠮷利民, 利民 marked twice and 书记 once", typed, marked, err)
	}

	// An author's name finds her stories, and the result names her.
	if titles, _ := marks("宋佳怡"); !slices.Equal(titles, []string{"议事会"}) {
		t.Errorf("results for an author's name: %q", titles)
	}
	if meta, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".results .meta").textContent`)); err != nil || !strings.HasSuffix(meta, " · 宋佳怡") {
		t.Errorf("the result's line %q, %v; want it to end with the author", meta, err)
	}
	status("/search/?q=11%E4%BD%8D&y=2023", "放宽筛选")
	year, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("select[name=y]").value`))
	if err != nil || year != "2023" {
		t.Errorf("the year chosen shows as %q, %v; want 2023", year, err)
	}
	status("/search/?q=%EF%BC%8C%E3%80%82", "请输入")
	// A long query found nowhere is named by its first 30 characters: a
	// trial's 288 filled a phone's screen.
	long := strings.Repeat("无此内容", 20)
	status("/search/?q="+url.QueryEscape(long), "没有找到包含“"+strings.Repeat("无此内容", 7)+"无此…”的报道。")
}

// TestBrowserSearchIME checks typing through an input method, as Chinese
// is typed: the letters of pinyin stand in the box until a word is chosen.
// Issue: searching as one typed ran on them ("dang" found nothing, and
// fetched dictionaries for it) before the word was chosen.
func TestBrowserSearchIME(t *testing.T) {
	browser := testsite.Browser(t, 390, 844)
	srvURL, c, r := serveSample(t)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srvURL+"/search/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"d", "da", "dan", "dang", "dangj", "dangji", "dangjia", "dangjian"} {
		if _, err := chromedp.Call(ctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: typed, SelectionStart: int64(len(typed)), SelectionEnd: int64(len(typed))}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // longer than the pause after which typing searches
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".results").getAttribute("data-q") + "|" + document.querySelector(".search-status").textContent + "|" + location.search`))
	if err != nil {
		t.Fatal(err)
	}
	if state != "||" {
		t.Errorf("while a word was being chosen: results for, status and URL %q; want none", state)
	}
	// What every first query waits for is read meanwhile: the manifest,
	// the fold table and the facets, and nothing else.
	var read []string
	for _, req := range c.index() {
		read = append(read, strings.TrimSpace(req))
	}
	slices.Sort(read)
	if len(read) != 3 || !strings.HasPrefix(read[0], "/search/f.") || !strings.HasPrefix(read[1], "/search/fold.") || read[2] != "/search/index.json" {
		t.Errorf("while a word was being chosen, the page fetched %q; want the manifest, the fold table and the facets", read)
	}
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: "党建"}); err != nil {
		t.Fatal(err)
	}
	want := goTitles(t, r, "党建", search.Filter{}, 1)
	if got := results(t, ctx, "党建"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("once 党建 was chosen: got %q, want %q", got, want)
	}
}

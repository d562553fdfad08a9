package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/diag"
	"herald/generator/internal/testsite"
	"herald/generator/render"
	"herald/generator/site"
)

// wait is the most any test here waits for something to happen. It bounds
// the waits of a broken server; a working one answers in milliseconds. No
// test asserts how long anything took.
const wait = 20 * time.Second

func TestRelevant(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"site.yaml", true},
		{"content/stories/2021/04/a.md", true},
		{"content/stories/2021/04/photo.jpg", true},
		{"templates/story.html", true},
		{"static/css/site.css", true},
		{"content/stories/.a.md.swp", false},
		{"content/stories/a.md~", false},
		{"content/stories/4913", false},
		{"content/.git/HEAD", false},
		{"public/index.html", false},
		{"README.md", false},
	}
	for _, tt := range tests {
		if got := relevant(tt.path); got != tt.want {
			t.Errorf("relevant(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestBatcherCoalesces(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := newBatcher(30 * time.Millisecond)
	go b.run(ctx)
	for _, p := range []string{"content/b.md", "content/a.md", "content/b.md", "content/a.md"} {
		b.in <- p
	}
	if got, want := receive(t, b.out), []string{"content/a.md", "content/b.md"}; !slices.Equal(got, want) {
		t.Errorf("first batch = %v, want %v", got, want)
	}
	// Events that arrive while the receiver is busy wait for the next batch.
	b.in <- "content/c.md"
	b.in <- "content/c.md"
	if got, want := receive(t, b.out), []string{"content/c.md"}; !slices.Equal(got, want) {
		t.Errorf("second batch = %v, want %v", got, want)
	}
	select {
	case extra := <-b.out:
		t.Errorf("unexpected third batch %v", extra)
	case <-time.After(200 * time.Millisecond):
	}
}

func receive(t *testing.T, ch <-chan []string) []string {
	t.Helper()
	select {
	case got := <-ch:
		return got
	case <-time.After(wait):
		t.Fatal("no batch")
	}
	return nil
}

func TestBrokerNeverBlocks(t *testing.T) {
	b := newBroker()
	slow := b.subscribe() // never reads
	fast := b.subscribe()
	done := make(chan struct{})
	go func() {
		for _, m := range []string{"1", "2", "3"} {
			b.publish(m)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("publish blocked on a page that does not read")
	}
	if got := <-fast; got != "3" {
		t.Errorf("fast page got %q, want the newest event 3", got)
	}
	if got := <-slow; got != "3" {
		t.Errorf("slow page got %q, want the newest event 3", got)
	}
	b.unsubscribe(slow)
	if b.count() != 1 {
		t.Errorf("count = %d after unsubscribe, want 1", b.count())
	}
}

const fixture = `
-- site.yaml --
title: 预览测试
baseURL: https://example.org/news/
paginate: 2
categories:
  - {name: 为民办实事, slug: deeds}
  - {name: 基层治理, slug: governance}
branches:
  - {name: 机关第八支部（社会事业局）, slug: organ-08}
  - {name: 荷花塘社区党委, slug: hehuatang}
-- content/stories/a.md --
---
title: 甲报道
date: 2024-01-03
branch: 机关第八支部（社会事业局）
category: 为民办实事
tags: [退役军人]
---
甲的正文。
-- content/stories/b.md --
---
title: 乙报道
date: 2024-01-02
branch: 荷花塘社区党委
category: 基层治理
tags: [退役军人, 志愿服务]
---
乙的正文。
-- content/stories/c.md --
---
title: 丙报道
date: 2023-12-01
branch: 荷花塘社区党委
category: 基层治理
---
丙的正文。
-- content/stories/d.md --
---
title: 丁报道
date: 2023-11-01
branch: 荷花塘社区党委
category: 基层治理
---
丁的正文。
`

func TestDependents(t *testing.T) {
	s := testsite.Write(t, fixture)
	opts := s.Options(testsite.Theme(t))
	l, err := build.Load(context.Background(), opts)
	if err != nil || l.Problems.Err() != nil {
		t.Fatal(err, l.Problems.Err())
	}
	r, err := l.Renderer(opts)
	if err != nil {
		t.Fatal(err)
	}
	var b *site.Story
	for _, st := range l.Site.Stories {
		if st.Title == "乙报道" {
			b = st
		}
	}
	got := render.Dependents(r.Jobs(), b)
	want := []string{
		"archives/2024/01/index.html",
		"branches/hehuatang/index.html", "branches/hehuatang/index.xml",
		"categories/governance/index.html", "categories/governance/index.xml",
		"feed.json", "index.html", "index.xml", "sitemap.xml",
		"stories/a/index.html", "stories/b/index.html", "stories/c/index.html", "stories/d/index.html",
		"tags/志愿服务/index.html", "tags/志愿服务/index.xml",
		"tags/退役军人/index.html", "tags/退役军人/index.xml",
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages showing 乙报道:\n got %q\nwant %q", got, want)
	}
}

// server runs a Server on a free port of 127.0.0.1 for the test.
type server struct {
	url    string // "http://127.0.0.1:PORT/news/"
	events chan string
	log    *testsite.Buffer // the server's log
}

func start(t *testing.T, opts Options) *server {
	t.Helper()
	return startWith(t, opts, nil)
}

// startWith is start with the server's clock replaced by clk, when not nil.
func startWith(t *testing.T, opts Options, clk clock) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var log testsite.Buffer
	opts.Log = &log
	t.Cleanup(func() { t.Logf("server log:\n%s", log.String()) }) // after the server stops
	run(t, ln, opts, clk)
	srv := &server{url: "http://" + ln.Addr().String() + "/news/", events: make(chan string, 16), log: &log}
	deadline := time.Now().Add(wait)
	for {
		if code, _ := get(t, srv.url); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server never answered")
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get("http://" + ln.Addr().String() + "/_herald/events")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				srv.events <- data
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return srv
}

// run runs a Server made with opts on ln until the test ends, with its
// clock replaced by clk when not nil.
func run(t *testing.T, ln net.Listener, opts Options, clk clock) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := New(opts)
	if clk != nil {
		s.clock = clk
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// until waits for reload events until ok returns true, and returns the path
// of the last event. On a loaded machine one save may arrive as two
// rebuilds; what matters is that the server gets there.
func (srv *server) until(t *testing.T, what string, ok func() bool) string {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case data := <-srv.events:
			var ev struct{ Path string }
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatalf("event %q: %v", data, err)
			}
			if ok() {
				return ev.Path
			}
		case <-deadline:
			t.Fatalf("no reload event after which %s", what)
			return ""
		}
	}
}

// saveLikeVim writes a new file beside the target, then renames it over the
// target, as Vim (with backupcopy=no), Emacs and many editors save.
func saveLikeVim(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// saveLikeVSCode truncates the file, then writes it in two pieces.
func saveLikeVSCode(t *testing.T, path string, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	half := len(data) / 2
	f.Write(data[:half])
	time.Sleep(5 * time.Millisecond)
	f.Write(data[half:])
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func story(title, date string) []byte {
	return []byte("---\ntitle: " + title + "\ndate: " + date + "\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n正文。\n")
}

func TestServeEndToEnd(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"inotify", 0}, {"poll", 100 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			site := testsite.Write(t, fixture)
			srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Poll: mode.poll, Delay: 50 * time.Millisecond})
			page := srv.url + "stories/b/"
			if _, body := get(t, page); !strings.Contains(body, "<h1>乙报道</h1>") || !strings.Contains(body, `src="/_herald/livereload.js"`) {
				t.Fatalf("first page:\n%s", body)
			}
			if _, body := get(t, srv.url); !strings.Contains(body, `href="/news/stories/a/"`) {
				t.Errorf("links are not under the base path /news/:\n%s", body)
			}

			for i, save := range []func(*testing.T, string, []byte){saveLikeVim, saveLikeVSCode} {
				title := []string{"乙报道（一改）", "乙报道（二改）"}[i]
				save(t, site.Path("content/stories/b.md"), story(title, "2024-01-02"))
				got := srv.until(t, "the page shows "+title, func() bool {
					_, body := get(t, page)
					return strings.Contains(body, "<h1>"+title+"</h1>") && !strings.Contains(body, "herald-problems")
				})
				if got != "/news/stories/b/" {
					t.Errorf("save %d: reload event path = %q, want the story's page", i+1, got)
				}
			}

			// A folder created after start is watched too.
			site.WriteFile(t, "content/stories/2026/12/e.md", story("戊报道", "2026-11-01"))
			srv.until(t, "a story in a new folder shows", func() bool {
				code, body := get(t, srv.url+"stories/2026/12/e/")
				return code == 200 && strings.Contains(body, "戊报道")
			})

			// Removing a folder removes its stories.
			if err := os.RemoveAll(site.Path("content/stories/2026")); err != nil {
				t.Fatal(err)
			}
			srv.until(t, "a removed story answers 404", func() bool {
				code, _ := get(t, srv.url+"stories/2026/12/e/")
				return code == http.StatusNotFound
			})

			// Bad front matter: the last good page stays, with the problems over it.
			saveLikeVim(t, site.Path("content/stories/b.md"), []byte("---\ntitle: 坏了\ndate: 2021-13-45\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n正文。\n"))
			var body string
			srv.until(t, "the overlay shows", func() bool {
				_, body = get(t, page)
				return strings.Contains(body, "herald-problems")
			})
			if !strings.Contains(body, "乙报道（二改）") {
				t.Errorf("the last good page is not served during the error")
			}
			if !strings.Contains(body, `id="herald-problems"`) || !strings.Contains(body, "content/stories/b.md:3: date:") {
				t.Errorf("no overlay naming content/stories/b.md:3:\n%s", body)
			}
			_, status := get(t, strings.TrimSuffix(srv.url, "news/")+"_herald/status")
			if !strings.Contains(status, "content/stories/b.md:3") {
				t.Errorf("status = %s", status)
			}

			// Fixed: the overlay goes.
			saveLikeVSCode(t, site.Path("content/stories/b.md"), story("乙报道（修好）", "2024-01-02"))
			srv.until(t, "the overlay goes after the fix", func() bool {
				_, body = get(t, page)
				return !strings.Contains(body, "herald-problems") && strings.Contains(body, "乙报道（修好）")
			})

			// A template change shows on every page.
			tmpl, err := os.ReadFile(filepath.Join(testsite.Root(t), "templates", "partials", "footer.html"))
			if err != nil {
				t.Fatal(err)
			}
			site.WriteFile(t, "templates/partials/footer.html", append(tmpl, []byte("<p>模板已改</p>\n")...))
			got := srv.until(t, "the template change shows", func() bool {
				_, body := get(t, srv.url)
				return strings.Contains(body, "模板已改")
			})
			if got != "" {
				t.Errorf("a template change sent the page to %q, want a reload in place", got)
			}
			for _, p := range []string{"", "stories/a/", "tags/退役军人/"} {
				if _, body := get(t, srv.url+p); !strings.Contains(body, "模板已改") {
					t.Errorf("%s does not show the template change", srv.url+p)
				}
			}
		})
	}
}

// TestServeSearchIndex fetches the search index from the preview as the
// search page does: the manifest whole, a pack by Range. Issue: the
// preview served no index, and its search page failed with a 404.
func TestServeSearchIndex(t *testing.T) {
	site := testsite.Write(t, fixture)
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond})
	code, body := get(t, srv.url+"search/index.json")
	var m struct {
		Version int      `json:"version"`
		Stories int      `json:"stories"`
		Base    string   `json:"base"`
		Packs   []string `json:"packs"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &m) != nil || m.Version != 2 || m.Stories != 4 || m.Base != "/news/" || len(m.Packs) == 0 {
		t.Fatalf("search/index.json: %d %.200s", code, body)
	}
	req, err := http.NewRequest("GET", srv.url+"search/"+m.Packs[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Range", "bytes=0-9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || len(part) != 10 {
		t.Errorf("a Range of a pack: %d, %d bytes", resp.StatusCode, len(part))
	}
	if code, _ := get(t, srv.url+"search/t/99.0000000000.bin"); code != http.StatusNotFound {
		t.Errorf("a file the index does not have: %d", code)
	}
}

// errorPage serves site, which must fail to build, in Chinese, and returns
// the page the preview answers with: 503 and the problems.
func errorPage(t *testing.T, site *testsite.Site) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	run(t, ln, Options{Source: site.Dir, Theme: testsite.Theme(t), Catalog: diag.Chinese, Log: io.Discard}, nil)
	var code int
	var body string
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if code, body = get(t, "http://"+ln.Addr().String()+"/news/"); code != 0 {
			break
		}
	}
	if code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503:\n%s", code, body)
	}
	return body
}

// TestServeTemplateProblems checks that the preview's error page lists
// every problem of the templates that herald build reports. Issue: when a
// template did not parse, it showed only the syntax errors, never the
// problems other templates meet as they run; and of the pages rendered up
// front, only the first page's problem.
func TestServeTemplateProblems(t *testing.T) {
	const (
		syntax = "templates/partials/footer.html"
		titel  = "templates/story.html"
		nope   = "templates/list.html"
	)
	files := map[string]string{
		syntax: "<footer>\n{{.Title}\n</footer>\n",
		titel:  "{{define \"main\"}}\n<h1>{{.Story.Titel}}</h1>\n{{end}}\n",
		nope:   "{{define \"main\"}}\n\n<h1>{{.Nope}}</h1>\n{{end}}\n",
	}
	wants := map[string]string{
		syntax: "templates/partials/footer.html:2: 模板语法错误",
		titel:  "templates/story.html:2: &lt;.Story.Titel&gt;：报道（.Story）没有字段或方法 Titel",
		nope:   "templates/list.html:3: &lt;.Nope&gt;",
	}
	tests := []struct {
		name  string
		files []string
	}{
		{"a syntax error and a misspelt field", []string{syntax, titel}},
		{"two pages that fail", []string{titel, nope}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testsite.Write(t, fixture)
			for _, f := range tt.files {
				site.WriteFile(t, f, []byte(files[f]))
			}
			body := errorPage(t, site)
			for _, f := range tt.files {
				if !strings.Contains(body, wants[f]) {
					t.Errorf("the error page lacks %s:\n%s", wants[f], body)
				}
			}
		})
	}
}

// TestServeTemplatesWithContentErrors checks that the preview's error page
// lists, with the content's problems, the templates that do not parse, as
// herald build does. Issue: it showed the content's alone, and the
// template's syntax error only once they were fixed.
func TestServeTemplatesWithContentErrors(t *testing.T) {
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/b.md", []byte("---\ntitle: 乙\ndate: 2021-04-20\nbranch: 荷花塘社区党季\ncategory: 基层治理\n---\n正文。\n"))
	site.WriteFile(t, "templates/partials/footer.html", []byte("<footer>\n{{.Title}\n</footer>\n"))
	body := errorPage(t, site)
	for _, want := range []string{
		"content/stories/b.md:4: site.yaml 中没有登记党组织 &#34;荷花塘社区党季&#34;",
		"templates/partials/footer.html:2: 模板语法错误",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the error page lacks %s:\n%s", want, body)
		}
	}
}

// TestServeWarningsWithContentErrors checks that the preview's error page
// gives, with the content's errors, the warnings herald build gives of the
// rest of the site, in the yellow bar. Issue: a broken link came to light
// only once the errors were fixed.
func TestServeWarningsWithContentErrors(t *testing.T) {
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/a.md", []byte("---\ntitle: 甲报道\ndate: 2024-01-03\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n见[旧报道](/stories/gone/)。\n"))
	site.WriteFile(t, "content/stories/b.md", []byte("---\ntitle: 乙\ndate: 2024-13-01\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n正文。\n"))
	body := errorPage(t, site)
	for _, want := range []string{
		"content/stories/b.md:3:",
		`<details id="herald-warnings"`,
		html.EscapeString(`content/stories/a.md:7: 警告：链接 "/stories/gone/"`),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the error page lacks %s:\n%s", want, body)
		}
	}
}

// TestServeBaseRedirects checks where the root and the base path without
// its last slash lead (a retrial: /news answered 404).
func TestServeBaseRedirects(t *testing.T) {
	site := testsite.Write(t, fixture)
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t)})
	host := strings.TrimSuffix(srv.url, "/news/")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct{ path, code, location string }{
		{"/", "302", "/news/"},
		{"/news", "302", "/news/"},
		{"/news/", "200", ""},
		{"/newsroom", "404", ""},
	}
	for _, tt := range tests {
		resp, err := client.Get(host + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := strconv.Itoa(resp.StatusCode); got != tt.code || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s: %s to %q, want %s to %q", tt.path, got, resp.Header.Get("Location"), tt.code, tt.location)
		}
	}
}

// TestServeErrorPage checks the page serve answers with when the site has
// never built: a trial found it without a language or a viewport, laid out
// 980 pixels wide on a phone, and titled in English on a Chinese site.
func TestServeErrorPage(t *testing.T) {
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/b.md", []byte("---\ntitle: 乙\ndate: 2024-13-01\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n正文。\n"))
	body := errorPage(t, site)
	for _, want := range []string{`<html lang="zh-CN">`, `<meta name="viewport" content="width=device-width, initial-scale=1">`, `<title>herald：发现问题</title>`, "content/stories/b.md:3:"} {
		if !strings.Contains(body, want) {
			t.Errorf("the error page lacks %s:\n%s", want, body)
		}
	}
}

// TestServeHidden checks that the first build's log says how many drafts
// and scheduled stories the preview leaves out, and how to see them (a
// trial: a writer looked for a draft the start-up said nothing of).
func TestServeHidden(t *testing.T) {
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/d1.md", []byte("---\ntitle: 草稿一\ndate: 2024-01-04\nbranch: 荷花塘社区党委\ncategory: 基层治理\ndraft: true\n---\n正文。\n"))
	site.WriteFile(t, "content/stories/d2.md", []byte("---\ntitle: 草稿二\ndate: 2024-01-05\nbranch: 荷花塘社区党委\ncategory: 基层治理\ndraft: true\n---\n正文。\n"))
	site.WriteFile(t, "content/stories/f.md", []byte("---\ntitle: 定时稿\ndate: 2099-01-01\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n正文。\n"))
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Catalog: diag.Chinese})
	// The log's lines follow the first build's answer by a moment.
	logged := func(srv *server, want string) {
		t.Helper()
		for deadline := time.Now().Add(wait); !strings.Contains(srv.log.String(), want); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the log lacks %q:\n%s", want, srv.log.String())
			}
		}
	}
	logged(srv, "serve：有 2 篇草稿没有显示在预览中；herald serve --drafts 会显示草稿")
	logged(srv, "serve：有 1 篇定时稿在发布日期之前不显示在预览中；herald serve --future 会显示定时稿")
	// With --drafts, no word of drafts.
	shown := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Catalog: diag.Chinese, Drafts: true})
	logged(shown, "篇定时稿在发布日期之前不显示") // after the line on drafts, if there were one
	if strings.Contains(shown.log.String(), "篇草稿没有显示") {
		t.Errorf("with --drafts the log says drafts are left out:\n%s", shown.log.String())
	}
}

// TestServeWarnings checks that the preview gives the warnings herald
// build prints, in a panel on every page and once in the log, and says why
// a draft it was told of shows nowhere. A trial: a link to a deleted story
// and a new draft were both silent in the preview.
func TestServeWarnings(t *testing.T) {
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/a.md", []byte("---\ntitle: 甲报道\ndate: 2024-01-03\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n见[旧报道](/news/stories/gone/)。\n"))
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese})
	const warning = `content/stories/a.md:7: 警告：链接 "/news/stories/gone/"`
	_, body := get(t, srv.url+"stories/c/")
	if !strings.Contains(body, `<details id="herald-warnings"`) || !strings.Contains(body, html.EscapeString(warning)) || !strings.Contains(body, "herald：1 个警告") {
		t.Errorf("no warnings panel naming the link:\n%s", body)
	}
	// A save that changes nothing of the warnings does not log them again.
	site.WriteFile(t, "content/stories/b.md", story("乙报道（改）", "2024-01-02"))
	srv.until(t, "the page shows the new title", func() bool {
		_, body := get(t, srv.url+"stories/b/")
		return strings.Contains(body, "乙报道（改）")
	})
	if n := strings.Count(srv.log.String(), warning); n != 1 {
		t.Errorf("the log gives the warning %d times, want once:\n%s", n, srv.log.String())
	}
	// A draft saved: the log says where it is.
	site.WriteFile(t, "content/stories/e.md", []byte("---\ntitle: 戊报道\ndate: 2024-01-04\nbranch: 荷花塘社区党委\ncategory: 基层治理\ndraft: true\n---\n正文。\n"))
	deadline := time.Now().Add(wait)
	for !strings.Contains(srv.log.String(), "content/stories/e.md 是草稿") {
		if time.Now().After(deadline) {
			t.Fatalf("the log does not say the new story is a draft:\n%s", srv.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Fixed: the panel goes.
	site.WriteFile(t, "content/stories/a.md", story("甲报道", "2024-01-03"))
	srv.until(t, "the warnings panel goes", func() bool {
		_, body := get(t, srv.url+"stories/c/")
		return !strings.Contains(body, "herald-warnings")
	})
	// The log says so, once. A trial: it said nothing, and the last
	// thing it showed was the warning.
	const gone = "serve：警告都已消除"
	srv.logged(t, gone)
	site.WriteFile(t, "content/stories/c.md", story("丙报道（改）", "2023-12-01"))
	if log := srv.logged(t, "content/stories/c.md 有改动"); strings.Count(log, gone) != 1 {
		t.Errorf("the log says %d times that the warnings are gone, want once:\n%s", strings.Count(log, gone), log)
	}
}

// TestServePastedWarnings checks that the preview warns of text pasted
// from Word or WeChat that shows otherwise than meant, and that the warning
// comes with an edit and goes with its fix. A trial: bullets typed in Word
// ran together into one paragraph, and the preview said nothing.
func TestServePastedWarnings(t *testing.T) {
	site := testsite.Write(t, fixture)
	const front = "---\ntitle: 甲报道\ndate: 2024-01-03\nbranch: 荷花塘社区党委\ncategory: 基层治理\n---\n"
	site.WriteFile(t, "content/stories/a.md", []byte(front+"正文。\n"))
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese})
	const warning = "content/stories/a.md:8: 警告：以“•”开头的几行会连成一段，不会显示成列表"
	site.WriteFile(t, "content/stories/a.md", []byte(front+"主要做法有：\n•　逐户核对；\n•　登记意向。\n"))
	srv.until(t, "the warnings panel names the bullets", func() bool {
		_, body := get(t, srv.url+"stories/a/")
		return strings.Contains(body, `<details id="herald-warnings"`) && strings.Contains(body, html.EscapeString(warning))
	})
	site.WriteFile(t, "content/stories/a.md", []byte(front+"主要做法有：\n\n- 逐户核对；\n- 登记意向。\n"))
	srv.until(t, "the warnings panel goes", func() bool {
		_, body := get(t, srv.url+"stories/a/")
		return !strings.Contains(body, "herald-warnings")
	})
}

// fakeClock is a clock whose time moves only when a test fires one of its
// timers. Each timer the server asks for is sent on timers.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers chan *fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	c       chan time.Time
	stopped atomic.Bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	ft := &fakeTimer{d: d, c: make(chan time.Time, 1)}
	c.timers <- ft
	return ft.c, func() bool { return !ft.stopped.Swap(true) }
}

// next returns the timer the server asks for next.
func (c *fakeClock) next(t *testing.T) *fakeTimer {
	t.Helper()
	select {
	case ft := <-c.timers:
		return ft
	case <-time.After(wait):
		t.Fatal("the server asked for no timer")
		return nil
	}
}

// fire moves the time on by the timer's duration and fires it.
func (c *fakeClock) fire(ft *fakeTimer) {
	c.mu.Lock()
	c.now = c.now.Add(ft.d)
	now := c.now
	c.mu.Unlock()
	ft.c <- now
}

// TestServeScheduled checks that the preview shows a scheduled story when
// its time comes. A trial: a story dated three minutes ahead was still
// missing after its time, and nothing was logged, until some unrelated
// file was saved.
func TestServeScheduled(t *testing.T) {
	site := testsite.Write(t, fixture)
	// The site's time zone is Asia/Shanghai, the machine's clock in UTC:
	// 23:21 UTC is 07:21 in Shanghai.
	clk := &fakeClock{now: time.Date(2026, 12, 6, 23, 21, 0, 0, time.UTC), timers: make(chan *fakeTimer, 64)}
	due := time.Date(2026, 12, 6, 23, 24, 0, 0, time.UTC)
	site.WriteFile(t, "content/stories/e.md", story("戊报道", "2026-12-07 07:24"))
	site.WriteFile(t, "content/stories/f.md", story("己报道", "2031-01-01")) // years away
	var last *fakeTimer
	t.Cleanup(func() { // after the server's cleanup, which stops it
		if last != nil && !last.stopped.Load() {
			t.Error("the timer is not stopped when the server stops")
		}
	})
	srv := startWith(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese}, clk)
	page := srv.url + "stories/e/"
	if code, _ := get(t, page); code != http.StatusNotFound {
		t.Fatalf("before its time, the story's page answers %d, want 404", code)
	}

	// The server looks at the time at least every maxWake, until the
	// story's time.
	for i := 0; ; i++ {
		last = clk.next(t)
		if !clk.Now().Before(due) {
			break
		}
		if want := min(due.Sub(clk.Now()), maxWake); last.d != want {
			t.Fatalf("at %v the server waits %v, want %v", clk.Now(), last.d, want)
		}
		if i == 10 {
			t.Fatal("the story's time never comes")
		}
		clk.fire(last)
	}
	// The timer after the rebuild waits for the story years away, a
	// minute at a time.
	if last.d != maxWake {
		t.Errorf("for a story years away the server waits %v, want %v", last.d, maxWake)
	}
	if code, body := get(t, page); code != http.StatusOK || !strings.Contains(body, "戊报道") {
		t.Errorf("after its time, the story's page answers %d:\n%.300s", code, body)
	}
	if _, body := get(t, srv.url); !strings.Contains(body, "戊报道") {
		t.Errorf("after its time, the story is not on the home page")
	}
	for _, want := range []string{"定时稿到了发布时间", "serve：content/stories/e.md 的日期 2026-12-07 07:24 已到，现在预览中显示"} {
		if !strings.Contains(srv.log.String(), want) {
			t.Errorf("the log does not say %s:\n%s", want, srv.log.String())
		}
	}
	if _, body := get(t, srv.url+"stories/f/"); strings.Contains(body, "己报道") {
		t.Errorf("the story years away is shown")
	}
}

// saveLikeSed writes a temporary file beside the target and renames it over
// the target, as sed -i does: its name is neither hidden nor a known
// editor's leftover.
func saveLikeSed(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "sedK3xQ9a")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// logged waits until the server's log holds want, and returns the log.
func (srv *server) logged(t *testing.T, want string) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		log := srv.log.String()
		if strings.Contains(log, want) {
			return log
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log never says %q:\n%s", want, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeCountsSavedFiles checks the log of one save by sed -i. A trial:
// serve logged "2 个文件有改动" for it, counting sed's temporary file,
// which was created and renamed away within the save.
func TestServeCountsSavedFiles(t *testing.T) {
	site := testsite.Write(t, fixture)
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese})
	saveLikeSed(t, site.Path("content/stories/b.md"), story("乙报道（sed 改）", "2024-01-02"))
	log := srv.logged(t, "serve：用时")
	if !strings.Contains(log, "（content/stories/b.md 有改动）") || strings.Contains(log, "个文件有改动") {
		t.Errorf("the log does not name the one file saved:\n%s", log)
	}
	// A file created and removed between two rebuilds changes nothing.
	tmp := site.Path("content/stories/sedTmp01")
	if err := os.WriteFile(tmp, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}
	site.WriteFile(t, "content/stories/c.md", story("丙报道（改）", "2023-12-01"))
	log = srv.logged(t, "content/stories/c.md 有改动")
	if strings.Contains(log, "sedTmp01") || strings.Contains(log, "个文件有改动") {
		t.Errorf("the log counts a file that came and went:\n%s", log)
	}
}

// TestServeSiteYAMLRemoved checks what the preview says when site.yaml is
// removed while it runs. A trial: the hint was the one for herald run
// outside a site's folder, "请先进入站点文件夹…再运行 herald", which does
// not fit a server that has been running in it.
func TestServeSiteYAMLRemoved(t *testing.T) {
	site := testsite.Write(t, fixture)
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese})
	yaml, err := os.ReadFile(site.Path("site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(site.Path("site.yaml"), site.Path("site.yaml.old")); err != nil {
		t.Fatal(err)
	}
	var body string
	srv.until(t, "the overlay shows", func() bool {
		_, body = get(t, srv.url)
		return strings.Contains(body, "herald-problems")
	})
	want := html.EscapeString("site.yaml: herald serve 运行期间这个文件被删除或改了名\n\t提示：请恢复它，或把它的名字改回 site.yaml；在那之前，预览显示上一次成功生成的页面")
	if !strings.Contains(body, want) || strings.Contains(body, "请先进入站点文件夹") {
		t.Errorf("the overlay does not say to restore site.yaml:\n%s", body)
	}
	if !strings.Contains(body, "甲报道") {
		t.Errorf("the last good build is not shown")
	}
	site.WriteFile(t, "site.yaml", yaml)
	srv.until(t, "the overlay goes", func() bool {
		_, body = get(t, srv.url)
		return !strings.Contains(body, "herald-problems")
	})
}

// TestServeEveryInterface checks the pages' absolute URLs when the server
// listens on every interface. A trial: with --addr 0.0.0.0:18436 the
// canonical URLs were http://[::]:18436/…, which no browser can open.
func TestServeEveryInterface(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", ":0"} {
		t.Run(addr, func(t *testing.T) {
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				t.Skip("cannot listen on every interface:", err)
			}
			port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
			if got, want := BrowserHost(ln.Addr()), "127.0.0.1:"+port; got != want {
				t.Errorf("BrowserHost(%s) = %s, want %s", ln.Addr(), got, want)
			}
			site := testsite.Write(t, fixture)
			run(t, ln, Options{Source: site.Dir, Theme: testsite.Theme(t), Log: io.Discard}, nil)
			var code int
			var body string
			for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				if code, body = get(t, "http://127.0.0.1:"+port+"/news/stories/b/"); code == http.StatusOK {
					break
				}
			}
			if want := `<link rel="canonical" href="http://127.0.0.1:` + port + `/news/stories/b/">`; !strings.Contains(body, want) {
				t.Errorf("the page lacks %s:\n%.600s", want, body)
			}
		})
	}
}

func TestBrowserHost(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:1313", "127.0.0.1:1313"},
		{"[::1]:1313", "[::1]:1313"},
		{"192.168.1.20:1313", "192.168.1.20:1313"},
		{"0.0.0.0:18436", "127.0.0.1:18436"},
		{"[::]:18436", "127.0.0.1:18436"},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := BrowserHost(addr); got != tt.want {
			t.Errorf("BrowserHost(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
}

// TestServeLogsTemplateProblems checks the log of a template that fails
// on pages while the preview runs, and of its fix. A trial: the log gave
// the problem after the line of the rebuild before, without the count
// and what the preview shows meanwhile, and said nothing once it was
// fixed.
func TestServeLogsTemplateProblems(t *testing.T) {
	site := testsite.Write(t, fixture)
	srv := start(t, Options{Source: site.Dir, Theme: testsite.Theme(t), Delay: 50 * time.Millisecond, Catalog: diag.Chinese})
	srv.logged(t, "serve：已生成 4 篇报道")
	site.WriteFile(t, "templates/partials/footer.html", []byte("<footer>{{.Titel}}</footer>\n"))
	log := srv.logged(t, "serve：发现 1 个问题，继续显示上一次成功生成的页面")
	if !strings.Contains(log, "templates/partials/footer.html:1: <.Titel>") {
		t.Errorf("the log lacks the template's problem:\n%s", log)
	}
	if strings.Contains(log, "serve：问题都已改正") {
		t.Errorf("the log says the problems are fixed before they are:\n%s", log)
	}
	site.WriteFile(t, "templates/partials/footer.html", []byte("<footer>{{.Title}}</footer>\n"))
	log = srv.logged(t, "serve：问题都已改正")
	if n := strings.Count(log, "serve：问题都已改正"); n != 1 {
		t.Errorf("the log says %d times that the problems are fixed:\n%s", n, log)
	}
}

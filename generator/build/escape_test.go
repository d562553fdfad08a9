package build_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"slices"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
)

// The text of a story that tries to inject HTML everywhere it appears.
const (
	evilTitle   = `<script>alert("标题")</script> & "引号" 'x'`
	evilSummary = `摘要<script>alert(1)</script> & <b>粗</b> "q"`
	evilTag     = `<script>`
	evilTag2    = `A & B`
	evilAuthor  = `<b>张三</b>`
	evilAuthor2 = `李&四 "老李"`
	evilBranch  = `A&B<i>支部</i>`
)

const escapeSite = `
-- site.yaml --
title: 测试 & <站>
baseURL: https://example.org/news/
categories:
  - name: 为民办实事
    slug: practical-deeds
branches:
  - name: 'A&B<i>支部</i>'
    slug: ab
-- content/stories/evil.md --
---
title: '<script>alert("标题")</script> & "引号" ''x'''
date: 2021-04-20
branch: 'A&B<i>支部</i>'
category: 为民办实事
tags: ['<script>', 'A & B']
authors: ['<b>张三</b>', '李&四 "老李"']
summary: '摘要<script>alert(1)</script> & <b>粗</b> "q"'
---

正文里的 <script>alert(2)</script> 也要转义。
`

// TestEscaping checks that titles, tags, authors and summaries holding HTML
// are escaped in every page and feed, and come back intact from the feeds.
func TestEscaping(t *testing.T) {
	s := testsite.Write(t, escapeSite)
	if _, err := safeBuild(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	tree := s.Tree(t, "public")

	// No page or feed holds a raw <script>, <b> or <i> from the input. (The
	// theme's own scripts are its own: <script src=…>, the large-type
	// switch's <script>try{…}, JSON-LD; the search index's .bin files are
	// gzip-compressed JSON, whose encoder escapes < and >.)
	for name, data := range tree {
		if strings.HasSuffix(name, ".bin") {
			continue
		}
		lower := strings.ToLower(string(data))
		for _, raw := range []string{"<script>alert", "<script><", "<b>", "<i>"} {
			if strings.Contains(lower, raw) {
				i := strings.Index(lower, raw)
				t.Errorf("%s holds a raw %s: …%s…", name, raw, lower[max(0, i-60):min(len(lower), i+60)])
			}
		}
	}

	esc := html.EscapeString
	story := "public/stories/evil/index.html"
	s.Contains(t, story,
		"<h1>"+esc(evilTitle)+"</h1>",
		"<title>"+esc(evilTitle)+" - "+esc("测试 & <站>")+"</title>",
		`<meta name="description" content="`+esc(evilSummary)+`">`,
		`<meta property="og:title" content="`+esc(evilTitle)+`">`,
		esc(evilAuthor)+"、"+esc(evilAuthor2),
		">"+esc(evilTag)+"</a>",
		">"+esc(evilTag2)+"</a>",
		">"+esc(evilBranch)+"</a>",
		"&lt;script&gt;alert(2)&lt;/script&gt;",
	)
	card := ">" + esc(evilTitle) + "</a></h2>"
	summary := `<p class="summary">` + esc(evilSummary) + "</p>"
	for _, list := range []string{
		"public/index.html",
		"public/categories/practical-deeds/index.html",
		"public/branches/ab/index.html",
		"public/tags/script/index.html",
		"public/tags/a-&-b/index.html",
	} {
		s.Contains(t, list, card, summary)
	}
	s.Contains(t, "public/tags/script/index.html", "<h1>"+esc(evilTag)+"</h1>")
	s.Contains(t, "public/tags/a-&-b/index.html", "<h1>"+esc(evilTag2)+"</h1>")
	s.Contains(t, "public/branches/ab/index.html", "<h1>"+esc(evilBranch)+"</h1>")
	s.Contains(t, "public/tags/index.html", ">"+esc(evilTag)+"</a>", ">"+esc(evilTag2)+"</a>")
	s.Contains(t, "public/branches/index.html", ">"+esc(evilBranch)+"</a>")

	// RSS, decoded, gives back the text as written.
	type rssItem struct {
		Title       string   `xml:"title"`
		Description string   `xml:"description"`
		Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		Creators    []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Categories  []string `xml:"category"`
	}
	type rss struct {
		Channel struct {
			Title string    `xml:"title"`
			Items []rssItem `xml:"item"`
		} `xml:"channel"`
	}
	for _, feed := range []string{"public/index.xml", "public/tags/script/index.xml", "public/branches/ab/index.xml"} {
		var r rss
		if err := xml.Unmarshal([]byte(s.Read(t, feed)), &r); err != nil {
			t.Fatalf("%s: %v", feed, err)
		}
		if len(r.Channel.Items) != 1 {
			t.Fatalf("%s: %d items, want 1", feed, len(r.Channel.Items))
		}
		it := r.Channel.Items[0]
		if it.Title != evilTitle {
			t.Errorf("%s: title %q, want %q", feed, it.Title, evilTitle)
		}
		if it.Description != evilSummary {
			t.Errorf("%s: description %q, want %q", feed, it.Description, evilSummary)
		}
		if want := []string{evilAuthor, evilAuthor2}; !slices.Equal(it.Creators, want) {
			t.Errorf("%s: creators %q, want %q", feed, it.Creators, want)
		}
		if want := []string{"为民办实事", evilBranch, evilTag, evilTag2}; !slices.Equal(it.Categories, want) {
			t.Errorf("%s: categories %q, want %q", feed, it.Categories, want)
		}
		if strings.Contains(it.Content, "<script") || !strings.Contains(it.Content, "&lt;script&gt;alert(2)") {
			t.Errorf("%s: the story's HTML does not escape its <script>: %q", feed, it.Content)
		}
	}
	var tagFeed rss
	if err := xml.Unmarshal([]byte(s.Read(t, "public/tags/script/index.xml")), &tagFeed); err != nil {
		t.Fatal(err)
	}
	if want := "标签：" + evilTag + " - 测试 & <站>"; tagFeed.Channel.Title != want {
		t.Errorf("tag feed title %q, want %q", tagFeed.Channel.Title, want)
	}

	// JSON Feed, decoded, gives back the text as written.
	var jf struct {
		Title string `json:"title"`
		Items []struct {
			Title       string   `json:"title"`
			Summary     string   `json:"summary"`
			ContentHTML string   `json:"content_html"`
			Tags        []string `json:"tags"`
			Authors     []struct {
				Name string `json:"name"`
			} `json:"authors"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(s.Read(t, "public/feed.json")), &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Title != "测试 & <站>" || len(jf.Items) != 1 {
		t.Fatalf("feed.json: title %q, %d items", jf.Title, len(jf.Items))
	}
	it := jf.Items[0]
	if it.Title != evilTitle || it.Summary != evilSummary {
		t.Errorf("feed.json: title %q, summary %q", it.Title, it.Summary)
	}
	if want := []string{"为民办实事", evilBranch, evilTag, evilTag2}; !slices.Equal(it.Tags, want) {
		t.Errorf("feed.json: tags %q, want %q", it.Tags, want)
	}
	if len(it.Authors) != 2 || it.Authors[0].Name != evilAuthor || it.Authors[1].Name != evilAuthor2 {
		t.Errorf("feed.json: authors %+v", it.Authors)
	}
	if strings.Contains(it.ContentHTML, "<script") {
		t.Errorf("feed.json: content_html holds a raw <script>: %q", it.ContentHTML)
	}
}

// TestEscapingSummaryOnlyFeeds checks the feeds that carry only the summary:
// feed.json then makes its content_html from the summary, escaped.
func TestEscapingSummaryOnlyFeeds(t *testing.T) {
	s := testsite.Write(t, strings.Replace(escapeSite, "categories:", "feeds:\n  fullContent: false\ncategories:", 1))
	if _, err := safeBuild(t, s.Options(testsite.Theme(t))); err != nil {
		t.Fatal(err)
	}
	var jf struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(s.Read(t, "public/feed.json")), &jf); err != nil {
		t.Fatal(err)
	}
	if len(jf.Items) != 1 {
		t.Fatalf("feed.json: %d items", len(jf.Items))
	}
	if got, want := jf.Items[0].ContentHTML, "<p>"+html.EscapeString(evilSummary)+"</p>"; got != want {
		t.Errorf("feed.json content_html = %q, want %q", got, want)
	}
	if strings.Contains(strings.ToLower(s.Read(t, "public/index.xml")), "<script") {
		t.Error("index.xml holds a raw <script>")
	}
}

package publish

import (
	"regexp"
	"slices"
	"testing"

	"herald/generator/config"
)

func TestDiff(t *testing.T) {
	h := Headers{ContentType: "text/html; charset=utf-8", CacheControl: Short}
	local := []Local{
		{Path: "index.html", Size: 10, MD5: "aa", Headers: h, Group: Top},
		{Path: "stories/a/index.html", Size: 10, MD5: "bb", Headers: h, Group: Stories},
		{Path: "stories/b/index.html", Size: 10, MD5: "cc", Headers: h, Group: Stories},
		{Path: "css/site.0123456789.css", Size: 5, MD5: "dd", Headers: Headers{ContentType: "text/css; charset=utf-8", CacheControl: Immutable}, Group: Assets},
		{Path: "tags/x/index.html", Size: 10, MD5: "ee", Headers: h, Group: Lists},
	}
	remote := map[string]Remote{
		"index.html":              {Size: 10, MD5: "aa", Headers: &h},                                 // unchanged
		"stories/a/index.html":    {Size: 10, MD5: "b0", Headers: &h},                                 // content
		"stories/b/index.html":    {Size: 10, MD5: "cc", Headers: &Headers{ContentType: "text/html"}}, // headers
		"tags/x/index.html":       {Size: 10, MD5: "ee"},                                              // headers unknown
		"stories/gone/index.html": {Size: 3, MD5: "ff", Headers: &h},                                  // delete
	}
	p := Diff(local, remote, false)
	var got []string
	for _, u := range p.Uploads {
		got = append(got, u.Path+" "+string(u.Reason))
	}
	want := []string{
		"css/site.0123456789.css not found",
		"stories/a/index.html content differs",
		"stories/b/index.html headers differ",
		"tags/x/index.html headers differ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uploads:\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(p.Deletes, []string{"stories/gone/index.html"}) || p.Unchanged != 1 {
		t.Errorf("deletes %q, unchanged %d", p.Deletes, p.Unchanged)
	}
	if f := Diff(local, remote, true); len(f.Uploads) != 5 || f.Uploads[4].Reason != Forced {
		t.Errorf("forced: %+v", f.Uploads)
	}
}

func TestGroupOf(t *testing.T) {
	tests := []struct {
		path string
		want Group
	}{
		{"css/site.0123456789.css", Assets},
		{"stories/2021/04/a/photo.jpg", Assets},
		{"search/s/01.0123456789.bin", Assets},
		{"stories/2021/04/a/index.html", Stories},
		{"about/index.html", Stories},
		{"tags/退役军人/index.html", Lists},
		{"page/2/index.html", Lists},
		{"archives/2021/index.html", Lists},
		{"404.html", Lists},
		{"search/index.html", Lists},
		{"index.html", Top},
		{"tags/退役军人/index.xml", Top},
		{"feed.json", Top},
		{"sitemap.xml", Top},
		{"search/index.json", Top},
	}
	for _, tt := range tests {
		if got := GroupOf(tt.path); got != tt.want {
			t.Errorf("GroupOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestHeadersOf(t *testing.T) {
	yes := true
	rules := []config.Rule{
		{Pattern: regexp.MustCompile(`^stories/.*\.jpg$`), CacheControl: "public, max-age=604800"},
		{Pattern: regexp.MustCompile(`\.pdf$`), ContentType: "application/pdf", Gzip: &yes},
	}
	tests := []struct {
		path string
		gzip bool
		want Headers
		gz   bool
	}{
		{"index.html", false, Headers{"text/html; charset=utf-8", Short, ""}, false},
		{"index.html", true, Headers{"text/html; charset=utf-8", Short, "gzip"}, true},
		{"tags/x/index.xml", false, Headers{"application/rss+xml; charset=utf-8", Short, ""}, false},
		{"sitemap.xml", false, Headers{"application/xml; charset=utf-8", Short, ""}, false},
		{"feed.json", false, Headers{"application/json; charset=utf-8", Short, ""}, false},
		{"css/site.0123456789.css", true, Headers{"text/css; charset=utf-8", Immutable, "gzip"}, true},
		{"js/search.0123456789.js", false, Headers{"text/javascript; charset=utf-8", Immutable, ""}, false},
		{"search/s/01.0123456789.bin", true, Headers{"application/octet-stream", Immutable, ""}, false},
		{"stories/a/photo.jpg", true, Headers{"image/jpeg", "public, max-age=604800", ""}, false},
		{"favicon.svg", false, Headers{"image/svg+xml; charset=utf-8", Day, ""}, false},
		{"files/plan.pdf", false, Headers{"application/pdf", Day, "gzip"}, true},
		{"robots.txt", false, Headers{"text/plain; charset=utf-8", Short, ""}, false},
	}
	for _, tt := range tests {
		got, gz := HeadersOf(tt.path, tt.gzip, rules)
		if got != tt.want || gz != tt.gz {
			t.Errorf("HeadersOf(%q, gzip %v) = %+v, %v; want %+v, %v", tt.path, tt.gzip, got, gz, tt.want, tt.gz)
		}
	}
}

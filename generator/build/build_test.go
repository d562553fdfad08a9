package build_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"herald/generator/build"
	"herald/generator/cli"
	"herald/generator/diag"
	"herald/generator/internal/testsite"
	"herald/generator/output"
)

// The fixture's base URL and the stories it publishes by default, newest
// first, with their page paths and dates (site.yaml's zone is Asia/Shanghai).
const (
	baseURL  = "https://example.org/news/"
	basePath = "/news/"
	feedMax  = 3 // the fixture's feeds.limit
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

type wantStory struct {
	path  string
	title string
	date  time.Time
	tags  []string
}

var (
	storyMarket = wantStory{"/stories/2024/03/market/", "枫林社区<em>“红色周末”</em>集市开张 & 党员志愿者到家门口",
		time.Date(2024, 3, 16, 15, 0, 0, 0, shanghai), []string{"志愿服务", "乡村振兴"}}
	storyAchievements = wantStory{"/stories/2024/02/achievements/", "杉木村集体经济收入突破百万元",
		time.Date(2024, 2, 20, 10, 0, 0, 0, shanghai), []string{"乡村振兴", "集体经济"}}
	storyVeterans = wantStory{"/stories/2024/01/退役军人帮扶/", "困难退役军人援助项目惠及 11 户家庭",
		time.Date(2024, 1, 15, 9, 30, 0, 0, shanghai), []string{"退役军人", "乡村振兴", "创业"}}
	story5G = wantStory{"/stories/2023/12/5g-alliance/", "5G 应用红色联盟成立",
		time.Date(2023, 12, 8, 0, 0, 0, 0, shanghai), []string{"5G", "产业链"}}
	storyDraft  = wantStory{path: "/stories/2024/04/draft/", date: time.Date(2024, 4, 1, 0, 0, 0, 0, shanghai)}
	storyFuture = wantStory{path: "/stories/2027/01/future/", date: time.Date(2027, 1, 5, 9, 0, 0, 0, shanghai)}

	published = []wantStory{storyMarket, storyAchievements, storyVeterans, story5G}
)

// fixture writes testdata/site.txtar into a new site folder.
func fixture(t *testing.T) *testsite.Site {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return testsite.Write(t, string(data))
}

// sample copies the repository's sample site into a new folder.
func sample(t *testing.T) *testsite.Site {
	t.Helper()
	return testsite.Copy(t, testsite.Root(t), "site.yaml", "content")
}

// sampleOwnFooter is the sample site with a footer of its own that shows
// the page it is on, which the theme's base.html calls through
// partialCached without keys. Issue: every page showed the footer of
// whichever page was rendered first, different from build to build.
func sampleOwnFooter(t *testing.T) *testsite.Site {
	t.Helper()
	s := sample(t)
	footer, err := os.ReadFile(filepath.Join(testsite.Root(t), "templates", "partials", "footer.html"))
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(footer), "</footer>", `<p class="here">本页：{{.Title}}{{with .Story}}，{{date .Date "2006年1月2日"}}{{end}}</p>`+"\n</footer>", 1)
	s.WriteFile(t, "templates/partials/footer.html", []byte(own))
	return s
}

// buildSite builds s with the repository's theme into s's public/, failing
// the test on any error.
func buildSite(t *testing.T, s *testsite.Site, change func(*build.Options)) *build.Result {
	t.Helper()
	opts := s.Options(testsite.Theme(t))
	if change != nil {
		change(&opts)
	}
	res, err := s.Build(t, opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// outputFile returns the output file a site path is written to:
// "/tags/创业/" is "tags/创业/index.html".
func outputFile(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// escaped returns the percent-encoded form of a slash path, as the standard
// library writes it.
func escaped(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// absURL returns the absolute URL of a site path of the fixture.
func absURL(p string) string {
	return "https://example.org" + escaped(strings.TrimSuffix(basePath, "/")+p)
}

// isPercentEncoded reports whether s holds only the ASCII characters a URL
// may hold literally, with every "%" starting an escape.
func isPercentEncoded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		case c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// resolve returns the output file a URL or root-relative reference points
// to, given the site's base URL, or "" and why when it is not a file of the
// site. Fragments and queries are dropped.
func resolve(ref string, base *url.URL) (string, string) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", err.Error()
	}
	if u.IsAbs() || u.Host != "" {
		if u.Scheme != base.Scheme || u.Host != base.Host {
			return "", "not on the site's host " + base.Scheme + "://" + base.Host
		}
	}
	if !strings.HasPrefix(u.Path, base.Path) {
		return "", "not under the base path " + base.Path
	}
	rel := strings.TrimPrefix(u.Path, base.Path) // unescaped by url.Parse
	clean := path.Clean("/" + rel)
	if strings.HasSuffix(rel, "/") && clean != "/" {
		clean += "/"
	}
	if clean != "/"+rel {
		return "", "not a clean path"
	}
	return outputFile(rel), ""
}

// TestMixedZones checks dates with other zones' offsets: each is the same
// moment in the site's zone, and the site files it by the site's calendar.
// A story dated 2024-02-29 23:00 in New York is dated noon of 1 March in
// Beijing, and shows March, as one dated that morning there does. A
// review: the archives, made of runs of the stories newest first, had two
// of February 2024 when each date kept its own zone, and failed the build;
// the branch's chart of stories by month, which took the newest story's
// month for the last, would have failed past the end. A trial: a date in
// UTC, at four in the morning of 1 October in Beijing, was shown on 30
// September.
func TestMixedZones(t *testing.T) {
	s := fixture(t)
	s.WriteFile(t, "content/stories/2024/02/n.md", []byte("---\ntitle: 纽约时间二月\ndate: 2024-02-29T23:00:00-05:00\nbranch: shanmu\ncategory: grassroots\nachievements:\n  - {label: 村集体经济收入, value: 1, unit: 万元}\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2024/03/o.md", []byte("---\ntitle: 北京时间三月\ndate: 2024-03-01T10:00:00+08:00\nbranch: shanmu\ncategory: grassroots\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2024/12/p.md", []byte("---\ntitle: 纽约时间年末\ndate: 2024-12-31T23:00:00-05:00\nbranch: shanmu\ncategory: grassroots\nachievements:\n  - {label: 村集体经济收入, value: 2, unit: 万元}\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2025/01/q.md", []byte("---\ntitle: 北京时间年初\ndate: 2025-01-01T10:00:00+08:00\nbranch: shanmu\ncategory: grassroots\nachievements:\n  - {label: 村集体经济收入, value: 4, unit: 万元}\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2026/09/u.md", []byte("---\ntitle: 协调世界时九月末\ndate: 2026-09-30T20:00:00Z\nbranch: shanmu\ncategory: grassroots\n---\n\n正文。\n"))
	buildSite(t, s, nil)
	s.Contains(t, "public/archives/2024/03/index.html", "纽约时间二月", "北京时间三月")
	s.Contains(t, "public/archives/2025/01/index.html", "纽约时间年末", "北京时间年初")
	s.Contains(t, "public/archives/2026/10/index.html", "协调世界时九月末")
	if strings.Contains(s.Read(t, "public/archives/2024/02/index.html"), "纽约时间二月") {
		t.Error("February's archive lists the story dated 1 March in the site's zone")
	}
	s.Contains(t, "public/stories/2026/09/u/index.html", `<time datetime="2026-10-01T04:00:00&#43;08:00">2026年10月1日</time>`)
	archives := s.Read(t, "public/archives/index.html")
	for month, want := range map[string]int{`href="/news/archives/2024/02/"`: 1, `href="/news/archives/2024/03/"`: 1, `href="/news/archives/2024/12/"`: 0, `href="/news/archives/2025/01/"`: 1, `href="/news/archives/2026/09/"`: 0, `href="/news/archives/2026/10/"`: 1} {
		if n := strings.Count(archives, month); n != want {
			t.Errorf("the archives link %s %d times, want %d", month, n, want)
		}
	}
	s.Contains(t, "public/branches/shanmu/index.html", `<svg class="chart"`)
	figure := s.Read(t, "public/achievements/村集体经济收入/index.html")
	for _, year := range []string{`id="y2025-0"`, `id="y2024-0"`} {
		if n := strings.Count(figure, year); n != 1 {
			t.Errorf("the figure's page has %s %d times, want once", year, n)
		}
	}
}

// TestDraftsWithProblemsCounted checks that the drafts a build leaves out
// for problems of their own are counted with the others. A trial: with a
// draft whose branch was unknown, the summary said one draft, and two once
// the branch was fixed.
func TestDraftsWithProblemsCounted(t *testing.T) {
	s := fixture(t)
	s.WriteFile(t, "content/stories/2024/05/branch.md", []byte("---\ntitle: 支部未登记的草稿\ndate: 2024-05-01\nbranch: 未登记的支部\ncategory: grassroots\ndraft: true\n---\n\n正文。\n"))
	s.WriteFile(t, "content/stories/2024/05/date.md", []byte("---\ntitle: 日期写错的草稿\ndate: 2024-13-01\nbranch: shanmu\ncategory: grassroots\ndraft: true\n---\n\n正文。\n"))
	if res := buildSite(t, s, nil); res.Stats.Drafts != 3 {
		t.Errorf("%d drafts left out, want 3: the fixture's and the two with problems", res.Stats.Drafts)
	}
}

// TestGolden builds the fixture and compares a digest of the whole output
// and full copies of its key files with testdata/*.golden (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	s := fixture(t)
	res := buildSite(t, s, nil)
	if res.Stats.Stories != len(published) || res.Stats.Drafts != 1 || res.Stats.Scheduled != 1 {
		t.Errorf("stats: %d stories, %d drafts, %d scheduled; want %d, 1, 1", res.Stats.Stories, res.Stats.Drafts, res.Stats.Scheduled, len(published))
	}
	// The scheduled story is named, for the command to list.
	if h := res.Stats.Held; len(h) != 1 || h[0].File != "content/stories/2027/01/future.md" || h[0].Date.Format("2006-01-02 15:04") != "2027-01-05 09:00" {
		t.Errorf("held: %+v, want content/stories/2027/01/future.md at 2027-01-05 09:00", h)
	}
	tree := s.Tree(t, "public")
	// The manifest names the program that wrote it, which every change of
	// code changes; its entries are checked below.
	digest := maps.Clone(tree)
	delete(digest, output.ManifestName)
	testsite.Golden(t, "digest.golden", []byte(testsite.Digest(digest)))
	for _, f := range []struct{ golden, file string }{
		{"story.html.golden", outputFile(storyVeterans.path)},
		{"bundle.html.golden", outputFile(storyMarket.path)},
		{"home.html.golden", "index.html"},
		{"tag.html.golden", "tags/乡村振兴/index.html"},
		{"index.xml.golden", "index.xml"},
		{"feed.json.golden", "feed.json"},
		{"sitemap.xml.golden", "sitemap.xml"},
		{"robots.txt.golden", "robots.txt"},
	} {
		data, ok := tree[f.file]
		if !ok {
			t.Errorf("%s was not written", f.file)
			continue
		}
		testsite.Golden(t, f.golden, data)
	}

	// The manifest lists exactly the files written, with their sizes.
	m, err := output.ReadManifest(s.Path("public"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, e := range m.Files {
		listed = append(listed, e.Path)
		if int64(len(tree[e.Path])) != e.Size {
			t.Errorf("manifest: %s has size %d, the file %d", e.Path, e.Size, len(tree[e.Path]))
		}
	}
	var written []string
	for p := range tree {
		if p != output.ManifestName {
			written = append(written, p)
		}
	}
	slices.Sort(written)
	if !slices.Equal(listed, written) {
		t.Errorf("manifest lists\n%s\nbut the output holds\n%s", strings.Join(listed, "\n"), strings.Join(written, "\n"))
	}
}

// TestFixturePages checks what the fixture writes and leaves out, and that
// text with HTML in it is escaped.
func TestFixturePages(t *testing.T) {
	s := fixture(t)
	buildSite(t, s, nil)
	for _, f := range []string{
		"index.html", "page/2/index.html", "about/index.html", "404.html",
		outputFile(storyVeterans.path), outputFile(storyMarket.path), "stories/2024/03/market/photo.svg",
		"tags/veterans/index.html", "tags/veterans/index.xml", "tags/5g/index.html", "tags/创业/index.html",
		"tags/乡村振兴/index.html", "tags/乡村振兴/page/2/index.html", "tags/乡村振兴/index.xml",
		"categories/index.html", "categories/practical-deeds/index.html", "categories/practical-deeds/index.xml",
		"branches/index.html", "branches/shanmu/index.html", "branches/shanmu/index.xml",
		"archives/index.html", "archives/2024/index.html", "archives/2024/01/index.html", "archives/2023/12/index.html",
		"index.xml", "feed.json", "sitemap.xml", "robots.txt",
	} {
		if !s.Exists("public/" + f) {
			t.Errorf("%s was not written", f)
		}
	}
	for _, f := range []string{
		outputFile(storyDraft.path), outputFile(storyFuture.path), "archives/2027/index.html", "archives/2024/04/index.html",
	} {
		if s.Exists("public/" + f) {
			t.Errorf("%s was written, but its story is a draft or scheduled", f)
		}
	}
	for _, f := range []string{"index.xml", "feed.json", "sitemap.xml", "tags/乡村振兴/index.html", "index.html"} {
		got := s.Read(t, "public/"+f)
		for _, leak := range []string{"尚未定稿", "新春走访", "draft/", "future/"} {
			if strings.Contains(got, leak) {
				t.Errorf("%s mentions %q, from a story that is not published", f, leak)
			}
		}
	}
	// The title holds markup and "&": it is text everywhere.
	for _, f := range []string{outputFile(storyMarket.path), "index.html", "tags/志愿服务/index.html"} {
		got := s.Read(t, "public/"+f)
		if strings.Contains(got, "<em>“红色周末”</em>") {
			t.Errorf("%s lets the markup of a title through", f)
		}
		if !strings.Contains(got, "&lt;em&gt;“红色周末”&lt;/em&gt;集市开张 &amp; 党员志愿者") {
			t.Errorf("%s does not show the title as escaped text", f)
		}
	}
	// A trial: the home page's second page had the first's title.
	home := regexp.MustCompile(`<title>([^<]*)</title>`)
	if m1, m2 := home.FindStringSubmatch(s.Read(t, "public/index.html")), home.FindStringSubmatch(s.Read(t, "public/page/2/index.html")); m1 == nil || m2 == nil || m1[1] == m2[1] || !strings.Contains(m2[1], "2") {
		t.Errorf("titles of the home page's pages 1 and 2: %q, %q; want the page's number in the second", m1, m2)
	}
	// Achievements are shown on the story and added up on the branch.
	s.Contains(t, "public/"+outputFile(storyAchievements.path), "村集体经济收入", "102.5", "万元", "1300", "亩")
	s.Contains(t, "public/branches/shanmu/index.html", "村集体经济收入", "102.5")
	// Links between stories and pages, and a bundle's image, are under the
	// base path.
	s.Contains(t, "public/about/index.html", `href="/news/stories/2024/03/market/"`)
	s.Contains(t, "public/"+outputFile(storyMarket.path), `<meta property="og:image" content="https://example.org/news/stories/2024/03/market/photo.svg">`)
	s.Contains(t, "public/"+outputFile(storyAchievements.path), `href="`+escaped("/news"+storyVeterans.path)+`"`)
	s.Contains(t, "public/"+outputFile(storyMarket.path), `src="/news/stories/2024/03/market/photo.svg"`)
	// A cover on another site, written without a scheme, stays there.
	s.Contains(t, "public/"+outputFile(story5G.path), `<img src="//img.example.com/5g.jpg"`,
		`<meta property="og:image" content="https://img.example.com/5g.jpg">`)
}

// TestDraftsAndFuture checks that the draft and the scheduled story appear
// with the Drafts and Future options, each only with its own.
func TestDraftsAndFuture(t *testing.T) {
	for _, tc := range []struct {
		name         string
		drafts       bool
		future       bool
		draft, sched bool // whether the draft and the scheduled story are published
		stories      int
		leftD, leftS int
	}{
		{"default", false, false, false, false, 4, 1, 1},
		{"drafts", true, false, true, false, 5, 0, 1},
		{"future", false, true, false, true, 5, 1, 0},
		{"both", true, true, true, true, 6, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			res := buildSite(t, s, func(o *build.Options) { o.Drafts, o.Future = tc.drafts, tc.future })
			if got := s.Exists("public/" + outputFile(storyDraft.path)); got != tc.draft {
				t.Errorf("draft written: %v, want %v", got, tc.draft)
			}
			if got := s.Exists("public/" + outputFile(storyFuture.path)); got != tc.sched {
				t.Errorf("scheduled story written: %v, want %v", got, tc.sched)
			}
			if got := strings.Contains(s.Read(t, "public/sitemap.xml"), "/future/"); got != tc.sched {
				t.Errorf("scheduled story in the sitemap: %v, want %v", got, tc.sched)
			}
			if got := s.Exists("public/archives/2027/01/index.html"); got != tc.sched {
				t.Errorf("archives/2027/01 written: %v, want %v", got, tc.sched)
			}
			st := res.Stats
			if st.Stories != tc.stories || st.Drafts != tc.leftD || st.Scheduled != tc.leftS {
				t.Errorf("stats: %d stories, %d drafts and %d scheduled left out; want %d, %d, %d",
					st.Stories, st.Drafts, st.Scheduled, tc.stories, tc.leftD, tc.leftS)
			}
		})
	}
}

// TestReviewMark checks that the manifest marks a build that includes
// drafts or stories dated after its time, which publish refuses (a trial:
// a --drafts build was published, drafts and all), and only such a build:
// an ordinary manifest, and one after a build for review, have the bytes
// of a fresh build's.
func TestReviewMark(t *testing.T) {
	later := testsite.Now.AddDate(3, 0, 0) // storyFuture is past
	for _, tc := range []struct {
		name           string
		edit           func(*build.Options)
		drafts, future bool
	}{
		{"ordinary", nil, false, false},
		{"drafts", func(o *build.Options) { o.Drafts = true }, true, false},
		{"future", func(o *build.Options) { o.Future = true }, false, true},
		{"both", func(o *build.Options) { o.Drafts, o.Future = true, true }, true, true},
		{"future, when no story is", func(o *build.Options) { o.Future, o.Now = true, later }, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			res := buildSite(t, s, tc.edit)
			if m := res.Manifest; m.Drafts != tc.drafts || m.Future != tc.future {
				t.Errorf("manifest drafts %v, future %v; want %v, %v", m.Drafts, m.Future, tc.drafts, tc.future)
			}
			data := s.Read(t, "public/"+output.ManifestName)
			if got := strings.Contains(data, `"drafts": true,`); got != tc.drafts {
				t.Errorf("the manifest marks drafts: %v, want %v", got, tc.drafts)
			}
			if got := strings.Contains(data, `"future": true,`); got != tc.future {
				t.Errorf("the manifest marks future: %v, want %v", got, tc.future)
			}
			if m, err := output.ReadManifest(s.Path("public")); err != nil || m.Drafts != tc.drafts || m.Future != tc.future {
				t.Errorf("manifest read back: drafts %v, future %v (%v)", m.Drafts, m.Future, err)
			}
			// The next build, without the flags, updates the output and
			// clears the mark: its manifest is a fresh build's.
			if res := buildSite(t, s, nil); res.Stats.Written == res.Stats.Files {
				t.Errorf("the build after wrote every file: want an update")
			}
			got := s.Read(t, "public/"+output.ManifestName)
			buildSite(t, s, func(o *build.Options) { o.Full = true })
			if want := s.Read(t, "public/"+output.ManifestName); got != want {
				t.Errorf("the manifest after an ordinary build differs from a fresh one's:\n%.300s\nwant:\n%.300s", got, want)
			}
		})
	}
	// A build with --future, then one without once its story is past: the
	// same files, and the mark still goes.
	s := fixture(t)
	buildSite(t, s, func(o *build.Options) { o.Future = true })
	res := buildSite(t, s, func(o *build.Options) { o.Now = later })
	if res.Stats.Written != 0 {
		t.Errorf("the build after the story's date wrote %d files, want none", res.Stats.Written)
	}
	if m, _ := output.ReadManifest(s.Path("public")); res.Manifest.Future || m.Future {
		t.Errorf("after the scheduled story's date, the manifest is still marked future")
	}
}

// TestFeeds parses the home page's RSS, a Chinese tag's RSS and the JSON
// Feed with a real feed client.
func TestFeeds(t *testing.T) {
	s := fixture(t)
	buildSite(t, s, nil)
	tree := s.Tree(t, "public")
	base, _ := url.Parse(baseURL)
	var tagStories []wantStory
	for _, w := range published {
		if slices.Contains(w.tags, "乡村振兴") {
			tagStories = append(tagStories, w)
		}
	}
	var oneStory []wantStory
	for _, w := range published {
		if slices.Contains(w.tags, "创业") {
			oneStory = append(oneStory, w)
		}
	}
	for _, tc := range []struct {
		file, feedType, version, title, link string
		stories                              []wantStory
	}{
		{"index.xml", "rss", "2.0", "示范区党建动态", baseURL, published},
		{"tags/乡村振兴/index.xml", "rss", "2.0", "标签：乡村振兴 - 示范区党建动态", absURL("/tags/乡村振兴/"), tagStories},
		{"tags/创业/index.xml", "rss", "2.0", "标签：创业 - 示范区党建动态", absURL("/tags/创业/"), oneStory},
		{"feed.json", "json", "https://jsonfeed.org/version/1.1", "示范区党建动态", baseURL, published},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, ok := tree[tc.file]
			if !ok {
				t.Fatalf("%s was not written", tc.file)
			}
			f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("parse %s: %v", tc.file, err)
			}
			if f.FeedType != tc.feedType || f.FeedVersion != tc.version {
				t.Errorf("type %q version %q, want %q %q", f.FeedType, f.FeedVersion, tc.feedType, tc.version)
			}
			if f.Title != tc.title {
				t.Errorf("title %q, want %q", f.Title, tc.title)
			}
			if f.Language != "zh-CN" {
				t.Errorf("language %q, want zh-CN", f.Language)
			}
			if f.Link != tc.link {
				t.Errorf("link %q, want %q", f.Link, tc.link)
			}
			if self := absURL("/" + tc.file); f.FeedLink != self {
				t.Errorf("the feed's own address is %q, want %q", f.FeedLink, self)
			}
			want := tc.stories[:min(feedMax, len(tc.stories))]
			if len(f.Items) != len(want) {
				t.Fatalf("%d items, want min(feeds.limit %d, %d stories) = %d", len(f.Items), feedMax, len(tc.stories), len(want))
			}
			for i, it := range f.Items {
				w := want[i]
				if it.Title != w.title {
					t.Errorf("item %d: title %q, want %q", i, it.Title, w.title)
				}
				if it.Link != absURL(w.path) {
					t.Errorf("item %d: link %q, want %q", i, it.Link, absURL(w.path))
				}
				if !isPercentEncoded(it.Link) {
					t.Errorf("item %d: link %q is not percent-encoded", i, it.Link)
				}
				if u, err := url.Parse(it.Link); err != nil || !u.IsAbs() {
					t.Errorf("item %d: link %q is not an absolute URL", i, it.Link)
				}
				if file, why := resolve(it.Link, base); why != "" {
					t.Errorf("item %d: link %q: %s", i, it.Link, why)
				} else if _, ok := tree[file]; !ok {
					t.Errorf("item %d: link %q resolves to %s, which was not written", i, it.Link, file)
				}
				if it.PublishedParsed == nil {
					t.Errorf("item %d: no date (%q)", i, it.Published)
				} else if !it.PublishedParsed.Equal(w.date) {
					t.Errorf("item %d: date %v, want %v", i, it.PublishedParsed, w.date)
				}
				if i > 0 && f.Items[i-1].PublishedParsed != nil && it.PublishedParsed != nil &&
					it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
					t.Errorf("item %d is newer than item %d: not newest first", i, i-1)
				}
				if it.Content == "" {
					t.Errorf("item %d: no content (feeds.fullContent is on by default)", i)
				}
				if it.GUID != it.Link {
					t.Errorf("item %d: guid %q, want its link %q", i, it.GUID, it.Link)
				}
				for _, tag := range w.tags {
					if !slices.Contains(it.Categories, tag) {
						t.Errorf("item %d: categories %q lack the tag %q", i, it.Categories, tag)
					}
				}
				if it.Image != nil {
					if file, why := resolve(it.Image.URL, base); why != "" || tree[file] == nil {
						t.Errorf("item %d: image %q does not resolve to a written file %s", i, it.Image.URL, why)
					}
				}
			}
			if f.FeedType == "rss" {
				// A feed's date is its newest story's, never the build's.
				if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(want[0].date) {
					t.Errorf("lastBuildDate %v (%q), want the newest story's date %v", f.UpdatedParsed, f.Updated, want[0].date)
				}
			}
		})
	}
}

// TestSitemap parses sitemap.xml and checks that every location is a
// percent-encoded URL under the base URL that resolves to a written file, and
// that every story and page is listed.
func TestSitemap(t *testing.T) {
	s := fixture(t)
	buildSite(t, s, nil)
	tree := s.Tree(t, "public")
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(tree["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	base, _ := url.Parse(baseURL)
	listed := map[string]bool{}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, baseURL) {
			t.Errorf("%s is not under the base URL %s", u.Loc, baseURL)
		}
		if !isPercentEncoded(u.Loc) {
			t.Errorf("%s is not percent-encoded", u.Loc)
		}
		file, why := resolve(u.Loc, base)
		if why != "" {
			t.Errorf("%s: %s", u.Loc, why)
		} else if _, ok := tree[file]; !ok {
			t.Errorf("%s resolves to %s, which was not written", u.Loc, file)
		}
		if listed[u.Loc] {
			t.Errorf("%s is listed twice", u.Loc)
		}
		listed[u.Loc] = true
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q is not RFC 3339: %v", u.Loc, u.LastMod, err)
			}
		}
	}
	for _, w := range published {
		if !listed[absURL(w.path)] {
			t.Errorf("story %s is not in the sitemap", absURL(w.path))
		}
	}
	for _, p := range []string{"/", "/about/", "/tags/乡村振兴/", "/tags/veterans/", "/categories/", "/archives/2024/01/"} {
		if !listed[absURL(p)] {
			t.Errorf("%s is not in the sitemap", absURL(p))
		}
	}
	// A story's lastmod is its date.
	for _, u := range set.URLs {
		if u.Loc == absURL(storyVeterans.path) {
			if d, err := time.Parse(time.RFC3339, u.LastMod); err != nil || !d.Equal(storyVeterans.date) {
				t.Errorf("%s: lastmod %q, want %s", u.Loc, u.LastMod, storyVeterans.date.Format(time.RFC3339))
			}
		}
	}
	s.Contains(t, "public/robots.txt", "Sitemap: "+baseURL+"sitemap.xml\n")
}

// TestDeterminism builds the fixture and the repository's sample site
// three times: on one core with one worker, on eight with eight, and on
// eight with the story pages written once every story is converted rather
// than as each is (build.SetPagesAhead); and compares every byte of every
// file.
func TestDeterminism(t *testing.T) {
	for _, tc := range []struct {
		name string
		site func(*testing.T) *testsite.Site
	}{
		{"fixture", fixture},
		{"sample", sample},
		{"sample with a footer of its own", sampleOwnFooter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.site(t)
			builds := []struct {
				name  string
				procs int
				ahead bool
			}{
				{"1 worker", 1, true},
				{"8 workers", 8, true},
				{"story pages written last", 8, false},
			}
			var trees []map[string][]byte
			for i, b := range builds {
				out := "public-" + string(rune('a'+i))
				func() {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(b.procs))
					defer build.SetPagesAhead(b.ahead)()
					buildSite(t, s, func(o *build.Options) { o.Out, o.Workers = s.Path(out), b.procs })
				}()
				trees = append(trees, s.Tree(t, out))
			}
			if len(trees[0]) < 10 {
				t.Fatalf("only %d files written", len(trees[0]))
			}
			for i, b := range builds[1:] {
				a, o := trees[0], trees[i+1]
				for _, p := range sortedKeys(a, o) {
					switch x, y := a[p], o[p]; {
					case x == nil:
						t.Errorf("%s written only with %s", p, b.name)
					case y == nil:
						t.Errorf("%s written only with %s", p, builds[0].name)
					case !bytes.Equal(x, y):
						t.Errorf("%s differs between %s and %s", p, builds[0].name, b.name)
					}
				}
			}
		})
	}
}

func sortedKeys(trees ...map[string][]byte) []string {
	var keys []string
	for _, tree := range trees {
		for k := range tree {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// TestFailedBuildKeepsOutput breaks a template of the site, and checks that
// the failing build leaves the previous output exactly as it was, with no
// temporary folder beside it.
func TestFailedBuildKeepsOutput(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
	}{
		// fails while rendering: the template runs, then meets a missing field
		{"execute", "templates/story.html", `{{define "main"}}<p>{{.Story.Titel}}</p>{{end}}`},
		// fails while parsing the templates
		{"parse", "templates/list.html", `{{define "main"}}{{range .Pager.Stories}}{{end}`},
		// fails in a partial that every page uses
		{"partial", "templates/partials/footer.html", `<footer>{{.Config.Params.nosuchkey}}</footer>`},
		// fails before rendering: a problem in the content
		{"content", "content/stories/2024/05/typo.md", "---\ntitle: 错别字\ndate: 2024-05-01\nbranch: 杉木村党支部\ncategory: 基层治理\n---\n正文\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			buildSite(t, s, nil)
			before := s.Tree(t, "public")
			s.WriteFile(t, tc.file, []byte(tc.text))
			_, err := s.Build(t, s.Options(testsite.Theme(t)))
			if err == nil {
				t.Fatal("the build with a broken template succeeded")
			}
			if !strings.Contains(err.Error(), tc.file) {
				t.Errorf("the error does not name %s: %v", tc.file, err)
			}
			after := s.Tree(t, "public")
			for _, p := range sortedKeys(before, after) {
				if !bytes.Equal(before[p], after[p]) {
					t.Errorf("the failed build changed public/%s", p)
				}
			}
			noTemp(t, s.Dir)
			// The lock, which an update takes while the model is built,
			// is let go.
			unlock, err := output.Lock(s.Path("public"))
			if err != nil {
				t.Fatalf("the failed build kept the output's lock: %v", err)
			}
			unlock()
		})
	}
}

// TestStaleTempFolders checks that the temporary and old folders a killed
// build leaves beside the output are removed by the next build.
func TestStaleTempFolders(t *testing.T) {
	s := fixture(t)
	buildSite(t, s, nil)
	s.WriteFile(t, ".public.tmp-1234/index.html", []byte("half a build"))
	s.WriteFile(t, ".public.old-1234/index.html", []byte("an old build"))
	buildSite(t, s, nil)
	noTemp(t, s.Dir)
	if got := s.Read(t, "public/index.html"); !strings.Contains(got, "示范区党建动态") {
		t.Errorf("public/index.html is not the new build:\n%s", got)
	}
}

// noTemp fails the test if dir holds a temporary or old output folder.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.Contains(e.Name(), ".old-") {
			t.Errorf("%s was left behind in %s", e.Name(), dir)
		}
	}
}

// TestRefusedOutput checks the output folders a build must not replace: a
// non-empty folder that herald did not write, the site's own folder or one
// that holds it, and a folder inside those the build reads.
func TestRefusedOutput(t *testing.T) {
	t.Run("foreign", func(t *testing.T) {
		s := fixture(t)
		s.WriteFile(t, "mine/notes.txt", []byte("my own notes\n"))
		_, err := s.Build(t, func() build.Options {
			o := s.Options(testsite.Theme(t))
			o.Out = s.Path("mine")
			return o
		}())
		if err == nil || !strings.Contains(err.Error(), output.ManifestName) {
			t.Fatalf("a folder without a manifest was accepted as output: %v", err)
		}
		tree := s.Tree(t, "mine")
		if len(tree) != 1 || string(tree["notes.txt"]) != "my own notes\n" {
			t.Errorf("the refused folder was changed: %v", slices.Sorted(maps.Keys(tree)))
		}
		noTemp(t, s.Dir)
	})
	for _, tc := range []struct {
		name string
		out  func(s *testsite.Site) string
	}{
		{"site", func(s *testsite.Site) string { return s.Dir }},
		{"site-dot", func(s *testsite.Site) string { return s.Dir + string(filepath.Separator) + "." }},
		{"parent", func(s *testsite.Site) string { return filepath.Dir(s.Dir) }},
		{"content", func(s *testsite.Site) string { return s.Path("content") }},
		{"inside content", func(s *testsite.Site) string { return s.Path("content/public") }},
		{"inside static", func(s *testsite.Site) string { return s.Path("static/site") }},
		{"inside templates", func(s *testsite.Site) string { return s.Path("templates/out") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			before := s.Tree(t, ".")
			var stdout, stderr bytes.Buffer
			code := cli.Main(context.Background(), []string{"build", "--source", s.Dir, "--out", tc.out(s)}, &stdout, &stderr, testsite.Theme(t))
			if code != 1 {
				t.Errorf("herald build --out %s exited %d, want 1; stderr:\n%s", tc.name, code, stderr.String())
			}
			if stderr.Len() == 0 {
				t.Error("no error message")
			}
			after := s.Tree(t, ".")
			for _, p := range sortedKeys(before, after) {
				if !bytes.Equal(before[p], after[p]) {
					t.Errorf("the refused build changed %s", p)
				}
			}
			noTemp(t, s.Dir)
			noTemp(t, filepath.Dir(s.Dir))
		})
	}
}

// TestBuildLocked checks that a build refuses an output another build is
// writing, changing nothing, and proceeds once that build is done: a first
// build, and an update, which takes the lock while the model is built.
func TestBuildLocked(t *testing.T) {
	for _, update := range []bool{false, true} {
		t.Run(fmt.Sprintf("update=%v", update), func(t *testing.T) {
			s := fixture(t)
			var before map[string][]byte
			if update {
				buildSite(t, s, nil)
				s.WriteFile(t, "content/stories/2024/05/new.md", []byte("---\ntitle: 新报道\ndate: 2024-05-01\nbranch: shanmu\ncategory: industry-chain\n---\n正文\n"))
				before = s.Tree(t, "public")
			}
			unlock, err := output.Lock(s.Path("public"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Build(t, s.Options(testsite.Theme(t)))
			if !errors.Is(err, output.ErrBusy) {
				t.Errorf("a build beside another returned %v, want %v", err, output.ErrBusy)
			}
			if !update && s.Exists("public") {
				t.Error("a refused build wrote its output")
			}
			if update {
				after := s.Tree(t, "public")
				for _, p := range sortedKeys(before, after) {
					if !bytes.Equal(before[p], after[p]) {
						t.Errorf("a refused update changed public/%s", p)
					}
				}
			}
			unlock()
			buildSite(t, s, nil)
			if !s.Exists("public/index.html") {
				t.Error("no site after the lock was released")
			}
		})
	}
}

// TestSymlinkOutput builds into an output folder that is a symbolic link,
// as one to a web server's folder would be. Issue: the swap replaced the
// link with a folder, and the lock, taken on the link's path, let a build
// through the link and one through the folder write at once.
func TestSymlinkOutput(t *testing.T) {
	s := fixture(t)
	if err := os.Mkdir(s.Path("www"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(s.Path("www"), s.Path("public")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, full := range []bool{true, false} {
		buildSite(t, s, func(o *build.Options) { o.Full = full })
		if info, err := os.Lstat(s.Path("public")); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("public is no longer a link (%v)", err)
		}
		if !s.Exists("www/index.html") {
			t.Fatal("the site is not in the folder the link points to")
		}
	}
	unlock, err := output.Lock(s.Path("www"))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := s.Build(t, s.Options(testsite.Theme(t))); !errors.Is(err, output.ErrBusy) {
		t.Errorf("a build through the link, beside one of the folder, returned %v, want %v", err, output.ErrBusy)
	}
}

// TestSymlinkToNothing builds into an output folder that is a symbolic
// link to a folder not made yet: the build makes it (a trial: "rename …:
// not a directory").
func TestSymlinkToNothing(t *testing.T) {
	s := fixture(t)
	if err := os.Symlink("www", s.Path("public")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	buildSite(t, s, nil)
	if info, err := os.Lstat(s.Path("public")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a link (%v)", err)
	}
	if !s.Exists("www/index.html") {
		t.Fatal("the site is not in the folder the link points to")
	}
}

// TestOldOutputLeft builds over an output that cannot be removed once it
// is moved aside: the new output is in place, and the build succeeds with
// a warning (a trial: it failed, and CI with it, after the swap).
func TestOldOutputLeft(t *testing.T) {
	s := fixture(t)
	buildSite(t, s, nil)
	lockFolder(t, s.Dir, s.Path("public/stories"))
	res := buildSite(t, s, func(o *build.Options) { o.Full = true })
	var warned bool
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w.Error(), "could not be removed")
	}
	if !warned {
		t.Errorf("warnings %v: want the old output's", res.Warnings)
	}
	if !s.Exists("public/index.html") {
		t.Error("the new output is not in place")
	}
}

// lockFolder makes the entries of dir, a folder of the site at root,
// impossible to remove until the test ends: read-only for an ordinary user,
// immutable for root, whom permissions do not stop. The test skips, loudly
// and under CI too, only when root may not set the flag: a container can
// withhold that capability, which no package gives back.
func lockFolder(t *testing.T, root, dir string) {
	t.Helper()
	undo := func(p string) { os.Chmod(p, 0o755) }
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := setImmutable(dir, true); err != nil {
			t.Skipf("\n\n*** SKIPPED: root cannot make %s immutable (%v), and nothing else keeps root from removing it ***\n", dir, err)
		}
		undo = func(p string) {
			if err := setImmutable(p, false); err != nil {
				t.Errorf("the test leaves %s immutable: %v", p, err)
			}
		}
	}
	// The build moves the locked folder aside with the output around it.
	t.Cleanup(func() {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				undo(p)
			}
			return nil
		})
	})
}

// TestBodiesAfterRelease gives the site a list template that shows every
// story's whole body: a build lets a story's HTML go once its page is
// written, and the lists, rendered after, must convert it again.
func TestBodiesAfterRelease(t *testing.T) {
	s := fixture(t)
	// Feeds without the stories' HTML: a build keeps none.
	s.WriteFile(t, "site.yaml", []byte(strings.Replace(s.Read(t, "site.yaml"), "  limit: 3\n", "  limit: 3\n  fullContent: false\n", 1)))
	s.WriteFile(t, "templates/list.html", []byte(`{{define "main"}}{{range .Pager.Stories}}<article>{{trusted .Body}}</article>{{end}}{{end}}`))
	for _, cached := range []bool{false, true} {
		buildSite(t, s, func(o *build.Options) {
			o.Full = true
			if cached {
				o.CacheDir = s.Path(build.CacheDir)
			}
		})
		s.Contains(t, "public/tags/veterans/index.html", "<h2 id=", "帮助其中 3 人在村里创业")
	}
}

// TestTextWithOwnTemplates gives the site a list template that shows each
// story's plain text. Issue: the indexer, which runs while the pages
// render, let each story's Text go once indexed, and the lists showed
// empty texts, different ones from run to run.
func TestTextWithOwnTemplates(t *testing.T) {
	s := fixture(t)
	for i := range 300 {
		s.WriteFile(t, fmt.Sprintf("content/stories/2022/05/s%03d.md", i), newStory("2022-05-10", ""))
	}
	s.WriteFile(t, "templates/list.html", []byte(`{{define "main"}}{{range .Pager.Stories}}<i>[{{.Text}}]</i>{{end}}{{end}}`))
	buildSite(t, s, nil)
	for p, data := range s.Tree(t, "public") {
		if strings.HasSuffix(p, ".html") && bytes.Contains(data, []byte("<i>[]</i>")) {
			t.Errorf("%s shows a story without its text", p)
		}
	}
}

// TestMissingSource checks that a build of a folder that does not exist,
// a mistyped --source, creates nothing, and says so of the flag.
func TestMissingSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mistyped")
	res, err := build.Build(context.Background(), build.Options{Source: dir, Theme: testsite.Theme(t)})
	if err == nil {
		t.Fatalf("built %+v from a missing folder", res)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the build created %s (%v)", dir, err)
	}
	// It names the folder and the flag (a trial: "site.yaml does not
	// exist", with the hint to go into the site's folder, named neither).
	want := []string{fmt.Sprintf("--source: the folder %q does not exist\n\thint: name the site's folder, the one that holds site.yaml and content/", dir)}
	if got := problemsOf(t, err); !slices.Equal(got, want) {
		t.Errorf("the build's problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got := []string{}
	for _, p := range safeCheck(t, build.Options{Source: dir, Theme: testsite.Theme(t)}).Problems() {
		got = append(got, p.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("check's problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSampleSite builds the repository's sample site and checks that every
// reference in its pages to the site itself resolves to a written file.
// The site shows a draft and a story scheduled after testsite.Now; the
// counts are lower bounds, so that a story a new user adds to content/,
// dated today, does not fail the test.
func TestSampleSite(t *testing.T) {
	s := sample(t)
	res := buildSite(t, s, nil)
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	if res.Stats.Stories < 20 || res.Stats.Drafts < 1 || res.Stats.Scheduled < 1 {
		t.Errorf("stats: %d stories, %d drafts, %d scheduled; want at least 20, 1, 1", res.Stats.Stories, res.Stats.Drafts, res.Stats.Scheduled)
	}
	checkLinks(t, s.Tree(t, "public"), "https://example.org/")
}

// TestFixtureLinks checks the same of the fixture, whose base URL has a
// path: every reference must be under it, also when --base-url replaces it
// (written without its final slash).
func TestFixtureLinks(t *testing.T) {
	for _, tc := range []struct{ flag, want string }{
		{"", baseURL},
		{"http://localhost:1313/preview", "http://localhost:1313/preview/"},
		{"https://example.net/", "https://example.net/"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			s := fixture(t)
			buildSite(t, s, func(o *build.Options) { o.Drafts, o.Future, o.BaseURL = true, true, tc.flag })
			tree := s.Tree(t, "public")
			checkLinks(t, tree, tc.want)
			for _, f := range []string{"index.xml", "feed.json", "sitemap.xml", "robots.txt"} {
				if !bytes.Contains(tree[f], []byte(tc.want)) {
					t.Errorf("%s does not hold the base URL %s", f, tc.want)
				}
				if tc.flag != "" && bytes.Contains(tree[f], []byte(baseURL)) {
					t.Errorf("%s holds site.yaml's base URL %s, not --base-url %s", f, baseURL, tc.flag)
				}
			}
		})
	}
}

// checkLinks parses every HTML page of an output and checks every href and
// src, and every <meta content> that is a URL of the site: a reference into
// the site — from its root ("/…"), with its host, or relative to the page —
// must be percent-encoded and resolve to a file of the output. The 404 page
// is served at any address, so it may hold no relative references.
func checkLinks(t *testing.T, tree map[string][]byte, baseURL string) {
	t.Helper()
	base, _ := url.Parse(baseURL)
	site := base.Scheme + "://" + base.Host + "/"
	pages, refs := 0, 0
	for _, p := range sortedKeys(tree) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		page := base.ResolveReference(&url.URL{Path: strings.TrimSuffix(p, "index.html")})
		z := html.NewTokenizer(bytes.NewReader(tree[p]))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					t.Errorf("%s: %v", p, z.Err())
				}
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			for _, a := range tok.Attr {
				v := a.Val
				switch {
				case a.Key == "href" || a.Key == "src":
				case a.Key == "content" && tok.Data == "meta" && strings.HasPrefix(v, site):
				default:
					continue
				}
				u, err := url.Parse(v)
				switch {
				case err != nil:
					t.Errorf("%s: <%s %s=%q>: %v", p, tok.Data, a.Key, v, err)
					continue
				case v == "" || strings.HasPrefix(v, "#"):
					continue // the page itself
				case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
					continue // mailto:, tel:, data:
				case (u.Scheme != "" || u.Host != "") && !strings.HasPrefix(v, site):
					continue // another site
				case u.Scheme == "" && u.Host == "" && !strings.HasPrefix(v, "/"):
					if p == "404.html" {
						t.Errorf("%s: <%s %s=%q> is relative, which breaks where the page is served", p, tok.Data, a.Key, v)
					}
				}
				refs++
				if !isPercentEncoded(v) {
					t.Errorf("%s: <%s %s=%q> is not percent-encoded", p, tok.Data, a.Key, v)
				}
				file, why := resolve(page.ResolveReference(u).String(), base)
				if why != "" {
					t.Errorf("%s: <%s %s=%q>: %s", p, tok.Data, a.Key, v, why)
					continue
				}
				if _, ok := tree[file]; !ok {
					t.Errorf("%s: <%s %s=%q> points to %s, which was not written", p, tok.Data, a.Key, v, file)
				}
			}
		}
	}
	if pages < 10 || refs < 100 {
		t.Errorf("only %d pages and %d references checked", pages, refs)
	}
}

// TestDraftProblems checks that a draft's problems stop no build that
// leaves the draft out (a trial: one writer's draft stopped every build and
// every publish from CI), are warnings in herald check too, and stop a
// build that publishes drafts. So they are when YAML cannot read the
// draft's front matter at all (a trial: a list left open, "tags: [a, b",
// stopped every build and check).
func TestDraftProblems(t *testing.T) {
	tests := []struct {
		name, data string
		warned     []string // what the warnings at the draft hold, in order
		drafts     string   // what the error of a build with --drafts holds
	}{
		{
			name:   "problems of the values and the links",
			data:   "---\ntitle: 未完成\ndate: 2024-02-10\nbranch: 杉木村党总部\ncategory: 为民办实事\ndraft: true\ncover: nowhere.jpg\n---\n正文。![图](missing.jpg) [旧](/nowhere/)\n",
			warned: []string{"the story is a draft", "unknown branch", "cover image"},
			drafts: "unknown branch",
		},
		{
			// Closed as the line check guesses, and read on: the
			// branch's problem shows with it.
			name:   "a list left open",
			data:   "---\ndraft: true\ntitle: 未完成的草稿\ndate: 2021-04-30\nbranch: lugu-fenglin\ncategory: 基层治理\ntags: [a, b\n---\n正文。\n",
			warned: []string{"the story is a draft", "unknown branch", "has no ] to close it"},
			drafts: "unknown branch",
		},
		{
			name:   "a mapping left open in a list, the draft below it",
			data:   "---\ntitle: 未完成的草稿\ndate: 2021-04-30\nbranch: 杉木村党总支\ncategory: 基层治理\nachievements:\n  - {label: 参会, value: 3, unit: 人\ndraft: True # 还没写完\n---\n正文。\n",
			warned: []string{"the story is a draft", "has no } to close it"},
			drafts: "has no } to close it",
		},
		{
			name:   "front matter YAML cannot read, the draft below it",
			data:   "---\ntitle: 未完成的草稿\ndate: 2021-04-30\nbranch: 杉木村党总支\ncategory: 基层治理\ntags: [a, b]]\ndraft: True # 还没写完\n---\n正文。\n",
			warned: []string{"the story is a draft", "invalid front matter"},
			drafts: "invalid front matter",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const file = "content/stories/2024/02/wip.md"
			s := fixture(t)
			s.WriteFile(t, file, []byte(tt.data))
			res := buildSite(t, s, nil)
			var warned []string
			for _, w := range res.Warnings {
				if w.Pos.File == file {
					warned = append(warned, w.Error())
				}
			}
			ok := len(warned) == len(tt.warned)
			for i := 0; ok && i < len(warned); i++ {
				ok = strings.Contains(warned[i], tt.warned[i])
			}
			if !ok {
				t.Errorf("warnings of the draft:\n%s\nwant warnings holding %q", strings.Join(warned, "\n"), tt.warned)
			}
			// A review: the draft's links, which check finds after the site is
			// made, still failed it.
			checked := safeCheck(t, s.Options(testsite.Theme(t)))
			notices := 0
			for _, p := range checked.Problems() {
				if strings.Contains(p.Error(), "the story is a draft") {
					notices++
				}
			}
			if checked.Errors() != 0 || notices != 1 {
				t.Errorf("check: %d errors and %d notices, want the draft's problems as warnings, and one notice: %v", checked.Errors(), notices, checked.Problems())
			}
			opts := s.Options(testsite.Theme(t))
			opts.Drafts = true
			var de *diag.Error
			if _, err := s.Build(t, opts); !errors.As(err, &de) || len(de.Problems) == 0 || !strings.Contains(de.Error(), tt.drafts) {
				t.Errorf("build --drafts: %v, want the draft's %s as an error", err, tt.drafts)
			}
		})
	}
}

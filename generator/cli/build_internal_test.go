package cli

import (
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/diag"
)

// TestTimingsCache checks that --timings says the content files came from
// the cache only when some did (a trial: a --full build said so).
func TestTimingsCache(t *testing.T) {
	for _, tt := range []struct {
		stats build.Stats
		want  string
	}{
		{build.Stats{Docs: 28, Read: 28, Parsed: 28, Converted: 28}, "  content files read: 28, parsed: 28, converted: 28\n"},
		{build.Stats{Docs: 28, Read: 1, Parsed: 1, Converted: 1}, "  content files read: 1, parsed: 1, converted: 1, the others from .herald/cache\n"},
	} {
		var out strings.Builder
		e := &env{stdout: &out, catalog: diag.English}
		e.timings(tt.stats)
		if got, _, _ := strings.Cut(out.String(), "  rendered"); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.stats, got, tt.want)
		}
	}
}

// TestTimingsLines checks the lines --timings adds, in English and in
// Chinese: one image decoded was "decoded 1 images".
func TestTimingsLines(t *testing.T) {
	tests := []struct {
		name   string
		stats  build.Stats
		en, zh string
	}{
		{"one image", build.Stats{Decoded: 1}, "  decoded 1 image for its smaller copies\n", "  为生成较小的副本解码了 1 张图片\n"},
		{"images", build.Stats{Decoded: 3}, "  decoded 3 images for their smaller copies\n", "  为生成较小的副本解码了 3 张图片\n"},
		{"none", build.Stats{}, "", ""},
		// A trial: the line said what is not tracked, not why.
		{"untrusted", build.Stats{Untrusted: "templates/partials/footer.html:3: index .Site.Stories 0"},
			"  every page renders, the output right but slower: templates/partials/footer.html:3: index .Site.Stories 0 is not tracked page by page\n  a page's fingerprint holds what the theme's templates show of the site; a template that shows more (the newest story on every page, another category's count) is rendered on every page at every build\n",
			"  每个页面都要重新渲染（结果正确，只是慢些）：templates/partials/footer.html:3: index .Site.Stories 0 无法按页面跟踪\n  页面的指纹只记录主题模板显示的网站内容；模板显示得更多（例如在每个页面上显示最新的报道、其他栏目的篇数）时，每次生成都要重新渲染全部页面\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range []struct {
				catalog diag.Catalog
				want    string
			}{{diag.English, tt.en}, {diag.Chinese, tt.zh}} {
				var out strings.Builder
				e := &env{stdout: &out, catalog: lang.catalog}
				e.timings(tt.stats)
				lines := strings.SplitAfter(out.String(), "\n")
				got := strings.Join(lines[2:], "") // after the files read and the pages rendered
				if got != lang.want {
					t.Errorf("got %q, want %q", got, lang.want)
				}
			}
		})
	}
}

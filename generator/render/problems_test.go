package render_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"herald/generator/diag"
	"herald/generator/internal/testsite"
	"herald/generator/render"
)

// TestTemplateProblems checks that a build reports every problem of the
// templates in one run, each at its file and line with a hint where one
// helps. Issue: one problem per run, and a missing template as
// "html/template:list.html:49:11: …", with no templates/ path.
func TestTemplateProblems(t *testing.T) {
	const (
		syntax  = "-- templates/partials/footer.html --\n<footer>\n{{.Site.Config.Params.phone}\n</footer>\n"
		funcs   = "-- templates/page.html --\n{{define \"main\"}}\n<h1>{{.Story.Title | isodat}}</h1>\n{{end}}\n"
		field   = "-- templates/story.html --\n{{define \"main\"}}{{$s := .Story}}\n<h1>{{$s.Titel}}</h1>\n{{end}}\n"
		missing = "-- templates/list.html --\n{{define \"main\"}}\n\n{{template \"partials/pagr.html\" .}}\n{{end}}\n"
	)
	const (
		copied   = "-- templates/partials/页脚 - 副本.html --\n"
		callCopy = "-- templates/page.html --\n{{define \"main\"}}{{template \"partials/页脚 - 副本.html\" .}}{{end}}\n"
	)
	callHelpers := func(name string) string {
		return "-- templates/page.html --\n{{define \"main\"}}\n{{template \"" + name + "\" .}}{{end}}\n"
	}
	var (
		syntaxWant  = "templates/partials/footer.html:2: syntax error: this {{ is closed with a single }\n\thint: close the action with }}, as in {{.Title}}"
		funcsWant   = "templates/page.html:2: unknown function \"isodat\"\n\thint: did you mean \"isodate\"?"
		fieldWant   = "templates/story.html:2: <$s.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton the page of content/stories/a.md"
		missingWant = "templates/list.html:3: there is no template \"partials/pagr.html\"\n\thint: did you mean \"partials/pager.html\"?"
	)
	tests := []struct {
		name  string
		files string
		want  []string
	}{
		{"syntax error in a partial", syntax, []string{syntaxWant}},
		{"unknown function", funcs, []string{funcsWant}},
		{"unknown function, none near", strings.Replace(funcs, "isodat", "upper", 1), []string{
			"templates/page.html:2: unknown function \"upper\"\n\thint: herald's functions are absURL, add, asset, base, date, figureChart, hasPrefix, isodate, monthChart, number, partialCached, sub, t, trusted, url; and the templates' own: and, or, not, len, index, slice, print, printf, println, html, js, urlquery, call, eq, ne, lt, le, gt, ge",
		}},
		// A trial: "unexpected EOF" at the file's last line, for a
		// {{range}} with no {{end}} ten lines up.
		{"a block with no end", "-- templates/partials/footer.html --\n<footer>\n{{range .Site.Pages}}\n<a href=\"{{.URL}}\">{{.Title}}</a>\n</footer>\n", []string{
			"templates/partials/footer.html:2: syntax error: {{range}} has no {{end}}\n\thint: add {{end}} where the range should stop: each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} ends with one",
		}},
		{"missing field", field, []string{fieldWant}},
		{"missing template", missing, []string{missingWant}},
		{"missing key", "-- templates/partials/footer.html --\n<footer>{{.Config.Params.phone}}</footer>\n", []string{
			"templates/partials/footer.html:1: <.Config.Params.phone>: there is no key \"phone\"\n\thint: give the key a value, or show it only when it has one: {{with index .Config.Params \"phone\"}}…{{end}}\n\ton 14 pages, the first being the page of content/stories/a.md",
		}},
		{"two syntax errors", syntax + strings.Replace(funcs, "| isodat}}", "}", 1), []string{
			"templates/page.html:2: syntax error: this {{ is closed with a single }\n\thint: close the action with }}, as in {{.Title}}",
			syntaxWant,
		}},
		{"all at once", syntax + funcs + field + missing, []string{missingWant, funcsWant, syntaxWant, fieldWant}},
		// A retrial: three runs for three missing templates in one
		// footer, the last first, and no hint for a partial's name
		// without its folder.
		{"missing templates in one file", "-- templates/partials/footer.html --\n<footer>{{template \"partials/Footer.html\" .}}\n{{template \"partials/links\" .}}\n{{template \"footer.html\" .}}\n</footer>\n", []string{
			"templates/partials/footer.html:1: there is no template \"partials/Footer.html\"\n\thint: did you mean \"partials/footer.html\"?",
			"templates/partials/footer.html:2: there is no template \"partials/links\"\n\thint: did you mean \"partials/links.html\"?",
			"templates/partials/footer.html:3: there is no template \"footer.html\"\n\thint: did you mean \"partials/footer.html\"?",
		}},
		// A trial: "did you mean base.html?", nearer by its letters.
		{"a partial without its folder", "-- templates/list.html --\n{{define \"main\"}}\n{{template \"pager.html\" .}}\n{{end}}\n", []string{
			"templates/list.html:2: there is no template \"pager.html\"\n\thint: did you mean \"partials/pager.html\"?",
		}},
		// A trial: a wrong call of date gave no example of a right one.
		{"too many arguments", "-- templates/story.html --\n{{define \"main\"}}\n<p>{{date .Story.Date \"2006年1月2日\" \"x\"}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: date is given 3 arguments, and takes 2\n\thint: call it as {{date .Story.Date \"2006年1月2日\"}}\n\ton the page of content/stories/a.md",
		}},
		// A trial: figureChart nil "" 0 said "invalid memory address".
		{"a chart of nothing", "-- templates/story.html --\n{{define \"main\"}}\n<p>{{figureChart nil \"\" 0}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: <figureChart nil \"\" 0>: error calling figureChart: figureChart is given no tally: give it one of a figure's units, as {{range $i, $u := .Figure.Units}}{{figureChart $u \"\" $i}}{{end}}\n\ton the page of content/stories/a.md",
		}},
		{"too few arguments", "-- templates/story.html --\n{{define \"main\"}}\n<p>{{partialCached}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: partialCached is given 0 arguments, and takes at least 2\n\thint: call it as {{partialCached \"partials/card.html\" . .URL}}\n\ton the page of content/stories/a.md",
		}},
		// A trial: Go's English, with no hint, for the mistakes a
		// designer makes most.
		{"a field of nil", "-- templates/list.html --\n{{define \"main\"}}\n<p>{{.Story.Branch.Name}}</p>\n{{end}}\n", []string{
			"templates/list.html:2: <.Story.Branch.Name>: .Story is nil on this page, and has no Branch\n\thint: show it only where there is one: {{with .Story}}{{.Branch.Name}}{{end}}\n\ton 3 pages, the first being the page at /",
		}},
		{"a value of another type", "-- templates/story.html --\n{{define \"main\"}}\n<p>{{date .Story.Title \"2006\"}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: <.Story.Title> is text (string), where a date (time.Time) is wanted\n\thint: a story's date is .Story.Date (in a list, .Date); {{date .Story.Date \"2006年1月2日\"}} shows it\n\ton the page of content/stories/a.md",
		}},
		{"past the end", "-- templates/archives.html --\n{{define \"main\"}}\n<p>{{index .Site.Stories 99999}}</p>\n{{end}}\n", []string{
			"templates/archives.html:2: <index .Site.Stories 99999>: there is nothing at position 99999, past the end\n\thint: positions start at 0: check the length first, as in {{if gt (len .Site.Stories) 99999}}{{index .Site.Stories 99999}}{{end}}\n\ton 3 pages, the first being the page at /archives/",
		}},
		// A trial: {{index .Story.Authors 1}} failed on the stories with
		// one author in Go's words, "reflect: slice index out of range",
		// and did not say which.
		{"past the end by one, on some pages", "-- content/stories/b.md --\n---\ntitle: 乙\ndate: 2024-03-02\nbranch: 荷花塘社区党委\ncategory: 为民办实事\nauthors: [张三, 李四]\n---\n正文。\n" +
			"-- content/stories/c.md --\n---\ntitle: 丙\ndate: 2024-03-03\nbranch: 荷花塘社区党委\ncategory: 为民办实事\nauthors: [王五]\n---\n正文。\n" +
			"-- templates/story.html --\n{{define \"main\"}}{{$s := .Story}}\n<p>{{index $s.Authors 1}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: <index $s.Authors 1>: there is nothing at position 1, past the end\n\thint: positions start at 0: check the length first, as in {{if gt (len $s.Authors) 1}}{{index $s.Authors 1}}{{end}}\n\ton 2 pages, the first being the page of content/stories/c.md",
		}},
		{"no field near", "-- templates/list.html --\n{{define \"main\"}}\n<p>{{.Pager.Everything}}</p>\n{{end}}\n", []string{
			"templates/list.html:2: <.Pager.Everything>: the pager (.Pager) has no field or method Everything\n\thint: its fields and methods are Number, Total, Stories, First, Prev, Next, Links\n\ton 3 pages, the first being the page at /",
		}},
		// A trial: a misspelt .Titel hid a misspelt .Tilte further down,
		// a run for each.
		{"several problems in one template", "-- templates/story.html --\n{{define \"main\"}}{{$s := .Story}}\n<h1>{{$s.Titel}}</h1>\n{{if .Story}}<p>{{.Fo}}{{$s.Branch.Nam}}</p>{{end}}\n<p>{{index $s.Authors 5}}</p>\n{{range .Story.Tags}}{{.Nme}}{{end}}\n{{end}}\n", []string{
			"templates/story.html:2: <$s.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton the page of content/stories/a.md",
			"templates/story.html:3: <$s.Branch.Nam>: a category, branch or tag (site.Term) has no field or method Nam\n\thint: did you mean \"Name\"?\n\ton the page of content/stories/a.md",
			"templates/story.html:3: <.Fo>: the page (.) has no field or method Fo\n\thint: its fields and methods are Site, Config, UI, Kind, Title, Description, Path, URL, Story, Term, Terms, Year, Month, Figure, Cover, Pager, Feed\n\ton the page of content/stories/a.md",
			"templates/story.html:4: <index $s.Authors 5>: there is nothing at position 5, past the end\n\thint: positions start at 0: check the length first, as in {{if gt (len $s.Authors) 5}}{{index $s.Authors 5}}{{end}}\n\ton the page of content/stories/a.md",
		}},
		// A trial: six problems in a card, which partialCached runs, took
		// six runs.
		{"several problems in a cached partial", "-- templates/partials/card.html --\n<article>{{.Titel}}\n{{with .Branch}}{{.Nmae}}{{end}}\n{{range .Title}}x{{end}}</article>\n", []string{
			"templates/partials/card.html:1: <.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton 3 pages, the first being the page at /",
			"templates/partials/card.html:2: <.Nmae>: a category, branch or tag (site.Term) has no field or method Nmae\n\thint: did you mean \"Name\"?\n\ton 3 pages, the first being the page at /",
			"templates/partials/card.html:3: {{range}} cannot go through <.Title>: it is no list\n\thint: range over a list, such as .Site.Stories, .Pager.Stories or .Story.Tags\n\ton 3 pages, the first being the page at /",
		}},
		// A trial: past a problem on every story page, one in a block
		// that only one story's page runs was found the run after.
		{"a problem on one page, past one on all", "-- content/stories/b.md --\n---\ntitle: 乙\ndate: 2024-03-02\nbranch: 荷花塘社区党委\ncategory: 为民办实事\neditor: 张三\n---\n正文。\n" +
			"-- templates/story.html --\n{{define \"main\"}}{{$s := .Story}}\n<h1>{{$s.Titel}}</h1>\n{{with index $s.Params \"editor\"}}<p>{{.Name}}</p>{{end}}\n{{end}}\n", []string{
			"templates/story.html:2: <$s.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton 2 pages, the first being the page of content/stories/b.md",
			"templates/story.html:3: <.Name>: text (string) has no field or method Name\n\thint: here the dot is text (string), which has no fields: inside {{with}} and {{range}} the dot is what they give; {{.}} shows it\n\ton the page of content/stories/b.md",
		}},
		// A trial: a footer's problem was said to be met on the pages
		// that had not failed earlier, not on all.
		{"a footer's problem, past a story page's", "-- templates/partials/footer.html --\n<footer>{{.Config.Titel}}</footer>\n" + field, []string{
			"templates/partials/footer.html:1: <.Config.Titel>: the configuration of site.yaml (.Config) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton 14 pages, the first being the page of content/stories/a.md",
			fieldWant,
		}},
		// A trial: in a card, whose dot is a story, .Story.Title was told
		// to have no field Story, with the story's every field listed.
		{"the page's field in a card", "-- templates/partials/card.html --\n<article>{{.Story.Title}}</article>\n", []string{
			"templates/partials/card.html:1: <.Story.Title>: a story (.Story) has no field or method Story\n\thint: the dot is a story here, as in a card: write .Title\n\ton 3 pages, the first being the page at /",
		}},
		{"the page's field in a with", "-- templates/page.html --\n{{define \"main\"}}{{with .Title}}<h1>{{.Config.Title}}</h1>{{end}}{{end}}\n", []string{
			"templates/page.html:1: <.Config.Title>: text (string) has no field or method Config\n\thint: here the dot is text (string), not the page: inside {{with}} and {{range}} the dot is what they give, and in a page's template the page is $, as in $.Config\n\ton the page of content/about.md",
		}},
		// Set aside, a variable's declaration would fail every use of it.
		{"a declaration that fails", "-- templates/story.html --\n{{define \"main\"}}\n<h1>{{.Story.Titel}}</h1>\n{{$b := .Story.Brnch}}\n<p>{{$b.Name}}</p>\n{{end}}\n", []string{
			"templates/story.html:2: <.Story.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton the page of content/stories/a.md",
			"templates/story.html:3: <.Story.Brnch>: a story (.Story) has no field or method Brnch\n\thint: did you mean \"Branch\"?\n\ton the page of content/stories/a.md",
		}},
		// partialCached runs the partial of the set the page is rendered
		// again in, with the part that failed set aside.
		{"past a cached partial", "-- templates/partials/byline.html --\n<p>{{.Athors}}</p>\n-- templates/story.html --\n{{define \"main\"}}\n{{partialCached \"partials/byline.html\" .Story .Story.Path}}\n<h1>{{.Story.Titel}}</h1>\n{{end}}\n", []string{
			"templates/partials/byline.html:1: <.Athors>: a story (.Story) has no field or method Athors\n\thint: did you mean \"Authors\"?\n\ton the page of content/stories/a.md",
			"templates/story.html:3: <.Story.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton the page of content/stories/a.md",
		}},
		{"two types compared", "-- templates/page.html --\n{{define \"main\"}}\n{{if eq .Kind 1}}<p>x</p>{{end}}\n{{end}}\n", []string{
			"templates/page.html:2: <eq .Kind 1> compares values of types string and int\n\thint: compare values of one type: {{if eq .Kind \"home\"}} compares text with text, {{if eq $i 0}} a number with a number\n\ton the page of content/about.md",
		}},
		{"range over no list", "-- templates/terms.html --\n{{define \"main\"}}\n{{range .Config.Title}}<p>x</p>{{end}}\n{{end}}\n", []string{
			"templates/terms.html:2: {{range}} cannot go through <.Config.Title>: it is no list\n\thint: range over a list, such as .Site.Stories, .Pager.Stories or .Story.Tags\n\ton 3 pages, the first being the page at /categories/",
		}},
		// Issue: the hint named the missing template itself, found in
		// the set of another page, whose file alone defines it.
		{"a template defined in another page's file", "-- templates/helpers.html --\n{{define \"helpers\"}}<b>hi</b>{{end}}\n" + callHelpers("helpers"), []string{
			"templates/helpers.html:1: warning: herald renders no page with helpers.html\n\thint: pages are rendered with story.html, page.html, list.html, terms.html, archives.html, 404.html, search.html, achievements.html (a page of content/, such as an about page, with page.html); a template of your own goes into partials/, called with {{template \"partials/helpers.html\" .}}",
			"templates/page.html:2: there is no template \"helpers\"\n\thint: \"helpers\" is defined in templates/helpers.html, which only its own page sees: move the {{define}} into a file under partials/, which every page sees",
		}},
		{"a name near one only another page sees", "-- templates/helpers.html --\n{{define \"helpers\"}}<b>hi</b>{{end}}\n" + callHelpers("helper"), []string{
			"templates/helpers.html:1: warning: herald renders no page with helpers.html\n\thint: pages are rendered with story.html, page.html, list.html, terms.html, archives.html, 404.html, search.html, achievements.html (a page of content/, such as an about page, with page.html); a template of your own goes into partials/, called with {{template \"partials/helpers.html\" .}}",
			"templates/page.html:2: there is no template \"helper\"",
		}},
		// Issue: a file name with spaces, Windows Explorer's name for a
		// copy, made build, check and serve panic on a syntax error, and
		// lost every other problem on an execution error.
		{"syntax error in a file whose name has spaces", copied + "{{.Title}\n" + callCopy, []string{
			"templates/partials/页脚 - 副本.html:1: syntax error: this {{ is closed with a single }\n\thint: close the action with }}, as in {{.Title}}",
		}},
		{"execution error in a file whose name has spaces", copied + "<p>\n{{.Story.Titel}}</p>\n" + callCopy + field, []string{
			"templates/partials/页脚 - 副本.html:2: <.Story.Titel>: a story (.Story) has no field or method Titel\n\thint: did you mean \"Title\"?\n\ton the page of content/about.md",
			fieldWant,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, stringsSite+"-- content/about.md --\n---\ntitle: 关于\n---\n本站。\n"+tt.files)
			_, err := s.Build(t, s.Options(testsite.Theme(t)))
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("build returned %v, want a *diag.Error", err)
			}
			var got []string
			for _, p := range de.Problems {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if s.Exists("public") {
				t.Error("the failed build wrote public/")
			}
		})
	}
}

func TestNilOwner(t *testing.T) {
	tests := []struct{ expr, field, owner, rest string }{
		{".Story.Branch.Name", "Branch", ".Story", ".Branch.Name"},
		{".Story.Branch", "Branch", ".Story", ".Branch"},
		{"$s.Branch.Name", "Branch", "$s", ".Branch.Name"},
		{".Branch.Name", "Branch", ".", ".Branch.Name"},
		{".Story.BranchName.Branch", "Branch", ".Story.BranchName", ".Branch"}, // not the field's prefix
		{"index .Site.Stories 0", "Branch", "index .Site.Stories 0", "."},
	}
	for _, tt := range tests {
		if owner, rest := render.NilOwner(tt.expr, tt.field); owner != tt.owner || rest != tt.rest {
			t.Errorf("nilOwner(%q, %q) = %q, %q; want %q, %q", tt.expr, tt.field, owner, rest, tt.owner, tt.rest)
		}
	}
}

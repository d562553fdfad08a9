package render

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
)

type execItem struct {
	Name  string
	URL   string
	N     int
	Value float64
	Next  *execItem
	Any   any
}

func (it *execItem) Upper() string { return strings.ToUpper(it.Name) }

func (it *execItem) Fails() (string, error) { return "", errors.New("it fails") }

type execData struct {
	Kind  string
	Title string
	Items []*execItem
	Names []string
	UI    map[string]string
	Item  *execItem
	None  *execItem
	Body  template.HTML
	Flag  bool
	Count int
	Any   any
}

func execFuncs() template.FuncMap {
	return template.FuncMap{
		"url":     func(p string) string { return "/base" + p },
		"asset":   func(p string) (string, error) { return "/a/" + p, nil },
		"trusted": func(s string) template.HTML { return template.HTML(s) },
		"number":  Number,
		"t": func(key string, args ...any) (string, error) {
			if len(args) == 0 {
				return key, nil
			}
			return key + ":" + strings.TrimSpace(strings.Repeat("%v ", len(args))), nil
		},
		"join": func(sep string, xs []string) string { return strings.Join(xs, sep) },
		"add":  func(a, b int) int { return a + b },
	}
}

func execSample() *execData {
	b := &execItem{Name: "乙 <b>", URL: "/b/?q=1&r=2", N: 2, Value: 0.25}
	a := &execItem{Name: "甲 \"quoted\" & 'single' + plus", URL: "/stories/甲 乙/", N: 1, Value: 4.8, Next: b, Any: "inside"}
	return &execData{
		Kind: "story", Title: "标题 <script>alert(1)</script>", Items: []*execItem{a, b},
		Names: []string{"张三", "李四", "O'Brien"}, UI: map[string]string{"home": "首页", "tags": "标签"},
		Item: a, Body: "<p>正文</p>", Flag: true, Count: 3, Any: 7,
	}
}

// TestProgram executes templates with html/template and with their
// compiled program, and compares what they write: the same bytes, or,
// when the program hands the page back, html/template's.
func TestProgram(t *testing.T) {
	tests := []struct {
		name, text string
		bail       bool // the program hands this page to html/template
	}{
		{"text and fields", `<h1>{{.Title}}</h1><p>{{.Item.Name}} {{.Item.Next.Name}}</p>`, false},
		{"attributes", `<a href="{{.Item.URL}}" title="{{.Item.Name}}">{{.Count}}</a><img alt="{{.Count}}" width="{{.Item.N}}">`, false},
		{"urls", `{{range .Items}}<a href="{{.URL}}">x</a><a href="/x?q={{.Name}}">y</a>{{end}}<a href="javascript:{{.Title}}">z</a>`, false},
		{"srcset", `<img srcset="{{.Item.URL}} 480w, {{.Item.Name}}">`, false},
		{"title", `<title>{{.Title}}</title>`, false},
		{"ld+json", `<script type="application/ld+json">{"a":{{.Title}},"b":[{{range $i, $n := .Names}}{{if $i}},{{end}}{{$n}}{{end}}]}</script>`, false},
		{"html passes", `<div>{{.Body}}{{trusted "<i>x</i>"}}</div>`, false},
		{"methods", `<p>{{.Item.Upper}}</p>`, false},
		{"map keys", `<p>{{.UI.home}} {{$.UI.tags}}</p>`, false},
		{"if else", `{{if eq .Kind "home"}}home{{else if eq .Kind "story"}}story{{else}}other{{end}}`, false},
		{"with else", `{{with .None}}{{.Name}}{{else}}none{{end}}{{with .Item}}{{.Name}}{{end}}`, false},
		{"range else", `{{range .Items}}<li>{{.Name}}</li>{{else}}empty{{end}}{{range .Names}}{{.}}{{end}}`, false},
		{"range over nil", `{{range .None}}x{{else}}nil{{end}}`, true},
		{"range vars", `{{range $i, $it := .Items}}{{$i}}={{$it.Name}};{{$.Title}}{{end}}`, false},
		{"variables", `{{$s := .Item}}{{$n := 1}}{{$s.Name}}{{$n}}{{with .Items}}{{$s.URL}}{{end}}`, false},
		{"assign", `{{$x := "a"}}{{if .Flag}}{{$x = "b"}}{{end}}{{$x}}`, false},
		{"logic", `{{if and .Flag .Item}}1{{end}}{{if or .None .Item}}2{{end}}{{if not .None}}3{{end}}{{or .Item.Name "x"}}{{and .Title ""}}`, false},
		{"comparisons", `{{if gt .Count 1}}a{{end}}{{if lt .Count 1}}b{{end}}{{if ne .Kind "x"}}c{{end}}{{if eq .Item .Item}}d{{end}}{{if eq .Item .Item.Next}}e{{end}}{{if eq .Count 1 2 3}}f{{end}}`, false},
		{"len", `{{len .Items}} {{len .Names}} {{len .Title}} {{len .UI}}`, false},
		{"functions", `{{url "/x"}} {{asset "a.css"}} {{number .Item.Value}} {{t "k"}} {{t "k" .Count .Title}} {{join ", " .Names}} {{add .Count 2}} {{.Title | t}}`, false},
		{"templates", `{{define "item"}}<b>{{.Name}}</b>{{end}}{{template "item" .Item}}{{range .Items}}{{template "item" .}}{{end}}{{block "b" .}}{{.Kind}}{{end}}`, false},
		{"interface field", `{{.Any}} {{.Item.Any}}`, false},
		{"nil pointer", `{{.None.Name}}`, true},
		{"error", `{{.Item.Fails}}`, true},
		{"missing key", `{{.UI.nothing}}`, true},
		{"float printed", `{{.Item.Value}}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := func() *template.Template {
				return template.Must(template.New("page").Funcs(execFuncs()).Option("missingkey=error").Parse(tt.text))
			}
			std, compiled := parse(), parse()
			var want bytes.Buffer
			wantErr := std.Execute(&want, execSample())
			escape(compiled, "page")
			p := compile(compiled, execFuncs(), "page")
			if p == nil {
				t.Fatal("not compiled")
			}
			got := bytes.NewBufferString("before")
			ok, err := p.execute(got, "page", execSample())
			if err != nil {
				t.Fatal(err)
			}
			if ok == tt.bail {
				t.Fatalf("execute = %v, want %v", ok, !tt.bail)
			}
			if !ok {
				if got.String() != "before" {
					t.Errorf("a page handed back left %q", got)
				}
				return
			}
			if wantErr != nil {
				t.Fatalf("html/template: %v; the program wrote %q", wantErr, got)
			}
			if got := strings.TrimPrefix(got.String(), "before"); got != want.String() {
				t.Errorf("program:\n%s\nhtml/template:\n%s", got, want.String())
			}
		})
	}
}

// TestProgramNotCompiled checks that a set holding what programs do not do
// is left to html/template.
func TestProgramNotCompiled(t *testing.T) {
	for _, text := range []string{
		`{{printf "%d" .Count}}`,
		`{{range .Items}}{{break}}{{end}}`,
		`{{index .Names 1}}`,
		`{{template "undefined" .}}`,
		`{{.Item.Next.Upper.Foo 1}}`,
		`{{1.5}}`,
	} {
		tm, err := template.New("page").Funcs(execFuncs()).Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		escape(tm, "page")
		if p := compile(tm, execFuncs(), "page"); p != nil {
			t.Errorf("%s compiled", text)
		}
	}
}

// escaperContexts are templates that put a value where each of the
// escapers of escape.go escapes it.
var escaperContexts = []string{
	`<p>{{.}}</p>`,
	`<p title="{{.}}">`,
	`<p title='{{.}}'>`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
	`<a href="{{.}}">`,
	`<a href="/search?q={{.}}">`,
	`<img srcset="{{.}}">`,
	`<img srcset="{{.}} 2x, /b.png {{.}}">`,
	`<script type="application/ld+json">{"a":{{.}}}</script>`,
	`<script>var a = {{.}};</script>`,
}

func checkEscapers(t *testing.T, s string) {
	t.Helper()
	for _, ctx := range escaperContexts {
		for _, data := range []any{s, template.HTML(s), len(s)} {
			std := template.Must(template.New("page").Parse(ctx))
			var want bytes.Buffer
			if err := std.Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			tm := template.Must(template.New("page").Parse(ctx))
			escape(tm, "page")
			p := compile(tm, nil, "page")
			if p == nil {
				continue // an escaper escape.go does not have
			}
			var got bytes.Buffer
			if ok, _ := p.execute(&got, "page", data); ok && got.String() != want.String() {
				t.Errorf("%s with %T %q:\nprogram       %q\nhtml/template %q", ctx, data, s, got.String(), want.String())
			}
		}
	}
}

// TestEscapers compares the escapers with html/template's on cases of
// each branch.
func TestEscapers(t *testing.T) {
	compiled := 0
	for _, ctx := range escaperContexts {
		tm := template.Must(template.New("page").Parse(ctx))
		escape(tm, "page")
		if compile(tm, nil, "page") != nil {
			compiled++
		}
	}
	if compiled < 9 {
		t.Errorf("%d of %d contexts compiled, want at least 9", compiled, len(escaperContexts))
	}
	for _, s := range []string{
		"", "plain 中文", `<>&'"+`, "a\x00b", "\xff\xfe bad utf-8", "\u2028\u2029",
		"javascript:alert(1)", "JavaScript:x", "mailto:a@b.c", "HTTP://x", "/a:b", "a/b:c", "ftp://x",
		"/a b/c?d=e&f=g#h", "%41%zz%", "%4", "%", "'()", "~-._!$*,;=@[]",
		"/a.png 480w", "/a.png 480w, /b.png 960w", " /a.png  2x ,javascript:x 1x", "/a.png 1.5x", "/a.png,", ",", "\t/a.png\n2x",
		"</script>", "<!--", "é€𝄞",
	} {
		checkEscapers(t, s)
	}
}

// FuzzEscapers compares the escapers with html/template's.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", `<a href="x">`, "javascript:x", "/a.png 480w, b 2x", "%zz %41", "\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(checkEscapers)
}

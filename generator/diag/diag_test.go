package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	branches := []string{"机关第八支部（社会事业局）", "机关第五支部（招商合作局）", "荷花塘社区党委"}
	tests := []struct {
		name, word string
		cands      []string
		want       string
	}{
		{"typo in branch", "机关第八支布", branches, "机关第八支部（社会事业局）"},
		{"typo in full name", "机关第八支部（社会事业局", branches, "机关第八支部（社会事业局）"},
		{"office only", "招商合作局", branches, "机关第五支部（招商合作局）"},
		{"prefix", "荷花塘", branches, "荷花塘社区党委"},
		{"latin key", "titel", []string{"title", "tags", "date"}, "title"},
		{"too far", "完全不同的名字", branches, ""},
		{"empty", "", branches, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.word, tt.cands); got != tt.want {
				t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestListFormat(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "content/b.md", Line: 3}, "missing title")
	l.Errorf(Pos{File: "content/a.md", Line: 4}, "unknown branch %q", "机关第八支布").
		WithHint("did you mean %q?", "机关第八支部（社会事业局）")
	l.Warnf(Pos{File: "content/a.md", Line: 2}, "title is %d characters long", 45)
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with two errors")
	}
	ps := l.Problems()
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		"content/a.md:2: warning: title is 45 characters long",
		"content/a.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?",
		"content/b.md:3: missing title",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasSuffix(err.Error(), "(and 1 more errors)") {
		t.Errorf("Error() = %q, want the count of the others", err.Error())
	}
	var p *Problem
	if !errors.As(err, &p) || p.Pos.File != "content/a.md" {
		t.Errorf("errors.As did not find the first problem: %v", p)
	}
	zh := Catalog{"unknown branch %q": "未知的支部 %q", "hint: ": "提示：", "did you mean %q?": "是不是 %q？"}
	if got, want := ps[1].Localize(zh), "content/a.md:4: 未知的支部 \"机关第八支布\"\n\t提示：是不是 \"机关第八支部（社会事业局）\"？"; got != want {
		t.Errorf("Localize = %q, want %q", got, want)
	}
}

func TestWarningsOnly(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a.md"}, "duplicate title")
	if err := l.Err(); err != nil {
		t.Errorf("Err() = %v with only warnings", err)
	}
}

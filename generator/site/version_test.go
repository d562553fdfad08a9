package site

import (
	"testing"
	"time"

	"herald/generator/content"
)

// TestVersionTellsApart checks that stories a page would show differently
// get different versions. A review: fields written one after another,
// with no count between, and params and dates hashed by what fmt.Sprint
// and RFC 3339 keep, gave some the same version, and their pages went
// stale on an update.
func TestVersionTellsApart(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2023, 10, 18, 11, 30, 0, 0, shanghai)
	base := func() *Story {
		return &Story{Doc: &content.Doc{Path: "content/stories/a.md"}, Title: "老兵服务站", Date: date, Path: "/stories/a/", Authors: []string{"罗晓岚"}}
	}
	branch := &Term{Name: "枫林社区党委", Path: "/branches/fenglin/"}
	tests := []struct {
		name string
		a, b func(*Story)
	}{
		{"authors moved into an achievement",
			func(st *Story) { st.Authors = []string{"罗晓岚", "帮助退役军人就业创业", "86", "位"} },
			func(st *Story) {
				st.Achievements = []content.Achievement{{Label: "帮助退役军人就业创业", Value: 86, Unit: "位"}}
			}},
		{"a tag moved into the authors",
			func(st *Story) { st.Tags = []*Term{{Name: "老兵", Path: "/tags/老兵/"}} },
			func(st *Story) { st.Authors = []string{"老兵", "/tags/老兵/", "罗晓岚"} }},
		{"a list of one param or two",
			func(st *Story) { st.Params = map[string]any{"sources": []any{"新华社 人民日报"}} },
			func(st *Story) { st.Params = map[string]any{"sources": []any{"新华社", "人民日报"}} }},
		{"a param true or the text true",
			func(st *Story) { st.Params = map[string]any{"featured": false} },
			func(st *Story) { st.Params = map[string]any{"featured": "false"} }},
		{"a whole number or a float",
			func(st *Story) { st.Params = map[string]any{"price": 12} },
			func(st *Story) { st.Params = map[string]any{"price": 12.0} }},
		{"a number or its text, in a list",
			func(st *Story) { st.Params = map[string]any{"n": []any{12}} },
			func(st *Story) { st.Params = map[string]any{"n": []any{"12"}} }},
		{"the same instant in another zone's name",
			func(st *Story) {},
			func(st *Story) { st.Date = date.In(time.FixedZone("", 8*3600)) }},
		{"a branch or a category of the same name",
			func(st *Story) { st.Branch = branch },
			func(st *Story) { st.Category = branch }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := base(), base()
			tt.a(a)
			tt.b(b)
			if a.version() == b.version() {
				t.Errorf("the two stories have the same version")
			}
		})
	}
	// And the same story, the same version, params in any order.
	a, b := base(), base()
	a.Params = map[string]any{"x": 1, "y": []any{"a"}, "z": map[string]any{"p": 1, "q": 2}}
	b.Params = map[string]any{"z": map[string]any{"q": 2, "p": 1}, "y": []any{"a"}, "x": 1}
	if a.version() != b.version() {
		t.Errorf("the same story has two versions")
	}
}

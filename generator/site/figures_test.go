package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"herald/generator/content"
)

func TestSummed(t *testing.T) {
	tests := []struct {
		label, unit string
		want        bool
	}{
		{"援助退役军人", "位", true},
		{"援助金额", "万元", true},
		{"累计加装电梯", "台", true},
		{"选民参选率", "%", false},
		{"物业服务满意度", "%", false},
		{"群众满意", "％", false},
		{"产品良品率提升", "个百分点", false},
		{"新一届“两委”平均年龄", "岁", false},
		{"长者食堂日均就餐", "人次", false},
		{"人均增收", "元", false},
		{"党员占比", "成", false},
		{"考核得分", "分", false},
		{"Turnout rate", "", false},
		{"Average age", "years", false},
		{"Families helped", "", true},
		{"Agencies visited", "", true}, // "age" is a word, not a part of one
	}
	for _, tt := range tests {
		if got := Summed(tt.label, tt.unit); got != tt.want {
			t.Errorf("Summed(%q, %q) = %v, want %v", tt.label, tt.unit, got, tt.want)
		}
	}
}

// TestFigures checks the site's figures and a branch's totals: a count is
// added up, a rate is its newest value, in total and by year (a trial: two
// turnouts of 96.4% and 97.3% showed as 193.7%), and the figures most
// stories report come first.
func TestFigures(t *testing.T) {
	story := func(date string, figures ...content.Achievement) *Story {
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			t.Fatal(err)
		}
		return &Story{Date: d, Title: date, Achievements: figures}
	}
	turnout := func(v float64) content.Achievement {
		return content.Achievement{Label: "选民参选率", Value: v, Unit: "%"}
	}
	aided := func(v float64) content.Achievement {
		return content.Achievement{Label: "援助退役军人", Value: v, Unit: "位"}
	}
	stories := []*Story{ // newest first, as the site lists them
		story("2026-03-01", turnout(97.3), aided(5)),
		story("2021-06-01", aided(4)),
		story("2021-01-22", turnout(96.4), aided(2)),
		story("2021-01-10", turnout(95.0), content.Achievement{Label: "调处矛盾纠纷", Value: 41, Unit: "起"}),
	}
	s := &Site{Stories: stories}
	s.figures()
	var got []string
	for _, f := range s.Figures {
		for _, u := range f.Units {
			var years []string
			for _, y := range u.Years {
				years = append(years, fmt.Sprintf("%d:%g/%d", y.Year, y.Value, len(y.Stories)))
			}
			got = append(got, fmt.Sprintf("%s %g%s summed=%v stories=%d [%s]", f.Label, u.Value, u.Unit, u.Summed, u.Stories, strings.Join(years, " ")))
		}
	}
	want := []string{
		"援助退役军人 11位 summed=true stories=3 [2026:5/1 2021:6/2]",
		"选民参选率 97.3% summed=false stories=3 [2026:97.3/1 2021:96.4/2]",
		"调处矛盾纠纷 41起 summed=true stories=1 [2021:41/1]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	got = got[:0]
	for _, tot := range totals(stories) {
		got = append(got, fmt.Sprintf("%s %g%s summed=%v stories=%d", tot.Label, tot.Value, tot.Unit, tot.Summed, len(tot.Stories)))
	}
	want = []string{
		"援助退役军人 11位 summed=true stories=3",
		"选民参选率 97.3% summed=false stories=3",
		"调处矛盾纠纷 41起 summed=true stories=1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("totals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package render

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestPageLinks(t *testing.T) {
	tests := []struct {
		cur, total int
		want       string
	}{
		{1, 1, ""},
		{1, 2, "[1] 2"},
		{2, 2, "1 [2]"},
		{1, 7, "[1] 2 3 … 7"},
		{4, 7, "1 2 3 [4] 5 6 7"},
		{5, 10, "1 … 3 4 [5] 6 7 … 10"},
		{3, 10, "1 2 [3] 4 5 … 10"},
		{4, 10, "1 2 3 [4] 5 6 … 10"},
		{8, 10, "1 … 6 7 [8] 9 10"},
		{10, 10, "1 … 8 9 [10]"},
		{500, 1000, "1 … 498 499 [500] 501 502 … 1000"},
	}
	for _, tt := range tests {
		var parts []string
		for _, l := range pageLinks("/x/", tt.cur, tt.total) {
			switch {
			case l.Number == 0:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.Number))
			default:
				parts = append(parts, strconv.Itoa(l.Number))
			}
			if want := pagePath("/x/", l.Number, tt.total); l.URL != want {
				t.Errorf("pageLinks(%d, %d): page %d's URL is %q, want %q", tt.cur, tt.total, l.Number, l.URL, want)
			}
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("pageLinks(%d, %d) = %q, want %q", tt.cur, tt.total, got, tt.want)
		}
	}
}

package decode

import "testing"

func TestCutKey(t *testing.T) {
	tests := []struct {
		line, lead, key, sep, rest string
	}{
		{"title: 标题", "", "title", ":", " 标题"},
		{"title：标题", "", "title", "：", "标题"},
		{"  - name：机关第九支部", "  - ", "name", "：", "机关第九支部"},
		{"    slug : organ-09", "    ", "slug", ":", " organ-09"},
		{"-   name: a", "-   ", "name", ":", " a"},
		{"  limit:5", "  ", "limit", ":", "5"},
		{"说明：好", "", "", "", ""},
		{"- 为民办实事：好", "", "", "", ""},
		{": x", "", "", "", ""},
		{"  - : x", "", "", "", ""},
		{"no colon", "", "", "", ""},
	}
	for _, tt := range tests {
		lead, key, sep, rest := CutKey(tt.line)
		if lead != tt.lead || key != tt.key || sep != tt.sep || rest != tt.rest {
			t.Errorf("CutKey(%q) = %q, %q, %q, %q; want %q, %q, %q, %q", tt.line, lead, key, sep, rest, tt.lead, tt.key, tt.sep, tt.rest)
		}
	}
}

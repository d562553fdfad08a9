package urlpath

import "testing"

func TestCheckSegment(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"veterans-aid", true},
		{"退役军人", true},
		{"5G", true},
		{"", false},
		{"..", false},
		{"../etc", false},
		{"a/b", false},
		{`a\b`, false},
		{"a b", false},
		{".hidden", false},
		{"a?b", false},
		{"100%", false},
		// Characters that show nothing: the address would not be the
		// one the writer sees.
		{"veterans\u200baid", false},
		{"\ufeffabout", false},
		{"jiang\u00adjie", false},
	}
	for _, tt := range tests {
		if got := CheckSegment(tt.in) == ""; got != tt.ok {
			t.Errorf("CheckSegment(%q) ok = %v, want %v", tt.in, got, tt.ok)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"veterans-aid", true},
		{"退役军人", true},
		{"a b", false}, // CheckSegment's reasons too
		// A trial: typed in haste with a Chinese input method.
		{"veterans-aid，", false},
		{"organ-08。social", false},
		{"【党建】", false},
		{"“5g”", false},
	}
	for _, tt := range tests {
		if got := CheckSlug(tt.in) == ""; got != tt.ok {
			t.Errorf("CheckSlug(%q) ok = %v, want %v", tt.in, got, tt.ok)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"退役军人", "退役军人"},
		{"5G", "5g"},
		{" AI / 大数据 ", "ai-大数据"},
		{"Open  Source", "open-source"},
		{"a.b", "a-b"},
		{"防汛\u200b", "防汛"},
		{"防\u2060汛 应急", "防汛-应急"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if CheckSegment(Slugify(tt.in)) != "" {
			t.Errorf("Slugify(%q) = %q is not a valid segment", tt.in, Slugify(tt.in))
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/tags/退役军人/", "/tags/%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA/"},
		{"/stories/2021/04/veterans-aid/", "/stories/2021/04/veterans-aid/"},
		{"/tags/a+b/", "/tags/a+b/"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

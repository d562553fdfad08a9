package decode

import "testing"

// TestUnseen checks which characters that show nothing are found: all of
// them between Chinese characters or Latin letters, but not a joiner that
// belongs to the text, in an emoji or a script that joins its letters.
func TestUnseen(t *testing.T) {
	tests := []struct {
		name, s string
		at      int
		r       rune
	}{
		{"none", "荷花塘社区党委", -1, 0},
		{"a zero-width space", "荷花塘社区\u200b党委", len("荷花塘社区"), 0x200B},
		{"at the start", "\ufeff防汛", 0, 0xFEFF},
		{"a word joiner at the end", "防汛\u2060", len("防汛"), 0x2060},
		{"a joiner between Chinese characters", "张\u200d三", len("张"), 0x200D},
		{"a joiner at the end", "张三\u200d", len("张三"), 0x200D},
		{"a non-joiner between Latin letters", "Wi\u200cFi", len("Wi"), 0x200C},
		{"a joiner in an emoji", "👨\u200d👩\u200d👧", -1, 0},
		{"a joiner after an emoji's variation selector", "🏳\ufe0f\u200d🌈", -1, 0},
		{"a non-joiner in Persian", "می\u200cخواهم", -1, 0},
		{"a zero-width space in an emoji", "👨\u200b👩", len("👨"), 0x200B},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if at, r := Unseen(tt.s); at != tt.at || r != tt.r {
				t.Errorf("Unseen(%q) = %d, %U; want %d, %U", tt.s, at, r, tt.at, tt.r)
			}
		})
	}
}

func TestDropUnseen(t *testing.T) {
	for s, want := range map[string]string{
		"防\u200b汛\u2060\ufeff": "防汛",
		"👨\u200d👩":             "👨\u200d👩",
		"":                     "",
	} {
		if got := DropUnseen(s); got != want {
			t.Errorf("DropUnseen(%q) = %q, want %q", s, got, want)
		}
	}
}

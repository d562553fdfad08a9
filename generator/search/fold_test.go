package search

import (
	"maps"
	"slices"
	"testing"
	"unicode/utf16"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"發展", "发展"},
		{"國際", "国际"},
		{"黨員們", "党员们"},
		{"理髮", "理发"},         // 髮 and 發 both become 发
		{"乾坤", "干坤"},         // 乾 is folded, in 乾坤 as in 乾燥: both sides alike
		{"後來", "后来"},         // 後, not 后, is folded
		{"於是", "于是"},         // 於 too
		{"著作", "著作"},         // 著 has no other form in the table
		{"党史学习教育", "党史学习教育"}, // simplified stays
		{"们发国", "们发国"},
		{"計算機", "计算机"}, // characters, not words: never 电脑
		{"open source 2021", "open source 2021"},
		{"𠮷利民", "𠮷利民"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := Normalize("黨建ＡＩ　發展"), "党建ai 发展"; got != want {
		t.Errorf("Normalize folds: %q, want %q", got, want)
	}
}

// TestFoldTable checks every pair of the table: both characters in the
// Basic Multilingual Plane (a UTF-16 unit each, as the browser counts),
// different, Chinese, and the simplified one folded no further.
func TestFoldTable(t *testing.T) {
	from, to := foldTable()
	if len(from) < 2500 || len(from) != len(to) {
		t.Fatalf("%d traditional and %d simplified characters: not OpenCC's table", len(from), len(to))
	}
	if !slices.IsSorted(from) || len(slices.Compact(slices.Clone(from))) != len(from) {
		t.Error("the traditional characters are not in order, or one comes twice")
	}
	isFrom := map[rune]bool{}
	for _, r := range from {
		isFrom[r] = true
	}
	for i, r := range from {
		s := to[i]
		if len(utf16.Encode([]rune{r, s})) != 2 || r == s || isFrom[s] ||
			slowClass(r) != ideo || slowClass(s) != ideo {
			t.Errorf("%c U+%04X to %c U+%04X: want two different Chinese characters of the plane, the second not folded", r, r, s, s)
		}
		if got, c := normClass(r); got != s || c != ideo {
			t.Errorf("normClass(%c) = %c, %d; want %c, ideo", r, got, c, s)
		}
	}
}

// TestFoldFile checks that the fold file the browser reads holds the
// table the index is folded with.
func TestFoldFile(t *testing.T) {
	name, data := foldFile()
	raw, err := gunzip(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readFold(raw)
	if err != nil {
		t.Fatal(err)
	}
	from, to := foldTable()
	want := map[rune]rune{}
	for i, r := range from {
		want[r] = to[i]
	}
	if !maps.Equal(got, want) {
		t.Errorf("%s holds %d pairs, the table %d, or they differ", name, len(got), len(want))
	}
	if _, err := readFold(append(raw, 0)); err == nil {
		t.Error("readFold took a byte too many")
	}
	if _, err := readFold(raw[:len(raw)-1]); err == nil {
		t.Error("readFold took a byte too few")
	}
}

// TestRuneTable checks the table the tokenizer reads against the rules it
// stands for, on every character of the plane.
func TestRuneTable(t *testing.T) {
	from, to := foldTable()
	folded := map[rune]rune{}
	for i, r := range from {
		folded[r] = to[i]
	}
	for r := range rune(0x10000) {
		want := r
		switch {
		case folded[r] != 0:
			want = folded[r]
		case r >= 0xFF01 && r <= 0xFF5E:
			want = r - 0xFEE0
		case r == 0x3000:
			want = ' '
		}
		if want >= 'A' && want <= 'Z' {
			want += 'a' - 'A'
		}
		got, c := normClass(r)
		if got != want || c != slowClass(want) {
			t.Fatalf("normClass(U+%04X) = U+%04X, %d; want U+%04X, %d", r, got, c, want, slowClass(want))
		}
		if n, _ := normClass(got); n != got {
			t.Fatalf("U+%04X normalizes to U+%04X, which normalizes on to U+%04X", r, got, n)
		}
	}
}

package search

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"５Ｇ网络", "5g网络"},
		{"ＡＢＣ　ｄｅｆ", "abc def"},
		{"党史学习教育", "党史学习教育"},
		{"Open Source，开源！", "open source,开源!"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"退役军人", []string{"退", "退役", "役", "役军", "军", "军人", "人"}},
		{"5G网络", []string{"5g", "网", "网络", "络"}},
		{"援助 11 位", []string{"援", "援助", "助", "11", "位"}},
		{"“以老带新”", []string{"以", "以老", "老", "老带", "带", "带新", "新"}},
		{"Open-Source 2021", []string{"open", "source", "2021"}},
		{"ＡＩ赋能", []string{"ai", "赋", "赋能", "能"}},
	}
	for _, tt := range tests {
		var got []string
		Tokens(tt.in, func(s string) { got = append(got, s) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"退役军人", []string{"退役", "役军", "军人"}},
		{"党", []string{"党"}},
		{"5G", []string{"5g"}},
		{"５Ｇ网络", []string{"5g", "网络"}},
		{"营商 环境", []string{"营商", "环境"}},
		{"援助11位", []string{"援助", "11", "位"}},
		{"人人人", []string{"人人"}},
		{"  ，。 ", nil},
	}
	for _, tt := range tests {
		if got := QueryTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("QueryTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestQueryTokensAreDocumentTokens checks the property recall rests on:
// every token of any substring of a text is a token of the text.
func TestQueryTokensAreDocumentTokens(t *testing.T) {
	text := "4月16日上午，麓谷街道一处老小区的三楼，退役军人谭建军接过援助金 6.3 万元。５Ｇ基站“党建+”！Open Source 2021"
	have := map[string]bool{}
	Tokens(text, func(s string) { have[s] = true })
	r := []rune(text)
	for i := range r {
		for j := i + 1; j <= len(r) && j <= i+8; j++ {
			for _, tok := range QueryTokens(string(r[i:j])) {
				// A word cut in the middle is not a word of the text.
				if classOf(normRune([]rune(tok)[0])) == word && (i > 0 && classOf(normRune(r[i-1])) == word || j < len(r) && classOf(normRune(r[j])) == word) {
					continue
				}
				if !have[tok] {
					t.Errorf("query %q: token %q is not a token of the text", string(r[i:j]), tok)
				}
			}
		}
	}
}

func TestCompact(t *testing.T) {
	if got := Compact("援助 11 位退役军人，Ｏｐｅｎ　Ｓｏｕｒｃｅ"); got != "援助11位退役军人,opensource" {
		t.Errorf("Compact = %q", got)
	}
	if !strings.Contains(Compact("援助 11 位"), Compact("援助11位")) {
		t.Error("the exact test should ignore spaces")
	}
}

func TestPostingsChooseTheSmallerForm(t *testing.T) {
	n := 64
	sparse := appendPostings(nil, []int32{3, 40}, n)
	if sparse[1] != 0 {
		t.Errorf("two of 64 stories: mode %d, want a list", sparse[1])
	}
	dense := make([]int32, 0, n)
	for i := range int32(n) {
		if i%3 != 0 {
			dense = append(dense, i)
		}
	}
	b := appendPostings(nil, dense, n)
	if b[1] != 1 || len(b) != 2+n/8 {
		t.Errorf("most of 64 stories: mode %d, %d bytes; want a bitmap of %d bytes", b[1], len(b), 2+n/8)
	}
	for _, ids := range [][]int32{{3, 40}, dense, nil, {0}, {63}} {
		got, rest, err := readPostings(appendPostings(nil, ids, n), n)
		if err != nil || len(rest) != 0 || !slices.Equal(got, ids) && len(ids) > 0 {
			t.Errorf("round trip of %v: %v, %d bytes left, %v", ids, got, len(rest), err)
		}
	}
}

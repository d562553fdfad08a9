package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
		{"inside one name", "枫林", append(branches, "麓谷街道枫林社区党委"), "麓谷街道枫林社区党委"},
		{"inside two names", "社区", append(branches, "麓谷街道枫林社区党委"), ""},
		{"inside one name, listed twice", "枫林", []string{"麓谷街道枫林社区党委", "fenglin", "麓谷街道枫林社区党委"}, "麓谷街道枫林社区党委"},
		// A param of a site's templates, not cover misspelt (a review).
		{"a Latin word inside a key", "ran", []string{"title", "branch", "tags"}, ""},
		{"latin key", "titel", []string{"title", "tags", "date"}, "title"},
		{"traditional characters", "為民辦實事", []string{"基层治理", "为民办实事", "服务增效"}, "为民办实事"},
		{"traditional characters, a branch in part", "荷花塘社區黨委", branches, "荷花塘社区党委"},
		{"traditional characters and a typo", "機關第八支布", branches, "机关第八支部（社会事业局）"},
		// Characters an input method types in place of others (a trial:
		// a branch with ASCII brackets got the list of all twelve).
		{"ASCII brackets", "机关第八支部(社会事业局)", branches, "机关第八支部（社会事业局）"},
		{"ASCII brackets, the office only", "(招商合作局)", branches, "机关第五支部（招商合作局）"},
		{"one bracket ASCII", "机关第八支部（社会事业局)", branches, "机关第八支部（社会事业局）"},
		{"full-width brackets for ASCII ones", "党建（2024）", []string{"党建(2024)"}, "党建(2024)"},
		{"full-width letters and digits", "５Ｇ应用推广", []string{"5G应用推广", "产业链"}, "5G应用推广"},
		{"ASCII letters for full-width ones", "5G应用推广", []string{"５Ｇ应用推广"}, "５Ｇ应用推广"},
		{"a full-width Latin key", "ｔｉｔｌｅ", []string{"title", "tags", "date"}, "title"},
		{"、 for ，", "共建、共享", []string{"共建，共享", "共建共治"}, "共建，共享"},
		{"【】 for []", "【党建】引领", []string{"[党建]引领"}, "[党建]引领"},
		{"a zero-width space", "荷花塘社区党委\u200b", branches, "荷花塘社区党委"},
		{"a non-breaking space", "机关第八支部\u00a0（社会事业局）", branches, "机关第八支部（社会事业局）"},
		{"ASCII brackets and a typo", "机关第八支布(社会事业局)", branches, "机关第八支部（社会事业局）"},
		{"too far", "完全不同的名字", branches, ""},
		// Another community, not a typo (a trial: a branch removed from
		// site.yaml was given as a hint the one added after it).
		{"two characters changed", "麓谷街道枫林社区党委", []string{"麓谷街道新区社区党委"}, ""},
		{"one character changed", "麓谷街道枫林社区党委", []string{"麓谷街道丰林社区党委"}, "麓谷街道丰林社区党委"},
		{"two characters left out", "麓谷枫林社区党委", []string{"麓谷街道枫林社区党委"}, "麓谷街道枫林社区党委"},
		{"two letters changed", "titel", []string{"title"}, "title"},
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

// TestLocalize checks messages in Chinese: keys stay as written, phrases are
// translated, nested ones too, and the YAML parser's messages have Chinese.
func TestLocalize(t *testing.T) {
	pos := Pos{File: "content/a.md", Line: 2}
	tests := []struct {
		name    string
		p       Problem
		en, zh  string
		english string // as the English catalog gives it, when not en
	}{
		{
			name: "a key in a hint is as written",
			p: Problem{Pos: pos, Format: "date is missing",
				Hint: "add a line \"%s: …\" to the front matter, such as %s", HintArg: []any{"date", "date: 2021-04-20"}},
			en: "content/a.md:2: date is missing\n\thint: add a line \"date: …\" to the front matter, such as date: 2021-04-20",
			zh: "content/a.md:2: 缺少 date（日期）\n\t提示：请在前置信息中加一行“date: …”，例如 date: 2021-04-20",
		},
		{
			name: "a key in a message is as written",
			p:    Problem{Pos: pos, Format: "duplicate key %q", Args: []any{"title"}, Hint: "did you mean %q?", HintArg: []any{"branch"}},
			en:   "content/a.md:2: duplicate key \"title\"\n\thint: did you mean \"branch\"?",
			zh:   "content/a.md:2: 键 \"title\" 重复了\n\t提示：是不是要写 \"branch\"？",
		},
		{
			name: "nested phrases",
			p: Problem{Pos: pos, Format: "%s would have the URL %s, which is already the URL of %s",
				Args: []any{"content/a.md", "/categories/x/page/2/", Phrasef("page %d of %s", 2, Phrasef("category %q", "为民办实事"))}},
			en: "content/a.md:2: content/a.md would have the URL /categories/x/page/2/, which is already the URL of page 2 of category \"为民办实事\"",
			zh: "content/a.md:2: content/a.md 的网址 /categories/x/page/2/ 已经被 栏目 \"为民办实事\"的第 2 页 占用",
		},
		{
			name: "a phrase naming an item",
			p:    Problem{Pos: pos, Format: "%s: label is missing", Args: []any{Phrasef("achievements, item %d", 2)}},
			en:   "content/a.md:2: achievements, item 2: label is missing",
			zh:   "content/a.md:2: achievements 第 2 项 缺少 label（名称）",
		},
		{
			name: "notes follow the hint, each on a line",
			p: Problem{Pos: pos, Format: "date is missing", Hint: "add a line \"%s: …\" to the front matter, such as %s", HintArg: []any{"date", "date: 2021-04-20"},
				Notes: []Phrase{Phrasef("on %d pages, the first being %s", 3, Phrasef("the page at %s", "/tags/x/"))}},
			en: "content/a.md:2: date is missing\n\thint: add a line \"date: …\" to the front matter, such as date: 2021-04-20\n\ton 3 pages, the first being the page at /tags/x/",
			zh: "content/a.md:2: 缺少 date（日期）\n\t提示：请在前置信息中加一行“date: …”，例如 date: 2021-04-20\n\t在 3 个页面上出错，第一个是网址为 /tags/x/ 的页面",
		},
		{
			name:    "a message of the YAML parser",
			p:       Problem{Pos: pos, Format: "invalid front matter: %s", Args: []any{"did not find expected key"}},
			en:      "content/a.md:2: invalid front matter: did not find expected key",
			english: "content/a.md:2: invalid front matter: the next key is missing (the indentation may be off, or text follows a closing quote or bracket)",
			zh:      "content/a.md:2: 前置信息格式有误：没有找到下一个键（可能是缩进不对，或者引号、方括号后面还有文字）",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Error(); got != tt.en {
				t.Errorf("English:\n%s\nwant:\n%s", got, tt.en)
			}
			if got := tt.p.Localize(Chinese); got != tt.zh {
				t.Errorf("Chinese:\n%s\nwant:\n%s", got, tt.zh)
			}
			// What herald prints in English: the same, but for the YAML
			// parser's words.
			want := cmp.Or(tt.english, tt.en)
			if got := tt.p.Localize(English); got != want {
				t.Errorf("in the English catalog:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestEnglishCatalog checks that the English catalog rewords only the fixed
// texts that the Chinese one translates.
func TestEnglishCatalog(t *testing.T) {
	for k := range English {
		if !strings.HasPrefix(k, "=") {
			t.Errorf("the English catalog has the format %q: formats are English already", k)
		}
		if _, ok := Chinese[k]; !ok {
			t.Errorf("the English catalog rewords %q, which the Chinese one does not translate", k)
		}
	}
}

// TestNoKeyIsTranslated checks that the catalog translates no front matter
// or site.yaml key as a word: a hint that names a key must show it as the
// writer is to type it, not as "date（日期）".
func TestNoKeyIsTranslated(t *testing.T) {
	keys := []string{
		"title", "date", "branch", "category", "tags", "authors", "summary", "slug", "cover", "draft", "achievements",
		"label", "value", "unit", "description", "baseURL", "language", "timezone", "paginate", "copyright",
		"feeds", "markdown", "categories", "branches", "params", "name", "parent", "--branch", "--category", "--slug", "--tags",
	}
	for k := range Chinese {
		if w, ok := strings.CutPrefix(k, "="); ok && slices.Contains(keys, w) {
			t.Errorf("the catalog translates the key %q", w)
		}
	}
}

// TestProblemsSortsWithoutFormatting checks that sorting problems at
// different places formats none of their messages: with thousands of
// warnings, formatting at each comparison was most of the sort's time.
func TestProblemsSortsWithoutFormatting(t *testing.T) {
	var l List
	for i := range 1000 {
		l.Warnf(Pos{File: "content/stories/a.md", Line: (i * 7919) % 1000}, "image %q does not exist", "a.jpg")
	}
	if n := testing.AllocsPerRun(10, func() { l.Problems() }); n > 2 {
		t.Errorf("Problems allocates %v times for 1,000 problems at different lines; want at most 2", n)
	}
}

// TestGather checks that Gather finds every problem of an error, however
// errors.Join and Error nest them, each once, and keeps the other errors.
func TestGather(t *testing.T) {
	a := &Problem{Pos: Pos{File: "b.md", Line: 2}, Format: "a"}
	b := &Problem{Pos: Pos{File: "a.md", Line: 1}, Format: "b"}
	one := func(ps ...*Problem) error { return &Error{Problems: ps} }
	io := errors.New("disk full")
	tests := []struct {
		name string
		err  error
		want []string
		rest string
	}{
		{"nil", nil, nil, ""},
		{"one list", one(a, b), []string{"a.md:1: b", "b.md:2: a"}, ""},
		{"joined lists", errors.Join(one(a), one(b)), []string{"a.md:1: b", "b.md:2: a"}, ""},
		{"the same problem twice", errors.Join(one(a), one(a), a), []string{"b.md:2: a"}, ""},
		{"nested and wrapped", errors.Join(fmt.Errorf("page: %w", errors.Join(one(a), one(b)))), []string{"a.md:1: b", "b.md:2: a"}, ""},
		{"another error besides", errors.Join(one(a), io), []string{"b.md:2: a"}, "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, rest := Gather(tt.err)
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
			if r := fmt.Sprint(rest); (rest != nil || tt.rest != "") && r != tt.rest {
				t.Errorf("rest %q, want %q", r, tt.rest)
			}
		})
	}
}

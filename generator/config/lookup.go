package config

import (
	"strings"
	"unicode"

	"herald/generator/diag"
)

// LookupBranch returns the branch named or slugged key. An unknown one is
// reported at pos with the nearest known name as a hint, and gives nil.
func (c *Config) LookupBranch(key string, pos diag.Pos, problems *diag.List) *Branch {
	if b := c.Branch(key); b != nil {
		return b
	}
	p := problems.Errorf(pos, "unknown branch %q", key)
	names := c.BranchNames()
	keys := names // a typo in a name or in a slug gets a hint, names first
	for _, b := range c.Branches {
		keys = append(keys, b.Slug)
	}
	switch near := diag.Suggest(key, keys); {
	case len(names) == 0:
		p.WithHint("site.yaml lists no branches; add it under branches:")
	case near != "":
		p.WithHint("did you mean %q?", near)
	default:
		p.WithHint("the branches in site.yaml are %s; or add it there", joinNames(names))
	}
	return nil
}

// LookupCategory returns the category named or slugged key. An unknown one
// is reported at pos with the nearest known name as a hint, and gives nil.
func (c *Config) LookupCategory(key string, pos diag.Pos, problems *diag.List) *Category {
	if cat := c.Category(key); cat != nil {
		return cat
	}
	p := problems.Errorf(pos, "unknown category %q", key)
	names := c.CategoryNames()
	keys := names // a typo in a name or in a slug gets a hint, names first
	for _, cat := range c.Categories {
		keys = append(keys, cat.Slug)
	}
	switch near := diag.Suggest(key, keys); {
	case len(names) == 0:
		p.WithHint("site.yaml lists no categories; add it under categories:")
	case near != "":
		p.WithHint("did you mean %q?", near)
	default:
		p.WithHint("the categories in site.yaml are %s; or add it there", joinNames(names))
	}
	return nil
}

// joinNames joins names as a list: with "、" when they are Chinese, else
// with ", " (a trial: English names joined by "、" in an English hint).
func joinNames(names []string) string {
	for _, n := range names {
		if strings.ContainsFunc(n, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			return strings.Join(names, "、")
		}
	}
	return strings.Join(names, ", ")
}

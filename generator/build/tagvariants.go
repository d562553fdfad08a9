package build

import (
	"herald/generator/diag"
	"herald/generator/search"
	"herald/generator/site"
)

// warnTagVariants warns of tags that search takes for one word, written
// in traditional and in simplified characters (黨建 and 党建): the site
// makes a page of each, and a reader who opens one misses the stories of
// the other. Tags that differ in case are errors already: they would have
// one URL. Tags that differ in width (ＡＩ and AI) have two, and get this
// warning too, whose words name the two scripts alone: a review found it,
// left for a message that says what differs. Each variant is told at the
// first story that uses it, by path, with the way most stories write the
// tag (a trial).
func warnTagVariants(s *site.Site, problems *diag.List) {
	groups := map[string][]*site.Term{}
	var keys []string // in the order of s.Tags: most stories first
	for _, t := range s.Tags {
		k := search.Normalize(t.Name)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], t)
	}
	for _, k := range keys {
		g := groups[k]
		main := g[0]
		for _, t := range g[1:] {
			first := t.Stories[0]
			for _, st := range t.Stories[1:] {
				if st.Doc.Path < first.Doc.Path {
					first = st
				}
			}
			problems.Warnf(first.Doc.Pos("tags"), "tags %q and %q are one word, written in traditional and in simplified characters: the site makes a page for each, and each lists only its own stories", t.Name, main.Name).
				WithHint("write the tag one way in every story: %s, as %d stories do", main.Name, len(main.Stories))
		}
	}
}

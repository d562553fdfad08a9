package site

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"herald/generator/markdown"
)

// archives groups the stories by year and month.
func (s *Site) archives() {
	var y *Year
	var m *Month
	for _, st := range s.Stories {
		year, month := st.Date.Year(), int(st.Date.Month())
		if y == nil || y.Year != year {
			y = &Year{Year: year, Path: fmt.Sprintf("/archives/%04d/", year)}
			s.Years = append(s.Years, y)
			m = nil
		}
		if m == nil || m.Month != month {
			m = &Month{Year: year, Month: month, Path: fmt.Sprintf("/archives/%04d/%02d/", year, month)}
			y.Months = append(y.Months, m)
		}
		m.Stories = append(m.Stories, st)
		y.Count++
	}
}

// totals adds up the achievements of stories by label and unit.
func totals(stories []*Story) []*Total {
	type key struct{ label, unit string }
	byKey := map[key]*Total{}
	var out []*Total
	for _, st := range stories {
		for _, a := range st.Achievements {
			k := key{a.Label, a.Unit}
			t := byKey[k]
			if t == nil {
				t = &Total{Label: a.Label, Unit: a.Unit}
				byKey[k] = t
				out = append(out, t)
			}
			t.Value += a.Value
			if len(t.Stories) == 0 || t.Stories[len(t.Stories)-1] != st {
				t.Stories = append(t.Stories, st)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Total) int {
		return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.Unit, b.Unit))
	})
	return out
}

// maxRelated is the most related stories a story shows.
const maxRelated = 5

// window is how many stories on each side, in time, of a story's place in
// each of its tags' and its branch's lists are candidates for being related.
// It bounds the work to O(stories × tags × window) where comparing every pair
// would be O(stories²).
const window = 24

// link sets each story's neighbours and related stories.
func (s *Site) link() {
	index := make(map[*Story]int, len(s.Stories))
	for i, st := range s.Stories {
		index[st] = i
		if i > 0 {
			st.Newer = s.Stories[i-1]
		}
		if i+1 < len(s.Stories) {
			st.Older = s.Stories[i+1]
		}
	}
	// position of each story in each term's list
	pos := map[*Term]map[*Story]int{}
	terms := append(slices.Clone(s.Tags), s.Branches...)
	for _, t := range terms {
		m := make(map[*Story]int, len(t.Stories))
		for i, st := range t.Stories {
			m[st] = i
		}
		pos[t] = m
	}
	type cand struct {
		st    *Story
		score float64
	}
	for _, st := range s.Stories {
		scores := map[*Story]float64{}
		add := func(t *Term, weight float64) {
			if t == nil {
				return
			}
			i := pos[t][st]
			lo, hi := max(0, i-window), min(len(t.Stories), i+window+1)
			for _, o := range t.Stories[lo:hi] {
				if o != st {
					scores[o] += weight
				}
			}
		}
		for _, t := range st.Tags {
			// Rarer tags say more: weight by inverse document frequency.
			add(t, 1+math.Log(float64(len(s.Stories)+1)/float64(len(t.Stories))))
		}
		add(st.Branch, 0.75)
		cands := make([]cand, 0, len(scores))
		for o, sc := range scores {
			if o.Category == st.Category {
				sc += 0.5
			}
			cands = append(cands, cand{o, sc})
		}
		me := index[st]
		slices.SortFunc(cands, func(a, b cand) int {
			return cmp.Or(
				cmp.Compare(b.score, a.score),
				cmp.Compare(abs(index[a.st]-me), abs(index[b.st]-me)),
				strings.Compare(a.st.Doc.Path, b.st.Doc.Path),
			)
		})
		for _, c := range cands[:min(len(cands), maxRelated)] {
			st.Related = append(st.Related, c.st)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// SetBody stores a story's converted Markdown. A summary from the front
// matter wins over the automatic one.
func (st *Story) SetBody(r *markdown.Result) {
	st.Body, st.Text, st.ReadingTime, st.Headings, st.Links = r.HTML, r.Text, r.ReadingTime, r.Headings, r.Links
	if st.Summary == "" {
		st.Summary = r.Summary
	}
}

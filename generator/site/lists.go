package site

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"herald/generator/internal/parallel"
	"herald/generator/internal/urlpath"
	"herald/generator/markdown"
)

// archives groups the stories by the year and month of their dates, as
// they show them. A date with another zone's offset than the others' may
// come, by its instant, before a date of a later month: the stories are in
// the order of their instants, and the years and months, newest first, are
// not runs of them (a review: 2024-02-29T23:00:00-05:00, newer than
// 2024-03-01T10:00:00+08:00, made two archives of 2024-02).
func (s *Site) archives() {
	years := map[int]*Year{}
	months := map[[2]int]*Month{}
	for _, st := range s.Stories {
		year, month := st.Date.Year(), int(st.Date.Month())
		y := years[year]
		if y == nil {
			y = &Year{Year: year, Path: fmt.Sprintf("/archives/%04d/", year)}
			years[year] = y
			s.Years = append(s.Years, y)
		}
		m := months[[2]int{year, month}]
		if m == nil {
			m = &Month{Year: year, Month: month, Path: fmt.Sprintf("/archives/%04d/%02d/", year, month)}
			months[[2]int{year, month}] = m
			y.Months = append(y.Months, m)
		}
		m.Stories = append(m.Stories, st)
		y.Count++
	}
	slices.SortFunc(s.Years, func(a, b *Year) int { return cmp.Compare(b.Year, a.Year) })
	for _, y := range s.Years {
		slices.SortFunc(y.Months, func(a, b *Month) int { return cmp.Compare(b.Month, a.Month) })
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
			first := t == nil
			if first {
				t = &Total{Label: a.Label, Unit: a.Unit, Summed: Summed(a.Label, a.Unit)}
				byKey[k] = t
				out = append(out, t)
			}
			fold(&t.Value, a.Value, first, t.Summed)
			if len(t.Stories) == 0 || t.Stories[len(t.Stories)-1] != st {
				t.Stories = append(t.Stories, st)
			}
		}
	}
	// The figures most stories report first, as tags are listed.
	slices.SortFunc(out, func(a, b *Total) int {
		return cmp.Or(cmp.Compare(len(b.Stories), len(a.Stories)), strings.Compare(a.Label, b.Label), strings.Compare(a.Unit, b.Unit))
	})
	return out
}

// fold folds a story's value v of a figure into acc, a total: the first
// value starts it; then a summed figure adds up, and another keeps the
// first, the newest story's (stories come newest first).
func fold(acc *float64, v float64, first, summed bool) {
	switch {
	case first:
		*acc = v
	case summed:
		*acc += v
	}
}

// notSummed are words of a figure's label, and units, that make it a rate,
// a share, an average, a score or an age: what adding up two stories'
// values gives is not true. Two turnouts of 96.4% and 97.3% are not a
// turnout of 193.7%.
var (
	notSummedWords = []string{"率", "均", "满意度", "比例", "占比", "比重", "指数", "得分", "评分", "排名", "名次", "年龄"}
	notSummedUnits = []string{"%", "％", "‰", "个百分点", "百分点", "岁", "分"}
	notSummedEN    = []string{"rate", "average", "avg", "mean", "percent", "percentage", "share", "ratio", "score", "index", "age", "rank"}
)

// Summed reports whether a figure of that label and unit is added up over
// stories, as counts and sums of money are; rates, shares, averages, scores
// and ages are not (notSummedWords).
func Summed(label, unit string) bool {
	if slices.Contains(notSummedUnits, strings.TrimSpace(unit)) {
		return false
	}
	for _, w := range notSummedWords {
		if strings.Contains(label, w) {
			return false
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(notSummedEN, w) {
			return false
		}
	}
	return true
}

// maxRelated is the most related stories a story shows.
const maxRelated = 5

// window is how many stories on each side, in time, of a story's place in
// each of its tags' and its branch's lists are candidates for being related.
// It bounds the work to O(stories × tags × window) where comparing every pair
// would be O(stories²).
const window = 24

// link sets each story's neighbours and related stories.
//
// Scores live in a slice indexed by story and are reset after each story, so
// the work is O(stories × (tags + 1) × window) with no maps on the hot path.
func (s *Site) link() {
	n := len(s.Stories)
	for i, st := range s.Stories {
		if i > 0 {
			st.Newer = s.Stories[i-1]
		}
		if i+1 < n {
			st.Older = s.Stories[i+1]
		}
	}
	// members[t] lists the indexes of a term's stories, newest first, and
	// at[i] the position of story i in each of its tags' lists and its
	// branch's list, in the order of its Tags then its branch.
	members := map[*Term][]int32{}
	at := make([][]int32, n)
	// cats[i] is story i's category: the scoring below asks it of every
	// candidate, and from the stories themselves, one cache miss each, that
	// took a third of the scoring's time at 10,000 stories.
	cats := make([]*Term, n)
	for i, st := range s.Stories {
		cats[i] = st.Category
		for _, t := range st.Tags {
			at[i] = append(at[i], int32(len(members[t])))
			members[t] = append(members[t], int32(i))
		}
		if st.Branch != nil {
			at[i] = append(at[i], int32(len(members[st.Branch])))
			members[st.Branch] = append(members[st.Branch], int32(i))
		}
	}
	// Each story's related stories depend on the lists alone: the stories
	// are scored in parallel, each worker with its own scores.
	workers := runtime.GOMAXPROCS(0)
	scores := make([][]float64, workers)
	touches := make([][]int32, workers)
	type cand struct {
		i     int32
		score float64
	}
	better := func(a, b cand, me int32) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		da, db := abs(int(a.i-me)), abs(int(b.i-me))
		if da != db {
			return da < db
		}
		return s.Stories[a.i].Doc.Path < s.Stories[b.i].Doc.Path
	}
	parallel.For(context.Background(), n, workers, func(w, i int) {
		if scores[w] == nil {
			scores[w] = make([]float64, n)
		}
		score, touched := scores[w], touches[w]
		st := s.Stories[i]
		me := int32(i)
		add := func(list []int32, pos int32, weight float64) {
			lo, hi := max(0, int(pos)-window), min(len(list), int(pos)+window+1)
			for _, o := range list[lo:hi] {
				if o == me {
					continue
				}
				if score[o] == 0 {
					touched = append(touched, o)
				}
				score[o] += weight
			}
		}
		for k, t := range st.Tags {
			// Rarer tags say more: weight by inverse document frequency.
			add(members[t], at[i][k], 1+math.Log(float64(n+1)/float64(len(members[t]))))
		}
		if st.Branch != nil {
			add(members[st.Branch], at[i][len(st.Tags)], 0.75)
		}
		var top [maxRelated]cand
		k := 0
		for _, o := range touched {
			c := cand{o, score[o]}
			score[o] = 0
			if cats[o] == st.Category {
				c.score += 0.5
			}
			if k < maxRelated {
				top[k] = c
				k++
			} else if better(c, top[k-1], me) {
				top[k-1] = c
			} else {
				continue
			}
			for j := k - 1; j > 0 && better(top[j], top[j-1], me); j-- {
				top[j], top[j-1] = top[j-1], top[j]
			}
		}
		touches[w] = touched[:0]
		st.Related = make([]*Story, k)
		for j := range k {
			st.Related[j] = s.Stories[top[j].i]
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// SetBody stores a story's converted Markdown. A summary from the front
// matter wins over the automatic one. load, when not nil, converts the
// Markdown again: for a result without its HTML (a cache keeps everything
// else: an update renders few stories' pages), when Body is first called,
// and after ReleaseBody.
func (st *Story) SetBody(r *markdown.Result, load func() (string, error)) {
	st.body = &body{html: r.HTML, loaded: !r.NoHTML || load == nil, load: load, text: r.Text, textLoaded: true}
	st.BodyHash, st.TextHash, st.ReadingTime, st.Headings, st.Links, st.Pasted = r.Hash, r.TextHash, r.ReadingTime, r.Headings, r.Links, r.Pasted
	if st.Summary == "" {
		st.Summary = r.Summary
	}
}

// SetTextLoader makes the story's plain text, which the result given to
// SetBody did not hold (a cache read from disk reads texts only when asked
// for), load when Text is first called, and after ReleaseText.
func (st *Story) SetTextLoader(load func() (string, error)) {
	b := st.body
	b.mu.Lock()
	defer b.mu.Unlock()
	b.text, b.textLoaded, b.loadText = "", false, load
}

// body is a story's HTML and plain text, each held or loaded again when
// asked for.
type body struct {
	mu     sync.Mutex
	html   string
	loaded bool
	load   func() (string, error)
	err    error

	text       string
	textLoaded bool
	loadText   func() (string, error) // nil when the text cannot be loaded again
}

// Body returns the story's HTML. It fails only when the story's Markdown,
// converted again when asked for, can no longer be read.
func (st *Story) Body() (string, error) {
	b := st.body
	if b == nil {
		return "", nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.loaded {
		b.html, b.err = b.load()
		b.loaded = true
	}
	return b.html, b.err
}

// ReleaseBody lets the story's HTML go, when it can be converted again: a
// build that has written the story's page lets go of every story's HTML
// that no feed shows, 40 MB at 10,000 stories.
func (st *Story) ReleaseBody() {
	b := st.body
	if b == nil || b.load == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.html, b.loaded = "", false
	}
}

// Text returns the story's plain text: blocks separated by "\n". It fails
// only when the text, loaded when asked for, can no longer be read.
func (st *Story) Text() (string, error) {
	b := st.body
	if b == nil {
		return "", nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.textLoaded {
		t, err := b.loadText()
		if err != nil {
			return "", err
		}
		b.text, b.textLoaded = t, true
	}
	return b.text, nil
}

// ReleaseText lets the story's plain text go, for a build that needs it no
// more once the search index holds it (40 MB at 10,000 stories). A text
// that cannot be loaded again reads as "" after: only a build whose
// templates never read it releases it.
func (st *Story) ReleaseText() {
	b := st.body
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.text, b.textLoaded = "", b.loadText == nil
}

// Seal computes each story's Version once its body is set. A Version is a
// hash of every field of the story a page can show of it — not of its
// neighbours or related stories, which pages list as stories of their own.
// It then decides which files beside the stories and in page bundles the
// build copies: those a published story or page uses (see Publishes and
// Unused), which it tells by the links of every story converted, drafts
// and scheduled stories included.
func (s *Site) Seal() {
	s.settleFiles()
	n := len(s.Stories)
	parallel.For(context.Background(), n+len(s.Pages), 0, func(_, i int) {
		if i < n {
			s.Stories[i].Version = s.Stories[i].version()
		} else {
			s.Pages[i-n].Version = s.Pages[i-n].version()
		}
	})
}

// version hashes what pages may show of a story. Each list is written
// with its length first, and each string with its own, so that no two
// stories hash alike by moving values from one field to the next (a
// review: authors [a, b, 86, 位] hashed as authors [a] and an achievement
// {b, 86, 位}). The date is hashed with its zone's name, which a template
// may show ({{.Date}}), and the params with their types (hashValue):
// "false" is not false, nor ["a b"] ["a", "b"], as fmt.Sprint had them,
// nor 12 12.0, as %#v had them.
func (st *Story) version() uint64 {
	h := xxhash.New() // the same in every process: versions go into stored fingerprints
	var n [binary.MaxVarintLen64]byte
	count := func(c int) { h.Write(n[:binary.PutUvarint(n[:], uint64(c))]) }
	w := func(ss ...string) {
		for _, s := range ss {
			count(len(s))
			h.WriteString(s)
		}
	}
	w(st.Doc.Path, st.Title, st.Date.Format(time.RFC3339Nano), st.Date.Location().String(), st.Path, st.Cover, st.Summary, strconv.Itoa(st.ReadingTime), strconv.FormatBool(st.Draft))
	for _, t := range []*Term{st.Branch, st.Category} {
		if t != nil {
			count(1)
			w(t.Name, t.Path)
		} else {
			count(0)
		}
	}
	count(len(st.Tags))
	for _, t := range st.Tags {
		w(t.Name, t.Path)
	}
	count(len(st.Authors))
	w(st.Authors...)
	count(len(st.Achievements))
	for _, a := range st.Achievements {
		w(a.Label, strconv.FormatFloat(a.Value, 'g', -1, 64), a.Unit)
	}
	keys := make([]string, 0, len(st.Params))
	for k := range st.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	count(len(keys))
	for _, k := range keys {
		w(k)
		hashValue(w, count, st.Params[k])
	}
	w(strconv.FormatUint(st.BodyHash, 16))
	return h.Sum64()
}

// hashValue writes a value of the front matter with its type, through w
// and count (see version): 12 is not 12.0, nor "12", nor [12].
func hashValue(w func(...string), count func(int), v any) {
	switch v := v.(type) {
	case nil:
		w("nil")
	case string:
		w("string", v)
	case bool:
		w("bool", strconv.FormatBool(v))
	case int:
		w("int", strconv.Itoa(v))
	case int64:
		w("int64", strconv.FormatInt(v, 10))
	case uint64:
		w("uint64", strconv.FormatUint(v, 10))
	case float64:
		w("float64", strconv.FormatFloat(v, 'g', -1, 64))
	case time.Time:
		w("time", v.Format(time.RFC3339Nano), v.Location().String())
	case []any:
		w("list")
		count(len(v))
		for _, e := range v {
			hashValue(w, count, e)
		}
	case map[string]any:
		w("map")
		keys := slices.Sorted(maps.Keys(v))
		count(len(keys))
		for _, k := range keys {
			w(k)
			hashValue(w, count, v[k])
		}
	default:
		w(fmt.Sprintf("%T", v), fmt.Sprintf("%#v", v))
	}
}

// categoryCounts counts stories by category, in the order of cats, leaving
// out categories with none.
func categoryCounts(stories []*Story, cats []*Term) []Count {
	n := map[*Term]int{}
	for _, st := range stories {
		if st.Category != nil {
			n[st.Category]++
		}
	}
	var out []Count
	for _, c := range cats {
		if n[c] > 0 {
			out = append(out, Count{Term: c, N: n[c]})
		}
	}
	return out
}

// figures adds up the achievements of every story by label, unit and year.
func (s *Site) figures() {
	byLabel := map[string]*Figure{}
	for _, st := range s.Stories {
		for _, a := range st.Achievements {
			f := byLabel[a.Label]
			if f == nil {
				f = &Figure{Label: a.Label}
				byLabel[a.Label] = f
				s.Figures = append(s.Figures, f)
			}
			var t *Tally
			for _, u := range f.Units {
				if u.Unit == a.Unit {
					t = u
				}
			}
			first := t == nil
			if first {
				t = &Tally{Unit: a.Unit, Summed: Summed(a.Label, a.Unit)}
				f.Units = append(f.Units, t)
			}
			fold(&t.Value, a.Value, first, t.Summed)
			// A year of the story's date as it shows it, which may come
			// after an earlier year's, by its instant (archives).
			year := st.Date.Year()
			i := slices.IndexFunc(t.Years, func(y *YearTally) bool { return y.Year == year })
			newYear := i < 0
			if newYear {
				i = len(t.Years)
				t.Years = append(t.Years, &YearTally{Year: year})
			}
			y := t.Years[i]
			fold(&y.Value, a.Value, newYear, t.Summed)
			if n := len(y.Stories); n == 0 || y.Stories[n-1] != st {
				y.Stories = append(y.Stories, st)
				t.Stories++
			}
		}
	}
	// The figures most stories report first, as tags are listed.
	reports := func(f *Figure) (n int) {
		for _, t := range f.Units {
			n += t.Stories
		}
		return n
	}
	slices.SortFunc(s.Figures, func(a, b *Figure) int {
		return cmp.Or(cmp.Compare(reports(b), reports(a)), strings.Compare(a.Label, b.Label))
	})
	used := map[string]bool{}
	for _, f := range s.Figures {
		slices.SortFunc(f.Units, func(a, b *Tally) int { return strings.Compare(a.Unit, b.Unit) })
		for _, t := range f.Units {
			slices.SortFunc(t.Years, func(a, b *YearTally) int { return cmp.Compare(b.Year, a.Year) })
		}
		slug := urlpath.Slugify(f.Label)
		if slug == "" {
			slug = "figure"
		}
		for i := 2; used[slug]; i++ {
			slug = urlpath.Slugify(f.Label) + "-" + strconv.Itoa(i)
		}
		used[slug] = true
		f.Path = "/achievements/" + slug + "/"
	}
}

// addresses sets every page's URL, and each story's dates as text.
func (s *Site) addresses() {
	base := s.Config.BasePath()
	url := func(p string) string { return base + urlpath.Escape(strings.TrimPrefix(p, "/")) }
	zh := s.Config.IsChinese()
	for _, st := range append(slices.Clone(s.Pages), s.Stories...) {
		st.URL = url(st.Path)
		if !st.Date.IsZero() {
			st.DateISO = st.Date.Format(time.RFC3339)
			if zh {
				st.DateText = fmt.Sprintf("%d年%d月%d日", st.Date.Year(), st.Date.Month(), st.Date.Day())
			} else {
				st.DateText = st.Date.Format("2 January 2006")
			}
		}
	}
	for _, ts := range [][]*Term{s.Categories, s.Branches, s.Tags} {
		for _, t := range ts {
			t.URL = url(t.Path)
		}
	}
	for _, y := range s.Years {
		y.URL = url(y.Path)
		for _, m := range y.Months {
			m.URL = url(m.Path)
		}
	}
	for _, f := range s.Figures {
		f.URL = url(f.Path)
	}
}

// URL returns a site path under the base URL's path, percent-encoded.
func (s *Site) URL(p string) string {
	return s.Config.BasePath() + urlpath.Escape(strings.TrimPrefix(p, "/"))
}

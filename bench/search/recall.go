package main

import (
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"

	"herald/generator/search"
	"herald/generator/site"
)

// corpus is what recall is judged against: each published story's Markdown
// body with soft line breaks joined (the truth), and all the text its page
// shows of it (for precision).
type corpus struct {
	paths  []string       // page paths: "/stories/2019/03/slug/"
	byPath map[string]int // page path -> story number
	bodies []string       // Markdown body, soft line breaks joined
	hays   []string       // title, summary, tags, branch, category, authors, body, text
}

func newCorpus(s *site.Site) (*corpus, error) {
	c := &corpus{byPath: map[string]int{}}
	for i, st := range s.Stories {
		body := joinSoftBreaks(string(st.Doc.Body))
		parts := []string{st.Title, st.Summary}
		for _, t := range st.Tags {
			parts = append(parts, t.Name)
		}
		if st.Branch != nil {
			parts = append(parts, st.Branch.Name)
		}
		if st.Category != nil {
			parts = append(parts, st.Category.Name)
		}
		parts = append(parts, st.Authors...)
		text, err := st.Text()
		if err != nil {
			return nil, err
		}
		parts = append(parts, body, text)
		c.paths = append(c.paths, st.Path)
		c.byPath[st.Path] = i
		c.bodies = append(c.bodies, body)
		c.hays = append(c.hays, strings.Join(parts, "\n"))
	}
	return c, nil
}

// joinSoftBreaks joins the lines of each paragraph of Markdown: a newline
// that is not part of a blank line is removed (as generator/search's recall
// test does).
func joinSoftBreaks(md string) string {
	var b strings.Builder
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		b.WriteString(l)
		if strings.TrimSpace(l) == "" || i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "" {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// truth returns the stories whose body holds q.
func (c *corpus) truth(q string) map[int]bool {
	out := map[int]bool{}
	for i, b := range c.bodies {
		if strings.Contains(b, q) {
			out[i] = true
		}
	}
	return out
}

// randomQueries draws n distinct Chinese substrings of 3–6 characters from
// the stories' bodies.
func (c *corpus) randomQueries(n int, seed uint64, avoid []string) []string {
	rng := rand.New(rand.NewPCG(seed, 2))
	han := regexp.MustCompile(`\p{Han}{6,}`)
	seen := map[string]bool{}
	for _, q := range avoid {
		seen[q] = true
	}
	var out []string
	for len(out) < n {
		runs := han.FindAllString(c.bodies[rng.IntN(len(c.bodies))], -1)
		if len(runs) == 0 {
			continue
		}
		run := []rune(runs[rng.IntN(len(runs))])
		l := 3 + rng.IntN(4)
		i := rng.IntN(len(run) - l + 1)
		q := string(run[i : i+l])
		if seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, q)
	}
	return out
}

// judged is one engine's answer to one query, judged.
type judged struct {
	Results    int // results returned
	Found      int // true stories among them
	Containing int // results whose story holds the query anywhere
	Top        int // results among the first 10
	TopHolding int // of those, how many hold the query
	Missed     []string
	Unknown    int // results that are not story pages
}

// judge compares a ranked list of story numbers (-1 for a result that is
// not a story) with the truth.
func (c *corpus) judge(q string, truth map[int]bool, ranked []int) judged {
	var j judged
	got := map[int]bool{}
	for k, id := range ranked {
		j.Results++
		if id < 0 {
			j.Unknown++
			continue
		}
		got[id] = true
		if truth[id] {
			j.Found++
		}
		hold := strings.Contains(c.hays[id], q)
		if hold {
			j.Containing++
		}
		if k < 10 {
			j.Top++
			if hold {
				j.TopHolding++
			}
		}
	}
	for id := range truth {
		if !got[id] {
			j.Missed = append(j.Missed, c.paths[id])
		}
	}
	return j
}

// heraldRanked returns herald's ranked results of q as story numbers.
func (c *corpus) heraldRanked(r *search.Reader, q string) ([]int, error) {
	hits, _, err := r.Search(q, search.Filter{})
	return c.ids(hits), err
}

// heraldPage returns the first page of results herald's search page shows
// for q, as search.Reader's Page ranks it, as story numbers.
func (c *corpus) heraldPage(r *search.Reader, q string) ([]int, error) {
	hits, _, err := r.Page(q, search.Filter{}, 0)
	return c.ids(hits), err
}

// ids returns the story numbers of hits.
func (c *corpus) ids(hits []search.Hit) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = c.idOf(h.Detail.URL)
	}
	return out
}

// idOf returns the story number of a result's address, or -1.
func (c *corpus) idOf(u string) int {
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	u = strings.TrimSuffix(u, "index.html")
	if id, ok := c.byPath[u]; ok {
		return id
	}
	return -1
}

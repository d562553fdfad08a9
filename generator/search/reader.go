package search

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Reader answers queries from an index's files, as static/js/search.js
// does in the browser. Tests use it to check the files, recall and ranking.
type Reader struct {
	m       Manifest
	files   map[string][]byte
	shards  map[int][]byte
	facets  *Facets
	details []Detail
	texts   []string
}

// Open reads an index's manifest.
func Open(files map[string][]byte) (*Reader, error) {
	r := &Reader{files: files, shards: map[int][]byte{}}
	if err := json.Unmarshal(files[ManifestPath], &r.m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestPath, err)
	}
	return r, nil
}

// Manifest returns the index's manifest.
func (r *Reader) Manifest() Manifest { return r.m }

// Filter narrows a search; zero values mean any.
type Filter struct {
	Category string
	Branch   string
	Year     int
}

// Hit is one story a query found.
type Hit struct {
	ID     int // the story's number: 0 is the newest
	Detail Detail
	Exact  bool // holds the query as written (spaces ignored)
	Meta   bool // holds every token of the query in its title, tags, branch or category
}

// Counts are the facets of a result: how many hits have each category,
// branch and year.
type Counts struct {
	Categories map[string]int
	Branches   map[string]int
	Years      map[int]int
}

// Search returns the stories holding every token of q that pass f, ranked,
// and the facet counts of the matches before the filter.
func (r *Reader) Search(q string, f Filter) ([]Hit, Counts, error) {
	tokens := QueryTokens(q)
	counts := Counts{Categories: map[string]int{}, Branches: map[string]int{}, Years: map[int]int{}}
	if len(tokens) == 0 {
		return nil, counts, nil
	}
	var ids, meta []int32
	for i, t := range tokens {
		all, m, err := r.postings(t)
		if err != nil {
			return nil, counts, err
		}
		if i == 0 {
			ids, meta = all, m
		} else {
			ids, meta = intersect(ids, all), intersect(meta, m)
		}
	}
	if err := r.loadAll(); err != nil {
		return nil, counts, err
	}
	want := Compact(q)
	var hits []Hit
	for _, id := range ids {
		cat, br, year := r.facets.Categories[id], r.facets.Branches[id], r.facets.Years[id]+r.m.FirstYear
		if cat >= 0 {
			counts.Categories[r.m.Categories[cat]]++
		}
		if br >= 0 {
			counts.Branches[r.m.Branches[br]]++
		}
		counts.Years[year]++
		if f.Category != "" && (cat < 0 || r.m.Categories[cat] != f.Category) ||
			f.Branch != "" && (br < 0 || r.m.Branches[br] != f.Branch) ||
			f.Year != 0 && year != f.Year {
			continue
		}
		d := r.details[id]
		hay := Compact(d.Title + " " + strings.Join(d.Tags, " ") + " " + r.name(r.m.Branches, br) + " " + r.name(r.m.Categories, cat) + " " + d.Summary + " " + r.texts[id])
		hits = append(hits, Hit{ID: int(id), Detail: d, Exact: strings.Contains(hay, want), Meta: slices.Contains(meta, id)})
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(-cmp.Compare(b2i(a.Exact), b2i(b.Exact)), -cmp.Compare(b2i(a.Meta), b2i(b.Meta)), cmp.Compare(a.ID, b.ID))
	})
	return hits, counts, nil
}

func (r *Reader) name(names []string, i int) string {
	if i < 0 {
		return ""
	}
	return names[i]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// postings returns the two posting lists of a token.
func (r *Reader) postings(token string) (all, meta []int32, err error) {
	i := int(hash(token) % uint32(len(r.m.Shards)))
	shard, ok := r.shards[i]
	if !ok {
		shard, err = gunzip(r.files[Dir+"/"+r.m.Shards[i]])
		if err != nil {
			return nil, nil, fmt.Errorf("shard %d: %w", i, err)
		}
		r.shards[i] = shard
	}
	for len(shard) > 0 {
		l, n := binary.Uvarint(shard)
		if n <= 0 || int(l) > len(shard)-n {
			return nil, nil, errors.New("corrupt shard")
		}
		tok := string(shard[n : n+int(l)])
		shard = shard[n+int(l):]
		var a, m []int32
		if a, shard, err = readPostings(shard, r.m.Stories); err != nil {
			return nil, nil, err
		}
		if m, shard, err = readPostings(shard, r.m.Stories); err != nil {
			return nil, nil, err
		}
		if tok == token {
			return a, m, nil
		}
	}
	return nil, nil, nil
}

func readPostings(b []byte, n int) ([]int32, []byte, error) {
	count, k := binary.Uvarint(b)
	if k <= 0 {
		return nil, nil, errors.New("corrupt posting count")
	}
	b = b[k:]
	if count == 0 {
		return nil, b, nil
	}
	mode := b[0]
	b = b[1:]
	ids := make([]int32, 0, count)
	if mode == 1 {
		size := (n + 7) / 8
		for i := 0; i < n; i++ {
			if b[i/8]&(1<<(i%8)) != 0 {
				ids = append(ids, int32(i))
			}
		}
		return ids, b[size:], nil
	}
	prev := int32(0)
	for range count {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, nil, errors.New("corrupt posting list")
		}
		b = b[k:]
		prev += int32(d)
		ids = append(ids, prev)
	}
	return ids, b, nil
}

func intersect(a, b []int32) []int32 {
	var out []int32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// loadAll reads the facets, every details file and every text.
func (r *Reader) loadAll() error {
	if r.facets != nil {
		return nil
	}
	var f Facets
	if err := readJSON(r.files[Dir+"/"+r.m.Facets], &f); err != nil {
		return fmt.Errorf("facets: %w", err)
	}
	for _, name := range r.m.Details {
		var ds []Detail
		if err := readJSON(r.files[Dir+"/"+name], &ds); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r.details = append(r.details, ds...)
	}
	for _, d := range r.details {
		pack := r.files[Dir+"/"+r.m.Packs[d.Text[0]]]
		text, err := gunzip(pack[d.Text[1] : d.Text[1]+d.Text[2]])
		if err != nil {
			return err
		}
		r.texts = append(r.texts, string(text))
	}
	r.facets = &f
	return nil
}

func readJSON(gzipped []byte, v any) error {
	data, err := gunzip(gzipped)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	return io.ReadAll(zr)
}

package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"herald/generator/internal/urlpath"
	"herald/generator/site"
)

// Dir is the folder of the index in the output.
const Dir = "search"

// ManifestPath is the output path of the manifest.
const ManifestPath = Dir + "/index.json"

// Options configure Build.
type Options struct {
	ShardBytes int // the raw size a shard aims at; default 40 kB (about 16 kB compressed)
	ChunkSize  int // stories per details file; default 50
	PackBytes  int // the raw size a text pack aims at; default 1 MB
	Workers    int // parallel workers; 0 means GOMAXPROCS
}

// Index is a built index: its files, by output path.
type Index struct {
	Files map[string][]byte
	base  string
}

// URLOf returns the address the index gives a story's page path, as in
// Detail.URL.
func (ix *Index) URLOf(pagePath string) string {
	return ix.base + urlpath.Escape(strings.TrimPrefix(pagePath, "/"))
}

// Manifest is search/index.json.
type Manifest struct {
	Version    int      `json:"version"`
	Stories    int      `json:"stories"`
	Base       string   `json:"base"`       // the base URL's path; file names are relative to Base + "search/"
	Shards     []string `json:"shards"`     // shard i holds the tokens with hash mod len(Shards) == i
	Details    []string `json:"details"`    // details file i holds stories [i*Chunk, (i+1)*Chunk)
	Chunk      int      `json:"chunk"`      // stories per details file
	Facets     string   `json:"facets"`     // the facets file
	Packs      []string `json:"packs"`      // the text packs
	Categories []string `json:"categories"` // names, by index
	Branches   []string `json:"branches"`   // names, by index
	FirstYear  int      `json:"firstYear"`  // facets give years as offsets from it
}

// Detail is what a details file holds of one story.
type Detail struct {
	Title    string   `json:"t"`
	URL      string   `json:"u"` // its address under the base path, percent-encoded
	Date     string   `json:"d"` // 2006-01-02
	Branch   int      `json:"b"` // index into Manifest.Branches, -1 for none
	Category int      `json:"c"` // index into Manifest.Categories, -1 for none
	Tags     []string `json:"g,omitempty"`
	Summary  string   `json:"s,omitempty"`
	Text     [3]int   `json:"x"` // pack, offset, length of its gzip-compressed text
}

// Facets is what the facets file holds: for each story, its category,
// branch and year.
type Facets struct {
	Categories []int `json:"c"` // -1 for none
	Branches   []int `json:"b"` // -1 for none
	Years      []int `json:"y"` // offsets from Manifest.FirstYear
}

// key packs a token into a number: a Chinese character or pair is its
// runes; a word is a number from the words table, with the top bit set.
type key uint64

const wordBit = 1 << 63

func runeKey(a, b rune) key { return key(uint64(a)<<21 | uint64(b)) }

// docTokens is what one story contributes: its keys, sorted and unique,
// and those of its title, tags, branch and category.
type docTokens struct {
	all, meta []key
	words     []string // its words, in the order the word keys were given
}

// Build builds the index of a site's published stories.
func Build(s *site.Site, opts Options) (*Index, error) {
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = 40 << 10
	}
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = 50
	}
	if opts.PackBytes <= 0 {
		opts.PackBytes = 1 << 20
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	stories := s.Stories
	n := len(stories)

	// Tokenize each story in parallel, words numbered per story.
	per := make([]docTokens, n)
	parallel(n, workers, func(i int) { per[i] = tokenize(stories[i]) })

	// Number the words across the site, in story order, so that keys are
	// the same whatever the number of workers.
	words := map[string]key{}
	var wordList []string
	for i := range per {
		remap := make([]key, len(per[i].words))
		for j, w := range per[i].words {
			k, ok := words[w]
			if !ok {
				k = key(wordBit | uint64(len(wordList)))
				words[w] = k
				wordList = append(wordList, w)
			}
			remap[j] = k
		}
		fix := func(keys []key) {
			for j, k := range keys {
				if k&wordBit != 0 {
					keys[j] = remap[k&^wordBit]
				}
			}
			slices.Sort(keys)
		}
		fix(per[i].all)
		fix(per[i].meta)
	}

	// Postings, gathered in story order so that each list is ascending.
	all := map[key][]int32{}
	meta := map[key][]int32{}
	for i := range per {
		for _, k := range per[i].all {
			all[k] = append(all[k], int32(i))
		}
		for _, k := range per[i].meta {
			meta[k] = append(meta[k], int32(i))
		}
	}
	type entry struct {
		token string
		data  []byte
	}
	entries := make([]entry, 0, len(all))
	total := 0
	for k, ids := range all {
		tok := tokenString(k, wordList)
		var b []byte
		b = appendPostings(b, ids, n)
		b = appendPostings(b, meta[k], n)
		entries = append(entries, entry{tok, b})
		total += len(tok) + len(b) + 2
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.token, b.token) })

	shards := 1
	for shards*opts.ShardBytes < total && shards < 4096 {
		shards *= 2
	}
	raw := make([][]byte, shards)
	for _, e := range entries {
		i := hash(e.token) % uint32(shards)
		raw[i] = binary.AppendUvarint(raw[i], uint64(len(e.token)))
		raw[i] = append(raw[i], e.token...)
		raw[i] = append(raw[i], e.data...)
	}

	m := &Manifest{Version: 1, Stories: n, Base: s.Config.BasePath(), Chunk: opts.ChunkSize}
	catIndex := map[*site.Term]int{}
	for i, t := range s.Categories {
		catIndex[t] = i
		m.Categories = append(m.Categories, t.Name)
	}
	brIndex := map[*site.Term]int{}
	for i, t := range s.Branches {
		brIndex[t] = i
		m.Branches = append(m.Branches, t.Name)
	}
	if n > 0 {
		m.FirstYear = stories[n-1].Date.Year()
	}

	// Texts, each its own gzip member, packed into files.
	texts := make([][]byte, n)
	parallel(n, workers, func(i int) { texts[i] = gz([]byte(stories[i].Text), gzip.BestSpeed) })
	var packs [][]byte
	details := make([]Detail, n)
	facets := Facets{Categories: make([]int, n), Branches: make([]int, n), Years: make([]int, n)}
	for i, st := range stories {
		if len(packs) == 0 || len(packs[len(packs)-1])+len(texts[i]) > opts.PackBytes && len(packs[len(packs)-1]) > 0 {
			packs = append(packs, nil)
		}
		p := len(packs) - 1
		d := Detail{
			Title: st.Title, URL: s.Config.BasePath() + urlpath.Escape(strings.TrimPrefix(st.Path, "/")), // as URLOf
			Date: st.Date.Format("2006-01-02"), Branch: -1, Category: -1, Summary: st.Summary,
			Text: [3]int{p, len(packs[p]), len(texts[i])},
		}
		if st.Branch != nil {
			d.Branch = brIndex[st.Branch]
		}
		if st.Category != nil {
			d.Category = catIndex[st.Category]
		}
		for _, t := range st.Tags {
			d.Tags = append(d.Tags, t.Name)
		}
		packs[p] = append(packs[p], texts[i]...)
		details[i] = d
		facets.Categories[i], facets.Branches[i], facets.Years[i] = d.Category, d.Branch, st.Date.Year()-m.FirstYear
	}

	ix := &Index{Files: map[string][]byte{}, base: s.Config.BasePath()}
	type job struct {
		dir  string
		i    int
		data []byte
		out  *string
	}
	var jobs []job
	m.Shards = make([]string, shards)
	for i, r := range raw {
		jobs = append(jobs, job{"s/", i, r, &m.Shards[i]})
	}
	chunks := (n + opts.ChunkSize - 1) / opts.ChunkSize
	m.Details = make([]string, chunks)
	for c := range chunks {
		data, err := json.Marshal(details[c*opts.ChunkSize : min(n, (c+1)*opts.ChunkSize)])
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job{"d/", c, data, &m.Details[c]})
	}
	fdata, err := json.Marshal(facets)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, job{"f", -1, fdata, &m.Facets})
	var mu sync.Mutex
	parallel(len(jobs), workers, func(i int) {
		j := jobs[i]
		data := gz(j.data, gzip.DefaultCompression)
		name := j.dir + "." + hashName(data) + ".bin"
		if j.i >= 0 {
			name = fmt.Sprintf("%s%02d.%s.bin", j.dir, j.i, hashName(data))
		}
		*j.out = name
		mu.Lock()
		ix.Files[Dir+"/"+name] = data
		mu.Unlock()
	})
	m.Packs = make([]string, len(packs))
	for i, p := range packs {
		m.Packs[i] = fmt.Sprintf("t/%02d.%s.bin", i, hashName(p))
		ix.Files[Dir+"/"+m.Packs[i]] = p
	}
	md, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	ix.Files[ManifestPath] = append(md, '\n')
	return ix, nil
}

// tokenize returns a story's keys. It works on runs of runes rather than
// token strings: a 10,000-story site has some 30 million tokens.
func tokenize(st *site.Story) docTokens {
	var d docTokens
	wordNum := map[string]key{}
	add := func(dst *[]key) func([]rune, class) {
		return func(run []rune, c class) {
			if c == word {
				w := string(run)
				k, ok := wordNum[w]
				if !ok {
					k = key(wordBit | uint64(len(d.words)))
					wordNum[w] = k
					d.words = append(d.words, w)
				}
				*dst = append(*dst, k)
				return
			}
			for i, r := range run {
				*dst = append(*dst, runeKey(0, r))
				if i+1 < len(run) {
					*dst = append(*dst, runeKey(r, run[i+1]))
				}
			}
		}
	}
	addAll, addMeta := add(&d.all), add(&d.meta)
	d.all = make([]key, 0, 2*len(st.Text)/3)
	for _, f := range []string{st.Title, st.Summary, st.Text} {
		runs(f, addAll)
	}
	meta := []string{st.Title}
	for _, t := range st.Tags {
		meta = append(meta, t.Name)
	}
	if st.Branch != nil {
		meta = append(meta, st.Branch.Name)
	}
	if st.Category != nil {
		meta = append(meta, st.Category.Name)
	}
	for _, f := range meta {
		runs(f, addAll)
		runs(f, addMeta)
	}
	d.all = uniq(d.all)
	d.meta = uniq(d.meta)
	return d
}

func uniq(keys []key) []key {
	slices.Sort(keys)
	return slices.Compact(keys)
}

// tokenString returns the text of a key.
func tokenString(k key, words []string) string {
	if k&wordBit != 0 {
		return words[k&^wordBit]
	}
	a, b := rune(k>>21), rune(k&(1<<21-1))
	if a == 0 {
		return string(b)
	}
	return string([]rune{a, b})
}

// appendPostings appends a posting list: a count, then deltas or a bitmap,
// whichever is smaller.
func appendPostings(b []byte, ids []int32, n int) []byte {
	b = binary.AppendUvarint(b, uint64(len(ids)))
	if len(ids) == 0 {
		return b
	}
	var list []byte
	prev := int32(0)
	for _, id := range ids {
		list = binary.AppendUvarint(list, uint64(id-prev))
		prev = id
	}
	bitmapLen := (n + 7) / 8
	if bitmapLen < len(list) {
		bm := make([]byte, bitmapLen)
		for _, id := range ids {
			bm[id/8] |= 1 << (id % 8)
		}
		b = append(b, 1)
		return append(b, bm...)
	}
	b = append(b, 0)
	return append(b, list...)
}

// gz compresses data as one gzip member with no name and no time, so the
// bytes depend only on data.
func gz(data []byte, level int) []byte {
	var buf bytes.Buffer
	pool := writers[level]
	w, _ := pool.Get().(*gzip.Writer)
	if w == nil {
		w, _ = gzip.NewWriterLevel(&buf, level)
	} else {
		w.Reset(&buf)
	}
	w.Write(data)
	w.Close()
	pool.Put(w)
	return buf.Bytes()
}

// writers keeps gzip writers for reuse: each holds about a megabyte of
// tables, too much to make once per story.
var writers = map[int]*sync.Pool{gzip.BestSpeed: {}, gzip.DefaultCompression: {}}

func hashName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:5])
}

// parallel runs f(0…n-1) on workers goroutines.
func parallel(n, workers int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

package search

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"herald/generator/internal/reuse"
)

// PageSize is how many results the search page shows at a time, and so
// how many it checks for the exact phrase at a time.
const PageSize = 10

// A Source serves an index's files to a Reader, as a web server serves
// them to the browser. Names are relative to search/, as in the manifest.
type Source interface {
	// Fetch returns the n bytes of the named file from offset off, or the
	// whole file when n < 0. Like a server that ignores a Range header, it
	// may answer a request for part with the whole file; whole says so.
	Fetch(name string, off, n int) (data []byte, whole bool, err error)
}

// Files is a Source over files in memory, keyed by output path (under
// search/), as Index.Files holds them. It answers ranges.
type Files map[string][]byte

// Fetch implements Source.
func (f Files) Fetch(name string, off, n int) ([]byte, bool, error) {
	data, ok := f[Dir+"/"+name]
	if !ok {
		return nil, false, fmt.Errorf("%s: no such file", name)
	}
	if n < 0 {
		return data, true, nil
	}
	if off < 0 || off+n > len(data) {
		return nil, false, fmt.Errorf("%s: range %d+%d outside %d bytes", name, off, n, len(data))
	}
	return data[off : off+n], off == 0 && n == len(data), nil
}

// Reader answers queries from an index's files, fetching them as
// static/js/search.js does in the browser: the manifest, then the fold
// file, the dictionaries of the folded query's tokens and the facets, then
// each token's posting lists by range, then the pack members of the
// stories to show.
// Tests use it to check the files, recall and ranking.
type Reader struct {
	m       Manifest
	src     Source
	whole   map[string][]byte // files fetched whole: a server ignored Range, or the file is always fetched whole
	dicts   map[int]*dictionary
	facets  *facets
	fold    map[rune]rune // the fold file's table, once fetched
	members map[int32]*Detail
}

// Open reads an index's manifest from its files in memory.
func Open(files map[string][]byte) (*Reader, error) { return OpenSource(Files(files)) }

// OpenSource reads an index's manifest from src.
func OpenSource(src Source) (*Reader, error) {
	r := &Reader{src: src, whole: map[string][]byte{}, dicts: map[int]*dictionary{}, members: map[int32]*Detail{}}
	data, _, err := src.Fetch("index.json", 0, -1)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &r.m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestPath, err)
	}
	if r.m.Version != Version {
		return nil, fmt.Errorf("%s: version %d, want %d", ManifestPath, r.m.Version, Version)
	}
	return r, nil
}

// Manifest returns the index's manifest.
func (r *Reader) Manifest() Manifest { return r.m }

// file returns a whole file.
func (r *Reader) file(name string) ([]byte, error) {
	if b, ok := r.whole[name]; ok {
		return b, nil
	}
	b, _, err := r.src.Fetch(name, 0, -1)
	if err != nil {
		return nil, err
	}
	r.whole[name] = b
	return b, nil
}

// part returns n bytes of a file from off: from the whole file if the
// reader has it, else by a range request. A source that answers with the
// whole file is cut, and the file kept for later.
func (r *Reader) part(name string, off, n int) ([]byte, error) {
	b, ok := r.whole[name]
	if !ok {
		data, whole, err := r.src.Fetch(name, off, n)
		if err != nil {
			return nil, err
		}
		if !whole {
			if len(data) != n {
				return nil, fmt.Errorf("%s: asked for %d bytes, got %d", name, n, len(data))
			}
			return data, nil
		}
		r.whole[name] = data
		b = data
	}
	if off < 0 || n < 0 || off+n > len(b) {
		return nil, fmt.Errorf("%s: range %d+%d outside %d bytes", name, off, n, len(b))
	}
	return b[off : off+n], nil
}

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
	Meta   bool // holds every token of the query in its title or tags
}

// Counts are the facets of a result: how many hits have each category,
// branch and year.
type Counts struct {
	Categories map[string]int
	Branches   map[string]int
	Years      map[int]int
}

// matches are the stories a query finds that pass a filter, in the order
// the page takes them: title and tag matches first, then newer first.
type matches struct {
	ids  []int32
	meta map[int32]bool
}

// Search returns the stories holding every token of q that pass f, ranked
// over all of them: those holding the exact phrase first, then those that
// hold it in the title or tags, then newer first; and the facet counts of
// the matches before the filter. The search page ranks only the page it
// shows; Page gives that order.
func (r *Reader) Search(q string, f Filter) ([]Hit, Counts, error) {
	mt, counts, err := r.match(q, f)
	if err != nil || mt == nil {
		return nil, counts, err
	}
	hits, err := r.hits(q, mt, mt.ids)
	return hits, counts, err
}

// Page returns the page-th PageSize results (from 0) as the search page
// shows them, and the number of matches after the filter. The page takes
// the matches with title and tag matches first, then newer first, and
// ranks each PageSize of them when it shows them, after fetching their
// members: those holding the exact phrase first, then title and tag
// matches, then newer.
func (r *Reader) Page(q string, f Filter, page int) ([]Hit, int, error) {
	mt, _, err := r.match(q, f)
	if err != nil || mt == nil {
		return nil, 0, err
	}
	from := min(page*PageSize, len(mt.ids))
	hits, err := r.hits(q, mt, mt.ids[from:min(from+PageSize, len(mt.ids))])
	return hits, len(mt.ids), err
}

// hits fetches the members of ids and ranks them. The query, folded as
// match folds it, and the text compare folded.
func (r *Reader) hits(q string, mt *matches, ids []int32) ([]Hit, error) {
	want := Compact(foldWith(r.fold, q))
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		d, err := r.member(id)
		if err != nil {
			return nil, err
		}
		hits = append(hits, Hit{ID: int(id), Detail: *d, Exact: Holds(r.haystack(d), want), Meta: mt.meta[id]})
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(-cmp.Compare(b2i(a.Exact), b2i(b.Exact)), -cmp.Compare(b2i(a.Meta), b2i(b.Meta)), cmp.Compare(a.ID, b.ID))
	})
	return hits, nil
}

// haystack is the text the exact-phrase test looks in: the story's title,
// tags, authors, branch, category, summary and text, compacted.
func (r *Reader) haystack(d *Detail) string {
	return Compact(d.Title + " " + strings.Join(d.Tags, " ") + " " + strings.Join(d.Authors, " ") + " " + name(r.m.Branches, d.Branch) + " " + name(r.m.Categories, d.Category) + " " + d.Summary + " " + d.Text)
}

// match finds the stories holding every token of q, counts their facets
// and keeps those that pass f. It returns nil matches for a query with no
// tokens.
func (r *Reader) match(q string, f Filter) (*matches, Counts, error) {
	counts := Counts{Categories: map[string]int{}, Branches: map[string]int{}, Years: map[int]int{}}
	if len(QueryTokens(q)) == 0 {
		return nil, counts, nil
	}
	// The query folded with the fold file, as the browser folds it: the
	// index's tokens are folded.
	if err := r.loadFold(); err != nil {
		return nil, counts, err
	}
	tokens := QueryTokens(foldWith(r.fold, q))
	// The dictionaries first: a token that is in none needs no postings.
	spans := make([]*span, len(tokens))
	dicts := make([]*dictionary, len(tokens))
	missing := false
	for i, t := range tokens {
		d, err := r.dict(int(hash(t) % uint32(len(r.m.Dicts))))
		if err != nil {
			return nil, counts, err
		}
		dicts[i] = d
		if sp, ok := d.spans[t]; ok {
			spans[i] = &sp
		} else {
			missing = true
		}
	}
	fc, err := r.loadFacets()
	if err != nil {
		return nil, counts, err
	}
	mt := &matches{meta: map[int32]bool{}}
	if missing {
		return mt, counts, nil
	}
	var ids, meta []int32
	for i, sp := range spans {
		all, m, err := r.postings(dicts[i], *sp)
		if err != nil {
			return nil, counts, fmt.Errorf("token %q: %w", tokens[i], err)
		}
		if i == 0 {
			ids, meta = all, m
		} else {
			ids, meta = intersect(ids, all), intersect(meta, m)
		}
	}
	for _, id := range meta {
		mt.meta[id] = true
	}
	for _, id := range ids {
		cat, br, year := fc.cat[id], fc.branch[id], fc.year[id]+r.m.FirstYear
		if cat >= 0 {
			counts.Categories[r.m.Categories[cat]]++
		}
		if br >= 0 {
			counts.Branches[r.m.Branches[br]]++
		}
		counts.Years[year]++
		if f.Category != "" && name(r.m.Categories, cat) != f.Category ||
			f.Branch != "" && name(r.m.Branches, br) != f.Branch ||
			f.Year != 0 && year != f.Year {
			continue
		}
		mt.ids = append(mt.ids, id)
	}
	slices.SortStableFunc(mt.ids, func(a, b int32) int {
		return cmp.Or(-cmp.Compare(b2i(mt.meta[a]), b2i(mt.meta[b])), cmp.Compare(a, b))
	})
	return mt, counts, nil
}

func name(names []string, i int) string {
	if i < 0 || i >= len(names) {
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

// dictionary is a shard's dictionary, read.
type dictionary struct {
	postings string // the name of the shard's postings file
	spans    map[string]span
}

// span is where a token's posting lists lie in its shard's postings file.
type span struct {
	off, n int
	gzip   bool
}

// dict returns shard i's dictionary.
func (r *Reader) dict(i int) (*dictionary, error) {
	if d, ok := r.dicts[i]; ok {
		return d, nil
	}
	data, err := r.file(r.m.Dicts[i])
	if err != nil {
		return nil, err
	}
	if data, err = gunzip(data); err != nil {
		return nil, fmt.Errorf("%s: %w", r.m.Dicts[i], err)
	}
	d, err := readDictionary(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.m.Dicts[i], err)
	}
	r.dicts[i] = d
	return d, nil
}

// readDictionary reads a dictionary, decompressed: the postings file's
// name, then for each token its length, its bytes, and the size of its
// posting lists times two, plus one when they are gzip-compressed. A
// token's lists start where the previous token's end.
func readDictionary(b []byte) (*dictionary, error) {
	str := func() (string, bool) {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return "", false
		}
		s := string(b[k : k+int(l)])
		b = b[k+int(l):]
		return s, true
	}
	pname, ok := str()
	if !ok {
		return nil, errors.New("corrupt dictionary")
	}
	d := &dictionary{postings: pname, spans: map[string]span{}}
	off := 0
	for len(b) > 0 {
		tok, ok := str()
		v, k := binary.Uvarint(b)
		if !ok || k <= 0 {
			return nil, errors.New("corrupt dictionary")
		}
		b = b[k:]
		n := int(v >> 1)
		d.spans[tok] = span{off, n, v&1 == 1}
		off += n
	}
	return d, nil
}

// postings returns the two posting lists of a token.
func (r *Reader) postings(d *dictionary, sp span) (all, meta []int32, err error) {
	b, err := r.part(d.postings, sp.off, sp.n)
	if err != nil {
		return nil, nil, err
	}
	return decodePostings(b, sp.gzip, r.m.Stories)
}

// decodePostings decodes a token's two posting lists, as its postings
// file holds them (gzip-compressed when gz), in an index of n stories.
func decodePostings(b []byte, gz bool, n int) (all, meta []int32, err error) {
	if gz {
		if b, err = gunzip(b); err != nil {
			return nil, nil, err
		}
	}
	if all, b, err = readPostings(b, n); err != nil {
		return nil, nil, err
	}
	if meta, b, err = readPostings(b, n); err != nil {
		return nil, nil, err
	}
	if len(b) != 0 {
		return nil, nil, errors.New("corrupt posting lists: bytes left over")
	}
	return all, meta, nil
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
	if len(b) == 0 || count > uint64(n) {
		return nil, nil, errors.New("corrupt posting list")
	}
	mode := b[0]
	b = b[1:]
	ids := make([]int32, 0, count)
	if mode == 1 {
		size := (n + 7) / 8
		if len(b) < size {
			return nil, nil, errors.New("corrupt posting bitmap")
		}
		for i := 0; i < n; i++ {
			if b[i/8]&(1<<(i%8)) != 0 {
				ids = append(ids, int32(i))
			}
		}
		return ids, b[size:], nil
	}
	prev := int64(0)
	for range count {
		d, k := binary.Uvarint(b)
		if k <= 0 || d >= uint64(n) || prev+int64(d) >= int64(n) {
			return nil, nil, errors.New("corrupt posting list")
		}
		b = b[k:]
		prev += int64(d)
		ids = append(ids, int32(prev))
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

// facets is the facets file, read: for each story its category, branch
// and year, and where its member lies.
type facets struct {
	cat, branch, year []int // -1 for no category or branch; years from FirstYear
	pack, off, size   []int
}

// readFacets reads the facets file, decompressed, of n stories: four
// columns of n uvarints each, category + 1, branch + 1 (0 for none), year
// - firstYear, and the size of the story's member in units. packFirst
// gives the first story of each pack; a story's member starts where the
// member of the story before it in the same pack ends.
func readFacets(b []byte, n int, packFirst []int, unit int) (*facets, error) {
	f := &facets{}
	cols := []*[]int{&f.cat, &f.branch, &f.year, &f.size}
	for c, col := range cols {
		*col = make([]int, n)
		for i := range n {
			v, k := binary.Uvarint(b)
			if k <= 0 || v > 1<<31 {
				return nil, errors.New("corrupt facets")
			}
			b = b[k:]
			(*col)[i] = int(v)
			switch c {
			case 0, 1:
				(*col)[i]--
			case 3:
				(*col)[i] *= unit
			}
		}
	}
	if len(b) != 0 {
		return nil, errors.New("corrupt facets: bytes left over")
	}
	f.pack, f.off = make([]int, n), make([]int, n)
	p := -1
	for i := range n {
		if p+1 < len(packFirst) && packFirst[p+1] == i {
			p++
		} else if i > 0 {
			f.off[i] = f.off[i-1] + f.size[i-1]
		}
		if p < 0 {
			return nil, errors.New("corrupt facets: a story before the first pack")
		}
		f.pack[i] = p
	}
	return f, nil
}

func (r *Reader) loadFacets() (*facets, error) {
	if r.facets != nil {
		return r.facets, nil
	}
	data, err := r.file(r.m.Facets)
	if err != nil {
		return nil, err
	}
	if data, err = gunzip(data); err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	f, err := readFacets(data, r.m.Stories, r.m.PackFirst, r.m.MemberUnit)
	if err != nil {
		return nil, err
	}
	r.facets = f
	return f, nil
}

// loadFold fetches and reads the fold file, once. A manifest that names
// none is of an index built before folding, still in a browser's cache:
// its tokens are not folded, and neither is the query.
func (r *Reader) loadFold() error {
	if r.fold != nil {
		return nil
	}
	if r.m.Fold == "" {
		r.fold = map[rune]rune{}
		return nil
	}
	data, err := r.file(r.m.Fold)
	if err != nil {
		return err
	}
	if data, err = gunzip(data); err != nil {
		return fmt.Errorf("%s: %w", r.m.Fold, err)
	}
	if r.fold, err = readFold(data); err != nil {
		return fmt.Errorf("%s: %w", r.m.Fold, err)
	}
	return nil
}

// member returns a story's pack member, fetched by range.
func (r *Reader) member(id int32) (*Detail, error) {
	if d, ok := r.members[id]; ok {
		return d, nil
	}
	f, err := r.loadFacets()
	if err != nil {
		return nil, err
	}
	name := r.m.Packs[f.pack[id]]
	b, err := r.part(name, f.off[id], f.size[id])
	if err != nil {
		return nil, err
	}
	var d Detail
	if err := readJSON(b, &d); err != nil {
		return nil, fmt.Errorf("%s, story %d: %w", name, id, err)
	}
	r.members[id] = &d
	return &d, nil
}

func readJSON(gzipped []byte, v any) error {
	data, err := gunzip(gzipped)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// gzipReaders are kept for gunzip: each holds a 32 kB window and more,
// and an update that patches the index reads a hundred dictionaries (4 MB
// of readers at 10,000 stories, each touched afresh).
var gzipReaders = reuse.New(8, func() *gzip.Reader { return new(gzip.Reader) },
	func(*gzip.Reader) bool { return true })

// gunzip decompresses one gzip member, and fails on anything after it, as
// the browser's DecompressionStream does.
func gunzip(data []byte) ([]byte, error) {
	br := bytes.NewReader(data)
	zr := gzipReaders.Get()
	defer gzipReaders.Put(zr)
	if err := zr.Reset(br); err != nil {
		return nil, err
	}
	zr.Multistream(false)
	var out bytes.Buffer
	if n := len(data); n >= 4 {
		// The member ends with its size, mod 2³²: room for it, within
		// reason for a file that may be damaged, and for ReadFrom's last
		// read, which finds the end.
		size := binary.LittleEndian.Uint32(data[n-4:])
		out.Grow(int(min(size, 1<<20)) + bytes.MinRead)
	}
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, err
	}
	if br.Len() != 0 {
		return nil, errors.New("bytes after the gzip member")
	}
	return out.Bytes(), nil
}

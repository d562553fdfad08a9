package search

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	gzip "github.com/klauspost/compress/gzip"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"herald/generator/internal/parallel"
	"herald/generator/internal/urlpath"
	"herald/generator/site"
)

// Dir is the folder of the index in the output.
const Dir = "search"

// ManifestPath is the output path of the manifest.
const ManifestPath = Dir + "/index.json"

// Version is the format version the manifest gives.
const Version = 2

// Options configure Build.
type Options struct {
	DictBytes int // the raw size a dictionary aims at; default 4 kB (about 2.5 kB compressed)
	MaxShards int // the most shards; default 256
	PackBytes int // the size a story pack aims at; default 1 MB
	Workers   int // parallel workers; 0 means GOMAXPROCS
	// ReleaseText lets each story's Text go once it is indexed, for a
	// build that needs it for nothing else: 40 MB at 10,000 stories.
	ReleaseText bool
	// Emit, when not nil, takes each file of an index built afresh but
	// the manifest (by output path, like Index.Files) as soon as it is
	// complete, instead of Index.Files: the story packs, 20 MB at 10,000
	// stories, are then never all in memory. It must be safe for
	// concurrent use. An index patched from a prior keeps its files.
	Emit func(path string, data []byte) error
}

// Index is a built index: its files, by output path.
type Index struct {
	Files map[string][]byte
	// Keys hash what the index holds of each story, in story order: with
	// the files, what Update needs to patch the index.
	Keys    []uint64
	Patched bool // Update patched the previous index instead of building it afresh
	// Kept lists, by output path, the files of the index that are the
	// previous index's, byte for byte and under the same name, which
	// Update did not read (Prior.Intact): not in Files. ReadKept reads one.
	Kept  []string
	base  string
	prior *priorSource
}

// ReadKept returns the bytes of a file in Kept, read from the previous
// index and checked against the hash in its name.
func (ix *Index) ReadKept(path string) ([]byte, error) {
	if ix.prior == nil || !strings.HasPrefix(path, Dir+"/") {
		return nil, fmt.Errorf("%s: not a file of the previous index", path)
	}
	return ix.prior.file(strings.TrimPrefix(path, Dir+"/"))
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
	Dicts      []string `json:"dicts"`      // dictionary i holds the tokens with hash mod len(Dicts) == i
	Facets     string   `json:"facets"`     // the facets file
	Fold       string   `json:"fold"`       // the fold file: traditional characters to simplified, for queries
	Packs      []string `json:"packs"`      // the story packs
	PackFirst  []int    `json:"packFirst"`  // pack i holds stories [PackFirst[i], PackFirst[i+1])
	MemberUnit int      `json:"memberUnit"` // the facets give members' sizes in this unit
	Categories []string `json:"categories"` // names, by index
	Branches   []string `json:"branches"`   // names, by index
	FirstYear  int      `json:"firstYear"`  // facets give years as offsets from it
}

// Detail is a story's member of a story pack: what a result shows, and the
// text the exact-phrase test and the excerpt read.
type Detail struct {
	Title    string   `json:"t"`
	URL      string   `json:"u"` // its address under the base path, percent-encoded
	Date     string   `json:"d"` // 2006-01-02
	Branch   int      `json:"b"` // index into Manifest.Branches, -1 for none
	Category int      `json:"c"` // index into Manifest.Categories, -1 for none
	Tags     []string `json:"g,omitempty"`
	Authors  []string `json:"a,omitempty"`
	Summary  string   `json:"s,omitempty"`
	Text     string   `json:"x"`
}

// key packs a token into a number: a Chinese character or pair is its
// runes; a word is a number from a words table, with the top bit set.
type key uint64

const wordBit = 1 << 63

func runeKey(a, b rune) key { return key(uint64(a)<<21 | uint64(b)) }

// withDefaults fills in the options left zero.
func (opts Options) withDefaults() Options {
	if opts.DictBytes <= 0 {
		opts.DictBytes = 4096
	}
	if opts.MaxShards <= 0 {
		opts.MaxShards = 256
	}
	if opts.PackBytes <= 0 {
		opts.PackBytes = 1 << 20
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return opts
}

// Build builds the index of a site's published stories.
func Build(s *site.Site, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	a := newAssembler(s, opts)
	n := len(s.Stories)

	// Workers tokenize each story and compress its pack member; the merger
	// takes the stories in order, so that posting lists come out ascending
	// and the files are the same whatever the number of workers.
	mg := newMerger(n)
	errs := make([]error, n)
	pipeline(n, opts.Workers, func(i int, tk *tokenizer) {
		st := s.Stories[i]
		cat, br := a.terms(st)
		text, err := st.Text()
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", st.Doc.Path, err)
		}
		tk.story(st, text, cat, br, a.base)
		if opts.ReleaseText {
			st.ReleaseText()
		}
	}, func(i int, tk *tokenizer) {
		mg.add(int32(i), tk)
		a.add(i, tk.member)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	// Shards: a dictionary and a postings file each.
	toks := mg.tokens()
	dictTotal := 0
	for _, t := range toks {
		dictTotal += dictCost(t.text)
	}
	shards := a.shards(dictTotal)
	byShard := make([][]shardEntry, shards)
	for _, t := range toks {
		i := hash(t.text) % uint32(shards)
		byShard[i] = append(byShard[i], shardEntry{text: t.text, all: &t.all, meta: &t.meta})
	}
	a.m.Dicts = make([]string, shards)
	parallel.For(context.Background(), shards, opts.Workers, func(w, i int) {
		name, dict, pname, postings := writeShard(i, byShard[i], n, &a.zs[w])
		a.put(pname, postings)
		a.m.Dicts[i] = name
		a.put(name, dict)
	})
	return a.finish()
}

// assembler gathers the files of an index: the shards' files as they come,
// the pack members story by story, in order; finish writes the packs, the
// facets and the manifest.
type assembler struct {
	s         *site.Site
	opts      Options
	base      string
	m         *Manifest
	catIndex  map[*site.Term]int
	brIndex   map[*site.Term]int
	packs     [][]byte
	packSize  []int     // the packs' sizes as stories are placed in them
	keptPacks []string  // by pack, the name of a pack kept from the prior, or ""
	emitted   []string  // the names of the packs given to Options.Emit, in order
	emitErr   error     // the first error of Options.Emit
	facets    [4][]byte // category+1, branch+1, year offset, member length
	zs        []gzipper // one per worker
	mu        sync.Mutex
	ix        *Index
}

func newAssembler(s *site.Site, opts Options) *assembler {
	n := len(s.Stories)
	a := &assembler{
		s: s, opts: opts, base: s.Config.BasePath(),
		catIndex: map[*site.Term]int{}, brIndex: map[*site.Term]int{},
		zs: make([]gzipper, opts.Workers),
	}
	a.m = &Manifest{Version: Version, Stories: n, Base: a.base, MemberUnit: MemberUnit}
	a.ix = &Index{Files: map[string][]byte{}, base: a.base, Keys: make([]uint64, n)}
	for i, t := range s.Categories {
		a.catIndex[t] = i
		a.m.Categories = append(a.m.Categories, t.Name)
	}
	for i, t := range s.Branches {
		a.brIndex[t] = i
		a.m.Branches = append(a.m.Branches, t.Name)
	}
	if n > 0 {
		a.m.FirstYear = s.Stories[n-1].Date.Year()
	}
	for i, st := range s.Stories {
		a.ix.Keys[i] = storyKey(st, a.base)
	}
	return a
}

// terms returns the indexes of a story's category and branch, -1 for none.
func (a *assembler) terms(st *site.Story) (cat, br int) {
	cat, br = -1, -1
	if st.Category != nil {
		cat = a.catIndex[st.Category]
	}
	if st.Branch != nil {
		br = a.brIndex[st.Branch]
	}
	return cat, br
}

// shards returns the number of shards for tokens whose dictCost adds up
// to dictTotal: one per DictBytes, rounded up to a power of two, at most
// MaxShards. Update patches an index only while the count stays the same,
// and an edit that adds or removes a few tokens then changes it only when
// the site's tokens come within those few of doubling it.
func (a *assembler) shards(dictTotal int) int {
	n := max(1, (dictTotal+a.opts.DictBytes-1)/a.opts.DictBytes)
	return min(1<<bits.Len(uint(n-1)), a.opts.MaxShards)
}

// dictCost is what a token counts for in sizing the dictionaries.
func dictCost(text string) int { return len(text) + 4 }

// put adds a file under search/: to Index.Files, or to Options.Emit.
func (a *assembler) put(name string, data []byte) {
	if a.opts.Emit != nil {
		err := a.opts.Emit(Dir+"/"+name, data)
		a.mu.Lock()
		a.emitErr = cmp.Or(a.emitErr, err)
		a.mu.Unlock()
		return
	}
	a.mu.Lock()
	a.ix.Files[Dir+"/"+name] = data
	a.mu.Unlock()
}

// add adds story i's pack member; stories must come in order. With
// Options.Emit, a pack is emitted as soon as the next one starts.
func (a *assembler) add(i int, member []byte) {
	p := a.place(i, len(member))
	if p == len(a.packs) {
		if p > 0 && a.opts.Emit != nil {
			a.emitted = append(a.emitted, packName(a.packs[p-1]))
			a.put(a.emitted[p-1], a.packs[p-1])
			a.packs[p-1] = nil
		}
		a.packs = append(a.packs, make([]byte, 0, a.opts.PackBytes+a.opts.PackBytes/8))
	}
	if b := a.packs[p]; len(b)+len(member) > cap(b) {
		// Twice the room, not append's quarter more: a pack past its
		// first buffer left a trail of copies of itself.
		a.packs[p] = append(make([]byte, 0, 2*cap(b)+len(member)), b...)
	}
	a.packs[p] = append(a.packs[p], member...)
}

// packName is the name of a pack of data: by its bytes alone, so that a
// pack that holds the same stories at other numbers keeps its name.
func packName(data []byte) string { return "t/pack." + hashName(data) + ".bin" }

// cut reports whether story i, whose member is size bytes, starts a new
// pack after one of packSize bytes. Packs are cut by the stories they
// hold, not by where they start: before a story whose key falls under a
// share of the keys in proportion to its size (so that packs hold half
// of PackBytes on average), and before one that would take the pack past
// twice PackBytes. A story added, newest first, moves every story's
// place: cut by size from the newest, every pack changed, 26 MB of them
// at 10,000 stories to write and to publish for one story; cut so,
// usually only the pack it goes in. (With a least size as well, a story
// added moved the cuts of the next packs too. With a mean of PackBytes
// and packs up to four times it, a build of 10,000 stories peaked some
// 10 MB higher: a pack past its first buffer left copies of itself.)
func (a *assembler) cut(i, size, packSize int) bool {
	half := uint64(max(a.opts.PackBytes/2, 1))
	return packSize > 0 && (packSize+size > 2*a.opts.PackBytes || a.ix.Keys[i]%half < uint64(size))
}

// place records story i, whose pack member is size bytes, in the facets
// and the packs' cuts, and returns the number of the pack it goes in: a new
// one where cut says. Stories must come in order.
func (a *assembler) place(i, size int) int {
	st := a.s.Stories[i]
	last := len(a.packSize) - 1
	if last < 0 || a.cut(i, size, a.packSize[last]) {
		a.packSize = append(a.packSize, 0)
		a.m.PackFirst = append(a.m.PackFirst, i)
		last++
	}
	a.packSize[last] += size
	cat, br := a.terms(st)
	a.facets[0] = binary.AppendUvarint(a.facets[0], uint64(cat+1))
	a.facets[1] = binary.AppendUvarint(a.facets[1], uint64(br+1))
	a.facets[2] = binary.AppendUvarint(a.facets[2], uint64(st.Date.Year()-a.m.FirstYear))
	a.facets[3] = binary.AppendUvarint(a.facets[3], uint64(size/MemberUnit))
	return last
}

// keep lists a file of the prior's, unchanged and not read, as the
// index's.
func (a *assembler) keep(name string) {
	a.mu.Lock()
	a.ix.Kept = append(a.ix.Kept, Dir+"/"+name)
	a.mu.Unlock()
}

// finish writes the packs, the facets and the manifest, once the shards'
// files are in, and returns the index. A pack that keptPacks names is the
// prior's, kept.
func (a *assembler) finish() (*Index, error) {
	a.m.Packs = make([]string, len(a.packs))
	for i, p := range a.packs {
		switch {
		case i < len(a.emitted):
			a.m.Packs[i] = a.emitted[i]
		case i < len(a.keptPacks) && a.keptPacks[i] != "":
			a.m.Packs[i] = a.keptPacks[i]
			a.keep(a.m.Packs[i])
		default:
			a.m.Packs[i] = packName(p)
			a.put(a.m.Packs[i], p)
		}
	}
	f := a.zs[0].gzip(nil, slices.Concat(a.facets[:]...), gzip.BestCompression)
	a.m.Facets = "f." + hashName(f) + ".bin"
	a.put(a.m.Facets, f)
	var fold []byte
	a.m.Fold, fold = foldFile()
	a.put(a.m.Fold, slices.Clone(fold)) // the caller's to keep
	if a.emitErr != nil {
		return nil, a.emitErr
	}
	md, err := json.Marshal(a.m)
	if err != nil {
		return nil, err
	}
	a.ix.Files[ManifestPath] = append(md, '\n')
	slices.Sort(a.ix.Kept)
	return a.ix, nil
}

// storyKey hashes what the index holds of a story, but for the numbers of
// its category and branch, which depend on the whole site: two stories
// with the same key have the same tokens and the same pack member, in
// indexes with the same categories and branches. The text counts by its
// hash, which a build keeps when it lets the text go.
func storyKey(st *site.Story, base string) uint64 {
	h := xxhash.New() // the bytes streamed, not gathered: 10,000 keys a build
	var scratch [binary.MaxVarintLen64]byte
	num := func(n uint64) { h.Write(binary.AppendUvarint(scratch[:0], n)) }
	str := func(s string) {
		num(uint64(len(s)))
		h.WriteString(s)
	}
	term := func(t *site.Term) {
		if t == nil {
			h.Write([]byte{0})
			return
		}
		h.Write([]byte{1})
		str(t.Name)
	}
	str(st.Title)
	str(st.Summary)
	str(base)
	str(st.Path)
	h.Write(st.Date.AppendFormat(scratch[:0], "2006-01-02"))
	term(st.Category)
	term(st.Branch)
	num(uint64(len(st.Tags)))
	for _, t := range st.Tags {
		str(t.Name)
	}
	num(uint64(len(st.Authors)))
	for _, a := range st.Authors {
		str(a)
	}
	h.Write(binary.LittleEndian.AppendUint64(scratch[:0], st.TextHash))
	return h.Sum64()
}

// shardEntry is a token of a shard and its two posting lists: lists to
// encode, or the bytes a postings file holds of them already.
type shardEntry struct {
	text      string
	all, meta *list
	stored    []byte // when all and meta are nil
	gz        bool   // stored is gzip-compressed
}

// writeShard returns the names and bytes of a shard's dictionary and
// postings file.
func writeShard(i int, entries []shardEntry, n int, z *gzipper) (name string, dict []byte, pname string, postings []byte) {
	slices.SortFunc(entries, func(a, b shardEntry) int { return strings.Compare(a.text, b.text) })
	var raw, blob []byte
	for _, e := range entries {
		size, gz := len(e.stored), 0
		switch {
		case e.all == nil:
			postings = append(postings, e.stored...)
			if e.gz {
				gz = 1
			}
		default:
			blob = appendPostings(blob[:0], e.all, n)
			blob = appendPostings(blob, e.meta, n)
			size = len(blob)
			if len(blob) >= minGzip {
				start := len(postings)
				postings = z.gzip(postings, blob, gzip.BestSpeed)
				if len(postings)-start < len(blob) {
					size, gz = len(postings)-start, 1
				} else {
					postings = postings[:start]
				}
			}
			if gz == 0 {
				postings = append(postings, blob...)
			}
		}
		raw = binary.AppendUvarint(raw, uint64(len(e.text)))
		raw = append(raw, e.text...)
		raw = binary.AppendUvarint(raw, uint64(size)<<1|uint64(gz))
	}
	pname = fmt.Sprintf("p/%02d.%s.bin", i, hashName(postings))
	head := binary.AppendUvarint(nil, uint64(len(pname)))
	head = append(head, pname...)
	dict = z.gzip(nil, append(head, raw...), gzip.DefaultCompression)
	return fmt.Sprintf("s/%02d.%s.bin", i, hashName(dict)), dict, pname, postings
}

// minGzip is the size below which posting lists are stored raw without
// trying gzip: a gzip member costs 18 bytes or more of header and trailer,
// and at 10,000 stories gzip never wins below 256 bytes.
const minGzip = 128

// list is a posting list as the merger builds it: the uvarint deltas of
// ascending story numbers, the first from 0, until they would take more
// room than a bitmap of all the stories; then that bitmap.
type list struct {
	last   int32 // the last story added, plus one; 0 for none
	n      int32
	deltas []byte
	bitmap []byte
}

// add adds story id, given bitmapLen, the size of a bitmap of all stories.
func (l *list) add(id int32, bitmapLen int) {
	if l.last == id+1 {
		return
	}
	if l.bitmap != nil {
		l.bitmap[id>>3] |= 1 << (id & 7)
	} else {
		l.deltas = binary.AppendUvarint(l.deltas, uint64(id-max(l.last-1, 0)))
		if len(l.deltas) > bitmapLen {
			l.bitmap = make([]byte, bitmapLen)
			l.bitmap[id>>3] |= 1 << (id & 7)
			prev := uint64(0)
			for p := l.deltas; len(p) > 0; {
				d, k := binary.Uvarint(p)
				p = p[k:]
				prev += d
				l.bitmap[prev>>3] |= 1 << (prev & 7)
			}
			l.deltas = nil
		}
	}
	l.last = id + 1
	l.n++
}

// appendPostings appends a posting list: a count, then deltas or a bitmap
// of n stories, whichever is smaller (deltas when they are the same size).
func appendPostings(b []byte, l *list, n int) []byte {
	b = binary.AppendUvarint(b, uint64(l.n))
	switch {
	case l.n == 0:
		return b
	case l.bitmap != nil:
		b = append(b, 1)
		return append(b, l.bitmap...)
	}
	b = append(b, 0)
	return append(b, l.deltas...)
}

// token is one token of the index and its two posting lists: the stories
// holding it, and those holding it in the title, tags, branch or category.
type token struct {
	key       key
	text      string
	all, meta list
}

// merger gathers the posting lists, story by story in order.
type merger struct {
	table     keyTable
	single    []int32 // token number + 1 of a single BMP character, by rune
	toks      []token
	words     map[string]key
	wordOf    []string // word keys' text, by number
	remap     []key
	bitmapLen int // the size of a bitmap of all stories
}

func newMerger(n int) *merger {
	return &merger{single: make([]int32, 0x10000), words: map[string]key{}, bitmapLen: (n + 7) / 8, table: newKeyTable(1 << 12)}
}

// lookup returns the token of a key, adding it when new.
func (mg *merger) lookup(k key) *token {
	if k>>21 == 0 && k < 0x10000 {
		t := mg.single[k]
		if t == 0 {
			mg.toks = append(mg.toks, token{key: k})
			t = int32(len(mg.toks))
			mg.single[k] = t
		}
		return &mg.toks[t-1]
	}
	t, ok := mg.table.get(k)
	if !ok {
		mg.toks = append(mg.toks, token{key: k})
		t = int32(len(mg.toks) - 1)
		mg.table.put(k, t)
	}
	return &mg.toks[t]
}

// add adds one story's tokens; stories must come in order.
func (mg *merger) add(id int32, tk *tokenizer) {
	// Number the story's words across the site, in story order.
	mg.remap = mg.remap[:0]
	for _, w := range tk.words {
		k, ok := mg.words[w]
		if !ok {
			k = key(wordBit | uint64(len(mg.wordOf)))
			mg.words[w] = k
			mg.wordOf = append(mg.wordOf, w)
		}
		mg.remap = append(mg.remap, k)
	}
	for _, k := range tk.all {
		if k&wordBit != 0 {
			k = mg.remap[k&^wordBit]
		}
		mg.lookup(k).all.add(id, mg.bitmapLen)
	}
	for _, k := range tk.meta {
		if k&wordBit != 0 {
			k = mg.remap[k&^wordBit]
		}
		mg.lookup(k).meta.add(id, mg.bitmapLen)
	}
}

// tokens returns the tokens with their text.
func (mg *merger) tokens() []*token {
	out := make([]*token, len(mg.toks))
	for i := range mg.toks {
		t := &mg.toks[i]
		t.text = tokenString(t.key, mg.wordOf)
		out[i] = t
	}
	return out
}

// keyTable maps keys to token numbers: open addressing, linear probing.
// Key 0 is never a token (NUL separates runs), so it marks an empty slot.
type keyTable struct {
	keys []key
	vals []int32
	n    int
}

func newKeyTable(size int) keyTable {
	return keyTable{keys: make([]key, size), vals: make([]int32, size)}
}

func (t *keyTable) slot(k key) int {
	mask := len(t.keys) - 1
	i := int(uint64(k)*0x9E3779B97F4A7C15>>32) & mask
	for t.keys[i] != k && t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

func (t *keyTable) get(k key) (int32, bool) {
	i := t.slot(k)
	return t.vals[i], t.keys[i] == k
}

func (t *keyTable) put(k key, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		*t = newKeyTable(2 * len(old.keys))
		for i, ok := range old.keys {
			if ok != 0 {
				t.put(ok, old.vals[i])
			}
		}
	}
	i := t.slot(k)
	t.keys[i], t.vals[i] = k, v
	t.n++
}

// tokenizer is a worker's state: one story's keys, in the order they come
// and with repeats (the merger drops repeats), and its pack member.
type tokenizer struct {
	all, meta []key
	seen      keySet   // the keys in all, to leave out repeats
	words     []string // the story's words; word keys number them
	wordNum   map[string]key
	intern    map[string]string // the words of all the stories it did, made strings once
	word      []byte
	last      []byte // the word before, with nothing but spaces after it
	json      []byte
	member    []byte
	z         gzipper
}

// story tokenizes a story with its plain text and writes its pack member.
func (tk *tokenizer) story(st *site.Story, text string, cat, br int, base string) {
	var tags []string
	for _, t := range st.Tags {
		tags = append(tags, t.Name)
	}
	tk.tokens(st.Title, st.Summary, text, tags, st.Authors, termName(st.Branch), termName(st.Category))

	// The member: the story's details and text as JSON, as Detail.
	j := append(tk.json[:0], `{"t":`...)
	j = appendJSONString(j, st.Title)
	j = append(j, `,"u":`...)
	j = appendJSONString(j, base+urlpath.Escape(strings.TrimPrefix(st.Path, "/"))) // as URLOf
	j = append(j, `,"d":"`...)
	j = st.Date.AppendFormat(j, "2006-01-02")
	j = fmt.Appendf(j, `","b":%d,"c":%d`, br, cat)
	if len(tags) > 0 {
		j = append(j, `,"g":[`...)
		for i, t := range tags {
			if i > 0 {
				j = append(j, ',')
			}
			j = appendJSONString(j, t)
		}
		j = append(j, ']')
	}
	if len(st.Authors) > 0 {
		j = append(j, `,"a":[`...)
		for i, a := range st.Authors {
			if i > 0 {
				j = append(j, ',')
			}
			j = appendJSONString(j, a)
		}
		j = append(j, ']')
	}
	if st.Summary != "" {
		j = append(j, `,"s":`...)
		j = appendJSONString(j, st.Summary)
	}
	j = append(j, `,"x":`...)
	j = appendJSONString(j, text)
	j = append(j, '}')
	tk.json = j
	tk.member = padMember(tk.z.gzip(tk.member[:0], j, gzip.BestSpeed))
}

// tokens tokenizes a story's fields: the keys of its title, summary,
// text, tags, authors, branch and category into all, those of its title
// and tags also into meta.
func (tk *tokenizer) tokens(title, summary, text string, tags, authors []string, branch, category string) {
	tk.all, tk.meta, tk.words = tk.all[:0], tk.meta[:0], tk.words[:0]
	if tk.wordNum == nil {
		tk.wordNum = map[string]key{}
	}
	clear(tk.wordNum)
	tk.seen.reset()
	for _, f := range []string{title, summary, text} {
		tk.all = tk.text(tk.all, f, &tk.seen)
	}
	meta := func(f string) {
		tk.all = tk.text(tk.all, f, &tk.seen)
		tk.meta = tk.text(tk.meta, f, nil)
	}
	meta(title)
	for _, t := range tags {
		meta(t)
	}
	// A branch's or category's name ranks nothing: every story of the
	// category 为民办实事 came before those with the phrase in their title
	// (a trial).
	for _, f := range append([]string{branch, category}, authors...) {
		tk.all = tk.text(tk.all, f, &tk.seen)
	}
}

// termName returns a term's name, "" for none.
func termName(t *site.Term) string {
	if t == nil {
		return ""
	}
	return t.Name
}

// MemberUnit is the unit of a pack member's size: each member is padded
// to a multiple of it, so that the facets file gives sizes in fewer bits.
const MemberUnit = 64

// padMember pads a gzip member, as gzip.Writer writes it (no extra field,
// name or comment), to a multiple of MemberUnit bytes with an extra field
// in its header: one subfield "Hp" (herald padding) of zero bytes. Every
// gzip reader skips the extra field.
func padMember(m []byte) []byte {
	const head, sub = 10, 6 // the fixed header; XLEN, SI1, SI2 and LEN
	d := (MemberUnit - (len(m)+sub)%MemberUnit) % MemberUnit
	m = append(m, make([]byte, sub+d)...)
	copy(m[head+sub+d:], m[head:len(m)-sub-d])
	m[3] |= 1 << 2 // FLG.FEXTRA
	binary.LittleEndian.PutUint16(m[head:], uint16(4+d))
	m[head+2], m[head+3] = 'H', 'p'
	binary.LittleEndian.PutUint16(m[head+4:], uint16(d))
	clear(m[head+sub : head+sub+d])
	return m
}

// text appends the keys of a text to dst, as Tokens cuts it: each Chinese
// character and each pair of neighbours in a run, each word, and each word
// with the Chinese character after it. With a seen set, it leaves out the
// keys already in it (the merger drops any other repeats).
func (tk *tokenizer) text(dst []key, s string, seen *keySet) []key {
	prev := rune(-1) // the previous character of a Chinese run
	tk.word, tk.last = tk.word[:0], tk.last[:0]
	table := runeTable()
	add := func(k key) {
		if seen == nil || seen.add(k) {
			dst = append(dst, k)
		}
	}
	for _, r := range s {
		var c class
		if r < 0x10000 {
			v := table.info[r]
			if v&changes != 0 {
				r = rune(table.norm[r])
			}
			c = class(v & classBits)
		} else {
			c = slowClass(r)
		}
		if c != word && len(tk.word) > 0 {
			// The word, kept for the character that may come after it.
			tk.last = append(tk.last[:0], tk.word...)
			add(tk.wordKey())
		}
		switch c {
		case ideo:
			add(runeKey(0, r))
			if prev >= 0 {
				add(runeKey(prev, r))
			}
			if len(tk.last) > 0 {
				tk.word = utf8.AppendRune(append(tk.word, tk.last...), r)
				add(tk.wordKey())
				tk.last = tk.last[:0]
			}
			prev = r
		case word:
			tk.word = utf8.AppendRune(tk.word, r)
			prev = -1
		default:
			prev = -1
			if !unicode.IsSpace(r) {
				tk.last = tk.last[:0]
			}
		}
	}
	if len(tk.word) > 0 {
		add(tk.wordKey())
	}
	return dst
}

// keySet is the set of one story's keys, emptied for the next story. A
// story's keys are mostly single Chinese characters and pairs of them, some
// 2,000 to 6,000 a story, each looked up once or more: single characters
// of the Basic Multilingual Plane are bits of an 8 kB bitmap, pairs of them
// 32-bit entries of a table, and other keys (words, characters past the
// plane) 64-bit entries of another, so that the set stays in the core's
// first cache. (With 32-bit stamps by rune and beside each 64-bit entry,
// which emptied it without clearing, the set was a sixth of the index's
// CPU time at 10,000 stories, half of it in the stamps by rune, 256 kB.)
type keySet struct {
	single [1 << 16 / 64]uint64
	pairs  probeSet[uint32]
	other  probeSet[key]
}

// reset empties the set.
func (s *keySet) reset() {
	clear(s.single[:])
	s.pairs.reset()
	s.other.reset()
}

// add adds k and reports whether it was not in the set.
func (s *keySet) add(k key) bool {
	if k < 1<<16 {
		w, bit := &s.single[k>>6], uint64(1)<<(k&63)
		if *w&bit != 0 {
			return false
		}
		*w |= bit
		return true
	}
	if a, b := k>>21, k&(1<<21-1); k&wordBit == 0 && a < 1<<16 && b < 1<<16 {
		return s.pairs.add(uint32(a<<16 | b))
	}
	return s.other.add(k)
}

// probeSet is a set of nonzero integers: open addressing, linear probing,
// emptied by clearing the slots it used.
type probeSet[K uint32 | key] struct {
	slots []K
	used  []int32 // the slots filled, in order
}

func (t *probeSet[K]) reset() {
	for _, i := range t.used {
		t.slots[i] = 0
	}
	t.used = t.used[:0]
}

// add adds k, which is not 0, and reports whether it was not in the set.
func (t *probeSet[K]) add(k K) bool {
	if 2*(len(t.used)+1) > len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	for i := int(uint64(k)*0x9E3779B97F4A7C15>>32) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case k:
			return false
		case 0:
			t.slots[i] = k
			t.used = append(t.used, int32(i))
			return true
		}
	}
}

// grow doubles the table, or makes its first.
func (t *probeSet[K]) grow() {
	old, used := t.slots, t.used
	t.slots, t.used = make([]K, max(2*len(old), 1<<10)), make([]int32, 0, cap(used))
	for _, i := range used {
		t.add(old[i])
	}
}

// wordKey returns the key of the word in tk.word, numbered in the story,
// and empties tk.word.
func (tk *tokenizer) wordKey() key {
	k, ok := tk.wordNum[string(tk.word)]
	if !ok {
		w, ok := tk.intern[string(tk.word)]
		if !ok {
			if tk.intern == nil {
				tk.intern = map[string]string{}
			}
			w = string(tk.word)
			tk.intern[w] = w
		}
		k = key(wordBit | uint64(len(tk.words)))
		tk.wordNum[w] = k
		tk.words = append(tk.words, w)
	}
	tk.word = tk.word[:0]
	return k
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

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json and the browser's TextDecoder make it.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// gzipper compresses data as gzip members with no name and no time, so the
// bytes depend only on the data, reusing its writers: each holds about a
// megabyte of tables, too much to make once per story.
type gzipper struct {
	w   [gzip.BestCompression + 3]*gzip.Writer // by level + 2
	buf appender
}

// appender is an io.Writer that appends to a slice.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// gzip appends data, compressed as one gzip member, to dst.
func (z *gzipper) gzip(dst, data []byte, level int) []byte {
	z.buf.b = dst
	w := z.w[level+2]
	if w == nil {
		w, _ = gzip.NewWriterLevel(&z.buf, level)
		z.w[level+2] = w
	} else {
		w.Reset(&z.buf)
	}
	w.Write(data)
	w.Close()
	out := z.buf.b
	z.buf.b = nil
	return out
}

func hashName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:5])
}

// pipeline runs work(i) for i in 0…n-1 on workers goroutines, each with its
// own tokenizer, and then, on the calling goroutine and in order of i,
// merge(i) with the tokenizer that did i. At most a few stories per worker
// wait to be merged.
func pipeline(n, workers int, work, merge func(i int, tk *tokenizer)) {
	window := 4 * workers
	type slot struct {
		tk   *tokenizer
		done chan *tokenizer
	}
	slots := make([]slot, window)
	for i := range slots {
		slots[i].done = make(chan *tokenizer, 1)
	}
	sem := make(chan struct{}, window)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for {
				sem <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= n {
					<-sem
					return
				}
				// A slot's tokenizer goes back to whichever worker takes
				// the slot next, so that buffers are reused.
				s := &slots[i%window]
				tk := s.tk
				if tk == nil {
					tk = &tokenizer{}
				}
				s.tk = nil
				work(i, tk)
				s.done <- tk
			}
		})
	}
	for i := range n {
		s := &slots[i%window]
		tk := <-s.done
		merge(i, tk)
		s.tk = tk
		<-sem
	}
	wg.Wait()
}

package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"herald/generator/internal/parallel"
	"herald/generator/site"
)

// Prior is the index a previous build wrote, which Update patches.
type Prior struct {
	Keys []uint64 // the previous Index.Keys
	// Read returns one of the previous index's files, by output path
	// ("search/index.json"), as that build wrote it.
	Read func(path string) ([]byte, error)
	// Intact, when not nil, reports whether a file of the previous index
	// is still as that build wrote it (the output's manifest vouches for
	// its size and time): Update keeps such a file, when unchanged,
	// without reading it, and lists it in Index.Kept.
	Intact func(path string) bool
}

// maxPatch is the most stories Update re-indexes in a small site; past it
// (and past a tenth of the stories in a large one), building afresh is as
// quick.
const maxPatch = 16

// Update returns the index of s, byte for byte the one Build returns, by
// patching prior when few stories changed: the same categories and
// branches, and at most a tenth of the stories (or maxPatch) changed,
// added or removed. It re-indexes only those: it takes the old tokens of
// a story changed or removed from its old pack member, and keeps the
// bytes of every token, dictionary and pack they do not touch. A story
// added or removed, or moved by its date, renumbers the stories after it
// (newest first): then every posting list is written again, the old one
// renumbered; a pack that holds the same stories as an old one is kept,
// usually all but the one the story goes in (see cut), and the others are
// put together from the old members; no other story is indexed again. At
// 10,000 stories, a story added took 2.05–2.53 s to build, the index
// built afresh, and takes 0.73–0.80 s. It reads the files of prior it
// needs, each checked against the hash in its name; the others, when
// Prior.Intact vouches for them, it keeps unread (Index.Kept). When prior
// does not suit, is damaged or is nil, it builds afresh.
func Update(s *site.Site, prior *Prior, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	if prior != nil {
		// A prior that does not suit, or is damaged, is no error: the
		// index is built afresh.
		// A patch keeps its files: one that fails must have given none
		// away.
		popts := opts
		popts.Emit = nil
		if ix, err := patch(s, prior, popts); err == nil {
			return ix, nil
		}
	}
	return Build(s, opts)
}

// priorSource serves a previous index's files to a Reader, read whole
// once, each checked against the hash in its name.
type priorSource struct {
	read  func(string) ([]byte, error)
	mu    sync.Mutex
	files Files
}

func (p *priorSource) Fetch(name string, off, n int) ([]byte, bool, error) {
	if _, err := p.file(name); err != nil {
		return nil, false, err
	}
	return p.files.Fetch(name, off, n)
}

// file returns the whole file name, read once, checked against the hash
// in its name. It is safe for concurrent use once Update returned.
func (p *priorSource) file(name string) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if data, ok := p.files[Dir+"/"+name]; ok {
		return data, nil
	}
	data, err := p.read(Dir + "/" + name)
	if err != nil {
		return nil, err
	}
	if name != "index.json" {
		dot := strings.LastIndexByte(name, '.')
		h := strings.LastIndexByte(name[:max(dot, 0)], '.')
		if dot < 0 || h < 0 || name[h+1:dot] != hashName(data) {
			return nil, fmt.Errorf("%s: its bytes do not match its name", name)
		}
	}
	p.files[Dir+"/"+name] = data
	return data, nil
}

// errUnsuited is patch's answer when the previous index does not suit:
// Update then builds afresh.
var errUnsuited = errors.New("the previous index does not suit")

// align returns, for each story of the new index (keys, in story order),
// the number of the same story in the previous index (prior), or -1 for a
// story that is new or changed; and, for each story of the previous
// index, its number in the new one, or -1. Stories keep their order: an
// edited story keeps its number when the others keep theirs; else the
// stories are matched by key in order, so that a story added, removed or
// moved leaves the others matched, at new numbers. ok is false when more
// than limit stories are new, changed or gone.
func align(keys, prior []uint64, limit int) (oldOf, newOf []int32, ok bool) {
	oldOf, newOf = make([]int32, len(keys)), make([]int32, len(prior))
	if len(keys) == len(prior) {
		changed := 0
		for i, k := range keys {
			oldOf[i], newOf[i] = int32(i), int32(i)
			if k != prior[i] {
				oldOf[i], newOf[i] = -1, -1
				changed++
			}
		}
		if changed <= limit {
			return oldOf, newOf, true
		}
	}
	at := make(map[uint64][]int32, len(prior)) // the previous numbers of each key, ascending
	for j, k := range prior {
		at[k] = append(at[k], int32(j))
		newOf[j] = -1
	}
	last, missed := int32(-1), 0
	for i, k := range keys {
		oldOf[i] = -1
		js := at[k]
		for len(js) > 0 && js[0] <= last {
			js = js[1:]
		}
		if len(js) == 0 {
			missed++
			continue
		}
		oldOf[i], newOf[js[0]], last = js[0], int32(i), js[0]
		at[k] = js[1:]
	}
	for _, i := range newOf {
		if i < 0 {
			missed++
		}
	}
	return oldOf, newOf, missed <= limit
}

// patch returns the index of s patched from prior, or an error when prior
// does not suit (errUnsuited) or is damaged.
func patch(s *site.Site, prior *Prior, opts Options) (*Index, error) {
	n, on := len(s.Stories), len(prior.Keys)
	a := newAssembler(s, opts)
	oldOf, newOf, ok := align(a.ix.Keys, prior.Keys, max(maxPatch, n/10))
	if !ok {
		return nil, errUnsuited
	}
	// moved tells that stories have new numbers: every posting list is
	// written again, from the previous lists with the stories renumbered.
	moved := n != on
	var changed []int // the new stories, by their new numbers
	for i, j := range oldOf {
		if j < 0 {
			changed = append(changed, i)
		} else if int(j) != i {
			moved = true
		}
	}
	var gone []int32 // the stories the new index no longer holds as they were, by their old numbers
	for j, i := range newOf {
		if i < 0 {
			gone = append(gone, int32(j))
		}
	}
	src := &priorSource{read: prior.Read, files: Files{}}
	r, err := OpenSource(src)
	if err != nil {
		return nil, err
	}
	m := r.m
	if m.Stories != on || m.Base != a.base || m.MemberUnit != MemberUnit ||
		!slices.Equal(m.Categories, a.m.Categories) || !slices.Equal(m.Branches, a.m.Branches) ||
		len(m.Packs) != len(m.PackFirst) || len(m.Dicts) == 0 {
		return nil, errUnsuited
	}
	for p, first := range m.PackFirst {
		if p == 0 && first != 0 || p > 0 && first <= m.PackFirst[p-1] || first >= on {
			return nil, errors.New("the manifest's packs do not hold its stories")
		}
	}

	fc, err := r.loadFacets()
	if err != nil {
		return nil, err
	}
	intact := func(name string) bool { return prior.Intact != nil && prior.Intact(Dir+"/"+name) }
	// checkPack reads old pack p and checks that its members fill it;
	// member returns old story j's pack member, from a checked pack.
	checkPack := func(p int) error {
		data, err := r.file(m.Packs[p])
		if err != nil {
			return err
		}
		last := packEnd(m.PackFirst, p, on) - 1
		if fc.off[last]+fc.size[last] != len(data) {
			return fmt.Errorf("%s: its members do not fill it", m.Packs[p])
		}
		return nil
	}
	member := func(j int32) ([]byte, error) {
		if err := checkPack(fc.pack[j]); err != nil {
			return nil, err
		}
		return r.part(m.Packs[fc.pack[j]], fc.off[j], fc.size[j])
	}

	// The tokens of the stories gone (from their old members, by old
	// number) and of the new ones (by new number); the new ones' members.
	// The stories gone that held each token, [0], and the new ones that
	// hold it, [1]: unless stories moved, a token they hold as they held
	// it keeps its lists.
	type lists struct{ all, meta [2][]int32 }
	touched := map[string]*lists{}
	var tk tokenizer
	// note notes story i's tokens, as tk holds them, as gone (v 0) or new
	// (v 1).
	note := func(i int32, v int) {
		for _, k := range tk.all {
			t := tokenString(k, tk.words)
			if touched[t] == nil {
				touched[t] = &lists{}
			}
			touched[t].all[v] = append(touched[t].all[v], i) // tk.all holds no repeats
		}
		for _, k := range tk.meta {
			ids := &touched[tokenString(k, tk.words)].meta[v] // meta ⊆ all
			if len(*ids) == 0 || (*ids)[len(*ids)-1] != i {
				*ids = append(*ids, i)
			}
		}
	}
	members := map[int][]byte{} // the new stories' members
	for _, j := range gone {
		if err := checkPack(fc.pack[j]); err != nil {
			return nil, err
		}
		d, err := r.member(j)
		if err != nil {
			return nil, err
		}
		tk.tokens(d.Title, d.Summary, d.Text, d.Tags, d.Authors, name(m.Branches, d.Branch), name(m.Categories, d.Category))
		note(j, 0)
	}
	for _, i := range changed {
		st := s.Stories[i]
		cat, br := a.terms(st)
		text, err := st.Text()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", st.Doc.Path, err)
		}
		tk.story(st, text, cat, br, a.base)
		members[i] = slices.Clone(tk.member)
		note(int32(i), 1)
	}

	// The touched tokens' new posting lists: the old ones without the
	// stories gone, renumbered, with the new stories that hold them.
	shards := len(m.Dicts)
	dicts := make([]*dictionary, shards)
	dictTotal := 0
	for i := range shards {
		if dicts[i], err = r.dict(i); err != nil {
			return nil, err
		}
		for t := range dicts[i].spans {
			dictTotal += dictCost(t)
		}
	}
	bitmapLen := (n + 7) / 8
	merge := func(old, add []int32) *list {
		var l list
		kept := old[:0]
		for _, j := range old {
			if i := newOf[j]; i >= 0 {
				kept = append(kept, i)
			}
		}
		for _, id := range mergeSorted(kept, add) {
			l.add(id, bitmapLen)
		}
		return &l
	}
	redo := make([]map[string]*shardEntry, shards)
	for t, l := range touched {
		if !moved && slices.Equal(l.all[0], l.all[1]) && slices.Equal(l.meta[0], l.meta[1]) {
			continue // its lists are as they were
		}
		i := hash(t) % uint32(shards)
		d := dicts[i]
		var oldAll, oldMeta []int32
		sp, ok := d.spans[t]
		if ok {
			if oldAll, oldMeta, err = r.postings(d, sp); err != nil {
				return nil, err
			}
		}
		e := &shardEntry{text: t, all: merge(oldAll, l.all[1]), meta: merge(oldMeta, l.meta[1])}
		switch {
		case e.all.n == 0 && ok:
			dictTotal -= dictCost(t)
			e = nil // in no story now
		case e.all.n > 0 && !ok:
			dictTotal += dictCost(t)
		case e.all.n == 0:
			continue
		}
		if redo[i] == nil {
			redo[i] = map[string]*shardEntry{}
		}
		redo[i][t] = e
	}
	if a.shards(dictTotal) != shards {
		return nil, errUnsuited // the tokens are shared out afresh
	}

	// The shards the new and gone stories touch, written again, and every
	// shard when stories moved; the others kept.
	a.m.Dicts = make([]string, shards)
	var again []int // the shards written again
	for i, d := range dicts {
		if redo[i] != nil || moved {
			again = append(again, i)
			if _, err := r.file(d.postings); err != nil { // read now: the workers only look
				return nil, err
			}
			continue
		}
		a.m.Dicts[i] = m.Dicts[i]
		a.put(m.Dicts[i], src.files[Dir+"/"+m.Dicts[i]])
		if intact(d.postings) {
			a.keep(d.postings)
			continue
		}
		postings, err := r.file(d.postings)
		if err != nil {
			return nil, err
		}
		a.put(d.postings, postings)
	}
	errs := make([]error, len(again))
	parallel.For(context.Background(), len(again), opts.Workers, func(w, k int) {
		i := again[k]
		d := dicts[i]
		data := src.files[Dir+"/"+d.postings]
		entries := make([]shardEntry, 0, len(d.spans)+len(redo[i]))
		for t, sp := range d.spans {
			if _, ok := redo[i][t]; ok {
				continue
			}
			if sp.off < 0 || sp.n < 0 || sp.off+sp.n > len(data) {
				errs[k] = fmt.Errorf("%s: a token's lists lie outside it", d.postings)
				return
			}
			stored := data[sp.off : sp.off+sp.n]
			if !moved {
				entries = append(entries, shardEntry{text: t, stored: stored, gz: sp.gzip})
				continue
			}
			all, meta, err := decodePostings(stored, sp.gzip, on)
			if err != nil {
				errs[k] = fmt.Errorf("%s: %w", d.postings, err)
				return
			}
			entries = append(entries, shardEntry{text: t, all: merge(all, nil), meta: merge(meta, nil)})
		}
		for _, e := range redo[i] {
			if e != nil {
				entries = append(entries, *e)
			}
		}
		name, dict, pname, postings := writeShard(i, entries, n, &a.zs[w])
		a.put(pname, postings)
		a.m.Dicts[i] = name
		a.put(name, dict)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	// The packs: cut where the stories' keys and sizes put them (cut),
	// each the prior's when it holds the same stories, unchanged, at
	// whatever numbers, else put together from the members.
	for i := range n {
		var size int
		if b, ok := members[i]; ok {
			size = len(b)
		} else {
			size = fc.size[oldOf[i]]
		}
		a.place(i, size)
	}
	packs := len(a.m.PackFirst)
	a.packs, a.keptPacks = make([][]byte, packs), make([]string, packs)
	oldPack := make(map[int]int, len(m.PackFirst)) // old pack by its first story
	for q, first := range m.PackFirst {
		oldPack[first] = q
	}
	for p, first := range a.m.PackFirst {
		end := packEnd(a.m.PackFirst, p, n)
		// The old pack that holds the same stories, unchanged, in the
		// same order, at whatever numbers: the same bytes.
		q, same := -1, oldOf[first] >= 0
		if same {
			q, same = oldPack[int(oldOf[first])]
		}
		// Named as Build names packs: by their bytes alone.
		same = same && strings.HasPrefix(m.Packs[q], "t/pack.")
		if same {
			same = packEnd(m.PackFirst, q, on)-int(oldOf[first]) == end-first && intact(m.Packs[q])
			for i := first; same && i < end; i++ {
				same = int(oldOf[i]) == int(oldOf[first])+i-first
			}
		}
		if same {
			a.keptPacks[p] = m.Packs[q]
			continue
		}
		a.packs[p] = make([]byte, 0, a.packSize[p])
		for i := first; i < end; i++ {
			b, ok := members[i]
			if !ok {
				if b, err = member(oldOf[i]); err != nil {
					return nil, err
				}
			}
			a.packs[p] = append(a.packs[p], b...)
		}
	}
	ix, err := a.finish()
	if err != nil {
		return nil, err
	}
	ix.Patched, ix.prior = true, src
	// Only now: a patch that fails leaves Build every text.
	if opts.ReleaseText {
		for _, st := range s.Stories {
			st.ReleaseText()
		}
	}
	return ix, nil
}

// packEnd returns the number after the last story of pack p, of the packs
// whose first stories are first, in an index of n stories.
func packEnd(first []int, p, n int) int {
	if p+1 < len(first) {
		return first[p+1]
	}
	return n
}

// mergeSorted merges two ascending lists of story numbers into one.
func mergeSorted(a, b []int32) []int32 {
	if len(b) == 0 {
		return a
	}
	out := make([]int32, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

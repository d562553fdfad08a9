package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

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
// patching prior when a few stories changed in place: the same number of
// stories, with the same categories and branches, and at most a tenth of
// them (or maxPatch) changed. It re-indexes only the changed stories: it
// takes their old tokens from their old pack members, and keeps the bytes
// of every token, dictionary and pack they do not touch. It reads the
// files of prior it needs, each checked against the hash in its name; the
// others, when Prior.Intact vouches for them, it keeps unread
// (Index.Kept). When prior does not suit, is damaged or is nil, it builds
// afresh.
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

// patch returns the index of s patched from prior, or an error when prior
// does not suit (errUnsuited) or is damaged.
func patch(s *site.Site, prior *Prior, opts Options) (*Index, error) {
	n := len(s.Stories)
	a := newAssembler(s, opts)
	if len(prior.Keys) != n {
		return nil, errUnsuited
	}
	var changed []int
	isChanged := make([]bool, n)
	for i := range s.Stories {
		if a.ix.Keys[i] != prior.Keys[i] {
			changed = append(changed, i)
			isChanged[i] = true
		}
	}
	if len(changed) > max(maxPatch, n/10) {
		return nil, errUnsuited
	}
	src := &priorSource{read: prior.Read, files: Files{}}
	r, err := OpenSource(src)
	if err != nil {
		return nil, err
	}
	m := r.m
	if m.Stories != n || m.Base != a.base || m.MemberUnit != MemberUnit ||
		!slices.Equal(m.Categories, a.m.Categories) || !slices.Equal(m.Branches, a.m.Branches) ||
		len(m.Packs) != len(m.PackFirst) || len(m.Dicts) == 0 {
		return nil, errUnsuited
	}
	for p, first := range m.PackFirst {
		if p == 0 && first != 0 || p > 0 && first <= m.PackFirst[p-1] || first >= n {
			return nil, errors.New("the manifest's packs do not hold its stories")
		}
	}

	fc, err := r.loadFacets()
	if err != nil {
		return nil, err
	}
	intact := func(name string) bool { return prior.Intact != nil && prior.Intact(Dir+"/"+name) }
	// checkPack reads old pack p and checks that its members fill it;
	// member returns story i's old pack member, from a checked pack.
	checkPack := func(p int) error {
		data, err := r.file(m.Packs[p])
		if err != nil {
			return err
		}
		last := n - 1
		if p+1 < len(m.PackFirst) {
			last = m.PackFirst[p+1] - 1
		}
		if fc.off[last]+fc.size[last] != len(data) {
			return fmt.Errorf("%s: its members do not fill it", m.Packs[p])
		}
		return nil
	}
	member := func(i int) ([]byte, error) {
		if err := checkPack(fc.pack[i]); err != nil {
			return nil, err
		}
		return r.part(m.Packs[fc.pack[i]], fc.off[i], fc.size[i])
	}

	// The changed stories' tokens, old (from their old members) and new;
	// their new members.
	// The changed stories that held each token, [0], and hold it now, [1]:
	// a token they hold as they held it keeps its lists.
	type lists struct{ all, meta [2][]int32 }
	touched := map[string]*lists{}
	var tk tokenizer
	// note notes story i's tokens, as tk holds them, as its old (v 0) or
	// new (v 1).
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
	members := map[int][]byte{} // the changed stories' new members
	for _, i := range changed {
		if err := checkPack(fc.pack[i]); err != nil {
			return nil, err
		}
		d, err := r.member(int32(i))
		if err != nil {
			return nil, err
		}
		tk.tokens(d.Title, d.Summary, d.Text, d.Tags, d.Authors, name(m.Branches, d.Branch), name(m.Categories, d.Category))
		note(int32(i), 0)
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
	// changed stories, with the changed stories that hold them now.
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
	redo := make([]map[string]*shardEntry, shards)
	merge := func(old, add []int32) *list {
		var l list
		old = slices.DeleteFunc(old, func(id int32) bool { return isChanged[id] })
		for _, id := range mergeSorted(old, add) {
			l.add(id, bitmapLen)
		}
		return &l
	}
	for t, l := range touched {
		if slices.Equal(l.all[0], l.all[1]) && slices.Equal(l.meta[0], l.meta[1]) {
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

	// The shards the changed stories touch, written again; the others kept.
	a.m.Dicts = make([]string, shards)
	for i, d := range dicts {
		if redo[i] == nil {
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
			continue
		}
		entries := make([]shardEntry, 0, len(d.spans)+len(redo[i]))
		for t, sp := range d.spans {
			if _, ok := redo[i][t]; ok {
				continue
			}
			stored, err := r.part(d.postings, sp.off, sp.n)
			if err != nil {
				return nil, err
			}
			entries = append(entries, shardEntry{text: t, stored: stored, gz: sp.gzip})
		}
		for _, e := range redo[i] {
			if e != nil {
				entries = append(entries, *e)
			}
		}
		name, dict, pname, postings := writeShard(i, entries, n, &a.zs[0])
		a.put(pname, postings)
		a.m.Dicts[i] = name
		a.put(name, dict)
	}

	// The packs: cut where the members' sizes put them, each the prior's
	// when it holds the same unchanged stories, else put together from
	// the members.
	for i := range n {
		size := fc.size[i]
		if b, ok := members[i]; ok {
			size = len(b)
		}
		a.place(i, size)
	}
	packs := len(a.m.PackFirst)
	a.packs, a.keptPacks = make([][]byte, packs), make([]string, packs)
	for p, first := range a.m.PackFirst {
		end := n
		if p+1 < packs {
			end = a.m.PackFirst[p+1]
		}
		oldEnd := n
		if p+1 < len(m.PackFirst) {
			oldEnd = m.PackFirst[p+1]
		}
		if p < len(m.PackFirst) && m.PackFirst[p] == first && oldEnd == end &&
			!slices.Contains(isChanged[first:end], true) && intact(m.Packs[p]) {
			a.keptPacks[p] = m.Packs[p]
			continue
		}
		a.packs[p] = make([]byte, 0, a.packSize[p])
		for i := first; i < end; i++ {
			b, ok := members[i]
			if !ok {
				if b, err = member(i); err != nil {
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

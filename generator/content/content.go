package content

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"herald/generator/diag"
	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
)

// Dir is the name of the content folder in a site's folder.
const Dir = "content"

// Kind tells a story from a standalone page.
type Kind int

const (
	Story Kind = iota // a dated story with a branch and a category
	Page              // a standalone page, such as about.md
)

// Doc is one Markdown file of content/.
type Doc struct {
	Path      string   // slash path from the site's folder: "content/stories/2021/04/a.md"
	Kind      Kind     // Story, or Page for files directly in content/
	Bundle    bool     // the index.md of a page bundle
	Resources []string // a bundle's other files, relative to its folder, sorted
	Size      int64    // bytes on disk
	broken    bool     // Parse reported errors

	Title        string
	Date         time.Time // zero when not given (allowed for pages)
	Branch       string    // as written: a name or a slug
	Category     string    // as written: a name or a slug
	Tags         []string
	Authors      []string
	Summary      string
	Slug         string // "" unless given
	Cover        string // "" unless given
	Draft        bool
	Achievements []Achievement
	Params       map[string]any // keys not listed above

	Lines    map[string]int // front matter key -> line of its value in the file
	Body     []byte         // the Markdown after the front matter, normalized; nil when a cache dropped it (see ReadBody)
	BodyHash uint64         // xxHash of Body, which stays when Body is dropped
	BodyLine int            // the line in the file of Body's first line
}

// Achievement is one figure a story reports, such as 援助退役军人 11 位.
type Achievement struct {
	Label string
	Value float64
	Unit  string
	Line  int // its line in the file
}

// Dir returns the folder of the doc, relative to content/: "stories/2021/04"
// for "content/stories/2021/04/a.md" and for the bundle
// "content/stories/2021/04/a/index.md"'s parent, "." at the top.
func (d *Doc) Dir() string {
	rel := strings.TrimPrefix(d.Path, Dir+"/")
	dir := path.Dir(rel)
	if d.Bundle {
		dir = path.Dir(dir)
	}
	return dir
}

// SourceDir returns the folder relative links in the doc are resolved
// against, relative to content/: the bundle's own folder, or the file's.
func (d *Doc) SourceDir() string {
	return path.Dir(strings.TrimPrefix(d.Path, Dir+"/"))
}

// Name returns the doc's name without extension: the file name, or the
// bundle's folder name.
func (d *Doc) Name() string {
	p := d.Path
	if d.Bundle {
		p = path.Dir(p)
	}
	base := path.Base(p)
	return base[:len(base)-len(mdExt(base))]
}

// Pos returns the position of a front matter key's value, or of the file's
// start when the key is absent.
func (d *Doc) Pos(key string) diag.Pos {
	return diag.Pos{File: d.Path, Line: d.Lines[key]}
}

// Set is what Load found in content/.
type Set struct {
	Docs   []*Doc   // sorted by path
	Assets []string // other files to copy, slash paths relative to content/, sorted
	// Broken are the docs with problems, left out of Docs: the site still
	// looks up their branches and categories, so that one run reports
	// every problem of a file.
	Broken []*Doc
	Read   int // docs read, not trusted by their stamp (Options.Stamps)
	Parsed int // docs parsed, not taken from the cache
}

// took is what read did with a file.
type took struct{ read, parsed bool }

// Options configure Load.
type Options struct {
	TimeZone *time.Location // for dates without a zone; required
	Workers  int            // parallel readers; 0 means GOMAXPROCS
	Cache    *Cache         // reuse the docs of files unchanged since the last Load; may be nil
	// Unchanged, when not nil, vouches that a file has not changed since the
	// last Load (the dev server knows which files its watcher saw change):
	// its cached doc is reused without asking the file system.
	Unchanged func(path string) bool
	// Stamps makes a Bodiless cache trust a file whose stamp
	// (sysfile.StampOf) is the same as when it was cached, without reading
	// it. Set it only when the content folder's file system keeps change
	// times (sysfile.ChangeTimes); files on other devices are read.
	Stamps bool
}

// settle is how long before a Load a file must have last changed for the
// Load to keep its stamp: the kernel's clock for change times is coarse,
// so an edit right after the file was read could keep the time the file
// had when it was stat'ed, but not one that long after.
var settle = 2 * time.Second

// stamps is what a Load trusts stamps under: the device of the content
// folder, and the change time a stamp must be older than (settle).
type stamps struct {
	dev    uint64
	before int64
}

// Cache keeps the docs of a Load for the next one: a file whose size and
// modification time are unchanged is not read again. Only files without
// problems, warnings included, are kept: a cached doc reports nothing. It
// is safe for concurrent use.
type Cache struct {
	// Bodiless makes the cache keep docs without their Body, for a cache
	// that is saved to disk, where the converted Markdown is kept instead:
	// a doc it returns then has a nil Body, and ReadBody reads it again.
	Bodiless bool

	mu    sync.RWMutex    // ten thousand lookups from Load's workers at once
	ready <-chan struct{} // closed once Import is done, for a cache filled while files are read (Await)
	tz    string          // the time zone the docs were read in: dates depend on it
	docs  map[string]Entry
	puts  int
}

// Entry is a cached doc with the size, modification time and hash of its
// file. With a cache in memory, a file whose size and time are unchanged
// is not read. A Bodiless cache trusts only the file's Stamp, with
// Options.Stamps. Otherwise the file is read, and its hash spares parsing
// it when its bytes are the same (in a fresh clone of the site, every time
// is new).
type Entry struct {
	Size    int64
	ModTime time.Time
	Stamp   sysfile.Stamp // zero unless Options.Stamps
	Hash    uint64        // xxHash of the file
	Zone    string        // the name of the location of Doc.Date, which saving it loses
	Doc     *Doc
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[string]Entry{}} }

// Await makes every use of the cache but Import wait until ready is
// closed: a cache read from disk is imported while Load reads the files,
// which only need it once read. Call it before any other use.
func (c *Cache) Await(ready <-chan struct{}) { c.ready = ready }

// lock locks the cache once it is ready.
func (c *Cache) lock() {
	if c.ready != nil {
		<-c.ready
	}
	c.mu.Lock()
}

// rlock locks the cache for reading once it is ready.
func (c *Cache) rlock() {
	if c.ready != nil {
		<-c.ready
	}
	c.mu.RLock()
}

// Export returns the time zone the docs were read in and the cached docs,
// by path, for saving.
func (c *Cache) Export() (tz string, docs map[string]Entry) {
	c.lock()
	defer c.mu.Unlock()
	return c.tz, maps.Clone(c.docs)
}

// Import replaces the cache's docs with saved ones, read in the time zone
// tz. A saved time keeps only its offset from UTC: each doc's date gets
// back the location it was parsed in (Entry.Zone), so that templates
// showing a zone's name show the same as without a cache.
func (c *Cache) Import(tz string, docs map[string]Entry) {
	loc, err := time.LoadLocation(tz)
	for p, e := range docs {
		d := e.Doc
		switch {
		case e.Zone == tz && err == nil:
			d.Date = d.Date.In(loc)
		case e.Zone == "UTC":
			d.Date = d.Date.UTC()
		case e.Zone == "Local":
			d.Date = d.Date.Local()
		case e.Zone == "" || e.Zone != tz: // a fixed offset, written in the file
			_, off := d.Date.Zone()
			d.Date = d.Date.In(time.FixedZone(e.Zone, off))
		default: // the site's zone, which this system cannot load
			delete(docs, p)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tz, c.docs = tz, docs
}

// Puts returns how many docs were put in the cache since it was made, or
// got their first stamp, not counting those with Params, which a cache
// saved to disk leaves out (they hold values of any type).
func (c *Cache) Puts() int {
	c.lock()
	defer c.mu.Unlock()
	return c.puts
}

func (c *Cache) get(path string, info fs.FileInfo, tz *time.Location) *Doc {
	c.rlock()
	defer c.mu.RUnlock()
	e, ok := c.docs[path]
	// The zone is compared by name: site.yaml is read again for each build,
	// and each reading gives a new *time.Location.
	if !ok || c.tz != tz.String() || e.Size != info.Size() || !e.ModTime.Equal(info.ModTime()) {
		return nil
	}
	return e.Doc
}

// last returns the doc cached for path, whatever the file's state.
func (c *Cache) last(path string, tz *time.Location) *Doc {
	c.rlock()
	defer c.mu.RUnlock()
	if e, ok := c.docs[path]; ok && c.tz == tz.String() {
		return e.Doc
	}
	return nil
}

// stamped returns the doc cached for path if its file had the stamp s.
func (c *Cache) stamped(path string, s sysfile.Stamp, tz *time.Location) *Doc {
	c.rlock()
	defer c.mu.RUnlock()
	if e, ok := c.docs[path]; ok && c.tz == tz.String() && e.Stamp == s {
		return e.Doc
	}
	return nil
}

// same returns the doc cached for path if its file held data, whose hash
// is hash, when it was read. The entry takes the stamp s, unless zero: the
// file's bytes are the same, and the next Load need not read them.
func (c *Cache) same(path string, size int64, hash uint64, s sysfile.Stamp, tz *time.Location) *Doc {
	c.rlock()
	e, ok := c.docs[path]
	ok = ok && c.tz == tz.String() && e.Size == size && e.Hash == hash
	c.mu.RUnlock()
	if !ok {
		return nil
	}
	if s != (sysfile.Stamp{}) && e.Stamp != s {
		c.mu.Lock()
		if now, ok := c.docs[path]; ok && now.Doc == e.Doc {
			// A first stamp counts in Puts: the file was too new to be
			// trusted when it was parsed (a build right after a clone
			// or a pull), and until a cache with its stamp is saved,
			// every build reads it again. Another stamp does not: in CI
			// every build has a fresh clone, whose stamps are all new
			// and of no use to the next build, in another clone.
			if now.Stamp == (sysfile.Stamp{}) && len(now.Doc.Params) == 0 {
				c.puts++
			}
			now.Stamp = s
			c.docs[path] = now
		}
		c.mu.Unlock()
	}
	return e.Doc
}

func (c *Cache) put(path string, size int64, mod time.Time, s sysfile.Stamp, hash uint64, tz *time.Location, d *Doc) {
	c.lock()
	defer c.mu.Unlock()
	if c.tz != tz.String() {
		c.docs, c.tz = map[string]Entry{}, tz.String()
	}
	if c.Bodiless {
		b := *d
		b.Body = nil
		d = &b
	}
	c.docs[path] = Entry{Size: size, ModTime: mod, Stamp: s, Hash: hash, Zone: d.Date.Location().String(), Doc: d}
	if len(d.Params) == 0 {
		c.puts++
	}
}

// read returns the doc of a file, from the cache when it is unchanged,
// and tells in *did whether it read the file and whether it parsed it.
//
// A cache saved to disk trusts no file's size and time, which copies and
// archives keep through an edit, but only its stamp: without one, it reads
// the file and compares its hash (same), which costs 0.5 s of CPU at
// 10,000 stories, against 0.6 s for parsing them. stamp is the file's
// stamp when trust allows (see [stampOf]), taken before the file is read;
// zero otherwise. A cache in memory trusts the size and time, taken before
// the file is read: an edit after that changes the time.
func read(fsys fs.FS, f file, opts Options, stamp sysfile.Stamp, problems *diag.List, did *took) *Doc {
	var info fs.FileInfo
	if unchanged(f.path, opts) {
		if d := opts.Cache.last(f.path, opts.TimeZone); d != nil {
			c := *d
			c.Resources = f.resources
			return &c
		}
	}
	if stamp != (sysfile.Stamp{}) {
		if d := opts.Cache.stamped(f.path, stamp, opts.TimeZone); d != nil {
			c := *d
			c.Resources = f.resources
			return &c
		}
	}
	if opts.Cache != nil && !opts.Cache.Bodiless {
		var err error
		if info, err = fs.Stat(fsys, f.path); err == nil {
			if d := opts.Cache.get(f.path, info, opts.TimeZone); d != nil {
				c := *d
				c.Resources = f.resources
				return &c
			}
		}
	}
	did.read = true
	data, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		problems.Errorf(diag.Pos{File: f.path}, "cannot read the file: %v", sysfile.Bare(err))
		return unread(f)
	}
	if stamp.Size != int64(len(data)) {
		stamp = sysfile.Stamp{} // written since it was stat'ed
	}
	var hash uint64
	if opts.Cache != nil {
		hash = xxhash.Sum64(data)
		if d := opts.Cache.same(f.path, int64(len(data)), hash, stamp, opts.TimeZone); d != nil {
			c := *d
			c.Resources = f.resources
			return &c
		}
	}
	var local diag.List
	did.parsed = true
	d := Parse(f.path, data, opts.TimeZone, &local)
	problems.Append(&local)
	if local.Errors() > 0 {
		if d == nil {
			return unread(f)
		}
		d.broken = true
		return d
	}
	d.Resources, d.Size = f.resources, int64(len(data))
	// Issue: a doc with warnings was cached, and its warnings were not
	// given again while it was unchanged.
	switch {
	case local.Len() > 0 || opts.Cache == nil:
	case opts.Cache.Bodiless: // its time is never compared
		opts.Cache.put(f.path, d.Size, time.Time{}, stamp, hash, opts.TimeZone, d)
	case info != nil && info.Size() == d.Size:
		opts.Cache.put(f.path, d.Size, info.ModTime(), sysfile.Stamp{}, hash, opts.TimeZone, d)
	}
	return d
}

// unread returns the broken doc of a file whose front matter could not be
// read at all (not closed, TOML, not UTF-8, or the file itself unreadable):
// its path alone, for what a doc left out for its problems tells the rest
// of the build. A link to its page, which would be there once the file is
// fixed, is not said to lead nowhere (a trial), and the files beside it
// are not said to be unused.
func unread(f file) *Doc {
	d := docAt(f.path)
	d.Resources, d.broken = f.resources, true
	return d
}

// unchanged reports whether opts vouch that the file at path is unchanged
// since the cache's Load.
func unchanged(path string, opts Options) bool {
	return opts.Cache != nil && opts.Unchanged != nil && opts.Unchanged(path)
}

// stampOf returns the stamp of the file at path when trust allows it: the
// file is on trust's device and last changed before trust's time. Else,
// or when the file cannot be stat'ed, it returns the zero stamp, and the
// file is read.
func stampOf(fsys fs.FS, path string, trust *stamps) sysfile.Stamp {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return sysfile.Stamp{}
	}
	if s, ok := sysfile.StampOf(info); ok && s.Dev == trust.dev && s.CTime < trust.before {
		return s
	}
	return sysfile.Stamp{}
}

// Load reads every file of fsys's content/ folder. Problems go to problems;
// a file with problems is left out of the set's Docs, and put in Broken.
func Load(ctx context.Context, fsys fs.FS, opts Options, problems *diag.List) (*Set, error) {
	start := time.Now()
	plan, err := walk(fsys, problems)
	if err != nil {
		return nil, err
	}
	var trust *stamps // nil: no file's stamp is trusted
	if opts.Stamps && opts.Cache != nil && opts.Cache.Bodiless {
		if info, err := fs.Stat(fsys, Dir); err == nil {
			if s, ok := sysfile.StampOf(info); ok {
				trust = &stamps{dev: s.Dev, before: start.Add(-settle).UnixNano()}
			}
		}
	}
	docs := make([]*Doc, len(plan.files))
	dids := make([]took, len(plan.files))
	workers := opts.Workers
	if workers <= 0 {
		workers = parallel.Waiting() // reading mostly waits on the file system
	}
	// The stamps first, on their own: they need nothing of the cache, which
	// is still being read from disk, on another goroutine, when a build
	// starts (each lookup waits for it). At 10,000 stories each takes some
	// 40 ms; taking the stamps while the cache is read cut this step of an
	// update from 100 to 91 ms (medians of eight updates).
	var taken []sysfile.Stamp // by file; none without trust
	if trust != nil {
		taken = make([]sysfile.Stamp, len(plan.files))
		if err := parallel.For(ctx, len(plan.files), workers, func(_, i int) {
			if !unchanged(plan.files[i].path, opts) {
				taken[i] = stampOf(fsys, plan.files[i].path, trust)
			}
		}); err != nil {
			return nil, err
		}
	}
	if err := parallel.For(ctx, len(plan.files), workers, func(_, i int) {
		var stamp sysfile.Stamp
		if taken != nil {
			stamp = taken[i]
		}
		docs[i] = read(fsys, plan.files[i], opts, stamp, problems, &dids[i])
	}); err != nil {
		return nil, err
	}
	set := &Set{Assets: plan.assets}
	for i, d := range docs {
		if dids[i].read {
			set.Read++
		}
		if dids[i].parsed {
			set.Parsed++
		}
		switch {
		case d == nil:
		case d.broken:
			set.Broken = append(set.Broken, d)
		default:
			set.Docs = append(set.Docs, d)
		}
	}
	return set, nil
}

type file struct {
	path      string
	resources []string
}

type plan struct {
	files  []file
	assets []string
}

// walk lists content/ and sorts its files into docs, bundle resources and
// assets.
func walk(fsys fs.FS, problems *diag.List) (*plan, error) {
	var p plan
	var visit func(dir, bundle string) error
	visit = func(dir, bundle string) error {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if dir == Dir && errors.Is(err, fs.ErrNotExist) {
				return nil // a site with no stories yet
			}
			problems.Errorf(diag.Pos{File: dir}, "cannot read the folder: %v", sysfile.Bare(err))
			return nil
		}
		if bundle == "" {
			for _, e := range entries {
				if !e.IsDir() && e.Name() == "index.md" && dir != Dir {
					bundle = dir
					p.files = append(p.files, file{path: dir + "/index.md"})
					break
				}
			}
		}
		for _, e := range entries {
			name := e.Name()
			full := dir + "/" + name
			if Ignored(name) {
				continue
			}
			if e.IsDir() {
				if err := visit(full, bundle); err != nil {
					return err
				}
				continue
			}
			if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
				continue
			}
			if story, ext := misnamed(name); story != "" {
				p := problems.Warnf(diag.Pos{File: full}, "the file looks like a story saved as %s; it is left out of the site", ext)
				if ext == ".txt" || ext == ".text" {
					p.WithHint("rename it to %s; when saving in Notepad, choose \"All files\" as the type", story)
				} else {
					p.WithHint("copy its text into a plain text file named %s, in Notepad or VS Code", story)
				}
				continue
			}
			switch {
			case bundle != "" && full == bundle+"/index.md":
				// the bundle's story, listed above
			case bundle != "" && IsMarkdown(name):
				problems.Errorf(diag.Pos{File: full}, "a Markdown file inside the page bundle %s is not a story", bundle+"/").
					WithHint("a folder with index.md holds one story and its images; move this file out of the folder, or rename it if it is meant as an attachment")
			case bundle != "":
				i := len(p.files) - 1
				for p.files[i].path != bundle+"/index.md" {
					i--
				}
				p.files[i].resources = append(p.files[i].resources, strings.TrimPrefix(full, bundle+"/"))
			case IsMarkdown(name) && dir != Dir && name != "index.md" && strings.EqualFold(name[:len(name)-len(mdExt(name))], "index"):
				p := problems.Errorf(diag.Pos{File: full}, "the file is named %s, where the story of a page bundle is named index.md", name)
				if slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() != name && IsMarkdown(e.Name()) }) {
					// index.md would make the folder a bundle, and its other stories errors.
					p.WithHint("the folder holds other stories: give this one a name of its own, such as its title in pinyin")
				} else {
					p.WithHint("rename it to index.md, in lower case")
				}
			case IsMarkdown(name) && name[:len(name)-len(mdExt(name))] == "_index":
				problems.Errorf(diag.Pos{File: full}, "%s would be a folder's list page elsewhere; herald makes its lists itself", name).
					WithHint("rename the file to make it a story; a category's or branch's own text is its description in site.yaml")
			case IsMarkdown(name):
				p.files = append(p.files, file{path: full})
			default:
				p.assets = append(p.assets, strings.TrimPrefix(full, Dir+"/"))
			}
		}
		return nil
	}
	if err := visit(Dir, ""); err != nil {
		return nil, err
	}
	slices.SortFunc(p.files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	for i := range p.files {
		slices.Sort(p.files[i].resources)
	}
	slices.Sort(p.assets)
	return &p, nil
}

// kindOf tells a story from a page by its path: a page's file, or its
// bundle's folder, lies directly in content/.
func kindOf(file string) Kind {
	rel := strings.TrimPrefix(file, Dir+"/")
	if !strings.Contains(rel, "/") || strings.Count(rel, "/") == 1 && path.Base(rel) == "index.md" {
		return Page
	}
	return Story
}

// IsMarkdown reports whether a file name is a Markdown file's: it ends in
// .md or .markdown, in any case (a.MD).
func IsMarkdown(name string) bool { return mdExt(name) != "" }

// mdExt returns the Markdown extension a name ends with, as written, or "".
func mdExt(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range []string{".md", ".markdown"} {
		if strings.HasSuffix(lower, ext) && len(name) > len(ext) {
			return name[len(name)-len(ext):]
		}
	}
	return ""
}

// savedAs are the extensions that editors add to a Markdown file saved as
// text or as a document: Notepad's "laobing.md.txt", WPS's "x.md.docx".
var savedAs = []string{".txt", ".text", ".doc", ".docx", ".wps", ".rtf", ".odt"}

// misnamed returns, for a story saved with another extension after its .md
// ("laobing.md.txt"), the name it should have ("laobing.md") and the
// extension it has (".txt"); otherwise "", "".
func misnamed(name string) (story, ext string) {
	dot := strings.LastIndex(name, ".")
	if dot < 0 || !slices.Contains(savedAs, strings.ToLower(name[dot:])) || !IsMarkdown(name[:dot]) {
		return "", ""
	}
	return name[:dot], strings.ToLower(name[dot:])
}

// Ignored reports whether a file or folder name is hidden or an editor's or
// operating system's leftover, which herald neither reads nor copies.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."), // .DS_Store, .git, .x.swp, .#x.md
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // Emacs autosave
		strings.HasPrefix(name, "~$"),                                // Microsoft Office lock file
		strings.HasSuffix(name, "~"),                                 // backup
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swo"), strings.HasSuffix(lower, ".swx"),
		strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".crdownload"), strings.HasSuffix(lower, ".part"),
		strings.HasSuffix(lower, ".bak"), strings.HasSuffix(lower, ".orig"), strings.HasSuffix(lower, ".old"), // copies kept by hand or by merge tools
		lower == "thumbs.db", lower == "desktop.ini":
		return true
	}
	return false
}

// ReadBody returns the Body of d, reading its file again when a Bodiless
// cache dropped it. It fails when the file no longer has that body.
func ReadBody(fsys fs.FS, d *Doc, tz *time.Location) ([]byte, error) {
	if d.Body != nil || d.BodyHash == xxhash.Sum64(nil) {
		return d.Body, nil
	}
	data, err := fs.ReadFile(fsys, d.Path)
	if err != nil {
		return nil, sysfile.Bare(err)
	}
	var ignored diag.List // the cached doc had none
	again := Parse(d.Path, data, tz, &ignored)
	if again == nil || again.BodyHash != d.BodyHash {
		return nil, errors.New("the file changed during the build; build again")
	}
	return again.Body, nil
}

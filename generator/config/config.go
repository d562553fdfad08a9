package config

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"herald/generator/diag"
	"herald/generator/internal/decode"
	"herald/generator/internal/sysfile"
	"herald/generator/internal/urlpath"

	"github.com/cespare/xxhash/v2"
	"go.yaml.in/yaml/v3"
)

// File is the name of the configuration file in a site's folder.
const File = "site.yaml"

// Config is a site's configuration.
type Config struct {
	Title       string
	Description string
	BaseURL     *url.URL // absolute; its path ends in "/"
	Language    string   // BCP 47, e.g. "zh-CN"
	TimeZone    *time.Location
	Paginate    int // ≥ 1
	Copyright   string
	Feeds       Feeds
	Markdown    Markdown
	Categories  []*Category       // in the order of site.yaml
	Branches    []*Branch         // in the order of site.yaml
	TagSlugs    map[string]string // tag name -> URL segment
	Params      map[string]any    // free values for templates
	Publish     Publish           // where and how herald publish uploads the site
	Strings     map[string]string // the theme's strings the site replaces, by key
	StringLines map[string]int    // the line in site.yaml of each of Strings
	// Hash is a hash of site.yaml's bytes: pages may show any of it, so
	// any change to it changes every page's fingerprint (package render).
	Hash uint64

	// The registries by name and by slug. They also hold the entries left
	// out of Categories and Branches for a problem site.yaml reports, such
	// as a slug already taken, under the keys still free: a story naming
	// one is not reported too, and is left out as one naming no branch.
	categories    map[string]*Category
	branches      map[string]*Branch
	categoryNames []string // every name in categories, in the order of site.yaml
	branchNames   []string // every name in branches, in the order of site.yaml
}

// Feeds configures the feeds.
type Feeds struct {
	Limit       int  // items per feed, ≥ 1
	FullContent bool // the story's HTML in feeds, not only its summary
}

// Markdown configures the Markdown renderer.
type Markdown struct {
	Unsafe bool // raw HTML passes through; otherwise it is escaped
}

// Category is a category in the registry.
type Category struct {
	Name        string
	Slug        string // one path segment
	Description string
	Aliases     []string // former names, which stories may still give
	Line        int      // its line in site.yaml
}

// Branch is a branch (a Party organisation) in the registry.
type Branch struct {
	Name        string
	Slug        string // one path segment
	Description string
	Parent      string   // the organisation it belongs to; may be empty
	Aliases     []string // former names, which stories may still give
	Line        int      // its line in site.yaml

	parent *yaml.Node // the value of parent:, for a problem's line
}

// Load reads File from fsys. Problems go to problems; the returned Config is
// nil only when the file cannot be read or is not YAML at all.
func Load(fsys fs.FS, problems *diag.List) *Config {
	data, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		problems.Errorf(diag.Pos{File: File}, "the file does not exist: herald must run in a site's folder").
			WithHint("go into the site's folder, the one that holds site.yaml, before running herald, or name it with --source DIR")
		return nil
	case err != nil:
		problems.Errorf(diag.Pos{File: File}, "cannot read the site's configuration: %v", sysfile.Bare(err))
		return nil
	}
	return Parse(File, data, problems)
}

// Default returns the configuration of a site whose site.yaml sets only its
// title and base URL.
func Default() *Config {
	tz, _ := time.LoadLocation("Asia/Shanghai")
	u, _ := url.Parse("http://localhost/")
	return &Config{
		BaseURL:    u,
		Language:   "zh-CN",
		TimeZone:   tz,
		Paginate:   20,
		Feeds:      Feeds{Limit: 20, FullContent: true},
		Publish:    Publish{MaxDeletes: -1},
		TagSlugs:   map[string]string{},
		categories: map[string]*Category{},
		branches:   map[string]*Branch{},
	}
}

var topKeys = []string{"title", "description", "baseURL", "language", "timezone", "paginate", "copyright",
	"feeds", "markdown", "tags", "categories", "branches", "params", "publish", "strings"}

// Parse decodes site.yaml's bytes. file names the file in problems.
func Parse(file string, data []byte, problems *diag.List) *Config {
	d := &decode.Decoder{File: file, Problems: problems}
	// YAML reads UTF-16 by its byte order mark; GBK, from an older editor,
	// it refused in English, with no line (a trial).
	utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !utf16 && decode.NotUTF8(problems, file, bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))) {
		return nil
	}
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	// YAML reports a tab or a full-width colon at another line, or reads
	// "paginate：10" as text: say what it is, at its own line.
	if found, misread := checkLines(file, data); found.Len() > 0 && (err != nil || misread) {
		problems.Append(found)
		return nil
	}
	if err != nil {
		reportSyntax(d, err)
		return nil
	}
	root := d.Document(&doc, file)
	if root == nil {
		return nil
	}
	c := Default()
	c.Hash = xxhash.Sum64(data)
	var titleSeen, baseSeen bool
	for _, f := range d.Fields(root, file) {
		v := f.Value
		switch f.Key {
		case "title":
			c.Title, _ = d.String(v, "title")
			titleSeen = true
			if strings.TrimSpace(c.Title) == "" {
				d.Errorf(v, "title is empty").WithHint("give the site's name, such as title: 高新区党建动态")
			}
		case "description":
			c.Description, _ = d.String(v, "description")
		case "copyright":
			c.Copyright, _ = d.String(v, "copyright")
		case "baseURL":
			baseSeen = true
			if s, ok := d.String(v, "baseURL"); ok {
				u, err := ParseBaseURL(s)
				if err != nil {
					var e *BaseURLError
					errors.As(err, &e)
					d.Errorf(v, "baseURL: %v", e.Reason).WithHint("%v", e.Hint)
				} else {
					c.BaseURL = u
				}
			}
		case "language":
			if s, ok := d.String(v, "language"); ok {
				switch fixed := chineseTag(s); {
				case fixed != "":
					// A trial: "cn" built the site in English, without
					// a word, as any tag not of Chinese does.
					p := d.Errorf(v, "language: %q is not the tag of Chinese: the site's words would be in English", s)
					if fixed == "zh-TW" {
						p.WithHint("write zh-TW")
					} else {
						p.WithHint("write zh-CN (zh-TW for traditional characters)")
					}
				case !validLanguage(s):
					d.Errorf(v, "language: %q is not a language tag", s).WithHint("write zh-CN, zh-TW or en")
				default:
					c.Language = s
				}
			}
		case "timezone":
			if s, ok := d.String(v, "timezone"); ok {
				tz, err := time.LoadLocation(s)
				if s == "" {
					// It said: unknown time zone "".
					d.Errorf(v, "timezone is empty").WithHint("write an IANA name, such as Asia/Shanghai, or delete the line: Beijing time is the default")
				} else if err != nil || strings.EqualFold(s, "local") {
					d.Errorf(v, "timezone: unknown time zone %q", s).WithHint("write an IANA name, such as Asia/Shanghai")
				} else {
					c.TimeZone = tz
				}
			}
		case "paginate":
			if n, ok := d.Int(v, "paginate"); ok {
				if n < 1 {
					d.Errorf(v, "paginate: %d stories a page is too few", n).WithHint("write a number from 1 up, such as 20")
				} else {
					c.Paginate = n
				}
			}
		case "feeds":
			c.parseFeeds(d, v)
		case "markdown":
			for _, g := range d.Fields(v, "markdown") {
				switch g.Key {
				case "unsafe":
					c.Markdown.Unsafe, _ = d.Bool(g.Value, "markdown.unsafe")
				default:
					unknownKey(d, g, "markdown.", []string{"unsafe"})
				}
			}
		case "tags":
			c.parseTags(d, v)
		case "categories":
			c.parseCategories(d, v)
		case "branches":
			c.parseBranches(d, v)
		case "publish":
			c.parsePublish(d, v)
		case "strings":
			c.Strings, c.StringLines = map[string]string{}, map[string]int{}
			for _, g := range d.Fields(v, "strings") {
				if str, ok := d.String(g.Value, "strings."+g.Key); ok {
					c.Strings[g.Key] = str
					c.StringLines[g.Key] = d.Pos(g.Value).Line
				}
			}
		case "params":
			switch m := d.Any(v, "params").(type) {
			case map[string]any:
				c.Params = m
			case nil: // empty, or reported by Any
			default:
				d.Errorf(v, "params: expected a mapping of keys to values")
			}
		default:
			unknownKey(d, f, "", topKeys)
		}
	}
	if !titleSeen {
		d.Errorf(root, "title is missing").WithHint("add a line such as title: 高新区党建动态")
	}
	if !baseSeen {
		d.Errorf(root, "baseURL is missing").WithHint("add a line such as baseURL: https://example.org/")
	}
	return c
}

// checkLines looks, line by line, for a line indented with a tab, for a
// full-width colon after a key ("  - name：机关第九支部") and for a space
// YAML does not take for one after a key's colon (a non-breaking space
// copied from a web page), and reports each at its line into found.
// misread tells that there is one of the last two, which YAML may read
// without complaint as part of a text.
//
// The lines of a text value, a "|" block or one going on over several
// lines, are left alone: "Email：dangjian@example.org" in a description is
// text.
func checkLines(file string, data []byte) (found *diag.List, misread bool) {
	found = &diag.List{}
	text := -1 // lines indented deeper than this are the text of a value above; -1 for none
	for i, line := range strings.Split(strings.TrimPrefix(string(data), "\uFEFF"), "\n") {
		pos := diag.Pos{File: file, Line: i + 1}
		line = strings.TrimSuffix(line, "\r")
		if decode.TabIndented(found, pos, line, diag.Phrasef("the file site.yaml")) {
			continue
		}
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if indent := len(line) - len(trimmed); text >= 0 && indent > text {
			continue
		}
		text = -1
		lead, key, sep, rest := decode.CutKey(line)
		switch odd := decode.SpaceAfterColon(rest); {
		case sep == "：":
			decode.FullWidthColon(found, pos, key, strings.TrimLeft(lead, " ")+key+": "+strings.TrimSpace(rest))
			misread = true
		case odd != 0:
			// "title:\u00a0党建网", copied from a web page: YAML reads
			// the line as one text, and its error, if any, is about
			// another line.
			decode.OddSpaceAfterColon(found, pos, key, odd, strings.TrimLeft(lead, " ")+key+": "+decode.TrimAfterColon(rest))
			misread = true
		}
		if key != "" && strings.TrimSpace(rest) != "" {
			text = len(lead) // a value on the key's line: what is deeper below is its text
		}
	}
	// A trial: YAML reported it at the line of title:, three lines up.
	decode.MissingFirstDash(found, file, 1, strings.Split(strings.TrimPrefix(string(data), "\uFEFF"), "\n"))
	return found, misread
}

// reportSyntax turns a YAML parse error into a problem at its line.
func reportSyntax(d *decode.Decoder, err error) {
	line, msg := decode.SyntaxLine(err)
	d.Problems.Errorf(diag.Pos{File: d.File, Line: line + d.Line}, "invalid YAML: %s", msg).
		WithHint("check the indentation and that text with \": \" or \"#\" in it is in quotes")
}

func unknownKey(d *decode.Decoder, f decode.Field, prefix string, known []string) {
	p := d.Errorf(f.KeyN, "unknown key %q", prefix+f.Key)
	if s := diag.Suggest(f.Key, known); s != "" {
		p.WithHint("did you mean %q?", prefix+s)
	} else {
		p.WithHint("the keys here are %s", strings.Join(known, ", "))
	}
}

// unknownItemKey reports an unknown key of the list item what.
func unknownItemKey(d *decode.Decoder, f decode.Field, what diag.Phrase, known []string) {
	p := d.Errorf(f.KeyN, "%s: unknown key %q", what, f.Key)
	if s := diag.Suggest(f.Key, known); s != "" {
		p.WithHint("did you mean %q?", s)
	} else {
		p.WithHint("the keys here are %s", strings.Join(known, ", "))
	}
}

func (c *Config) parseFeeds(d *decode.Decoder, v *yaml.Node) {
	for _, g := range d.Fields(v, "feeds") {
		switch g.Key {
		case "limit":
			if n, ok := d.Int(g.Value, "feeds.limit"); ok {
				if n < 1 {
					d.Errorf(g.Value, "feeds.limit: %d items is too few", n).WithHint("write a number from 1 up, such as 20")
				} else {
					c.Feeds.Limit = n
				}
			}
		case "fullContent":
			c.Feeds.FullContent, _ = d.Bool(g.Value, "feeds.fullContent")
		default:
			unknownKey(d, g, "feeds.", []string{"limit", "fullContent"})
		}
	}
}

func (c *Config) parseTags(d *decode.Decoder, v *yaml.Node) {
	bySlug := map[string]string{}
	for _, g := range d.Fields(v, "tags") {
		slug, ok := d.String(g.Value, "tags."+g.Key)
		if !ok {
			continue
		}
		if why := urlpath.CheckSlug(slug); why != "" {
			d.Errorf(g.Value, "tags.%s: slug %q cannot be part of a URL: %s", g.Key, slug, why).
				WithHint("use letters, digits and hyphens, such as veterans")
			continue
		}
		if other, dup := bySlug[slug]; dup {
			d.Errorf(g.Value, "tags.%s: slug %q is already the slug of tag %q", g.Key, slug, other).
				WithHint("two tags would share one page; give each its own slug")
			continue
		}
		bySlug[slug] = g.Key
		// As a story's tags are read: a run of spaces, full-width or
		// not, is one space (decode.Strings).
		c.TagSlugs[strings.Join(strings.Fields(g.Key), " ")] = slug
	}
}

func (c *Config) parseCategories(d *decode.Decoder, v *yaml.Node) {
	var aliases []alias[*Category]
	for i, item := range items(d, v, "categories") {
		what := diag.Phrasef("categories, item %d", i+1) // counted from 1, as writers count
		field := func(key string) diag.Phrase { return diag.Phrasef("categories, item %d, %s", i+1, key) }
		cat := &Category{Line: item.Line + d.Line}
		var nameN, slugN *yaml.Node
		fields := d.Fields(item, what)
		if fields == nil {
			continue // not a mapping, reported by Fields
		}
		for _, g := range fields {
			switch g.Key {
			case "name":
				cat.Name, _ = d.String(g.Value, field("name"))
				// A zero-width space copied with the name: stories
				// that write the name as it shows would not find it.
				cat.Name = d.Shown(g.Value, field("name"), cat.Name)
				nameN = g.Value
			case "slug":
				cat.Slug, _ = d.String(g.Value, field("slug"))
				slugN = g.Value
			case "description":
				cat.Description, _ = d.String(g.Value, field("description"))
			case "aliases":
				cat.Aliases, _ = d.Strings(g.Value, field("aliases"))
				aliases = append(aliases, alias[*Category]{what, g.Value, cat})
			default:
				unknownItemKey(d, g, what, []string{"name", "slug", "description", "aliases"})
			}
		}
		ok := c.register(d, item, what, "category", &cat.Name, &cat.Slug, nameN, slugN, func(key string) bool {
			_, dup := c.categories[key]
			return dup
		})
		if ok {
			c.Categories = append(c.Categories, cat)
		}
		answer(c.categories, &c.categoryNames, cat.Name, cat.Slug, cat)
	}
	for _, a := range aliases {
		a.v.Aliases = a.register(d, c.categories, a.v.Aliases, func(v *Category) string { return v.Name })
	}
}

// alias is the aliases: of a category or branch, registered once every
// name and slug is, so that a former name cannot take a later one's place.
type alias[T comparable] struct {
	what diag.Phrase
	node *yaml.Node
	v    T
}

// register makes the category or branch answer to its former names, and
// returns those it may: a former name that is a name, slug or former name
// of another, its own name or slug, or listed twice, is reported at its
// item of the list.
func (a alias[T]) register(d *decode.Decoder, byKey map[string]T, names []string, nameOf func(T) string) []string {
	var kept []string
	for i, n := range names {
		n = strings.TrimSpace(n)
		at := a.node
		if a.node.Kind == yaml.SequenceNode && len(a.node.Content) == len(names) {
			at = a.node.Content[i]
		}
		switch other, taken := byKey[n]; {
		case n == "":
			continue // reported below, at its item
		case !taken:
			byKey[n] = a.v
			kept = append(kept, n)
		case other != a.v:
			d.Errorf(at, "%s: the former name %q is already a name, slug or former name of %q", a.what, n, nameOf(other)).
				WithHint("a name leads to one of them only: remove it from one")
		case slices.Contains(kept, n):
			d.Errorf(at, "%s: the former name %q is listed twice", a.what, n).WithHint("keep one of them")
		default:
			d.Errorf(at, "%s: the former name %q is its name or slug", a.what, n).
				WithHint("list under aliases: only the names it had before")
		}
	}
	// A retrial: an empty former name passed without a word (the list's
	// reading leaves it out).
	if a.node.Kind == yaml.SequenceNode {
		for _, item := range a.node.Content {
			if item.Kind == yaml.ScalarNode && strings.TrimSpace(item.Value) == "" {
				d.Errorf(item, "%s: a former name is empty", a.what).WithHint("remove it from aliases:, or write the name")
			}
		}
	}
	return kept
}

// answer makes a category or branch, registered or refused for its slug,
// answer to its name, and to its slug unless another has it, and lists
// its name for hints. One refused is still the one stories name: blaming
// them too would hide the one problem, in site.yaml.
func answer[T any](byKey map[string]T, names *[]string, name, slug string, v T) {
	if name == "" {
		return
	}
	for _, key := range []string{name, slug} {
		if _, taken := byKey[key]; !taken && key != "" {
			byKey[key] = v
		}
	}
	if !slices.Contains(*names, name) {
		*names = append(*names, name)
	}
}

func (c *Config) parseBranches(d *decode.Decoder, v *yaml.Node) {
	var aliases []alias[*Branch]
	for i, item := range items(d, v, "branches") {
		what := diag.Phrasef("branches, item %d", i+1) // counted from 1, as writers count
		field := func(key string) diag.Phrase { return diag.Phrasef("branches, item %d, %s", i+1, key) }
		br := &Branch{Line: item.Line + d.Line}
		var nameN, slugN *yaml.Node
		fields := d.Fields(item, what)
		if fields == nil {
			continue // not a mapping, reported by Fields
		}
		for _, g := range fields {
			switch g.Key {
			case "name":
				br.Name, _ = d.String(g.Value, field("name"))
				br.Name = d.Shown(g.Value, field("name"), br.Name)
				nameN = g.Value
			case "slug":
				br.Slug, _ = d.String(g.Value, field("slug"))
				slugN = g.Value
			case "description":
				br.Description, _ = d.String(g.Value, field("description"))
			case "parent":
				br.Parent, _ = d.String(g.Value, field("parent"))
				br.Parent = d.Shown(g.Value, field("parent"), strings.TrimSpace(br.Parent))
				br.parent = g.Value
			case "aliases":
				br.Aliases, _ = d.Strings(g.Value, field("aliases"))
				aliases = append(aliases, alias[*Branch]{what, g.Value, br})
			default:
				unknownItemKey(d, g, what, []string{"name", "slug", "description", "parent", "aliases"})
			}
		}
		ok := c.register(d, item, what, "branch", &br.Name, &br.Slug, nameN, slugN, func(key string) bool {
			_, dup := c.branches[key]
			return dup
		})
		if ok {
			c.Branches = append(c.Branches, br)
		}
		answer(c.branches, &c.branchNames, br.Name, br.Slug, br)
	}
	for _, a := range aliases {
		a.v.Aliases = a.register(d, c.branches, a.v.Aliases, func(v *Branch) string { return v.Name })
	}
	c.checkParents(d)
}

// checkParents reports a branch that is its own parent, and parents that
// go round in a circle (A under B, B under A): the branches' pages would
// each list the other as both parent and member. A circle is reported
// once, at the parent: line of its first branch in site.yaml. A parent
// that is no branch of the site is an organisation above the site's, and
// is fine, unless it is a branch's name but for a character: a warning.
func (c *Config) checkParents(d *decode.Decoder) {
	up := func(b *Branch) *Branch {
		if b.Parent == "" {
			return nil
		}
		return c.branches[b.Parent]
	}
	var names []string
	for _, b := range c.Branches {
		names = append(names, b.Name)
	}
	reported := map[*Branch]bool{}
	// near memoizes Suggest by parent: a site names a few organisations
	// above it, each the parent of many branches, and Suggest compares
	// with every branch (the benchmark's site.yaml, 26 parents of 5
	// names, took 2.4 ms to load, now 0.8 ms, before any story is read).
	near := map[string]string{}
	for _, b := range c.Branches {
		p := up(b)
		if p == nil && b.Parent != "" {
			// An organisation above the site's, or a branch's name
			// mistyped (a trial: 党季 for 党委), which would leave the
			// branch out of its parent's page without a word. Only a
			// name of the same length, a character or so apart, is
			// taken for a typo: 区直机关党委 above the site is not.
			s, ok := near[b.Parent]
			if !ok {
				s = diag.Suggest(b.Parent, names)
				near[b.Parent] = s
			}
			if s != "" && utf8.RuneCountInString(s) == utf8.RuneCountInString(b.Parent) {
				d.Problems.Warnf(d.Pos(b.parent), "branch %q: its parent %q is no branch of the site", b.Name, b.Parent).
					WithHint("did you mean %q? A parent that is no branch of the site is taken for an organisation above it, shown as plain text", s)
			}
			continue
		}
		if p == b {
			d.Errorf(b.parent, "branch %q has itself as its parent", b.Name).
				WithHint("write the organisation it belongs to, or remove parent:")
			reported[b] = true
			continue
		}
		// Walk up from b: a circle through b comes back to it within
		// len(c.Branches) steps.
		chain := []string{b.Name}
		for range c.Branches {
			if p == nil || p == b || reported[p] {
				break
			}
			chain = append(chain, p.Name)
			p = up(p)
		}
		if p != b || reported[b] {
			continue
		}
		chain = append(chain, b.Name)
		for q := up(b); q != b; q = up(q) {
			reported[q] = true
		}
		reported[b] = true
		d.Errorf(b.parent, "the parents of branches go round in a circle: %s", strings.Join(chain, " → ")).
			WithHint("a branch belongs to one organisation above it: correct the parent: of one of them")
	}
}

// register checks a category's or branch's name and slug (defaulting the slug
// to the name) and reports whether it may be added.
func (c *Config) register(d *decode.Decoder, item *yaml.Node, what diag.Phrase, kind string, name, slug *string, nameN, slugN *yaml.Node, taken func(string) bool) bool {
	*name = strings.TrimSpace(*name)
	if *name == "" {
		if kind == "branch" {
			d.Errorf(item, "%s: a branch needs a name", what).WithHint("add name: followed by its full name")
		} else {
			d.Errorf(item, "%s: a category needs a name", what).WithHint("add name: followed by its full name")
		}
		return false
	}
	check := urlpath.CheckSlug
	if slugN == nil {
		slugN = nameN
		*slug = urlpath.Slugify(*name)
		check = urlpath.CheckSegment // a name's own punctuation is kept
	}
	if why := check(*slug); why != "" {
		d.Errorf(slugN, "%s: slug %q cannot be part of a URL: %s", what, *slug, why).
			WithHint("use letters, digits and hyphens, such as organ-08-social-affairs")
		return false
	}
	ok := true
	if taken(*name) {
		if kind == "branch" {
			d.Errorf(nameN, "%s: branch %q is listed twice", what, *name).WithHint("keep one of them")
		} else {
			d.Errorf(nameN, "%s: category %q is listed twice", what, *name).WithHint("keep one of them")
		}
		ok = false
	}
	if *slug != *name && taken(*slug) {
		if kind == "branch" {
			d.Errorf(slugN, "%s: slug %q is already taken by another branch", what, *slug).WithHint("give each branch its own slug")
		} else {
			d.Errorf(slugN, "%s: slug %q is already taken by another category", what, *slug).WithHint("give each category its own slug")
		}
		ok = false
	}
	return ok
}

func items(d *decode.Decoder, v *yaml.Node, what string) []*yaml.Node {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.Errorf(v, "%s: expected a list", what).WithHint("write each entry on its own line starting with \"- name: \"")
		return nil
	}
	return d.Items(v, what)
}

// BaseURLError tells why a base URL is refused, and how to fix it. Both are
// phrases, which a catalog translates.
type BaseURLError struct {
	Reason diag.Phrase // what is wrong
	Hint   diag.Phrase // how to fix it
}

func (e *BaseURLError) Error() string { return e.Reason.String() }

// ParseBaseURL parses an absolute http or https URL and makes its path end in
// "/". It refuses white space anywhere, a host that is not an ASCII host
// name or an IP address, and a path that ends in a file name such as
// index.html. The error it returns is a [*BaseURLError].
func ParseBaseURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	publishedAt := diag.Phrasef("write the address the site is published at, such as https://example.org/ or https://example.org/news/")
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return nil, &BaseURLError{diag.Phrasef("the address holds a space after %q", s[:i]),
			diag.Phrasef("a space cannot be in an address: remove it, or write it as %%20")}
	}
	u, err := url.Parse(s)
	if err != nil {
		if e := hostProblem(hostOf(s)); e != nil {
			return nil, e // url.Parse refuses some of them: "example。org"
		}
		return nil, &BaseURLError{diag.Phrasef("not a URL"), publishedAt}
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, &BaseURLError{diag.Phrasef("not an absolute http or https URL"), publishedAt}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, &BaseURLError{diag.Phrasef("a base URL has no query or fragment"), publishedAt}
	}
	if u.User != nil {
		fixed := *u
		fixed.User = nil
		return nil, &BaseURLError{diag.Phrasef("the address holds a user name or password before the host (%s@)", u.User.Username()),
			diag.Phrasef("the base URL is the address readers open, and site.yaml is no place for a password: write %s", fixed.String())}
	}
	if e := hostProblem(u.Hostname()); e != nil {
		return nil, e
	}
	if port := u.Port(); port != "" || strings.HasSuffix(u.Host, ":") {
		// A retrial: :99999, :0 and a bare colon were taken.
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			fixed := *u
			fixed.Host = u.Hostname()
			if strings.Contains(fixed.Host, ":") {
				fixed.Host = "[" + fixed.Host + "]"
			}
			return nil, &BaseURLError{diag.Phrasef("the port %q is not a number from 1 to 65535", port),
				diag.Phrasef("write the port the site is served on, or none: %s", fixed.String())}
		}
	}
	for _, part := range strings.Split(u.Path, "/") {
		if part == "." || part == ".." {
			// A retrial: https://example.org/news/../ gave pages that
			// link to /news/../css/….
			fixed := *u
			fixed.Path, fixed.RawPath = path.Clean(u.Path)+"/", ""
			if fixed.Path == "//" {
				fixed.Path = "/"
			}
			return nil, &BaseURLError{diag.Phrasef("the address's path %s holds %q", u.EscapedPath(), part),
				diag.Phrasef("write the folder itself: %s", fixed.String())}
		}
	}
	if strings.Contains(u.Path, "//") {
		// Pages would link to //css/site.css: a browser reads that as
		// the host "css" (a trial).
		fixed := *u
		fixed.Path, fixed.RawPath = path.Clean(u.Path)+"/", ""
		if fixed.Path == "//" {
			fixed.Path = "/"
		}
		return nil, &BaseURLError{diag.Phrasef("the address's path %s holds an empty part (//)", u.EscapedPath()),
			diag.Phrasef("write it with one slash between its parts: %s", fixed.String())}
	}
	dir, file := path.Split(strings.TrimSuffix(u.Path, "/"))
	if pageExts[strings.ToLower(path.Ext(file))] {
		fixed := *u
		fixed.Path, fixed.RawPath = dir, ""
		return nil, &BaseURLError{diag.Phrasef("the address ends in the file name %q, but a base URL is the site's folder", file),
			diag.Phrasef("drop %s: write %s", file, fixed.String())}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

// pageExts are the extensions of the files a web server gives for a
// folder's address, which a writer may copy from the browser along with it.
var pageExts = map[string]bool{".html": true, ".htm": true, ".shtml": true, ".xhtml": true,
	".php": true, ".asp": true, ".aspx": true, ".jsp": true}

// hostOf returns what lies between "//" and the next "/" in s, less a port,
// for the URLs url.Parse refuses.
func hostOf(s string) string {
	_, rest, ok := strings.Cut(s, "//")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest, "]") {
		rest = rest[:i]
	}
	return rest
}

// hostProblem reports why host is not a host name — ASCII letters, digits
// and hyphens in parts joined by dots, a Chinese domain name being written
// in its xn-- form — nor an IP address, or nil when it is one.
func hostProblem(host string) *BaseURLError {
	if host == "" || net.ParseIP(host) != nil {
		return nil
	}
	letters := diag.Phrasef("a host name has only ASCII letters, digits, hyphens and dots")
	for _, r := range host {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.':
		case r == '。' || r == '｡' || r == '．':
			return &BaseURLError{diag.Phrasef("the host name %s holds the full-width %q", host, string(r)),
				diag.Phrasef("retype %q as an English full stop \".\", with the input method in English mode", string(r))}
		case r >= '！' && r <= '～':
			return &BaseURLError{diag.Phrasef("the host name %s holds the full-width %q", host, string(r)),
				diag.Phrasef("retype %q as %q, with the input method in English mode", string(r), string(r-'！'+'!'))}
		case r > unicode.MaxASCII:
			return &BaseURLError{diag.Phrasef("the host name %s holds %q", host, string(r)),
				diag.Phrasef("%s; write a Chinese domain name in its xn-- form, as the registrar gives it", letters)}
		default:
			return &BaseURLError{diag.Phrasef("the host name %s holds %q", host, string(r)), letters}
		}
	}
	parts := strings.Split(host, ".")
	for _, part := range parts {
		if part == "" || strings.HasPrefix(part, "-") || strings.HasSuffix(part, "-") || len(part) > 63 {
			return &BaseURLError{diag.Phrasef("%s is not a host name", host),
				diag.Phrasef("%s, each part between two dots starting and ending with a letter or digit, such as example.org", letters)}
		}
	}
	// No top-level domain is all digits: 999.1.1.1 is an IP address out
	// of range, not a name.
	if strings.Trim(parts[len(parts)-1], "0123456789") == "" {
		return &BaseURLError{diag.Phrasef("%s is neither a host name nor an IP address", host),
			diag.Phrasef("an IP address has four numbers from 0 to 255, such as 192.168.1.10; a host name ends in a name, such as example.org")}
	}
	return nil
}

// chineseTag returns the tag of Chinese a writer most likely meant by s,
// a way of writing Chinese that is not its tag ("cn", "chinese", "中文",
// "zh_CN"); "" for any other s.
func chineseTag(s string) string {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "zh_cn", "zh_sg", "zh_hans":
		return "zh-CN"
	case "zh_tw", "zh_hk", "zh_hant":
		return "zh-TW"
	case "cn", "chinese", "chs", "zhcn", "cn-zh", "中文", "简体中文", "汉语", "普通话":
		return "zh-CN"
	case "cht", "zhtw", "繁体中文", "繁體中文":
		return "zh-TW"
	}
	return ""
}

func validLanguage(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// Category returns the category named or slugged key, or nil.
func (c *Config) Category(key string) *Category { return c.categories[key] }

// Branch returns the branch named or slugged key, or nil.
func (c *Config) Branch(key string) *Branch { return c.branches[key] }

// CategoryNames returns the names of the categories, for hints, with those
// of the categories left out for a problem in site.yaml.
func (c *Config) CategoryNames() []string { return slices.Clone(c.categoryNames) }

// BranchNames returns the names of the branches, for hints, with those of
// the branches left out for a problem in site.yaml.
func (c *Config) BranchNames() []string { return slices.Clone(c.branchNames) }

// BasePath returns the path of the base URL, beginning and ending in "/",
// as addresses carry it: percent-encoded ("/%E5%85%9A%E5%BB%BA/" for
// "/党建/"). A request's decoded path starts with c.BaseURL.Path.
func (c *Config) BasePath() string { return urlpath.Escape(c.BaseURL.Path) }

// SetBaseURL replaces the base URL, as --base-url does.
func (c *Config) SetBaseURL(s string) error {
	u, err := ParseBaseURL(s)
	if err != nil {
		return err
	}
	c.BaseURL = u
	return nil
}

// IsChinese reports whether the site's language is a Chinese one.
func (c *Config) IsChinese() bool {
	return strings.EqualFold(c.Language, "zh") || strings.HasPrefix(strings.ToLower(c.Language), "zh-")
}

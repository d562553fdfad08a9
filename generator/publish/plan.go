package publish

import (
	"cmp"
	"mime"
	"path"
	"regexp"
	"slices"
	"strings"

	"herald/generator/config"
)

// Headers are the HTTP headers an object is stored with.
type Headers struct {
	ContentType     string `json:"contentType"`
	CacheControl    string `json:"cacheControl"`
	ContentEncoding string `json:"contentEncoding,omitempty"`
}

// Local is a file of the output, as it will be uploaded.
type Local struct {
	Path    string // slash path, the object's key
	Size    int64  // bytes uploaded (compressed, with gzip)
	MD5     string // hex MD5 of the bytes uploaded
	Headers Headers
	Group   Group
	Gzip    bool // compressed at upload
}

// Remote is what the bucket holds under a key.
type Remote struct {
	Size    int64
	MD5     string   // hex; "" when unknown
	Headers *Headers // nil when unknown
}

// Reason says why a file is uploaded.
type Reason string

const (
	NotFound       Reason = "not found"
	ContentDiffers Reason = "content differs"
	HeadersDiffer  Reason = "headers differ"
	Forced         Reason = "forced"
)

// Upload is a file to upload and why.
type Upload struct {
	Local
	Reason Reason
}

// Group is the place of a file in the order of uploads.
type Group int

const (
	Assets  Group = iota // stylesheets, scripts, images, the search index
	Stories              // story and standalone pages
	Lists                // home pages after the first, category, branch, tag and archive pages, 404, search
	Top                  // the home page, feeds, sitemap, robots.txt, the search manifest
)

var groupNames = [...]string{"assets", "stories", "lists", "top"}

func (g Group) String() string { return groupNames[g] }

// GroupOf returns the group of an output path.
func GroupOf(p string) Group {
	base := path.Base(p)
	switch {
	case p == "index.html", p == "feed.json", p == "sitemap.xml", p == "robots.txt", p == "search/index.json", base == "index.xml":
		return Top
	case !strings.HasSuffix(p, ".html"):
		return Assets
	case p == "404.html", strings.HasPrefix(p, "page/"), strings.HasPrefix(p, "categories/"), strings.HasPrefix(p, "branches/"),
		strings.HasPrefix(p, "tags/"), strings.HasPrefix(p, "archives/"), strings.HasPrefix(p, "search/"):
		return Lists
	}
	return Stories
}

// Plan is what a publish will do.
type Plan struct {
	Uploads   []Upload // in upload order: by group, then path
	Deletes   []string // sorted
	Unchanged int
	// Retained are objects not in the output that stay for now: files
	// named by their content, which pages cached before the run may still
	// ask for (see Options.Grace). Sorted.
	Retained []string
	// Kept are the objects not in the output that the run leaves in
	// place, for KeptWhy; Deletes is then empty. Sorted.
	Kept    []string
	KeptWhy KeptWhy
	// Others are the other herald sites under folders of the target,
	// whose objects publish leaves alone, by Prefix.
	Others []OtherSite
}

// OtherSite is another herald site, found under a folder of the target by
// the StateName it holds there.
type OtherSite struct {
	Prefix  string // its folder: "news/"
	Objects int    // its objects, StateName aside
}

// KeptWhy says why a run deletes none of the objects that are not in the
// output.
type KeptWhy string

const (
	KeptNoDelete  KeptWhy = "no-delete"   // Options.NoDelete
	KeptOverLimit KeptWhy = "max-deletes" // more than Options.MaxDeletes
)

// Diff compares the output with the bucket. It is a pure function: the
// I/O around it stays in Run.
func Diff(local []Local, remote map[string]Remote, force bool) *Plan {
	p := &Plan{}
	have := make(map[string]bool, len(local))
	for _, l := range local {
		have[l.Path] = true
		r, ok := remote[l.Path]
		var why Reason
		switch {
		case !ok:
			why = NotFound
		case r.MD5 != l.MD5 || r.Size != l.Size:
			why = ContentDiffers
		case r.Headers == nil || *r.Headers != l.Headers:
			why = HeadersDiffer
		case force:
			why = Forced
		default:
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, Upload{Local: l, Reason: why})
	}
	for key := range remote {
		if !have[key] {
			p.Deletes = append(p.Deletes, key)
		}
	}
	slices.SortFunc(p.Uploads, func(a, b Upload) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), strings.Compare(a.Path, b.Path))
	})
	slices.Sort(p.Deletes)
	return p
}

// Bytes returns the bytes the uploads send.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		n += u.Size
	}
	return n
}

// Cache-Control values herald gives by default.
const (
	Immutable = "public, max-age=31536000, immutable"
	Short     = "public, max-age=300"
	Day       = "public, max-age=86400"
)

// fingerprinted matches the names herald gives files by their content's
// hash: site.3f9a1b2c4d.css, search/s/07.0a1b2c3d4e.bin.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

// textTypes are the types that get charset=utf-8 and may be compressed.
var textTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "text/javascript",
	".json": "application/json",
	".xml":  "application/xml",
	".txt":  "text/plain",
	".svg":  "image/svg+xml",
	".md":   "text/markdown",
	".csv":  "text/csv",
}

// HeadersOf returns the headers of an output path, and whether it is
// compressed at upload: herald's defaults, then the first matching rule.
func HeadersOf(p string, gzip bool, rules []config.Rule) (Headers, bool) {
	ext := strings.ToLower(path.Ext(p))
	h := Headers{CacheControl: Day}
	text := false
	if t, ok := textTypes[ext]; ok {
		if path.Base(p) == "index.xml" {
			t = "application/rss+xml"
		}
		h.ContentType, text = t+"; charset=utf-8", true
	} else if t := mime.TypeByExtension(ext); t != "" {
		h.ContentType = t
	} else {
		h.ContentType = "application/octet-stream"
	}
	switch {
	case fingerprinted.MatchString(p):
		h.CacheControl = Immutable
	case ext == ".html", ext == ".xml", ext == ".json", ext == ".txt":
		h.CacheControl = Short
	}
	gz := gzip && text
	for _, r := range rules {
		if !r.Pattern.MatchString(p) {
			continue
		}
		if r.CacheControl != "" {
			h.CacheControl = r.CacheControl
		}
		if r.ContentType != "" {
			h.ContentType = r.ContentType
		}
		if r.Gzip != nil {
			gz = *r.Gzip
		}
		break
	}
	// The search index is fetched in pieces with Range requests, which
	// name bytes of the stored object: compressing it at upload would
	// break them. Its files are compressed already where that pays.
	if strings.HasPrefix(p, "search/") && p != "search/index.html" && p != "search/index.json" {
		gz = false
	}
	if gz {
		h.ContentEncoding = "gzip"
	}
	return h, gz
}

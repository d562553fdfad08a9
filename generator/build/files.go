package build

import (
	"io/fs"
	"path"
	"strings"

	"herald/generator/assets"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/images"
	"herald/generator/markdown"
	"herald/generator/render"
	"herald/generator/site"
)

// files knows the file behind each site path that is copied as it is —
// content assets, bundle resources, static files — and the sizes of the
// images among them.
type files struct {
	byPath       map[string]render.Source // site path -> where its bytes are
	theme        map[string]bool          // site paths whose file is the theme's
	site, themes *images.Cache            // sizes of the site's files, and of the theme's
}

func newFiles(s *site.Site, siteFS fs.FS, plan *assets.Plan, c *Cache) *files {
	f := &files{byPath: map[string]render.Source{}, theme: map[string]bool{}, site: &images.Cache{}, themes: &images.Cache{}}
	if c != nil {
		f.site, f.themes = c.images, c.themeImages
	}
	for _, a := range plan.Files {
		if a.Data == nil { // fingerprinted stylesheets and scripts are no images
			f.byPath["/"+a.Path] = render.Source{FS: a.FS, Name: a.Name}
			f.theme["/"+a.Path] = a.Theme
		}
	}
	for _, a := range s.Assets {
		f.byPath["/"+a] = render.Source{FS: siteFS, Name: content.Dir + "/" + a}
	}
	for _, st := range append(append([]*site.Story{}, s.Stories...), s.Pages...) {
		for _, r := range st.Doc.Resources {
			f.byPath[st.Path+r] = render.Source{FS: siteFS, Name: content.Dir + "/" + st.Doc.SourceDir() + "/" + r}
		}
	}
	return f
}

// image returns the size of the image at a site path, and where it is.
func (f *files) image(sitePath string) (images.Size, render.Source, bool) {
	src, ok := f.byPath[sitePath]
	if !ok || strings.HasSuffix(strings.ToLower(sitePath), ".svg") {
		return images.Size{}, render.Source{}, false
	}
	cache := f.site
	if f.theme[sitePath] {
		cache = f.themes
	}
	size, err := cache.Probe(src.FS, src.Name)
	if err != nil {
		// Not an image herald can measure (another format, a corrupt
		// file): pages show it without a size, as they would any file.
		return images.Size{}, render.Source{}, false
	}
	return size, src, true
}

// imageSize is markdown.Source.ImageSize.
func (f *files) imageSize(sitePath string) (int, int, bool) {
	size, _, ok := f.image(sitePath)
	return size.Width, size.Height, ok
}

// imageCopies is markdown.Source.ImageCopies: the smaller copies
// images.Plan gives a JPEG or PNG, those a cover gets, named after it. An
// image whose name gives it another format than its bytes (a PNG saved as
// photo.jpg) gets none: its copies, named after it, would hold bytes of
// another format than their names say. It is shown as it is.
func (f *files) imageCopies(sitePath string) []markdown.ImageCopy {
	size, _, ok := f.image(sitePath)
	if !ok || images.NameFormat(sitePath) != size.Format {
		return nil
	}
	var cs []markdown.ImageCopy
	for _, v := range images.Plan(size) {
		cs = append(cs, markdown.ImageCopy{Path: v.Name(sitePath), Width: v.Width})
	}
	return cs
}

// BodyImageSizes is the sizes attribute of an image in a story's body that
// has smaller copies: the width the default theme shows it at, at most.
// The body is in the column of the cover, whose sizes templates/story.html
// gives: 42rem (--measure in static/css/site.css) less 1rem of padding on
// either side, at the 18px root size, so 720px, and the window's width
// less 36px below 756px. An image narrower than the column is shown at
// its own width, which the browser reads from the candidates' widths.
const BodyImageSizes = "(max-width: 756px) calc(100vw - 36px), 720px"

// maxUnusedWarnings is how many files that nothing uses a build names; it
// counts the others, which herald check lists.
const maxUnusedWarnings = 10

// warnUnused warns of the files beside the stories and in page bundles
// that no story, page, draft or scheduled story uses (site.Site.Unused),
// each at the file: internal originals and review notes left beside the
// stories (a trial: 原稿（内部）.docx and 审稿意见.txt were published without
// a word). Such a file is not published, unless markdown.unsafe lets raw
// HTML use it; the warning says which. A build names the first
// maxUnusedWarnings, then counts them; all, the whole site's check names
// them all.
func (l *Loaded) warnUnused(all bool) {
	unused := l.Site.Unused()
	for i, u := range unused {
		if i == maxUnusedWarnings && !all {
			l.Problems.Warnf(diag.Pos{File: content.Dir}, "%d files under content/ are used by no story or page; the first %d are named", len(unused), maxUnusedWarnings).
				WithHint("herald check lists them all")
			return
		}
		link := "[下载](" + linkName(u.Name) + ")"
		if images.NameFormat(u.Name) != "" || strings.EqualFold(path.Ext(u.Name), ".svg") {
			link = "![说明](" + linkName(u.Name) + ")"
		}
		pos := diag.Pos{File: u.File}
		if u.Published {
			l.Problems.Warnf(pos, "no story or page links to this file, and it is published all the same: with markdown.unsafe, raw HTML in a story may use it, which herald does not read").
				WithHint("move internal files out of content/; a file meant for readers is linked from a story beside it, as %s", link)
		} else {
			l.Problems.Warnf(pos, "no story or page uses this file, so it is not published").
				WithHint("move internal files out of content/; to publish the file, link to it from a story beside it, as %s", link)
		}
	}
}

// linkName returns a file's path as a link writes it: with %, # and ?
// escaped, and in < > when it holds a space or a bracket, which would end
// the link.
func linkName(name string) string {
	// A link's # starts its fragment, ? its query, % an escape (a review:
	// the hint [下载](b#1.pdf) led nowhere).
	name = strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(name)
	if strings.ContainsAny(name, " ()<>") {
		return "<" + name + ">"
	}
	return name
}

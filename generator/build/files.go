package build

import (
	"io/fs"
	"strings"

	"herald/generator/assets"
	"herald/generator/content"
	"herald/generator/images"
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

package build

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strings"

	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/images"
	"herald/generator/internal/parallel"
	"herald/generator/internal/sysfile"
	"herald/generator/render"
	"herald/generator/site"
)

// checkCovers reports, at the cover: line of each of docs, a cover in a
// format browsers do not show (by its extension: a phone's HEIC photo), a
// cover that is not a whole image herald reads, and an image whose name
// claims another format: a JPEG's or PNG's smaller copies, named after it,
// would hold bytes of another format than their names say, and any file is
// served with the type its name gives. It decodes no pixels (see
// images.Check): a cover damaged within them fails the build when its
// smaller copies are made (render), and check when it decodes it
// (Renderer.CheckImages). It reads every doc's cover, those
// of docs with other problems and of drafts too, so that one run reports
// them all; a draft's problems are warnings unless the build publishes
// drafts (forgive).
func (l *Loaded) checkCovers(ctx context.Context, docs []*content.Doc, workers int, forgive bool, problems *diag.List) error {
	var todo []*content.Doc
	for _, d := range docs {
		// A cover whose value has a problem (it does not exist) is not read.
		if d.Cover != "" && !strings.Contains(d.Cover, "//") && !problems.At(d.Pos("cover")) {
			todo = append(todo, d)
		}
	}
	found := make([]*diag.List, len(todo))
	err := parallel.For(ctx, len(todo), workers, func(_, i int) { found[i] = l.checkCover(todo[i]) })
	if err != nil {
		return err
	}
	var drafts []string
	for i, ps := range found {
		if ps == nil {
			continue
		}
		problems.Append(ps)
		if todo[i].Draft {
			drafts = append(drafts, todo[i].Path)
		}
	}
	if forgive {
		site.ForgiveDrafts(drafts, problems)
	}
	return nil
}

// checkCover returns the problems of a doc's cover, or nil.
func (l *Loaded) checkCover(d *content.Doc) *diag.List {
	c := d.Cover
	fsys, name, cache := l.siteFS, content.Dir+"/"+path.Join(d.SourceDir(), c), l.files.site
	if strings.HasPrefix(c, "/") { // a site path: a static file, the theme's, or a content file
		src, ok := l.files.byPath[path.Clean(c)]
		if !ok {
			return nil
		}
		fsys, name = src.FS, src.Name
		if l.files.theme[path.Clean(c)] {
			cache = l.files.themes
		}
	}
	var ps diag.List
	pos := d.Pos("cover")
	if f := images.NotShown(c); f != "" {
		ps.Errorf(pos, "the cover %q is in %s format, which browsers do not show", c, f).
			WithHint("export it as JPEG (or PNG, for a drawing or a screenshot), and change cover: to the new name")
		return &ps
	}
	if strings.EqualFold(path.Ext(c), ".svg") {
		return nil
	}
	claimed := images.NameFormat(c)
	size, err := cache.Check(fsys, name)
	switch {
	case err == nil:
		if claimed != "" && claimed != size.Format {
			ps.Errorf(pos, "the cover %q holds a %s image, though its name ends in %s", c, formatNames[size.Format], path.Ext(c)).
				WithHint("rename the file to end in %s, and change cover: to the new name", formatExts[size.Format])
			return &ps
		}
		return nil
	case errors.Is(err, images.ErrFormat) && claimed == "":
		return nil // a format herald does not read, which a browser may: shown as it is
	}
	reason, hint, read := unreadable(err, fsys, name)
	if !read {
		ps.Errorf(pos, "cannot read the cover %q (%s)", c, reason).WithHint(hint)
		return &ps
	}
	ps.Errorf(pos, "the cover %q is not a readable JPEG or PNG image (%s)", c, reason).WithHint(hint)
	return &ps
}

// unreadable says why images.Check failed, with err, on the file name in
// fsys, which names a JPEG or PNG: the reason a problem gives in brackets,
// and its hint. read is false when the file could not be read at all.
func unreadable(err error, fsys fs.FS, name string) (reason diag.Phrase, hint string, read bool) {
	switch {
	case errors.Is(err, images.ErrFormat):
		if info, serr := fs.Stat(fsys, name); serr == nil && info.Size() == 0 {
			// A retrial: a 0-byte photo, a copy cut off before its
			// first byte, was called another kind of file.
			return diag.Phrasef("the file is empty"), "copy it again from the original: none of it was copied", true
		}
		return diag.Phrasef("the file holds no image: it may be another kind of file, renamed"),
			"re-save or re-export it as JPEG or PNG; a phone's HEIC photo needs exporting as JPEG", true
	case errors.Is(err, images.ErrTruncated):
		return diag.Phrasef("the file is cut short"),
			"copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing", true
	case errors.Is(err, images.ErrCorrupt):
		return diag.Phrasef("its data are damaged"), "re-save or re-export it as JPEG or PNG from the original", true
	case errors.Is(err, images.ErrUnsupported):
		return diag.Phrasef("it is saved in a way herald cannot read"),
			"re-save or re-export it as JPEG or PNG from the original, with the usual settings", true
	case errors.Is(err, images.ErrNoPixels):
		return diag.Phrasef("its header gives it no pixels"), "re-save or re-export it as JPEG or PNG from the original", true
	}
	why := diag.Phrasef("%v", sysfile.Bare(err))
	if errors.Is(err, fs.ErrPermission) {
		why = diag.Phrasef("herald may not read it")
	}
	return why, "check that the file can be read, then build again", false
}

// checkBodyImages reports, at its line, each image in the body of stories
// that offers smaller copies (markdown.Link.Copies) and that is not a whole
// image herald reads (images.Check): a photo copied halfway, whose copies
// the build could not make. It warns of an image whose name claims another
// format than its bytes. As checkCovers, it decodes no pixels, and a
// draft's problems are warnings when forgive is true. Each image is
// checked once, however many lines show it.
func (l *Loaded) checkBodyImages(ctx context.Context, stories []*site.Story, workers int, forgive bool, problems *diag.List) error {
	imgs := render.LocalImages(nil, stories)
	found := make([]error, len(imgs))
	err := parallel.For(ctx, len(imgs), workers, func(_, i int) {
		_, src, ok := l.files.image(imgs[i].Path)
		if !ok {
			return
		}
		cache := l.files.site
		if l.files.theme[imgs[i].Path] {
			cache = l.files.themes
		}
		_, found[i] = cache.Check(src.FS, src.Name)
	})
	if err != nil {
		return err
	}
	var ps diag.List
	var drafts []string
	for i, err := range found {
		if err == nil {
			continue
		}
		reason, hint, read := unreadable(err, l.files.byPath[imgs[i].Path].FS, l.files.byPath[imgs[i].Path].Name)
		for _, u := range imgs[i].Uses {
			if read {
				ps.Errorf(u.Pos, "image %q is not a readable JPEG or PNG image (%s)", u.Dest, reason).WithHint(hint)
			} else {
				ps.Errorf(u.Pos, "cannot read image %q (%s)", u.Dest, reason).WithHint(hint)
			}
			if u.Story.Draft {
				drafts = append(drafts, u.Story.Doc.Path)
			}
		}
	}
	// An image whose name claims another format than its bytes (a JPEG
	// named .png) is shown as it is, without smaller copies (imageCopies),
	// which would be served with the type their names give: a warning,
	// where a cover's is an error (a trial: it passed without a word).
	for _, st := range stories {
		for _, lk := range st.Links {
			if !lk.Image || lk.External {
				continue
			}
			claimed := images.NameFormat(lk.Path)
			if claimed == "" {
				continue
			}
			if size, _, ok := l.files.image(lk.Path); ok && size.Format != claimed {
				ps.Warnf(diag.Pos{File: st.Doc.Path, Line: lk.Line}, "image %q holds a %s image, though its name ends in %s: it is shown as it is, without smaller copies", lk.Dest, formatNames[size.Format], path.Ext(lk.Path)).
					WithHint("rename the file to end in %s, and change the image's address to the new name", formatExts[size.Format])
			}
		}
	}
	if forgive {
		site.ForgiveDrafts(drafts, &ps)
	}
	problems.Append(&ps)
	return nil
}

// formatNames and formatExts give, for each format images sniffs, its name
// as people write it and the extension its files take.
var (
	formatNames = map[string]string{"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}
	formatExts  = map[string]string{"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}
)

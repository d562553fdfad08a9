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
	"herald/generator/site"
)

// checkCovers reports, at the cover: line of each of docs, a cover that is
// not a whole image herald reads, and a JPEG or PNG whose name claims
// another format: its smaller copies, named after it, would hold bytes of
// another format than their names say. It reads every doc's cover, those
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
	if strings.EqualFold(path.Ext(c), ".svg") {
		return nil
	}
	claimed := images.NameFormat(c)
	size, err := cache.Check(fsys, name)
	var ps diag.List
	pos := d.Pos("cover")
	var reason diag.Phrase
	var hint string
	switch {
	case err == nil:
		if claimed != "" && claimed != size.Format && (size.Format == "jpeg" || size.Format == "png") {
			ext := ".jpg"
			if size.Format == "png" {
				ext = ".png"
			}
			ps.Errorf(pos, "the cover %q holds a %s image, though its name ends in %s", c, strings.ToUpper(size.Format), path.Ext(c)).
				WithHint("rename the file to end in %s, and change cover: to the new name", ext)
			return &ps
		}
		return nil
	case errors.Is(err, images.ErrFormat):
		if claimed == "" {
			return nil // a format herald does not read, which a browser may: shown as it is
		}
		reason = diag.Phrasef("the file holds no image: it may be another kind of file, renamed")
		hint = "re-save or re-export it as JPEG or PNG; a phone's HEIC photo needs exporting as JPEG"
	case errors.Is(err, images.ErrTruncated):
		reason = diag.Phrasef("the file is cut short")
		hint = "copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing"
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), !errors.Is(err, images.ErrCorrupt):
		ps.Errorf(pos, "cannot read the cover %q: %v", c, err).
			WithHint("check that the file can be read, then build again")
		return &ps
	default:
		reason = diag.Phrasef("its data are damaged")
		hint = "re-save or re-export it as JPEG or PNG from the original"
	}
	ps.Errorf(pos, "the cover %q is not a readable JPEG or PNG image (%s)", c, reason).WithHint(hint)
	return &ps
}

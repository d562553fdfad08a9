// Package assets plans the copy of a site's static files: the theme's
// static/ folder overlaid, file by file, by the site's own static/.
//
// Every file is copied to the same path in the output, except stylesheets
// and scripts (.css, .js), which are fingerprinted: "css/site.css" is written
// as "css/site.3f9a1b2c4d.css", named by the first ten hex digits of the
// SHA-256 of its content, so that it can be cached forever and a change is a
// new name. Templates ask for a file by its source name with the asset
// function and get the site path of what was written.
//
// Hidden files and editors' leftovers are skipped, as in content/.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"herald/generator/content"
)

// Dir is the name of the static folder, in the theme and in a site.
const Dir = "static"

// File is one static file to copy.
type File struct {
	Theme bool   // it comes from the theme, not the site
	Name  string // its path under static/
	Path  string // its path in the output (fingerprinted for css and js)
	FS    fs.FS  // the tree it comes from: the theme's or the site's static/
	Data  []byte // the content, read for fingerprinted files; nil otherwise
}

// Plan is the set of static files to copy.
type Plan struct {
	Files []File            // sorted by Name
	paths map[string]string // Name -> Path
}

// Load lists the static files of the theme and of the site; a site's file
// replaces the theme's of the same name. Either tree may be nil or lack a
// static/ folder.
func Load(theme, site fs.FS) (*Plan, error) {
	byName := map[string]File{}
	for i, tree := range []fs.FS{theme, site} {
		if tree == nil {
			continue
		}
		sub, err := fs.Sub(tree, Dir)
		if err != nil {
			return nil, err
		}
		err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if p != "." && content.Ignored(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			byName[p] = File{Theme: i == 0, Name: p, Path: p, FS: sub}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", Dir, err)
		}
	}
	plan := &Plan{paths: map[string]string{}}
	for _, f := range byName {
		if ext := path.Ext(f.Name); ext == ".css" || ext == ".js" {
			data, err := fs.ReadFile(f.FS, f.Name)
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %w", Dir, f.Name, err)
			}
			sum := sha256.Sum256(data)
			f.Data = data
			f.Path = strings.TrimSuffix(f.Name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		}
		plan.Files = append(plan.Files, f)
		plan.paths[f.Name] = f.Path
	}
	slices.SortFunc(plan.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return plan, nil
}

// Names returns the names of the static files, sorted.
func (p *Plan) Names() []string {
	names := make([]string, len(p.Files))
	for i, f := range p.Files {
		names[i] = f.Name
	}
	return names
}

// Path returns the output path of the static file name ("css/site.css"), and
// whether there is such a file.
func (p *Plan) Path(name string) (string, bool) {
	out, ok := p.paths[strings.TrimPrefix(name, "/")]
	return out, ok
}

package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"herald/generator/build"
	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/render"
)

// theme lists the default theme's files, or copies the named ones into the
// site, where they override the theme's and can be changed. A designer
// with only the binary has no other way to see them (a trial). It copies
// only what is named: a template of the site's own that shows more than
// every page shows has every page rendered on every build.
func (e *env) themeFiles(args []string) error {
	flags := e.flags("theme", "theme [FILE...] [--source DIR]")
	source := flags.String("source", ".", "the site's `folder`, holding site.yaml and content/ (default: the current folder)")
	if err := e.parse(flags, flagsFirst(flags, args), true); err != nil {
		return err
	}
	files, err := themeList(e.theme)
	if err != nil {
		return err
	}
	if flags.NArg() == 0 {
		// The example copies a file the site does not have yet, the
		// footer first (a trial: it named the footer already copied).
		example := ""
		for _, f := range files {
			if _, err := os.Lstat(filepath.Join(*source, filepath.FromSlash(f))); err == nil {
				if render.SameFile(e.theme, osDirFS(*source), f) {
					// As builds take it: the theme's (a trial: the sample
					// site's files were all called its own).
					fmt.Fprintln(e.stdout, e.text("%s (in the site, the same as the theme's)", f))
				} else {
					fmt.Fprintln(e.stdout, e.text("%s (the site's own)", f))
				}
				continue
			}
			fmt.Fprintln(e.stdout, f)
			if example == "" || f == "templates/partials/footer.html" {
				example = f
			}
		}
		if example != "" {
			fmt.Fprintln(e.stdout, e.text("to change one, copy it into the site: herald theme %s", example))
		}
		return nil
	}
	// A mistyped --source creates nothing (a review: it made the folder
	// typo/templates/partials/).
	e.failed = "herald: %d problems; nothing was copied"
	var problems diag.List
	if config.Load(osDirFS(*source), &problems) == nil {
		return problems.Err()
	}
	// All names are checked before anything is written.
	var copies []string
	for _, name := range flags.Args() {
		f, err := themeFile(files, name)
		if errors.Is(err, errAmbiguous) {
			return &usageError{msg: e.text("theme: several of the theme's files are named %q", name), hint: e.themeHint(files, name, err)}
		}
		if in := themeFolder(files, name); err != nil && in != "" {
			// A retrial: a folder was said to be no file of the theme.
			return &usageError{msg: e.text("theme: %s is a folder of the theme", name), hint: e.text("name one of its files, such as %s", in)}
		}
		if err != nil {
			return &usageError{msg: e.text("theme: the theme has no file %q", name), hint: e.themeHint(files, name, err)}
		}
		if _, err := os.Lstat(filepath.Join(*source, filepath.FromSlash(f))); err == nil {
			at := filepath.Join(*source, filepath.FromSlash(f))
			switch {
			case build.ThemeSource(*source):
				// A trial: in the sample site, a writer changed the
				// footer in place, which is the default theme itself.
				return &failure{msg: e.text("theme: %s is the default theme itself: this folder is herald's source, which go run builds into herald", at),
					hint: e.text("to try templates of your own, copy the sample site out of it: cp -r %s %s /tmp/mysite, then herald theme %s --source /tmp/mysite", filepath.Join(*source, "site.yaml"), filepath.Join(*source, "content"), name)}
			case render.SameFile(e.theme, osDirFS(*source), f):
				return &failure{msg: e.text("theme: %s is already in the site, the same as the theme's", at),
					hint: e.text("change it where it is")}
			}
			return &failure{msg: e.text("theme: %s is already in the site, which has its own", at),
				hint: e.text("to start again from the theme's, delete or rename it first")}
		}
		if !slices.Contains(copies, f) {
			copies = append(copies, f)
		}
	}
	templates := false
	for _, f := range copies {
		data, err := fs.ReadFile(e.theme, f)
		if err != nil {
			return err
		}
		to := filepath.Join(*source, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		// O_EXCL: a file made since the check above is not overwritten.
		out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := out.Write(data); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, e.text("copied %s: the site's own from now on; herald serve shows each change to it", to))
		templates = templates || strings.HasPrefix(f, "templates/")
	}
	if templates {
		fmt.Fprintln(e.stdout, e.text("a template of the site's own that shows what the theme's do (site.yaml and its params, the page's title, the categories and branches, the page's own story and its list's stories, the number of stories of the site and of the page's own category, branch or tag) keeps builds fast; one that shows more, such as the newest story or a category's count on every page, has every page rendered on every build, and herald build --timings names its line: copy only the templates you change"))
	}
	return nil
}

// themeList returns the paths of the theme's files, templates/ and static/,
// sorted.
func themeList(theme fs.FS) ([]string, error) {
	var files []string
	for _, dir := range []string{"templates", "static"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return files, nil
}

// themeFolder returns the first of the theme's files in the folder name
// (templates/partials, partials, static/css), or "" when name is no
// folder of the theme.
func themeFolder(files []string, name string) string {
	name = themePath(name)
	for _, f := range files {
		for _, in := range []string{name, "templates/" + name, "static/" + name} {
			if strings.HasPrefix(f, in+"/") {
				return f
			}
		}
	}
	return ""
}

// themePath returns a name given to herald theme as a clean slash path:
// backslashes count as slashes, and leading and trailing ones go.
func themePath(name string) string {
	return strings.Trim(path.Clean(strings.ReplaceAll(name, `\`, "/")), "/")
}

// errAmbiguous is a short name that several of the theme's files end in.
var errAmbiguous = errors.New("ambiguous")

// themeFile returns the theme's file that name names: its path
// (templates/partials/footer.html), that path less templates/ or static/
// (partials/footer.html), or a file name only one file has (footer.html).
// Backslashes count as slashes.
func themeFile(files []string, name string) (string, error) {
	name = themePath(name)
	var found []string
	for _, f := range files {
		if f == name || f == "templates/"+name || f == "static/"+name {
			return f, nil
		}
		if path.Base(f) == name {
			found = append(found, f)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fs.ErrNotExist
	}
	return "", errAmbiguous
}

// themeHint is the hint for a name themeFile refused with err.
func (e *env) themeHint(files []string, name string, err error) string {
	if errors.Is(err, errAmbiguous) {
		var which []string
		for _, f := range files {
			if path.Base(f) == path.Base(name) {
				which = append(which, f)
			}
		}
		return e.text("several files have that name: %s; give the path", strings.Join(which, ", "))
	}
	// Names as short as the one given: footer.htm is one letter from
	// partials/footer.html's file name, not from its path.
	short := make([]string, len(files))
	for i, f := range files {
		switch {
		case !strings.Contains(name, "/"):
			short[i] = path.Base(f)
		case strings.HasPrefix(name, "templates/") || strings.HasPrefix(name, "static/"):
			short[i] = f
		default:
			_, short[i], _ = strings.Cut(f, "/")
		}
	}
	if near := diag.Suggest(name, short); near != "" {
		f, _ := themeFile(files, near)
		if f == "" {
			f = near
		}
		return e.text("did you mean %q?", f)
	}
	return e.text("herald theme with no file lists the theme's files")
}

package site

import (
	"maps"
	"path"
	"slices"
	"strings"

	"herald/generator/content"
)

// Unused is a file under content/, beside the stories or in a page bundle,
// that no story or page uses: no link or image leads to it, and no key of
// a front matter names it.
type Unused struct {
	File string // its path from the site's folder: "content/stories/2023/05/原稿（内部）.docx"
	Name string // how a story links to it: its path from its bundle's folder, its name beside stories, else its site path ("/files/a.pdf")
	// Published is set when the build copies it all the same: with
	// markdown.unsafe, a story's raw HTML may use it, and herald does not
	// read the links in HTML.
	Published bool
}

// settleFiles decides which content files the build copies, once every
// story's Markdown is converted: a file is copied when a published story
// or page uses it (see uses), or, with markdown.unsafe, always. It records
// in s.unused the files that no story, page, draft or scheduled story
// uses, for Unused, and in s.uncopied the output paths of those the build
// does not copy, for Publishes. A doc whose Markdown was not converted,
// left out for its problems, may use any file in its folder and below:
// those are neither said to be unused nor left out.
func (s *Site) settleFiles() {
	published := map[string]bool{} // site paths the published stories and pages use
	used := map[string]bool{}      // and those the others use
	converted := map[*content.Doc]bool{}
	// Faulty stories count as published: a site that has them is not
	// built, and herald check checks their links as if they were.
	for i, list := range [][]*Story{s.Stories, s.Pages, s.Faulty, s.Drafts, s.Scheduled} {
		into := published
		if i >= 3 {
			into = used
		}
		for _, st := range list {
			if st.body == nil {
				continue
			}
			converted[st.Doc] = true
			st.uses(into)
		}
	}
	var unknown []string // folders, relative to content/, of docs not converted
	for _, d := range s.docs {
		if !converted[d] {
			unknown = append(unknown, d.SourceDir())
		}
	}
	inUnknown := func(rel string) bool {
		return slices.ContainsFunc(unknown, func(dir string) bool { return dir == "." || strings.HasPrefix(rel, dir+"/") })
	}
	unsafe := s.Config.Markdown.Unsafe
	s.uncopied, s.unused = map[string]bool{}, nil
	type file struct{ rel, out, name string }
	var files []file
	// A file beside stories is linked from them by its name; one in a
	// folder of no story, from the site's root.
	docDirs := map[string]bool{}
	for _, d := range s.docs {
		docDirs[d.SourceDir()] = true
	}
	for _, a := range s.Assets {
		name := "/" + a
		if docDirs[path.Dir(a)] {
			name = path.Base(a)
		}
		files = append(files, file{a, a, name})
	}
	for _, list := range [][]*Story{s.Stories, s.Pages, s.Faulty, s.Drafts, s.Scheduled} {
		for _, st := range list {
			for _, r := range st.Doc.Resources {
				files = append(files, file{st.Doc.SourceDir() + "/" + r, st.ResourcePath(r), r})
			}
		}
	}
	// A file a story names in another case of its letters (heying.jpg
	// for Heying.JPG, as cameras name photos) is not called unused: the
	// story's own problem says to write the name as the file has it, and
	// "no story uses this file" beside it sent the writer the wrong way (a
	// trial).
	exists := make(map[string]bool, len(files))
	for _, f := range files {
		exists["/"+f.out] = true
	}
	misnamed := map[string]bool{} // named paths that are no file, in lower case
	for _, set := range []map[string]bool{published, used} {
		for p := range set {
			if !exists[p] {
				misnamed[strings.ToLower(p)] = true
			}
		}
	}
	// Each file is copied when a published story or page uses it, and
	// called unused when nothing does. A doc left out for its problems is
	// a draft or a scheduled story in a build that succeeds (a published
	// one fails it): the files it may use stay out as any other, but are
	// not called unused, which cannot be told (a review: a draft with an
	// unknown branch had every file of its folder and below published).
	for _, f := range files {
		p := "/" + f.out
		if published[p] {
			continue
		}
		if !unsafe {
			s.uncopied[f.out] = true
		}
		if !used[p] && !misnamed[strings.ToLower(p)] && !inUnknown(f.rel) {
			s.unused = append(s.unused, Unused{File: content.Dir + "/" + f.rel, Name: f.name, Published: unsafe})
		}
	}
	slices.SortFunc(s.unused, func(a, b Unused) int { return strings.Compare(a.File, b.File) })
}

// uses adds to into the site paths of the files a story uses: those its
// links and images lead to, its cover, and those its front matter names
// under another key, which a site's own templates may show (pdf: 通知.pdf),
// relative to the story as its links are, or from the site's root.
func (st *Story) uses(into map[string]bool) {
	for _, l := range st.Links {
		if l.Path != "" && !l.External && !l.Local {
			into[l.Path] = true
		}
	}
	dir := st.linkDir()
	// A cover that names no file: the file it means, which it may name
	// in another case, or with a Windows path's backslashes.
	switch c := strings.ReplaceAll(st.Doc.Cover, `\`, "/"); {
	case st.Cover != "":
		into[st.Cover] = true
	case c != "" && !strings.HasPrefix(c, "/"):
		into[path.Join(dir, c)] = true
	case c != "":
		into[path.Clean(c)] = true
	}
	name := func(v any) {
		s, ok := v.(string)
		if !ok || s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
			return
		}
		if strings.HasPrefix(s, "/") {
			into[path.Clean(s)] = true
		} else {
			into[path.Join(dir, s)] = true
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, item := range v {
				walk(item)
			}
		case map[string]any:
			for _, item := range v {
				walk(item)
			}
		default:
			name(v)
		}
	}
	for _, v := range st.Params {
		walk(v) // attachments: [{file: 通知.pdf, title: 通知}] too (a review)
	}
}

// ResourcePath returns the output path (no leading slash) of r, a file of
// the story's page bundle (content.Doc.Resources), copied beside its page.
func (st *Story) ResourcePath(r string) string { return strings.TrimPrefix(st.Path, "/") + r }

// linkDir returns the site path a story's relative links are resolved
// against: its own page's, for a page bundle, whose files are copied beside
// the page; else its file's folder.
func (st *Story) linkDir() string {
	d := st.Doc
	switch {
	case d.Bundle:
		return st.Path
	case d.SourceDir() == ".":
		return "/"
	}
	return "/" + d.SourceDir() + "/"
}

// Publishes reports whether the build copies the content file at the
// output path p (slash-separated, no leading slash): a file beside the
// stories, or in a page bundle, that a published story or page uses, or
// any with markdown.unsafe. It reports true for every file until Seal.
func (s *Site) Publishes(p string) bool { return !s.uncopied[p] }

// Uncopied returns the output paths of the content files the build does
// not copy, no story or page using them, in order.
func (s *Site) Uncopied() []string { return slices.Sorted(maps.Keys(s.uncopied)) }

// Unused returns the content files that no story, page, draft or
// scheduled story uses, by path, once Seal has run.
func (s *Site) Unused() []Unused { return s.unused }

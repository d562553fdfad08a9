package build

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/site"
)

// MaxTitle is the length, in characters, above which Check warns that a
// title is long: lists, search results and shared links cut it short.
const MaxTitle = 40

// MinSummary is the length, in characters, below which Check warns that a
// story without a summary has too short an opening for a good automatic one.
const MinSummary = 40

// Check reads and checks a site as Build does, drafts and scheduled stories
// included, writing nothing. Then it checks what only a look at the whole
// site finds:
//
//   - a link in a story to a page, file or Markdown file that does not exist
//     (an error);
//   - an image that does not exist (an error);
//   - a title over MaxTitle characters (a warning);
//   - two stories with the same title (a warning on the later file);
//   - a story without a summary whose opening is shorter than MinSummary
//     characters (a warning).
//
// The returned error is an I/O or cancellation error; every problem,
// warnings included, is in the list.
func Check(ctx context.Context, opts Options) (*diag.List, error) {
	opts.Drafts, opts.Future = true, true
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	problems := l.Problems
	if l.Site == nil || problems.Errors() > 0 {
		return problems, nil
	}
	r, err := l.Renderer(opts)
	if err != nil {
		var de *diag.Error
		if !errors.As(err, &de) {
			return nil, err
		}
		for _, p := range de.Problems {
			problems.Add(p)
		}
		return problems, nil
	}
	files := map[string]bool{}
	for _, j := range r.Jobs() {
		files[j.Path] = true
	}
	titles := map[string]*site.Story{}
	for _, st := range append(append([]*site.Story{}, l.Site.Pages...), l.Site.Stories...) {
		checkLinks(st, files, problems)
		d := st.Doc
		if n := utf8.RuneCountInString(st.Title); n > MaxTitle {
			problems.Warnf(d.Pos("title"), "the title is %d characters long, over %d", n, MaxTitle).
				WithHint("lists and shared links cut long titles short; move the detail into the summary")
		}
		if first, dup := titles[st.Title]; dup {
			problems.Warnf(d.Pos("title"), "the title is the same as that of %s", first.Doc.Path).
				WithHint("readers tell stories apart by their titles; make this one say what is different")
		} else {
			titles[st.Title] = st
		}
		if st.Kind == content.Story && d.Summary == "" {
			if n := utf8.RuneCountInString(st.Summary); n < MinSummary {
				problems.Warnf(diag.Pos{File: d.Path, Line: d.BodyLine}, "the story has no summary, and its opening gives only %d characters for one", n).
					WithHint("add a summary: line to the front matter, one or two sentences")
			}
		}
	}
	return problems, nil
}

// checkLinks reports the links and images of a story that lead nowhere.
func checkLinks(st *site.Story, files map[string]bool, problems *diag.List) {
	for _, l := range st.Links {
		pos := diag.Pos{File: st.Doc.Path, Line: l.Line}
		switch {
		case l.Broken:
			problems.Errorf(pos, "link to %q: there is no such story or page", l.Dest).
				WithHint("a link to another story names its Markdown file relative to this one, or its address, such as /stories/2021/04/veterans-aid/")
		case l.External || l.Path == "":
		case l.Image && !exists(files, l.Path):
			problems.Errorf(pos, "image %q does not exist", l.Dest).
				WithHint("put the image beside the story, in its page bundle folder, or under static/, and give its path")
		case !l.Image && !exists(files, l.Path):
			problems.Errorf(pos, "link to %q leads to no page or file of the site", l.Dest).
				WithHint("check the address; a story's address is its folder and name under content/, such as /stories/2021/04/veterans-aid/")
		}
	}
}

// exists reports whether a site path is written by the build: a file, or a
// folder with an index.html.
func exists(files map[string]bool, p string) bool {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return files[p+"index.html"]
	}
	return files[p] || files[p+"/index.html"]
}

package build

import (
	"context"
	"errors"
	"strings"
	"time"
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
//   - a link, by address or by Markdown file, to a draft or to a story
//     scheduled for later than the story that links to it: the built site
//     lacks that page when the link is published (an error; a draft may link
//     to anything);
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
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
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
	all := append(append([]*site.Story{}, l.Site.Pages...), l.Site.Stories...)
	pages := make(map[string]*site.Story, len(all))
	for _, st := range all {
		pages[st.Path] = st
	}
	titles := map[string]*site.Story{}
	for _, st := range all {
		checkLinks(st, files, problems)
		checkLater(st, pages, opts.Now, problems)
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

// release is when a story appears on the built site.
type release struct {
	draft bool      // not until its draft: true is removed
	date  time.Time // at its date, when that is after the build's time; zero for now
}

func releaseOf(st *site.Story, now time.Time) release {
	switch {
	case st.Draft:
		return release{draft: true}
	case st.Kind == content.Story && st.Date.After(now):
		return release{date: st.Date}
	}
	return release{}
}

// checkLater reports the links of a story to stories that appear on the
// built site after it: drafts, and stories scheduled for later. Check loads
// them all, so the links resolve; Build at the time the story appears does
// not, and the link leads nowhere.
func checkLater(st *site.Story, pages map[string]*site.Story, now time.Time, problems *diag.List) {
	from := releaseOf(st, now)
	if from.draft {
		return
	}
	for _, l := range st.Links {
		if l.Image || l.External || l.Broken || l.Path == "" {
			continue
		}
		p := strings.TrimSuffix(l.Path, "index.html")
		if !strings.HasSuffix(p, "/") {
			p += "/"
		}
		target, ok := pages[p]
		if !ok || target == st {
			continue
		}
		pos := diag.Pos{File: st.Doc.Path, Line: l.Line}
		switch to := releaseOf(target, now); {
		case to.draft:
			problems.Errorf(pos, "link to %q leads to a draft that is not published", l.Dest).
				WithHint("publish %s first (remove its draft: true), or add the link once it is published", target.Doc.Path)
		case !to.date.IsZero() && to.date.After(from.date):
			problems.Errorf(pos, "link to %q leads to a story scheduled for %s", l.Dest, to.date.Format("2006-01-02 15:04")).
				WithHint("the page of %s appears only from then on; add the link once it is published, or change the dates", target.Doc.Path)
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

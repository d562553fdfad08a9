package build

import (
	"bytes"
	"context"
	"errors"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/markdown"
	"herald/generator/output"
	"herald/generator/render"
	"herald/generator/site"
)

// MaxTitle is the width, in Chinese characters, above which Check warns
// that a title is long: lists, search results and shared links cut it
// short.
const MaxTitle = 40

// titleWidth returns the width of a title in Chinese characters, rounded
// up: a Latin letter, a digit or a space is half as wide (a trial: an
// English title of 42 letters, half the width of 42 Chinese characters,
// was said to be too long).
func titleWidth(title string) int {
	halves := 0
	for _, r := range title {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			// Ambiguous ones (“” — … ·) are full width in Chinese text.
			halves += 2
		default:
			halves++
		}
	}
	return (halves + 1) / 2
}

// MinSummary is the length, in characters, below which Check warns that a
// story without a summary has too short an opening for a good automatic one.
const MinSummary = 40

// Check reads and checks a site as Build does, drafts and scheduled stories
// included, writing nothing: it renders every page in memory, for the
// problems of the templates (render.Renderer.Check). Then it checks what
// only a look at the whole site finds:
//
//   - a link in a story to a page, file or Markdown file that does not exist
//     (an error);
//   - a link, by address or by Markdown file, to a draft or to a story
//     scheduled for later than the story that links to it: the built site
//     lacks that page when the link is published (an error; a draft may link
//     to anything);
//   - an image that does not exist (an error), with the name to write when
//     a file's differs from it only in the case of letters (IMG_2041.JPG
//     written IMG_2041.jpg), and so for a link to a file;
//   - an image damaged within its data, which a build fails on when it makes
//     its smaller copies (an error): each is decoded, but those whose copies
//     the last build, by this program, made from the same file;
//   - an image or link written with backslashes (..\images\a.jpg), with
//     the address written with / (an error);
//   - an image or link that Markdown leaves as text, its address holding a
//     space ("微信图片 (2).jpg"), with how to write it (an error);
//   - a title over MaxTitle characters (a warning);
//   - two stories with the same title (a warning on the later file);
//   - a story without a summary whose opening is shorter than MinSummary
//     characters (a warning);
//   - a story or page with no text (a warning; a story of figures alone
//     may have none);
//   - a story dated outside the month its folder names, as in
//     stories/2024/06/, which gives it its address (a warning).
//
// Like a build, it warns of each file beside the stories or in a page
// bundle that nothing uses (site.Site.Unused), which a build does not
// publish: a build names the first few, check all of them. And, as a
// build does, of what the stories show otherwise than their writers meant,
// as text pasted from Word or WeChat does (markdown.Pasted): Load does.
//
// A file whose front matter has problems is left out of these checks, and
// links to it are not checked until they are fixed; the rest of the site
// is checked all the same, stories with an unknown branch or category
// included, so that one run reports every problem it can.
//
// The returned error is an I/O or cancellation error; every problem,
// warnings included, is in the list.
func Check(ctx context.Context, opts Options) (*diag.List, error) {
	opts.Drafts, opts.Future, opts.whole = true, true, true
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	problems := l.Problems
	if l.Site == nil { // site.yaml has errors
		return problems, nil
	}
	r, err := l.Renderer(opts)
	var de *diag.Error
	switch {
	case err != nil && !errors.As(err, &de):
		return nil, err
	case err != nil && r == nil:
		for _, p := range de.Problems {
			problems.Add(p)
		}
		return problems, nil
	}
	// Every page is rendered, in memory, as Build would: a template that
	// parses may still fail on a page (a trial: check passed {{$s.Titel}},
	// which failed every build, and CI with it).
	jobs := r.Jobs()
	found, err := r.Check(ctx, jobs)
	if err != nil {
		return nil, err
	}
	problems.Append(found)
	// And every image of which a build makes smaller copies is decoded,
	// as the build's decoding would fail on one damaged within its data;
	// but those whose copies the last build made. An image with a problem
	// found already (cut short) is not said damaged too; a draft's are
	// forgiven below.
	made := madeBefore(opts)
	damaged, err := r.CheckImages(ctx, jobs, func(p string, fp uint64) bool { return made[p] != "" && made[p] == fingerprint(fp) })
	if err != nil {
		return nil, err
	}
	for _, p := range damaged.Problems() {
		if !problems.At(p.Pos) {
			problems.Add(p)
		}
	}
	held := false // drafts or scheduled stories, which a build leaves out
	for _, st := range l.Site.Stories {
		held = held || st.Draft || st.Date.After(opts.Now)
	}
	all := slices.Concat(l.Site.Pages, l.Site.Stories, l.Site.Faulty)
	links := newLinkChecker(jobs, bundleFiles(l.Site, l.Site.Faulty), all, l.Site.Uncopied(), opts.Now, problems)
	links.leftOut = l.Site.LeftOut
	titles := map[string]*site.Story{}
	for _, st := range all {
		links.check(st)
		d := st.Doc
		if n := titleWidth(st.Title); n > MaxTitle {
			problems.Warnf(d.Pos("title"), "the title is as wide as %d Chinese characters, over %d", n, MaxTitle).
				WithHint("lists and shared links cut long titles short; move the detail into the summary")
		}
		if first, dup := titles[st.Title]; dup {
			problems.Warnf(d.Pos("title"), "the title is the same as that of %s", first.Doc.Path).
				WithHint("readers tell stories apart by their titles; make this one say what is different")
		} else {
			titles[st.Title] = st
		}
		if y, m, ok := folderMonth(d.SourceDir()); ok && st.Kind == content.Story && (st.Date.Year() != y || int(st.Date.Month()) != m) {
			problems.Warnf(d.Pos("date"), "the date %s is not in %d-%02d, the month of the file's folder, which gives the story its address %s", st.Date.Format("2006-01-02"), y, m, st.Path).
				WithHint("correct the date, or move the file to the folder of its month (its address changes with it)")
		}
		if len(d.Achievements) == 0 && hasNoText(st) && hasNoBody(l, d) {
			pos := diag.Pos{File: d.Path, Line: d.BodyLine - 1} // the closing ---
			var p *diag.Problem
			if st.Kind == content.Page {
				p = problems.Warnf(pos, "the page has no text")
			} else {
				p = problems.Warnf(pos, "the story has no text")
			}
			p.WithHint("write it below the front matter's closing line ---")
			continue
		}
		if st.Kind == content.Story && d.Summary == "" {
			if n := utf8.RuneCountInString(st.Summary); n < MinSummary {
				line := d.BodyLine
				if body, err := content.ReadBody(l.siteFS, d, l.Site.Config.TimeZone); err == nil {
					line += leadingBlankLines(body) // at the opening, not at the blank line after the front matter
					if len(bytes.TrimSpace(body)) == 0 {
						line = d.BodyLine - 1 // no opening: at the closing ---, not past the end of the file
					}
				}
				p := problems.Warnf(diag.Pos{File: d.Path, Line: line}, "the story has no summary, and its opening gives only %d characters for one", n)
				if at, ok := d.Lines["summary"]; ok {
					// An empty summary: line, as herald new writes it (a
					// trial: the hint asked for a line already there).
					p.WithHint("write one or two sentences after summary: on line %d", at)
				} else {
					p.WithHint("add a summary: line to the front matter, one or two sentences")
				}
			}
		}
	}
	// A draft's links are errors no more than its front matter's (a review:
	// a draft's missing image still failed herald check, and CI with it).
	var drafts []string
	for _, st := range all {
		if st.Draft {
			drafts = append(drafts, st.Doc.Path)
		}
	}
	site.ForgiveDrafts(drafts, problems)
	// Last, when this site's model is no longer needed: the second is as
	// large.
	if held {
		if err := checkPublished(ctx, opts, problems); err != nil {
			return nil, err
		}
	}
	return problems, nil
}

// checkPublished renders in memory the pages of the site as a build
// publishes it, without its drafts and scheduled stories, for a site that
// has any: their lists differ, and a template may fail on one
// of them alone (a retrial: a list template that failed only without a
// draft passed check, and the deploy's build failed). The problems not
// already in problems are added to it.
func checkPublished(ctx context.Context, opts Options, problems *diag.List) error {
	opts.Drafts, opts.Future, opts.whole = false, false, false
	l, err := Load(ctx, opts)
	if err != nil || l.Site == nil || l.Problems.Errors() > 0 {
		return err // its problems are those already found
	}
	r, err := l.Renderer(opts)
	if r == nil || err != nil {
		return nil // the same templates, whose problems are found already
	}
	found, err := r.Check(ctx, r.Jobs())
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, p := range problems.Problems() {
		have[p.Key()] = true
	}
	for _, p := range found.Problems() {
		if !have[p.Key()] {
			problems.Add(p)
		}
	}
	return nil
}

// madeBefore returns the fingerprint of each file of the output folder of
// opts as the build that wrote it recorded it, by path, when this program
// wrote it: others' fingerprints may mean other things. None else.
func madeBefore(opts Options) map[string]string {
	m, err := output.ReadManifest(opts.output())
	if err != nil || m.Build == "" || m.Build != buildID() {
		return nil
	}
	fps := make(map[string]string, len(m.Files))
	for _, e := range m.Files {
		fps[e.Path] = e.FP
	}
	return fps
}

// hasNoText reports whether a story's plain text, which leaves images out,
// is blank: the cheap test first, in memory.
func hasNoText(st *site.Story) bool {
	text, err := st.Text()
	return err == nil && strings.TrimSpace(text) == ""
}

// hasNoBody reports whether a doc's Markdown, read again from its file, is
// blank: a story of photos alone has no text but a body.
func hasNoBody(l *Loaded, d *content.Doc) bool {
	body, err := content.ReadBody(l.siteFS, d, l.Site.Config.TimeZone)
	return err == nil && len(bytes.TrimSpace(body)) == 0
}

// folderMonth returns the year and month that a folder's path names, as
// in "stories/2024/06" or "stories/2024/06/market" (a page bundle): the
// last pair of a four-digit year and a two-digit month in it.
func folderMonth(dir string) (year, month int, ok bool) {
	parts := strings.Split(dir, "/")
	for i := len(parts) - 2; i >= 0; i-- {
		y, m := parts[i], parts[i+1]
		if len(y) != 4 || len(m) != 2 || strings.Trim(y+m, "0123456789") != "" {
			continue
		}
		yn, _ := strconv.Atoi(y)
		mn, _ := strconv.Atoi(m)
		if yn >= 1900 && mn >= 1 && mn <= 12 {
			return yn, mn, true
		}
	}
	return 0, 0, false
}

// leadingBlankLines counts the blank lines at the start of text, unless
// all of it is blank.
func leadingBlankLines(text []byte) int {
	n := 0
	for len(text) > 0 {
		line, rest, found := bytes.Cut(text, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			return n
		}
		if !found {
			break
		}
		n, text = n+1, rest
	}
	return 0
}

// linkChecker checks the links of stories against a build.
type linkChecker struct {
	files    map[string]bool        // the build's output files
	twins    *site.CaseTwins        // of files
	pages    map[string]*site.Story // stories and pages by page path, and by Markdown path relative to content/
	now      time.Time
	problems *diag.List
	// drafts and future tell that the build publishes drafts and stories
	// dated later (build --drafts, --future): links to them work there.
	drafts, future bool
	// leftOut, when not nil, tells the pages and Markdown paths of docs
	// left out for their problems (site.Site.LeftOut): links to them are
	// not checked.
	leftOut func(string) bool
}

// newLinkChecker returns a checker of links against the files of jobs and
// the stories and pages all, which may include stories the build leaves
// out: a link to one of them Convert could not resolve, but its Markdown
// path still names it. Where two have the same path, the first counts:
// all lists the published ones first. uncopied are the files of content/
// the build leaves out, no story using them: a link to one of them leads
// nowhere, but may name it but for the case of letters (IMG_2041.jpg for
// the unused IMG_2041.JPG). extra are output files the build writes that
// jobs lack.
func newLinkChecker(jobs []*render.Job, extra []string, all []*site.Story, uncopied []string, now time.Time, problems *diag.List) *linkChecker {
	c := &linkChecker{files: make(map[string]bool, len(jobs)+len(extra)), pages: make(map[string]*site.Story, 2*len(all)), now: now, problems: problems}
	twins := make(map[string]bool, len(jobs)+len(extra)+len(uncopied))
	for _, j := range jobs {
		c.files[j.Path] = true
		twins[j.Path] = true
	}
	for _, p := range extra {
		c.files[p] = true
		twins[p] = true
	}
	for _, p := range uncopied {
		twins[p] = true
	}
	c.twins = site.NewCaseTwins(twins, twins) // output paths, as the site serves them
	for _, st := range all {
		for _, k := range []string{st.Path, strings.TrimPrefix(st.Doc.Path, content.Dir+"/")} {
			if _, taken := c.pages[k]; !taken {
				c.pages[k] = st
			}
		}
	}
	return c
}

// release is when st appears on the site the checker checks: as
// releaseOf, but now for drafts and stories dated later that the build
// publishes.
func (c *linkChecker) release(st *site.Story) release {
	r := releaseOf(st, c.now)
	if c.drafts {
		r.draft = false
	}
	if c.future {
		r.date = time.Time{}
	}
	return r
}

// check reports the links and images of st that lead nowhere, and its links
// to stories that appear on the built site after it does: drafts, and
// stories scheduled for later. When st appears, the second lead nowhere too.
func (c *linkChecker) check(st *site.Story) {
	from := c.release(st)
	for _, l := range st.Links {
		pos := diag.Pos{File: st.Doc.Path, Line: l.Line}
		k := c.key(l)
		if k != "" && c.leftOut != nil && c.leftOut(k) {
			continue
		}
		if target := c.pages[k]; target != nil {
			to := c.release(target)
			switch {
			case target == st || from.draft: // a draft may link to anything
			case to.draft:
				c.problems.Errorf(pos, "link to %q leads to a draft that is not published", l.Dest).
					WithHint("publish %s first (remove its draft: true), or add the link once it is published", target.Doc.Path)
			case !to.date.IsZero() && to.date.After(from.date):
				c.problems.Errorf(pos, "link to %q leads to a story scheduled for %s", l.Dest, to.date.Format("2006-01-02 15:04")).
					WithHint("the page of %s appears only from then on; add the link once it is published, or change the dates", target.Doc.Path)
			}
			continue
		}
		switch {
		case l.Spaced && l.Image:
			c.problems.Errorf(pos, "image \"%s\" is not shown: its address holds a space", l.Dest).
				WithHint("rename the file without spaces, or put its address in < >: %s", l.Fix)
		case l.Spaced:
			c.problems.Errorf(pos, "link to \"%s\" is not made: its address holds a space", l.Dest).
				WithHint("rename the file without spaces, or put its address in < >: %s", l.Fix)
		case l.Local && l.Image:
			c.problems.Errorf(pos, "image \"%s\" is a file on the writer's computer, which readers cannot see", l.Dest).
				WithHint("copy the image beside the story, or into its page bundle folder, and give its name, such as ![说明](photo.jpg)")
		case l.Local:
			c.problems.Errorf(pos, "link to \"%s\" leads to a file on the writer's computer, which readers cannot open", l.Dest).
				WithHint("copy the file beside the story, or into its page bundle folder, and give its name, such as [通知原文](notice.pdf)")
		case hasBackslash(l.Dest) && (l.Broken || !l.External && l.Path != "" && !exists(c.files, l.Path)):
			c.backslashed(pos, l)
		case l.Broken:
			c.problems.Errorf(pos, "link to %q: there is no such story or page", l.Dest).
				WithHint("a link to another story names its Markdown file relative to this one, or its address, such as /stories/2021/04/veterans-aid/")
		case l.External || l.Path == "":
		case l.Image && !exists(c.files, l.Path):
			p := c.problems.Errorf(pos, "image %q does not exist", l.Dest)
			// Photos from Windows: IMG_2041.JPG, written as IMG_2041.jpg (a trial).
			if !c.caseHint(p, l) {
				p.WithHint("put the image beside the story, in its page bundle folder, or under static/, and give its path")
			}
		case !l.Image && !exists(c.files, l.Path):
			p := c.problems.Errorf(pos, "link to %q leads to no page or file of the site", l.Dest)
			if !c.caseHint(p, l) {
				p.WithHint("check the address; a story's address is its folder and name under content/, such as /stories/2021/04/veterans-aid/")
			}
		}
	}
}

// backslashed reports the link or image l, which leads nowhere, written
// with backslashes as Windows writes paths (..\images\a.jpg): on the web
// a \ is part of a name, and only / separates folders. The hint gives it
// with / and says whether that leads somewhere. The address is given as it
// is written, not quoted, so that a search of the file finds it.
func (c *linkChecker) backslashed(pos diag.Pos, l markdown.Link) {
	fixed, _ := markdown.Slashed(l.Dest)
	var found bool
	var to string // the site path fixed leads to, for a file
	if l.Broken {
		md, _ := markdown.Slashed(l.Markdown)
		_, found = c.pages[path.Clean(md)]
	} else {
		// l.Path is l.Dest joined to the story's folder, which holds no
		// \: with / for \, it is where fixed leads.
		p, _ := markdown.Slashed(l.Path)
		to = path.Clean(p)
		found = exists(c.files, to)
	}
	var p *diag.Problem
	if l.Image {
		p = c.problems.Errorf(pos, "image \"%s\" is written with backslashes \\, and web addresses separate folders with /", l.Dest)
	} else {
		p = c.problems.Errorf(pos, "link to \"%s\" is written with backslashes \\, and web addresses separate folders with /", l.Dest)
	}
	switch {
	case found:
		p.WithHint("write it with / between folders: %s", fixed)
	case to != "" && c.twins.Hint(p, fixed, strings.TrimPrefix(to, "/")):
		// With / and the case of the file's letters (a review: img\IMG_1.jpg
		// was told to be img/IMG_1.jpg, for img/IMG_1.JPG).
	case l.Image:
		p.WithHint("write it with / between folders, as %s, and put the image there: beside the story, or under static/", fixed)
	default:
		p.WithHint("write it with / between folders, as %s, and check that the site has a page or file there", fixed)
	}
}

// hasBackslash reports whether a destination separates folders with
// backslashes.
func hasBackslash(dest string) bool {
	_, ok := markdown.Slashed(dest)
	return ok
}

// caseHint gives p, the problem of a link or image l that leads to no
// file, the hint to write it as the file is named, if one differs from its
// path only in the case of letters, and reports whether it did. Its query
// and fragment are left out.
func (c *linkChecker) caseHint(p *diag.Problem, l markdown.Link) bool {
	written, _, _ := strings.Cut(l.Dest, "?")
	written, _, _ = strings.Cut(written, "#")
	return c.twins.Hint(p, written, strings.TrimPrefix(l.Path, "/"))
}

// maxLinkWarnings is how many links that lead nowhere a build names; it
// counts the others, which herald check lists.
const maxLinkWarnings = 10

// WarnLinks warns of the links of the published stories and pages that
// lead nowhere in this build, to the drafts and stories it leaves out
// among others: what Check reports as errors of the whole site, a build
// says of itself, without failing, the first maxLinkWarnings by file and
// line, then how many there are: all of them would bury the build's other
// messages (the benchmark corpus of 10,000 stories refers to 5,442 images
// it does not have). Of a site with errors, which is not built
// (ReportFailed), it checks too the stories left out for an unknown branch
// or category, as the build will once they are fixed, and says nothing of
// links to the docs left out for their problems: they are not missing.
func (l *Loaded) WarnLinks(jobs []*render.Job, opts Options) {
	s := l.Site
	var found diag.List
	c := newLinkChecker(jobs, bundleFiles(s, l.faulty), slices.Concat(s.Pages, s.Stories, s.Drafts, s.Scheduled, l.faulty), s.Uncopied(), opts.Now, &found)
	c.drafts, c.future = opts.Drafts, opts.Future
	c.leftOut = l.leftOut
	for _, st := range slices.Concat(s.Pages, s.Stories, l.faulty) {
		c.check(st)
	}
	addFirst(l.Problems, &found, maxLinkWarnings, func(n int) {
		l.Problems.Warnf(diag.Pos{File: content.Dir}, "%d links or images lead nowhere; the first %d by file are named", n, maxLinkWarnings).
			WithHint("herald check lists them all")
	})
}

// bundleFiles returns the files of the page bundles of faulty stories,
// which the build copies once the stories are fixed: their images are
// there, and are not missing.
func bundleFiles(s *site.Site, faulty []*site.Story) []string {
	var files []string
	for _, st := range faulty {
		for _, r := range st.Doc.Resources {
			if out := st.ResourcePath(r); s.Publishes(out) {
				files = append(files, out)
			}
		}
	}
	return files
}

// leftOutOf returns, for a failed build, what Loaded.leftOut tells: the
// paths site.Site.LeftOut reports, less those of drafts when the build
// leaves drafts out. A link to such a draft leads nowhere in a build that
// succeeds, and is said to.
func leftOutOf(docs []*content.Doc, s *site.Site, drafts bool) func(string) bool {
	if drafts {
		return s.LeftOut
	}
	out := map[string]bool{}
	for _, d := range docs {
		if d.Draft {
			continue
		}
		for _, p := range site.LeftOutPaths(d) {
			if s.LeftOut(p) {
				out[p] = true
			}
		}
	}
	return func(p string) bool { return out[p] }
}

// addFirst adds to dst the first limit problems of found, by file and
// line, as warnings; when there are more, more adds one that counts them
// all (it is given their number).
func addFirst(dst, found *diag.List, limit int, more func(n int)) {
	for i, p := range found.Problems() {
		if i == limit {
			more(found.Len())
			return
		}
		p.Warning = true
		dst.Add(p)
	}
}

// key returns the key in c.pages of the story or page a link may lead to:
// the Markdown path it names, or its page path; "" for none.
func (c *linkChecker) key(l markdown.Link) string {
	switch {
	case l.Image || l.External:
		return ""
	case l.Broken:
		return l.Markdown
	case l.Path == "":
		return ""
	}
	p := strings.TrimSuffix(l.Path, "index.html")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
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

// exists reports whether a site path is written by the build: a file, or a
// folder with an index.html.
func exists(files map[string]bool, p string) bool {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return files[p+"index.html"]
	}
	return files[p] || files[p+"/index.html"]
}

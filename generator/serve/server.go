package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"herald/generator/build"
	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/render"
	"herald/generator/search"
	"herald/generator/site"
)

// Options configure a Server.
type Options struct {
	Source  string        // the site's folder
	Drafts  bool          // show drafts
	Future  bool          // show stories dated in the future
	Poll    time.Duration // scan for changes at this interval instead of using inotify; 0 for inotify
	Delay   time.Duration // quiet time before a rebuild; default 80 ms
	Theme   fs.FS         // the default theme
	Log     io.Writer     // where rebuilds and problems are logged
	Catalog diag.Catalog  // the language of problems: diag.Chinese or diag.English; nil gives the English of the code
}

// Server is a running preview.
type Server struct {
	opts   Options
	host   string // "http://127.0.0.1:1313"
	cache  *build.Cache
	events *broker
	clock  clock // the time that decides what is scheduled, and the timer that waits for it

	snap   atomic.Pointer[snapshot] // the build being served; nil before the first good one
	failed atomic.Pointer[failure]  // the latest rebuild's problems; none when it was good
	gen    atomic.Int64             // rebuilds done, for /_herald/status

	pagesMu sync.Mutex
	pages   map[string]page // rendered files by output path
}

// snapshot is one complete build.
type snapshot struct {
	loaded *build.Loaded
	r      *render.Renderer
	jobs   map[string]*render.Job // by output path
	fps    map[string]uint64      // fingerprints by output path
	base   string                 // the base URL's path, decoded as requests have it: "/" or "/news/"
	held   []build.Held           // the stories left out until their date, soonest first
	// warnings are the build's, which herald build would print: links
	// that lead nowhere, dates far away… Pages show them in a panel.
	warnings []*diag.Problem
}

// failure is what a failed rebuild found: its errors, which the red panel
// counts and lists, and its warnings, which go in the yellow bar as a good
// build's do. Both are empty after a good rebuild.
type failure struct {
	errors   []*diag.Problem
	warnings []*diag.Problem
}

// split sorts problems into errors and warnings, each in their order.
func split(ps []*diag.Problem) *failure {
	f := &failure{}
	for _, p := range ps {
		if p.Warning {
			f.warnings = append(f.warnings, p)
		} else {
			f.errors = append(f.errors, p)
		}
	}
	return f
}

// page is a rendered file.
type page struct {
	fp   uint64
	data []byte
}

// LiveReloadPath is where pages find the live reload script.
const LiveReloadPath = "/_herald/livereload.js"

// New returns a server for the site in opts.Source.
func New(opts Options) *Server {
	if opts.Delay == 0 {
		opts.Delay = 80 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{opts: opts, cache: build.NewCache(), events: newBroker(), clock: systemClock{}, pages: map[string]page{}}
	s.failed.Store(&failure{})
	return s
}

// Run builds the site, then serves it on ln and rebuilds it on every change
// until ctx is done.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	s.host = "http://" + BrowserHost(ln.Addr())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b := newBatcher(s.opts.Delay)
	go b.run(ctx)
	emit := func(p string) {
		select {
		case b.in <- p:
		case <-ctx.Done():
		}
	}
	files := newLedger(s.opts.Source) // before the watcher starts: what exists before the first event
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.watch(ctx, emit) }()
	held := s.rebuild(ctx, nil)
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		// A trial: a story scheduled a few minutes ahead stayed out of
		// the preview after its time, until some file was saved. The
		// server waits for the soonest scheduled story of the last good
		// build, and rebuilds when its time comes.
		w := arm(s.clock, held)
		defer func() { w.disarm() }()
		for {
			select {
			case <-ctx.Done():
				return
			case batch := <-b.out:
				s.settle(ctx, batch)
				changed := files.changed(batch)
				if len(changed) == 0 {
					continue // files came and went: the site is as it was
				}
				held = s.rebuild(ctx, changed)
			case <-w.c:
				if w.isDue(s.clock) {
					held = s.rebuild(ctx, []string{}) // no file changed
				}
			}
			w.disarm()
			w = arm(s.clock, held)
		}
	}()
	defer func() {
		cancel()
		<-loopDone // the timer is stopped before Run returns
	}()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		srv.Shutdown(shutdown)
	}()
	go func() {
		if err := <-watchErr; err != nil {
			fmt.Fprintf(s.opts.Log, "serve: watching stopped: %v\n", err)
		}
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// settle waits, up to a second, while a changed file is empty: an editor
// that truncates a file and then writes it (VS Code, Notepad) leaves it
// empty for a moment, and reading it then would report a problem that is not
// there.
func (s *Server) settle(ctx context.Context, changed []string) {
	deadline := time.Now().Add(time.Second)
	for _, p := range changed {
		for time.Now().Before(deadline) && ctx.Err() == nil {
			fi, err := os.Stat(filepath.Join(s.opts.Source, filepath.FromSlash(p)))
			if err != nil || fi.IsDir() || fi.Size() > 0 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// watch runs the watcher the options ask for, falling back to polling when
// inotify's limits are reached.
func (s *Server) watch(ctx context.Context, emit func(string)) error {
	if s.opts.Poll > 0 {
		return watchPoll(ctx, s.opts.Source, s.opts.Poll, emit)
	}
	err := watchNotify(ctx, s.opts.Source, emit)
	if errors.Is(err, errWatchLimit) {
		fmt.Fprintf(s.opts.Log, "serve: %v\n"+
			"\thint: raise the limit with: sudo sysctl fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf to keep it)\n"+
			"serve: scanning for changes every second instead\n", err)
		return watchPoll(ctx, s.opts.Source, time.Second, emit)
	}
	return err
}

// rebuild builds the site again. changed lists the files that changed, nil
// for the first build, empty when a scheduled story's time came. It returns
// the stories the build leaves out until their date, soonest first; none
// when it failed, as the next good build will tell. It never panics: a
// panic is reported as a problem.
func (s *Server) rebuild(ctx context.Context, changed []string) (held []build.Held) {
	start := time.Now()
	defer func() {
		if v := recover(); v != nil {
			var l diag.List
			l.Errorf(diag.Pos{File: "herald"}, "internal error while rebuilding: %v", v).
				WithHint("this is a bug in herald; the stack is in the log")
			fmt.Fprintf(s.opts.Log, "serve: panic: %v\n%s", v, debug.Stack())
			s.fail(l.Problems())
			held = nil
		}
	}()
	opts := build.Options{
		Now:    s.clock.Now(),
		Source: s.opts.Source, Drafts: s.opts.Drafts, Future: s.opts.Future, Theme: s.opts.Theme,
		Host: s.host, LiveReload: LiveReloadPath, Cache: s.cache,
	}
	// The watcher names what changed; after a lost event ("*"), or on the
	// first build, every file is checked.
	if changed != nil && !slices.Contains(changed, lostEvents) {
		opts.Changed = changed
	}
	if prev := s.snap.Load(); prev != nil {
		// The search index, when the preview was searched: a story saved
		// or added patches it, where it was built afresh (1.1 s at
		// 10,000 stories).
		opts.PriorIndex = prev.loaded.SearchBuilt()
	}
	l, err := build.Load(ctx, opts)
	if err != nil {
		if ctx.Err() == nil {
			var dl diag.List
			dl.Errorf(diag.Pos{File: s.opts.Source}, "%v", err)
			s.fail(dl.Problems())
		}
		return
	}
	if l.Problems.Errors() > 0 {
		// Templates that do not parse, and links that lead nowhere, with
		// the content's problems, as herald build reports them (a review:
		// the preview hid them until the content was fixed).
		l.ReportFailed(opts)
		ps := l.Problems.Problems()
		if changed != nil && s.configGone() {
			ps = s.configGoneProblem()
		}
		s.fail(ps)
		return
	}
	r, err := l.Renderer(opts)
	if err != nil && r != nil {
		// Templates that do not parse: every other problem of the
		// templates too, as herald build reports them (a trial: the
		// preview showed the syntax errors alone, fixed one by one).
		err = l.TemplateProblems(ctx, r, r.Jobs(), err)
	}
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			s.fail(de.Problems)
		} else {
			var dl diag.List
			dl.Errorf(diag.Pos{File: "templates"}, "%v", err)
			s.fail(dl.Problems())
		}
		return
	}
	next := &snapshot{loaded: l, r: r, jobs: map[string]*render.Job{}, fps: map[string]uint64{}, base: l.Site.Config.BaseURL.Path, held: l.Held()}
	jobs := r.Jobs()
	for _, j := range jobs {
		next.jobs[j.Path] = j
		if j.Copy == nil {
			next.fps[j.Path] = r.Fingerprint(j)
		}
	}
	// A trial: the preview, the writers' main view of their work, showed
	// none of the warnings herald build prints.
	l.WarnLinks(jobs, opts)
	for _, p := range l.Problems.Problems() {
		if p.Warning {
			next.warnings = append(next.warnings, p)
		}
	}
	prev := s.snap.Load()
	dirty := s.dirty(prev, next)
	if err := s.prerender(next, dirty); err != nil {
		// The pages rendered up front join their errors: every problem,
		// as a build reports them, not the first page's.
		err = l.TemplateProblems(ctx, r, jobs, err)
		var de *diag.Error
		if errors.As(err, &de) {
			s.fail(de.Problems)
			return
		}
	}
	s.snap.Store(next)
	// A trial: the log told the problems of a rebuild, and never that
	// they were fixed.
	if f := s.failed.Swap(&failure{}); len(f.errors) > 0 {
		fmt.Fprintln(s.opts.Log, s.text("serve: the problems are fixed"))
	}
	s.gen.Add(1)
	target := reloadTarget(prev, next)
	msg, _ := json.Marshal(map[string]string{"path": target})
	s.events.publish(string(msg))
	took := time.Since(start).Round(time.Millisecond)
	if changed == nil {
		n := len(l.Site.Stories)
		fmt.Fprintln(s.opts.Log, s.text(pick(n, "serve: built %d story in %s", "serve: built %d stories in %s"), n, took))
		// What the preview hides, and how to see it (a trial: a writer
		// looked for a draft the start-up said nothing of).
		if d := l.Site.DraftsLeftOut; d > 0 {
			fmt.Fprintln(s.opts.Log, s.text(pick(d, "serve: %d draft is left out of the preview: herald serve --drafts shows it", "serve: %d drafts are left out of the preview: herald serve --drafts shows them"), d))
		}
		if h := len(l.Site.Scheduled); h > 0 {
			fmt.Fprintln(s.opts.Log, s.text(pick(h, "serve: %d scheduled story is left out of the preview until its date: herald serve --future shows it", "serve: %d scheduled stories are left out of the preview until their dates: herald serve --future shows them"), h))
		}
	} else {
		what := s.text("%d files changed", len(changed))
		switch len(changed) {
		case 0:
			what = s.text("a scheduled story's time came")
		case 1:
			what = s.text("%s changed", changed[0])
		}
		fmt.Fprintln(s.opts.Log, s.text(pick(len(dirty), "serve: rebuilt in %s after %s: %d page re-rendered", "serve: rebuilt in %s after %s: %d pages re-rendered"), took, what, len(dirty)))
	}
	s.logLeftOut(l, changed)
	s.logShown(prev, next)
	// The warnings, when they changed: not the same ones at every save.
	if prev == nil || !sameProblems(prev.warnings, next.warnings, s.opts.Catalog) {
		for _, p := range next.warnings {
			fmt.Fprintln(s.opts.Log, p.Localize(s.opts.Catalog))
		}
		// A trial: when the last warning was fixed, the log said
		// nothing, and the warning was the last thing it showed.
		if prev != nil && len(prev.warnings) > 0 && len(next.warnings) == 0 {
			fmt.Fprintln(s.opts.Log, s.text("serve: the warnings are gone"))
		}
	}
	return next.held
}

// configGone reports whether the site's site.yaml does not exist.
func (s *Server) configGone() bool {
	_, err := os.Stat(filepath.Join(s.opts.Source, config.File))
	return errors.Is(err, fs.ErrNotExist)
}

// configGoneProblem is the problem of a site.yaml removed while the server
// runs. The build's own problem tells to go into the site's folder before
// running herald (a trial: it did not fit a server running in it).
func (s *Server) configGoneProblem() []*diag.Problem {
	var l diag.List
	p := l.Errorf(diag.Pos{File: config.File}, "the file was removed or renamed while herald serve runs")
	if s.snap.Load() != nil {
		p.WithHint("restore it, or rename it back to site.yaml; until then the preview shows the last good build")
	} else {
		p.WithHint("restore it, or rename it back to site.yaml")
	}
	return l.Problems()
}

// logLeftOut tells of each changed file that is a draft or a scheduled
// story the preview leaves out, and how to see it: a trial wrote a new
// story (herald new makes a draft) and saw it nowhere, with no word why.
func (s *Server) logLeftOut(l *build.Loaded, changed []string) {
	for _, c := range changed {
		for _, st := range l.Site.Drafts {
			if st.Doc.Path == c {
				fmt.Fprintln(s.opts.Log, s.text("serve: %s is a draft, left out of the preview: run herald serve --drafts to see it", c))
			}
		}
		for _, st := range l.Site.Scheduled {
			if st.Doc.Path == c {
				fmt.Fprintln(s.opts.Log, s.text("serve: %s is dated %s, in the future, and left out of the preview: run herald serve --future to see it", c, st.Date.Format("2006-01-02 15:04")))
			}
		}
	}
}

// logShown tells of each story the previous build left out until its date
// that this one shows.
func (s *Server) logShown(prev, next *snapshot) {
	if prev == nil || len(prev.held) == 0 {
		return
	}
	held := make(map[string]bool, len(prev.held))
	for _, h := range prev.held {
		held[h.File] = true
	}
	for _, st := range next.loaded.Site.Stories { // once: not once per held story
		if held[st.Doc.Path] {
			fmt.Fprintln(s.opts.Log, s.text("serve: %s, dated %s, is shown in the preview now", st.Doc.Path, st.Date.Format("2006-01-02 15:04")))
		}
	}
}

// sameProblems reports whether a and b say the same, in the catalog's
// language.
func sameProblems(a, b []*diag.Problem, c diag.Catalog) bool {
	return slices.EqualFunc(a, b, func(p, q *diag.Problem) bool { return p.Localize(c) == q.Localize(c) })
}

// fail records the problems of a failed rebuild and tells the pages, which
// reload to show them. The log gives them all, as herald build prints
// them; the pages count and list the errors in the red panel, and the
// warnings in the yellow bar (a trial: the panel counted a warning among
// six errors, "发现 7 个问题", where the log said 6).
func (s *Server) fail(ps []*diag.Problem) {
	f := split(ps)
	s.failed.Store(f)
	s.gen.Add(1)
	for _, p := range ps {
		fmt.Fprintln(s.opts.Log, p.Localize(s.opts.Catalog))
	}
	// The count, and what the preview shows meanwhile, after every failed
	// rebuild: a trial's templates that failed had only their problems
	// logged, after the line of the rebuild before.
	switch n := len(f.errors); {
	case s.snap.Load() == nil:
		fmt.Fprintln(s.opts.Log, s.text(pick(n, "serve: %d problem; nothing to serve until it is fixed", "serve: %d problems; nothing to serve until they are fixed"), n))
	default:
		fmt.Fprintln(s.opts.Log, s.text(pick(n, "serve: %d problem; still serving the last good build", "serve: %d problems; still serving the last good build"), n))
	}
	s.events.publish(`{"path":""}`)
}

// dirty returns the output paths whose fingerprint differs from the previous
// build's, sorted; every rendered path when there is no previous build.
func (s *Server) dirty(prev, next *snapshot) []string {
	var out []string
	for p, fp := range next.fps {
		if prev == nil || prev.fps[p] != fp {
			out = append(out, p)
		}
	}
	return out
}

// maxPrerender is the most pages a rebuild renders before switching; a
// rebuild that changes more (a template edit) leaves them to be rendered
// when asked for.
const maxPrerender = 400

// prerender renders the dirty pages of next before it is served, so that the
// reload finds them ready.
func (s *Server) prerender(next *snapshot, dirty []string) error {
	if len(dirty) > maxPrerender {
		return nil
	}
	errs := make([]error, len(dirty))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range dirty {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			_, errs[i] = s.render(next, p)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// render returns the bytes of a rendered file of snap, from the cache when
// its fingerprint is unchanged.
func (s *Server) render(snap *snapshot, p string) ([]byte, error) {
	fp := snap.fps[p]
	s.pagesMu.Lock()
	cached, ok := s.pages[p]
	s.pagesMu.Unlock()
	if ok && cached.fp == fp {
		return cached.data, nil
	}
	var b bytes.Buffer
	if err := snap.r.Render(snap.jobs[p], &b); err != nil {
		return nil, err
	}
	s.pagesMu.Lock()
	s.pages[p] = page{fp: fp, data: b.Bytes()}
	s.pagesMu.Unlock()
	return b.Bytes(), nil
}

// reloadTarget returns the path pages should go to after a rebuild: the
// page of the one story that changed, or "" to reload where they are.
func reloadTarget(prev, next *snapshot) string {
	if prev == nil {
		return ""
	}
	old := map[string]uint64{}
	for _, st := range allStories(prev.loaded.Site) {
		old[st.Doc.Path] = st.Version
	}
	var changed *site.Story
	for _, st := range allStories(next.loaded.Site) {
		if v, ok := old[st.Doc.Path]; !ok || v != st.Version {
			if changed != nil {
				return ""
			}
			changed = st
		}
	}
	if changed == nil {
		return ""
	}
	return next.loaded.Site.URL(changed.Path) // as the browser's location.pathname has it
}

func allStories(s *site.Site) []*site.Story {
	return append(append([]*site.Story{}, s.Stories...), s.Pages...)
}

// pick returns one or many by n, for messages with a count.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ServeHTTP serves the current build, the live reload script and events, and
// the status of the last rebuild.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch req.URL.Path {
	case "/_herald/events":
		s.serveEvents(w, req)
		return
	case LiveReloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveReloadJS)
		return
	case "/_herald/status":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(s.status())
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	snap := s.snap.Load()
	if snap == nil {
		s.serveNoSite(w)
		return
	}
	if !strings.HasPrefix(req.URL.Path, snap.base) {
		// The root, and the base path without its last slash (a retrial:
		// 404), lead to the site.
		if req.URL.Path == "/" || req.URL.Path+"/" == snap.base {
			http.Redirect(w, req, (&url.URL{Path: snap.base}).EscapedPath(), http.StatusFound)
			return
		}
		s.notFound(w, req, snap)
		return
	}
	p := strings.TrimPrefix(req.URL.Path, snap.base)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	j := snap.jobs[p]
	if j == nil && strings.HasPrefix(p, search.Dir+"/") && s.serveSearch(w, req, snap, p) {
		return
	}
	if j == nil {
		if snap.jobs[p+"/index.html"] != nil {
			http.Redirect(w, req, req.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, req, snap)
		return
	}
	s.serveJob(w, req, snap, j, http.StatusOK)
}

// serveSearch serves the file p of the search index, which the snapshot
// builds when first asked for (most saves are previewed without a
// search), answering Range requests as the search page makes them. It
// reports whether the index has the file.
func (s *Server) serveSearch(w http.ResponseWriter, req *http.Request, snap *snapshot, p string) bool {
	ix, err := snap.loaded.Search()
	if err != nil {
		http.Error(w, "search index: "+err.Error(), http.StatusInternalServerError)
		return true
	}
	data, ok := ix.Files[p]
	if !ok {
		return false
	}
	ctype := mime.TypeByExtension(path.Ext(p))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, req, p, time.Time{}, bytes.NewReader(data))
	return true
}

// serveJob writes one file of a build.
func (s *Server) serveJob(w http.ResponseWriter, req *http.Request, snap *snapshot, j *render.Job, status int) {
	ctype := mime.TypeByExtension(path.Ext(j.Path))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if j.Copy != nil {
		if j.Copy.Data != nil {
			w.Header().Set("Content-Type", ctype)
			w.Write(j.Copy.Data)
			return
		}
		f, err := j.Copy.FS.Open(j.Copy.Name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		rs, ok := f.(io.ReadSeeker)
		if err != nil || !ok {
			w.Header().Set("Content-Type", ctype)
			io.Copy(w, f)
			return
		}
		http.ServeContent(w, req, j.Path, fi.ModTime(), rs)
		return
	}
	data, err := s.render(snap, j.Path)
	if err != nil {
		var de *diag.Error
		ps := []*diag.Problem{}
		if errors.As(err, &de) {
			ps = de.Problems
		} else {
			var l diag.List
			l.Errorf(diag.Pos{File: "templates"}, "%v", err)
			ps = l.Problems()
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		f := split(ps)
		io.WriteString(w, s.errorPage(f.errors, f.warnings))
		return
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = injectOverlay(data, s.panels(snap))
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	w.Write(data)
}

func (s *Server) notFound(w http.ResponseWriter, req *http.Request, snap *snapshot) {
	if j := snap.jobs["404.html"]; j != nil {
		s.serveJob(w, req, snap, j, http.StatusNotFound)
		return
	}
	http.NotFound(w, req)
}

// serveNoSite answers while no build has succeeded yet.
func (s *Server) serveNoSite(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	f := s.failed.Load()
	io.WriteString(w, s.errorPage(f.errors, f.warnings))
}

// serveEvents streams reload events to one page.
func (s *Server) serveEvents(w http.ResponseWriter, req *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := s.events.subscribe()
	defer s.events.unsubscribe(ch)
	io.WriteString(w, "retry: 500\n\n")
	fl.Flush()
	for {
		select {
		case <-req.Context().Done():
			return
		case msg := <-ch:
			if _, err := fmt.Fprintf(w, "data: %s\n\n", msg); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// Status is what /_herald/status answers.
type Status struct {
	Generation int64    `json:"generation"` // rebuilds so far
	Problems   []string `json:"problems"`   // "path:line: message", with hints
	Pages      int      `json:"pages"`      // streams of reload events open: one a browser, whose pages share it (liveReloadJS)
}

func (s *Server) status() Status {
	st := Status{Generation: s.gen.Load(), Problems: []string{}, Pages: s.events.count()}
	for _, p := range s.failed.Load().errors {
		st.Problems = append(st.Problems, p.Localize(s.opts.Catalog))
	}
	return st
}

// panels returns the HTML laid on a page of snap: the problems panel and
// the warnings bar of a failed rebuild, or the warnings bar of snap, the
// good build served; "" for none.
func (s *Server) panels(snap *snapshot) string {
	f := s.failed.Load()
	if len(f.errors) == 0 {
		return s.warningPanel(snap.warnings)
	}
	return s.overlay(f.errors) + s.warningPanel(f.warnings)
}

// overlay returns the HTML of the problems panel.
func (s *Server) overlay(ps []*diag.Problem) string {
	return s.panel(`<div id="herald-problems" role="alert" style="position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:70vh;overflow:auto;margin:0;padding:1em 1.25em;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b71c1c;font:15px/1.6 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 2px 12px rgba(0,0,0,.3)">`+
		`<p style="margin:0 0 .5em;font-weight:bold">%s</p><ol style="margin:0;padding-left:1.5em">`,
		s.text(s.heading(len(ps)), len(ps)), ps, "</ol></div>")
}

// warningPanel returns the HTML of the warnings panel: folded at the
// bottom of the page, which stays usable, and opened with a click; "" for
// no warnings.
func (s *Server) warningPanel(ps []*diag.Problem) string {
	if len(ps) == 0 {
		return ""
	}
	return s.panel(`<details id="herald-warnings" style="position:fixed;z-index:2147483646;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:.5em 1.25em;background:#fff8e1;color:#4a3500;border-top:3px solid #f9a825;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace">`+
		`<summary style="cursor:pointer;font-weight:bold">%s</summary><ol style="margin:.5em 0 0;padding-left:1.5em">`,
		s.text(pick(len(ps), "herald: %d warning; herald build gives it too", "herald: %d warnings; herald build gives them too"), len(ps)), ps, "</ol></details>")
}

// panel returns the HTML of a panel: open, with its heading in place of
// its %s, then each problem in the server's language, then end.
func (s *Server) panel(open, heading string, ps []*diag.Problem, end string) string {
	var b strings.Builder
	b.WriteString(strings.Replace(open, "%s", html.EscapeString(heading), 1))
	for _, p := range ps {
		b.WriteString(`<li style="white-space:pre-wrap">`)
		b.WriteString(html.EscapeString(p.Localize(s.opts.Catalog)))
		b.WriteString("</li>")
	}
	b.WriteString(end)
	return b.String()
}

// heading returns the overlay's heading, a format of the number of
// problems.
func (s *Server) heading(n int) string {
	if s.snap.Load() == nil {
		return pick(n, "herald: %d problem; nothing to show until it is fixed", "herald: %d problems; nothing to show until they are fixed")
	}
	return pick(n, "herald: %d problem; showing the last good build until it is fixed", "herald: %d problems; showing the last good build until they are fixed")
}

// text formats a message in the server's language.
func (s *Server) text(format string, args ...any) string {
	if t, ok := s.opts.Catalog[format]; ok {
		format = t
	}
	return fmt.Sprintf(format, args...)
}

// errorPage is a whole page listing errors, and warnings below them, for
// when there is no page to lay the overlay on.
func (s *Server) errorPage(ps, warnings []*diag.Problem) string {
	// A trial: with no language and no viewport, a phone laid it out 980
	// pixels wide, in tiny type.
	return `<!DOCTYPE html><html lang="` + html.EscapeString(s.text("en")) + `"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>` + html.EscapeString(s.text("herald: problems")) + `</title>` +
		`<script src="` + LiveReloadPath + `"></script></head><body>` + s.overlay(ps) + s.warningPanel(warnings) + `</body></html>`
}

// injectOverlay puts the overlay right after the <body> tag.
func injectOverlay(page []byte, overlay string) []byte {
	if overlay == "" {
		return page
	}
	i := bytes.Index(page, []byte("<body"))
	if i < 0 {
		return append([]byte(overlay), page...)
	}
	j := bytes.IndexByte(page[i:], '>')
	if j < 0 {
		return page
	}
	at := i + j + 1
	out := make([]byte, 0, len(page)+len(overlay))
	out = append(out, page[:at]...)
	out = append(out, overlay...)
	return append(out, page[at:]...)
}

// liveReloadJS reloads the page after each rebuild, or goes to the story
// that changed. A browser's pages of the preview share one stream of
// events where they can: a browser opens six connections at most to a
// server, and a trial's seventh tab, its six others each holding their
// stream open, never loaded. One page holds the stream (a Web Lock, which
// the next page takes when it goes) and tells the others (a
// BroadcastChannel). Where there are no locks, outside a secure context
// (the preview opened at another machine's address), each page has its
// own.
const liveReloadJS = `(function () {
  function go(d) {
    if (d.path && d.path !== location.pathname) { location.href = d.path; } else { location.reload(); }
  }
  function listen(each) {
    var es = new EventSource("/_herald/events");
    es.onmessage = function (e) {
      var d = {};
      try { d = JSON.parse(e.data); } catch (_) {}
      each(d);
    };
  }
  if (!navigator.locks || !window.BroadcastChannel) { listen(go); return; }
  var others = new BroadcastChannel("herald-live-reload");
  others.onmessage = function (e) { go(e.data || {}); };
  navigator.locks.request("herald-live-reload", function () {
    listen(function (d) { others.postMessage(d); go(d); });
    return new Promise(function () {}); // held while the page is open
  });
})();
`

// BrowserHost returns the host and port a browser on this machine opens
// for a server listening on addr: addr itself, but for the unspecified
// address (0.0.0.0 or ::, every interface), which no browser can open,
// the loopback 127.0.0.1.
func BrowserHost(addr net.Addr) string {
	if a, ok := addr.(*net.TCPAddr); ok && a.IP.IsUnspecified() {
		// Go listens on both IPv4 and IPv6 for "::", so 127.0.0.1 answers.
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(a.Port))
	}
	return addr.String()
}

// Package build is herald's one pipeline: it reads a site's folder and
// writes its output, in this order and nowhere else:
//
//	config (site.yaml) → content (content/) → assets (static/) → site (the model)
//	  → markdown (each story's body, in parallel) → render (pages, feeds, copies)
//	  → output (a temporary folder, swapped in when everything succeeded)
//
// [Load] runs the steps up to the model and reports every problem of the
// input at once; [Build] goes on to write, but only when Load found no
// errors. Either way, a failing run leaves the previous output as it was.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"herald/generator/assets"
	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/markdown"
	"herald/generator/output"
	"herald/generator/render"
	"herald/generator/site"
)

// Options configure a build.
type Options struct {
	Source     string    // the site's folder
	Out        string    // the output folder; default Source/public
	Drafts     bool      // publish drafts
	Future     bool      // publish stories dated in the future
	BaseURL    string    // replaces site.yaml's baseURL when not ""
	Now        time.Time // the time that decides what is scheduled; default time.Now()
	Theme      fs.FS     // the default theme: templates/ and static/
	Workers    int       // parallel workers; 0 means GOMAXPROCS
	LiveReload string    // the dev server's reload script, injected in every page
}

// Stats counts what a build wrote.
type Stats struct {
	Stories   int           // published stories
	Pages     int           // HTML pages written
	Feeds     int           // RSS and JSON feeds written
	Files     int           // files written in all
	Bytes     int64         // bytes written
	Drafts    int           // drafts left out
	Scheduled int           // stories left out until their date
	Duration  time.Duration // wall time of the build
}

// String returns the summary line a build prints.
func (s Stats) String() string {
	line := fmt.Sprintf("built %d stories: %d pages, %d feeds, %d files (%s) in %s",
		s.Stories, s.Pages, s.Feeds, s.Files, formatBytes(s.Bytes), s.Duration.Round(time.Millisecond))
	var left []string
	if s.Drafts > 0 {
		left = append(left, fmt.Sprintf("%d %s", s.Drafts, plural(s.Drafts, "draft", "drafts")))
	}
	if s.Scheduled > 0 {
		left = append(left, fmt.Sprintf("%d scheduled", s.Scheduled))
	}
	if len(left) > 0 {
		line += "; left out " + strings.Join(left, " and ")
	}
	return line
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Loaded is a site read and checked, ready to render.
type Loaded struct {
	Site     *site.Site
	Assets   *assets.Plan
	Problems *diag.List // warnings and errors
	siteFS   fs.FS
}

// Load reads and checks a site and converts its stories' Markdown. The
// returned error is an I/O or cancellation error; problems with the input are
// in Loaded.Problems, and the site is usable only when it holds no errors.
func Load(ctx context.Context, opts Options) (*Loaded, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	siteFS := os.DirFS(opts.Source)
	problems := &diag.List{}
	l := &Loaded{Problems: problems, siteFS: siteFS}
	cfg := config.Load(siteFS, problems)
	if cfg == nil {
		return l, nil
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			problems.Errorf(diag.Pos{File: "--base-url"}, "%v", err)
		}
	}
	set, err := content.Load(ctx, siteFS, content.Options{TimeZone: cfg.TimeZone, Workers: opts.Workers}, problems)
	if err != nil {
		return nil, err
	}
	plan, err := assets.Load(opts.Theme, siteFS)
	if err != nil {
		return nil, err
	}
	l.Assets = plan
	s := site.New(site.Input{Config: cfg, Content: set, Static: plan.Names()},
		site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, problems)
	l.Site = s
	if problems.Errors() > 0 {
		return l, nil
	}
	if err := convert(ctx, s, opts.Workers); err != nil {
		return nil, err
	}
	return l, nil
}

// convert converts the Markdown of every published story and page, in
// parallel, each result stored in its own story.
func convert(ctx context.Context, s *site.Site, workers int) error {
	conv := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe})
	all := append(append([]*site.Story{}, s.Stories...), s.Pages...)
	pages := s.PagePaths()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(all))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				st := all[i]
				d := st.Doc
				dir := "/" + d.SourceDir() + "/"
				if d.Bundle {
					dir = st.Path
				} else if d.SourceDir() == "." {
					dir = "/"
				}
				res, err := conv.Convert(&markdown.Source{
					File: d.Path, Body: d.Body, Line: d.BodyLine,
					BasePath: s.Config.BasePath(), Dir: dir, SourceDir: d.SourceDir(), Pages: pages,
				})
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", d.Path, err)
					continue
				}
				st.SetBody(res)
			}
		})
	}
	for i := range all {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Result is a successful build.
type Result struct {
	Stats    Stats
	Manifest *output.Manifest
	Warnings []*diag.Problem
}

// Build loads the site and, when it has no errors, writes it to the output
// folder. Problems with the input come back as a *diag.Error.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Source, "public")
	}
	if err := checkOut(opts.Source, opts.Out); err != nil {
		return nil, err
	}
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := l.Problems.Err(); err != nil {
		return nil, err
	}
	w, err := output.Begin(opts.Out)
	if err != nil {
		return nil, err
	}
	if err := l.Render(ctx, w, opts); err != nil {
		w.Abort()
		return nil, err
	}
	m, err := w.Commit()
	if err != nil {
		return nil, err
	}
	st := Stats{
		Stories:   len(l.Site.Stories),
		Drafts:    l.Site.Drafts,
		Scheduled: l.Site.Scheduled,
		Files:     len(m.Files),
	}
	for _, f := range m.Files {
		st.Bytes += f.Size
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			st.Pages++
		case strings.HasSuffix(f.Path, "index.xml"), f.Path == "feed.json":
			st.Feeds++
		}
	}
	st.Duration = time.Since(start)
	var warnings []*diag.Problem
	for _, p := range l.Problems.Problems() {
		if p.Warning {
			warnings = append(warnings, p)
		}
	}
	return &Result{Stats: st, Manifest: m, Warnings: warnings}, nil
}

// Render writes a loaded site's files into sink.
func (l *Loaded) Render(ctx context.Context, sink render.Sink, opts Options) error {
	r, err := render.New(l.Site, opts.Theme, l.siteFS, l.Assets, render.Options{Workers: opts.Workers, LiveReload: opts.LiveReload})
	if err != nil {
		return err
	}
	return r.Run(ctx, sink)
}

// checkOut refuses an output folder that is the site's folder or holds it:
// replacing it would delete the site.
func checkOut(source, out string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return nil
	}
	rel, err := filepath.Rel(dst, src)
	if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("the output folder %s holds the site's own files; choose a folder inside it, such as %s", out, filepath.Join(source, "public"))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"herald/generator/build"
)

func (e *env) build(ctx context.Context, args []string) error {
	fs := e.flags("build", "build [--source DIR] [--out DIR] [--drafts] [--future] [--base-url URL] [--full] [--timings]")
	var f struct {
		source, out, baseURL string
		drafts, future, full bool
	}
	fs.StringVar(&f.source, "source", ".", "the site's `folder`, holding site.yaml and content/ (default: the current folder)")
	fs.StringVar(&f.out, "out", "", "the output `folder` (default public inside the site's folder)")
	fs.BoolVar(&f.drafts, "drafts", false, "include stories marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include stories dated in the future")
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is published at, instead of site.yaml's baseURL")
	fs.BoolVar(&f.full, "full", false, "render and write every file, instead of updating the output with what changed")
	timings := fs.Bool("timings", false, "print how long each step of the build took")
	if err := e.parse(fs, args, false); err != nil {
		return err
	}
	if f.out == "" {
		f.out = filepath.Join(f.source, "public")
	}
	_, statErr := os.Stat(f.out)
	if errors.Is(statErr, os.ErrNotExist) {
		// A trial: the first build, failed, spoke of a previous output
		// there was not.
		e.failed = "herald: %d problems; nothing was written"
	}
	res, err := build.Build(ctx, build.Options{
		Source: f.source, Out: f.out, Drafts: f.drafts, Future: f.future, BaseURL: f.baseURL, Full: f.full, Theme: e.theme,
		CacheDir: filepath.Join(f.source, build.CacheDir),
	})
	if errors.Is(err, context.Canceled) && errors.Is(statErr, os.ErrNotExist) {
		// A trial: the first build, interrupted, spoke of a previous
		// output there was not.
		return &failure{msg: e.text("interrupted; nothing was written")}
	}
	if err != nil {
		return err
	}
	e.problems(res.Warnings)
	fmt.Fprintf(e.stdout, "%s → %s\n", e.summary(res.Stats), f.out)
	e.held(res.Stats.Held)
	if *timings {
		e.timings(res.Stats)
	}
	return nil
}

// timings prints what --timings adds to a build's summary: the time of each
// phase, and what the build read, rendered and reused.
func (e *env) timings(s build.Stats) {
	for _, p := range s.Phases {
		fmt.Fprintf(e.stdout, "  %-9s %s\n", p.Name, p.Duration.Round(time.Millisecond))
	}
	// In the run's language, as the rest (a trial: they were English in a
	// Chinese run).
	line := func(format string, args ...any) { fmt.Fprintln(e.stdout, "  "+e.text(format, args...)) }
	if s.Read < s.Docs {
		line("content files read: %d, parsed: %d, converted: %d, the others from %s", s.Read, s.Parsed, s.Converted, build.CacheDir)
	} else {
		line("content files read: %d, parsed: %d, converted: %d", s.Read, s.Parsed, s.Converted) // none from the cache (a trial: --full said some were)
	}
	line("rendered %d pages and feeds", s.Rendered)
	if s.Untrusted != "" {
		line("every page renders, the output right but slower: %s is not tracked page by page", s.Untrusted)
		// Why (a trial: the line said what, not why).
		line("a page's fingerprint holds what the theme's templates show of the site; a template that shows more (the newest story on every page, another category's count) is rendered on every page at every build")
	}
	switch n := s.Decoded; {
	case n == 1:
		line("decoded %d image for its smaller copies", n)
	case n > 1:
		line("decoded %d images for their smaller copies", n)
	}
	if s.Patched {
		line("patched the search index of the previous build")
	}
}

// summary returns the line that sums up a build, in the chosen language.
func (e *env) summary(s build.Stats) string {
	size, took := formatBytes(s.Bytes), s.Duration.Round(time.Millisecond)
	var line string
	if s.Stories == 1 {
		line = e.text("built %d story: %d pages, %d feeds, %d files (%s) in %s", s.Stories, s.Pages, s.Feeds, s.Files, size, took)
	} else {
		line = e.text("built %d stories: %d pages, %d feeds, %d files (%s) in %s", s.Stories, s.Pages, s.Feeds, s.Files, size, took)
	}
	switch {
	case s.Written == 0 && s.Deleted == 0:
		line += e.text("; nothing changed, no file written")
	case s.Written == 0:
		// Only deletions (a review: "updated 0 changed files").
		line += e.text("; no file written")
	case s.Written == 1 && s.Written < s.Files:
		line += e.text("; updated %d changed file, kept the others", s.Written)
	case s.Written < s.Files:
		line += e.text("; updated %d changed files, kept the others", s.Written)
	}
	switch {
	case s.Deleted == 1:
		line += e.text("; deleted %d file the site no longer has", s.Deleted)
	case s.Deleted > 1:
		line += e.text("; deleted %d files the site no longer has", s.Deleted)
	}
	switch d, f := s.Drafts, s.Scheduled; {
	case d == 1 && f > 0:
		line += e.text("; left out %d draft and %d scheduled", d, f)
	case d > 1 && f > 0:
		line += e.text("; left out %d drafts and %d scheduled", d, f)
	case d == 1:
		line += e.text("; left out %d draft", d)
	case d > 1:
		line += e.text("; left out %d drafts", d)
	case f > 0:
		line += e.text("; left out %d scheduled", f)
	}
	return line
}

// maxHeld is how many stories left out until their date a build names.
const maxHeld = 10

// held names the stories left out until their date, the soonest first: a
// story dated in the future by mistake would otherwise vanish without a
// word.
func (e *env) held(stories []build.Held) {
	for i, h := range stories {
		if i == maxHeld {
			fmt.Fprintf(e.stdout, "  %s\n", e.text("and %d more scheduled", len(stories)-maxHeld))
			break
		}
		// With its time, unless midnight: a story due in minutes said only
		// the day (a trial).
		layout := "2006-01-02 15:04"
		if h.Date.Hour() == 0 && h.Date.Minute() == 0 {
			layout = "2006-01-02"
		}
		fmt.Fprintf(e.stdout, "  %s\n", e.text("scheduled for %s: %s", h.Date.Format(layout), h.File))
	}
}

// formatBytes returns a size for people: "968.1 kB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

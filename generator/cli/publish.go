package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/publish"
)

func (e *env) publish(ctx context.Context, args []string) error {
	fs := e.flags("publish", "publish [--source DIR] [--out DIR] [--target URL] [--dry-run] [--max-deletes N] [--no-delete] [--workers N] [--force] [--allow-drafts] [--json]")
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml (default: the current folder)")
	out := fs.String("out", "", "the built site's `folder` (default public inside the site's folder)")
	target := fs.String("target", "", "where to publish: a gocloud.dev/blob `URL` such as s3://bucket?endpoint=…&region=… (default: publish.target in site.yaml)")
	dryRun := fs.Bool("dry-run", false, "print what would be uploaded and deleted, and change nothing")
	maxDeletes := fs.Int("max-deletes", -1, "refuse to delete more than `N` objects (default: publish.maxDeletes in site.yaml, else 256)")
	noDelete := fs.Bool("no-delete", false, "upload, but delete nothing")
	workers := fs.Int("workers", 8, "how many requests to make at once (`N`, default 8)")
	force := fs.Bool("force", false, "upload every file, changed or not")
	allowDrafts := fs.Bool("allow-drafts", false, "publish a build made with --drafts or --future, whose drafts and stories dated in the future then go online")
	asJSON := fs.Bool("json", false, "print the plan (with --dry-run) or the result as JSON on standard output")
	if err := e.parse(fs, args, false); err != nil {
		return err
	}
	if *workers < 1 {
		return &usageError{msg: e.text("publish: --workers %d: use 1 or more", *workers)}
	}
	// The default, -1, means site.yaml's: given, a negative number was
	// taken for it, silently (a trial).
	if given(fs, "max-deletes") && *maxDeletes < 0 {
		return &usageError{msg: e.text("publish: --max-deletes %d: use 0 or more", *maxDeletes)}
	}
	var problems diag.List
	cfg := config.Load(osDirFS(*source), &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*source, "public")
	}
	if *target == "" {
		*target = cfg.Publish.Target
	}
	if *target == "" {
		return &usageError{msg: e.text("publish: no target"), hint: e.text("give --target s3://bucket?endpoint=…&region=…, or publish.target in site.yaml")}
	}
	if *maxDeletes < 0 {
		*maxDeletes = cfg.Publish.MaxDeletes
	}
	// With no credentials set, the AWS SDK asks the machine's metadata
	// service for some; where that refuses its token, the SDK falls back to
	// the service's first protocol and prints a line of its own on standard
	// error, in English, over herald's hint (a trial). That protocol is
	// insecure and off on new cloud machines: herald leaves it off unless
	// the variable says otherwise.
	if _, set := os.LookupEnv("AWS_EC2_METADATA_V1_DISABLED"); !set {
		os.Setenv("AWS_EC2_METADATA_V1_DISABLED", "true")
		defer os.Unsetenv("AWS_EC2_METADATA_V1_DISABLED") // for what runs next in the process: tests
	}
	rep := newReporter(e, *dryRun)
	res, err := publish.Run(ctx, publish.Options{
		Out: *out, Target: *target, DryRun: *dryRun, NoDelete: *noDelete, Force: *force, AllowDrafts: *allowDrafts,
		MaxDeletes: *maxDeletes, Workers: *workers, Gzip: cfg.Publish.Gzip, Rules: cfg.Publish.Rules,
		Events: rep.event,
	})
	rep.done()
	if res != nil {
		rep.summary(res, *dryRun)
	}
	var fail *failure
	if err != nil {
		if res != nil && len(res.Failed) > 0 {
			for _, f := range res.Failed {
				fmt.Fprintln(e.stderr, e.text("failed: %s: %s", f.Path, e.say(f.Err)))
			}
		}
		cause := err
		if res != nil && len(res.Failed) > 0 {
			cause = res.Failed[0].Err
		}
		switch hint := publish.Explain(cause, *target); {
		case errors.Is(err, context.Canceled):
			fail = &failure{msg: e.text("publish: interrupted; run it again to finish")}
		case hint != nil:
			fail = &failure{msg: e.text("publish: %s", e.say(err)), hint: e.say(hint)}
		case publish.MayPass(res, err):
			fail = &failure{msg: e.text("publish: %s; run it again to finish", e.say(err))}
		default:
			fail = &failure{msg: e.text("publish: %s", e.say(err))}
		}
	}
	if *asJSON {
		// A failure too, which a trial found printed nothing on standard
		// output: a machine reading it got no JSON at all.
		writeJSON(e.stdout, res, *dryRun, fail)
	}
	if fail != nil {
		return fail
	}
	return nil
}

// say gives an error of publish in the chosen language: its own errors
// (publish.Error) by their formats, the target's and the system's as they
// are.
func (e *env) say(err error) string {
	switch x := err.(type) {
	case *publish.Error:
		args := make([]any, len(x.Args))
		for i, a := range x.Args {
			if ae, ok := a.(error); ok {
				a = e.say(ae)
			}
			args[i] = a
		}
		return e.text(x.Format, args...)
	case interface{ Unwrap() []error }: // errors.Join
		var lines []string
		for _, err := range x.Unwrap() {
			lines = append(lines, e.say(err))
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// reason gives why a file is uploaded, in the chosen language.
func (e *env) reason(r publish.Reason) string {
	switch r {
	case publish.NotFound:
		return e.text("not found")
	case publish.ContentDiffers:
		return e.text("content differs")
	case publish.HeadersDiffer:
		return e.text("headers differ")
	case publish.Forced:
		return e.text("forced")
	}
	return string(r)
}

// reporter prints publish's progress: a line redrawn in place on a
// terminal, one line per file in CI or when writing to a file.
type reporter struct {
	e        *env // the language
	w        io.Writer
	live     bool // a terminal, and not CI: redraw one progress line
	dryRun   bool
	mu       sync.Mutex
	total    int
	bytes    int64
	done_    int
	sent     int64
	lastDraw time.Time
}

func newReporter(e *env, dryRun bool) *reporter {
	w := e.stderr
	live := false
	if f, ok := w.(*os.File); ok && os.Getenv("CI") == "" {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			live = true
		}
	}
	return &reporter{e: e, w: w, live: live, dryRun: dryRun}
}

func (r *reporter) event(ev publish.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev.Kind {
	case "planned":
		r.total, r.bytes = len(ev.Plan.Uploads), ev.Plan.Bytes()
		if r.dryRun {
			for _, u := range ev.Plan.Uploads {
				fmt.Fprintln(r.w, r.e.text("would upload %s (%s)", u.Path, r.e.reason(u.Reason)))
			}
			for _, d := range ev.Plan.Deletes {
				fmt.Fprintln(r.w, r.e.text("would delete %s", d))
			}
		}
	case "uploaded":
		if !r.live {
			fmt.Fprintln(r.w, r.e.text("uploaded %s (%s)", ev.Path, r.e.reason(ev.Reason)))
		}
		r.done_++
		r.sent += ev.Bytes
		if r.live && time.Since(r.lastDraw) > 100*time.Millisecond {
			r.lastDraw = time.Now()
			fmt.Fprintf(r.w, "\r%s ", r.e.text("uploaded %d/%d files, %s of %s", r.done_, r.total, formatBytes(r.sent), formatBytes(r.bytes)))
		}
	case "deleted":
		if !r.live {
			fmt.Fprintln(r.w, r.e.text("deleted %s", ev.Path))
		}
	case "retry":
		if !r.live {
			fmt.Fprintln(r.w, r.e.text("retrying %s: %s", or(ev.Path, r.e.text("a request")), r.e.say(ev.Err)))
		}
	case "warning":
		fmt.Fprintln(r.w, r.e.text("herald: %s", r.e.text("warning: ")+r.e.say(ev.Err)))
	case "failed":
		if r.live {
			fmt.Fprint(r.w, "\n")
		}
		fmt.Fprintln(r.w, r.e.text("failed %s: %s", ev.Path, r.e.say(ev.Err)))
	}
}

func (r *reporter) done() {
	if r.live && r.done_ > 0 {
		fmt.Fprintf(r.w, "\r%s\n", r.e.text("uploaded %d/%d files, %s of %s", r.done_, r.total, formatBytes(r.sent), formatBytes(r.bytes)))
	}
}

// summary prints the line that sums up a run, or the run a dry run
// plans: the same counts, so that a dry run shows what the run would do.
func (r *reporter) summary(res *publish.Result, dryRun bool) {
	p := res.Plan
	var line string
	if dryRun {
		line = r.e.text("dry run: would upload %d files (%s), leave %d unchanged, delete %d", len(p.Uploads), formatBytes(p.Bytes()), p.Unchanged, len(p.Deletes))
	} else {
		line = r.e.text("published: %d uploaded (%s), %d unchanged, %d deleted", res.Uploaded, formatBytes(res.Bytes), p.Unchanged, res.Deleted)
	}
	switch p.KeptWhy {
	case publish.KeptNoDelete:
		line += r.e.text(", %d left in place (--no-delete)", len(p.Kept))
	case publish.KeptOverLimit:
		line += r.e.text(", %d left in place (over --max-deletes)", len(p.Kept))
	}
	for _, o := range p.Others {
		line += r.e.text(", left %d objects of the site under %s", o.Objects, o.Prefix)
	}
	if dryRun {
		if len(p.Retained) > 0 {
			line += r.e.text(", %d old files named by their content kept for an hour, for pages cached before", len(p.Retained))
		}
		fmt.Fprintln(r.w, line+r.e.text("; nothing was changed"))
		return
	}
	if len(p.Retained) > 0 {
		line += r.e.text(", %d old files named by their content kept for an hour, for pages cached before", len(p.Retained))
	}
	if len(res.Failed) > 0 {
		line += r.e.text(", %d failed", len(res.Failed))
	}
	fmt.Fprintln(r.w, line+r.e.text(" in %s", res.Duration.Round(time.Millisecond)))
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// writeJSON prints the plan or the result for machines, and the failure,
// if any: its message and hint. res is nil when publish failed before it
// had a plan.
func writeJSON(w io.Writer, res *publish.Result, dryRun bool, fail *failure) {
	if res == nil {
		res = &publish.Result{Plan: &publish.Plan{}}
	}
	type upload struct {
		Path         string `json:"path"`
		Reason       string `json:"reason"`
		Bytes        int64  `json:"bytes"`
		ContentType  string `json:"contentType"`
		CacheControl string `json:"cacheControl"`
		Encoding     string `json:"contentEncoding,omitempty"`
		Group        string `json:"group"`
	}
	type otherSite struct {
		Prefix  string `json:"prefix"`
		Objects int    `json:"objects"`
	}
	type failedFile struct {
		Path  string `json:"path"`
		Error string `json:"error"`
	}
	out := struct {
		DryRun    bool         `json:"dryRun"`
		Uploads   []upload     `json:"uploads"`
		Deletes   []string     `json:"deletes"`
		Retained  []string     `json:"retained"`
		Kept      []string     `json:"kept"`
		KeptWhy   string       `json:"keptWhy,omitempty"`
		Others    []otherSite  `json:"otherSites"`
		Unchanged int          `json:"unchanged"`
		Uploaded  int          `json:"uploaded"`
		Deleted   int          `json:"deleted"`
		Bytes     int64        `json:"bytes"`
		Failed    []failedFile `json:"failed"`
		Seconds   float64      `json:"seconds"`
		Error     string       `json:"error,omitempty"`
		Hint      string       `json:"hint,omitempty"`
	}{DryRun: dryRun, Uploads: []upload{}, Deletes: res.Plan.Deletes, Unchanged: res.Plan.Unchanged,
		Uploaded: res.Uploaded, Deleted: res.Deleted, Bytes: res.Bytes, Failed: []failedFile{}, Seconds: res.Duration.Seconds()}
	if out.Deletes == nil {
		out.Deletes = []string{}
	}
	out.Retained = append([]string{}, res.Plan.Retained...)
	out.Kept, out.KeptWhy = append([]string{}, res.Plan.Kept...), string(res.Plan.KeptWhy)
	for _, u := range res.Plan.Uploads {
		out.Uploads = append(out.Uploads, upload{u.Path, string(u.Reason), u.Size, u.Headers.ContentType, u.Headers.CacheControl, u.Headers.ContentEncoding, u.Group.String()})
	}
	out.Others = []otherSite{}
	for _, o := range res.Plan.Others {
		out.Others = append(out.Others, otherSite{o.Prefix, o.Objects})
	}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, failedFile{f.Path, f.Err.Error()})
	}
	if fail != nil {
		out.Error, out.Hint = fail.msg, fail.hint
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

// given reports whether the command line set the flag name.
func given(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

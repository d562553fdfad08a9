package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/publish"
)

func (e *env) publish(ctx context.Context, args []string) error {
	fs := e.flags("publish", "publish [--source DIR] [--out DIR] [--target URL] [--dry-run] [--max-deletes N] [--no-delete] [--workers N] [--force] [--json]")
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml")
	out := fs.String("out", "", "the built site's `folder` (default public inside the site's folder)")
	target := fs.String("target", "", "where to publish: a gocloud.dev/blob `URL` such as s3://bucket?endpoint=…&region=… (default: publish.target in site.yaml)")
	dryRun := fs.Bool("dry-run", false, "print what would be uploaded and deleted, and change nothing")
	maxDeletes := fs.Int("max-deletes", -1, "refuse to delete more than `N` objects (default: publish.maxDeletes in site.yaml, else 256)")
	noDelete := fs.Bool("no-delete", false, "upload, but delete nothing")
	workers := fs.Int("workers", 8, "parallel requests")
	force := fs.Bool("force", false, "upload every file, changed or not")
	asJSON := fs.Bool("json", false, "print the plan (with --dry-run) or the result as JSON on standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *workers < 1 {
		return &usageError{msg: fmt.Sprintf("publish: --workers %d: use 1 or more", *workers)}
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
		return &usageError{msg: "publish: no target", hint: "give --target s3://bucket?endpoint=…&region=…, or publish.target in site.yaml"}
	}
	if *maxDeletes < 0 {
		*maxDeletes = cfg.Publish.MaxDeletes
	}
	rep := newReporter(e.stderr, *dryRun)
	res, err := publish.Run(ctx, publish.Options{
		Out: *out, Target: *target, DryRun: *dryRun, NoDelete: *noDelete, Force: *force,
		MaxDeletes: *maxDeletes, Workers: *workers, Gzip: cfg.Publish.Gzip, Rules: cfg.Publish.Rules,
		Events: rep.event,
	})
	rep.done()
	if res != nil {
		if *asJSON {
			writeJSON(e.stdout, res, *dryRun)
		}
		rep.summary(res, *dryRun, *noDelete)
	}
	if err != nil {
		if res != nil && len(res.Failed) > 0 {
			for _, f := range res.Failed {
				fmt.Fprintf(e.stderr, "failed: %s: %v\n", f.Path, f.Err)
			}
		}
		if publish.MayPass(res, err) {
			return fmt.Errorf("publish: %w; run it again to finish", err)
		}
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// reporter prints publish's progress: a line redrawn in place on a
// terminal, one line per file in CI or when writing to a file.
type reporter struct {
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

func newReporter(w io.Writer, dryRun bool) *reporter {
	live := false
	if f, ok := w.(*os.File); ok && os.Getenv("CI") == "" {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			live = true
		}
	}
	return &reporter{w: w, live: live, dryRun: dryRun}
}

func (r *reporter) event(ev publish.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev.Kind {
	case "planned":
		r.total, r.bytes = len(ev.Plan.Uploads), ev.Plan.Bytes()
		if r.dryRun {
			for _, u := range ev.Plan.Uploads {
				fmt.Fprintf(r.w, "would upload %s (%s)\n", u.Path, u.Reason)
			}
			for _, d := range ev.Plan.Deletes {
				fmt.Fprintf(r.w, "would delete %s\n", d)
			}
		}
	case "uploaded":
		if !r.live {
			fmt.Fprintf(r.w, "uploaded %s (%s)\n", ev.Path, ev.Reason)
		}
		r.done_++
		r.sent += ev.Bytes
		if r.live && time.Since(r.lastDraw) > 100*time.Millisecond {
			r.lastDraw = time.Now()
			fmt.Fprintf(r.w, "\ruploaded %d/%d files, %s of %s ", r.done_, r.total, formatBytes(r.sent), formatBytes(r.bytes))
		}
	case "deleted":
		if !r.live {
			fmt.Fprintf(r.w, "deleted %s\n", ev.Path)
		}
	case "retry":
		if !r.live {
			fmt.Fprintf(r.w, "retrying %s: %v\n", or(ev.Path, "a request"), ev.Err)
		}
	case "failed":
		if r.live {
			fmt.Fprint(r.w, "\n")
		}
		fmt.Fprintf(r.w, "failed %s: %v\n", ev.Path, ev.Err)
	}
}

func (r *reporter) done() {
	if r.live && r.done_ > 0 {
		fmt.Fprintf(r.w, "\ruploaded %d/%d files, %s of %s\n", r.done_, r.total, formatBytes(r.sent), formatBytes(r.bytes))
	}
}

func (r *reporter) summary(res *publish.Result, dryRun, noDelete bool) {
	p := res.Plan
	if dryRun {
		fmt.Fprintf(r.w, "dry run: would upload %d files (%s), leave %d unchanged, delete %d; nothing was changed\n",
			len(p.Uploads), formatBytes(p.Bytes()), p.Unchanged, len(p.Deletes))
		return
	}
	line := fmt.Sprintf("published: %d uploaded (%s), %d unchanged, %d deleted", res.Uploaded, formatBytes(res.Bytes), p.Unchanged, res.Deleted)
	if noDelete && len(p.Deletes) > 0 {
		line += fmt.Sprintf(", %d left in place (--no-delete)", len(p.Deletes))
	}
	if len(res.Failed) > 0 {
		line += fmt.Sprintf(", %d failed", len(res.Failed))
	}
	fmt.Fprintf(r.w, "%s in %s\n", line, res.Duration.Round(time.Millisecond))
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// writeJSON prints the plan or the result for machines.
func writeJSON(w io.Writer, res *publish.Result, dryRun bool) {
	type upload struct {
		Path         string `json:"path"`
		Reason       string `json:"reason"`
		Bytes        int64  `json:"bytes"`
		ContentType  string `json:"contentType"`
		CacheControl string `json:"cacheControl"`
		Encoding     string `json:"contentEncoding,omitempty"`
		Group        string `json:"group"`
	}
	type failure struct {
		Path  string `json:"path"`
		Error string `json:"error"`
	}
	out := struct {
		DryRun    bool      `json:"dryRun"`
		Uploads   []upload  `json:"uploads"`
		Deletes   []string  `json:"deletes"`
		Unchanged int       `json:"unchanged"`
		Uploaded  int       `json:"uploaded"`
		Deleted   int       `json:"deleted"`
		Bytes     int64     `json:"bytes"`
		Failed    []failure `json:"failed"`
		Seconds   float64   `json:"seconds"`
	}{DryRun: dryRun, Uploads: []upload{}, Deletes: res.Plan.Deletes, Unchanged: res.Plan.Unchanged,
		Uploaded: res.Uploaded, Deleted: res.Deleted, Bytes: res.Bytes, Failed: []failure{}, Seconds: res.Duration.Seconds()}
	if out.Deletes == nil {
		out.Deletes = []string{}
	}
	for _, u := range res.Plan.Uploads {
		out.Uploads = append(out.Uploads, upload{u.Path, string(u.Reason), u.Size, u.Headers.ContentType, u.Headers.CacheControl, u.Headers.ContentEncoding, u.Group.String()})
	}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, failure{f.Path, f.Err.Error()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

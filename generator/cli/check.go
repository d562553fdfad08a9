package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"herald/generator/build"
	"herald/generator/diag"
)

func (e *env) check(ctx context.Context, args []string) error {
	fs := e.flags("check", "check [--source DIR] [--format text|github]")
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml and content/ (default: the current folder)")
	format := fs.String("format", "text", "print problems in this `format`: text (the default), or github for GitHub Actions annotations")
	if err := e.parse(fs, args, false); err != nil {
		return err
	}
	if *format != "text" && *format != "github" {
		return &usageError{msg: e.text("check: unknown --format %q; use text or github", *format)}
	}
	problems, err := build.Check(ctx, build.Options{Source: *source, Theme: e.theme})
	if err != nil {
		return err
	}
	ps := problems.Problems()
	for _, p := range ps {
		if *format == "github" {
			fmt.Fprintln(e.stdout, annotation(p, repoPath(*source, p.Pos.File), e.catalog))
		} else {
			fmt.Fprintln(e.stderr, p.Localize(e.catalog))
		}
	}
	errs, warns := 0, 0
	for _, p := range ps {
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	fmt.Fprintln(e.stderr, e.checkSummary(errs, warns))
	if errs > 0 {
		return errQuiet
	}
	return nil
}

// checkSummary returns the last line of herald check, in the singular or
// plural as the numbers ask.
func (e *env) checkSummary(errs, warns int) string {
	switch {
	case errs == 1 && warns == 1:
		return e.text("herald check: %d error, %d warning", errs, warns)
	case errs == 1:
		return e.text("herald check: %d error, %d warnings", errs, warns)
	case warns == 1:
		return e.text("herald check: %d errors, %d warning", errs, warns)
	}
	return e.text("herald check: %d errors, %d warnings", errs, warns)
}

// repoPath returns the path of a problem's file, which is relative to the
// site's folder source, as GitHub reads an annotation's: relative to the
// repository's folder, GITHUB_WORKSPACE, or to the current folder when that
// is not set (a trial: with --source site, "content/…" annotations never
// reached the pull request's lines). A name that is no file of the site
// (a flag's, say) stays as it is.
func repoPath(source, file string) string {
	full := filepath.Join(source, filepath.FromSlash(file))
	if file == "" || filepath.IsAbs(file) {
		return file
	}
	if _, err := os.Stat(full); err != nil {
		return file
	}
	base := os.Getenv("GITHUB_WORKSPACE")
	if base == "" {
		base = "."
	}
	absBase, err1 := filepath.Abs(base)
	absFull, err2 := filepath.Abs(full)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(full)
	}
	rel, err := filepath.Rel(absBase, absFull)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return filepath.ToSlash(full)
	}
	return filepath.ToSlash(rel)
}

// annotation formats a problem as a GitHub Actions workflow command, which
// shows it on the line of the pull request's diff; file is its file's
// path in the repository.
func annotation(p *diag.Problem, file string, c diag.Catalog) string {
	kind := "error"
	if p.Warning {
		kind = "warning"
	}
	var b strings.Builder
	b.WriteString("::" + kind + " file=" + escapeProperty(file))
	if p.Pos.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", p.Pos.Line)
	}
	if p.Pos.Col > 0 {
		fmt.Fprintf(&b, ",col=%d", p.Pos.Col)
	}
	b.WriteString(",title=herald::")
	p2 := *p
	p2.Pos, p2.Warning = diag.Pos{}, false
	msg := strings.TrimPrefix(p2.Localize(c), ": ")
	b.WriteString(escapeData(msg))
	return b.String()
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Package cli is the herald command: it parses the command line, runs a
// subcommand, prints what happened and returns the exit code.
//
//	herald build    build the site into its output folder
//	herald serve    preview the site, rebuilding it on every change
//	herald new      start a new story
//	herald check    check every story, writing nothing
//	herald publish  upload the built site to object storage
//	herald version  print herald's version
//
// Exit codes: 0 success, and -h, which prints a command's usage; 1 problems
// in the site's input, or a failure to read, write or listen; 2 a wrong
// command line. Problems are printed to standard error, one "path:line:
// message" each, with a "hint:" line where one helps; the summary of a
// successful build goes to standard output.
//
// Messages, hints and summaries are in the language --lang names, else
// LANG's when it is Chinese or English, else the site's (site.yaml's
// language), else, outside a site's folder, a site's default: zh-CN.
//
// Only this package prints, and only [Main] decides the exit code.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/output"
)

const usage = `herald builds the news site of a district's Party organisations.

Usage:

	herald <command> [arguments]

The commands are:

	build     build the site into its output folder (public/)
	serve     preview the site, rebuilding it on every change
	new       start a new story
	check     check every story, links and images included, writing nothing
	publish   upload the built site to object storage (S3, OSS, COS, OBS, MinIO)
	version   print herald's version

Run "herald <command> -h" for a command's flags.
`

// Main runs herald with args (without the program name) and returns the exit
// code. theme holds the default templates/ and static/ folders.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, theme fs.FS) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	env := &env{stdout: stdout, stderr: stderr, theme: theme,
		failed: "herald: %d problems; nothing was written, the previous output is unchanged"}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = env.build(ctx, rest)
	case "serve":
		err = env.serve(ctx, rest)
	case "new":
		err = env.newStory(ctx, rest)
	case "check":
		err = env.check(ctx, rest)
	case "publish":
		err = env.publish(ctx, rest)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "herald", Version())
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "herald: unknown command %q\n", cmd)
		if near := diag.Suggest(cmd, []string{"build", "serve", "new", "check", "publish", "version"}); near != "" {
			fmt.Fprintf(stderr, "hint: did you mean \"herald %s\"?\n", near)
		}
		fmt.Fprint(stderr, "Run \"herald help\" for the commands.\n")
		return 2
	}
	return env.exit(err)
}

// env is what the subcommands share.
type env struct {
	stdout, stderr io.Writer
	theme          fs.FS
	catalog        diag.Catalog // the language of messages: diag.Chinese or diag.English
	failed         string       // the line that ends a list of problems, a format of their number
}

// errQuiet fails a command whose problems are already printed.
var errQuiet = errors.New("problems reported")

// text formats a message of the CLI in the chosen language.
func (e *env) text(format string, args ...any) string {
	if t, ok := e.catalog[format]; ok {
		format = t
	}
	return fmt.Sprintf(format, args...)
}

// setLanguage chooses the language of messages: the --lang flag, else the
// LANG environment variable when it names Chinese or English, else the
// site's language in site.yaml, else (outside a site's folder) the default
// language of a site, zh-CN.
func (e *env) setLanguage(source, flag string) error {
	lang := flag
	if lang == "" {
		lang = localeLanguage(os.Getenv("LANG"))
	}
	if lang == "" {
		// Without a readable site.yaml, the language is the one a site
		// has by default.
		lang = config.Default().Language
		var ignored diag.List
		if cfg := config.Load(osDirFS(source), &ignored); cfg != nil {
			lang = cfg.Language
		}
	}
	switch l := strings.ToLower(lang); {
	case l == "zh" || strings.HasPrefix(l, "zh-") || strings.HasPrefix(l, "zh_"):
		e.catalog = diag.Chinese
	case l == "" || l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_") || flag == "":
		e.catalog = diag.English
	default:
		return &usageError{msg: fmt.Sprintf("unknown --lang %q; use zh or en", flag)}
	}
	return nil
}

// localeLanguage returns "zh" or "en" for a POSIX locale such as
// zh_CN.UTF-8, and "" for others (C, POSIX, C.UTF-8).
func localeLanguage(locale string) string {
	l := strings.ToLower(locale)
	switch {
	case strings.HasPrefix(l, "zh"):
		return "zh"
	case strings.HasPrefix(l, "en"):
		return "en"
	}
	return ""
}

func osDirFS(dir string) fs.FS { return os.DirFS(dir) }

// usageError is a wrong command line.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }

// failure is a command that failed for a reason outside the site, such as a
// port in use: a message and a hint, both in the chosen language.
type failure struct{ msg, hint string }

func (e *failure) Error() string { return e.msg }

// exit prints err and returns its exit code.
func (e *env) exit(err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	var fe *failure
	var de *diag.Error
	var be *output.BusyError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errQuiet):
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "herald: %s\n", ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(e.stderr, "%s%s\n", e.text("hint: "), ue.hint)
		}
		return 2
	case errors.As(err, &fe):
		fmt.Fprintf(e.stderr, "herald: %s\n", fe.msg)
		if fe.hint != "" {
			fmt.Fprintf(e.stderr, "%s%s\n", e.text("hint: "), fe.hint)
		}
		return 1
	case errors.As(err, &de):
		e.problems(de.Problems)
		errs := 0
		for _, p := range de.Problems {
			if !p.Warning {
				errs++
			}
		}
		failed := e.failed
		if errs == 1 {
			failed = strings.Replace(failed, "problems", "problem", 1)
		}
		fmt.Fprintln(e.stderr, e.text(failed, errs))
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, e.text("herald: interrupted; the previous output is unchanged"))
		return 1
	case errors.As(err, &be):
		fmt.Fprintln(e.stderr, e.text("herald: %s: another herald build is writing this output; wait for it to finish, then build again", be.Target))
		return 1
	}
	fmt.Fprintf(e.stderr, "herald: %v\n", err)
	return 1
}

// problems prints problems, one per line with their hints.
func (e *env) problems(ps []*diag.Problem) {
	for _, p := range ps {
		fmt.Fprintln(e.stderr, p.Localize(e.catalog))
	}
}

// flags returns a flag set for a subcommand whose usage is given.
func (e *env) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own report of a bad flag goes nowhere: the
	// command's exit prints it, once (a review: it came twice).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: herald %s\n\nFlags:\n", synopsis)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses a subcommand's arguments, refusing extra ones.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("%s: unexpected argument %q", fs.Name(), strings.Join(fs.Args(), " "))}
	}
	return nil
}

// Version returns the module version herald was built from, or "(devel)".
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
				v = "(devel) " + s.Value[:12]
			}
		}
		if v != "" {
			return v
		}
	}
	return "(devel)"
}

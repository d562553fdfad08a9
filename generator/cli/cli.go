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
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/internal/sysfile"
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
	theme     list the default theme's files, or copy one into the site to change it
	version   print herald's version

Run "herald <command> -h" for a command's flags.
`

// Main runs herald with args (without the program name) and returns the exit
// code. theme holds the default templates/ and static/ folders.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, theme fs.FS) int {
	env := &env{stdout: stdout, stderr: stderr, theme: theme,
		failed: "herald: %d problems; nothing was written, the previous output is unchanged"}
	if len(args) == 0 {
		env.setLanguage(".", "")
		fmt.Fprint(stderr, env.usageText())
		return 2
	}
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
	case "theme":
		err = env.themeFiles(rest)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "herald", Version())
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			// herald help build: build's flags, as herald build -h.
			return Main(ctx, append([]string{rest[0], "-h"}, rest[1:]...), stdout, stderr, theme)
		}
		lang, _ := scanFlag(rest, "lang") // herald help --lang en (a review: it was ignored)
		env.setLanguage(".", lang)
		fmt.Fprint(stdout, env.usageText())
	default:
		env.setLanguage(".", "")
		err = &usageError{msg: env.text("unknown command %q", cmd), hint: env.text(`run "herald help" for the commands`)}
		if near := diag.Suggest(cmd, []string{"build", "serve", "new", "check", "publish", "theme", "version"}); near != "" {
			err.(*usageError).hint = env.text("did you mean %q?", "herald "+near)
		}
	}
	return env.exit(err)
}

// usageText returns herald's usage in the chosen language: a catalog has
// it under "herald usage".
func (e *env) usageText() string {
	if t, ok := e.catalog["herald usage"]; ok {
		return t
	}
	return usage
}

// env is what the subcommands share.
type env struct {
	stdout, stderr io.Writer
	theme          fs.FS
	catalog        diag.Catalog // the language of messages: diag.Chinese or diag.English
	failed         string       // the line that ends a list of problems, a format of their number
	synopsis       string       // the command's usage line, after "herald "
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
// locale of messages (messagesLocale) when it names Chinese or English,
// else the site's language in site.yaml, else (outside a site's folder)
// the default language of a site, zh-CN.
func (e *env) setLanguage(source, flag string) error {
	lang := flag
	if lang == "" {
		lang = localeLanguage(messagesLocale(os.Getenv))
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
		e.setLanguage(source, "") // the message in the language herald chooses without the flag
		return &usageError{msg: e.text("unknown --lang %q; use zh or en", flag)}
	}
	return nil
}

// messagesLocale returns the locale of messages as POSIX sets it: LC_ALL,
// else LC_MESSAGES, else LANG, the first that is set (a trial: LC_ALL was
// not read).
func messagesLocale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
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
	var te *output.TargetError
	var bse *output.BesideError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errQuiet):
		return 1
	case errors.As(err, &ue):
		e.report(ue.msg, ue.hint)
		return 2
	case errors.As(err, &fe):
		e.report(fe.msg, fe.hint)
		return 1
	case errors.As(err, &de):
		// Every problem, however many errors the run joined: the first
		// *diag.Error alone lost the others (two damaged covers gave
		// "1 problem", the second told only by the next run).
		ps, rest := diag.Gather(err)
		e.problems(ps)
		if rest != nil {
			e.report(rest.Error(), "")
		}
		errs := 0
		for _, p := range ps {
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
	case errors.As(err, &te) && te.NotFolder:
		e.report(e.text("the output %s is a file, not a folder", te.Target), e.text("remove it, or choose another output folder with --out"))
		return 1
	case errors.As(err, &te):
		e.report(e.text("refusing to replace %s: the folder is not empty, and herald did not write it (it has no %s)", te.Target, output.ManifestName),
			e.text("remove it, or choose another output folder with --out"))
		return 1
	case errors.As(err, &bse):
		e.report(e.text("%s: herald may not write beside it, in %s, where it keeps its lock and makes a full build's new folder: %v", bse.Target, bse.Dir, sysfile.Bare(bse.Err)),
			e.text("make %s writable for this user, or build with --out into a folder whose parent is, and point the web server there", bse.Dir))
		return 1
	case errors.Is(err, fs.ErrPermission):
		e.report(err.Error(), e.text("herald may not write there: check the folder's permissions"))
		return 1
	}
	e.report(err.Error(), "")
	return 1
}

// report prints a failure of the command line or of the command, with its
// hint under it as a problem's (see diag.Problem.Localize).
func (e *env) report(msg, hint string) {
	fmt.Fprintln(e.stderr, e.text("herald: %s", msg))
	if hint != "" {
		fmt.Fprintf(e.stderr, "\t%s%s\n", e.text("hint: "), hint)
	}
}

// problems prints problems, one per line with their hints.
func (e *env) problems(ps []*diag.Problem) {
	for _, p := range ps {
		fmt.Fprintln(e.stderr, p.Localize(e.catalog))
	}
}

// flags returns a flag set for a subcommand whose usage line is given.
// Parse it with env.parse.
func (e *env) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints nothing: env.parse prints the usage on -h,
	// and a wrong flag once, in the chosen language (a review: it came
	// twice, and a trial: in English on a Chinese site).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.String("lang", "", "the `language` of messages: zh or en (default: the site's language, or LANG)")
	e.synopsis = synopsis + " [--lang zh|en]"
	return fs
}

// parse parses a subcommand's arguments and chooses the language of
// messages from its --source and --lang (see setLanguage). -h prints the
// usage, in that language. A wrong flag is a usageError with a hint; so is
// an argument that is not a flag, unless positional (fs.Args has them).
func (e *env) parse(fs *flag.FlagSet, args []string, positional bool) error {
	err := fs.Parse(args)
	value := func(name, def string) string {
		f := fs.Lookup(name)
		if f == nil {
			return def
		}
		if (err != nil || fs.NArg() > 0) && f.Value.String() == f.DefValue {
			// Parsing stopped at a wrong flag or an argument, maybe
			// before this one.
			if v, ok := scanFlag(args, name); ok {
				return v
			}
		}
		return f.Value.String()
	}
	langErr := e.setLanguage(value("source", "."), value("lang", ""))
	switch {
	case errors.Is(err, flag.ErrHelp):
		e.usage(fs)
		return err
	case err != nil:
		return e.flagError(fs, args, err)
	case langErr != nil:
		return langErr
	case !positional && fs.NArg() > 0:
		return &usageError{msg: e.text("%s: unexpected argument %q", fs.Name(), fs.Arg(0)),
			hint: e.text("herald %s -h lists its flags", fs.Name())}
	}
	return nil
}

// flagsFirst returns args with the flags, and their values, before the
// other arguments, where the flag package stops: herald theme footer.html
// --lang en, herald new --branch x 标题 --category y (a review: the title
// took "--category y"). A flag's name holds no space and nothing but
// ASCII, so that a title may start with "-" ("- 老兵援助"; a trial: "没有
// -- 老兵援助 这个参数").
func flagsFirst(flags *flag.FlagSet, args []string) []string {
	isFlag := func(a string) bool {
		name, _, _ := strings.Cut(a, "=")
		return strings.HasPrefix(a, "-") && a != "-" && !strings.ContainsFunc(name, func(r rune) bool { return r == ' ' || r >= utf8.RuneSelf })
	}
	var first, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !isFlag(a) {
			rest = append(rest, a)
			continue
		}
		first = append(first, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := flags.Lookup(name)
		if f == nil {
			continue // -h, or a wrong flag, which parse reports
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			first = append(first, args[i])
		}
	}
	if len(rest) == 0 {
		return first
	}
	return append(append(first, "--"), rest...)
}

// scanFlag returns the value given to the flag name in args, the last
// time it is given, as --name value, --name=value or with one dash.
func scanFlag(args []string, name string) (string, bool) {
	var v string
	found := false
	for i, a := range args {
		if a == "--" {
			break // the flags end
		}
		if !strings.HasPrefix(a, "-") {
			continue // a word, not a flag (a review: "source" was taken for --source)
		}
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if a == name && i+1 < len(args) {
			v, found = args[i+1], true
		} else if rest, ok := strings.CutPrefix(a, name+"="); ok {
			v, found = rest, true
		}
	}
	return v, found
}

// usage prints a subcommand's usage line and its flags, each with its
// meaning in the chosen language, on standard output: it was asked for,
// and herald build -h | less shows it (a trial: on standard error, it did
// not).
func (e *env) usage(fs *flag.FlagSet) {
	// The synopsis goes through the catalog too: new's names its title
	// in the site's language (a trial: "标题" in English).
	fmt.Fprintf(e.stdout, "%s\n\n%s\n", e.text("Usage: herald %s", e.text(e.synopsis)), e.text("Flags:"))
	fs.VisitAll(func(f *flag.Flag) {
		head, text := e.flagHelp(f)
		// A flag whose meaning does not name its default gets it added,
		// as flag.PrintDefaults does, unless it is a zero value.
		if !strings.Contains(f.Usage, "default") && !slices.Contains([]string{"", "false", "0", "0s"}, f.DefValue) {
			text += e.text(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(e.stdout, "  %s\n    \t%s\n", head, text)
	})
}

// flagHelp returns a flag as it is written ("--source 文件夹") and its
// meaning, in the chosen language.
func (e *env) flagHelp(f *flag.Flag) (head, text string) {
	name, text := flag.UnquoteUsage(&flag.Flag{Usage: e.text(f.Usage), Value: f.Value})
	head = "--" + f.Name
	if name != "" {
		head += " " + e.text(name)
	}
	return head, text
}

// flagError returns the usageError of the flag package's report of a
// wrong flag, err, in args: in the chosen language, with the hint for one
// that does not exist the flag that does its job (see misnamed), else the
// nearest flag's name, and the flag's meaning for a wrong or missing value.
func (e *env) flagError(fs *flag.FlagSet, args []string, err error) error {
	msg, cmd := err.Error(), fs.Name()
	meaning := func(name string) string {
		if f := fs.Lookup(name); f != nil {
			head, text := e.flagHelp(f)
			return e.text("%s: %s", head, text)
		}
		return ""
	}
	// The reports' forms are the flag package's; any other is kept as it is.
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		ue := &usageError{msg: e.text("%s: there is no flag --%s", cmd, name), hint: e.text("herald %s -h lists its flags", cmd)}
		if hint := e.misnamed(cmd, name, args); hint != "" {
			ue.hint = hint
		} else if near := diag.Suggest(name, names); near != "" {
			ue.hint = e.text("did you mean %q?", "--"+near)
		}
		return ue
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return &usageError{msg: e.text("%s: --%s needs a value", cmd, name), hint: meaning(name)}
	}
	if s, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return &usageError{msg: e.text("%s: %s is not a flag", cmd, s), hint: e.text("write a flag as --name or --name=value")}
	}
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		quoted, qerr := strconv.QuotedPrefix(rest)
		if qerr != nil {
			break
		}
		value, _ := strconv.Unquote(quoted)
		rest = strings.TrimPrefix(rest[len(quoted):], " for")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, " flag"), " -")
		name, _, _ := strings.Cut(rest, ": ")
		if fs.Lookup(name) == nil {
			break
		}
		return &usageError{msg: e.text("%s: --%s does not take %q", cmd, name, value), hint: meaning(name)}
	}
	return &usageError{msg: cmd + ": " + msg}
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

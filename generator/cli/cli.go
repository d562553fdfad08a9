// Package cli is the herald command: it parses the command line, runs a
// subcommand, prints what happened and returns the exit code.
//
//	herald build    build the site into its output folder
//	herald serve    preview the site, rebuilding it on every change
//	herald version  print herald's version
//
// Exit codes: 0 success; 1 problems in the site's input, or a failure to
// read or write; 2 a wrong command line. Problems are printed to standard
// error, one "path:line: message" each, with a "hint:" line where one helps;
// the summary of a successful build goes to standard output.
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
	"runtime/debug"
	"strings"

	"herald/generator/diag"
)

const usage = `herald builds the news site of a district's Party organisations.

Usage:

	herald <command> [arguments]

The commands are:

	build     build the site into its output folder (public/)
	serve     preview the site, rebuilding it on every change
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
	env := &env{stdout: stdout, stderr: stderr, theme: theme}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = env.build(ctx, rest)
	case "serve":
		err = env.serve(ctx, rest)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "herald", Version())
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "herald: unknown command %q\n", cmd)
		if near := diag.Suggest(cmd, []string{"build", "serve", "version"}); near != "" {
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
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// exit prints err and returns its exit code.
func (e *env) exit(err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	var de *diag.Error
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "herald: %s\n", ue.msg)
		return 2
	case errors.As(err, &de):
		e.problems(de.Problems)
		errs := 0
		for _, p := range de.Problems {
			if !p.Warning {
				errs++
			}
		}
		fmt.Fprintf(e.stderr, "herald: %d %s; nothing was written, the previous output is unchanged\n", errs, plural(errs, "problem", "problems"))
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "herald: interrupted; the previous output is unchanged")
		return 1
	}
	fmt.Fprintf(e.stderr, "herald: %v\n", err)
	return 1
}

// problems prints problems, one per line with their hints.
func (e *env) problems(ps []*diag.Problem) {
	for _, p := range ps {
		fmt.Fprintln(e.stderr, p.Error())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// flags returns a flag set for a subcommand whose usage is given.
func (e *env) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: herald %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
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

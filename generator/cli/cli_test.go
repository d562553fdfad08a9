package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"herald/generator/cli"
	"herald/generator/internal/testsite"
	"herald/generator/output"

	"github.com/rogpeppe/go-internal/testscript"
)

// themeEnv names the variable that tells the herald command of the scripts
// where the repository's theme (templates/ and static/) is.
const themeEnv = "HERALD_TEST_THEME"

// TestMain makes the test binary act as the herald command when the scripts
// run it, as age's and Hugo's CLI tests do.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"herald": func() {
			theme := os.DirFS(os.Getenv(themeEnv))
			os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, theme))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. Besides testscript's own
// commands they have:
//
//	status N cmd args...   run cmd and check that its exit status is N
//	digest DIR FILE        write a line "sha256 path" per file under DIR to FILE
//	[!] glob PATTERN       check that PATTERN matches (or matches nothing)
func TestScripts(t *testing.T) {
	root := testsite.Root(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv(themeEnv, root)
			env.Setenv("LANG", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
			"digest": cmdDigest,
			"glob":   cmdGlob,
		},
	})
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func cmdDigest(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: digest DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(root, p)
		lines = append(lines, hex.EncodeToString(sum[:8])+" "+filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		ts.Fatalf("digest: %v", err)
	}
	slices.Sort(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

func cmdGlob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] glob PATTERN")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	switch {
	case neg && len(matches) > 0:
		ts.Fatalf("%s matches %q", args[0], matches)
	case !neg && len(matches) == 0:
		ts.Fatalf("%s matches nothing", args[0])
	}
}

// TestUsageInChinese checks that every command's -h, in Chinese, gives
// every flag's meaning and value in Chinese: a flag added without its
// translation would show English to a Chinese site's staff (a trial: every
// usage was English).
func TestUsageInChinese(t *testing.T) {
	for _, cmd := range commands {
		t.Run(cmd, func(t *testing.T) {
			usage := usageOf(t, cmd, "zh")
			lines := strings.Split(strings.TrimSpace(usage), "\n")
			if len(lines) < 6 || !strings.HasPrefix(lines[0], "用法：herald "+cmd) || lines[2] != "参数：" {
				t.Fatalf("usage:\n%s", usage)
			}
			han := regexp.MustCompile(`\p{Han}`)
			for i := 3; i+1 < len(lines); i += 2 {
				head, meaning := lines[i], lines[i+1]
				if !strings.HasPrefix(head, "  --") || !strings.HasPrefix(meaning, "    \t") {
					t.Fatalf("line %d: want a flag and its meaning:\n%s\n%s", i+1, head, meaning)
				}
				if !han.MatchString(meaning) {
					t.Errorf("%s: its meaning is not in Chinese: %s", strings.TrimSpace(head), strings.TrimSpace(meaning))
				}
				if _, value, ok := strings.Cut(strings.TrimSpace(head), " "); ok && value != "N" && !han.MatchString(value) {
					t.Errorf("%s: its value's name is not in Chinese", strings.TrimSpace(head))
				}
			}
		})
	}
}

// TestUsageLineNamesEveryFlag checks that each command's usage line, the
// first of its -h, names every flag the list below it gives (a trial:
// build's left out --timings).
func TestUsageLineNamesEveryFlag(t *testing.T) {
	for _, cmd := range commands {
		t.Run(cmd, func(t *testing.T) {
			usage := usageOf(t, cmd, "en")
			lines := strings.Split(usage, "\n")
			flags := 0
			for _, l := range lines[1:] {
				name, ok := strings.CutPrefix(l, "  --")
				if !ok {
					continue
				}
				name, _, _ = strings.Cut(name, " ")
				flags++
				if !strings.Contains(lines[0], "--"+name) {
					t.Errorf("the usage line does not name --%s: %s", name, lines[0])
				}
			}
			if flags == 0 {
				t.Fatalf("no flags listed:\n%s", usage)
			}
		})
	}
}

// commands are herald's commands that take flags.
var commands = []string{"build", "serve", "new", "check", "publish", "theme"}

// usageOf returns what herald cmd -h prints, in the language lang; it
// must exit 0 and print nothing on standard error.
func usageOf(t *testing.T, cmd, lang string) string {
	t.Helper()
	var stdout, stderr strings.Builder
	if code := cli.Main(context.Background(), []string{cmd, "--lang", lang, "-h"}, &stdout, &stderr, os.DirFS(t.TempDir())); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	return stdout.String()
}

// TestServeBusyPort checks the message of herald serve when its port is
// taken, usually by another herald serve: a hint with the next port, in
// the chosen language.
func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("cannot listen on loopback:", err)
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	next := net.JoinHostPort("127.0.0.1", strconv.Itoa(addr.Port+1))
	tests := []struct {
		lang, want string
	}{
		{"en", "herald: cannot listen on " + addr.String() + ": the address is already in use\n" +
			"\thint: herald serve may be running in another window: use that one, or choose another port with --addr " + next + "\n"},
		{"zh", "herald：无法在 " + addr.String() + " 上监听：这个地址已经被占用\n" +
			"\t提示：可能另一个窗口已经在运行 herald serve：用那个就行，或者用 --addr " + next + " 换一个端口\n"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := cli.Main(context.Background(), []string{"serve", "--source", t.TempDir(), "--addr", addr.String(), "--lang", tt.lang}, &stdout, &stderr, os.DirFS(t.TempDir()))
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if stderr.String() != tt.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), tt.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
		})
	}
}

// TestServeBusyPortSuggestsAFreeOne checks that the port the hint suggests
// is free. A trial: with two herald serve running, a third was told to use
// the port of the second.
func TestServeBusyPortSuggestsAFreeOne(t *testing.T) {
	var busy []net.Listener // two neighbouring ports
	for range 20 {
		a, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Skip("cannot listen on loopback:", err)
		}
		b, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(a.Addr().(*net.TCPAddr).Port+1)))
		if err != nil {
			a.Close()
			continue
		}
		busy = []net.Listener{a, b}
		break
	}
	if busy == nil {
		t.Skip("found no two neighbouring free ports")
	}
	defer busy[0].Close()
	defer busy[1].Close()
	var stdout, stderr strings.Builder
	code := cli.Main(context.Background(), []string{"serve", "--source", t.TempDir(), "--addr", busy[0].Addr().String(), "--lang", "en"}, &stdout, &stderr, os.DirFS(t.TempDir()))
	m := regexp.MustCompile(`(?m)choose another port with --addr (127\.0\.0\.1:\d+)$`).FindStringSubmatch(stderr.String())
	if code != 1 || m == nil {
		t.Fatalf("exit code %d, stderr:\n%s", code, stderr.String())
	}
	for _, ln := range busy {
		if m[1] == ln.Addr().String() {
			t.Fatalf("the hint suggests %s, which is in use:\n%s", m[1], stderr.String())
		}
	}
	ln, err := net.Listen("tcp", m[1])
	if err != nil {
		t.Fatalf("the hint suggests %s, where herald cannot listen: %v", m[1], err)
	}
	ln.Close()
}

// TestServeAddr checks what herald serve says of the address it listens
// on. A trial: --addr 0.0.0.0:18436 and --addr :18436 printed
// http://[::]:18436/, which no browser opens, with no word that other
// machines could open the preview; and --addr 18436 failed with the
// listener's "missing port in address".
func TestServeAddr(t *testing.T) {
	tests := []struct {
		name, addr string // addr: a format of the port
		drafts     bool
		warning    string // a format of the port; "" for none
		baseURL    string // site.yaml's, when there is one
		path       string // where the preview is opened
	}{
		{"every interface", "0.0.0.0:%s", false, "herald: warning: --addr 0.0.0.0:%s listens beyond this machine: other machines on the network can open the preview too\n", "", "/"},
		{"every interface, drafts", ":%s", true, "herald: warning: --addr :%s listens beyond this machine: other machines on the network can open the preview too, drafts included\n", "", "/"},
		{"a port alone", "%s", false, "", "", "/"},
		// A trial: a site under a base path was said to be at /.
		{"a base path", "%s", false, "", "https://example.org/党建/", "/%E5%85%9A%E5%BB%BA/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Skip("cannot listen on loopback:", err)
			}
			port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
			ln.Close()
			dir := t.TempDir()
			if tt.baseURL != "" {
				if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: 站\nbaseURL: "+tt.baseURL+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"serve", "--source", dir, "--addr", strings.ReplaceAll(tt.addr, "%s", port), "--lang", "en"}
			if tt.drafts {
				args = append(args, "--drafts")
			}
			stdout, stderr := runServe(t, args)
			if want := "herald: serving " + dir + " at http://127.0.0.1:" + port + tt.path + " (press Ctrl+C to stop)\n"; stdout != want {
				t.Errorf("stdout %q, want %q", stdout, want)
			}
			warning := strings.ReplaceAll(tt.warning, "%s", port)
			if tt.warning != "" && !strings.Contains(stderr, warning) || tt.warning == "" && strings.Contains(stderr, "warning") {
				t.Errorf("stderr:\n%s\nwant the warning:\n%s", stderr, warning)
			}
		})
	}
}

// runServe runs herald with args until it prints where it serves, then
// stops it, and returns what it printed.
func runServe(t *testing.T, args []string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs testsite.Buffer
	code := make(chan int, 1)
	go func() { code <- cli.Main(ctx, args, &out, &errs, os.DirFS(t.TempDir())) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "Ctrl+C") {
		select {
		case c := <-code:
			t.Fatalf("herald %s exited with %d:\n%s", strings.Join(args, " "), c, errs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("herald %s never said where it serves:\n%s", strings.Join(args, " "), errs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-code
	return out.String(), errs.String()
}

// TestBuildBusy checks what a build says when another holds its output: in
// the site's language (a review: it was always English).
func TestBuildBusy(t *testing.T) {
	root := testsite.Root(t)
	site := t.TempDir()
	if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := output.Lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	tests := []struct{ lang, want string }{
		{"en", "herald: " + out + ": another herald build is writing this output; wait for it to finish, then build again\n"},
		{"zh", "herald：另一个 herald 正在生成 " + out + "；请等它完成后再生成\n"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := cli.Main(context.Background(), []string{"build", "--source", site, "--out", out, "--lang", tt.lang}, &stdout, &stderr, os.DirFS(root))
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if !strings.HasSuffix(stderr.String(), tt.want) {
				t.Errorf("stderr:\n%s\nwant it to end with:\n%s", stderr.String(), tt.want)
			}
		})
	}
}

// TestInterruptedFirstBuild checks what an interrupted build says when
// there was no output before it: a trial was told "the previous output is
// unchanged".
func TestInterruptedFirstBuild(t *testing.T) {
	s := testsite.Copy(t, testsite.Root(t), "site.yaml", "content")
	var out strings.Builder
	if code := cli.Main(context.Background(), []string{"build", "--source", s.Dir}, &out, &out, os.DirFS(testsite.Root(t))); code != 0 {
		t.Fatalf("build: %d\n%s", code, out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct{ out, want string }{
		{s.Path("nowhere"), "herald：已中断，没有写出任何文件\n"},
		{s.Path("public"), "herald：已中断，上一次的输出保持不变\n"},
	} {
		var stdout, stderr strings.Builder
		code := cli.Main(ctx, []string{"build", "--source", s.Dir, "--out", tt.out}, &stdout, &stderr, os.DirFS(testsite.Root(t)))
		if code != 1 || stderr.String() != tt.want {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), tt.want)
		}
	}
}

// Package testsite helps tests build whole sites: a site written as a txtar
// archive in a Go string, built with the real pipeline into a temporary
// folder, with golden files and a determinism check.
//
//	s := testsite.Write(t, `
//	-- site.yaml --
//	title: 测试
//	baseURL: https://example.org/
//	-- content/stories/a.md --
//	---
//	title: 一
//	...
//	`)
//	res, err := s.Build(t, testsite.Options{})
//	s.Contains(t, "public/stories/a/index.html", "<h1>一</h1>")
package testsite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/internal/testroot"

	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"
)

// Update is set by -update: golden files are rewritten instead of compared.
var Update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Now is the build time the tests use, so that scheduling does not depend on
// the day the tests run.
var Now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// Site is a site folder on disk.
type Site struct {
	Dir string // the site's folder
}

// Write writes a txtar archive into a new temporary folder.
func Write(t testing.TB, archive string) *Site {
	t.Helper()
	dir := t.TempDir()
	ar := txtar.Parse([]byte(strings.TrimPrefix(archive, "\n")))
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &Site{Dir: dir}
}

// ServeSample copies the repository's sample site, serves its public/
// folder over HTTP, through wrap when it is not nil, and builds the site at
// the server's URL. It returns the URL, the site and the build's options,
// for building it again.
func ServeSample(t testing.TB, wrap func(http.Handler) http.Handler) (string, *Site, build.Options) {
	t.Helper()
	s := Copy(t, Root(t), "site.yaml", "content")
	var h http.Handler = http.FileServer(http.Dir(s.Path("public")))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts := s.Options(Theme(t))
	opts.BaseURL = srv.URL + "/"
	if _, err := build.Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return srv.URL, s, opts
}

// Copy copies a folder (the repository's sample site, say) into a new
// temporary folder, leaving out public/.
func Copy(t testing.TB, src string, names ...string) *Site {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		root := filepath.Join(src, name)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return &Site{Dir: dir}
}

// Path returns the full path of a slash path in the site's folder.
func (s *Site) Path(rel string) string { return filepath.Join(s.Dir, filepath.FromSlash(rel)) }

// WriteFile writes a file of the site.
func (s *Site) WriteFile(t testing.TB, rel string, data []byte) {
	t.Helper()
	p := s.Path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Edit returns an edit of the file rel: its first old replaced by new. It
// fails the test when the file does not hold old.
func Edit(rel, old, new string) func(*testing.T, *Site) {
	return func(t *testing.T, s *Site) {
		t.Helper()
		text := s.Read(t, rel)
		if !strings.Contains(text, old) {
			t.Fatalf("%s does not hold %q", rel, old)
		}
		s.WriteFile(t, rel, []byte(strings.Replace(text, old, new, 1)))
	}
}

// Options returns build options for the site with the repository's theme,
// output in public/ and the build time Now.
func (s *Site) Options(theme fs.FS) build.Options {
	return build.Options{Source: s.Dir, Out: s.Path("public"), Theme: theme, Now: Now}
}

// Theme returns the repository's default theme, read from disk: the folder
// holding templates/ and static/, found by walking up from the test's
// folder to the one with go.mod.
func Theme(t testing.TB) fs.FS {
	t.Helper()
	return os.DirFS(Root(t))
}

// ThemeTemplates returns the files of the theme's templates/, by their
// slash-separated names under it ("partials/footer.html").
func ThemeTemplates(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(Theme(t), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Theme(t), p)
		files[strings.TrimPrefix(p, "templates/")] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Corpus returns the folder of the site benchmarks run on (see
// testroot.Corpus).
func Corpus(t testing.TB) string {
	t.Helper()
	return testroot.Corpus(t)
}

// Root returns the repository's root folder.
func Root(t testing.TB) string {
	t.Helper()
	return testroot.Root(t)
}

// Build builds the site with opts.
func (s *Site) Build(t testing.TB, opts build.Options) (*build.Result, error) {
	t.Helper()
	return build.Build(context.Background(), opts)
}

// Read returns a file of the site, failing the test if it cannot.
func (s *Site) Read(t testing.TB, rel string) string {
	t.Helper()
	data, err := os.ReadFile(s.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Contains fails the test unless the file holds every one of wants.
func (s *Site) Contains(t testing.TB, rel string, wants ...string) {
	t.Helper()
	got := s.Read(t, rel)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q", rel, w)
		}
	}
}

// Exists reports whether a file of the site exists.
func (s *Site) Exists(rel string) bool {
	_, err := os.Stat(s.Path(rel))
	return err == nil
}

// Tree returns every file under the folder rel, path -> content, with
// slash paths relative to it.
func (s *Site) Tree(t testing.TB, rel string) map[string][]byte {
	t.Helper()
	root := s.Path(rel)
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(r)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Digest returns one line per file of a tree, "sha256 path", sorted: a
// compact fingerprint of a whole output.
func Digest(tree map[string][]byte) string {
	names := make([]string, 0, len(tree))
	for n := range tree {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		sum := sha256.Sum256(tree[n])
		b.WriteString(hex.EncodeToString(sum[:8]) + " " + n + "\n")
	}
	return b.String()
}

// Golden compares got with the file testdata/name, or writes it with
// -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", filepath.FromSlash(name))
	if *Update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update if the change is intended):\n%s", p, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first lines where two texts differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// RequireTool returns the path of an external tool the test needs, such as
// java or chromium. When it is missing, the test is skipped with a loud
// message, or fails under CI=true, where every part must be present.
func RequireTool(t testing.TB, what string, paths ...string) string {
	t.Helper()
	for _, p := range paths {
		if strings.Contains(p, "/") {
			if _, err := os.Stat(p); err == nil {
				return p
			}
			continue
		}
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
	}
	Missing(t, what+" (looked for "+strings.Join(paths, ", ")+")")
	return ""
}

// Missing skips the test because a real part it needs is missing, loudly; or
// fails it under CI=true.
func Missing(t testing.TB, what string) {
	t.Helper()
	MissingBecause(t, what, ".ci/run installs it")
}

// MissingBecause is Missing for a part that .ci/run does not install: how
// tells where it comes from.
func MissingBecause(t testing.TB, what, how string) {
	t.Helper()
	msg := "MISSING " + what + ": this test needs it; " + how
	if os.Getenv("CI") == "true" || os.Getenv("CI") == "1" {
		t.Fatal(msg)
	}
	t.Skip("\n\n*** SKIPPED: " + msg + " ***\n")
}

// Browser starts a headless Chromium for the test and returns a context of
// one tab in a window of the given size. The browser is Debian's
// /usr/bin/chromium (or chromium on PATH); when it is missing the test is
// skipped loudly, or fails under CI=true.
func Browser(t testing.TB, width, height int) context.Context {
	t.Helper()
	exe := RequireTool(t, "Chromium", "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	// A busy machine now and then fails to start Chromium at the first try:
	// try three times before giving up.
	var err error
	for try := 1; try <= 3; try++ {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		// The first action starts the browser, which lives as long as ctx:
		// it runs without a timeout.
		if err = chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err == nil {
			t.Cleanup(func() {
				cancel()
				cancelAlloc()
			})
			return ctx
		}
		cancel()
		cancelAlloc()
		t.Logf("starting Chromium, try %d: %v", try, err)
	}
	t.Fatalf("starting Chromium: %v", err)
	return nil
}

// Buffer is a strings.Builder that goroutines may write and read at once:
// the log of a server or a command a test runs in the background.
type Buffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

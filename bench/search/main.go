// Command search benchmarks herald's static Chinese search against Pagefind
// on the corpus of ../shared/bench/gencorpus, built by herald: index build
// time and peak memory, index files and bytes, what a query costs the
// browser (requests and bytes, in real Chromium), and recall and precision.
//
//	go run ./bench/search [-n 10000] [-seed 1] [-work DIR] [-pagefind PATH]
//
// See README.md in this folder.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"herald/generator/build"
	"herald/generator/search"
)

// buildNow is the build time: after the corpus's last story (mid-2026), so
// every non-draft story is published whatever the day the benchmark runs.
var buildNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

const timeBin = "/usr/bin/time"

// typical are the queries readers type, from issue 4. "5G" is replaced by
// latinFallback when the corpus holds no Latin words.
var typical = []string{"退役军人", "营商环境", "党史学习教育", "5G", "荷花塘社区", "为民办实事", "党员突击队", "人才公寓", "换届选举", "项目建设"}

const latinFallback = "最后一公里"

const pagefindVersion = "1.6.0"

func main() {
	if len(os.Args) > 1 && os.Args[1] == indexCmd {
		if err := runIndexCmd(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "index:", err)
			os.Exit(1)
		}
		return
	}
	n := flag.Int("n", 10000, "number of stories to generate")
	seed := flag.Uint64("seed", 1, "corpus seed (also seeds the random queries)")
	work := flag.String("work", "", "working folder (default: a folder under the system's temporary folder, kept)")
	pf := flag.String("pagefind", "", "the pagefind binary (default: from the npm package pagefind@"+pagefindVersion+" under <repo>/.tools, installed if missing)")
	runs := flag.Int("runs", 3, "timed runs of each indexer (the median is reported)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium to drive")
	randomN := flag.Int("random", 30, "random substring queries")
	flag.Parse()
	b := &bench{n: *n, seed: *seed, work: *work, pagefind: *pf, runs: *runs, chromium: *chromium, randomN: *randomN}
	if err := b.run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

type bench struct {
	n, runs, randomN      int
	seed                  uint64
	work, pagefind        string
	chromium              string
	root, public, baseURL string
	start                 time.Time
	notes                 []string
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] %s\n", time.Since(b.start).Seconds(), fmt.Sprintf(format, args...))
}

func (b *bench) note(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
}

func (b *bench) run() error {
	b.start = time.Now()
	upBefore := command("uptime")
	fmt.Fprintln(os.Stderr, "uptime before:", upBefore)
	var err error
	if b.root, err = repoRoot(); err != nil {
		return err
	}
	if b.work == "" {
		b.work = filepath.Join(os.TempDir(), fmt.Sprintf("herald-bench-search-n%d-seed%d", b.n, b.seed))
	}
	if b.work, err = filepath.Abs(b.work); err != nil {
		return err
	}
	if err := os.MkdirAll(b.work, 0o755); err != nil {
		return err
	}
	b.public = filepath.Join(b.work, "public")
	if _, err := os.Stat(timeBin); err != nil {
		return fmt.Errorf("%s is missing: install GNU time (apt-get install time)", timeBin)
	}
	if _, err := os.Stat(b.chromium); err != nil {
		return fmt.Errorf("Chromium %s is missing (apt-get install chromium, or -chromium PATH)", b.chromium)
	}
	if b.pagefind == "" {
		if b.pagefind, err = b.findPagefind(); err != nil {
			return err
		}
	}

	// 1. The corpus, built by herald, served on 127.0.0.1.
	gen := filepath.Join(b.root, "..", "shared", "bench", "gencorpus")
	b.logf("generating %d stories (seed %d) into %s", b.n, b.seed, b.work)
	cmd := exec.Command("go", "run", ".", "-n", fmt.Sprint(b.n), "-seed", fmt.Sprint(b.seed), "-out", b.work)
	cmd.Dir = gen
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("gencorpus: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	b.baseURL = "http://" + ln.Addr().String() + "/"
	srv := newServer(b.public)
	go http.Serve(ln, srv)
	defer ln.Close()

	b.logf("building the site with herald (base URL %s)", b.baseURL)
	opts := build.Options{Source: b.work, Out: b.public, Theme: os.DirFS(b.root), BaseURL: b.baseURL, Now: buildNow}
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		return fmt.Errorf("herald build: %w", err)
	}
	st := res.Stats
	b.logf("herald: %d stories (%d drafts left out), %d pages, %d files, %.1f MB in %s", st.Stories, st.Drafts, st.Pages, st.Files, float64(st.Bytes)/1e6, st.Duration.Round(time.Millisecond))

	// 2. Index builds, whole process, under GNU time.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	idxOut := filepath.Join(b.work, "herald-index")
	var heraldRuns, pagefindRuns []timed
	for i := range b.runs {
		b.logf("herald index, run %d of %d", i+1, b.runs)
		r, err := gnuTime(b.work, self, indexCmd, "-source", b.work, "-theme", b.root, "-base", b.baseURL, "-out", idxOut)
		if err != nil {
			return err
		}
		b.logf("  %.2f s, %d MiB (%v)", r.wall, r.rssKiB>>10, r.phases)
		heraldRuns = append(heraldRuns, r)
	}
	b.logf("herald: build.Load alone, for comparison")
	loadOnly, err := gnuTime(b.work, self, indexCmd, "-source", b.work, "-theme", b.root, "-base", b.baseURL, "-out", idxOut, "-load-only")
	if err != nil {
		return err
	}
	b.logf("  %.2f s, %d MiB", loadOnly.wall, loadOnly.rssKiB>>10)
	if err := sameIndex(filepath.Join(idxOut, search.Dir), filepath.Join(b.public, search.Dir)); err != nil {
		b.note("The index the timed runs wrote differs from the one in the built site: %v.", err)
	}
	pfOut := filepath.Join(b.public, "pagefind")
	for i := range b.runs {
		os.RemoveAll(pfOut)
		b.logf("Pagefind index, run %d of %d", i+1, b.runs)
		r, err := gnuTime(b.work, b.pagefind, "--site", b.public, "--glob", "stories/**/*.html")
		if err != nil {
			return err
		}
		b.logf("  %.2f s, %d MiB, %d pages", r.wall, r.rssKiB>>10, r.pages)
		pagefindRuns = append(pagefindRuns, r)
	}
	if err := writePagefindPage(b.public); err != nil {
		return err
	}

	// 3. Sizes on disk.
	hFiles, hBytes, err := dirStats(filepath.Join(b.public, search.Dir), func(rel string) bool { return rel == "index.html" })
	if err != nil {
		return err
	}
	pFiles, pBytes, err := dirStats(pfOut, nil)
	if err != nil {
		return err
	}
	pIdxFiles, pIdxBytes, _ := dirStats(pfOut, func(rel string) bool {
		return strings.HasSuffix(rel, ".css") || strings.HasSuffix(rel, "-ui.js") || rel == "pagefind-highlight.js"
	})

	// 4. The truth, herald's reader over the files the browser reads.
	b.logf("loading the site for the ground truth")
	l, err := build.Load(context.Background(), opts)
	if err != nil {
		return err
	}
	c, err := newCorpus(l.Site)
	if err != nil {
		return err
	}
	files, err := readTree(filepath.Join(b.public, search.Dir), search.Dir+"/")
	if err != nil {
		return err
	}
	reader, err := search.Open(files)
	if err != nil {
		return err
	}
	queries := slices.Clone(typical)
	for i, q := range queries {
		if q == "5G" && len(c.truth("5G")) == 0 && len(c.truth("５Ｇ")) == 0 {
			queries[i] = latinFallback
			b.note("The corpus holds no Latin words (its bodies have only Chinese, digits and Markdown), so 5G, which no story contains, was replaced by %s, a phrase as common in such news.", latinFallback)
		}
	}
	for _, q := range queries {
		if len(c.truth(q)) == 0 {
			b.note("No story body contains the typical query %s.", q)
		}
	}
	random := c.randomQueries(b.randomN, b.seed, queries)
	all := append(slices.Clone(queries), random...)

	// 5. The browser: traffic of each typical query, cold and warm.
	userDir, err := os.MkdirTemp("", "bench-chromium-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(userDir)
	browser, stop, err := startBrowser(b.chromium, userDir)
	if err != nil {
		return err
	}
	defer stop()
	var hRuns, pRuns []pageRun
	for i, q := range queries {
		q2 := queries[(i+1)%len(queries)]
		b.logf("browser: %s then %s", q, q2)
		hr, err := measurePage(browser, srv, b.baseURL, heraldEngine, q, q2)
		if err != nil {
			return err
		}
		pr, err := measurePage(browser, srv, b.baseURL, pagefindEngine, q, q2)
		if err != nil {
			return err
		}
		hRuns, pRuns = append(hRuns, hr), append(pRuns, pr)
	}
	if err := writeRequestLog(filepath.Join(b.work, "requests.tsv"), hRuns, pRuns); err != nil {
		return err
	}
	b.logf("browser: every Pagefind result of %d queries", len(all))
	pfResults, err := pagefindAll(browser, b.baseURL, all)
	if err != nil {
		return err
	}
	stop()

	// 6. Judge.
	rows := make([]queryRow, len(all))
	for i, q := range all {
		truth := c.truth(q)
		hr, err := c.heraldRanked(reader, q)
		if err != nil {
			return err
		}
		hp, err := c.heraldPage(reader, q)
		if err != nil {
			return err
		}
		var pr []int
		for _, u := range pfResults[i] {
			pr = append(pr, c.idOf(u))
		}
		var shownH, shownP []int
		if i < len(queries) {
			for _, u := range hRuns[i].shown {
				shownH = append(shownH, c.idOf(u))
			}
			for _, u := range pRuns[i].shown {
				shownP = append(shownP, c.idOf(u))
			}
		}
		rows[i] = queryRow{pageH: c.judge(q, truth, hp), shownH: c.judge(q, truth, shownH), shownP: c.judge(q, truth, shownP), q: q, typical: i < len(queries), truth: len(truth), herald: c.judge(q, truth, hr), pagefind: c.judge(q, truth, pr), browserN: -1}
		if i < len(queries) {
			rows[i].browserN = hRuns[i].coldCount
			rows[i].pfPageN = pRuns[i].coldCount
			if hRuns[i].coldCount != len(hr) {
				b.note("herald's page reported %d results for %s; search.Reader finds %d.", hRuns[i].coldCount, q, len(hr))
			}
		}
	}
	upAfter := command("uptime")
	fmt.Fprintln(os.Stderr, "uptime after:", upAfter)
	rep := report{
		b: b, res: res, rows: rows, hRuns: hRuns, pRuns: pRuns,
		heraldRuns: heraldRuns, loadOnly: loadOnly, pagefindRuns: pagefindRuns,
		hFiles: hFiles, hBytes: hBytes, pFiles: pFiles, pBytes: pBytes, pIdxFiles: pIdxFiles, pIdxBytes: pIdxBytes,
		upBefore: upBefore, upAfter: upAfter, srv: srv,
	}
	out := rep.markdown()
	fmt.Print(out)
	if err := os.WriteFile(filepath.Join(b.work, "results.md"), []byte(out), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "written to %s\n", filepath.Join(b.work, "results.md"))
	return nil
}

// writeRequestLog writes every request of the browser runs, one a line:
// engine, query, phase, path, Range, status, bytes.
func writeRequestLog(name string, hRuns, pRuns []pageRun) error {
	var w strings.Builder
	w.WriteString("engine\tquery\tphase\tpath\trange\tstatus\tbytes\n")
	for _, e := range []struct {
		name string
		runs []pageRun
	}{{"herald", hRuns}, {"Pagefind", pRuns}} {
		for _, r := range e.runs {
			for _, x := range []struct {
				q, phase string
				log      []record
			}{{r.q, "first", r.coldLog}, {r.q2, "later", r.warmLog}} {
				for _, rec := range x.log {
					fmt.Fprintf(&w, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", e.name, x.q, x.phase, rec.Path, rec.Range, rec.Status, rec.Bytes)
				}
			}
		}
	}
	return os.WriteFile(name, []byte(w.String()), 0o644)
}

// findPagefind returns the pagefind binary of the npm package under
// <repo>/.tools, installing the package there when it is missing.
func (b *bench) findPagefind() (string, error) {
	find := func() string {
		for _, name := range []string{"pagefind_extended", "pagefind"} {
			m, _ := filepath.Glob(filepath.Join(b.root, ".tools", "node_modules", "@pagefind", "*", "bin", name))
			if len(m) > 0 {
				return m[0]
			}
		}
		return ""
	}
	if p := find(); p != "" {
		return p, nil
	}
	b.logf("installing pagefind@%s with npm into %s", pagefindVersion, filepath.Join(b.root, ".tools"))
	cmd := exec.Command("npm", "install", "--prefix", filepath.Join(b.root, ".tools"), "pagefind@"+pagefindVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install pagefind: %v\n%s", err, out)
	}
	if p := find(); p != "" {
		return p, nil
	}
	return "", errors.New("npm installed pagefind but no binary for this platform was found under .tools/node_modules/@pagefind; pass -pagefind PATH")
}

// repoRoot returns the folder of herald's go.mod, from the working folder up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(data), "module herald\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run this inside the herald repository")
		}
		dir = parent
	}
}

// sameIndex checks that two search/ folders hold the same file names (they
// are content-hashed), leaving out the search page.
func sameIndex(a, b string) error {
	names := func(dir string) ([]string, error) {
		files, err := readTree(dir, "")
		if err != nil {
			return nil, err
		}
		var out []string
		for p := range files {
			if p != "index.html" && p != "index.json" {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out, nil
	}
	x, err := names(a)
	if err != nil {
		return err
	}
	y, err := names(b)
	if err != nil {
		return err
	}
	if !slices.Equal(x, y) {
		return fmt.Errorf("%d files against %d, or names differ", len(x), len(y))
	}
	return nil
}

// command runs a command and returns its output, trimmed, or the error.
func command(name string, args ...string) string {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("(%s: %v)", name, err)
	}
	return strings.TrimSpace(string(out))
}

func machine() string {
	mem := "?"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				var kb int64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
				mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	model := ""
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(l, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (nproc %s), %s memory, %s, %s/%s", runtime.NumCPU(), command("nproc"), mem, model, runtime.GOOS, runtime.GOARCH)
}

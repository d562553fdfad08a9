// Command serve measures herald's live preview against Hugo's on the same
// stories: the time from start to the first page, and from saving a story
// or a template to the page showing it. See README.md.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	corpus := flag.String("corpus", "", "a folder made by ../shared/bench/gencorpus with -hugo (it is copied, not changed)")
	herald := flag.String("herald", "", "the herald binary (default: built from this repository)")
	hugo := flag.String("hugo", "hugo", "the hugo binary")
	runs := flag.Int("runs", 5, "saves of each kind")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/serve -corpus DIR [-herald BIN] [-hugo BIN] [-runs N]")
		os.Exit(2)
	}
	work, err := os.MkdirTemp("", "herald-serve-bench-")
	check(err)
	defer os.RemoveAll(work)
	if *herald == "" {
		*herald = filepath.Join(work, "herald")
		run("go", "build", "-o", *herald, ".")
	}
	site := filepath.Join(work, "site")
	run("cp", "-r", *corpus, site)
	os.RemoveAll(filepath.Join(site, "public"))
	os.RemoveAll(filepath.Join(site, "hugo", "public"))
	stories := storyFiles(filepath.Join(site, "content"))

	fmt.Printf("# live preview, %s, %d stories; %d saves of each kind; load %s\n", time.Now().UTC().Format("2006-01-02"), len(stories), *runs, load())
	fmt.Println()
	fmt.Println("| figure | herald | Hugo |")
	fmt.Println("|---|---:|---:|")

	h := measure(*runs, "herald", []string{*herald, "serve", "--source", site, "--addr"}, site, stories, func(f string) string {
		return storyURL(site, f)
	}, filepath.Join(site, "templates", "partials", "footer.html"), heraldFooter)
	g := measure(*runs, "hugo", []string{*hugo, "server", "--source", filepath.Join(site, "hugo"), "--bind", "127.0.0.1", "--port"}, filepath.Join(site, "hugo"), hugoStories(site, stories), func(f string) string {
		return storyURL(filepath.Join(site, "hugo"), f)
	}, filepath.Join(site, "hugo", "layouts", "_default", "single.html"), "")
	fmt.Printf("| start to first page | %s | %s |\n", h.start.Round(time.Millisecond), g.start.Round(time.Millisecond))
	fmt.Printf("| peak RSS after first page | %d MiB | %d MiB |\n", h.rss>>10, g.rss>>10)
	fmt.Printf("| save a story → its page shows it (median) | %s | %s |\n", median(h.save), median(g.save))
	fmt.Printf("| save a story → reload event (median) | %s | — |\n", median(h.event))
	fmt.Printf("| save a template → page shows it (median) | %s | %s |\n", median(h.tmpl), median(g.tmpl))
	fmt.Printf("\n# load after: %s\n", load())
}

const heraldFooter = "" // filled from the theme at run time

type result struct {
	start             time.Duration
	rss               int64 // KiB
	save, event, tmpl []time.Duration
}

// measure starts a server, waits for its first page, then saves stories and
// a template and waits for pages to show each save.
func measure(runs int, name string, argv []string, dir string, stories []string, url func(string) string, tmpl, _ string) result {
	port := freePort()
	cmd := exec.Command(argv[0], append(argv[1:], portArg(name, port))...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	check(cmd.Start())
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var r result
	waitFor(base+"/", func(string) bool { return true }, 5*time.Minute)
	r.start = time.Since(start)
	r.rss = peakRSS(cmd.Process.Pid)

	var events chan struct{}
	if name == "herald" {
		events = sse(base + "/_herald/events")
	}
	for i := 0; i < runs; i++ {
		f := stories[(i*7919)%len(stories)]
		marker := fmt.Sprintf("测速标记%d%d", i, time.Now().UnixNano()%100000)
		page := base + url(f)
		waitFor(page, func(string) bool { return true }, time.Minute) // rendered once, as a reader has it open
		drain(events)
		t0 := time.Now()
		save(f, func(b []byte) []byte { return append(b, []byte("\n\n"+marker+"。\n")...) })
		if events != nil {
			select {
			case <-events:
				r.event = append(r.event, time.Since(t0))
			case <-time.After(time.Minute):
			}
		}
		waitFor(page, func(body string) bool { return strings.Contains(body, marker) }, time.Minute)
		r.save = append(r.save, time.Since(t0))
		time.Sleep(300 * time.Millisecond)
	}
	if name == "herald" && !exists(tmpl) {
		// The site overrides the theme's footer with a copy of its own.
		os.MkdirAll(filepath.Dir(tmpl), 0o755)
		data, err := os.ReadFile(filepath.Join("templates", "partials", "footer.html"))
		check(err)
		check(os.WriteFile(tmpl, data, 0o644))
		time.Sleep(time.Second)
	}
	for i := 0; i < runs; i++ {
		marker := fmt.Sprintf("模板标记%d%d", i, time.Now().UnixNano()%100000)
		page := base + url(stories[(i*104729)%len(stories)])
		waitFor(page, func(string) bool { return true }, time.Minute)
		t0 := time.Now()
		save(tmpl, func(b []byte) []byte {
			if i := bytes.LastIndex(b, []byte("</")); i >= 0 && name == "hugo" {
				return append(b[:i:i], append([]byte("<p>"+marker+"</p>"), b[i:]...)...)
			}
			return append(b, []byte("<p>"+marker+"</p>\n")...)
		})
		waitFor(page, func(body string) bool { return strings.Contains(body, marker) }, time.Minute)
		r.tmpl = append(r.tmpl, time.Since(t0))
		time.Sleep(300 * time.Millisecond)
	}
	return r
}

func portArg(name string, port int) string {
	if name == "herald" {
		return fmt.Sprintf("127.0.0.1:%d", port)
	}
	return fmt.Sprint(port)
}

// save rewrites a file the way most editors save: a new file, renamed over.
func save(path string, edit func([]byte) []byte) {
	data, err := os.ReadFile(path)
	check(err)
	tmp := path + ".tmp~"
	check(os.WriteFile(tmp, edit(data), 0o644))
	check(os.Rename(tmp, path))
}

func waitFor(url string, ok func(string) bool, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && ok(string(body)) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "serve bench: gave up waiting for %s\n", url)
	os.Exit(1)
}

func sse(url string) chan struct{} {
	ch := make(chan struct{}, 16)
	resp, err := http.Get(url)
	check(err)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				ch <- struct{}{}
			}
		}
	}()
	return ch
}

func drain(ch chan struct{}) {
	for ch != nil {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func storyFiles(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && strings.Contains(p, "/stories/") {
			data, _ := os.ReadFile(p)
			if !bytes.Contains(data, []byte("\ndraft: true")) {
				out = append(out, p)
			}
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// hugoStories maps herald's story files to the Hugo site's copies.
func hugoStories(site string, stories []string) []string {
	out := make([]string, len(stories))
	for i, s := range stories {
		out[i] = filepath.Join(site, "hugo", strings.TrimPrefix(s, site))
	}
	return out
}

// storyURL is a story's page path: its folder under content/ and its name.
func storyURL(site, file string) string {
	rel := strings.TrimPrefix(file, filepath.Join(site, "content"))
	return strings.TrimSuffix(rel, ".md") + "/"
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// peakRSS reads a process's peak resident set, in KiB.
func peakRSS(pid int) int64 {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var n int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &n)
			return n
		}
	}
	return 0
}

func median(ds []time.Duration) string {
	if len(ds) == 0 {
		return "—"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(time.Millisecond).String()
}

func load() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve bench:", err)
		os.Exit(1)
	}
}

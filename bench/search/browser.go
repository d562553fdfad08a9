package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// pagefindPage is the minimal Pagefind search page the benchmark writes
// into the site: it loads Pagefind's JS API when it first searches, runs
// pagefind.search(q) and loads the data() of the first 10 results, roughly
// what Pagefind's default UI shows. bench.all(q) returns the address of
// every result, for recall.
const pagefindPage = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Pagefind</title>
</head>
<body>
<p id="status"></p>
<ol id="results"></ol>
<script type="module">
let pf;
async function load() {
  if (!pf) pf = await import("/pagefind/pagefind.js");
  return pf;
}
window.bench = {
  async run(q) {
    const p = await load();
    const r = await p.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    const list = document.getElementById("results");
    list.textContent = "";
    for (const d of data) {
      const li = document.createElement("li");
      li.innerHTML = "<a></a><p></p>";
      li.querySelector("a").href = d.url;
      li.querySelector("a").textContent = d.meta.title || d.url;
      li.querySelector("p").innerHTML = d.excerpt;
      list.appendChild(li);
    }
    document.getElementById("status").textContent = r.results.length + " results";
    window.benchDone = { q, count: r.results.length, urls: data.map(d => d.url) };
    return window.benchDone;
  },
  async all(q) {
    const p = await load();
    const r = await p.search(q);
    const data = await Promise.all(r.results.map(x => x.data()));
    return data.map(d => d.url);
  },
};
const q = new URLSearchParams(location.search).get("q");
if (q) window.bench.run(q);
</script>
</body>
</html>
`

const pagefindPagePath = "pagefind-bench/index.html"

// startBrowser starts a headless Chromium and returns the context of its
// first tab.
func startBrowser(exe, userDir string) (context.Context, context.CancelFunc, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(userDir),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		cancel()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return ctx, func() { cancel(); cancelAlloc() }, nil
}

// engine is one search to drive in the browser.
type engine struct {
	name  string
	page  string                // the search page's path
	query func(p string) bool   // whether a request is the query's (else the page's own)
	kind  func(p string) string // what a query request fetched
	wait  func(q string) string // JS: non-null once the results of q are shown; the number found
	again func(q string) string // JS: start q on the same page
	shown string                // JS: the addresses of the first 10 results shown
}

var heraldEngine = engine{
	name: "herald",
	page: "/search/",
	query: func(p string) bool {
		return strings.HasPrefix(p, "/search/") && p != "/search/" && p != "/search/index.html"
	},
	kind: func(p string) string {
		switch {
		case p == "/search/index.json":
			return "manifest"
		case strings.HasPrefix(p, "/search/s/"):
			return "dictionaries"
		case strings.HasPrefix(p, "/search/p/"):
			return "posting lists (Range)"
		case strings.HasPrefix(p, "/search/t/"):
			return "story members (Range)"
		case strings.HasPrefix(p, "/search/f."):
			return "facets"
		case strings.HasPrefix(p, "/search/fold."):
			return "fold table"
		}
		return "other"
	},
	wait: func(q string) string {
		return `(() => { const l = document.querySelector(".results"); if (!l || l.getAttribute("data-q") !== ` + strconv.Quote(q) + `) return null;
  const s = document.querySelector(".search-status").textContent; const m = s.match(/^找到\s*(\d+)/) || s.match(/^(\d+) stories/);
  return [m ? Number(m[1]) : 0] })()`
	},
	shown: `[...document.querySelectorAll(".results li h2 a")].slice(0, 10).map(a => a.getAttribute("href"))`,
	again: func(q string) string {
		return `(() => { const i = document.querySelector("#search-q"); i.value = ` + strconv.Quote(q) + `; i.form.requestSubmit(); return true })()`
	},
}

var pagefindEngine = engine{
	name:  "Pagefind",
	page:  "/pagefind-bench/",
	query: func(p string) bool { return strings.HasPrefix(p, "/pagefind/") },
	kind: func(p string) string {
		switch {
		case p == "/pagefind/pagefind.js", p == "/pagefind/pagefind-worker.js":
			return "JS"
		case strings.HasPrefix(p, "/pagefind/wasm."):
			return "wasm"
		case p == "/pagefind/pagefind-entry.json", strings.HasSuffix(p, ".pf_meta"):
			return "entry + meta"
		case strings.HasPrefix(p, "/pagefind/index/"):
			return "index chunks"
		case strings.HasPrefix(p, "/pagefind/fragment/"):
			return "fragments"
		}
		return "other"
	},
	wait: func(q string) string {
		return `(window.benchDone && window.benchDone.q === ` + strconv.Quote(q) + `) ? [window.benchDone.count] : null`
	},
	shown: `window.benchDone.urls`,
	again: func(q string) string {
		return `(() => { window.bench.run(` + strconv.Quote(q) + `); return true })()`
	},
}

// pageRun is what one fresh page did: its own weight, the first query and
// a later one.
type pageRun struct {
	q, q2              string
	page, cold, warm   traffic
	coldCount, warm2N  int // results the page reported
	coldTime, warmTime time.Duration
	shown              []string // the addresses of the first 10 results the page shows for q
	coldLog, warmLog   []record
}

// measurePage opens eng's page with ?q=q in a new browser context (an empty
// cache), waits for the results, then runs q2 on the same page.
func measurePage(browser context.Context, srv *server, base string, eng engine, q, q2 string) (pageRun, error) {
	run := pageRun{q: q, q2: q2}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	// Start the tab before marking, so that nothing of the browser's own
	// start is counted.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return run, err
	}
	m := srv.mark()
	t0 := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+strings.TrimPrefix(eng.page, "/")+"?q="+url.QueryEscape(q))); err != nil {
		return run, err
	}
	n, err := poll(ctx, eng.wait(q))
	if err != nil {
		return run, fmt.Errorf("%s %q: results never came: %w", eng.name, q, err)
	}
	run.coldCount = n[0]
	run.coldTime = time.Since(t0)
	recs := srv.since(m, 300*time.Millisecond, 5*time.Second)
	run.coldLog = recs
	if run.shown, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](eng.shown)); err != nil {
		return run, err
	}
	var own, query []record
	for _, r := range recs {
		if eng.query(r.Path) {
			query = append(query, r)
		} else {
			own = append(own, r)
		}
	}
	run.page, run.cold = srv.sum(own, nil), srv.sum(query, eng.kind)

	m = srv.mark()
	t0 = time.Now()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](eng.again(q2))); err != nil {
		return run, err
	}
	n, err = poll(ctx, eng.wait(q2))
	if err != nil {
		return run, fmt.Errorf("%s %q after %q: results never came: %w", eng.name, q2, q, err)
	}
	run.warm2N = n[0]
	run.warmTime = time.Since(t0)
	run.warmLog = srv.since(m, 300*time.Millisecond, 5*time.Second)
	run.warm = srv.sum(run.warmLog, eng.kind)
	return run, nil
}

// poll waits for js to give a one-element array. It polls again when the
// page's execution context changed under it (Chromium can replace it just
// after a navigation), which Poll reports as an error.
func poll(ctx context.Context, js string) ([]int, error) {
	for try := 0; ; try++ {
		n, err := chromedp.Run(ctx, chromedp.Poll[[]int](js, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
		if err == nil && len(n) == 1 {
			return n, nil
		}
		if err == nil {
			err = fmt.Errorf("got %v", n)
		}
		if try >= 5 || ctx.Err() != nil || !strings.Contains(err.Error(), "context") {
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pagefindAll returns the addresses of every Pagefind result of each query.
func pagefindAll(browser context.Context, base string, queries []string) ([][]string, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+strings.TrimPrefix(pagefindEngine.page, "/"))); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!window.bench`)); err != nil {
		return nil, err
	}
	out := make([][]string, len(queries))
	for i, q := range queries {
		qctx, c := context.WithTimeout(ctx, 5*time.Minute)
		urls, err := chromedp.Run(qctx, chromedp.Evaluate[[]string](`window.bench.all(`+strconv.Quote(q)+`)`, chromedp.EvalAwaitPromise))
		c()
		if err != nil {
			return nil, fmt.Errorf("Pagefind %q: %w", q, err)
		}
		out[i] = urls
	}
	return out, nil
}

func writePagefindPage(public string) error {
	p := filepath.Join(public, filepath.FromSlash(pagefindPagePath))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(pagefindPage), 0o644)
}

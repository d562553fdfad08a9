package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"herald/generator/build"
)

type queryRow struct {
	q                string
	typical          bool
	truth            int
	herald, pagefind judged
	shownH, shownP   judged // the first 10 results the browser pages show (typical queries)
	pageH            judged // the first page of herald's results as search.Reader's Page ranks it (all queries)
	browserN         int    // results herald's page reported (typical queries), -1 if not run
	pfPageN          int    // results the Pagefind page reported
}

type report struct {
	b                        *bench
	res                      *build.Result
	rows                     []queryRow
	hRuns, pRuns             []pageRun
	heraldRuns, pagefindRuns []timed
	loadOnly                 timed // herald's build.Load alone
	hFiles, pFiles           int
	hBytes, pBytes           int64
	pIdxFiles                int
	pIdxBytes                int64
	upBefore, upAfter        string
	srv                      *server
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianOf(runs []pageRun, f func(pageRun) float64) float64 {
	xs := make([]float64, len(runs))
	for i, r := range runs {
		xs[i] = f(r)
	}
	return median(xs)
}

// kB formats bytes in decimal kilobytes (as Pagefind's figures are).
func kB(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", n/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.0f kB", n/1e3)
	default:
		return fmt.Sprintf("%.1f kB", n/1e3)
	}
}

func ms(sec float64) string { return fmt.Sprintf("%.0f ms", sec*1000) }

func num(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%.1f", x)
}

type agg struct {
	truth, found, results, containing, top, topHolding, missQueries, misses int
	perQueryResults                                                         []float64
}

func aggregate(rows []queryRow, pick func(queryRow) judged, keep func(queryRow) bool) agg {
	var a agg
	for _, r := range rows {
		if !keep(r) {
			continue
		}
		j := pick(r)
		a.truth += r.truth
		a.found += j.Found
		a.results += j.Results
		a.containing += j.Containing
		a.top += j.Top
		a.topHolding += j.TopHolding
		if len(j.Missed) > 0 {
			a.missQueries++
			a.misses += len(j.Missed)
		}
		a.perQueryResults = append(a.perQueryResults, float64(j.Results))
	}
	return a
}

func ratio(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

func (r *report) markdown() string {
	b := r.b
	var w strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&w, format+"\n", args...) }

	hWall, hRSS, hMid := medianRun(r.heraldRuns)
	pWall, pRSS, pMid := medianRun(r.pagefindRuns)
	loads := []float64{}
	for _, t := range append(slices.Clone(r.heraldRuns), r.pagefindRuns...) {
		loads = append(loads, t.load)
	}
	minLoad, maxLoad := slices.Min(loads), slices.Max(loads)
	nTyp := 0
	for _, row := range r.rows {
		if row.typical {
			nTyp++
		}
	}
	isTyp := func(q queryRow) bool { return q.typical }
	isRand := func(q queryRow) bool { return !q.typical }
	every := func(queryRow) bool { return true }
	pickH := func(q queryRow) judged { return q.herald }
	pickP := func(q queryRow) judged { return q.pagefind }
	hT, pT := aggregate(r.rows, pickH, isTyp), aggregate(r.rows, pickP, isTyp)
	hR, pR := aggregate(r.rows, pickH, isRand), aggregate(r.rows, pickP, isRand)
	hA, pA := aggregate(r.rows, pickH, every), aggregate(r.rows, pickP, every)
	var truths []float64
	for _, row := range r.rows {
		truths = append(truths, float64(row.truth))
	}

	p("## Search benchmark: herald vs Pagefind %s", pagefindVersion)
	p("")
	p("%d stories generated (`gencorpus -n %d -seed %d`), %d published (%d drafts left out), built by herald into %d files; Pagefind indexed %d story pages (`--glob 'stories/**/*.html'`).",
		b.n, b.n, b.seed, r.res.Stats.Stories, r.res.Stats.Drafts, r.res.Stats.Files, pMid.pages)
	p("")
	p("- date: %s", time.Now().Format("2006-01-02 15:04 MST"))
	p("- machine: %s", machine())
	p("- versions: herald %s, %s; %s (%s); %s", heraldVersion(b.root), runtime.Version(), firstLine(command(b.pagefind, "--version"), "pagefind"), b.pagefind, firstLine(command(b.chromium, "--version"), "Chromium"))
	p("- uptime before: `%s`", r.upBefore)
	p("- uptime after:  `%s`", r.upAfter)
	if maxLoad > float64(runtime.NumCPU()) {
		p("- **load was high**: the 1-minute load average was %.1f–%.1f when the timed runs started, on %d cores shared with other work, so build times are inflated and noisy.", minLoad, maxLoad, runtime.NumCPU())
	} else {
		p("- 1-minute load average when the timed runs started: %.1f–%.1f on %d cores.", minLoad, maxLoad, runtime.NumCPU())
	}
	p("")
	p("| | herald | Pagefind %s |", pagefindVersion)
	p("|---|---:|---:|")
	p("| index build, whole process (median of %d) | %.2f s | %.2f s |", len(r.heraldRuns), hWall, pWall)
	p("| peak RSS while indexing (median of %d) | %d MiB | %d MiB |", len(r.heraldRuns), hRSS>>10, pRSS>>10)
	p("| index files on disk | %d | %d (%d without the UI bundles) |", r.hFiles, r.pFiles, r.pIdxFiles)
	p("| index bytes on disk | %s | %s (%s without the UI bundles) |", kB(float64(r.hBytes)), kB(float64(r.pBytes)), kB(float64(r.pIdxBytes)))
	p("| search page's own weight (HTML, CSS, JS, icon) | %s req, %s | %s req, %s |",
		num(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.page.Requests) })), kB(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.page.Bytes) })),
		num(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.page.Requests) })), kB(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.page.Bytes) })))
	p("| first query on a fresh page: requests (median of %d) | %s | %s |", len(r.hRuns),
		num(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.cold.Requests) })), num(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.cold.Requests) })))
	p("| first query on a fresh page: bytes (median) | %s | %s |",
		kB(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.cold.Bytes) })), kB(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.cold.Bytes) })))
	p("| … the same, had the server gzipped JS/JSON/wasm | %s | %s |",
		kB(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.cold.GzBytes) })), kB(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.cold.GzBytes) })))
	p("| a later query on the same page: requests (median) | %s | %s |",
		num(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.warm.Requests) })), num(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.warm.Requests) })))
	p("| a later query on the same page: bytes (median) | %s | %s |",
		kB(medianOf(r.hRuns, func(x pageRun) float64 { return float64(x.warm.Bytes) })), kB(medianOf(r.pRuns, func(x pageRun) float64 { return float64(x.warm.Bytes) })))
	p("| time to results, first query (median; localhost, includes loading the page) | %s | %s |",
		ms(medianOf(r.hRuns, func(x pageRun) float64 { return x.coldTime.Seconds() })), ms(medianOf(r.pRuns, func(x pageRun) float64 { return x.coldTime.Seconds() })))
	p("| time to results, later query (median) | %s | %s |",
		ms(medianOf(r.hRuns, func(x pageRun) float64 { return x.warmTime.Seconds() })), ms(medianOf(r.pRuns, func(x pageRun) float64 { return x.warmTime.Seconds() })))
	p("| recall, %d typical queries | %s (%d of %d) | %s (%d of %d) |", nTyp, ratio(hT.found, hT.truth), hT.found, hT.truth, ratio(pT.found, pT.truth), pT.found, pT.truth)
	p("| recall, %d random 3–6 character substrings | %s (%d of %d) | %s (%d of %d) |", len(r.rows)-nTyp, ratio(hR.found, hR.truth), hR.found, hR.truth, ratio(pR.found, pR.truth), pR.found, pR.truth)
	p("| queries that miss a story (of %d) | %d (%d misses) | %d (%d misses) |", len(r.rows), hA.missQueries, hA.misses, pA.missQueries, pA.misses)
	p("| precision: results that contain the query, all %d queries | %s (%d of %d) | %s (%d of %d) |", len(r.rows), ratio(hA.containing, hA.results), hA.containing, hA.results, ratio(pA.containing, pA.results), pA.containing, pA.results)
	p("| precision of the first 10 results, all queries (engine's full ranking) | %s | %s |", ratio(hA.topHolding, hA.top), ratio(pA.topHolding, pA.top))
	sH, sP := aggregate(r.rows, func(q queryRow) judged { return q.shownH }, isTyp), aggregate(r.rows, func(q queryRow) judged { return q.shownP }, isTyp)
	p("| precision of the first 10 results the search page shows, typical queries | %s (%d of %d) | %s (%d of %d) |", ratio(sH.topHolding, sH.top), sH.topHolding, sH.top, ratio(sP.topHolding, sP.top), sP.topHolding, sP.top)
	pH := aggregate(r.rows, func(q queryRow) judged { return q.pageH }, every)
	p("| precision of the first page herald's search page shows, all %d queries (search.Reader's Page, which ranks as the page does) | %s (%d of %d) | |", len(r.rows), ratio(pH.topHolding, pH.top), pH.topHolding, pH.top)
	p("| median results per query (median true: %s) | %s | %s |", num(median(truths)), num(median(hA.perQueryResults)), num(median(pA.perQueryResults)))
	p("")
	p("herald's median run: load and convert the site %.2f s, build the index %.2f s, write it %.2f s. A process that only loads the site (build.Load, no index) takes %.2f s and peaks at %d MiB, so the index itself adds about %.2f s and %d MiB. The full site build (pages, feeds and index, in process) took %s.",
		hMid.phases["load"], hMid.phases["index"], hMid.phases["write"], r.loadOnly.wall, r.loadOnly.rssKiB>>10, hWall-r.loadOnly.wall, (hRSS-r.loadOnly.rssKiB)>>10, r.res.Stats.Duration.Round(10*time.Millisecond))
	p("")

	// Where the bytes go.
	p("### Where a query's bytes go (mean over the %d typical queries)", len(r.hRuns))
	p("")
	p("| engine | query | fetched | requests | bytes |")
	p("|---|---|---|---:|---:|")
	for _, e := range []struct {
		name string
		runs []pageRun
	}{{"herald", r.hRuns}, {"Pagefind", r.pRuns}} {
		for _, phase := range []string{"first", "later"} {
			kinds := map[string][2]float64{}
			for _, run := range e.runs {
				t := run.cold
				if phase == "later" {
					t = run.warm
				}
				for k, v := range t.Kinds {
					x := kinds[k]
					x[0] += float64(v.Requests)
					x[1] += float64(v.Bytes)
					kinds[k] = x
				}
			}
			names := make([]string, 0, len(kinds))
			for k := range kinds {
				names = append(names, k)
			}
			slices.SortFunc(names, func(a, b string) int { return cmpF(kinds[b][1], kinds[a][1]) })
			for _, k := range names {
				n := float64(len(e.runs))
				p("| %s | %s | %s | %.1f | %s |", e.name, phase, k, kinds[k][0]/n, kB(kinds[k][1]/n))
			}
		}
	}
	p("")

	// Per query.
	p("### Per query")
	p("")
	p("Results: how many the engine returned; found: true stories among them (truth = stories whose Markdown body, soft line breaks joined, contains the query). Traffic: requests / bytes of the first query on a fresh page, and of the same query run later on a page that had searched the previous one.")
	p("")
	p("| query | true | herald results | herald found | herald page says | Pagefind results | Pagefind found | herald first | Pagefind first | herald later | Pagefind later |")
	p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	warmH, warmP := map[string]traffic{}, map[string]traffic{}
	coldH, coldP := map[string]traffic{}, map[string]traffic{}
	for i := range r.hRuns {
		warmH[r.hRuns[i].q2], warmP[r.pRuns[i].q2] = r.hRuns[i].warm, r.pRuns[i].warm
		coldH[r.hRuns[i].q], coldP[r.pRuns[i].q] = r.hRuns[i].cold, r.pRuns[i].cold
	}
	tr := func(m map[string]traffic, q string) string {
		t, ok := m[q]
		if !ok {
			return ""
		}
		return fmt.Sprintf("%d / %s", t.Requests, kB(float64(t.Bytes)))
	}
	for _, row := range r.rows {
		page := ""
		if row.browserN >= 0 {
			page = fmt.Sprint(row.browserN)
		}
		kind := ""
		if !row.typical {
			kind = " (random)"
		}
		p("| %s%s | %d | %d | %d | %s | %d | %d | %s | %s | %s | %s |", row.q, kind, row.truth,
			row.herald.Results, row.herald.Found, page, row.pagefind.Results, row.pagefind.Found,
			tr(coldH, row.q), tr(coldP, row.q), tr(warmH, row.q), tr(warmP, row.q))
	}
	p("")

	// Misses.
	var misses []string
	for _, row := range r.rows {
		for _, e := range []struct {
			name string
			j    judged
		}{{"herald", row.herald}, {"Pagefind", row.pagefind}} {
			if len(e.j.Missed) > 0 {
				ex := e.j.Missed[:min(3, len(e.j.Missed))]
				misses = append(misses, fmt.Sprintf("- %s misses %d of %d stories for %s, e.g. %s", e.name, len(e.j.Missed), row.truth, row.q, strings.Join(ex, ", ")))
			}
		}
	}
	if len(misses) > 0 {
		p("### Misses")
		p("")
		for _, m := range misses {
			p("%s", m)
		}
		p("")
	}
	if len(b.notes) > 0 {
		p("### Notes")
		p("")
		for _, n := range b.notes {
			p("- %s", n)
		}
		p("")
	}
	p("Benchmark run took %s in all (work folder %s).", time.Since(b.start).Round(time.Second), b.work)
	return w.String()
}

// firstLine returns the first line of s that starts with prefix, or s.
func firstLine(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return s
}

func heraldVersion(root string) string {
	rev := command("git", "-C", root, "rev-parse", "--short", "HEAD")
	if st := command("git", "-C", root, "status", "--porcelain", "--untracked-files=no"); st != "" && !strings.HasPrefix(st, "(") {
		rev += " with uncommitted changes"
	}
	return rev
}

package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"herald/generator/build"
	"herald/generator/search"
)

// indexCmd is the hidden subcommand the benchmark runs under GNU time:
// it loads the site (reading and converting every story, as the index
// needs each story's text) and builds and writes its search index, and
// nothing else, so that the whole process is the cost of the index.
const indexCmd = "__index"

func runIndexCmd(args []string) error {
	fl := flag.NewFlagSet(indexCmd, flag.ExitOnError)
	source := fl.String("source", "", "the site's folder")
	theme := fl.String("theme", "", "the repository root (the theme)")
	base := fl.String("base", "", "the base URL")
	out := fl.String("out", "", "the folder to write search/ into")
	loadOnly := fl.Bool("load-only", false, "stop after build.Load, to measure what the index adds")
	fl.Parse(args)
	start := time.Now()
	opts := build.Options{Source: *source, Theme: os.DirFS(*theme), BaseURL: *base, Now: buildNow}
	l, err := build.Load(context.Background(), opts)
	if err != nil {
		return err
	}
	if err := l.Problems.Err(); err != nil {
		return err
	}
	loaded := time.Now()
	if *loadOnly {
		fmt.Printf("phases load=%.3f stories=%d\n", loaded.Sub(start).Seconds(), len(l.Site.Stories))
		return nil
	}
	ix, err := search.Build(l.Site, search.Options{})
	if err != nil {
		return err
	}
	built := time.Now()
	if err := os.RemoveAll(filepath.Join(*out, search.Dir)); err != nil {
		return err
	}
	for p, data := range ix.Files {
		dst := filepath.Join(*out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	done := time.Now()
	fmt.Printf("phases load=%.3f index=%.3f write=%.3f stories=%d files=%d\n",
		loaded.Sub(start).Seconds(), built.Sub(loaded).Seconds(), done.Sub(built).Seconds(), len(l.Site.Stories), len(ix.Files))
	return nil
}

// timed is one whole-process run measured by GNU time.
type timed struct {
	wall    float64 // seconds
	rssKiB  int64
	load    float64 // 1-minute load average when it started
	phases  map[string]float64
	pages   int // Pagefind: pages it says it indexed
	outTail string
}

// gnuTime runs argv under /usr/bin/time -f '%e %M' and returns its wall
// time and peak RSS.
func gnuTime(dir string, argv ...string) (timed, error) {
	tf, err := os.CreateTemp("", "bench-time-*")
	if err != nil {
		return timed{}, err
	}
	tf.Close()
	defer os.Remove(tf.Name())
	r := timed{load: loadAvg()}
	cmd := exec.Command(timeBin, append([]string{"-o", tf.Name(), "-f", "%e %M"}, argv...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return r, fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, tail(string(out), 20))
	}
	data, err := os.ReadFile(tf.Name())
	if err != nil {
		return r, err
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 2 {
		return r, fmt.Errorf("GNU time printed %q", data)
	}
	r.wall, _ = strconv.ParseFloat(f[0], 64)
	r.rssKiB, _ = strconv.ParseInt(f[1], 10, 64)
	r.phases = map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "phases "); ok {
			for _, kv := range strings.Fields(rest) {
				k, v, _ := strings.Cut(kv, "=")
				r.phases[k], _ = strconv.ParseFloat(v, 64)
			}
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Indexed "); ok && strings.HasSuffix(rest, " pages") {
			r.pages, _ = strconv.Atoi(strings.TrimSuffix(rest, " pages"))
		}
	}
	r.outTail = tail(string(out), 12)
	return r, nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// medianRun returns the run with the median wall time (of an odd number
// of runs; the lower middle one otherwise) and the median peak RSS.
func medianRun(runs []timed) (wall float64, rssKiB int64, mid timed) {
	s := slices.Clone(runs)
	slices.SortFunc(s, func(a, b timed) int { return cmpF(a.wall, b.wall) })
	mid = s[(len(s)-1)/2]
	rss := make([]int64, len(runs))
	for i, r := range runs {
		rss[i] = r.rssKiB
	}
	slices.Sort(rss)
	return mid.wall, rss[(len(rss)-1)/2], mid
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dirStats counts the files and bytes under dir, leaving out the paths
// (relative, slash-separated) that skip reports.
func dirStats(dir string, skip func(rel string) bool) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if skip != nil && skip(filepath.ToSlash(rel)) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return
}

// readTree reads every file under dir into a map keyed by prefix + its
// slash path relative to dir.
func readTree(dir, prefix string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[prefix+filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err
}

func loadAvg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// Command floor measures the machine's floor for a build of a site: the
// least time any generator needs to read its stories, render their Markdown
// and create its output, each spread over the cores. bench/build.sh runs it
// beside herald and Hugo, so that herald's time can be set against the
// machine as it is during the same run. See README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func main() {
	content := flag.String("content", "", "the content folder of the site: every file is read, every .md file's body rendered")
	like := flag.String("like", "", "an output folder of the site: its folders and files, with their sizes, are created afresh")
	out := flag.String("out", "", "where to create them: a folder that does not exist yet")
	flag.Parse()
	if *content == "" || *like == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/floor -content DIR -like DIR -out DIR")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fail(fmt.Errorf("%s exists: the files must be created, not overwritten", *out))
	}
	workers := runtime.GOMAXPROCS(0)
	inputs, err := list(*content)
	check(err)
	tree, err := shape(*like)
	check(err)

	start := time.Now()
	bodies := make([][]byte, len(inputs))
	check(each(len(inputs), workers, func(i int) error {
		data, err := os.ReadFile(inputs[i])
		if strings.HasSuffix(inputs[i], ".md") {
			bodies[i] = body(data)
		}
		return err
	}))
	read := time.Since(start)

	start = time.Now()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.CJK))
	var rendered atomic.Int64
	check(each(len(bodies), workers, func(i int) error {
		if bodies[i] == nil {
			return nil
		}
		var b bytes.Buffer
		err := md.Convert(bodies[i], &b)
		rendered.Add(int64(b.Len()))
		return err
	}))
	render := time.Since(start)

	start = time.Now()
	check(tree.create(*out, workers))
	create := time.Since(start)

	total := read + render + create
	fmt.Printf("%.3f %.3f %.3f %.3f\n", total.Seconds(), read.Seconds(), render.Seconds(), create.Seconds())
	fmt.Fprintf(os.Stderr, "floor: %d files read in %.3f s, %d bodies rendered (%d MB of HTML) in %.3f s, %d folders and %d files created in %.3f s, on %d cores: %.3f s\n",
		len(inputs), read.Seconds(), count(bodies), rendered.Load()>>20, render.Seconds(), len(tree.dirs), len(tree.files), create.Seconds(), workers, total.Seconds())
}

// list returns the paths of the files under dir, in lexical order.
func list(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, p)
		}
		return err
	})
	return paths, err
}

// body returns a story's Markdown without its front matter.
func body(data []byte) []byte {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return data
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[i+len("\n---\n"):]
	}
	return data
}

func count(bodies [][]byte) int {
	n := 0
	for _, b := range bodies {
		if b != nil {
			n++
		}
	}
	return n
}

// tree is the shape of an output folder: its folders by depth, and its
// files with their sizes.
type tree struct {
	dirs  []string // relative, parents before children
	depth []int    // of each of dirs
	files []file
}

type file struct {
	path string // relative
	size int64
}

func shape(root string) (*tree, error) {
	t := &tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return err
		}
		switch {
		case d.IsDir():
			t.dirs = append(t.dirs, rel)
			t.depth = append(t.depth, strings.Count(rel, string(filepath.Separator)))
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			t.files = append(t.files, file{rel, info.Size()})
		}
		return nil
	})
	return t, err
}

// create makes the tree's folders, a depth at a time, and then its files,
// each written with zeros of its size, spread over workers goroutines.
func (t *tree) create(root string, workers int) error {
	if err := os.Mkdir(root, 0o755); err != nil {
		return err
	}
	order := make([]int, len(t.dirs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return t.depth[order[a]] < t.depth[order[b]] })
	for lo := 0; lo < len(order); {
		hi := lo
		for hi < len(order) && t.depth[order[hi]] == t.depth[order[lo]] {
			hi++
		}
		level := order[lo:hi]
		if err := each(len(level), workers, func(i int) error {
			return os.Mkdir(filepath.Join(root, t.dirs[level[i]]), 0o755)
		}); err != nil {
			return err
		}
		lo = hi
	}
	var largest int64
	for _, f := range t.files {
		largest = max(largest, f.size)
	}
	zeros := make([]byte, largest)
	return each(len(t.files), workers, func(i int) error {
		f, err := os.OpenFile(filepath.Join(root, t.files[i].path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(zeros[:t.files[i].size])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// each calls do(i) for i in [0, n) on workers goroutines, and returns the
// first error.
func each(n, workers int, do func(i int) error) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := do(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(1)
}

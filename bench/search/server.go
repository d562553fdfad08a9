package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// server serves the built site with Go's file server (which answers Range
// requests) and records every request: its path, status and the bytes of
// body it sent.
type server struct {
	root string
	h    http.Handler

	mu       sync.Mutex
	log      []*record
	inflight int
	last     time.Time

	gzMu sync.Mutex
	gz   map[string]int64 // path -> gzip size of the whole file
}

type record struct {
	Path   string
	Range  string
	Status int
	Bytes  int64
}

func newServer(root string) *server {
	return &server{root: root, h: http.FileServer(http.Dir(root)), gz: map[string]int64{}}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &record{Path: r.URL.Path, Range: r.Header.Get("Range")}
	s.mu.Lock()
	s.log = append(s.log, rec)
	s.inflight++
	s.mu.Unlock()
	cw := &countingWriter{ResponseWriter: w, status: 200}
	s.h.ServeHTTP(cw, r)
	s.mu.Lock()
	rec.Status, rec.Bytes = cw.status, cw.n
	s.inflight--
	s.last = time.Now()
	s.mu.Unlock()
}

type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *countingWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// mark returns the position in the log, for since.
func (s *server) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// since returns copies of the requests made after mark, once the server has
// been idle for quiet (at most wait).
func (s *server) since(mark int, quiet, wait time.Duration) []record {
	deadline := time.Now().Add(wait)
	for {
		s.mu.Lock()
		idle := s.inflight == 0 && time.Since(s.last) >= quiet
		s.mu.Unlock()
		if idle || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]record, 0, len(s.log)-mark)
	for _, r := range s.log[mark:] {
		out = append(out, *r)
	}
	return out
}

// gzipBytes estimates what a response would weigh if the server gzipped
// compressible types (as any real host does for HTML, CSS, JS, JSON, SVG and
// wasm): the gzip size of the whole file for a complete 200 response of such
// a type, the bytes sent otherwise. herald's .bin files and Pagefind's
// pf_* files are gzip already.
func (s *server) gzipBytes(r record) int64 {
	ext := path.Ext(r.Path)
	p := r.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
		ext = ".html"
	}
	switch ext {
	case ".html", ".css", ".js", ".json", ".svg", ".wasm", ".txt", ".xml":
	default:
		return r.Bytes
	}
	if r.Status != 200 || r.Range != "" {
		return r.Bytes
	}
	s.gzMu.Lock()
	defer s.gzMu.Unlock()
	if n, ok := s.gz[p]; ok {
		return n
	}
	data, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(p)))
	if err != nil {
		return r.Bytes
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	n := min(int64(buf.Len()), int64(len(data)))
	s.gz[p] = n
	return n
}

// traffic sums a set of requests.
type traffic struct {
	Requests int
	Bytes    int64
	GzBytes  int64 // as gzipBytes
	Kinds    map[string]*kindTotal
}

type kindTotal struct {
	Requests int
	Bytes    int64
}

func (s *server) sum(recs []record, kind func(p string) string) traffic {
	t := traffic{Kinds: map[string]*kindTotal{}}
	for _, r := range recs {
		t.Requests++
		t.Bytes += r.Bytes
		t.GzBytes += s.gzipBytes(r)
		if kind != nil {
			k := kind(r.Path)
			if t.Kinds[k] == nil {
				t.Kinds[k] = &kindTotal{}
			}
			t.Kinds[k].Requests++
			t.Kinds[k].Bytes += r.Bytes
		}
	}
	return t
}

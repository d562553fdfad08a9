package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"

	"herald/generator/images"
	"herald/generator/internal/testsite"
	"herald/generator/render"
)

// photosSite has two stories, each with a photo as its cover.
const photosSite = `
-- site.yaml --
title: 图片测试
baseURL: https://example.org/
categories: [{name: 为民办实事, slug: deeds}]
branches: [{name: 街道党工委, slug: jiedao}]
-- content/stories/a/index.md --
---
title: 甲
date: 2024-03-01
branch: 街道党工委
category: 为民办实事
cover: a.jpg
---
正文。
-- content/stories/b/index.md --
---
title: 乙
date: 2024-04-02
branch: 街道党工委
category: 为民办实事
cover: b.jpg
---
正文。
`

// variantSink keeps the smaller copies written into it and, for each
// image, whether it was still held decoded when its last copy so far was
// written.
type variantSink struct {
	mu    sync.Mutex
	jobs  map[string]*render.Job
	files map[string][]byte
	held  map[string]bool // by the image's folder
	wrote func()          // called after each copy written, if not nil
}

func (s *variantSink) WriteFile(p string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j := s.jobs[p]; j != nil {
		s.files[p] = bytes.Clone(data) // data is the renderer's buffer, used again
		s.held[path.Dir(p)] = render.HoldsImage(j)
		if s.wrote != nil {
			s.wrote()
		}
	}
	return nil
}

func (s *variantSink) CopyFile(string, fs.FS, string) error { return nil }

// TestVariantsShareDecoding runs the jobs of two photos' smaller copies,
// with one worker and with eight: each photo is decoded once, each copy's
// bytes are Resize's for its width, and the decoded photo is let go by the
// time its last copy is written, and by the end of a run canceled after
// the first copy, when the others' jobs never run.
func TestVariantsShareDecoding(t *testing.T) {
	s := testsite.Write(t, photosSite)
	originals := map[string][]byte{"a": testsite.Photo(1600, 1000), "b": testsite.Photo(1000, 700)}
	for name, data := range originals {
		s.WriteFile(t, "content/stories/"+name+"/"+name+".jpg", data)
	}
	tests := []struct {
		name     string
		workers  int
		canceled bool
		decodes  int
		copies   int
	}{
		{"one worker", 1, false, 2, 5},
		{"eight workers", 8, false, 2, 5},
		{"canceled", 1, true, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := s.Options(testsite.Theme(t))
			opts.Workers = tt.workers
			r := renderer(t, opts)
			sink := &variantSink{jobs: map[string]*render.Job{}, files: map[string][]byte{}, held: map[string]bool{}}
			var jobs []*render.Job
			for _, j := range r.Jobs() {
				if j.Variant() {
					jobs = append(jobs, j)
					sink.jobs[j.Path] = j
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.canceled {
				sink.wrote = cancel
			}
			err := r.RunJobs(ctx, jobs, sink)
			if tt.canceled != (err != nil) {
				t.Fatalf("RunJobs: %v", err)
			}
			if got := r.Decodes(); got != tt.decodes {
				t.Errorf("decoded %d times, want %d", got, tt.decodes)
			}
			if len(sink.files) != tt.copies {
				t.Errorf("%d copies written, want %d", len(sink.files), tt.copies)
			}
			for p, data := range sink.files {
				var width int
				for _, w := range images.Widths {
					if strings.HasSuffix(p, "-"+strconv.Itoa(w)+"w.jpg") {
						width = w
					}
				}
				name := strings.TrimPrefix(p, "stories/")[:1]
				want, err := images.Resize(originals[name], "jpeg", width)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(data, want) {
					t.Errorf("%s: %d bytes, Resize gives %d other bytes", p, len(data), len(want))
				}
			}
			for dir, held := range sink.held {
				if held && !tt.canceled { // canceled: its last copy is never written
					t.Errorf("%s: the image's last copy was written with the image still held", dir)
				}
			}
			for _, j := range jobs {
				if render.HoldsImage(j) {
					t.Errorf("%s: its image is held after the run", j.Path)
				}
			}
		})
	}
}

// TestCheckImages checks that CheckImages decodes each image of which the
// jobs make smaller copies once, and none whose copies made says were all
// made from it before.
func TestCheckImages(t *testing.T) {
	s := testsite.Write(t, photosSite)
	for name, data := range map[string][]byte{"a": testsite.Photo(1600, 1000), "b": testsite.Photo(1000, 700)} {
		s.WriteFile(t, "content/stories/"+name+"/"+name+".jpg", data)
	}
	tests := []struct {
		name    string
		made    func(p string) bool
		decodes int
	}{
		{"none made", func(string) bool { return false }, 2},
		{"all made", func(string) bool { return true }, 0},
		{"one copy of a not made", func(p string) bool { return !strings.HasSuffix(p, "a-480w.jpg") }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := renderer(t, s.Options(testsite.Theme(t)))
			ps, err := r.CheckImages(context.Background(), r.Jobs(), func(p string, _ uint64) bool { return tt.made(p) })
			if err != nil || ps.Len() != 0 {
				t.Fatalf("CheckImages: %v, %v", ps.Problems(), err)
			}
			if got := r.Decodes(); got != tt.decodes {
				t.Errorf("decoded %d images, want %d", got, tt.decodes)
			}
		})
	}
}

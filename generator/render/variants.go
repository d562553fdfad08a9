package render

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"herald/generator/diag"
	"herald/generator/images"
	"herald/generator/internal/parallel"
)

// variants returns the jobs that write the smaller copies of the covers
// and of the images in the bodies of stories and pages that offer them
// (markdown.Link.Copies), each once however many stories show the image,
// as cover or in the body. The jobs of one image's copies share an
// original, which RunJobs reads and decodes once for all of them. An
// image damaged within its data fails each of its jobs with a problem at
// every place that shows it: the cover: line of a story that has it as
// cover, the line of the body that shows it.
func (r *Renderer) variants() []*Job {
	if r.opts.Image == nil {
		return nil
	}
	var jobs []*Job
	for _, img := range LocalImages(r.site.Stories, slices.Concat(r.site.Stories, r.site.Pages)) {
		size, src, ok := r.opts.Image(img.Path)
		if !ok {
			continue
		}
		info, err := fs.Stat(src.FS, src.Name)
		if err != nil {
			continue
		}
		o := &original{src: src, format: size.Format, img: img, r: r}
		for _, v := range images.Plan(size) {
			h := newHasher()
			h.str(src.Name)
			h.file(info)
			h.int(v.Width, images.JPEGQuality)
			jobs = append(jobs, &Job{Path: strings.TrimPrefix(v.Name(img.Path), "/"), key: h.sum(), variant: true,
				orig: o, width: v.Width, run: func(b *bytes.Buffer) error { return o.write(b, v.Width, false) }})
		}
	}
	return jobs
}

// CheckImages decodes each image of which jobs make smaller copies, and
// returns the problems of those damaged within their data, at every place
// that shows them, as a build that makes the copies reports them: herald
// check, which makes no copy, passed them, and the build failed. made reports whether an earlier build
// made a copy, at its output path, from the same image (its fingerprint
// fp, as Fingerprint gives it): an image all of whose copies were made is
// not decoded again. Images are decoded one a core at a time.
func (r *Renderer) CheckImages(ctx context.Context, jobs []*Job, made func(path string, fp uint64) bool) (*diag.List, error) {
	var todo []*original
	again := map[*original]bool{}
	for _, j := range jobs {
		o := j.orig
		if o == nil {
			continue
		}
		if _, ok := again[o]; !ok {
			todo = append(todo, o)
		}
		again[o] = again[o] || !made(j.Path, r.Fingerprint(j))
	}
	todo = slices.DeleteFunc(todo, func(o *original) bool { return !again[o] })
	found := make([]*diag.List, len(todo))
	err := parallel.For(ctx, len(todo), runtime.GOMAXPROCS(0), func(_, i int) {
		if _, err := todo[i].decode(); err != nil {
			var de *diag.Error
			if errors.As(err, &de) {
				found[i] = todo[i].img.Damaged()
			}
		}
	})
	problems := &diag.List{}
	for _, ps := range found {
		if ps != nil {
			problems.Append(ps)
		}
	}
	return problems, err
}

// original is an image whose smaller copies are to be made. The jobs of
// its copies that RunJobs runs share one reading and decoding of it: the
// first to run decodes it, the others of them wait for it, and the last
// lets it go, so that a build holds no more decoded images than it has
// copies under way. A copy made otherwise (Renderer.Render, RunJob) reads
// and decodes the image for itself.
//
// Making a copy is work for a core alone, and its memory is mostly the
// scaler's: for a 1440 copy of a 4000×3000 photo, 138 MB of rows scaled
// across but not yet down, besides the 18 MB of the decoded photo. RunJobs
// runs more jobs than there are cores, for pages that wait on the disk;
// copies made on all of them at once took no less time, and held that
// much memory for each. So only one copy a core is made at once, and the
// other jobs of copies wait for a slot, holding nothing.
type original struct {
	src    Source
	format string     // the image's, and its copies'
	img    LocalImage // the places that show it, for its problems
	r      *Renderer  // its count of decodings, and its slots for copies being made

	mu      sync.Mutex
	pending int             // jobs of its copies RunJobs has yet to finish
	decoded *images.Decoded // the image, once decoded, while pending > 0
	err     error           // why it could not be, while pending > 0
}

// expect tells o that RunJobs will run one more of its copies' jobs.
func (o *original) expect() {
	o.mu.Lock()
	o.pending++
	o.mu.Unlock()
}

// done tells o that RunJobs has finished, or will not run, one of its
// copies' jobs; after the last, o lets its decoded image go.
func (o *original) done() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.pending--; o.pending <= 0 {
		o.pending, o.decoded, o.err = 0, nil, nil
	}
}

// write writes into b the copy width pixels wide. shared tells that
// RunJobs runs it, having expected it.
func (o *original) write(b *bytes.Buffer, width int, shared bool) error {
	o.r.scaling <- struct{}{}
	defer func() { <-o.r.scaling }()
	var d *images.Decoded
	var err error
	if shared {
		o.mu.Lock()
		if o.decoded == nil && o.err == nil {
			// Under the lock: the other copies' jobs wait for this
			// decoding rather than make their own.
			o.decoded, o.err = o.decode()
		}
		d, err = o.decoded, o.err
		o.mu.Unlock()
		defer o.done() // once the copy is made: the write needs no pixels
	} else {
		d, err = o.decode()
	}
	if err != nil {
		return err
	}
	out, err := d.Resize(o.format, width)
	if err != nil {
		return o.img.Damaged().Err() // Plan passed the image: it cannot be its width
	}
	b.Write(out)
	return nil
}

// decode reads and decodes the image.
func (o *original) decode() (*images.Decoded, error) {
	data, err := fs.ReadFile(o.src.FS, o.src.Name)
	if err != nil {
		return nil, err
	}
	o.r.decodes.Add(1)
	d, err := images.Decode(data)
	if err != nil {
		// Damaged within its pixels, which the build's checks of
		// images do not decode: still a problem at the line, of each
		// place that shows it, as those checks' are.
		return nil, o.img.Damaged().Err()
	}
	return d, nil
}

package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"herald/generator/config"
	"herald/generator/internal/parallel"
	"herald/generator/output"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:// targets
	_ "gocloud.dev/blob/memblob"  // mem:// targets, for tests
	_ "gocloud.dev/blob/s3blob"   // s3:// targets
	"gocloud.dev/gcerrors"
)

// StateName is the object publish keeps in the bucket: the MD5 and headers
// of every object it uploaded, so that the next run need not ask for each
// object's headers.
const StateName = ".herald-published.json"

// Options configure a publish.
type Options struct {
	Out            string // the output folder, with herald build's manifest
	Target         string // a gocloud.dev/blob URL
	DryRun         bool   // plan only
	NoDelete       bool   // upload, but delete nothing
	Force          bool   // upload every file
	AllowDrafts    bool   // publish a build for review (output.Manifest.Drafts, Future) all the same
	MaxDeletes     int    // the most objects one run may delete; default 256
	Workers        int    // parallel requests; default 8
	Gzip           bool   // compress text at upload
	Rules          []config.Rule
	RequestTimeout time.Duration // for each request; default 60 s
	Attempts       int           // tries per request, the first included; default 6
	// Grace is how long a file named by its content stays in the bucket
	// after it left the output (Plan.Retained); default an hour, and
	// negative for none.
	Grace  time.Duration
	Events func(Event) // told of progress; may be nil
}

// Event tells the caller what publish is doing.
type Event struct {
	Kind   string // "planned", "uploaded", "deleted", "failed", "retry", "warning" (in Err)
	Path   string
	Reason Reason
	Bytes  int64
	Err    error
	Plan   *Plan // with "planned"
}

// Result is what a publish did.
type Result struct {
	Plan     *Plan
	Uploaded int
	Deleted  int
	Bytes    int64 // bytes uploaded
	Failed   []Failure
	NotTried int // files not tried once the target stopped answering (see Failed)
	Duration time.Duration
}

// Failure is a file publish could not upload or delete.
type Failure struct {
	Path string
	Err  error
}

// ErrTooManyDeletes is returned, wrapped, when a run would delete more than
// MaxDeletes objects.
var ErrTooManyDeletes error = errorf("too many deletes")

// ErrForReview is returned, wrapped, for an output whose build included
// drafts or stories dated in the future, unless Options.AllowDrafts.
var ErrForReview error = errorf("a build for review")

// Run publishes the output folder to the target.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.MaxDeletes < 0 {
		opts.MaxDeletes = 256
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 60 * time.Second
	}
	if opts.Attempts <= 0 {
		opts.Attempts = 6
	}
	if opts.Grace == 0 {
		opts.Grace = time.Hour
	}
	if opts.Events == nil {
		opts.Events = func(Event) {}
	}
	m, err := output.ReadManifest(opts.Out)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errorf("%s holds no build (no %s): run herald build first", opts.Out, output.ManifestName)
		}
		return nil, err
	}
	if (m.Drafts || m.Future) && !opts.AllowDrafts {
		// A trial: a --drafts build went online, drafts and all.
		switch {
		case m.Drafts && m.Future:
			return nil, errorf("%v: %s includes drafts and stories dated in the future (herald build --drafts --future), which must not go online", ErrForReview, opts.Out)
		case m.Drafts:
			return nil, errorf("%v: %s includes drafts (herald build --drafts), which must not go online", ErrForReview, opts.Out)
		default:
			return nil, errorf("%v: %s includes stories dated in the future (herald build --future), which must not go online before their date", ErrForReview, opts.Out)
		}
	}
	if scheme, _, ok := strings.Cut(opts.Target, "://"); !ok || !slices.Contains(blob.DefaultURLMux().BucketSchemes(), scheme) {
		return nil, errorf("the target %q is not an address herald publishes to: write s3://bucket?endpoint=… for object storage, or file:///path for a folder", opts.Target)
	}
	if err := checkParameters(opts.Target); err != nil {
		return nil, err
	}
	openURL := opts.Target
	dir, prefix, isFolder := folderOf(opts.Target)
	if isFolder {
		if openURL, err = openFolder(opts.Target, dir); err != nil {
			return nil, err
		}
		compress := opts.Gzip
		for _, r := range opts.Rules {
			compress = compress || r.Gzip != nil && *r.Gzip
		}
		if compress {
			// A web server sends a folder's files as they are, with no
			// Content-Encoding (a trial: compressed pages, unreadable).
			opts.Events(Event{Kind: "warning", Err: errorf("the target is a folder: its files are stored uncompressed, and gzip is left to the web server that serves them")})
		}
	}
	b, err := blob.OpenBucket(ctx, openURL)
	if err != nil {
		return nil, errorf("cannot open the target: %v", err)
	}
	defer b.Close()
	p := &publisher{opts: opts, bucket: b, isFolder: isFolder, folder: filepath.Join(dir, filepath.FromSlash(prefix))}

	if extra := strays(opts.Out, m); len(extra) > 0 {
		// A file put into the output by hand (a site-verification page,
		// say) is not the build's: it was never published, with no word
		// of it (a trial).
		opts.Events(Event{Kind: "warning", Err: errorf("%s holds files that are not the build's, and are not published (%d), such as %s: put them in static/, which the build copies into the site",
			opts.Out, len(extra), strings.Join(extra[:min(3, len(extra))], ", "))})
	}
	local, err := p.local(m)
	if err != nil {
		return nil, err
	}
	remote, err := p.remote(ctx, local)
	if err != nil {
		return nil, err
	}
	plan := Diff(local, remote, opts.Force)
	p.retain(plan, start)
	plan.Others = p.others
	deleteErr := p.keep(plan)
	opts.Events(Event{Kind: "planned", Plan: plan})
	res := &Result{Plan: plan}
	if opts.DryRun {
		// A dry run shows what the real one would do, and fails as it
		// would (a trial: it listed the deletes --no-delete and
		// --max-deletes refuse, and succeeded).
		res.Duration = time.Since(start)
		if deleteErr != nil {
			return res, errorf("dry run: %v", deleteErr)
		}
		return res, nil
	}

	state := p.state
	for start := 0; start < len(plan.Uploads); {
		end := start
		for end < len(plan.Uploads) && plan.Uploads[end].Group == plan.Uploads[start].Group {
			end++
		}
		if p.stopped {
			// A group cut short by a target that stopped answering: the
			// groups after it are not tried either.
			p.notTried += end - start
			start = end
			continue
		}
		p.each(ctx, plan.Uploads[start:end], func(ctx context.Context, u Upload) error {
			n, err := p.upload(ctx, u)
			if err == nil {
				p.mu.Lock()
				res.Uploaded++
				res.Bytes += n
				state[u.Path] = stateEntry{MD5: u.MD5, Headers: u.Headers}
				p.mu.Unlock()
				opts.Events(Event{Kind: "uploaded", Path: u.Path, Reason: u.Reason, Bytes: n})
			}
			return err
		}, &res.Failed)
		start = end
	}
	uploadsStopped := p.stopped

	switch {
	case len(res.Failed) > 0, p.stopped:
		deleteErr = nil // the failed uploads are what to report
	case len(plan.Deletes) == 0:
	default:
		dels := make([]Upload, len(plan.Deletes))
		for i, k := range plan.Deletes {
			dels[i] = Upload{Local: Local{Path: k}}
		}
		p.each(ctx, dels, func(ctx context.Context, u Upload) error {
			err := p.retry(ctx, u.Path, func(ctx context.Context) error {
				err := b.Delete(ctx, u.Path)
				if gcerrors.Code(err) == gcerrors.NotFound {
					err = nil
				}
				return err
			})
			if err == nil {
				p.mu.Lock()
				res.Deleted++
				delete(state, u.Path)
				delete(p.retired, u.Path)
				p.mu.Unlock()
				opts.Events(Event{Kind: "deleted", Path: u.Path})
			}
			return err
		}, &res.Failed)
	}
	res.NotTried = p.notTried
	if p.isFolder && !p.stopped {
		keys := []string{StateName}
		for k := range remote {
			keys = append(keys, k)
		}
		res.Failed = append(res.Failed, p.removeSidecars(keys)...)
	}
	// A target that answers no more cannot have its state written either.
	if !p.stopped {
		if err := p.writeState(ctx, local); err != nil {
			res.Failed = append(res.Failed, Failure{Path: StateName, Err: err})
		}
	}
	slices.SortFunc(res.Failed, func(a, b Failure) int { return cmpString(a.Path, b.Path) })
	res.Duration = time.Since(start)
	if deleteErr != nil {
		return res, deleteErr
	}
	switch {
	case uploadsStopped:
		return res, errorf("the target stopped answering: %d files are not uploaded", len(res.Failed)+res.NotTried)
	case p.stopped:
		return res, errorf("the target stopped answering: %d files it should no longer hold are not deleted", len(res.Failed)+res.NotTried)
	}
	if len(res.Failed) > 0 {
		if len(res.Failed) == 1 {
			return res, errorf("%d file failed", len(res.Failed))
		}
		return res, errorf("%d files failed", len(res.Failed))
	}
	return res, ctx.Err()
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// leaveOthers removes from remote every key under a folder that holds a
// StateName of its own: another herald site, published with prefix= into
// the same bucket (a trial: publishing to the bucket's root planned to
// delete a site under news/). It returns those sites, by folder.
func leaveOthers(remote map[string]Remote) []OtherSite {
	var prefixes []string
	for key := range remote {
		if dir, ok := strings.CutSuffix(key, "/"+StateName); ok {
			prefixes = append(prefixes, dir+"/")
		}
	}
	if len(prefixes) == 0 {
		return nil
	}
	slices.Sort(prefixes)
	// A site under another's folder is the other's to leave alone.
	outer := prefixes[:0]
	for _, pre := range prefixes {
		if len(outer) == 0 || !strings.HasPrefix(pre, outer[len(outer)-1]) {
			outer = append(outer, pre)
		}
	}
	others := make([]OtherSite, len(outer))
	for i, pre := range outer {
		others[i].Prefix = pre
	}
	for key := range remote {
		i, found := slices.BinarySearch(outer, key)
		if !found {
			i-- // the prefix sorts before the keys under it
		}
		if i >= 0 && strings.HasPrefix(key, outer[i]) {
			delete(remote, key)
			if key != outer[i]+StateName {
				others[i].Objects++
			}
		}
	}
	return others
}

// keep moves the plan's deletes into Kept when the run deletes none of
// them: with NoDelete, or when there are more than MaxDeletes, for which
// it returns the error the run fails with.
func (p *publisher) keep(plan *Plan) error {
	if len(plan.Deletes) == 0 {
		return nil
	}
	var err error
	switch n := len(plan.Deletes) - p.due; {
	case p.opts.NoDelete:
		plan.KeptWhy = KeptNoDelete
	case n > p.opts.MaxDeletes, p.opts.MaxDeletes == 0:
		// Files retained for Grace, whose time is up, do not count: each
		// run may retire forty of the search index's files, and an hour of
		// runs would go over the limit at once. 0 refuses them too.
		if p.opts.MaxDeletes == 0 {
			n = len(plan.Deletes)
		}
		plan.KeptWhy = KeptOverLimit
		err = errorf("%v: %d objects are not in the output, over the limit of %d; nothing was deleted (raise --max-deletes, or use --no-delete)", ErrTooManyDeletes, n, p.opts.MaxDeletes)
	default:
		return nil
	}
	plan.Kept, plan.Deletes = plan.Deletes, nil
	return err
}

// publisher holds the state of one run.
type publisher struct {
	opts   Options
	bucket *blob.Bucket
	mu     sync.Mutex
	state  map[string]stateEntry // what the bucket holds, as recorded
	gz     map[string][]byte     // compressed bodies, by path
	// retired holds when each object the output no longer had was first
	// retained (see retain), as recorded, then as this run leaves it.
	retired map[string]time.Time
	// stopped tells that a request reached no server (unreachable): the
	// others go to the same one, and each leaves them out, counted in
	// notTried.
	stopped  bool
	notTried int
	others   []OtherSite // the sites under folders of the target, left alone
	// isFolder tells a file:// target, which a web server serves as it
	// is: its files are not compressed, and are compared by their
	// content, read back (fileblob keeps no MD5 without sidecars).
	isFolder bool
	folder   string // the folder of a file:// target, prefix included
	due      int    // the plan's deletes that retain kept for Grace before
}

type stateEntry struct {
	MD5     string  `json:"md5"`
	Headers Headers `json:"headers"`
}

// local describes the output's files as they will be uploaded: it reads
// each one, refuses one that is no longer as herald build wrote it, and
// takes its MD5, which the bucket's listing gives to compare with. Files
// that are compressed at upload are compressed now, for their MD5.
// strays returns the files under the output folder out, slash paths in
// their order, that its manifest m does not list, but for the manifest.
func strays(out string, m *output.Manifest) []string {
	listed := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	var extra []string
	_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if rel = filepath.ToSlash(rel); err == nil && !listed[rel] && rel != output.ManifestName {
			extra = append(extra, rel)
		}
		return nil
	})
	return extra
}

func (p *publisher) local(m *output.Manifest) ([]Local, error) {
	for _, f := range m.Files {
		if f.Hash == "" {
			return nil, errorf("%s lists %s without its hash: an older herald wrote it, or an update was cut short; run herald build again",
				filepath.Join(p.opts.Out, output.ManifestName), f.Path)
		}
	}
	local := make([]Local, len(m.Files))
	errs := make([]error, len(m.Files))
	p.gz = map[string][]byte{}
	parallel.For(context.Background(), len(m.Files), 0, func(_, i int) {
		f := m.Files[i]
		data, err := os.ReadFile(filepath.Join(p.opts.Out, filepath.FromSlash(f.Path)))
		if err != nil {
			errs[i] = err // it names the file
			return
		}
		if int64(len(data)) != f.Size || output.Hash(data) != f.Hash {
			errs[i] = errorf("%s: %v", f.Path, errChanged)
			return
		}
		h, gz := HeadersOf(f.Path, p.opts.Gzip, p.opts.Rules)
		if p.isFolder {
			gz, h.ContentEncoding = false, ""
		}
		l := Local{Path: f.Path, Size: f.Size, Headers: h, Group: GroupOf(f.Path)}
		switch {
		case gz && bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
			// Already compressed: never twice.
			l.Headers.ContentEncoding = ""
		case gz:
			data = compress(data)
			l.Gzip, l.Size = true, int64(len(data))
			p.mu.Lock()
			p.gz[f.Path] = data
			p.mu.Unlock()
		}
		sum := md5.Sum(data)
		l.MD5 = hex.EncodeToString(sum[:])
		local[i] = l
	})
	return local, firstErrors(errs, 10)
}

// firstErrors joins the first n errors of errs that are not nil, and says
// how many more there are: a whole site edited since its build would
// otherwise be as many lines.
func firstErrors(errs []error, n int) error {
	var first []error
	more := 0
	for _, err := range errs {
		switch {
		case err == nil:
		case len(first) < n:
			first = append(first, err)
		default:
			more++
		}
	}
	if more > 0 {
		first = append(first, errorf("and %d more files", more))
	}
	return errors.Join(first...)
}

// errChanged is the error for a file that changed since the build.
var errChanged error = errorf("the file changed since herald build wrote it; run herald build again")

// compress gzips data deterministically: no name, no time.
func compress(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// remote lists the bucket and learns the headers of the objects the state
// does not vouch for.
func (p *publisher) remote(ctx context.Context, local []Local) (map[string]Remote, error) {
	p.state = map[string]stateEntry{}
	var data []byte
	err := p.retry(ctx, "", func(ctx context.Context) error {
		var err error
		data, err = p.bucket.ReadAll(ctx, StateName)
		if gcerrors.Code(err) == gcerrors.NotFound {
			data, err = nil, nil
		}
		return err
	})
	if noCredentials(err) {
		return nil, err // the target's, not the record's
	}
	if err != nil {
		return nil, errorf("reading the record of the last publish, %s: %v", StateName, err)
	}
	p.retired = map[string]time.Time{}
	if data != nil {
		var st struct {
			Files   map[string]stateEntry `json:"files"`
			Retired map[string]time.Time  `json:"retired"`
		}
		if json.Unmarshal(data, &st) == nil && st.Files != nil {
			p.state = st.Files
			if st.Retired != nil {
				p.retired = st.Retired
			}
		}
	}
	remote := map[string]Remote{}
	err = p.retry(ctx, "", func(ctx context.Context) error {
		clear(remote)
		p.others = nil
		it := p.bucket.List(nil)
		for {
			obj, err := it.Next(ctx)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if obj.IsDir || obj.Key == StateName {
				continue
			}
			r := Remote{Size: obj.Size, MD5: hex.EncodeToString(obj.MD5)}
			if p.isFolder {
				r.MD5 = "" // a sidecar's, of an earlier publish, may be stale
			}
			remote[obj.Key] = r
		}
	})
	if err != nil {
		return nil, errorf("listing the target: %v", err)
	}
	p.others = leaveOthers(remote)
	// The site's own files under another's folder would overwrite that
	// site's, while the plan says it is left alone (a review): refused.
	for _, o := range p.others {
		for _, l := range local {
			if strings.HasPrefix(l.Path, o.Prefix) {
				return nil, errorf("the site has files under %s (such as %s), where the target holds another herald site (%s): publish this site to another prefix, or remove that site's record if it is gone",
					o.Prefix, l.Path, o.Prefix+StateName)
			}
		}
	}
	// Objects the state vouches for take their headers from it; the others
	// that the output also has are asked.
	var ask []Upload
	for _, l := range local {
		r, ok := remote[l.Path]
		if !ok {
			continue
		}
		if s, ok := p.state[l.Path]; ok && !p.isFolder && (r.MD5 == "" || r.MD5 == s.MD5) {
			h := s.Headers
			r.MD5, r.Headers = s.MD5, &h
			remote[l.Path] = r
			continue
		}
		ask = append(ask, Upload{Local: l})
	}
	var failed []Failure
	p.each(ctx, ask, func(ctx context.Context, u Upload) error {
		if p.isFolder {
			return p.readBack(ctx, u.Path, remote)
		}
		var a *blob.Attributes
		err := p.retry(ctx, u.Path, func(ctx context.Context) error {
			var err error
			a, err = p.bucket.Attributes(ctx, u.Path)
			return err
		})
		if err != nil {
			return err
		}
		r := Remote{Size: a.Size, MD5: hex.EncodeToString(a.MD5), Headers: &Headers{
			ContentType: a.ContentType, CacheControl: a.CacheControl, ContentEncoding: a.ContentEncoding,
		}}
		if r.MD5 == "" {
			r.MD5 = a.Metadata["md5"]
		}
		p.mu.Lock()
		remote[u.Path] = r
		p.mu.Unlock()
		return nil
	}, &failed)
	if len(failed) > 0 && p.isFolder {
		return nil, errorf("reading %s in the target: %v", failed[0].Path, failed[0].Err)
	}
	if len(failed) > 0 {
		return nil, errorf("reading the headers of %s: %v", failed[0].Path, failed[0].Err)
	}
	return remote, nil
}

// readBack reads the object of a file:// target at key for its MD5, and
// takes its headers from the state when the state has that MD5: a folder
// keeps no headers, which are publish's record only.
func (p *publisher) readBack(ctx context.Context, key string, remote map[string]Remote) error {
	var r Remote
	err := p.retry(ctx, key, func(ctx context.Context) error {
		rd, err := p.bucket.NewReader(ctx, key, nil)
		if err != nil {
			return err
		}
		defer rd.Close()
		h := md5.New()
		n, err := io.Copy(h, rd)
		r = Remote{Size: n, MD5: hex.EncodeToString(h.Sum(nil))}
		return err
	})
	if err != nil {
		return err
	}
	if s, ok := p.state[key]; ok && s.MD5 == r.MD5 {
		h := s.Headers
		r.Headers = &h
	}
	p.mu.Lock()
	remote[key] = r
	p.mu.Unlock()
	return nil
}

// upload puts one file and returns the bytes sent.
func (p *publisher) upload(ctx context.Context, u Upload) (int64, error) {
	data := p.gz[u.Path]
	if data == nil {
		var err error
		data, err = os.ReadFile(filepath.Join(p.opts.Out, filepath.FromSlash(u.Path)))
		if err != nil {
			return 0, err
		}
	}
	sum := md5.Sum(data)
	if hex.EncodeToString(sum[:]) != u.MD5 {
		return 0, errChanged
	}
	wo := &blob.WriterOptions{
		ContentType:     u.Headers.ContentType,
		CacheControl:    u.Headers.CacheControl,
		ContentEncoding: u.Headers.ContentEncoding,
		ContentMD5:      sum[:],
		Metadata:        map[string]string{"md5": u.MD5},
	}
	err := p.retry(ctx, u.Path, func(ctx context.Context) error {
		return p.bucket.WriteAll(ctx, u.Path, data, wo)
	})
	return int64(len(data)), err
}

// retain moves out of the plan's deletes the files named by their content
// (whose Cache-Control is immutable) that left the output less than Grace
// ago, into Retained: a page a browser or a CDN cached before the run, or a
// search page left open, still asks for them (a trial: search failed in the
// pages open during a publish, and cached pages would lose their
// stylesheet). The first run after Grace deletes them.
func (p *publisher) retain(plan *Plan, now time.Time) {
	deletes := plan.Deletes[:0]
	since := map[string]time.Time{}
	for _, key := range plan.Deletes {
		h, _ := HeadersOf(key, p.opts.Gzip, p.opts.Rules)
		if !strings.Contains(h.CacheControl, "immutable") {
			deletes = append(deletes, key)
			continue
		}
		t, ok := p.retired[key]
		if !ok {
			t = now
		}
		since[key] = t // until it is deleted (a review: one due, but not deleted, got a second hour)
		if now.Sub(t) >= p.opts.Grace {
			deletes = append(deletes, key)
			if ok {
				p.due++
			}
			continue
		}
		plan.Retained = append(plan.Retained, key)
	}
	plan.Deletes = deletes
	p.retired = since // what is back in the output, or gone, is forgotten
}

// writeState records what the bucket holds of the output, and since when
// the objects retained have been out of it.
func (p *publisher) writeState(ctx context.Context, local []Local) error {
	files := map[string]stateEntry{}
	for _, l := range local {
		if s, ok := p.state[l.Path]; ok && s.MD5 == l.MD5 {
			files[l.Path] = s
		}
	}
	data, err := json.Marshal(map[string]any{"files": files, "retired": p.retired})
	if err != nil {
		return err
	}
	return p.retry(ctx, StateName, func(ctx context.Context) error {
		return p.bucket.WriteAll(ctx, StateName, data, &blob.WriterOptions{ContentType: "application/json", CacheControl: "no-store"})
	})
}

// each runs op on every item with the run's workers, recording failures,
// briefed (see brief).
// Once a request reaches no server, it tries no more items: each would
// fail the same way, after the SDK's own retries (a trial: a server
// stopped during a publish took twelve minutes to give up, file by file).
func (p *publisher) each(ctx context.Context, items []Upload, op func(context.Context, Upload) error, failed *[]Failure) {
	var mu sync.Mutex
	var stop atomic.Bool
	var tried atomic.Int64
	parallel.For(ctx, len(items), p.opts.Workers, func(_, i int) {
		if stop.Load() || ctx.Err() != nil {
			return
		}
		tried.Add(1)
		// Every request's error is briefed (retry does it), and any other
		// too: a gocloud.dev error lists its code among the errors it
		// wraps, a line "Unknown" under the message (a trial).
		if err := brief(op(ctx, items[i])); err != nil {
			if unreachable(err) {
				stop.Store(true)
			}
			mu.Lock()
			*failed = append(*failed, Failure{Path: items[i].Path, Err: err})
			mu.Unlock()
			p.opts.Events(Event{Kind: "failed", Path: items[i].Path, Err: err})
		}
	})
	if stop.Load() {
		// Even with every item tried (all in flight when the server went):
		// the next groups are not.
		p.mu.Lock()
		p.stopped = true
		p.notTried += len(items) - int(tried.Load())
		p.mu.Unlock()
	}
}

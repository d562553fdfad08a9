package publish_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/config"
	"herald/generator/internal/testsite"
	"herald/generator/output"
	"herald/generator/publish"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gocloud.dev/blob"
)

const site = `
-- site.yaml --
title: 发布测试
baseURL: https://example.org/
paginate: 2
categories:
  - {name: 为民办实事, slug: deeds}
branches:
  - {name: 荷花塘社区党委, slug: hehuatang}
-- content/stories/a.md --
---
title: 甲
date: 2024-03-01
branch: 荷花塘社区党委
category: 为民办实事
tags: [退役军人]
---
甲的正文。
-- content/stories/b.md --
---
title: 乙
date: 2024-02-01
branch: 荷花塘社区党委
category: 为民办实事
tags: [退役军人, 独有标签]
---
乙的正文。
-- content/stories/c/index.md --
---
title: 丙
date: 2024-01-01
branch: 荷花塘社区党委
category: 为民办实事
---
丙的正文。![图](photo.jpg)
-- content/stories/c/photo.jpg --
not really a jpeg, but bytes
`

// backend is a kind of target the contract suite runs against.
type backend struct {
	name string
	// open returns the URL of a new, empty bucket, and the URL through which
	// a publish reaches it (the same, or through a proxy).
	open func(t *testing.T) string
}

func backends(t *testing.T) []backend {
	return []backend{
		{"file", func(t *testing.T) string {
			return "file://" + filepath.ToSlash(t.TempDir()) + "?create_dir=true"
		}},
		{"s3", func(t *testing.T) string { return s3Server(t).bucket(t) }},
	}
}

// fixture is a built site.
type fixture struct {
	*testsite.Site
}

func newFixture(t *testing.T) *fixture {
	s := testsite.Write(t, site)
	f := &fixture{Site: s}
	f.build(t)
	return f
}

func (f *fixture) build(t *testing.T) *output.Manifest {
	t.Helper()
	res, err := build.Build(context.Background(), f.Options(testsite.Theme(t)))
	if err != nil {
		t.Fatal(err)
	}
	return res.Manifest
}

func (f *fixture) publish(t *testing.T, target string, edit func(*publish.Options)) *publish.Result {
	t.Helper()
	// No grace: the bucket then holds exactly the output (the grace has a
	// test of its own, "a file named by its content stays for a while").
	opts := publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4, Grace: -1}
	if edit != nil {
		edit(&opts)
	}
	res, err := publish.Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("publish: %v (failed: %v)", err, res)
	}
	return res
}

func uploaded(res *publish.Result) []string {
	var out []string
	for _, u := range res.Plan.Uploads {
		out = append(out, u.Path)
	}
	slices.Sort(out)
	return out
}

// checkBucket compares the bucket with the output: the same keys, each
// with the MD5, Content-Type and Cache-Control herald gives it. A folder
// (file://) keeps no headers, and its files are never compressed: a web
// server serves them as they are.
func checkBucket(t *testing.T, target string, f *fixture, gzip bool, rules []config.Rule, retained ...string) {
	t.Helper()
	ctx := context.Background()
	b, err := blob.OpenBucket(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, err := output.ReadManifest(f.Path("public"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]output.Entry{}
	for _, e := range m.Files {
		want[e.Path] = e
	}
	it := b.List(nil)
	seen := map[string]bool{}
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if obj.Key == publish.StateName {
			continue
		}
		seen[obj.Key] = true
		e, ok := want[obj.Key]
		if !ok {
			if !slices.Contains(retained, obj.Key) {
				t.Errorf("the bucket holds %s, which the output does not", obj.Key)
			}
			continue
		}
		a, err := b.Attributes(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		h, gz := publish.HeadersOf(obj.Key, gzip, rules)
		folder := strings.HasPrefix(target, "file:")
		gz = gz && !folder
		if !folder && (a.ContentType != h.ContentType || a.CacheControl != h.CacheControl) {
			t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q, %q", obj.Key, a.ContentType, a.CacheControl, h.ContentType, h.CacheControl)
		}
		data, err := b.ReadAll(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		if !gz {
			local, _ := os.ReadFile(f.Path("public/" + obj.Key))
			if string(data) != string(local) {
				t.Errorf("%s: the bucket's bytes differ from the output's", obj.Key)
			}
		} else if a.ContentEncoding != "gzip" {
			t.Errorf("%s: Content-Encoding %q, want gzip", obj.Key, a.ContentEncoding)
		}
		if gz == false && a.Size != e.Size {
			t.Errorf("%s: %d bytes in the bucket, %d in the output", obj.Key, a.Size, e.Size)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("the bucket lacks %s", k)
		}
	}
}

func TestContract(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			t.Run("first publish uploads everything with its headers; the second nothing", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				res := f.publish(t, target, nil)
				m, _ := output.ReadManifest(f.Path("public"))
				if res.Uploaded != len(m.Files) || res.Plan.Unchanged != 0 {
					t.Errorf("first publish: %d uploaded, %d unchanged; want %d, 0", res.Uploaded, res.Plan.Unchanged, len(m.Files))
				}
				for _, u := range res.Plan.Uploads {
					if u.Reason != publish.NotFound {
						t.Errorf("%s: reason %q", u.Path, u.Reason)
					}
				}
				checkBucket(t, target, f, false, nil)
				again := f.publish(t, target, nil)
				if again.Uploaded != 0 || again.Deleted != 0 || again.Plan.Unchanged != len(m.Files) {
					t.Errorf("second publish: %d uploaded, %d deleted, %d unchanged", again.Uploaded, again.Deleted, again.Plan.Unchanged)
				}
			})
			t.Run("an edited story uploads only the files that changed", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				before := f.build(t)
				f.publish(t, target, nil)
				f.WriteFile(t, "content/stories/b.md", []byte(strings.Replace(f.Read(t, "content/stories/b.md"), "乙的正文。", "乙的正文改过了。", 1)))
				after := f.build(t)
				res := f.publish(t, target, nil)
				if got, want := uploaded(res), changed(before, after); !slices.Equal(got, want) || len(want) == 0 {
					t.Errorf("uploaded %q, want exactly the changed files %q", got, want)
				}
				had := map[string]bool{}
				for _, e := range before.Files {
					had[e.Path] = true
				}
				for _, u := range res.Plan.Uploads {
					// Files named by their hash (the search index) come
					// under new names; the others have new content.
					if want := map[bool]publish.Reason{true: publish.ContentDiffers, false: publish.NotFound}[had[u.Path]]; u.Reason != want {
						t.Errorf("%s: reason %q, want %q", u.Path, u.Reason, want)
					}
				}
				checkBucket(t, target, f, false, nil)
			})
			t.Run("a file edited after the build is refused, and nothing is uploaded", func(t *testing.T) {
				const page = "stories/b/index.html"
				edit := func(prefix string) func(t *testing.T, f *fixture) {
					return func(t *testing.T, f *fixture) {
						data := f.Read(t, "public/"+page)
						f.WriteFile(t, "public/"+page, []byte(prefix+data[1:]))
					}
				}
				for _, tc := range []struct {
					name string
					edit func(t *testing.T, f *fixture)
					want []string // in the error
				}{
					{"same size", edit("X"), []string{page + ": the file changed since herald build wrote it"}},
					{"longer", edit("XX"), []string{page + ": the file changed since herald build wrote it"}},
					{"every file", func(t *testing.T, f *fixture) {
						m, err := output.ReadManifest(f.Path("public"))
						if err != nil {
							t.Fatal(err)
						}
						for _, e := range m.Files {
							f.WriteFile(t, "public/"+e.Path, []byte("edited"))
						}
					}, []string{": the file changed since herald build wrote it", "\nand "}},
					{"a manifest of an older herald", func(t *testing.T, f *fixture) {
						// It gave each file's MD5, and no hash.
						m := f.Read(t, "public/"+output.ManifestName)
						f.WriteFile(t, "public/"+output.ManifestName, []byte(strings.ReplaceAll(m, `"hash":`, `"md5":`)))
					}, []string{output.ManifestName + " lists", "an older herald wrote it"}},
				} {
					t.Run(tc.name, func(t *testing.T) {
						f, target := newFixture(t), be.open(t)
						tc.edit(t, f)
						opts := publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4}
						res, err := publish.Run(context.Background(), opts)
						for _, want := range tc.want {
							if err == nil || !strings.Contains(err.Error(), want) {
								t.Fatalf("publish: %v, want an error with %q", err, want)
							}
						}
						if lines := strings.Count(err.Error(), "\n") + 1; lines > 11 {
							t.Errorf("the error has %d lines, want at most 11:\n%v", lines, err)
						}
						if res != nil {
							t.Errorf("publish gave a result: %+v", res)
						}
						b := openBucket(t, target)
						checkEmpty(t, b)
					})
				}
			})
			t.Run("a changed Cache-Control rule uploads the files it touches", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				rules := []config.Rule{{Pattern: regexp.MustCompile(`\.jpg$`), CacheControl: "public, max-age=604800"}}
				res := f.publish(t, target, func(o *publish.Options) { o.Rules = rules })
				if got := uploaded(res); !slices.Equal(got, []string{"stories/c/photo.jpg"}) || res.Plan.Uploads[0].Reason != publish.HeadersDiffer {
					t.Errorf("uploaded %q (%v), want the photo for its headers", got, res.Plan.Uploads)
				}
				checkBucket(t, target, f, false, rules)
			})
			t.Run("a removed story deletes its page and its emptied tag page", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				os.Remove(f.Path("content/stories/b.md"))
				f.build(t)
				res := f.publish(t, target, nil)
				for _, gone := range []string{"stories/b/index.html", "tags/独有标签/index.html", "tags/独有标签/index.xml"} {
					if !slices.Contains(res.Plan.Deletes, gone) {
						t.Errorf("deletes %q lack %s", res.Plan.Deletes, gone)
					}
				}
				if res.Deleted != len(res.Plan.Deletes) {
					t.Errorf("deleted %d of %d", res.Deleted, len(res.Plan.Deletes))
				}
				checkBucket(t, target, f, false, nil)
			})
			t.Run("a file named by its content stays for a while", func(t *testing.T) {
				// A trial: a search page open during a publish failed, for
				// the index's old files were deleted; so would the
				// stylesheet of a page cached before it.
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				f.WriteFile(t, "content/stories/b.md", []byte(f.Read(t, "content/stories/b.md")+"\n又一段新的文字。\n"))
				f.build(t)
				res := f.publish(t, target, func(o *publish.Options) { o.Grace = time.Hour })
				if len(res.Plan.Retained) == 0 {
					t.Fatal("no file retained: the change should have renamed the search index's files")
				}
				for _, p := range res.Plan.Retained {
					if !strings.HasPrefix(p, "search/") || slices.Contains(res.Plan.Deletes, p) {
						t.Errorf("retained %s, deletes %q", p, res.Plan.Deletes)
					}
				}
				if res.Deleted != 0 {
					t.Errorf("deleted %d files, want none: only content-named files left the output", res.Deleted)
				}
				checkBucket(t, target, f, false, nil, res.Plan.Retained...)

				// The next run within the hour keeps them; one after it
				// deletes them. The time they left is the first run's.
				first := res.Plan.Retained
				if res := f.publish(t, target, func(o *publish.Options) { o.Grace = time.Hour }); !slices.Equal(res.Plan.Retained, first) || res.Deleted != 0 || len(res.Plan.Uploads) != 0 {
					t.Errorf("a second run: retained %q (want %q), deleted %d, uploaded %d", res.Plan.Retained, first, res.Deleted, len(res.Plan.Uploads))
				}
				for _, p := range first {
					if _, err := readObject(target, p); err != nil {
						t.Errorf("%s retained, but not in the bucket: %v", p, err)
					}
				}
				// Once due, they stay due through a run that deletes
				// nothing (a review: they got a second grace), and do not
				// count against the limit of deletes: an hour of runs may
				// retire more than it.
				time.Sleep(10 * time.Millisecond)
				if res := f.publish(t, target, func(o *publish.Options) { o.Grace, o.NoDelete = 10*time.Millisecond, true }); res.Deleted != 0 {
					t.Errorf("--no-delete deleted %d", res.Deleted)
				}
				res = f.publish(t, target, func(o *publish.Options) {
					o.Grace, o.MaxDeletes = 10*time.Millisecond, 1
				})
				if len(res.Plan.Retained) != 0 || res.Deleted != len(first) || len(first) < 2 {
					t.Errorf("after the grace: retained %q, deleted %d of %d", res.Plan.Retained, res.Deleted, len(first))
				}
				checkBucket(t, target, f, false, nil)
			})
			t.Run("over the delete limit nothing is deleted", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				os.RemoveAll(f.Path("content/stories/c"))
				f.build(t)
				res, err := publish.Run(context.Background(), publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 1, Grace: -1})
				if !errors.Is(err, publish.ErrTooManyDeletes) || res.Deleted != 0 || !strings.Contains(err.Error(), "over the limit of 1") {
					t.Fatalf("err = %v, deleted %d; want the refusal", err, res.Deleted)
				}
				res = f.publish(t, target, func(o *publish.Options) { o.MaxDeletes = 1; o.NoDelete = true })
				if res.Deleted != 0 {
					t.Errorf("--no-delete deleted %d", res.Deleted)
				}
				res = f.publish(t, target, nil)
				if res.Deleted < 2 {
					t.Errorf("within the limit: deleted %d", res.Deleted)
				}
				checkBucket(t, target, f, false, nil)
			})
			t.Run("a dry run plans the deletes the run would make, and fails as it would", func(t *testing.T) {
				// A trial: --no-delete and --max-deletes were ignored by a
				// dry run, which listed four deletes and succeeded.
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				os.RemoveAll(f.Path("content/stories/c"))
				f.build(t)
				dry := publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 256, Grace: -1, DryRun: true}
				all, err := publish.Run(context.Background(), dry)
				if err != nil || len(all.Plan.Deletes) < 2 || len(all.Plan.Kept) != 0 {
					t.Fatalf("dry run: %v, deletes %q, kept %q", err, all.Plan.Deletes, all.Plan.Kept)
				}
				for _, tc := range []struct {
					name string
					edit func(*publish.Options)
					why  publish.KeptWhy
					err  bool
				}{
					{"--no-delete", func(o *publish.Options) { o.NoDelete = true }, publish.KeptNoDelete, false},
					{"--max-deletes 1", func(o *publish.Options) { o.MaxDeletes = 1 }, publish.KeptOverLimit, true},
					{"--max-deletes 0", func(o *publish.Options) { o.MaxDeletes = 0 }, publish.KeptOverLimit, true},
				} {
					opts := dry
					tc.edit(&opts)
					res, dryErr := publish.Run(context.Background(), opts)
					if len(res.Plan.Deletes) != 0 || !slices.Equal(res.Plan.Kept, all.Plan.Deletes) || res.Plan.KeptWhy != tc.why {
						t.Errorf("%s: dry run deletes %q, kept %q (%q); want none, %q (%q)", tc.name, res.Plan.Deletes, res.Plan.Kept, res.Plan.KeptWhy, all.Plan.Deletes, tc.why)
					}
					opts.DryRun = false
					real, realErr := publish.Run(context.Background(), opts)
					if real.Deleted != 0 || !slices.Equal(real.Plan.Kept, res.Plan.Kept) {
						t.Errorf("%s: the run deleted %d, kept %q", tc.name, real.Deleted, real.Plan.Kept)
					}
					switch {
					case !tc.err && (dryErr != nil || realErr != nil):
						t.Errorf("%s: dry run: %v; run: %v", tc.name, dryErr, realErr)
					case tc.err && (!errors.Is(dryErr, publish.ErrTooManyDeletes) || !errors.Is(realErr, publish.ErrTooManyDeletes) || dryErr.Error() != "dry run: "+realErr.Error()):
						t.Errorf("%s: dry run: %v; run: %v; want the same refusal", tc.name, dryErr, realErr)
					}
				}
				checkBucket(t, target, f, false, nil, all.Plan.Deletes...)
			})
			t.Run("a build with drafts is refused, unless allowed", func(t *testing.T) {
				// A trial: a --drafts build went online, drafts and all.
				f, target := newFixture(t), be.open(t)
				f.WriteFile(t, "content/stories/d.md", []byte("---\ntitle: 丁\ndate: 2024-03-02\nbranch: 荷花塘社区党委\ncategory: 为民办实事\ndraft: true\n---\n丁的草稿。\n"))
				opts := f.Options(testsite.Theme(t))
				opts.Drafts = true
				if _, err := build.Build(context.Background(), opts); err != nil {
					t.Fatal(err)
				}
				for _, dry := range []bool{true, false} {
					res, err := publish.Run(context.Background(), publish.Options{Out: f.Path("public"), Target: target, DryRun: dry, MaxDeletes: 256, Grace: -1})
					if !errors.Is(err, publish.ErrForReview) || res != nil || !strings.Contains(err.Error(), "includes drafts (herald build --drafts)") {
						t.Fatalf("dry run %v: %v, %v; want the refusal", dry, res, err)
					}
					if hint := publish.Explain(err, target); hint == nil || !strings.Contains(hint.Error(), "--allow-drafts") {
						t.Errorf("Explain(%v) = %v", err, hint)
					}
				}
				b := openBucket(t, target)
				checkEmpty(t, b)
				f.publish(t, target, func(o *publish.Options) { o.AllowDrafts = true })
				checkBucket(t, target, f, false, nil)
			})
			t.Run("another site under a folder of the target is left alone", func(t *testing.T) {
				// A trial: publishing to the bucket's root planned to
				// delete the site another team published with prefix=news/.
				f, target := newFixture(t), be.open(t)
				f.publish(t, target, nil)
				b := openBucket(t, target)
				ctx := context.Background()
				for i := range 200 {
					if err := b.WriteAll(ctx, fmt.Sprintf("news/stories/%03d/index.html", i), []byte("<p>news"), nil); err != nil {
						t.Fatal(err)
					}
				}
				// A folder without a record of its own is not a site.
				if err := b.WriteAll(ctx, "stray/a.html", []byte("x"), nil); err != nil {
					t.Fatal(err)
				}
				if err := b.WriteAll(ctx, "news/"+publish.StateName, []byte(`{"files":{}}`), nil); err != nil {
					t.Fatal(err)
				}
				res := f.publish(t, target, nil)
				if want := []publish.OtherSite{{Prefix: "news/", Objects: 200}}; !slices.Equal(res.Plan.Others, want) {
					t.Errorf("others %+v, want %+v", res.Plan.Others, want)
				}
				if !slices.Equal(res.Plan.Deletes, []string{"stray/a.html"}) || res.Deleted != 1 {
					t.Errorf("deletes %q (deleted %d), want only stray/a.html", res.Plan.Deletes, res.Deleted)
				}
				for _, key := range []string{"news/stories/000/index.html", "news/stories/199/index.html", "news/" + publish.StateName} {
					if _, err := b.ReadAll(ctx, key); err != nil {
						t.Errorf("%s: %v", key, err)
					}
				}
			})
			t.Run("the site's own files under another site's folder are refused", func(t *testing.T) {
				// A review: the other site's files under stories/ were
				// overwritten by this site's, while the plan said that
				// site was left alone.
				f, target := newFixture(t), be.open(t)
				b := openBucket(t, target)
				ctx := context.Background()
				for key, data := range map[string]string{"stories/" + publish.StateName: `{"files":{}}`, "stories/a/index.html": "OTHER SITE"} {
					if err := b.WriteAll(ctx, key, []byte(data), nil); err != nil {
						t.Fatal(err)
					}
				}
				res, err := publish.Run(ctx, publish.Options{Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4, Grace: -1})
				if err == nil || !strings.Contains(err.Error(), "where the target holds another herald site (stories/"+publish.StateName+")") {
					t.Fatalf("publish: %v, %+v; want it refused", err, res)
				}
				if data, err := b.ReadAll(ctx, "stories/a/index.html"); err != nil || string(data) != "OTHER SITE" {
					t.Errorf("the other site's file holds %q, %v", data, err)
				}
			})
			t.Run("gzip compresses text once and never the search index", func(t *testing.T) {
				f, target := newFixture(t), be.open(t)
				yes := true
				rules := []config.Rule{{Pattern: regexp.MustCompile(`^search/`), Gzip: &yes}}
				res := f.publish(t, target, func(o *publish.Options) { o.Gzip = true; o.Rules = rules })
				for _, u := range res.Plan.Uploads {
					isText := !strings.HasSuffix(u.Path, ".bin") && !strings.HasSuffix(u.Path, ".jpg")
					if be.name == "file" {
						isText = false // a folder's files are never compressed
					}
					if isText != u.Gzip || strings.HasSuffix(u.Path, ".bin") && u.Headers.ContentEncoding != "" {
						t.Errorf("%s: gzip %v, Content-Encoding %q", u.Path, u.Gzip, u.Headers.ContentEncoding)
					}
				}
				again := f.publish(t, target, func(o *publish.Options) { o.Gzip = true; o.Rules = rules })
				if again.Uploaded != 0 {
					t.Errorf("a second gzip publish uploaded %q", uploaded(again))
				}
				checkBucket(t, target, f, true, rules)
			})
		})
	}
}

// changed returns the paths whose content differs between two manifests,
// or which are new.
func changed(a, b *output.Manifest) []string {
	old := map[string]string{}
	for _, e := range a.Files {
		old[e.Path] = e.Hash
	}
	var out []string
	for _, e := range b.Files {
		if old[e.Path] != e.Hash {
			out = append(out, e.Path)
		}
	}
	slices.Sort(out)
	return out
}

// s3server runs one versitygw for the test binary.
type s3server struct {
	addr string // host:port
	err  error
	n    int
	mu   sync.Mutex
	cmd  *exec.Cmd
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if s3Srv != nil && s3Srv.cmd != nil {
		s3Srv.cmd.Process.Kill()
		s3Srv.cmd.Wait()
		os.RemoveAll(s3Srv.dir)
	}
	os.Exit(code)
}

var (
	s3Once sync.Once
	s3Srv  *s3server
)

const (
	s3Access = "testaccess"
	s3Secret = "testsecret123"
)

// s3Server starts versitygw on a free port of 127.0.0.1, once. It needs the
// versitygw binary: HERALD_VERSITYGW, .tools/versitygw (where .ci/run puts
// it) or versitygw on PATH.
func s3Server(t *testing.T) *s3server {
	t.Helper()
	exe := os.Getenv("HERALD_VERSITYGW")
	if exe == "" {
		exe = testsite.RequireTool(t, "versitygw (an S3-compatible server)", filepath.Join(testsite.Root(t), ".tools", "versitygw"), "versitygw")
	}
	s3Once.Do(func() {
		s3Srv = &s3server{}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s3Srv.err = err
			return
		}
		s3Srv.addr = ln.Addr().String()
		ln.Close()
		dir, err := os.MkdirTemp("", "herald-s3-")
		if err != nil {
			s3Srv.err = err
			return
		}
		s3Srv.dir = dir
		cmd := exec.Command(exe, "--access", s3Access, "--secret", s3Secret, "--port", s3Srv.addr, "--quiet", "posix", dir)
		if err := cmd.Start(); err != nil {
			s3Srv.err = err
			return
		}
		s3Srv.cmd = cmd
		for i := 0; i < 200; i++ {
			if c, err := net.Dial("tcp", s3Srv.addr); err == nil {
				c.Close()
				return
			}
			time.Sleep(25 * time.Millisecond)
		}
		s3Srv.err = fmt.Errorf("versitygw did not start on %s", s3Srv.addr)
	})
	if s3Srv.err != nil {
		t.Fatal(s3Srv.err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", s3Access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3Secret)
	t.Setenv("AWS_REGION", "us-east-1")
	return s3Srv
}

// bucket creates a new bucket and returns its URL.
func (s *s3server) bucket(t *testing.T) string {
	t.Helper()
	s.mu.Lock()
	s.n++
	name := fmt.Sprintf("site-%d-%d", time.Now().UnixNano()%1e6, s.n)
	s.mu.Unlock()
	client := s3.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(s3Access, s3Secret, ""),
		BaseEndpoint: aws.String("http://" + s.addr),
	}, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	return s.url(name, s.addr)
}

func (s *s3server) url(bucket, addr string) string {
	return "s3://" + bucket + "?endpoint=http://" + addr + "&region=us-east-1&use_path_style=true"
}

// openBucket opens the bucket at target for the test.
func openBucket(t *testing.T, target string) *blob.Bucket {
	t.Helper()
	b, err := blob.OpenBucket(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// checkEmpty checks that the bucket holds no object.
func checkEmpty(t *testing.T, b *blob.Bucket) {
	t.Helper()
	if obj, err := b.List(nil).Next(context.Background()); err != io.EOF {
		t.Errorf("the bucket holds %v (%v), want nothing", obj, err)
	}
}

// readObject reads an object of the bucket at target.
func readObject(target, key string) ([]byte, error) {
	b, err := blob.OpenBucket(context.Background(), target)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.ReadAll(context.Background(), key)
}

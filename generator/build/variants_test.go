package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/images"
	"herald/generator/internal/testsite"
	"herald/generator/render"
)

// Issue D6: with templates of its own, a site's every build wrote each
// file afresh, and resized every cover again (1.9 s and 460 MB for one
// photo of 4000×3000), though a smaller copy depends on its image alone.
// An unchanged cover's copies are now taken from the previous output,
// modification times and all; a changed one's are made again.
func TestVariantsKeptWithOwnTemplates(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false)+coverStory("c", "other.jpg", false))
	s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(1200, 800))
	s.WriteFile(t, "content/stories/c/other.jpg", testsite.Photo(1000, 600))
	s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>找不到这个页面。</p>{{end}}`))
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatal(err)
	}
	variants := []string{"public/stories/b/photo-480w.jpg", "public/stories/b/photo-960w.jpg", "public/stories/c/other-480w.jpg", "public/stories/c/other-960w.jpg"}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, v := range variants {
		if err := os.Chtimes(s.Path(v), old, old); err != nil {
			t.Fatal(err)
		}
	}
	before := s.Tree(t, "public")

	// A template edit, which renders every page again, and a new photo
	// for one of the stories.
	s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>页面不存在。</p>{{end}}`))
	s.WriteFile(t, "content/stories/c/other.jpg", testsite.Photo(1000, 700))
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatal(err)
	}
	after := s.Tree(t, "public")
	for _, v := range variants {
		info, err := os.Stat(s.Path(v))
		if err != nil {
			t.Fatal(err)
		}
		kept := v[len("public/stories/"):][0] == 'b'
		if got := info.ModTime().Equal(old); got != kept {
			t.Errorf("%s: modification time %v; kept = %v, want %v", v, info.ModTime(), got, kept)
		}
		if same := string(before[v[len("public/"):]]) == string(after[v[len("public/"):]]); same != kept {
			t.Errorf("%s: same bytes = %v, want %v", v, same, kept)
		}
	}
	s.Contains(t, "public/404.html", "页面不存在。")

	// --full writes every file afresh.
	opts := s.Options(theme)
	opts.Full = true
	if _, err := safeBuild(t, opts); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(s.Path(variants[0])); err != nil || info.ModTime().Equal(old) {
		t.Errorf("--full kept %s (%v)", variants[0], err)
	}
}

// TestVariantFingerprints checks that a smaller copy's fingerprint, by
// which the dev server keeps what it rendered, changes with its image and
// not with the templates or settings (issue D6: under serve, a template
// edit resized every cover again).
// loadRenderer loads s, which must have no errors, and returns the
// renderer a build of it would use.
func loadRenderer(t *testing.T, s *testsite.Site, theme fs.FS) *render.Renderer {
	t.Helper()
	opts := s.Options(theme)
	l, err := build.Load(context.Background(), opts)
	if err != nil || l.Problems.Errors() > 0 {
		t.Fatalf("load: %v %v", err, l.Problems.Problems())
	}
	r, err := l.Renderer(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVariantFingerprints(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false))
	s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(1200, 800))
	fingerprints := func() (variant, page uint64) {
		t.Helper()
		r := loadRenderer(t, s, theme)
		for _, j := range r.Jobs() {
			switch j.Path {
			case "stories/b/photo-960w.jpg":
				if !j.Variant() {
					t.Errorf("%s is not a variant's job", j.Path)
				}
				variant = r.Fingerprint(j)
			case "stories/b/index.html":
				page = r.Fingerprint(j)
			}
		}
		return variant, page
	}
	v1, p1 := fingerprints()
	s.WriteFile(t, "templates/story.html", []byte(`{{define "main"}}<h1>{{.Story.Title}}</h1>{{end}}`))
	v2, p2 := fingerprints()
	if v1 != v2 || p1 == p2 {
		t.Errorf("after a template edit: variant %x → %x (want the same), page %x → %x (want another)", v1, v2, p1, p2)
	}
	s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(1200, 700))
	if v3, _ := fingerprints(); v3 == v2 {
		t.Error("a new photo kept its smaller copy's fingerprint")
	}
}

// TestFailedBuildAfterLend checks that a build that fails after taking
// the smaller copies of unchanged covers from the previous output leaves
// that output byte for byte, and time for time, as it was (a review: the
// new output holds hard links to the previous one's files, through which
// a write reached public/; package output's TestWriteOverLent has the
// write). Here it fails when it resizes a cover damaged within its data.
func TestFailedBuildAfterLend(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false))
	s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(1200, 800))
	s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>找不到这个页面。</p>{{end}}`))
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatal(err)
	}
	variants := []string{"public/stories/b/photo-480w.jpg", "public/stories/b/photo-960w.jpg"}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, v := range variants {
		if err := os.Chtimes(s.Path(v), old, old); err != nil {
			t.Fatal(err)
		}
	}
	before := s.Tree(t, "public")

	damaged := testsite.Photo(1000, 600)
	i := len(damaged) / 2
	damaged[i], damaged[i+1] = 0xFF, 0xD3 // a marker where none may be
	s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>页面不存在。</p>{{end}}`))
	addFiles(t, s, coverStory("c", "damaged.jpg", false), map[string][]byte{"content/stories/c/damaged.jpg": damaged})
	if _, err := safeBuild(t, s.Options(theme)); err == nil || !strings.Contains(err.Error(), `"damaged.jpg"`) {
		t.Fatalf("build: %v, want the damaged cover", err)
	}
	after := s.Tree(t, "public")
	if len(after) != len(before) {
		t.Errorf("public/ holds %d files, want %d", len(after), len(before))
	}
	for p, data := range before {
		if string(after[p]) != string(data) {
			t.Errorf("public/%s changed", p)
		}
	}
	for _, v := range variants {
		if info, err := os.Stat(s.Path(v)); err != nil || !info.ModTime().Equal(old) {
			t.Errorf("%s: %v, or its modification time changed", v, err)
		}
	}
	checkNoLeftovers(t, s.Path("."))
}

// TestVariantsDecodes counts the images a build decodes to make their
// smaller copies: each once in a first build, whatever its copies; none
// after an edit of a story's text, which changes no image, whether the
// output is updated in place (the theme's templates) or written afresh
// with the copies lent (templates of the site's own);
// and one, the photo's, for a copy deleted from the output beside its
// others, which comes back with the bytes it had.
func TestVariantsDecodes(t *testing.T) {
	tests := []struct {
		name string
		own  bool // templates of the site's own
	}{
		{"theme's templates", false},
		{"own templates", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			theme := testsite.Theme(t)
			s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false)+coverStory("c", "other.jpg", false))
			photo := testsite.Photo(1600, 1000)
			s.WriteFile(t, "content/stories/b/photo.jpg", photo)
			s.WriteFile(t, "content/stories/c/other.jpg", testsite.Photo(1000, 600))
			if tt.own {
				s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>找不到这个页面。</p>{{end}}`))
			}
			build := func(step string) *build.Result {
				t.Helper()
				res, err := safeBuild(t, s.Options(theme))
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
				return res
			}
			if got := build("first build").Stats.Decoded; got != 2 {
				t.Errorf("first build: decoded %d images, want 2, each once for all its copies", got)
			}
			before := s.Tree(t, "public")

			testsite.Edit("content/stories/b/index.md", "正文。", "正文，改过。")(t, s)
			if got := build("after a text edit").Stats.Decoded; got != 0 {
				t.Errorf("after a text edit: decoded %d images, want none", got)
			}
			s.Contains(t, "public/stories/b/index.html", "正文，改过。")

			const gone = "stories/b/photo-1440w.jpg"
			if err := os.Remove(s.Path("public/" + gone)); err != nil {
				t.Fatal(err)
			}
			if got := build("after a copy was deleted").Stats.Decoded; got != 1 {
				t.Errorf("after %s was deleted: decoded %d images, want 1", gone, got)
			}
			after := s.Tree(t, "public")
			want, err := images.Resize(photo, "jpeg", 1440)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after[gone], want) || !bytes.Equal(after[gone], before[gone]) {
				t.Errorf("%s: %d bytes, want the %d the first build wrote, Resize's", gone, len(after[gone]), len(before[gone]))
			}
		})
	}
}

// TestChangedInPlace checks that a photo or a file changed in place and
// given back its modification time, as touch -r, cp -p or rsync -t do,
// is made again: its smaller copies, and the file copied as it is. A
// trial: they were kept from the previous output, and check passed a
// photo so damaged.
func TestChangedInPlace(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false)+"-- content/stories/b/notice.txt --\n通知第一版。\n")
	story := s.Read(t, "content/stories/b/index.md")
	s.WriteFile(t, "content/stories/b/index.md", []byte(story+"\n[通知](notice.txt)\n"))
	photo := testsite.Photo(1200, 800)
	s.WriteFile(t, "content/stories/b/photo.jpg", photo)
	cached := s.Options(theme)
	cached.CacheDir = s.Path(build.CacheDir)
	if _, err := safeBuild(t, cached); err != nil {
		t.Fatal(err)
	}
	// The same sizes, other bytes, the same times.
	again := func(name string, data []byte) {
		info, err := os.Stat(s.Path(name))
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // a change time of its own
		s.WriteFile(t, name, data)
		if err := os.Chtimes(s.Path(name), info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	again("content/stories/b/notice.txt", []byte("通知第二版。\n"))
	changed := bytes.Clone(photo)
	changed[len("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00")] ^= 1 // the JFIF density: the same picture
	again("content/stories/b/photo.jpg", changed)
	res, err := safeBuild(t, cached)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Decoded != 1 {
		t.Errorf("decoded %d images, want the photo changed in place", res.Stats.Decoded)
	}
	s.Contains(t, "public/stories/b/notice.txt", "第二版")
}

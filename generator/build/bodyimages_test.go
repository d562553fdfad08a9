package build_test

import (
	"bytes"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// bodyStory is a page bundle's story with a cover (none when "") and the
// body given, which starts on line 9 of the file (line 8 without a cover).
func bodyStory(dir, cover, body string) string {
	c := ""
	if cover != "" {
		c = "cover: " + cover + "\n"
	}
	return "-- content/stories/" + dir + "/index.md --\n---\ntitle: 组图" + dir + "\ndate: 2021-04-20\nbranch: 枫林社区党委\ncategory: 为民办实事\n" + c + "---\n\n" + body
}

// bodyPhotos is a site whose stories show photos in their bodies: a phone's
// photo that is also the cover, a PNG, one from static/ shown by two
// stories, one beside a story that is no bundle, and images that get no
// smaller copies: too small, a GIF, a PNG named .jpg, another site's.
func bodyPhotos(t *testing.T) *testsite.Site {
	t.Helper()
	s := testsite.Write(t, baseSite+
		bodyStory("b", "IMG_5566.JPG", "![支部党员入户走访](IMG_5566.JPG)\n\n![流程图](flow.png)\n\n![合影](/images/group.jpg)\n")+
		bodyStory("c", "", "![合影](/images/group.jpg)\n\n![小图](small.jpg) ![动图](anim.gif) ![截图](shot.jpg) ![外图](https://img.example.com/a.jpg)\n")+`
-- content/stories/2021/04/plain.md --
---
title: 单篇
date: 2021-04-20
branch: 枫林社区党委
category: 为民办实事
---

![现场](plain.jpg)
`)
	for name, data := range map[string][]byte{
		"content/stories/b/IMG_5566.JPG":    testsite.Photo(1200, 800),
		"content/stories/b/flow.png":        grayPNG(1000, 500),
		"static/images/group.jpg":           testsite.Photo(1600, 900),
		"content/stories/c/small.jpg":       testsite.Photo(480, 320),
		"content/stories/c/anim.gif":        smallGIF(),
		"content/stories/c/shot.jpg":        grayPNG(800, 600),
		"content/stories/2021/04/plain.jpg": testsite.Photo(700, 500),
	} {
		s.WriteFile(t, name, data)
	}
	return s
}

const bodySizes = ` sizes="(max-width: 756px) calc(100vw - 36px), 720px"`

// Issue: photos in a story's body were published at full size, 8.3 MB
// for a phone's 6000×4000 photo, with no srcset: only the cover got
// smaller copies. A body's JPEG and PNG wider than 480 pixels now get
// the cover's copies, made once however many places show the image.
func TestBodyImageCopies(t *testing.T) {
	s := bodyPhotos(t)
	theme := testsite.Theme(t)
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatalf("build: %v", err)
	}
	s.Contains(t, "public/stories/b/index.html",
		`srcset="/news/stories/b/IMG_5566-480w.JPG 480w, /news/stories/b/IMG_5566-960w.JPG 960w, /news/stories/b/IMG_5566.JPG 1200w" sizes=`, // the cover
		`<img src="/news/stories/b/IMG_5566.JPG" alt="支部党员入户走访" width="1200" height="800" srcset="/news/stories/b/IMG_5566-480w.JPG 480w, /news/stories/b/IMG_5566-960w.JPG 960w, /news/stories/b/IMG_5566.JPG 1200w"`+bodySizes+` loading="lazy" decoding="async">`,
		`<img src="/news/stories/b/flow.png" alt="流程图" width="1000" height="500" srcset="/news/stories/b/flow-480w.png 480w, /news/stories/b/flow-960w.png 960w, /news/stories/b/flow.png 1000w"`+bodySizes+` loading="lazy" decoding="async">`,
		`<img src="/news/images/group.jpg" alt="合影" width="1600" height="900" srcset="/news/images/group-480w.jpg 480w, /news/images/group-960w.jpg 960w, /news/images/group-1440w.jpg 1440w, /news/images/group.jpg 1600w"`+bodySizes+` loading="lazy" decoding="async">`)
	s.Contains(t, "public/stories/c/index.html",
		`<img src="/news/images/group.jpg" alt="合影" width="1600" height="900" srcset="/news/images/group-480w.jpg 480w,`,
		`<img src="/news/stories/c/small.jpg" alt="小图" width="480" height="320" loading="lazy" decoding="async">`,
		`<img src="/news/stories/c/anim.gif" alt="动图" width="40" height="30" loading="lazy" decoding="async">`,
		`<img src="/news/stories/c/shot.jpg" alt="截图" width="800" height="600" loading="lazy" decoding="async">`,
		`<img src="https://img.example.com/a.jpg" alt="外图" loading="lazy" decoding="async">`)
	s.Contains(t, "public/stories/2021/04/plain/index.html",
		`<img src="/news/stories/2021/04/plain.jpg" alt="现场" width="700" height="500" srcset="/news/stories/2021/04/plain-480w.jpg 480w, /news/stories/2021/04/plain.jpg 700w"`+bodySizes)

	copies := map[string]struct {
		width, height int
		format        string
	}{
		"public/stories/b/IMG_5566-480w.JPG":    {480, 320, "jpeg"},
		"public/stories/b/IMG_5566-960w.JPG":    {960, 640, "jpeg"},
		"public/stories/b/flow-480w.png":        {480, 240, "png"},
		"public/stories/b/flow-960w.png":        {960, 480, "png"},
		"public/images/group-480w.jpg":          {480, 270, "jpeg"},
		"public/images/group-960w.jpg":          {960, 540, "jpeg"},
		"public/images/group-1440w.jpg":         {1440, 810, "jpeg"},
		"public/stories/2021/04/plain-480w.jpg": {480, 343, "jpeg"},
	}
	for name, want := range copies {
		data, err := os.ReadFile(s.Path(name))
		if err != nil {
			t.Error(err)
			continue
		}
		decode := jpeg.DecodeConfig
		if want.format == "png" {
			decode = png.DecodeConfig
		}
		cfg, err := decode(bytes.NewReader(data))
		if err != nil || cfg.Width != want.width || cfg.Height != want.height {
			t.Errorf("%s: %d×%d, %v; want a %s of %d×%d", name, cfg.Width, cfg.Height, err, want.format, want.width, want.height)
		}
	}
	for _, name := range []string{"small-480w.jpg", "anim-480w.gif", "shot-480w.jpg", "plain-960w.jpg"} {
		for _, dir := range []string{"public/stories/c/", "public/stories/2021/04/"} {
			if s.Exists(dir + name) {
				t.Errorf("%s%s was written", dir, name)
			}
		}
	}

	// Each copy is made by one job, though the cover shows IMG_5566.JPG
	// too, and two stories show group.jpg.
	var variants []string
	for _, j := range loadRenderer(t, s, theme).Jobs() {
		if j.Variant() {
			variants = append(variants, "public/"+j.Path)
		}
	}
	slices.Sort(variants)
	var want []string
	for name := range copies {
		want = append(want, name)
	}
	slices.Sort(want)
	if !slices.Equal(variants, want) {
		t.Errorf("the jobs of smaller copies:\n%s\nwant\n%s", strings.Join(variants, "\n"), strings.Join(want, "\n"))
	}

	// The feed carries the copies' addresses whole.
	s.Contains(t, "public/index.xml", "srcset=&#34;https://example.org/news/stories/b/IMG_5566-480w.JPG 480w, https://example.org/news/stories/b/IMG_5566-960w.JPG 960w")
}

// Issue: a phone 390 CSS pixels wide at 3× density wants an image about
// 1,170 pixels wide, more than the 960 copy, and downloaded the 5 to 8 MB
// original. A JPEG or PNG wider than 1440 pixels now gets a copy 1440
// wide too, as cover and in the body; one no wider keeps the copies it got.
func TestImageCopies1440(t *testing.T) {
	tests := []struct {
		name   string
		width  int
		srcset string // the photo's, as cover and in the body
	}{
		{"2000 wide: a 1440 copy", 2000,
			`srcset="/news/stories/b/photo-480w.jpg 480w, /news/stories/b/photo-960w.jpg 960w, /news/stories/b/photo-1440w.jpg 1440w, /news/stories/b/photo.jpg 2000w"`},
		{"1200 wide: none", 1200,
			`srcset="/news/stories/b/photo-480w.jpg 480w, /news/stories/b/photo-960w.jpg 960w, /news/stories/b/photo.jpg 1200w"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, baseSite+bodyStory("b", "photo.jpg", "![现场](photo.jpg)\n"))
			s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(tt.width, tt.width*3/4))
			if _, err := safeBuild(t, s.Options(testsite.Theme(t))); err != nil {
				t.Fatalf("build: %v", err)
			}
			html := s.Read(t, "public/stories/b/index.html")
			if n := strings.Count(html, tt.srcset); n != 2 {
				t.Errorf("public/stories/b/index.html has %s %d times, want 2 (cover and body)", tt.srcset, n)
			}
			if got, want := s.Exists("public/stories/b/photo-1440w.jpg"), tt.width > 1440; got != want {
				t.Errorf("public/stories/b/photo-1440w.jpg written: %v, want %v", got, want)
			}
		})
	}
}

// TestBodyImageCopiesDeterministic builds the site of body photos with one
// worker on one core, and with eight on eight, and compares every file.
// Either way, each of the four images with copies is decoded once, not
// once for each of its eight copies.
func TestBodyImageCopiesDeterministic(t *testing.T) {
	s := bodyPhotos(t)
	var trees []map[string][]byte
	for _, procs := range []int{1, 8} {
		out := "public-" + string(rune('0'+procs))
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			res := buildSite(t, s, func(o *build.Options) { o.Out, o.Workers = s.Path(out), procs })
			if got := res.Stats.Decoded; got != 4 {
				t.Errorf("%d workers: decoded %d images, want 4", procs, got)
			}
		}()
		trees = append(trees, s.Tree(t, out))
	}
	if !s.Exists("public-1/images/group-960w.jpg") {
		t.Fatal("no smaller copy written")
	}
	for _, p := range sortedKeys(trees...) {
		if !bytes.Equal(trees[0][p], trees[1][p]) {
			t.Errorf("%s differs between 1 and 8 workers", p)
		}
	}
}

// TestBodyImageCopiesKept checks that an edit of a story's text makes no
// smaller copy again: the copies keep their bytes and modification times,
// when the build updates the output in place and when it writes a new one
// (templates of the site's own), which takes them from the old (lend); a
// photo replaced gets new ones.
func TestBodyImageCopiesKept(t *testing.T) {
	for _, own := range []bool{false, true} {
		name := "update"
		if own {
			name = "own templates"
		}
		t.Run(name, func(t *testing.T) {
			s := bodyPhotos(t)
			theme := testsite.Theme(t)
			if own {
				s.WriteFile(t, "templates/404.html", []byte(`{{define "main"}}<p>找不到这个页面。</p>{{end}}`))
			}
			if _, err := safeBuild(t, s.Options(theme)); err != nil {
				t.Fatal(err)
			}
			copies := []string{"public/stories/b/IMG_5566-960w.JPG", "public/stories/b/flow-480w.png", "public/images/group-480w.jpg"}
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			for _, c := range copies {
				if err := os.Chtimes(s.Path(c), old, old); err != nil {
					t.Fatal(err)
				}
			}
			before := s.Tree(t, "public")
			s.WriteFile(t, "content/stories/b/index.md", []byte(strings.SplitN(bodyStory("b", "IMG_5566.JPG", "新加的一段话。\n\n![支部党员入户走访](IMG_5566.JPG)\n\n![流程图](flow.png)\n\n![合影](/images/group.jpg)\n"), "--\n", 2)[1]))
			s.WriteFile(t, "content/stories/b/flow.png", grayPNG(1000, 600))
			if _, err := safeBuild(t, s.Options(theme)); err != nil {
				t.Fatal(err)
			}
			s.Contains(t, "public/stories/b/index.html", "新加的一段话。", `<img src="/news/stories/b/flow.png" alt="流程图" width="1000" height="600" srcset=`)
			after := s.Tree(t, "public")
			for _, c := range copies {
				kept := !strings.Contains(c, "flow")
				info, err := os.Stat(s.Path(c))
				if err != nil {
					t.Fatal(err)
				}
				if got := info.ModTime().Equal(old); got != kept {
					t.Errorf("%s: modification time kept = %v, want %v", c, got, kept)
				}
				if same := bytes.Equal(before[c[len("public/"):]], after[c[len("public/"):]]); same != kept {
					t.Errorf("%s: same bytes = %v, want %v", c, same, kept)
				}
			}
		})
	}
}

// TestBodyImageProblems checks that a body's photo that cannot be made
// smaller is a problem at the line that shows it, at every line that
// does, in build and in check: a photo copied halfway, one damaged within
// its data, one whose name claims another format, and a file of the site
// where a smaller copy would be written.
func TestBodyImageProblems(t *testing.T) {
	theme := testsite.Theme(t)
	photo := testsite.Photo(1200, 800)
	cut := "\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing"
	tests := []problemCase{
		{
			name:  "a photo cut short, shown twice",
			files: bodyStory("b", "", "正文。\n\n![现场](trunc.jpg)\n\n![现场](trunc.jpg)\n") + bodyStory("c", "", "![现场](/stories/b/trunc.jpg)\n"),
			raw:   map[string][]byte{"content/stories/b/trunc.jpg": photo[:len(photo)-100]},
			want: []string{
				"content/stories/b/index.md:10: image \"trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)" + cut,
				"content/stories/b/index.md:12: image \"trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)" + cut,
				"content/stories/c/index.md:8: image \"/stories/b/trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)" + cut,
			},
		},
		{
			name:  "a smaller copy over a file of the bundle",
			files: bodyStory("b", "", "![现场](photo.jpg)\n\n[小图](photo-480w.jpg)\n"),
			raw:   map[string][]byte{"content/stories/b/photo.jpg": photo, "content/stories/b/photo-480w.jpg": testsite.Photo(480, 320)},
			want: []string{
				"content/stories/b/index.md:8: the smaller copy /stories/b/photo-480w.jpg of image \"photo.jpg\" would be written over content/stories/b/photo-480w.jpg\n\thint: rename content/stories/b/photo-480w.jpg: herald names an image's smaller copies after it, with -480w, -960w, -1440w before the extension",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { runProblemCase(t, theme, tc) })
	}

	// A trial: it passed without a word, where as a cover it is an error.
	// It is shown as it is, without smaller copies, which would be JPEGs
	// named .png.
	t.Run("a JPEG named .png", func(t *testing.T) {
		s := testsite.Write(t, baseSite+bodyStory("b", "", "![现场](photo.png)\n"))
		s.WriteFile(t, "content/stories/b/photo.png", photo)
		want := []string{"content/stories/b/index.md:8: warning: image \"photo.png\" holds a JPEG image, though its name ends in .png: it is shown as it is, without smaller copies\n\thint: rename the file to end in .jpg, and change the image's address to the new name"}
		if got := buildWarnings(t, s, theme); !slices.Equal(got, want) {
			t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !s.Exists("public/stories/b/photo.png") || s.Exists("public/stories/b/photo-480w.png") {
			t.Error("the image is not published as it is, or has smaller copies")
		}
	})

	// A file of the bundle no story uses is not published: the smaller
	// copy takes its name, and the file gets its warning.
	t.Run("a smaller copy over a file no story uses", func(t *testing.T) {
		s := testsite.Write(t, baseSite+bodyStory("b", "", "![现场](photo.jpg)\n"))
		s.WriteFile(t, "content/stories/b/photo.jpg", photo)
		mine := testsite.Photo(480, 320)
		s.WriteFile(t, "content/stories/b/photo-480w.jpg", mine)
		res := buildSite(t, s, nil)
		var warned bool
		for _, w := range res.Warnings {
			warned = warned || w.Pos.File == "content/stories/b/photo-480w.jpg" && strings.Contains(w.Error(), "not published")
		}
		if !warned {
			t.Errorf("warnings %v: want photo-480w.jpg's as unused", res.Warnings)
		}
		if got := []byte(s.Read(t, "public/stories/b/photo-480w.jpg")); bytes.Equal(got, mine) {
			t.Error("public/stories/b/photo-480w.jpg is the unused file, not the smaller copy")
		}
	})

	// A build stops before it converts the Markdown of a site with other
	// problems, as it does for links; check goes on, and reports both.
	t.Run("check, with another problem", func(t *testing.T) {
		s := testsite.Write(t, baseSite+bodyStory("b", "", "![现场](trunc.jpg)\n")+unknownBranch)
		s.WriteFile(t, "content/stories/b/trunc.jpg", photo[:len(photo)-100])
		var got []string
		for _, p := range safeCheck(t, s.Options(theme)).Problems() {
			if !p.Warning {
				got = append(got, p.Error())
			}
		}
		want := []string{"content/stories/b/index.md:8: image \"trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)" + cut, unknownBranchProblem}
		if !slices.Equal(got, want) {
			t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("damaged within its data", func(t *testing.T) {
		s := testsite.Write(t, baseSite+bodyStory("b", "photo.jpg", "![现场](photo.jpg)\n")+bodyStory("c", "", "![现场](/stories/b/photo.jpg)\n"))
		s.WriteFile(t, "content/stories/b/photo.jpg", damagedJPEG(1200, 800))
		_, err := safeBuild(t, s.Options(theme))
		hint := "\n\thint: re-save or re-export it as JPEG or PNG from the original"
		want := []string{
			"content/stories/b/index.md:6: the cover \"photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
			"content/stories/b/index.md:9: image \"photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
			"content/stories/c/index.md:8: image \"/stories/b/photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
		}
		if got := problemsOf(t, err); !slices.Equal(got, want) {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if s.Exists("public") {
			t.Error("the failed build wrote public/")
		}
		// Issue: check, which made no copy, decoded no pixels, and passed
		// what failed the build.
		var got []string
		for _, p := range safeCheck(t, s.Options(theme)).Problems() {
			if !p.Warning {
				got = append(got, p.Error())
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("a draft's", func(t *testing.T) {
		s := testsite.Write(t, baseSite+strings.Replace(bodyStory("b", "", "![现场](trunc.jpg)\n"), "---\n\n", "draft: true\n---\n\n", 1))
		s.WriteFile(t, "content/stories/b/trunc.jpg", photo[:len(photo)-100])
		res, err := safeBuild(t, s.Options(theme))
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		if len(res.Warnings) != 0 {
			t.Errorf("a build without drafts warned: %v", res.Warnings)
		}
		var warned bool
		for _, p := range safeCheck(t, s.Options(theme)).Problems() {
			warned = warned || p.Warning && strings.HasPrefix(p.Error(), `content/stories/b/index.md:9: warning: image "trunc.jpg" is not a readable JPEG or PNG image`)
		}
		if !warned {
			t.Error("check gave no warning of the draft's photo")
		}
		opts := s.Options(theme)
		opts.Drafts = true
		if _, err := safeBuild(t, opts); err == nil || !strings.Contains(err.Error(), `image "trunc.jpg" is not a readable JPEG or PNG image`) {
			t.Errorf("build --drafts: %v, want the photo's problem", err)
		}
	})
}

// TestCheckDecodesChangedImages checks that herald check decodes an image
// changed since the last build made its smaller copies, as a build would:
// changed in place and given back its modification time (touch -r) too.
func TestCheckDecodesChangedImages(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+bodyStory("b", "", "![现场](photo.jpg)\n"))
	photo := s.Path("content/stories/b/photo.jpg")
	s.WriteFile(t, "content/stories/b/photo.jpg", testsite.Photo(1200, 800))
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(photo)
	if err != nil {
		t.Fatal(err)
	}
	errorsOf := func() []string {
		var got []string
		for _, p := range safeCheck(t, s.Options(theme)).Problems() {
			if !p.Warning {
				got = append(got, p.Error())
			}
		}
		return got
	}
	if got := errorsOf(); len(got) != 0 {
		t.Errorf("check of the photo built: %q", got)
	}
	want := []string{"content/stories/b/index.md:8: image \"photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)\n\thint: re-save or re-export it as JPEG or PNG from the original"}
	for _, tt := range []struct {
		name string
		when time.Time
	}{
		{"given back its time", info.ModTime()},
		{"of a later time", info.ModTime().Add(time.Second)},
	} {
		time.Sleep(10 * time.Millisecond) // a change time of its own
		s.WriteFile(t, "content/stories/b/photo.jpg", damagedJPEG(1200, 800))
		if err := os.Chtimes(photo, tt.when, tt.when); err != nil {
			t.Fatal(err)
		}
		if got := errorsOf(); !slices.Equal(got, want) {
			t.Errorf("damaged in place, %s: check:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestBodyImageSizes checks that the sizes of a body's images are those
// the theme gives its cover, in the same column.
func TestBodyImageSizes(t *testing.T) {
	story, err := os.ReadFile(testsite.Root(t) + "/templates/story.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(story), `sizes="`+build.BodyImageSizes+`"`) {
		t.Errorf("templates/story.html gives its cover other sizes than %q", build.BodyImageSizes)
	}
	if bodySizes != ` sizes="`+build.BodyImageSizes+`"` {
		t.Errorf("bodySizes = %q", bodySizes)
	}
}

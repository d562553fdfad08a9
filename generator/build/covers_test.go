package build_test

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"os"
	"slices"
	"strings"
	"testing"

	"herald/generator/diag"
	"herald/generator/internal/testsite"
)

// coverStory is a page bundle's story whose cover is the file named.
func coverStory(dir, cover string, draft bool) string {
	d := ""
	if draft {
		d = "draft: true\n"
	}
	return "-- content/stories/" + dir + "/index.md --\n---\ntitle: 组图" + dir + "\ndate: 2021-04-20\nbranch: 枫林社区党委\ncategory: 为民办实事\ncover: " + cover + "\n" + d + "---\n\n正文。\n"
}

// unknownBranch is a story with a problem of its own, which must not hide
// the covers' problems.
const unknownBranch = `
-- content/stories/other.md --
---
title: 另一篇
date: 2021-04-20
branch: 机关第八支布
category: 为民办实事
---

正文。
`

const unknownBranchProblem = "content/stories/other.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?"

// Issue D7: a text file named bad.jpg was published as a broken image; a
// truncated JPEG failed the build late, with no line, once every other
// problem was fixed, and passed herald check; a JPEG named .png gave
// smaller copies named .png holding JPEG data.
func TestCoverProblems(t *testing.T) {
	theme := testsite.Theme(t)
	photo := testsite.Photo(1200, 800)
	tests := []problemCase{
		{
			// A retrial: a 0-byte photo was called another kind of file.
			name:  "an empty file named .jpg",
			files: coverStory("b", "e.jpg", false),
			raw:   map[string][]byte{"content/stories/b/e.jpg": {}},
			want: []string{
				"content/stories/b/index.md:6: the cover \"e.jpg\" is not a readable JPEG or PNG image (the file is empty)\n\thint: copy it again from the original: none of it was copied",
			},
		},
		{
			name:  "a text file named .jpg",
			files: coverStory("b", "bad.jpg", false) + unknownBranch,
			raw:   map[string][]byte{"content/stories/b/bad.jpg": []byte("not an image\n")},
			want: []string{
				"content/stories/b/index.md:6: the cover \"bad.jpg\" is not a readable JPEG or PNG image (the file holds no image: it may be another kind of file, renamed)\n\thint: re-save or re-export it as JPEG or PNG; a phone's HEIC photo needs exporting as JPEG",
				unknownBranchProblem,
			},
		},
		{
			name:  "a truncated JPEG",
			files: coverStory("b", "trunc.jpg", false) + unknownBranch,
			raw:   map[string][]byte{"content/stories/b/trunc.jpg": photo[:5000]},
			want: []string{
				"content/stories/b/index.md:6: the cover \"trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing",
				unknownBranchProblem,
			},
		},
		{
			name:  "a truncated JPEG alone",
			files: coverStory("b", "trunc.jpg", false),
			raw:   map[string][]byte{"content/stories/b/trunc.jpg": photo[:len(photo)-100]},
			want: []string{
				"content/stories/b/index.md:6: the cover \"trunc.jpg\" is not a readable JPEG or PNG image (the file is cut short)\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing",
			},
		},
		{
			name:  "a truncated PNG, from static/",
			files: coverStory("b", "/images/cut.png", false),
			raw:   map[string][]byte{"static/images/cut.png": grayPNG(600, 400)[:60]},
			want: []string{
				"content/stories/b/index.md:6: the cover \"/images/cut.png\" is not a readable JPEG or PNG image (the file is cut short)\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing",
			},
		},
		{
			name:  "a JPEG named .png",
			files: coverStory("b", "photo.png", false),
			raw:   map[string][]byte{"content/stories/b/photo.png": photo},
			want: []string{
				"content/stories/b/index.md:6: the cover \"photo.png\" holds a JPEG image, though its name ends in .png\n\thint: rename the file to end in .jpg, and change cover: to the new name",
			},
		},
		{
			name:  "two stories with one broken cover",
			files: coverStory("b", "/images/bad.jpg", false) + coverStory("c", "/images/bad.jpg", false),
			raw:   map[string][]byte{"static/images/bad.jpg": []byte("<html>")},
			want: []string{
				"content/stories/b/index.md:6: the cover \"/images/bad.jpg\" is not a readable JPEG or PNG image (the file holds no image: it may be another kind of file, renamed)\n\thint: re-save or re-export it as JPEG or PNG; a phone's HEIC photo needs exporting as JPEG",
				"content/stories/c/index.md:6: the cover \"/images/bad.jpg\" is not a readable JPEG or PNG image (the file holds no image: it may be another kind of file, renamed)\n\thint: re-save or re-export it as JPEG or PNG; a phone's HEIC photo needs exporting as JPEG",
			},
		},
	}
	tests = append(tests, coverFormatCases(t, photo)...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { runProblemCase(t, theme, tc) })
	}
}

// smallGIF returns a GIF of 40×30 pixels.
func smallGIF() []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 30)), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// smallWebP returns a WebP of 7×4 pixels, from package images' test data.
func smallWebP(t *testing.T) []byte {
	data, err := os.ReadFile("../images/testdata/lossy-7x4.webp")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// coverFormatCases are covers in formats browsers do not show, GIFs and
// WebPs misnamed or cut short, and files herald reads as images but that
// are neither damaged nor unreadable (a review: an iPhone's HEIC cover
// passed check and build; a GIF or WebP was never checked for being whole
// or for its name; a cover of no pixels, or of a JPEG kind herald does
// not decode, got "check that the file can be read", with Go's error in
// English).
func coverFormatCases(t *testing.T, photo []byte) []problemCase {
	arithmetic := bytes.Clone(photo)
	if i := bytes.Index(arithmetic, []byte{0xFF, 0xC0}); i >= 0 {
		arithmetic[i+1] = 0xC9 // the start of a frame in arithmetic coding
	}
	g := smallGIF()
	shown := "\n\thint: export it as JPEG (or PNG, for a drawing or a screenshot), and change cover: to the new name"
	return []problemCase{
		{
			name:  "an iPhone's HEIC photo",
			files: coverStory("b", "IMG_0001.HEIC", false) + unknownBranch,
			raw:   map[string][]byte{"content/stories/b/IMG_0001.HEIC": []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")},
			want: []string{
				"content/stories/b/index.md:6: the cover \"IMG_0001.HEIC\" is in HEIC format, which browsers do not show" + shown,
				unknownBranchProblem,
			},
		},
		{
			name:  "a scan in TIFF, from static/",
			files: coverStory("b", "/images/scan.tif", false) + coverStory("c", "photo.heif", false),
			raw:   map[string][]byte{"static/images/scan.tif": []byte("II*\x00\x08\x00\x00\x00"), "content/stories/c/photo.heif": []byte("heif")},
			want: []string{
				"content/stories/b/index.md:6: the cover \"/images/scan.tif\" is in TIFF format, which browsers do not show" + shown,
				"content/stories/c/index.md:6: the cover \"photo.heif\" is in HEIF format, which browsers do not show" + shown,
			},
		},
		{
			name:  "a GIF named .jpg and a WebP named .png",
			files: coverStory("b", "anim.jpg", false) + coverStory("c", "small.png", false),
			raw:   map[string][]byte{"content/stories/b/anim.jpg": g, "content/stories/c/small.png": smallWebP(t)},
			want: []string{
				"content/stories/b/index.md:6: the cover \"anim.jpg\" holds a GIF image, though its name ends in .jpg\n\thint: rename the file to end in .gif, and change cover: to the new name",
				"content/stories/c/index.md:6: the cover \"small.png\" holds a WebP image, though its name ends in .png\n\thint: rename the file to end in .webp, and change cover: to the new name",
			},
		},
		{
			name:  "a GIF and a WebP cut short",
			files: coverStory("b", "cut.gif", false) + coverStory("c", "cut.webp", false),
			raw:   map[string][]byte{"content/stories/b/cut.gif": g[:len(g)-10], "content/stories/c/cut.webp": smallWebP(t)[:60]},
			want: []string{
				"content/stories/b/index.md:6: the cover \"cut.gif\" is not a readable JPEG or PNG image (the file is cut short)\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing",
				"content/stories/c/index.md:6: the cover \"cut.webp\" is not a readable JPEG or PNG image (the file is cut short)\n\thint: copy it again from the original, or re-save or re-export it as JPEG or PNG: part of the file is missing",
			},
		},
		{
			name:  "an image of no pixels and a JPEG in arithmetic coding",
			files: coverStory("b", "zero.gif", false) + coverStory("c", "arithmetic.jpg", false),
			raw:   map[string][]byte{"content/stories/b/zero.gif": []byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), "content/stories/c/arithmetic.jpg": arithmetic},
			want: []string{
				"content/stories/b/index.md:6: the cover \"zero.gif\" is not a readable JPEG or PNG image (its header gives it no pixels)\n\thint: re-save or re-export it as JPEG or PNG from the original",
				"content/stories/c/index.md:6: the cover \"arithmetic.jpg\" is not a readable JPEG or PNG image (it is saved in a way herald cannot read)\n\thint: re-save or re-export it as JPEG or PNG from the original, with the usual settings",
			},
		},
	}
}

// TestCoverProblemsOfDrafts checks that a draft's broken cover is a
// warning, as its other problems are, until the build publishes it.
func TestCoverProblemsOfDrafts(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite)
	addFiles(t, s, coverStory("b", "trunc.jpg", true), map[string][]byte{"content/stories/b/trunc.jpg": testsite.Photo(600, 400)[:3000]})
	res, err := safeBuild(t, s.Options(theme))
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var warned bool
	for _, w := range res.Warnings {
		warned = warned || strings.HasPrefix(w.Error(), `content/stories/b/index.md:6: warning: the cover "trunc.jpg" is not a readable JPEG or PNG image`)
	}
	if !warned {
		t.Errorf("no warning of the draft's cover: %v", res.Warnings)
	}
	opts := s.Options(theme)
	opts.Drafts = true
	if _, err := safeBuild(t, opts); err == nil || !strings.Contains(err.Error(), `the cover "trunc.jpg" is not a readable JPEG or PNG image`) {
		t.Errorf("build --drafts: %v, want the cover's problem", err)
	}
}

// TestCoverAccepted checks that whole covers of every kind pass.
func TestCoverAccepted(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite)
	addFiles(t, s, coverStory("b", "photo.jpg", false)+coverStory("c", "logo.svg", false)+coverStory("d", "scan.png", false)+coverStory("e", "motion.JPG", false)+
		coverStory("f", "anim.gif", false)+coverStory("g", "small.WEBP", false),
		map[string][]byte{
			"content/stories/f/anim.gif":   smallGIF(),
			"content/stories/g/small.WEBP": smallWebP(t),
			"content/stories/b/photo.jpg":  testsite.Photo(1200, 800),
			"content/stories/c/logo.svg":   []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`),
			"content/stories/d/scan.png":   grayPNG(1000, 500),
			"content/stories/e/motion.JPG": append(testsite.Photo(500, 400), bytes.Repeat([]byte("ftypmp42"), 2000)...),
		})
	if _, err := safeBuild(t, s.Options(theme)); err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, f := range []string{"public/stories/b/photo-960w.jpg", "public/stories/d/scan-480w.png", "public/stories/e/motion-480w.JPG"} {
		if !s.Exists(f) {
			t.Errorf("%s was not written", f)
		}
	}
	if ps := safeCheck(t, s.Options(theme)); ps.Errors() > 0 {
		t.Errorf("check: %v", ps.Problems())
	}
}

// damagedJPEG returns a JPEG photo of the given size whose end marker is
// whole but whose data are damaged in the middle: it is checked as whole,
// and fails to decode.
func damagedJPEG(width, height int) []byte {
	photo := testsite.Photo(width, height)
	i := len(photo) / 2
	photo[i], photo[i+1] = 0xFF, 0xD3 // a marker where none may be
	return photo
}

// TestCoverDamagedWithin checks that a cover damaged within its data,
// which the check of covers passes (it decodes no pixels), fails the
// build at its cover: line too, not with a bare error when it is resized.
func TestCoverDamagedWithin(t *testing.T) {
	photo := damagedJPEG(1200, 800)
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false))
	s.WriteFile(t, "content/stories/b/photo.jpg", photo)
	_, err := safeBuild(t, s.Options(testsite.Theme(t)))
	var de *diag.Error
	if !errors.As(err, &de) || len(de.Problems) != 1 {
		t.Fatalf("build returned %v (%T), want one problem", err, err)
	}
	want := "content/stories/b/index.md:6: the cover \"photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)\n\thint: re-save or re-export it as JPEG or PNG from the original"
	if got := de.Problems[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if s.Exists("public") {
		t.Error("the failed build wrote public/")
	}
}

// TestCoverDamagedWithinShared checks that a cover damaged within its
// data is reported at the cover: line of every story that has it, each
// with the cover as that story writes it, as the check of covers reports
// its other problems (a review: only the first story's line was given,
// and fixing it showed the next).
func TestCoverDamagedWithinShared(t *testing.T) {
	s := testsite.Write(t, baseSite+coverStory("b", "photo.jpg", false)+coverStory("c", "/stories/b/photo.jpg", false)+coverStory("d", "/stories/b/photo.jpg", false))
	s.WriteFile(t, "content/stories/b/photo.jpg", damagedJPEG(1200, 800))
	_, err := safeBuild(t, s.Options(testsite.Theme(t)))
	got := problemsOf(t, err)
	hint := "\n\thint: re-save or re-export it as JPEG or PNG from the original"
	want := []string{
		"content/stories/b/index.md:6: the cover \"photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
		"content/stories/c/index.md:6: the cover \"/stories/b/photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
		"content/stories/d/index.md:6: the cover \"/stories/b/photo.jpg\" is not a readable JPEG or PNG image (its data are damaged)" + hint,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Exists("public") {
		t.Error("the failed build wrote public/")
	}
}

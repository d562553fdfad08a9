package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// picture returns a w×h image with gradients and a diagonal, so that
// scaling has something to work on; with alpha, its left half fades out.
func picture(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{uint8(255 * x / w), uint8(255 * y / h), 128, 255}
			if x == y {
				c = color.NRGBA{0, 0, 0, 255}
			}
			if alpha && x < w/2 {
				c.A = uint8(255 * x / (w / 2))
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withPNGSize returns a PNG whose header claims w×h, with a valid checksum.
func withPNGSize(data []byte, w, h uint32) []byte {
	data = bytes.Clone(data)
	// 8-byte signature, then IHDR: length (4), type (4), width (4), height (4), ...
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func gray(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	return img
}

// sof returns a JPEG whose start-of-frame marker is replaced by marker:
// 0xC9, say, for one that claims arithmetic coding.
func sof(jpg []byte, marker byte) []byte {
	out := bytes.Clone(jpg)
	if i := bytes.Index(out, []byte{0xFF, 0xC0}); i >= 0 {
		out[i+1] = marker
	}
	return out
}

func TestProbe(t *testing.T) {
	jpg := encodeJPEG(t, picture(640, 480, false))
	pngData := encodePNG(t, picture(3, 5, true))
	gifData := encodeGIF(t, picture(7, 2, false))
	badCRC := bytes.Clone(pngData)
	badCRC[29] ^= 0xff
	tests := []struct {
		name string
		data []byte
		want Size
		err  string // the error's text, "" for none
		is   error  // what the error wraps, when it tells its kind (a review: a cover of no pixels was "cannot read")
	}{
		{name: "a.jpg", data: jpg, want: Size{640, 480, "jpeg"}},
		{name: "gray.jpg", data: encodeJPEG(t, gray(33, 17)), want: Size{33, 17, "jpeg"}},
		{name: "a.png", data: pngData, want: Size{3, 5, "png"}},
		{name: "a.gif", data: gifData, want: Size{7, 2, "gif"}},
		{name: "lossless.webp", data: readTestdata(t, "lossless-5x3.webp"), want: Size{5, 3, "webp"}},
		{name: "lossy.webp", data: readTestdata(t, "lossy-7x4.webp"), want: Size{7, 4, "webp"}},
		{name: "extended.webp", data: readTestdata(t, "alpha-6x9.webp"), want: Size{6, 9, "webp"}},
		{name: "png-named.jpg", data: pngData, want: Size{3, 5, "png"}},
		{name: "empty.jpg", data: nil, err: "empty.jpg: not a JPEG, PNG, GIF or WebP image"},
		{name: "a.svg", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`), err: "a.svg: not a JPEG, PNG, GIF or WebP image"},
		{name: "text.png", data: []byte("这不是图片"), err: "text.png: not a JPEG, PNG, GIF or WebP image"},
		{name: "short.jpg", data: jpg[:20], err: "short.jpg: truncated JPEG file"},
		{name: "short.png", data: pngData[:20], err: "short.png: truncated PNG file"},
		{name: "short.gif", data: gifData[:8], err: "short.gif: truncated GIF file"},
		{name: "short.webp", data: readTestdata(t, "lossy-7x4.webp")[:24], err: "short.webp: truncated WebP file"},
		{name: "crc.png", data: badCRC, err: "crc.png: corrupt PNG file: png: invalid format: invalid checksum"},
		{name: "zero.gif", data: []byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), err: "zero.gif: image has no pixels (0×0)", is: ErrNoPixels},
		{name: "arithmetic.jpg", data: sof(jpg, 0xC9), err: "arithmetic.jpg: unsupported JPEG file: unsupported JPEG feature: unknown marker", is: ErrUnsupported},
	}
	fsys := fstest.MapFS{}
	for _, tt := range tests {
		fsys[tt.name] = &fstest.MapFile{Data: tt.data}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Probe(fsys, tt.name)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("Probe = %v, %v; want error %q", got, err, tt.err)
				}
				if want := strings.Contains(tt.err, "not a JPEG"); errors.Is(err, ErrFormat) != want {
					t.Errorf("errors.Is(%v, ErrFormat) = %v, want %v", err, !want, want)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("%v does not wrap %v", err, tt.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Probe = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := Probe(fsys, "missing.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Probe(missing.jpg) = %v, want fs.ErrNotExist", err)
	}
}

func TestCache(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	small, large := encodePNG(t, picture(4, 3, false)), encodePNG(t, picture(40, 30, false))
	fsys := fstest.MapFS{"a.png": {Data: small, ModTime: t0}}
	var c Cache
	steps := []struct {
		name   string
		change func()
		want   Size
	}{
		{"first probe", func() {}, Size{4, 3, "png"}},
		{"unchanged: from the cache", func() { fsys["a.png"].Data = bytes.Repeat([]byte{'x'}, len(small)) }, Size{4, 3, "png"}},
		{"new modification time: probed again", func() { fsys["a.png"] = &fstest.MapFile{Data: large, ModTime: t0} }, Size{40, 30, "png"}},
		{"new size, same time: probed again", func() { fsys["a.png"] = &fstest.MapFile{Data: small, ModTime: t0.Add(time.Second)} }, Size{4, 3, "png"}},
	}
	for _, s := range steps {
		s.change()
		got, err := c.Probe(fsys, "a.png")
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got != s.want {
			t.Errorf("%s: got %+v, want %+v", s.name, got, s.want)
		}
	}
	fsys["a.png"] = &fstest.MapFile{Data: []byte("broken"), ModTime: t0.Add(2 * time.Second)}
	if _, err := c.Probe(fsys, "a.png"); err == nil || err.Error() != "a.png: not a JPEG, PNG, GIF or WebP image" {
		t.Errorf("broken file: %v", err)
	}
	if _, err := c.Probe(fsys, "missing.png"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}

// TestCacheConcurrent is for the race detector.
func TestCacheConcurrent(t *testing.T) {
	fsys := fstest.MapFS{}
	names := []string{"a.png", "b.png", "c.png"}
	for i, n := range names {
		fsys[n] = &fstest.MapFile{Data: encodePNG(t, picture(i+1, 2, false))}
	}
	var c Cache
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			n := names[i%len(names)]
			got, err := c.Probe(fsys, n)
			if err != nil || got.Width != i%len(names)+1 {
				t.Errorf("Probe(%s) = %+v, %v", n, got, err)
			}
		})
	}
	wg.Wait()
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name string
		size Size
		want []Variant
	}{
		{"small image: none", Size{400, 300, "jpeg"}, nil},
		{"exactly 480 wide: none", Size{480, 360, "jpeg"}, nil},
		{"just wider than 480", Size{481, 361, "png"}, []Variant{{480, 360}}},
		{"exactly 960 wide: 480 only", Size{960, 640, "jpeg"}, []Variant{{480, 320}}},
		{"between 960 and 1440: 480 and 960", Size{1200, 900, "jpeg"}, []Variant{{480, 360}, {960, 720}}},
		{"exactly 1440 wide: 480 and 960", Size{1440, 1080, "jpeg"}, []Variant{{480, 360}, {960, 720}}},
		{"just wider than 1440", Size{1441, 1081, "png"}, []Variant{{480, 360}, {960, 720}, {1440, 1080}}},
		{"large landscape", Size{4000, 3000, "jpeg"}, []Variant{{480, 360}, {960, 720}, {1440, 1080}}},
		{"large portrait", Size{1080, 1920, "jpeg"}, []Variant{{480, 853}, {960, 1707}}},
		{"heights round to nearest", Size{1000, 333, "png"}, []Variant{{480, 160}, {960, 320}}},
		{"a very wide strip keeps 1 pixel", Size{10000, 1, "png"}, []Variant{{480, 1}, {960, 1}, {1440, 1}}},
		{"gif: none", Size{2000, 1000, "gif"}, nil},
		{"webp: none", Size{2000, 1000, "webp"}, nil},
		{"over MaxPixels: none", Size{20000, 10000, "jpeg"}, nil},
		{"at MaxPixels", Size{10000, 10000, "jpeg"}, []Variant{{480, 480}, {960, 960}, {1440, 1440}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Plan(tt.size); !slices.Equal(got, tt.want) {
				t.Errorf("Plan(%+v) = %v, want %v", tt.size, got, tt.want)
			}
		})
	}
}

func TestVariantName(t *testing.T) {
	tests := []struct {
		name  string
		width int
		want  string
	}{
		{"photo.jpg", 480, "photo-480w.jpg"},
		{"content/stories/2024/05/x/photo.jpg", 960, "content/stories/2024/05/x/photo-960w.jpg"},
		{"content/stories/2024/05/x/photo.jpg", 1440, "content/stories/2024/05/x/photo-1440w.jpg"},
		{"/stories/2024/05/x/封面.PNG", 480, "/stories/2024/05/x/封面-480w.PNG"},
		{"a.b/photo.final.jpeg", 480, "a.b/photo.final-480w.jpeg"},
		{"a.b/cover", 480, "a.b/cover-480w"},
		{"dir/.jpg", 480, "dir/.jpg-480w"},
		{"", 480, "-480w"},
	}
	for _, tt := range tests {
		if got := (Variant{Width: tt.width}).Name(tt.name); got != tt.want {
			t.Errorf("Variant{Width: %d}.Name(%q) = %q, want %q", tt.width, tt.name, got, tt.want)
		}
	}
}

func TestResize(t *testing.T) {
	photo := encodeJPEG(t, picture(1200, 800, false))
	portrait := encodeJPEG(t, picture(600, 1000, false))
	transparent := encodePNG(t, picture(1000, 700, true))
	paletted := encodeGIF(t, picture(500, 500, false))
	grayJPEG := encodeJPEG(t, gray(1000, 500))
	tests := []struct {
		name   string
		data   []byte
		format string
		width  int
		model  color.Model // of the decoded result
	}{
		{"jpeg to 480", photo, "jpeg", 480, color.YCbCrModel},
		{"jpeg to 960", photo, "jpeg", 960, color.YCbCrModel},
		{"portrait jpeg", portrait, "jpeg", 480, color.YCbCrModel},
		{"gray jpeg stays gray", grayJPEG, "jpeg", 480, color.GrayModel},
		{"png keeps transparency", transparent, "png", 480, color.NRGBAModel},
		{"gif written as png", paletted, "png", 480, color.RGBAModel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resize(tt.data, tt.format, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Resize(tt.data, tt.format, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Error("two runs gave different bytes")
			}
			orig, _, err := image.DecodeConfig(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			plan := Plan(Size{orig.Width, orig.Height, "png"})
			i := slices.IndexFunc(plan, func(v Variant) bool { return v.Width == tt.width })
			if i < 0 {
				t.Fatalf("Plan has no width %d: %v", tt.width, plan)
			}
			img, format, err := image.Decode(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			if format != tt.format {
				t.Errorf("format = %s, want %s", format, tt.format)
			}
			if b := img.Bounds(); b.Dx() != plan[i].Width || b.Dy() != plan[i].Height {
				t.Errorf("size = %d×%d, want %d×%d", b.Dx(), b.Dy(), plan[i].Width, plan[i].Height)
			}
			if img.ColorModel() != tt.model {
				t.Errorf("color model = %T, want %T", img.ColorModel(), tt.model)
			}
		})
	}
	t.Run("transparent corner stays transparent", func(t *testing.T) {
		got, err := Resize(transparent, "png", 480)
		if err != nil {
			t.Fatal(err)
		}
		img, _ := png.Decode(bytes.NewReader(got))
		if _, _, _, a := img.At(0, 100).RGBA(); a != 0 {
			t.Errorf("alpha at (0, 100) = %d, want 0", a)
		}
		if _, _, _, a := img.At(479, 100).RGBA(); a != 0xffff {
			t.Errorf("alpha at (479, 100) = %d, want opaque", a)
		}
	})
}

func TestResizeErrors(t *testing.T) {
	photo := encodeJPEG(t, picture(600, 400, false))
	small := encodePNG(t, picture(8, 8, false))
	tests := []struct {
		name   string
		data   []byte
		format string
		width  int
		err    string
	}{
		{"gif output", photo, "gif", 480, "cannot write GIF variants, only JPEG and PNG"},
		{"webp output", photo, "webp", 480, "cannot write WebP variants, only JPEG and PNG"},
		{"not smaller", photo, "jpeg", 600, "cannot resize an image 600 pixels wide to 600"},
		{"larger", photo, "jpeg", 960, "cannot resize an image 600 pixels wide to 960"},
		{"zero width", photo, "jpeg", 0, "cannot resize an image 600 pixels wide to 0"},
		{"not an image", []byte("hello"), "jpeg", 480, "not a JPEG, PNG, GIF or WebP image"},
		{"truncated header", photo[:30], "jpeg", 480, "truncated JPEG file"},
		{"truncated pixels", photo[:len(photo)/2], "jpeg", 480, "corrupt JPEG file: invalid JPEG format: short Huffman data"},
		{"huge header", withPNGSize(small, 100000, 100000), "png", 480, "image is too large to resize (100000×100000, more than 100000000 pixels)"},
		{"header larger than pixels", withPNGSize(small, 1000, 1000), "png", 480, "corrupt PNG file: png: invalid format: not enough pixel data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resize(tt.data, tt.format, tt.width)
			if err == nil || err.Error() != tt.err {
				t.Errorf("Resize = %d bytes, %v; want error %q", len(got), err, tt.err)
			}
		})
	}
}

func FuzzProbe(f *testing.F) {
	f.Add(encodeJPEG(f, picture(16, 8, false)))
	f.Add(encodeJPEG(f, gray(5, 5)))
	f.Add(encodePNG(f, picture(3, 5, true)))
	f.Add(encodeGIF(f, picture(7, 2, false)))
	for _, name := range []string{"lossless-5x3.webp", "lossy-7x4.webp", "alpha-6x9.webp"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		size, err := Probe(fstest.MapFS{"x": {Data: data}}, "x")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "x: ") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if size.Width <= 0 || size.Height <= 0 || !slices.Contains([]string{"jpeg", "png", "gif", "webp"}, size.Format) {
			t.Errorf("Probe = %+v", size)
		}
	})
}

// TestDecodedResize checks that the variants made from one decoding are
// Resize's, byte for byte, for each width Plan gives, even when they are
// made at once from several goroutines.
func TestDecodedResize(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format string
	}{
		{"jpeg wider than every width", encodeJPEG(t, picture(1600, 900, false)), "jpeg"},
		{"portrait jpeg", encodeJPEG(t, picture(1000, 1500, false)), "jpeg"},
		{"gray jpeg", encodeJPEG(t, gray(1000, 500)), "jpeg"},
		{"png with transparency", encodePNG(t, picture(1000, 700, true)), "png"},
		{"gif written as png", encodeGIF(t, picture(500, 500, false)), "png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			plan := Plan(Size{d.Size().Width, d.Size().Height, "png"})
			if len(plan) == 0 {
				t.Fatal("Plan gives no variants")
			}
			got := make([][]byte, len(plan))
			errs := make([]error, len(plan))
			var wg sync.WaitGroup
			for i, v := range plan {
				wg.Go(func() { got[i], errs[i] = d.Resize(tt.format, v.Width) })
			}
			wg.Wait()
			for i, v := range plan {
				want, err := Resize(tt.data, tt.format, v.Width)
				if err != nil || errs[i] != nil {
					t.Fatalf("width %d: Resize: %v; Decoded.Resize: %v", v.Width, err, errs[i])
				}
				if !bytes.Equal(got[i], want) {
					t.Errorf("width %d: %d bytes from one decoding, Resize gives %d other bytes", v.Width, len(got[i]), len(want))
				}
			}
		})
	}
}

// TestDecodeErrors checks that Decode refuses what Resize refuses, with
// the same words, and that a decoded image refuses what Resize does.
func TestDecodeErrors(t *testing.T) {
	photo := encodeJPEG(t, picture(600, 400, false))
	small := encodePNG(t, picture(8, 8, false))
	tests := []struct {
		name string
		data []byte
		err  string
	}{
		{"not an image", []byte("hello"), "not a JPEG, PNG, GIF or WebP image"},
		{"truncated header", photo[:30], "truncated JPEG file"},
		{"truncated pixels", photo[:len(photo)/2], "corrupt JPEG file: invalid JPEG format: short Huffman data"},
		{"huge header", withPNGSize(small, 100000, 100000), "image is too large to resize (100000×100000, more than 100000000 pixels)"},
		{"header larger than pixels", withPNGSize(small, 1000, 1000), "corrupt PNG file: png: invalid format: not enough pixel data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d, err := Decode(tt.data); err == nil || err.Error() != tt.err {
				t.Errorf("Decode = %v, %v; want error %q", d, err, tt.err)
			}
		})
	}
	d, err := Decode(photo)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		format string
		width  int
		err    string
	}{
		{"gif", 480, "cannot write GIF variants, only JPEG and PNG"},
		{"jpeg", 600, "cannot resize an image 600 pixels wide to 600"},
		{"jpeg", 0, "cannot resize an image 600 pixels wide to 0"},
	} {
		if got, err := d.Resize(c.format, c.width); err == nil || err.Error() != c.err {
			t.Errorf("Resize(%q, %d) = %d bytes, %v; want error %q", c.format, c.width, len(got), err, c.err)
		}
	}
}

// noisy returns a w×h photo-like image: gradients with grain, which
// compress as a camera's photos do (a 4000×3000 one at quality 90 is
// about 4 MB), where smooth gradients alone compress to little.
func noisy(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := int(seed>>24)%24 - 12
			c := func(v int) uint8 { return uint8(min(255, max(0, v+n))) }
			img.SetRGBA(x, y, color.RGBA{c(255 * x / w), c(255 * y / h), c((x + y) % 256), 255})
		}
	}
	return img
}

// BenchmarkVariants makes the variants of one phone photo, 4000×3000, at
// every width in Widths: decoding it for each, as Resize does, and
// decoding it once.
func BenchmarkVariants(b *testing.B) {
	photo := encodeJPEG(b, noisy(4000, 3000))
	b.Run("ResizeEach", func(b *testing.B) {
		for b.Loop() {
			for _, w := range Widths {
				if _, err := Resize(photo, "jpeg", w); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("DecodeOnce", func(b *testing.B) {
		for b.Loop() {
			d, err := Decode(photo)
			if err != nil {
				b.Fatal(err)
			}
			for _, w := range Widths {
				if _, err := d.Resize("jpeg", w); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

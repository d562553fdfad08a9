package images

import (
	"path"
	"strconv"
)

// Widths are the widths of a cover's variants, in increasing order. The
// package doc says why these.
var Widths = []int{480, 960, 1440}

// MaxPixels is the most pixels (width × height) an image may have for
// [Resize] to decode it: 100 megapixels, more than any phone's photo, and
// about 400 MB once decoded. It keeps a file that claims to be enormous
// from taking the build's memory.
const MaxPixels = 100_000_000

// Variant is a smaller copy of an image.
type Variant struct {
	Width, Height int
}

// Plan returns the variants to make of an image of the given size: one for
// each of [Widths] smaller than its width, with the height that keeps its
// ratio. It returns none for a GIF or a WebP, for an image too small to
// shrink, and for one of more than [MaxPixels] pixels.
func Plan(size Size) []Variant {
	if size.Format != "jpeg" && size.Format != "png" || tooLarge(size.Width, size.Height) {
		return nil
	}
	var vs []Variant
	for _, w := range Widths {
		if w < size.Width {
			vs = append(vs, Variant{Width: w, Height: scaledHeight(size, w)})
		}
	}
	return vs
}

// Name returns the name of the variant of the image name: "photo.jpg" gives
// "photo-480w.jpg", in the same folder.
func (v Variant) Name(name string) string {
	dir, file := path.Split(name)
	ext := path.Ext(file)
	if ext == file {
		ext = "" // ".jpg" alone is a name without an extension
	}
	return dir + file[:len(file)-len(ext)] + "-" + strconv.Itoa(v.Width) + "w" + ext
}

// scaledHeight returns the height that keeps size's ratio at width w,
// rounded to the nearest pixel (halves up), at least 1.
func scaledHeight(size Size, w int) int {
	h := (2*size.Height*w + size.Width) / (2 * size.Width)
	return max(h, 1)
}

func tooLarge(w, h int) bool {
	return w > MaxPixels/max(h, 1)
}

package testsite

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
)

// Photo returns a JPEG photo-like image of the given size, with gradients,
// so that its data are longer than its header and its smaller copies
// differ in their bytes.
func Photo(width, height int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		for x := range width {
			img.Set(x, y, color.RGBA{uint8(x * 255 / width), uint8(y * 255 / height), uint8(x ^ y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err) // an RGBA image always encodes
	}
	return b.Bytes()
}

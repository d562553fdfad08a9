package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// JPEGQuality is the quality variants are encoded at, as [jpeg.Options]
// takes it.
const JPEGQuality = 82

// Resize returns data, an image in any of the formats [Probe] knows, scaled
// to width pixels wide and the height [Plan] gives, and encoded in format,
// "jpeg" or "png". The width must be smaller than the image's.
func Resize(data []byte, format string, width int) ([]byte, error) {
	if format != "jpeg" && format != "png" {
		return nil, fmt.Errorf("cannot write %s variants, only JPEG and PNG", formatName(format))
	}
	size, err := probe(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	switch {
	case tooLarge(size.Width, size.Height):
		return nil, fmt.Errorf("image is too large to resize (%d×%d, more than %d pixels)", size.Width, size.Height, MaxPixels)
	case width <= 0 || width >= size.Width:
		return nil, fmt.Errorf("cannot resize an image %d pixels wide to %d", size.Width, width)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, decodeError(size.Format, err)
	}
	if b := src.Bounds(); b.Dx() != size.Width || b.Dy() != size.Height {
		return nil, errors.New("image's pixels do not match its header") // no decoder does this; guard the arithmetic
	}
	r := image.Rect(0, 0, width, scaledHeight(size, width))
	var dst draw.Image
	if _, gray := src.(*image.Gray); gray {
		dst = image.NewGray(r)
	} else {
		dst = image.NewRGBA(r)
	}
	draw.CatmullRom.Scale(dst, r, src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if format == "jpeg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: JPEGQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

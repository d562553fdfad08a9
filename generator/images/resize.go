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
// "jpeg" or "png". The width must be smaller than the image's. It decodes
// the image each time: to make several variants of one image, [Decode] it
// once and call [Decoded.Resize] for each.
func Resize(data []byte, format string, width int) ([]byte, error) {
	if err := writable(format); err != nil {
		return nil, err
	}
	size, err := resizable(data)
	if err != nil {
		return nil, err
	}
	if err := size.narrower(width); err != nil {
		return nil, err // found before decoding, which a mistaken width need not wait for
	}
	d, err := decode(data, size)
	if err != nil {
		return nil, err
	}
	return d.Resize(format, width)
}

// Decoded is an image decoded to make variants of. Its variants are those
// [Resize] would make of the image's bytes, byte for byte. It holds every
// pixel, 12 to 48 MB for a phone's 12-megapixel photo: drop it once the
// variants are made.
type Decoded struct {
	img  image.Image
	size Size
}

// Decode decodes data, an image in any of the formats [Probe] knows, to
// make variants of it. Its errors are Resize's, but for the width's.
func Decode(data []byte) (*Decoded, error) {
	size, err := resizable(data)
	if err != nil {
		return nil, err
	}
	return decode(data, size)
}

// Size returns the decoded image's size and format.
func (d *Decoded) Size() Size { return d.size }

// Resize returns the image scaled to width pixels wide and the height
// [Plan] gives, and encoded in format, "jpeg" or "png", as [Resize] does.
// It may be called from several goroutines at once.
func (d *Decoded) Resize(format string, width int) ([]byte, error) {
	if err := writable(format); err != nil {
		return nil, err
	}
	if err := d.size.narrower(width); err != nil {
		return nil, err
	}
	src := d.img
	r := image.Rect(0, 0, width, scaledHeight(d.size, width))
	var dst draw.Image
	if _, gray := src.(*image.Gray); gray {
		dst = image.NewGray(r)
	} else {
		dst = image.NewRGBA(r)
	}
	draw.CatmullRom.Scale(dst, r, src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	var err error
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

// writable returns the error for a format variants cannot be written in.
func writable(format string) error {
	if format != "jpeg" && format != "png" {
		return fmt.Errorf("cannot write %s variants, only JPEG and PNG", formatName(format))
	}
	return nil
}

// resizable returns the size data's header gives, or why it cannot be
// decoded to resize.
func resizable(data []byte) (Size, error) {
	size, err := probe(bytes.NewReader(data))
	if err != nil {
		return Size{}, err
	}
	if tooLarge(size.Width, size.Height) {
		return Size{}, fmt.Errorf("image is too large to resize (%d×%d, more than %d pixels)", size.Width, size.Height, MaxPixels)
	}
	return size, nil
}

// narrower returns the error for a variant's width that is not smaller
// than the image's.
func (size Size) narrower(width int) error {
	if width <= 0 || width >= size.Width {
		return fmt.Errorf("cannot resize an image %d pixels wide to %d", size.Width, width)
	}
	return nil
}

// decode decodes data, whose header gave size.
func decode(data []byte, size Size) (*Decoded, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, decodeError(size.Format, err)
	}
	if b := src.Bounds(); b.Dx() != size.Width || b.Dy() != size.Height {
		return nil, errors.New("image's pixels do not match its header") // no decoder does this; guard the arithmetic
	}
	return &Decoded{img: src, size: size}, nil
}

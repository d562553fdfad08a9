package images

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registers GIF with image.DecodeConfig and image.Decode
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"strings"

	_ "golang.org/x/image/webp"
)

// Size is an image's size in pixels and its format.
type Size struct {
	Width, Height int    // > 0 for a probed image
	Format        string // "jpeg", "png", "gif" or "webp", sniffed from the bytes
}

// ErrFormat is wrapped by the error for a file that is not a JPEG, PNG, GIF
// or WebP image.
var ErrFormat = errors.New("not a JPEG, PNG, GIF or WebP image")

// ErrTruncated is wrapped by the error for an image file cut short,
// ErrCorrupt by the error for one whose data its decoder cannot read,
// ErrUnsupported by the error for one saved with a feature its decoder
// does not have (a JPEG's arithmetic coding, say), and ErrNoPixels by the
// error for one whose header gives it no pixels (0×0).
var (
	ErrTruncated   = errors.New("image file cut short")
	ErrCorrupt     = errors.New("corrupt image file")
	ErrUnsupported = errors.New("image file of an unsupported kind")
	ErrNoPixels    = errors.New("image has no pixels")
)

// dataError is the error for a truncated or corrupt file: its text, and
// which of ErrTruncated and ErrCorrupt it wraps.
type dataError struct {
	msg  string
	kind error
}

func (e *dataError) Error() string { return e.msg }
func (e *dataError) Unwrap() error { return e.kind }

func truncated(format string) error {
	return &dataError{msg: fmt.Sprintf("truncated %s file", formatName(format)), kind: ErrTruncated}
}

// Probe returns the size and format of the image name in fsys, reading only
// its header.
func Probe(fsys fs.FS, name string) (Size, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Size{}, err
	}
	defer f.Close()
	size, err := probe(f)
	if err != nil {
		return Size{}, fmt.Errorf("%s: %w", name, err)
	}
	return size, nil
}

// probe reads the size from r. Its errors do not name the file.
func probe(r io.Reader) (Size, error) {
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		return Size{}, decodeError(format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Size{}, &dataError{msg: fmt.Sprintf("image has no pixels (%d×%d)", cfg.Width, cfg.Height), kind: ErrNoPixels}
	}
	return Size{Width: cfg.Width, Height: cfg.Height, Format: format}, nil
}

// decodeError describes an error of image.DecodeConfig or image.Decode,
// given the format it sniffed ("" when it sniffed none).
func decodeError(format string, err error) error {
	switch {
	case errors.Is(err, image.ErrFormat) || format == "":
		return ErrFormat
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.HasSuffix(err.Error(), ": "+io.ErrUnexpectedEOF.Error()): // image/gif wraps with %v
		return truncated(format)
	case errors.As(err, new(jpeg.UnsupportedError)) || errors.As(err, new(png.UnsupportedError)):
		return &dataError{msg: fmt.Sprintf("unsupported %s file: %v", formatName(format), err), kind: ErrUnsupported}
	}
	return &dataError{msg: fmt.Sprintf("corrupt %s file: %v", formatName(format), err), kind: ErrCorrupt}
}

// formatName returns how people write a format's name: "JPEG", "WebP".
func formatName(format string) string {
	if format == "webp" {
		return "WebP"
	}
	return strings.ToUpper(format)
}

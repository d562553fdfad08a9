// Package images measures a site's images and makes the smaller copies of
// covers and of the photos in stories that pages offer through srcset.
//
// # Sizes
//
// [Probe] opens a file in an [fs.FS] and reads only its header, with
// [image.DecodeConfig], to learn its width and height in pixels and its
// format: "jpeg", "png", "gif" or "webp" ([Size]). The format is sniffed from
// the bytes, not taken from the name, so a PNG saved as photo.jpg is "png".
// Pages put the size in an img element's width and height attributes, so
// that the browser keeps the image's room before it arrives and the text
// does not jump.
//
// [Check] does what Probe does, and also makes sure that the image is
// whole: that a JPEG's data reach its end marker, a PNG's chunks its end
// chunk, a GIF's blocks its trailer, and that a WebP is as long as its
// RIFF header says. A file copied halfway, or cut short by a failed
// upload, has its header and passes Probe; browsers show it half grey, and
// Resize fails on it. For a JPEG or a PNG, Check reads the last bytes of
// the file, and all of it only when they are not the end (a phone's
// "motion photo" holds a video after its JPEG); it follows a GIF's blocks
// through the file, and reads a WebP's header alone. It decodes no pixels:
// a file damaged within them passes it.
// [NameFormat] gives the format a file's extension claims, for callers to
// compare with the one sniffed, and [NotShown] the format of an extension
// browsers do not show (a phone's HEIC photo, a scanner's TIFF).
//
// A [Cache] remembers the sizes it has probed or checked, each under the file's name
// and checked against the file's size and modification time, so that a
// build asking for the same image from several pages reads it once, and the
// dev server, asking again after every save, reads only the images that
// changed. A Cache serves one file system: the name is its key.
//
// # Variants
//
// A JPEG or PNG cover, and a JPEG or PNG in a story's body, gets smaller
// copies, variants, at the widths in [Widths] that are smaller than the
// original: 480, 960 and 1440 pixels. Stories are read in a column at most
// 42rem wide (40rem of text, 720 CSS pixels at the theme's 18px root size),
// mostly on phones 320 to 430 CSS pixels wide, and a browser takes the
// smallest copy at least as wide as the column times the screen's density.
// 480 fills a phone's column at 1× density; 960 fills it at 2×, and the
// desktop column at 1×; 1440 fills a 3× phone's (an iPhone 390 CSS pixels
// wide wants 1,062 pixels, its column of 354 times 3; one 430 wide, 1,182)
// and the desktop column on a 2× laptop (1,440). Without it both took the
// original, 5 to 8 MB from a phone's camera. A 4000×3000 photo of 5.3 MB
// gets copies of about 40 kB, 200 kB and 440 kB. Scaling and encoding
// them costs more than decoding the photo, which is done once for all
// three ([Decode]). An image no wider
// than 1440 gets no 1440 copy, as one no wider than 960 gets no 960 copy:
// a browser that wants more takes the original, which is then no larger.
// Another width, between these or above 1440, would cost as much again
// for a few screens.
//
// [Plan] lists a cover's variants: one for each width in Widths smaller
// than the original's, in increasing order, with the height that keeps the
// original's ratio, rounded to the nearest pixel and at least 1. It plans
// nothing for an image no wider than 480 pixels, for GIF and WebP (a GIF may
// be animated, and a WebP is small already), and for an image of more than
// [MaxPixels] pixels, which [Resize] refuses to decode; the page then offers
// the original alone.
//
// A variant lives in the original's folder, in the original's format, and
// is named after it with "-<width>w" before the extension ([Variant.Name]):
//
//	photo.jpg       photo-480w.jpg, photo-960w.jpg, photo-1440w.jpg
//	封面.PNG         封面-480w.PNG, 封面-960w.PNG, 封面-1440w.PNG
//	cover           cover-480w, cover-960w, cover-1440w
//
// A content file whose name is already a variant's ("photo-480w.jpg" beside
// a "photo.jpg" cover) would collide with it; telling the writer is the
// caller's job.
//
// [Resize] decodes an image (JPEG, PNG, GIF or WebP, whatever the format it
// is asked to write), scales it to a width, and the height Plan gives, with
// Catmull-Rom resampling ([draw.CatmullRom]), and encodes it as a JPEG at
// quality 82 or a PNG at the default compression. The same input gives the
// same bytes, on any machine and with any number of goroutines. A grey
// image stays grey; anything else becomes 8-bit RGBA, so a paletted or 16-bit
// PNG comes out as an 8-bit truecolor one, and transparency is kept in PNG.
// Nothing but the pixels is carried over: no EXIF, no ICC colour profile,
// no gamma, no text chunks. A photo with a wide-gamut (Display P3) profile
// therefore looks a little less saturated in its variants than in the
// original.
//
// [Decode] does Resize's decoding alone, and [Decoded.Resize] the rest, so
// that an image's variants are made from one decoding: a 4000×3000 photo
// is about 0.3 s of CPU to decode, and its three variants together about
// 1.4 s to scale and encode (BenchmarkVariants in the tests). The variants are Resize's, byte for byte: each is scaled
// from the original's pixels, not from a larger variant. A Decoded holds
// every pixel (18 MB for a 4000×3000 JPEG, 48 MB for a PNG as large):
// callers let it go once its variants are made.
//
// # Orientation
//
// EXIF orientation is ignored. Sizes are those of the pixels as stored, and
// variants are scaled from the stored pixels and carry no orientation tag.
// A phone photo stored sideways with an orientation tag is shown upright by
// browsers when they load the original, but a page gets its width and
// height swapped, and its variants are shown sideways. Writers should save
// such photos upright (any editor's "rotate" and save does it).
//
// # Errors
//
// Errors name the file:
//
//	content/stories/a/photo.jpg: not a JPEG, PNG, GIF or WebP image
//	content/stories/a/photo.jpg: truncated JPEG file
//	content/stories/a/photo.png: corrupt PNG file: png: invalid format: invalid checksum
//	content/stories/a/photo.png: image has no pixels (0×0)
//
// The first wraps [ErrFormat], so that a caller can tell a file that is not
// an image of these formats (an SVG, say) from a broken one; a truncated
// file's wraps [ErrTruncated], a corrupt one's [ErrCorrupt], one saved
// with a feature the decoder lacks (a JPEG's arithmetic coding) wraps
// [ErrUnsupported], and one of no pixels [ErrNoPixels]. A file cut
// short in its header is "truncated"; one cut short in its pixels, which
// only Resize reads, may be "corrupt" as its decoder sees it. Corrupt and
// truncated files are errors, never panics.
//
// [Resize] has no file name: its errors read the same without one, and it
// has three of its own, for a caller's mistakes or a file Plan would have
// passed over:
//
//	cannot write GIF variants, only JPEG and PNG
//	cannot resize an image 600 pixels wide to 960
//	image is too large to resize (20000×10000, more than 100000000 pixels)
//
// # Concurrency
//
// Every function and a Cache's methods are safe for concurrent use.
package images

// Package markdown turns a story's Markdown into HTML and plain text.
//
// A [Converter] is one goldmark configured once, with GitHub Flavored
// Markdown (tables, strikethrough, task lists, autolinks), footnotes and the
// CJK extension, plus herald's own pieces, each on goldmark's own seams:
//
//   - Soft line breaks follow Chinese typography ([JoinBreak]): a line break
//     next to a Chinese character or Chinese punctuation disappears, so text
//     pasted from a newspaper column ("为群众办实\n事") reads as one line; so
//     does one inside a number or a word glued to Chinese text on both sides
//     ("其中2\n8人"). Between Latin words it stays a space, whatever follows
//     it: a link, a code span, emphasis (goldmark's own east-asian option
//     drops the space before a link or code span, yuin/goldmark#582).
//   - Headings get ids that keep Chinese: "## 为民办实事" gets id="为民办实事";
//     repeats get "-1", "-2".
//   - Links and images: a relative destination is resolved against the
//     Markdown file's folder, a destination from the site's root ("/images/a.jpg")
//     is put under the base URL's path, and a link to another Markdown file
//     ("../04/b.md") becomes that page's URL. A link to a Markdown file that is
//     not a page is kept as written and reported in [Result.Links].
//   - Raw HTML is escaped, shown as text, unless [Options.Unsafe].
//
// # Results
//
// [Converter.Convert] returns the HTML, the plain text (for search and
// reading time: blocks separated by newlines, soft breaks joined by the same
// rule as the HTML), an automatic summary, the reading time, the headings,
// and every link and image with its line in the file.
//
// # Summary
//
// The automatic summary is the start of the story's top-level paragraphs, cut
// at the end of a sentence (。！？!?, and a closing quote after it) nearest to
// 120 characters, between 60 and 180; with no sentence end there, it is cut at
// 120 characters and ends in "……".
//
// # Reading time
//
// About 400 Chinese characters or 200 Latin words a minute, rounded up, at
// least one minute.
//
// # Concurrency
//
// A Converter is safe for concurrent use; build one per build and share it.
package markdown

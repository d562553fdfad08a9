// Package content reads the Markdown files of a site's content/ folder into
// [Doc] values: front matter decoded into typed fields with the line of each
// key, and the body kept as bytes for the markdown package. It renders
// nothing and knows nothing of the registry of branches and categories: it
// checks the shape of each file, and package site checks what the values
// refer to.
//
// # Files
//
// [Load] walks content/ and sorts what it finds:
//
//   - A Markdown file (".md" or ".markdown") is a story, unless it lies
//     directly in content/, in which case it is a standalone page (about.md).
//   - A folder holding index.md is a page bundle: index.md is the story (or
//     the page, directly under content/) and every other file in the folder and
//     its subfolders is one of its resources, copied beside the page. Another
//     Markdown file inside a bundle is an error.
//   - Any other file is an asset, copied to the same path in the output.
//   - Hidden files and folders (".x"), editors' leftovers ("x.md~", "#x.md#",
//     ".#x.md", "x.swp", "~$x.md", Thumbs.db, desktop.ini) are ignored.
//
// # Text
//
// Before parsing, a file's bytes are normalized: a UTF-8 byte order mark is
// dropped and CRLF or lone CR line endings become LF. A file that is empty,
// binary (it holds NUL bytes), UTF-16, or not valid UTF-8 (GBK, typically,
// from an old editor on Windows) is reported with the line of the first bad
// byte and how to re-save it.
//
// # Front matter
//
// Front matter is YAML between lines of "---" at the top of the file (found
// with github.com/adrg/frontmatter). The keys are
//
//	title         text, required
//	date          required for a story: 2021-04-20T09:00:00+08:00, 2021-04-20 09:00,
//	              2021-04-20, 2021/4/20 or 2021年4月20日; without a zone, in the site's
//	branch        text, required for a story: a branch's name or slug
//	category      text, required for a story: a category's name or slug
//	tags          a list of text, or one text with commas: [退役军人, 党史学习教育]
//	authors       a list of text, or one text with commas
//	summary       text
//	slug          text: the last segment of the story's URL instead of the file name
//	cover         text: an image, relative to the story or from the site's root
//	draft         true or false
//	achievements  a list of {label: text, value: number, unit: text}
//
// Other keys are kept in [Doc.Params] for templates. A value of the wrong type,
// a date that does not exist ("2021-02-30"), a missing title, a missing or
// unclosed front matter, and YAML syntax errors are reported at their line,
// which is the line in the file, front matter delimiters and all.
//
// A standalone page needs only a title; the other keys are optional.
package content

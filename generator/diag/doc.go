// Package diag reports problems in a site's input with their positions.
//
// A [Problem] is one thing wrong with the input: where it is ([Pos]), what is
// wrong (the message) and, where we can tell, how to fix it (the hint). Every
// stage that reads input — site.yaml, the stories' front matter, their
// Markdown, the references between them — appends to a [List] and carries on,
// so that one run reports every problem, not just the first.
//
// # Format
//
// A problem prints as
//
//	content/a.md:4: unknown branch "机关第八支布"
//		hint: did you mean "机关第八支部（社会事业局）"?
//
// The position is the file's slash-separated path relative to the site's
// folder, then the 1-based line, then, when known, the 1-based column in
// characters. A problem about a whole file has no line. Messages are lower
// case, name the object, and have no final period.
//
// # Warnings
//
// A problem may be a warning: it is reported like an error but does not fail
// the run. [List.Err] ignores warnings.
//
// # Languages
//
// Messages are written in English with fmt verbs and kept with their
// arguments. [Problem.Localize] renders them in another language from a
// [Catalog], which maps each English format to its translation; a format
// missing from the catalog falls back to English.
//
// An argument that is a phrase of English, such as the owner of a URL in
// "… which is already the URL of herald's own search page", is a [Phrase]
// and is translated like a message. What the writer typed is never
// translated: a front matter key, a value or a file name appears in every
// language as written, so that a hint such as "add a line \"date: …\"" can be
// copied into the file as it is.
package diag

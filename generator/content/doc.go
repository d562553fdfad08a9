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
//   - A Markdown file (".md" or ".markdown", in any case: "a.MD") is a
//     story, unless it lies directly in content/, in which case it is a
//     standalone page (about.md).
//   - A folder holding index.md is a page bundle: index.md is the story (or
//     the page, directly under content/) and every other file in the folder and
//     its subfolders is one of its resources, copied beside the page when the
//     story uses it (package site decides). Another Markdown file inside a
//     bundle is an error.
//   - A story saved with another extension after its .md, as Notepad and
//     word processors do ("laobing.md.txt", "x.md.docx"; also .text, .doc,
//     .wps, .rtf, .odt), is left out with a warning that names the file to
//     write instead. The warning is in the problems of every run, so build
//     prints it as well as check.
//   - Any other file is an asset, copied to the same path in the output when a
//     story or page uses it (package site decides).
//   - Hidden files and folders (".x"), editors' leftovers ("x.md~", "#x.md#",
//     ".#x.md", "x.swp", "~$x.md", Thumbs.db, desktop.ini) and copies kept
//     by hand or by merge tools ("x.md.bak", "x.md.orig", "x.md.old") are
//     ignored ([Ignored]).
//
// # Text
//
// Before parsing, a file's bytes are normalized: a UTF-8 byte order mark is
// dropped and CRLF or lone CR line endings become LF. A file that is empty
// (blank, perhaps after a byte order mark: Notepad's empty file), UTF-16
// (with a byte order mark, or without one: read as UTF-16, many of its code
// units have a NUL high byte, and those hold text characters, as ASCII
// characters do), binary (other NUL bytes), or not valid UTF-8 (GBK,
// typically, from an old editor on Windows) is reported with the line of the
// first bad byte and how to re-save it.
//
// # Front matter
//
// Front matter is YAML between lines of "---" at the top of the file (found
// with github.com/adrg/frontmatter). TOML front matter between lines of
// "+++", as Hugo writes it, is not read: it is reported as such, and so is a
// line of hyphens meant for "---" that is not ("----", "--"), opening the
// front matter or closing it. The keys are
//
//	title         text, required
//	date          required for a story: 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日
//	              (spaces around 年月日 allowed), optionally followed by a time, 09:00 or
//	              09:00:30; or 2021-04-20T09:00:00+08:00. Without a zone, in the site's
//	branch        text, required and not empty for a story: a branch's name or slug
//	category      text, required and not empty for a story: a category's name or slug
//	tags          a list of text, or one text with commas: [退役军人, 党史学习教育]
//	authors       a list of text, or one text with commas
//	summary       text
//	slug          text: the last segment of the story's URL instead of the file name
//	cover         text: an image, relative to the story or from the site's root
//	draft         true or false
//	achievements  a list of {label: text, value: number, unit: text}
//
// Lists are read the way writers write them: a single text is split at
// commas and semicolons, ASCII or full-width, at 、 and at 【 and 】
// (【党建引领；志愿服务】, 【党建】【志愿服务】), and loses other Chinese
// brackets around it (「退役军人，党史学习教育」); an item of a YAML list is
// split at full-width commas and semicolons, 、, 【 and 】
// ([退役军人，党史学习教育]); and a part whose pieces separated by white
// space all hold a Chinese character is split there (退役军人 党史学习教育),
// while "open source" stays one. Quotes keep text whole: a quoted item of a
// list is never split, a quoted single text not at white space. An item
// loses, with a warning at its line, the characters that show nothing
// (U+200B, U+200C, U+200D, U+2060, U+FEFF; a joiner inside an emoji is the
// emoji's) and Chinese quotation marks around it (“5G应用”): a tag is a
// name, and "防汛\u200b" would be a tag page apart from 防汛.
//
// A character that shows nothing in the title or the summary is a warning:
// search takes it for a break between the words on either side. A slug or
// a cover loses it, with a warning: the address, or the name of the file,
// would not be the one that shows.
//
// An item of a tags or authors list indented more than the item above it
// ("  - 党建" then "   - 志愿服务") is read by YAML as the rest of that item's
// text, one tag "党建 - 志愿服务": it is an error at its line. An item that
// holds " - " on its own line is fine.
//
// Other keys are kept in [Doc.Params] for templates, except one close to a
// known key (by [diag.Suggest], ignoring case: "darft", "sumary", "Cover",
// "author", "tag"), which is an error with a did-you-mean hint: a misspelt
// draft would publish a draft. A misspelt required key is reported once, as
// the required key missing. So is a known key written by its Chinese name
// (标题, 日期, 党组织, 栏目, 标签, 作者, 摘要, 网址名, 封面图, 草稿, 工作成效, and
// synonyms such as 支部, 分类, 封面, 成果), at its line: "草稿: true" would
// publish a draft too. A required key written so is also reported missing.
// A key in Chinese that is not a known key's name is kept for templates.
//
// A value of the wrong type, a date that does not exist ("2021-02-30",
// "2021-04-0") or is before 1900, surely a typo ("0000-04-10"), a
// missing title, an empty title, date, branch or category, a missing or
// unclosed front matter, and YAML syntax errors are reported at their line,
// which is the line in the file, front matter delimiters and all. When YAML
// cannot read the front matter, a line "draft: true" that is not indented
// (true in any case, perhaps in quotes) still makes the doc a draft, whose
// problems package site forgives as a draft's: a half-written draft,
// "tags: [a, b" left open, stops no build.
//
// Before YAML reads the front matter, its lines are checked for what writers
// get wrong most, which YAML reports in English and often on another line: a
// full-width colon after a key ("title：标题"; also inside a list, as in
// "  - label：参会居民" or "    value：30" under achievements, where the line
// is a key's and not text), no space after the colon ("title:标题"), a
// space after it that YAML does not take for one (a non-breaking space from
// a web page, a full-width space, or a character that shows nothing:
// "branch:\u00a0…", named in the message), and a value of title, summary,
// branch, category, slug or cover that must be in quotes because it holds
// ": ", starts with @ ` % [ { or "- ", or goes on after a closing quote.
// Each is reported at its line, with the line to write; YAML's own message
// is given only when none is found. For those same keys, a comment after
// an unquoted value is an error: "title: 党建微课堂 #3 退役军人援助" would be
// the title "党建微课堂". So it is for tags, authors and achievements, on
// the key's line: "tags: #党建 #志愿服务", hashtags as WeChat writes them,
// would be no tags at all; the hint gives the list to write,
// "tags: [党建, 志愿服务]".
//
// Messages name a key as it is written in the file, in every language; an
// item of achievements is counted from 1, as writers count: "achievements,
// item 2, value".
//
// A standalone page needs only a title; the other keys are optional.
package content

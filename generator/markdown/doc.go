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
//   - Bold and italics work next to Chinese punctuation (see Emphasis below).
//   - An escaped space ("\ ") renders nothing, so "中文\ English" is
//     "中文English": writers use it to end emphasis or a link without a
//     visible space. Other backslash escapes work as in CommonMark.
//   - Full-width indentation is dropped: ideographic spaces (U+3000) and
//     no-break spaces (U+00A0), with any spaces or tabs among them, at the
//     start of a paragraph's lines ("　　在当前的党史学习教育中"), in the HTML
//     and the plain text alike; soft breaks then join by the text on either
//     side. A line left empty ends the paragraph as a blank line does. Such
//     spaces elsewhere ("姓　名") are kept.
//   - Headings get ids that keep Chinese: "## 为民办实事" gets id="为民办实事";
//     repeats get "-1", "-2".
//   - Links and images: a relative destination is resolved against the
//     Markdown file's folder, a destination from the site's root ("/images/a.jpg")
//     is put under the base URL's path, and a link to another Markdown file
//     ("../04/b.md") becomes that page's URL. A link to a Markdown file that is
//     not a page is kept as written and reported in [Result.Links], and so is
//     a link or image to a file on the writer's computer, which Typora and WPS
//     write when a picture is pasted: a Windows drive path ("C:\Users\liu\a.png",
//     "C:/Users/liu/a.png") or a file: URL ([Link.Local]).
//   - An image or link whose address holds a space and is not in < >
//     ("![现场](微信图片 (2).jpg)", the name Windows gives a picture saved
//     twice) is none in Markdown, and stays text as written. Where the
//     address ends in a file name, it is reported in [Result.Links]
//     ([Link.Spaced]), with the Markdown that makes it an image or link,
//     its address in < > ([Link.Fix]); one on the writer's computer, as
//     [Link.Local].
//   - Images load lazily and carry their size when it is known (see Images
//     below).
//   - Raw HTML is escaped, shown as text, unless [Options.Unsafe] (and
//     reported: see Pasted text below).
//
// # Emphasis
//
// "*" and "_" follow CommonMark, with the CJK-friendly amendments to its
// flanking rules (https://github.com/tats-u/markdown-cjk-friendly,
// commonmark/commonmark-spec#650). CommonMark does not let a run of "*"
// between a letter and punctuation open or close emphasis, so
// "社区**“红色周末”**集市", "**第一步：**入户调查" and "**（一）摸清底数。**支部党员"
// keep their asterisks. With the amendments:
//
//   - CJK punctuation (，。：；！？（）《》「」 and the other full-width
//     punctuation) inside the run does not count against it;
//   - a CJK character or CJK punctuation outside the run counts as
//     punctuation does, so any punctuation may be inside;
//   - the punctuation Chinese shares with Western text (curly quotes,
//     ellipsis, dashes, middle dot: “”‘’…—–·•) counts as CJK punctuation
//     when what it is written against, on the far side from the run, is CJK:
//     "5G**“智慧社区”**平台", "**第二——**A组".
//
// A CJK character is one of East Asian Width W, F or H that is not an emoji,
// or Hangul, as the amendments define it. Text without CJK characters parses
// exactly as CommonMark says. "_" still makes no emphasis inside a word,
// Latin ("snake_case_name") or Chinese ("中文_下划线_中文"): use "*" in Chinese
// text.
//
// # Images
//
// Every img element gets loading="lazy" and decoding="async": a story's
// images come after its title and cover, so the browser fetches them as the
// reader scrolls to them. A local image also gets width and height when
// [Source.ImageSize] knows its size, so that the page keeps its room before
// it arrives and the text does not jump. ImageSize is asked once for each
// local image, with its resolved site path, unescaped, without query and
// fragment: "![现场](照片%201.jpg?v=2)" in a bundle at /stories/2024/05/x/
// asks for "/stories/2024/05/x/照片 1.jpg", and "![横幅](/images/a.png)"
// for "/images/a.png" whatever the base URL. The size it gives is also in
// the image's [Link]. A size that is unknown, or not positive, gives no
// width and height; so do external images (https://…, //…) and images on
// the writer's computer, and so does an image whose destination is a
// Markdown file.
//
//	<img src="/news/stories/2024/05/x/photo.jpg" alt="现场" title="标题" width="1200" height="800" loading="lazy" decoding="async">
//
// An image whose size is known also gets srcset when
// [Source.ImageCopies], asked once for it with the same path, gives it
// smaller copies: each copy's site path under the base URL's path,
// escaped as a destination is, with its width, then the image itself as
// src gives it, with its own width; and sizes, the column it is shown in,
// from [Options.ImageSizes]. src stays the image itself: a browser without
// srcset, and a reader who opens or saves the image, get the original.
// The copies are in the image's [Link] too.
//
//	<img src="/news/x/photo.jpg" alt="现场" width="6000" height="4000" srcset="/news/x/photo-480w.jpg 480w, /news/x/photo-960w.jpg 960w, /news/x/photo-1440w.jpg 1440w, /news/x/photo.jpg 6000w" sizes="(max-width: 756px) calc(100vw - 36px), 720px" loading="lazy" decoding="async">
//
// The rest is written as goldmark writes it: the destination URL-escaped
// (and left empty if it is a javascript:, vbscript:, file: or non-image
// data: URL, unless [Options.Unsafe]), the alt text made of the text of the
// image's description with its markup dropped and its line breaks as
// written, and the title if there is one.
//
// # Results
//
// [Converter.Convert] returns the HTML, the plain text (for search and
// reading time: blocks separated by newlines, soft breaks joined by the same
// rule as the HTML, escapes and character references resolved as in the
// HTML), an automatic summary, the reading time, the headings, and every link
// and image with its line in the file (and an image's size and smaller
// copies, when [Source.ImageSize] and [Source.ImageCopies] knew them).
//
// An image's alt text is a line of the plain text of its own: before the
// text of its paragraph if the image opens the paragraph, after it
// otherwise, so that a caption is searchable but neither glued to a sentence
// nor cutting one in two.
//
// # Summary
//
// The automatic summary is the start of the story's top-level paragraphs
// (their text, without images: a paragraph of images alone is left out), cut
// at the end of a sentence (。！？!?, and a closing quote after it) nearest to
// 120 characters, between 60 and 180; with no sentence end there, it is cut at
// 120 characters and ends in "……".
//
// # Pasted text
//
// Text pasted from Word or a WeChat article keeps markup that shows
// otherwise than it did there. Convert converts it all the same, and
// reports in [Result.Pasted], each at its line, with what is written and,
// where there is one thing to write, what to write instead ([Pasted]):
//
//   - raw HTML shown as text (without [Options.Unsafe]): once for each
//     block, or paragraph with tags in it, at its first tag, telling apart
//     the blocks with a table and those with an image; comments, which are
//     left out of the page, are not reported, nor is HTML in code;
//   - with [Options.Unsafe], an <img> with a data-src and no src, as WeChat
//     writes the images it loads itself, which shows nothing; and, with
//     or without it, an image on WeChat's servers (mmbiz.qpic.cn), which
//     show their images in WeChat alone, as an <img> or as a Markdown
//     image: once a line;
//   - two lines or more of a paragraph that start as the items of a list
//     typed in Word ("•", "●", "◆", "■" and other bullets; "①"; "1、";
//     "（1）", "(1)"; "一、"), which run together into one paragraph: at the
//     first item. One such line alone, or a marker inside a sentence
//     ("做法是①入户、②公示"), is not reported;
//   - an indented code block of Chinese text (as many wide characters as
//     others, at least), a paragraph indented by four spaces or a tab;
//     one of code, and a fenced one, are not reported;
//   - full-width asterisks "＊＊" in a paragraph, once for it; a line of
//     three full-width asterisks or more, or of two dashes "——" or more
//     (or box-drawing lines "───"), alone: shown as they are;
//   - a top-level paragraph of one line, 30 characters at most, numbered
//     as Chinese headings are ("一、", "（一）", "(一)") and ending in no
//     punctuation that ends a sentence or a clause: shown as text, and
//     part of the automatic summary.
//
// They are looked for on the walk that resolves links, by the first
// character of each line of a paragraph; full-width asterisks only when
// the plain text, whose characters Convert counts anyway, holds one. On
// the benchmark corpus, whose paragraphs are wrapped as in a newspaper
// column (many short lines), the looks take about 2% of Convert's time.
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

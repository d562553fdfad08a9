package build

import (
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/markdown"
	"herald/generator/site"
)

// saveImage is the hint for an image that a page of the site cannot show
// from where it is: WeChat's servers, or an HTML tag.
const saveImage = "save the picture (from a WeChat article: press and hold it on a phone, or right-click it on a computer), copy it beside the story, or into its page bundle folder, and give its name, such as ![说明](photo.jpg)"

// maxPastedWarnings is how many passages pasted from Word or WeChat a
// build or the preview names; it counts the others, which herald check
// lists: a migration of a few hundred WeChat articles would bury the
// build's other messages.
const maxPastedWarnings = 10

// warnPasted warns of what the bodies of stories show otherwise than their
// writers meant (markdown.Pasted): text pasted from Word or a WeChat
// article, with its HTML tags, its lists and headings typed as plain
// lines, its full-width asterisks. The site builds all the same. Unless
// all is set (herald check), it names the first maxPastedWarnings.
func warnPasted(stories []*site.Story, all bool, dst *diag.List) {
	problems := dst
	var found diag.List
	if !all {
		problems = &found
		defer addFirst(dst, &found, maxPastedWarnings, func(n int) {
			dst.Warnf(diag.Pos{File: content.Dir}, "%d passages of the stories show otherwise than meant, most often text pasted from Word or WeChat; the first %d by file are named", n, maxPastedWarnings).
				WithHint("herald check lists them all")
		})
	}
	for _, st := range stories {
		for _, p := range st.Pasted {
			pos := diag.Pos{File: st.Doc.Path, Line: p.Line}
			switch p.Kind {
			case markdown.PastedHTML:
				problems.Warnf(pos, "HTML tags such as <%s> show on the page as they are written", p.Text).
					WithHint("keep the text and delete the tags in < >; for a new line, leave a blank line; for bold, write **加粗的字**")
			case markdown.PastedHTMLTable:
				problems.Warnf(pos, "an HTML table shows on the page as its tags, not as a table").
					WithHint("rewrite it as a Markdown table: a line | 月份 | 人次 |, then a line |---|---|, then a line for each row, such as | 1月 | 3120 |")
			case markdown.PastedHTMLImage:
				problems.Warnf(pos, "an HTML image, <img>, shows on the page as its tag, not as a picture").
					WithHint(saveImage)
			case markdown.LazyImage:
				problems.Warnf(pos, "image \"%s\" shows nothing: its <img> has a data-src, which only WeChat reads, and no src", p.Text).
					WithHint(saveImage)
			case markdown.HotlinkedImage:
				problems.Warnf(pos, "image \"%s\" is on WeChat's servers, which show their images in WeChat alone", p.Text).
					WithHint(saveImage)
			case markdown.PlainList:
				problems.Warnf(pos, "the lines that start with “%s” run together into one paragraph: they are not a list", p.Text).
					WithHint("start each item on a line of its own with “- ” (numbered: “1. ”), and leave a blank line before the list: %s", p.Fix)
			case markdown.IndentedText:
				problems.Warnf(pos, "the paragraph starts with 4 spaces or a tab, and shows as code: in grey, in a typewriter font, cut off at the right on a phone").
					WithHint("delete the spaces at the start of its lines")
			case markdown.FullWidthBold:
				problems.Warnf(pos, "full-width asterisks ＊＊ show as they are, and make nothing bold").
					WithHint("write half-width asterisks: %s", p.Fix)
			case markdown.FullWidthRule:
				problems.Warnf(pos, "the line “%s” shows as it is, not as a separator line", p.Text).
					WithHint("write --- instead, with a blank line before it and after it")
			case markdown.ControlChar:
				problems.Warnf(pos, "an invisible control character, %s, was left out of the page", p.Text).
					WithHint("Word writes U+000B for a line break typed with Shift+Enter: to start a new paragraph, leave a blank line; else delete the character, or press Enter in its place")
			case markdown.PlainHeading:
				problems.Warnf(pos, "“%s” shows as a paragraph of text, not as a heading", p.Text).
					WithHint("write “## ” before it: %s; as a heading, it stays out of the automatic summary too", p.Fix)
			}
		}
	}
}

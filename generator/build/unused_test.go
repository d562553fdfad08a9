package build_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// TestUnusedFiles checks which files beside the stories and in page
// bundles a build publishes: those a story or page uses, by a link, an
// image, its cover or another key of its front matter. Each other file is
// a warning at the file, from build and check alike. A trial: an internal
// original and review notes, left beside the stories, were published
// without a word.
func TestUnusedFiles(t *testing.T) {
	theme := testsite.Theme(t)
	const story = "---\ntitle: %s\ndate: %s\nbranch: fenglin\ncategory: 基层治理\n%s---\n\n%s\n"
	tests := []struct {
		name      string
		files     string
		raw       map[string][]byte
		warnings  []string // of the build and of check, as Problem.Error gives them
		published []string // under public/
		left      []string // not under public/
		page      string   // a page under public/ that holds link
		link      string
	}{
		{
			name: "an internal original and review notes beside the stories, and an attachment linked",
			files: fmt.Sprintf("-- content/stories/2023/05/a.md --\n"+story, "甲", "2023-05-06", "", "会议材料见[附件](材料.pdf)。") + `
-- content/stories/2023/05/原稿（内部）.docx --
internal
-- content/stories/2023/05/审稿意见.txt --
notes
-- content/stories/2023/05/材料.pdf --
%PDF-1.4
`,
			warnings: []string{
				"content/stories/2023/05/原稿（内部）.docx: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as [下载](原稿（内部）.docx)",
				"content/stories/2023/05/审稿意见.txt: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as [下载](审稿意见.txt)",
			},
			published: []string{"stories/2023/05/材料.pdf"},
			left:      []string{"stories/2023/05/原稿（内部）.docx", "stories/2023/05/审稿意见.txt"},
			page:      "stories/2023/05/a/index.html",
			link:      `<a href="/news/stories/2023/05/%E6%9D%90%E6%96%99.pdf">附件</a>`,
		},
		{
			name: "a page bundle's photo that its story does not show",
			files: fmt.Sprintf("-- content/stories/b/index.md --\n"+story, "组图", "2021-04-21", "cover: photo.jpg\n", "![第二张](img/second.jpg)") + `
-- content/stories/b/img/second.jpg --
jpeg
-- content/stories/b/img/原图 (1).jpg --
jpeg
`,
			raw: map[string][]byte{"content/stories/b/photo.jpg": testsite.Photo(40, 30)},
			warnings: []string{
				"content/stories/b/img/原图 (1).jpg: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as ![说明](<img/原图 (1).jpg>)",
			},
			published: []string{"stories/b/photo.jpg", "stories/b/img/second.jpg"},
			left:      []string{"stories/b/img/原图 (1).jpg"},
		},
		{
			name: "files used by a draft, a scheduled story, a front matter key and a story in another folder",
			files: fmt.Sprintf("-- content/stories/d.md --\n"+story, "草稿", "2021-04-21", "draft: true\n", "![草稿的图](draft.png)") +
				fmt.Sprintf("-- content/stories/f.md --\n"+story, "预告", "2027-01-01", "", "见[日程](日程.pdf)。") +
				fmt.Sprintf("-- content/stories/x.md --\n"+story, "通知", "2021-04-22", "pdf: 通知.pdf\nfiles: [/stories/2021/表格.xlsx]\n", "见[另一份](/stories/2021/名单.xlsx)。") + `
-- content/stories/draft.png --
png
-- content/stories/日程.pdf --
pdf
-- content/stories/通知.pdf --
pdf
-- content/stories/2021/表格.xlsx --
xlsx
-- content/stories/2021/名单.xlsx --
xlsx
`,
			published: []string{"stories/通知.pdf", "stories/2021/表格.xlsx", "stories/2021/名单.xlsx"},
			left:      []string{"stories/draft.png", "stories/日程.pdf"},
		},
		{
			// A review: a list of attachments with titles, which a site's
			// own template shows, lost its files.
			name: "files named in front matter lists of maps and in maps",
			files: fmt.Sprintf("-- content/stories/a.md --\n"+story, "附件", "2021-04-22", "attachments:\n  - {file: c.pdf, title: 通知}\nextra:\n  pdf: d.pdf\n", "正文。") + `
-- content/stories/c.pdf --
pdf
-- content/stories/d.pdf --
pdf
`,
			published: []string{"stories/c.pdf", "stories/d.pdf"},
		},
		{
			// A review: the hints' links led nowhere, copied as they were.
			name: "a file in a folder of no story, and a file whose name holds #",
			files: fmt.Sprintf("-- content/stories/2023/05/a.md --\n"+story, "甲", "2023-05-06", "", "正文。") + `
-- content/stories/2023/05/files/a.pdf --
pdf
-- content/stories/2023/05/b#1.pdf --
pdf
`,
			warnings: []string{
				"content/stories/2023/05/b#1.pdf: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as [下载](b%231.pdf)",
				"content/stories/2023/05/files/a.pdf: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as [下载](/stories/2023/05/files/a.pdf)",
			},
			left: []string{"stories/2023/05/b#1.pdf", "stories/2023/05/files/a.pdf"},
		},
		{
			name: "the same, linked as the hints say",
			files: fmt.Sprintf("-- content/stories/2023/05/a.md --\n"+story, "甲", "2023-05-06", "", "[下载](b%231.pdf)，[下载](/stories/2023/05/files/a.pdf)。") + `
-- content/stories/2023/05/files/a.pdf --
pdf
-- content/stories/2023/05/b#1.pdf --
pdf
`,
			published: []string{"stories/2023/05/b#1.pdf", "stories/2023/05/files/a.pdf"},
		},
		{
			// Raw HTML may use any file, and herald does not read it.
			name: "markdown.unsafe",
			files: `
-- site.yaml --
title: 测试站
baseURL: https://example.org/news/
timezone: Asia/Shanghai
markdown:
  unsafe: true
categories:
  - name: 基层治理
    slug: grassroots-governance
branches:
  - name: 枫林社区党委
    slug: fenglin
` + fmt.Sprintf("-- content/stories/ok.md --\n"+story, "正常的报道", "2021-04-20", "", `<img src="raw.jpg" alt="现场">`) + `
-- content/stories/raw.jpg --
jpeg
`,
			warnings: []string{
				"content/stories/raw.jpg: warning: no story or page links to this file, and it is published all the same: with markdown.unsafe, raw HTML in a story may use it, which herald does not read\n\thint: move internal files out of content/; a file meant for readers is linked from a story beside it, as ![说明](raw.jpg)",
			},
			published: []string{"stories/raw.jpg"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, baseSite)
			addFiles(t, s, tt.files, tt.raw)
			if warnings := buildWarnings(t, s, theme); !slices.Equal(warnings, tt.warnings) {
				t.Errorf("the build's warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(tt.warnings, "\n"))
			}
			for _, p := range tt.published {
				if !s.Exists("public/" + p) {
					t.Errorf("%s is not published", p)
				}
			}
			for _, p := range tt.left {
				if s.Exists("public/" + p) {
					t.Errorf("%s is published", p)
				}
			}
			if tt.page != "" {
				s.Contains(t, "public/"+tt.page, tt.link)
			}
			problems, err := build.Check(context.Background(), s.Options(theme))
			if err != nil {
				t.Fatal(err)
			}
			var checked []string
			for _, p := range problems.Problems() {
				if !strings.HasSuffix(p.Pos.File, ".md") {
					checked = append(checked, p.Error())
				}
			}
			if !slices.Equal(checked, tt.warnings) {
				t.Errorf("check's problems of files:\n%s\nwant:\n%s", strings.Join(checked, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// TestUnusedFilesFaultyDraft: a draft left out for a problem of its front
// matter, which a build forgives, keeps the files of its folder out as any
// other; they are not called unused, as nothing tells what it uses (a
// review: every file of its folder and below was published).
func TestUnusedFilesFaultyDraft(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite+`
-- content/stories/2024/05/a.md --
---
title: 已发布的报道
date: 2024-05-06
branch: fenglin
category: 基层治理
---

正文。
-- content/stories/2024/05/draft.md --
---
title: 草稿
date: 2024-05-20
branch: 不存在的支部
category: 基层治理
draft: true
---

见[通知](notice.pdf)。
-- content/stories/2024/05/原稿（内部）.docx --
secret
-- content/stories/2024/05/notice.pdf --
pdf
`)
	buildWarnings(t, s, theme)
	for _, p := range []string{"public/stories/2024/05/原稿（内部）.docx", "public/stories/2024/05/notice.pdf"} {
		if s.Exists(p) {
			t.Errorf("%s is published", p)
		}
	}
	if !s.Exists("public/stories/2024/05/a/index.html") {
		t.Error("the published story is not built")
	}
}

// TestUnusedFilesCounted checks that a build names the first ten files
// that nothing uses and counts the rest, and that check names them all.
func TestUnusedFilesCounted(t *testing.T) {
	theme := testsite.Theme(t)
	s := testsite.Write(t, baseSite)
	for i := range 12 {
		s.WriteFile(t, fmt.Sprintf("content/stories/photos/%02d.jpg", i), []byte("jpeg"))
	}
	res, err := safeBuild(t, s.Options(theme))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Warnings), 11; got != want {
		t.Fatalf("the build gives %d warnings, want %d", got, want)
	}
	// The count comes first, at content/, then the files in order.
	const count = "content: warning: 12 files under content/ are used by no story or page; the first 10 are named\n\thint: herald check lists them all"
	if got := res.Warnings[0].Error(); got != count {
		t.Errorf("the first warning is\n%s\nwant\n%s", got, count)
	}
	if got, want := res.Warnings[10].Pos.File, "content/stories/photos/09.jpg"; got != want {
		t.Errorf("the last warning is at %s, want %s", got, want)
	}
	problems, err := build.Check(context.Background(), s.Options(theme))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range problems.Problems() {
		if strings.HasPrefix(p.Pos.File, "content/stories/photos/") {
			n++
		}
	}
	if n != 12 {
		t.Errorf("check names %d of the 12 files", n)
	}
}

// TestUnusedFilesMisnamed checks that a file a story names in another case
// of its letters is not called unused besides: the story's own problem
// says to write the name as the file has it. A trial: a photo the camera
// named Heying.JPG, shown as heying.jpg, got "no story uses this file" and
// the hint to move internal files out of content/, beside the image's own
// warning.
func TestUnusedFilesMisnamed(t *testing.T) {
	const (
		story = "-- content/stories/2024/05/a.md --\n---\ntitle: 合影\ndate: 2024-05-06\nbranch: fenglin\ncategory: 基层治理\n%s---\n\n%s\n"
		twin  = "write it as %q, the way the file and its folders are named: only the case of letters differs, which web servers do not ignore"
	)
	photo := map[string][]byte{"content/stories/2024/05/Heying.JPG": testsite.Photo(40, 30)}
	tests := []struct {
		name, files string
		failed      bool     // the build stops on an error
		want        []string // the build's problems, errors and warnings
	}{
		{
			name:  "a body's image",
			files: fmt.Sprintf(story, "", "![合影](heying.jpg)"),
			want: []string{"content/stories/2024/05/a.md:8: warning: image \"heying.jpg\" does not exist\n\thint: " +
				fmt.Sprintf(twin, "Heying.JPG")},
		},
		{
			name:   "a cover",
			files:  fmt.Sprintf(story, "cover: heying.jpg\n", "正文。"),
			failed: true,
			want: []string{"content/stories/2024/05/a.md:6: cover image \"heying.jpg\" does not exist\n\thint: " +
				fmt.Sprintf(twin, "Heying.JPG")},
		},
		{
			name:   "a cover from the site's root",
			files:  fmt.Sprintf(story, "cover: /stories/2024/05/heying.jpg\n", "正文。"),
			failed: true,
			want: []string{"content/stories/2024/05/a.md:6: cover image \"/stories/2024/05/heying.jpg\" does not exist\n\thint: " +
				fmt.Sprintf(twin, "/stories/2024/05/Heying.JPG")},
		},
	}
	theme := testsite.Theme(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, baseSite)
			addFiles(t, s, tt.files, photo)
			res, err := safeBuild(t, s.Options(theme))
			var got []string
			switch {
			case tt.failed:
				got = problemsOf(t, err)
			case err != nil:
				t.Fatal(err)
			default:
				for _, p := range res.Warnings {
					got = append(got, p.Error())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if s.Exists("public/stories/2024/05/Heying.JPG") {
				t.Error("the photo is published, which the page does not show as written")
			}
			for _, p := range safeCheck(t, s.Options(theme)).Problems() {
				if p.Pos.File == "content/stories/2024/05/Heying.JPG" {
					t.Errorf("check: %s", p.Error())
				}
			}
		})
	}
}

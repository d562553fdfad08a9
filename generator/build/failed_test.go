package build_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// faultyBundle is a page bundle whose story has an unknown branch, with
// the photo its body shows; faultyBundleError is its problem.
const (
	faultyBundle = `
-- content/stories/b/index.md --
---
title: 组图
date: 2021-04-20
branch: 机关第八支布
category: 为民办实事
---

![合影](photo.png)
-- content/stories/b/photo.png --
png
`
	faultyBundleError = "content/stories/b/index.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?"
)

// TestFailedBuildWarnings checks that a build that stops on content errors
// reports with them, in the same run, the warnings a build reports of the
// rest of the site, and no warning that a build of the fixed site would
// not give. Issue: it reported only the errors; the writer fixed them,
// built again, and only then met the warnings of a broken link, a second
// round of problems.
func TestFailedBuildWarnings(t *testing.T) {
	const (
		dateError = "content/stories/x.md:3: date: \"2021-13-45\": there is no month 13\n\thint: " + dateHint
		// x.md, with an unknown branch, is left out: a faulty story.
		faulty = `
-- content/stories/x.md --
---
title: 一
date: 2021-04-20
branch: 机关第八支布
category: 为民办实事
---

会议材料见[附件](材料.pdf)。
-- content/stories/材料.pdf --
%PDF-1.4
`
		branchError = "content/stories/x.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?"
		// ok.md, the base site's sound story, linking to what follows
		// its text.
		ok = "-- content/stories/ok.md --\n---\ntitle: 正常的报道\ndate: 2021-04-20\nbranch: 机关第八支部（社会事业局）\ncategory: 为民办实事\n---\n\n机关第八支部走访慰问退役军人。\n\n"
	)
	tests := []struct {
		name  string
		files string
		want  []string // every problem of the run, as Problem.Error gives them, in order
	}{
		{
			name: "a bad date and a broken link",
			files: ok + "见[坏链接](/no/such/page/)。\n" + `
-- content/stories/x.md --
---
title: 一
date: 2021-13-45
branch: 机关第八支部（社会事业局）
category: 为民办实事
---
`,
			want: []string{
				"content/stories/ok.md:10: warning: link to \"/no/such/page/\" leads to no page or file of the site\n\thint: check the address; a story's address is its folder and name under content/, such as /stories/2021/04/veterans-aid/",
				dateError,
			},
		},
		{
			name:  "a link to a faulty story, by address and by file",
			files: ok + "见[一](/stories/x/)和[一](x.md)。\n" + faulty,
			want:  []string{branchError},
		},
		{
			name: "a link to a story with a bad date, by address and by file",
			files: ok + "见[一](/stories/x/)和[一](x.md)。\n" + `
-- content/stories/x.md --
---
title: 一
date: 2021-13-45
branch: 机关第八支部（社会事业局）
category: 为民办实事
---
`,
			want: []string{dateError},
		},
		{
			name: "a faulty story's broken link",
			files: faulty + `
-- content/stories/y.md --
---
title: 二
date: 2021-04-20
branch: 机关第八支布
category: 为民办实事
---

见[坏链接](/no/such/page/)。
`,
			want: []string{
				branchError,
				"content/stories/y.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?",
				"content/stories/y.md:8: warning: link to \"/no/such/page/\" leads to no page or file of the site\n\thint: check the address; a story's address is its folder and name under content/, such as /stories/2021/04/veterans-aid/",
			},
		},
		{
			name:  "a faulty page bundle's photo",
			files: faultyBundle,
			want:  []string{faultyBundleError},
		},
		{
			name: "a file nothing uses, and text pasted from Word",
			files: ok + "主要做法有：\n•　逐户核对；\n•　登记意向。\n" + faulty + `
-- content/stories/审稿意见.txt --
notes
`,
			want: []string{
				"content/stories/ok.md:11: warning: the lines that start with “•” run together into one paragraph: they are not a list\n\thint: start each item on a line of its own with “- ” (numbered: “1. ”), and leave a blank line before the list: - 逐户核对；",
				branchError,
				"content/stories/审稿意见.txt: warning: no story or page uses this file, so it is not published\n\thint: move internal files out of content/; to publish the file, link to it from a story beside it, as [下载](审稿意见.txt)",
			},
		},
		{
			// As in a build that succeeds, which leaves the draft out.
			name: "a link to a draft with a bad date",
			files: ok + "见[草稿](/stories/x/)。\n" + `
-- content/stories/x.md --
---
title: 一
date: 2021-13-45
branch: 机关第八支部（社会事业局）
category: 为民办实事
draft: true
---
-- content/stories/y.md --
---
title: 二
date: 2021-04-20
branch: 机关第八支布
category: 为民办实事
---
`,
			want: []string{
				"content/stories/ok.md:10: warning: link to \"/stories/x/\" leads to no page or file of the site\n\thint: check the address; a story's address is its folder and name under content/, such as /stories/2021/04/veterans-aid/",
				"content/stories/x.md: warning: the story is a draft, which builds leave out: its problems stop no build until it is published\n\thint: fix them before you remove its draft: true; herald build --drafts treats them as errors",
				"content/stories/x.md:3: warning: date: \"2021-13-45\": there is no month 13\n\thint: " + dateHint,
				"content/stories/y.md:4: unknown branch \"机关第八支布\"\n\thint: did you mean \"机关第八支部（社会事业局）\"?",
			},
		},
	}
	theme := testsite.Theme(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, baseSite)
			if _, err := safeBuild(t, s.Options(theme)); err != nil {
				t.Fatalf("the good site does not build: %v", err)
			}
			before := s.Tree(t, "public")
			addFiles(t, s, tt.files, nil)
			_, err := safeBuild(t, s.Options(theme))
			if got := problemsOf(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if !maps.EqualFunc(before, s.Tree(t, "public"), bytes.Equal) {
				t.Error("the failed build changed public/")
			}
			checkNoLeftovers(t, s.Dir)
		})
	}
}

// TestFailedBuildWarningsOnce checks that a failed build, as a build that
// succeeds, names the first links that lead nowhere and counts the rest.
func TestFailedBuildWarningsOnce(t *testing.T) {
	theme := testsite.Theme(t)
	var links strings.Builder
	for range 12 {
		links.WriteString("[坏链接](/no/such/page/)\n\n")
	}
	s := testsite.Write(t, baseSite)
	s.WriteFile(t, "content/stories/ok.md", []byte("---\ntitle: 正常的报道\ndate: 2021-04-20\nbranch: 机关第八支部（社会事业局）\ncategory: 为民办实事\n---\n\n"+links.String()))
	s.WriteFile(t, "content/stories/x.md", []byte("---\ntitle: 一\ndate: 2021-13-45\n---\n"))
	_, err := safeBuild(t, s.Options(theme))
	got := problemsOf(t, err)
	const count = "content: warning: 12 links or images lead nowhere; the first 10 by file are named\n\thint: herald check lists them all"
	if !slices.Contains(got, count) {
		t.Errorf("the problems do not count the links:\n%s", strings.Join(got, "\n"))
	}
	if n := len(slices.DeleteFunc(got, func(p string) bool { return !strings.HasPrefix(p, "content/stories/ok.md:") })); n != 10 {
		t.Errorf("%d links named, want 10", n)
	}
}

// TestCheckFaultyBundle checks that herald check takes the photo in the
// page bundle of a story with an unknown branch for what it is, a file the
// build publishes once the branch is fixed. Issue: check also reported the
// photo as missing, a second error that was not one.
func TestCheckFaultyBundle(t *testing.T) {
	s := testsite.Write(t, baseSite)
	addFiles(t, s, faultyBundle, nil)
	problems, err := build.Check(context.Background(), s.Options(testsite.Theme(t)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string // the errors: check warns of the summaries too
	for _, p := range problems.Problems() {
		if !p.Warning {
			got = append(got, p.Error())
		}
	}
	want := []string{faultyBundleError}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUnreadStory checks that a story whose front matter cannot be read at
// all is left out as one with a bad date is: a link to it, by address or
// by file, is not said to lead nowhere, and the photo in its page bundle
// is not said to be unused, by build or check. A trial: a story without
// the line that closes its front matter gave, besides its error, a broken
// link at every story linking to it, which check counted as errors.
func TestUnreadStory(t *testing.T) {
	const (
		link  = "-- content/stories/ok.md --\n---\ntitle: 正常的报道\ndate: 2021-04-20\nbranch: 机关第八支部（社会事业局）\ncategory: 为民办实事\n---\n\n见[一](/stories/x/)和[一](x.md)。\n"
		linkB = "-- content/stories/ok.md --\n---\ntitle: 正常的报道\ndate: 2021-04-20\nbranch: 机关第八支部（社会事业局）\ncategory: 为民办实事\n---\n\n见[组图](/stories/b/)和[组图](b/index.md)。\n"
		bare  = "content/stories/%s:1: the front matter that starts here is not closed\n\thint: end it with a line of three hyphens, ---, before the story's text"
	)
	tests := []struct {
		name, files string
		want        []string
	}{
		{
			name:  "front matter not closed",
			files: link + "-- content/stories/x.md --\n---\ntitle: 一\ndate: 2021-04-20\n\n正文。\n",
			want:  []string{fmt.Sprintf(bare, "x.md")},
		},
		{
			name:  "TOML front matter",
			files: link + "-- content/stories/x.md --\n+++\ntitle = \"一\"\n+++\n",
			want:  []string{"content/stories/x.md:1: front matter between lines of +++ is TOML, which herald does not read\n\thint: herald reads front matter in YAML, between two lines of ---: write --- in place of each +++, and each key as key: value, such as title: 关于本站"},
		},
		{
			name:  "a page bundle with its photo",
			files: linkB + "-- content/stories/b/index.md --\n---\ntitle: 组图\n\n![合影](photo.png)\n-- content/stories/b/photo.png --\npng\n",
			want:  []string{fmt.Sprintf(bare, "b/index.md")},
		},
	}
	theme := testsite.Theme(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testsite.Write(t, baseSite)
			addFiles(t, s, tt.files, nil)
			_, err := safeBuild(t, s.Options(theme))
			if got := problemsOf(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("the build's problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var got []string // check warns of the summaries too
			for _, p := range safeCheck(t, s.Options(theme)).Problems() {
				if !p.Warning || !strings.Contains(p.Format, "summary") {
					got = append(got, p.Error())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("check's problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

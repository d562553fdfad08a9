package content

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/adrg/frontmatter"
	"github.com/cespare/xxhash/v2"
	"go.yaml.in/yaml/v3"

	"herald/generator/diag"
	"herald/generator/internal/decode"
)

// rawYAML receives the front matter's bytes from frontmatter.Parse, so that
// it is decoded here as a yaml.Node with lines.
type rawYAML struct{ data []byte }

var yamlFormat = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	v.(*rawYAML).data = data
	return nil
})

// readers are the buffered readers frontmatter.Parse reads through: given
// one, it makes none of its own, 4 KB for each file.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// knownKeys are the front matter keys with a meaning; others go to Params.
var knownKeys = []string{"title", "date", "branch", "category", "tags", "authors", "summary", "slug", "cover", "draft", "achievements"}

// docAt returns the doc of the Markdown file at file, with what its path
// tells: its kind, and whether it is a page bundle's.
func docAt(file string) *Doc {
	return &Doc{Path: file, Kind: kindOf(file), Bundle: path.Base(file) == "index.md" && file != Dir+"/index.md"}
}

// Parse decodes one Markdown file. file names it in problems. It returns nil
// when the file cannot be read as a story at all (not text, no front matter);
// otherwise it returns the doc with every problem found reported.
func Parse(file string, data []byte, tz *time.Location, problems *diag.List) *Doc {
	data = normalize(file, data, problems)
	if data == nil {
		return nil
	}
	open, first := firstLine(data)
	switch {
	case first == "+++":
		// Hugo's TOML front matter, in a file copied from another site.
		problems.Errorf(diag.Pos{File: file, Line: open}, "front matter between lines of +++ is TOML, which herald does not read").
			WithHint("herald reads front matter in YAML, between two lines of ---: write --- in place of each +++, and each key as key: value, such as title: 关于本站")
		return nil
	case hyphens(first):
		notHyphens(problems, diag.Pos{File: file, Line: open}, first)
		if line, text := hyphensLine(data, open); line > 0 {
			notHyphens(problems, diag.Pos{File: file, Line: line}, text)
		}
		return nil
	case first != "---":
		problems.Errorf(diag.Pos{File: file, Line: 1}, "the file has no front matter").
			WithHint("start the file with a line ---, then title:, date:, branch: and category: lines, then a line ---")
		return nil
	}
	// frontmatter.Parse copies everything after the front matter into the
	// body it returns; given only the front matter, it copies nothing, and
	// the body is the rest of data.
	head := frontMatterEnd(data)
	var raw rawYAML
	br := readers.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(data[:head]))
	body, err := frontmatter.Parse(br, &raw, yamlFormat)
	br.Reset(nil)
	readers.Put(br)
	if len(body) == 0 {
		body = data[head:]
	}
	if err != nil {
		problems.Errorf(diag.Pos{File: file, Line: open}, "cannot read the front matter: %v", err)
		return nil
	}
	if raw.data == nil {
		if line, text := hyphensLine(data, open); line > 0 {
			notHyphens(problems, diag.Pos{File: file, Line: line}, text)
			return nil
		}
		problems.Errorf(diag.Pos{File: file, Line: open}, "the front matter that starts here is not closed").
			WithHint("end it with a line of three hyphens, ---, before the story's text")
		return nil
	}
	d := docAt(file)
	d.Lines = map[string]int{}
	d.Body, d.BodyHash = body, xxhash.Sum64(body)
	d.BodyLine = 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n"))
	if len(body) == 0 && !bytes.HasSuffix(data, []byte("\n")) {
		d.BodyLine++ // the file ends on the closing ---, with no line break: the body would start below it
	}
	dec := &decode.Decoder{File: file, Line: open, Problems: problems}
	// YAML's own report of the mistakes writers make most is in English,
	// often on another line, and sometimes missing: "summary：今天: 好" is a
	// key "summary：今天". Look for them line by line first.
	check := checkLines(file, open, raw.data)
	src := raw.data
	node, err := parseYAML(src)
	required := true
	if check.found.Len() > 0 && (err != nil || check.misread || !isMapping(&node)) {
		problems.Append(check.found)
		// With each line found fixed as its hint says, or as guessed, the
		// front matter is read again, for its other problems: one run
		// reports them all.
		if node, err = parseYAML(check.repaired); err != nil || !isMapping(&node) {
			d.readDraft(check.repaired, open)
			return d
		}
		src, required = check.repaired, !check.leftOut
		rest := &diag.List{}
		dec.Problems = rest
		defer func() {
			// The lines found now read as their hints write them: what
			// the decoder finds, at them or elsewhere, is news. Except in
			// the blocks of a guess, where it may come of the guess.
			for _, p := range rest.Problems() {
				if !check.guessed[p.Pos.Line] {
					problems.Add(p)
				}
			}
		}()
	}
	if err != nil {
		line, msg := decode.SyntaxLine(err)
		if l, r, ok := controlChar(src); ok && msg == yamlControl {
			// YAML names no line (a trial: line 1, with the hint on
			// quotes, for a control character on line 6).
			problems.Errorf(diag.Pos{File: file, Line: open + l}, "invalid front matter: %s", msg).
				WithHint("delete the invisible character U+%04X on this line: it comes with text copied from Word or a web page", r)
		} else {
			problems.Errorf(diag.Pos{File: file, Line: open + line}, "invalid front matter: %s", msg).
				WithHint("each line is \"key: value\"; put text holding \": \" or starting with a quote or [ in quotes")
		}
		d.readDraft(src, open)
		return d
	}
	root := dec.Document(&node, diag.Phrasef("the front matter"))
	if root == nil {
		d.readDraft(src, open)
		return d
	}
	d.decode(dec, root, strings.Split(string(src), "\n"), tz, required)
	return d
}

// yamlControl is YAML's message for a control character, which gives
// no line.
const yamlControl = "control characters are not allowed"

// controlChar returns the line, from 1, of the first control character of
// the front matter src that YAML refuses (C0 but tab, line feed and
// carriage return; DEL; C1), and the character.
func controlChar(src []byte) (line int, r rune, ok bool) {
	line = 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line++
		case r < 0x20 && r != '\t' && r != '\r', r >= 0x7f && r < 0xa0:
			return line, r, true
		}
	}
	return 0, 0, false
}

// readDraft sets d.Draft, and its line, from the front matter src when
// YAML cannot read it as keys and values: a half-written draft, "tags: [a,
// b" left open, is still a draft, and its problems are forgiven as a
// draft's are (a trial: it stopped every build and check). It looks for a
// line "draft: …" that is not indented, the last if there are several, and
// takes its value as the decoder does: true in any case, perhaps in quotes,
// perhaps followed by a comment. open is the line of the opening ---.
func (d *Doc) readDraft(src []byte, open int) {
	for i, line := range strings.Split(string(src), "\n") {
		lead, key, sep, rest := decode.CutKey(line)
		if key != "draft" || lead != "" || sep != ":" || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		v := rest
		for j := range len(v) {
			if v[j] == '#' && (j == 0 || v[j-1] == ' ' || v[j-1] == '\t') {
				v = v[:j] // a comment
				break
			}
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		d.Draft = strings.EqualFold(v, "true")
		d.Lines["draft"] = open + 1 + i
	}
}

// parseYAML parses front matter.
func parseYAML(data []byte) (yaml.Node, error) {
	if quick, ok := quickYAML(data); ok {
		return *quick, nil
	}
	var node yaml.Node
	err := yaml.Unmarshal(data, &node)
	return node, err
}

// isMapping reports whether a parsed document is a mapping, or empty.
func isMapping(doc *yaml.Node) bool {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return true
	}
	n := doc.Content[0]
	return n.Kind == yaml.MappingNode || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// frontMatterEnd returns the offset just after the line that closes the
// front matter — the first line after the opening "---" that is "---" once
// trimmed, as frontmatter.Parse finds it — or len(data) when there is none.
func frontMatterEnd(data []byte) int {
	opened := false
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		line := bytes.TrimSpace(data[off:next])
		switch {
		case !opened && len(line) == 0:
		case !opened:
			opened = true // the opening line; Parse checks that it is ---
		case string(line) == "---":
			return next
		}
		off = next
	}
	return len(data)
}

// firstLine returns the number and the text, trimmed, of the first line
// that is not blank, which opens the front matter when it is "---" (blank
// lines before it are allowed, as frontmatter.Parse allows them); 0 and ""
// when every line is blank.
func firstLine(data []byte) (int, string) {
	line := 1
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return line, string(t)
		}
		line++
		data = rest
	}
	return 0, ""
}

// hyphens reports whether a trimmed line is a row of hyphens that was
// meant for "---" but is not: "--" or "----".
func hyphens(t string) bool {
	return len(t) >= 2 && t != "---" && strings.Trim(t, "-") == ""
}

// notHyphens reports the line of hyphens text, at pos, meant for "---".
func notHyphens(problems *diag.List, pos diag.Pos, text string) {
	problems.Errorf(pos, "the line %q must be exactly three hyphens, ---", text).
		WithHint("front matter starts and ends with a line of three hyphens: write --- in its place")
}

// hyphensLine returns the number and text of the first line after line
// open that is a row of hyphens other than "---" (see hyphens), or 0 and "":
// a front matter closed with "----" is not closed.
func hyphensLine(data []byte, open int) (int, string) {
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case i+1 <= open:
		case t == "---":
			return 0, "" // the front matter is closed
		case hyphens(t):
			return i + 1, t
		case t == "" || l[0] == ' ' || l[0] == '\t' || t[0] == '#' || strings.HasPrefix(t, "- "):
		case !strings.ContainsAny(t, ":："):
			return 0, "" // the story's text: a line of hyphens in it is a divider
		}
	}
	return 0, ""
}

// chineseKeys are the Chinese names writers give the known keys, by the
// key: the names the writers' guide gives them (标题, 日期, 所属党组织…) and
// their common synonyms. A front matter key among them is an error, not a
// template's param. A site's param with another Chinese name is kept.
var chineseKeys = map[string]string{
	"标题":    "title",
	"日期":    "date",
	"时间":    "date",
	"党组织":   "branch",
	"所属党组织": "branch",
	"支部":    "branch",
	"党支部":   "branch",
	"栏目":    "category",
	"分类":    "category",
	"类别":    "category",
	"标签":    "tags",
	"作者":    "authors",
	"摘要":    "summary",
	"网址名":   "slug",
	"别名":    "slug",
	"封面":    "cover",
	"封面图":   "cover",
	"草稿":    "draft",
	"成果":    "achievements",
	"成绩":    "achievements",
	"工作成效":  "achievements",
	"成效":    "achievements",
}

// textKeys are the keys whose value is one line of text, where a " #" that
// YAML takes for the start of a comment is a mistake.
var textKeys = []string{"title", "summary", "branch", "category", "slug", "cover"}

// decode reads the front matter's mapping root into d. src is the front
// matter's lines, as YAML read them. required tells whether a key that
// the doc's kind requires is reported missing.
func (d *Doc) decode(dec *decode.Decoder, root *yaml.Node, src []string, tz *time.Location, required bool) {
	var unknown []string             // keys not known, in order
	looksLike := map[string]string{} // an unknown key -> the known key it looks like
	keyNode := map[string]*yaml.Node{}
	for _, f := range dec.Fields(root, diag.Phrasef("the front matter")) {
		v := f.Value
		d.Lines[f.Key] = dec.Pos(v).Line
		commented := (slices.Contains(textKeys, f.Key) || slices.Contains(listKeys, f.Key)) && checkComment(dec, f)
		switch f.Key {
		case "title":
			var ok bool
			d.Title, ok = dec.String(v, "title")
			d.Title = strings.TrimSpace(d.Title)
			if ok && d.Title == "" && !commented {
				dec.Errorf(v, "title is empty").WithHint("give the story's title, such as %s", example["title"])
			}
			warnUnseen(dec, v, f.Key, d.Title)
		case "date":
			if s, ok := dec.String(v, "date"); ok {
				if strings.TrimSpace(s) == "" {
					if !commented {
						dec.Errorf(v, "date is empty").WithHint("give the story's date, such as %s", example["date"])
					}
					break
				}
				t, err := ParseDate(s, tz)
				if de, ok := err.(*DateError); ok {
					p := dec.Errorf(v, "date: "+de.Format, de.Args...)
					if de.Hint != "" {
						p.WithHint(de.Hint, de.HintArgs...)
					} else {
						p.WithHint("write the date as 2021-04-20, 2021/4/20, 2021.4.20 or 2021年4月20日, optionally followed by a time such as 09:00, or as 2021-04-20T09:00:00+08:00")
					}
				}
				d.Date = t
			}
		case "branch":
			var ok bool
			d.Branch, ok = dec.String(v, "branch")
			d.Branch = strings.TrimSpace(d.Branch)
			if ok && d.Branch == "" && d.Kind == Story && !commented {
				dec.Errorf(v, "branch is empty").
					WithHint("write the name of the story's branch as site.yaml lists it, or its slug, such as %s", example["branch"])
			}
		case "category":
			var ok bool
			d.Category, ok = dec.String(v, "category")
			d.Category = strings.TrimSpace(d.Category)
			if ok && d.Category == "" && d.Kind == Story && !commented {
				dec.Errorf(v, "category is empty").
					WithHint("write the name of the story's category as site.yaml lists it, or its slug, such as %s", example["category"])
			}
		case "tags":
			checkIndent(dec, f, src)
			d.Tags, _ = dec.Strings(v, "tags")
			d.Tags = dedupe(d.Tags)
		case "authors":
			checkIndent(dec, f, src)
			d.Authors, _ = dec.Strings(v, "authors")
			d.Authors = dedupe(d.Authors)
		case "summary":
			d.Summary, _ = dec.String(v, "summary")
			d.Summary = strings.TrimSpace(d.Summary)
			warnUnseen(dec, v, f.Key, d.Summary)
		case "slug":
			d.Slug, _ = dec.String(v, "slug")
			d.Slug = dec.Shown(v, "slug", strings.TrimSpace(d.Slug))
			if d.Slug == "" && !commented {
				dec.Errorf(v, "slug is empty").WithHint("remove the slug line to use the file name, or give a name such as veterans-aid")
			}
		case "cover":
			d.Cover, _ = dec.String(v, "cover")
			d.Cover = dec.Shown(v, "cover", strings.TrimSpace(d.Cover))
		case "draft":
			d.Draft, _ = dec.Bool(v, "draft")
		case "achievements":
			d.Achievements = decodeAchievements(dec, v)
		default:
			unknown = append(unknown, f.Key)
			if known, ok := chineseKeys[f.Key]; ok {
				// Kept for templates, "草稿: true" would publish a draft.
				looksLike[f.Key], keyNode[f.Key] = known, f.KeyN
				continue
			}
			if near := diag.Suggest(f.Key, knownKeys); near != "" {
				// A misspelt key would do nothing, or, for draft, publish
				// the story: it is an error, not a template's param.
				looksLike[f.Key], keyNode[f.Key] = near, f.KeyN
				continue
			}
			if d.Params == nil {
				d.Params = map[string]any{}
			}
			d.Params[f.Key] = dec.Any(v, f.Key)
			keyNode[f.Key] = f.KeyN
		}
	}
	figureKey := true // no key of a figure reported yet
	for _, key := range unknown {
		if figureKey && d.Lines["achievements"] > 0 && d.Lines[key] > d.Lines["achievements"] && d.Params[key] != nil && (key == "label" || key == "value" || key == "unit") {
			// A figure written under achievements without its "- ", at
			// the column of the list's "- ": YAML reads its keys as the
			// front matter's, and the figure was left out without a word
			// (a trial).
			figureKey = false
			dec.Errorf(keyNode[key], "%s is a key of a figure of achievements, but it is not in the list: a \"- \" is missing before it", key).
				WithHint("begin the figure with \"- \", lined up with the \"- \" of the figures above it: - %s: %v", key, d.Params[key])
			continue
		}
		// Hugo's keys, in a story brought from a Hugo site, are kept
		// for templates, and did nothing else without a word.
		if own, ok := hugoKeys[strings.ToLower(key)]; ok && d.Params[key] != nil && d.Lines[own] == 0 {
			p := dec.Problems.Warnf(dec.Pos(keyNode[key]), "herald does not read the key %q; its own is %q", key, own)
			if list, ok := d.Params[key].([]any); ok && len(list) > 0 {
				// Hugo's images: is a list; a cover is one image (a
				// trial: the hint led to "cover: expected text").
				p.WithHint("write %s: with one of them, such as %s: %v, unless the key is meant for templates of the site's own", own, own, list[0])
			} else {
				p.WithHint("rename it %s: unless it is meant for templates of the site's own", own)
			}
		}
	}
	var keys []string
	if required {
		keys = append(keys, "title")
		if d.Kind == Story {
			keys = append(keys, "date", "branch", "category")
		}
	}
	for _, key := range keys {
		if _, ok := d.Lines[key]; ok {
			continue // present; a wrong or empty value is reported above
		}
		pos := diag.Pos{File: d.Path, Line: dec.Pos(root).Line}
		var p *diag.Problem
		switch key {
		case "title":
			p = dec.Problems.Errorf(pos, "title is missing")
		case "date":
			p = dec.Problems.Errorf(pos, "date is missing")
		case "branch":
			p = dec.Problems.Errorf(pos, "branch is missing")
		case "category":
			p = dec.Problems.Errorf(pos, "category is missing")
		}
		if i := slices.IndexFunc(unknown, func(k string) bool { return looksLike[k] == key }); i >= 0 {
			near := unknown[i]
			if _, zh := chineseKeys[near]; zh {
				p.WithHint("the front matter has %q: write %s: — front matter keys are in English", near, key)
			} else {
				p.WithHint("the front matter has %q: did you mean %q?", near, key)
			}
			p.Pos.Line = d.Lines[near]
			delete(looksLike, near) // reported
		} else {
			p.WithHint("add a line \"%s: …\" to the front matter, such as %s", key, example[key])
		}
	}
	if d.Kind == Page {
		// A story saved in content/ itself is a page: it was linked from
		// every page's footer and left off the lists, the feeds and its
		// branch's page, without a word (a trial).
		key := "branch"
		if d.Branch == "" {
			key = "category"
		}
		if d.Branch != "" || d.Category != "" {
			dec.Problems.Warnf(d.Pos(key), "%s: is a story's key, and this file is a page: it lies directly in content/, and pages are not listed with the stories, nor on a branch's or a category's page", key).
				WithHint("to publish it as a story, move it into a folder under content/stories/, such as content/stories/2021/04/; for a page, remove branch: and category:")
		}
	}
	for _, key := range unknown {
		near, ok := looksLike[key]
		if !ok {
			continue
		}
		p := dec.Errorf(keyNode[key], "unknown key %q", key)
		if _, zh := chineseKeys[key]; zh {
			p.WithHint("write %s: — front matter keys are in English", near)
		} else {
			p.WithHint("did you mean %[1]q? if the key is meant for templates, rename it so that it does not look like %[1]q", near)
		}
	}
}

// hugoKeys are keys of Hugo's front matter that herald has its own for,
// and reads under that name only.
// By its lower case: Hugo's keys are not case-sensitive.
var hugoKeys = map[string]string{
	"description": "summary", "image": "cover", "images": "cover", "featured_image": "cover", "featuredimage": "cover",
}

// warnUnseen warns of a character in text, the value v of key, that shows
// nothing: a zero-width space copied with a title from a web page is kept
// in it, invisible, and search reads it as a break between the words on
// either side of it (a trial: "荷花塘社区\u200b党委开展防汛演练").
func warnUnseen(dec *decode.Decoder, v *yaml.Node, key, text string) {
	if i, r := decode.Unseen(text); i >= 0 {
		p := dec.Problems.Warnf(dec.Pos(v), "%s: %q holds %s, which does not show, and search takes it for a break between words", key, text, decode.CharName(r))
		decode.UnseenHint(p, text, i)
	}
}

// listKeys are the keys whose value is a list, where "tags: #党建 #志愿服务",
// hashtags as WeChat writes them, is a list YAML reads as empty: a comment.
var listKeys = []string{"tags", "authors", "achievements"}

// checkComment reports a value that YAML cut short at " #", taking the rest
// of the line for a comment: "title: 党建微课堂 #3 退役军人援助" gives the
// title "党建微课堂", and "tags: #党建 #志愿服务" no tags at all. A value in
// quotes, a block or a list written over several lines may have a comment
// after it. It reports whether it reported one: then the value, empty or
// cut short, needs no other problem of its own.
func checkComment(dec *decode.Decoder, f decode.Field) bool {
	v := f.Value
	if v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && (f.Key == "tags" || f.Key == "authors") {
		// One item a line: "- 党建 #志愿服务" loses the rest of its line.
		var all []string // every item's text, comments included
		var cut []*yaml.Node
		for _, item := range v.Content {
			all = append(all, item.Value)
			if item.Kind == yaml.ScalarNode && item.Style == 0 && item.LineComment != "" {
				all = append(all, item.LineComment)
				cut = append(cut, item)
			}
		}
		for _, item := range cut {
			dec.Errorf(item, "%s: the text after “#” is read as a comment", f.Key).
				WithHint("write the items without “#”, as a list: %s", f.Key+": "+listYAML(strings.Join(all, " ")))
		}
		return len(cut) > 0
	}
	if v.Kind != yaml.ScalarNode || v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return false
	}
	comment := v.LineComment
	if comment == "" && v.Tag == "!!null" {
		comment = f.KeyN.LineComment // "title: # …" puts it on the key
	}
	if comment == "" {
		return false
	}
	text := strings.TrimSpace(v.Value + " " + comment)
	p := dec.Errorf(v, "%s: the text after “#” is read as a comment", f.Key)
	switch f.Key {
	case "tags", "authors":
		p.WithHint("write the items without “#”, as a list: %s", f.Key+": "+listYAML(text))
	case "achievements":
		p.WithHint("write one figure a line: - {label: 援助退役军人, value: 11, unit: 位}")
	case "branch", "category":
		// A name from site.yaml, which has no "#": quotes would keep it
		// and make the name unknown.
		p.WithHint("write the name without “#”: %s", f.Key+": "+nameWithoutHash(text))
	default:
		p.WithHint("put the value in quotes: %s", f.Key+": "+quoteYAML(text))
	}
	return true
}

// nameWithoutHash returns the name a branch's or category's value written
// with "#" most likely means: the text before the "#", as in
// "机关第八支部（社会事业局） #备注"; for a hashtag, "#为民办实事", the
// text after it.
func nameWithoutHash(text string) string {
	before, after := text, ""
	if strings.HasPrefix(text, "#") {
		before, after = "", text
	} else if i := strings.Index(text, " #"); i >= 0 {
		before, after = text[:i], text[i+1:]
	}
	if b := strings.TrimSpace(before); b != "" {
		return b
	}
	return cmp.Or(strings.Join(strings.Fields(strings.ReplaceAll(after, "#", " ")), ""), "…")
}

// listYAML returns the words of hashtags, "#党建 #志愿服务" or "#党建#志愿服务#",
// as a YAML list on one line: "[党建, 志愿服务]".
func listYAML(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return r == '#' || r == ',' || r == '，' || r == '、' || unicode.IsSpace(r)
	})
	for i, w := range words {
		if strings.ContainsAny(w, "[]{}:\"'") {
			words[i] = quoteYAML(w)
		}
	}
	return "[" + strings.Join(words, ", ") + "]"
}

// checkIndent reports the items of a list that YAML took into the item
// above because they are indented more:
//
//	tags:
//	  - 党建
//	   - 志愿服务
//
// is the one tag "党建 - 志愿服务". An item of plain text goes on over the
// lines below it that are indented more than its "-"; such a line that
// starts with "- " was meant as an item of its own. A tag written "党建 -
// 志愿服务" on one line is left alone. src is the front matter's lines.
func checkIndent(dec *decode.Decoder, f decode.Field, src []string) {
	if f.Value.Kind != yaml.SequenceNode || f.Value.Style&yaml.FlowStyle != 0 {
		return
	}
	for _, item := range f.Value.Content {
		if item.Kind != yaml.ScalarNode || item.Style != 0 || item.Line < 1 || item.Line > len(src) {
			continue
		}
		first := src[item.Line-1]
		dash := strings.LastIndex(first[:min(len(first), max(0, item.Column-1))], "-") // the item's "-", in bytes
		if dash < 0 {
			continue
		}
		for i := item.Line; i < len(src); i++ { // the lines after the item's first
			line := src[i]
			text := strings.TrimLeft(line, " ")
			if text == "" {
				continue // a blank line inside the text
			}
			if len(line)-len(text) <= dash || text[0] == '#' {
				break // the item ends
			}
			if text != "-" && !strings.HasPrefix(text, "- ") {
				continue
			}
			p := dec.Problems.Errorf(diag.Pos{File: dec.File, Line: dec.Line + i + 1}, "%s: the item on this line is indented more than the one above it, and is read as part of it", f.Key)
			if dash == 0 {
				p.WithHint("line up the dashes: start the line with its “-”, as the item above")
			} else {
				p.WithHint("line up the dashes: start the line with %d spaces, as the item above", dash)
			}
		}
	}
}

var example = map[string]string{
	"title":    "title: 机关第八支部开设退役军人困难援助项目",
	"date":     "date: 2021-04-20",
	"branch":   "branch: 机关第八支部（社会事业局）",
	"category": "category: 为民办实事",
}

func decodeAchievements(dec *decode.Decoder, v *yaml.Node) []Achievement {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		dec.Errorf(v, "achievements: expected a list").
			WithHint("write one figure a line: - {label: 援助退役军人, value: 11, unit: 位}")
		return nil
	}
	var out []Achievement
	for i, item := range dec.Items(v, "achievements") {
		n := i + 1 // counted as writers count
		what := diag.Phrasef("achievements, item %d", n)
		field := func(key string) diag.Phrase { return diag.Phrasef("achievements, item %d, %s", n, key) }
		a := Achievement{Line: dec.Pos(item).Line}
		if item.Kind == yaml.ScalarNode && item.Tag != "!!null" { // "- 走访群众 1260 人次"
			dec.Errorf(item, "%s: the figure is written as text, %q", what, item.Value).
				WithHint("write its name, number and unit apart: - {label: 走访群众, value: 1260, unit: 人次}")
			continue
		}
		var hasLabel, hasValue bool // the key is there
		bad := false                // a value of the wrong type, reported already
		fields := dec.Fields(item, what)
		for i := 0; i < len(fields); i++ {
			f := fields[i]
			var ok bool
			if f.Key == "value" && f.Value.Kind == yaml.ScalarNode {
				// {label: 走访, value: 1,260}: a comma ends the value, and
				// the digits after it make a key.
				written, digits := f.Value.Value, f.Value.Value
				for i+1 < len(fields) && isThousands(fields[i+1]) {
					i++
					written, digits = written+","+fields[i].Key, digits+fields[i].Key
				}
				if written != f.Value.Value {
					dec.Errorf(f.Value, "%s: %s is written with a thousands separator, which ends the value in { }", field("value"), written).
						WithHint("write the number without separators: value: %s", digits)
					hasValue, bad = true, true
					continue
				}
			}
			switch f.Key {
			case "label":
				hasLabel = true
				a.Label, ok = dec.String(f.Value, field("label"))
				a.Label = strings.TrimSpace(a.Label)
				bad = bad || !ok
			case "value":
				hasValue = true
				a.Value, ok = dec.Float(f.Value, field("value"))
				bad = bad || !ok
			case "unit":
				a.Unit, _ = dec.String(f.Value, field("unit"))
				a.Unit = strings.TrimSpace(a.Unit)
			default:
				p := dec.Errorf(f.KeyN, "%s: unknown key %q", what, f.Key)
				if near := diag.Suggest(f.Key, []string{"label", "value", "unit"}); near != "" {
					p.WithHint("did you mean %q?", near)
				} else {
					p.WithHint("a figure has label, value and unit")
				}
			}
		}
		if item.Kind != yaml.MappingNode || bad {
			continue
		}
		if !hasLabel || a.Label == "" {
			dec.Errorf(item, "%s: label is missing", what).WithHint("write - {label: 援助退役军人, value: 11, unit: 位}")
			continue
		}
		if !hasValue {
			dec.Errorf(item, "%s: value is missing", what).WithHint("give its number, and its unit: - {label: %s, value: …, unit: …}", a.Label)
			continue
		}
		out = append(out, a)
	}
	return out
}

// isThousands reports whether f is what YAML makes of the digits after a
// thousands separator in a { } mapping: a key of three digits, no value.
func isThousands(f decode.Field) bool {
	return len(f.Key) == 3 && strings.Trim(f.Key, "0123456789") == "" && f.Value.Tag == "!!null"
}

func dedupe(list []string) []string {
	out := list[:0]
	for _, s := range list {
		dup := false
		for _, t := range out {
			if t == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// DateError is a date that cannot be read. Format and Args make its
// message, and Hint and HintArgs its hint, so that they can be
// translated; with no Hint, the hint is how to write a date.
type DateError struct {
	Format   string
	Args     []any
	Hint     string
	HintArgs []any
}

// minYear is the earliest year of a date: one before it, "0000-04-10", is
// surely a typo, which would put the story at the end of every list.
const minYear = 1900

func (e *DateError) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// ParseDate parses a front matter date. Without a zone, the date is in tz; a
// date alone is at midnight. A date with a zone is the same moment in tz:
// the site shows its day as its readers' calendar has it (a trial:
// 2026-09-30T20:00:00Z, four in the morning of 1 October in Beijing, was
// shown on 30 September, and filed in September's archive).
func ParseDate(s string, tz *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	ascii := decode.HalfWidth(s) // full-width digits, as an input method types them: ２０２１-04-20
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700"} {
		if t, err := time.Parse(layout, ascii); err == nil {
			if t.Year() < minYear {
				return time.Time{}, earlyYear(s, t.Year())
			}
			if tz != nil {
				t = t.In(tz)
			}
			return t, nil
		}
	}
	y, mo, day, h, mi, sec, ok := splitDate(ascii)
	if !ok {
		return time.Time{}, &DateError{Format: "%q is not a date", Args: []any{s}}
	}
	switch {
	case y < minYear:
		return time.Time{}, earlyYear(s, y)
	case mo < 1 || mo > 12:
		return time.Time{}, &DateError{Format: "%q: there is no month %d", Args: []any{s, mo}}
	case day < 1:
		// A trial: "2021-04-0" said April has 30 days, which is true and
		// no help.
		return time.Time{}, &DateError{
			Format: "%q: there is no day 0: the days of month %d of %d are 1 to %d", Args: []any{s, mo, y, daysIn(y, mo)},
			Hint: "write the day of the month in full, from 1, such as %d-%02d-01", HintArgs: []any{y, mo},
		}
	case day > daysIn(y, mo):
		return time.Time{}, &DateError{Format: "%q: month %d of %d has %d days", Args: []any{s, mo, y, daysIn(y, mo)}}
	case h > 23 || mi > 59 || sec > 59:
		return time.Time{}, &DateError{Format: "%q: the time of day is out of range", Args: []any{s}}
	}
	return time.Date(y, time.Month(mo), day, h, mi, sec, 0, tz), nil
}

// earlyYear is the error of a date s in the year y, before minYear.
func earlyYear(s string, y int) *DateError {
	return &DateError{
		Format: "%q: the year %d is before %d", Args: []any{s, y, minYear},
		Hint: "write the year the story was published, in four digits, such as 2021-04-20",
	}
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitDate reads "2021-04-20", "2021/4/20", "2021.04.20" and "2021年4月20日"
// (spaces around 年, 月 and 日 allowed: "2021 年 4 月 20 日"), each
// optionally followed by "T" or spaces (or nothing, after 日) and "09:00",
// "09:00:00", or the time in Chinese: "9时", "9点30", "9时30分", "9时30分15秒".
func splitDate(s string) (y, mo, d, h, mi, sec int, ok bool) {
	nums := make([]int, 0, 6)
	i := 0
	readNum := func(maxDigits int) bool {
		j := i
		for j < len(s) && j-i < maxDigits && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return false
		}
		n, _ := strconv.Atoi(s[i:j])
		nums = append(nums, n)
		i = j
		return true
	}
	skip := func(seps ...string) bool {
		for _, sep := range seps {
			if strings.HasPrefix(s[i:], sep) {
				i += len(sep)
				return true
			}
		}
		return false
	}
	spaces := func() bool {
		start := i
		for skip(" ", "　") {
		}
		return i > start
	}
	// sep skips a separator of the date; a Chinese one may have spaces
	// around it.
	sep := func(chinese string) bool {
		if skip("-", "/", ".") {
			return true
		}
		j := i
		spaces()
		if skip(chinese) {
			spaces()
			return true
		}
		i = j
		return false
	}
	if !readNum(4) || i != 4 || !sep("年") || !readNum(2) || !sep("月") || !readNum(2) {
		return
	}
	j := i
	spaces()
	chinese := skip("日")
	if !chinese {
		i = j
	}
	if i < len(s) {
		if !spaces() && !skip("T") && !(chinese && s[i] >= '0' && s[i] <= '9') {
			return
		}
		if !readNum(2) {
			return
		}
		switch {
		case skip(":", "："):
			if !readNum(2) || skip(":", "：") && !readNum(2) {
				return
			}
		case skip("时", "点"):
			// A trial: "2021年4月20日9时30分" was "not a date".
			if readNum(2) && skip("分") && readNum(2) && !skip("秒") {
				return
			}
		default:
			return
		}
		if i != len(s) {
			return
		}
	}
	for len(nums) < 6 {
		nums = append(nums, 0)
	}
	return nums[0], nums[1], nums[2], nums[3], nums[4], nums[5], true
}

package content

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"herald/generator/diag"
	"herald/generator/internal/decode"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

// rawYAML receives the front matter's bytes from frontmatter.Parse, so that
// it is decoded here as a yaml.Node with lines.
type rawYAML struct{ data []byte }

var yamlFormat = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	v.(*rawYAML).data = data
	return nil
})

// knownKeys are the front matter keys with a meaning; others go to Params.
var knownKeys = []string{"title", "date", "branch", "category", "tags", "authors", "summary", "slug", "cover", "draft", "achievements"}

// Parse decodes one Markdown file. file names it in problems. It returns nil
// when the file cannot be read as a story at all (not text, no front matter);
// otherwise it returns the doc with every problem found reported.
func Parse(file string, data []byte, tz *time.Location, problems *diag.List) *Doc {
	data = normalize(file, data, problems)
	if data == nil {
		return nil
	}
	open := openingLine(data)
	if open == 0 {
		problems.Errorf(diag.Pos{File: file, Line: 1}, "the file has no front matter").
			WithHint("start the file with a line ---, then title:, date:, branch: and category: lines, then a line ---")
		return nil
	}
	var raw rawYAML
	body, err := frontmatter.Parse(bytes.NewReader(data), &raw, yamlFormat)
	if err != nil {
		problems.Errorf(diag.Pos{File: file, Line: open}, "cannot read the front matter: %v", err)
		return nil
	}
	if raw.data == nil {
		problems.Errorf(diag.Pos{File: file, Line: open}, "the front matter that starts here is not closed").
			WithHint("end it with a line of three hyphens, ---, before the story's text")
		return nil
	}
	d := &Doc{
		Path:     file,
		Kind:     kindOf(file),
		Bundle:   path.Base(file) == "index.md" && file != Dir+"/index.md",
		Lines:    map[string]int{},
		Body:     body,
		BodyLine: 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n")),
	}
	dec := &decode.Decoder{File: file, Line: open, Problems: problems}
	var node yaml.Node
	if err := yaml.Unmarshal(raw.data, &node); err != nil {
		line, msg := decode.SyntaxLine(err)
		problems.Errorf(diag.Pos{File: file, Line: open + line}, "invalid front matter: %s", msg).
			WithHint("each line is \"key: value\"; put text holding \": \" or starting with a quote or [ in quotes")
		return d
	}
	root := dec.Document(&node, "the front matter")
	if root == nil {
		return d
	}
	d.decode(dec, root, tz)
	return d
}

// openingLine returns the line of the opening "---", or 0 when the file does
// not start with one (blank lines before it are allowed, as
// frontmatter.Parse allows them).
func openingLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		switch t := bytes.TrimSpace(l); {
		case len(t) == 0:
			line++
			data = rest
			continue
		case string(t) == "---":
			return line
		}
		return 0
	}
	return 0
}

func (d *Doc) decode(dec *decode.Decoder, root *yaml.Node, tz *time.Location) {
	var unknown []string
	for _, f := range dec.Fields(root, "the front matter") {
		v := f.Value
		d.Lines[f.Key] = dec.Pos(v).Line
		switch f.Key {
		case "title":
			var ok bool
			d.Title, ok = dec.String(v, "title")
			d.Title = strings.TrimSpace(d.Title)
			if ok && d.Title == "" {
				dec.Errorf(v, "title is empty").WithHint("give the story's title, such as %s", example["title"])
			}
		case "date":
			if s, ok := dec.String(v, "date"); ok {
				t, err := ParseDate(s, tz)
				if de, ok := err.(*DateError); ok {
					dec.Errorf(v, "date: "+de.Format, de.Args...).WithHint("write the date as 2021-04-20, 2021-04-20 09:00 or 2021-04-20T09:00:00+08:00")
				}
				d.Date = t
			}
		case "branch":
			d.Branch, _ = dec.String(v, "branch")
			d.Branch = strings.TrimSpace(d.Branch)
		case "category":
			d.Category, _ = dec.String(v, "category")
			d.Category = strings.TrimSpace(d.Category)
		case "tags":
			d.Tags, _ = dec.Strings(v, "tags")
			d.Tags = dedupe(d.Tags)
		case "authors":
			d.Authors, _ = dec.Strings(v, "authors")
			d.Authors = dedupe(d.Authors)
		case "summary":
			d.Summary, _ = dec.String(v, "summary")
			d.Summary = strings.TrimSpace(d.Summary)
		case "slug":
			d.Slug, _ = dec.String(v, "slug")
			d.Slug = strings.TrimSpace(d.Slug)
			if d.Slug == "" {
				dec.Errorf(v, "slug is empty").WithHint("remove the slug line to use the file name, or give a name such as veterans-aid")
			}
		case "cover":
			d.Cover, _ = dec.String(v, "cover")
			d.Cover = strings.TrimSpace(d.Cover)
		case "draft":
			d.Draft, _ = dec.Bool(v, "draft")
		case "achievements":
			d.Achievements = decodeAchievements(dec, v)
		default:
			if d.Params == nil {
				d.Params = map[string]any{}
			}
			d.Params[f.Key] = dec.Any(v, f.Key)
			unknown = append(unknown, f.Key)
		}
	}
	required := []string{"title"}
	if d.Kind == Story {
		required = append(required, "date", "branch", "category")
	}
	for _, key := range required {
		if _, ok := d.Lines[key]; ok {
			continue // present; a wrong or empty value is reported above
		}
		p := dec.Problems.Errorf(diag.Pos{File: d.Path, Line: dec.Pos(root).Line}, "%s is missing", key)
		if near := diag.Suggest(key, unknown); near != "" {
			p.WithHint("the front matter has %q: did you mean %q?", near, key)
			p.Pos.Line = d.Lines[near]
		} else {
			p.WithHint("add a line \"%s: …\" to the front matter, such as %s", key, example[key])
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
	for i, item := range v.Content {
		what := "achievements[" + strconv.Itoa(i) + "]"
		a := Achievement{Line: dec.Pos(item).Line}
		var hasLabel, hasValue bool // the key is there
		bad := false                // a value of the wrong type, reported already
		for _, f := range dec.Fields(item, what) {
			var ok bool
			switch f.Key {
			case "label":
				hasLabel = true
				a.Label, ok = dec.String(f.Value, what+".label")
				a.Label = strings.TrimSpace(a.Label)
				bad = bad || !ok
			case "value":
				hasValue = true
				a.Value, ok = dec.Float(f.Value, what+".value")
				bad = bad || !ok
			case "unit":
				a.Unit, _ = dec.String(f.Value, what+".unit")
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
			dec.Errorf(item, "%s: value is missing", what).WithHint("write - {label: %s, value: 11, unit: 位}", a.Label)
			continue
		}
		out = append(out, a)
	}
	return out
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
// message, so that it can be translated.
type DateError struct {
	Format string
	Args   []any
}

func (e *DateError) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// ParseDate parses a front matter date. Without a zone, the date is in tz; a
// date alone is at midnight.
func ParseDate(s string, tz *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	y, mo, day, h, mi, sec, ok := splitDate(s)
	if !ok {
		return time.Time{}, &DateError{"%q is not a date", []any{s}}
	}
	switch {
	case mo < 1 || mo > 12:
		return time.Time{}, &DateError{"%q: there is no month %d", []any{s, mo}}
	case day < 1 || day > daysIn(y, mo):
		return time.Time{}, &DateError{"%q: month %d of %d has %d days", []any{s, mo, y, daysIn(y, mo)}}
	case h > 23 || mi > 59 || sec > 59:
		return time.Time{}, &DateError{"%q: the time of day is out of range", []any{s}}
	}
	return time.Date(y, time.Month(mo), day, h, mi, sec, 0, tz), nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitDate reads "2021-04-20", "2021/4/20", "2021年4月20日", "2021.04.20",
// each optionally followed by "T" or spaces and "09:00" or "09:00:00".
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
	if !readNum(4) || i != 4 || !skip("-", "/", ".", "年") || !readNum(2) || !skip("-", "/", ".", "月") || !readNum(2) {
		return
	}
	skip("日")
	if i < len(s) {
		if !skip("T", " ", "　") {
			return
		}
		for skip(" ") {
		}
		if !readNum(2) || !skip(":", "：") || !readNum(2) {
			return
		}
		if skip(":", "：") && !readNum(2) {
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

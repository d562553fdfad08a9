package content

import (
	"slices"
	"strconv"
	"strings"

	"herald/generator/diag"
	"herald/generator/internal/decode"
)

// frontMatter names the front matter in messages: made once, where each
// line would box it anew.
var frontMatter any = diag.Phrasef("the front matter")

// checkLines looks, line by line, for the mistakes writers make most in
// front matter, which YAML reports in English and often on another line:
//
//   - a full-width colon after a key: "title：标题", and after a key of a
//     list item's mapping, "  - label：参会居民" or "    value：30", where the
//     line is surely a key (see below);
//   - no space after the colon: "title:标题";
//   - a text value that YAML reads as markup: one that holds ": "
//     ("支部书记说: 好"), starts with @ ` % [ { or "- ", or goes on after a
//     closing quote ("\"红色周末\"集市");
//   - a line that is not "key: value" at all, such as the story's first
//     paragraph when the closing --- is missing (only the first is reported);
//   - a line indented with a tab.
//
// It reports each at its own line, with the line to write instead, into
// found. misread tells that one of them, a colon not followed by a space
// (full-width, or ASCII with no space), is a mistake YAML may read without
// complaint, making a key such as "summary：今天". data is the front matter;
// its first line is line open+1 of the file. Lines that are indented,
// comments or YAML's own syntax belong to a value above and are left alone,
// and so is a value that goes on over several lines, in quotes or brackets,
// up to the line that closes it; except for what is wrong with an indented
// line as a key or a list item: its tab, its indentation, and its
// full-width colon. That colon is a key's only where the line is one: at
// the column of a key above or below it written with an English colon, or
// as the first key of an item of achievements; never under tags, authors
// or a text key, nor in the text of a | or > value, where "QQ：12345" is
// the writer's.
//
// The rest of what it returns is for reading the front matter again, with
// the lines found fixed, for its other problems (see lineCheck).
//
// Parse reports what it finds in place of YAML's report when YAML cannot
// read the front matter, reads it as something other than keys and values,
// or misread is true; otherwise YAML's reading, and the messages about the
// values' types, stand.
func checkLines(file string, open int, data []byte) lineCheck {
	found, misread := &diag.List{}, false
	lines := strings.Split(string(data), "\n")
	var repairs map[int]string  // the lines found, by index, as their hints fix them, or as guessed
	var guesses []int           // the indexes of the lines guessed
	loose := false              // a line that is not "key: value" was reported
	closer := ""                // what closes a value an earlier line left open
	var opened diag.Pos         // the line of that value
	var openKey string          // and its key
	openItem := -1              // the indentation of the list item whose value that is; -1 for a key's
	lastOpen := 0               // the index of the value's last line that is not blank
	var items []int             // the indentations of the "- " of the lists under the last key
	opens := false              // the last line that is not blank ends with ":", opening a block below it
	var keys []keyLevel         // the mappings open at the line, inside list items, shallowest first
	topKey := ""                // the key of the last line that is not indented
	prevIndent, prevCol := 0, 0 // the indentation of the last line that is not blank, and where its key or text starts
	textCol := -1               // where the key starts of a | or > value whose text may go on at the line; -1 for none
	noDash := -1                // the column of the keys of an item found without its "- "; -1 for none
	guess := func(i int, fixed string) {
		repairs = repair(repairs, i, fixed)
		guesses = append(guesses, i)
	}
	// closeOpen reports the value opened at opened and never closed, and
	// guesses it closed at the end of its last line, as that line reads
	// with the fixes already found (a review: the closing undid a colon's).
	closeOpen := func() {
		first := opened.Line - open - 1
		line := lines[lastOpen]
		if r, ok := repairs[lastOpen]; ok {
			line = r
		}
		at := 0 // the line of the closing, when not the first
		if lastOpen != first {
			at = open + 1 + lastOpen
		}
		guess(lastOpen, neverClosed(found, opened, openKey, openItem >= 0, closer, line, at))
	}
	for i, line := range lines {
		pos := diag.Pos{File: file, Line: open + 1 + i}
		if closer != "" {
			if !leftOpen(line) && !(openItem >= 0 && itemAt(line, openItem)) {
				if strings.Contains(line, closer[len(closer)-1:]) { // the outermost
					closer = ""
				}
				if strings.TrimSpace(line) != "" {
					lastOpen = i
				}
				continue
			}
			// A known key at the start of the line: the quote or bracket
			// above was never closed, and YAML would read on into a later
			// quote, or fail, hiding the file's other problems. A quote
			// YAML may read on without a word; brackets it does not, and
			// a bracket closed by a line YAML reads ("links: {a: b,",
			// then "slug: x}") is not told unless YAML fails.
			closeOpen()
			misread = misread || closer == `"` || closer == "'"
			closer = ""
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		nested := opens // a list may start below "key:" inside an item
		opens = opensBlock(line)
		if decode.TabIndented(found, pos, line, frontMatter) {
			// How deep the line goes, the writer knows: guess, and read
			// on from the guess (a review: the second item of a list
			// indented with tabs went to the top).
			fixed := detab(line, nested, prevIndent, prevCol, items)
			guess(i, fixed)
			prevIndent, prevCol = columns(fixed)
			if strings.HasPrefix(fixed[prevIndent:], "- ") && !slices.Contains(items, prevIndent) {
				items = append(items, prevIndent)
			}
			continue
		}
		prevIndent, prevCol = columns(line)
		inText := textCol >= 0 && prevIndent > textCol // the line is text of a | or > value above
		if !inText {
			textCol = -1
			if opensText(line) {
				textCol = prevCol
			}
		}
		if t := strings.TrimLeft(line, " "); t != line && (topKey == "tags" || topKey == "authors") &&
			len(t) > 1 && t[0] == '-' && t[1] != ' ' && t[1] != '-' {
			// "  -党史学习教育": YAML reads the lines as one text, and the
			// items as words of it, each with its "-".
			found.Errorf(pos, "there is no space after the “-” of this item").
				WithHint("write a space after it: - %s", t[1:])
			repairs = repair(repairs, i, line[:len(line)-len(t)]+"- "+t[1:])
			misread = true
			continue
		}
		if t := strings.TrimLeft(line, " "); t == line || strings.HasPrefix(t, "- ") || t == "-" {
			noDash = -1 // a new item, or a key of the front matter's own
		}
		if t := strings.TrimLeft(line, " "); t != line && (strings.HasPrefix(t, "- ") || t == "-") {
			// An item of a list under the last key. One a space or two off
			// the others is a slip YAML reports on the item above; one
			// further in may be a list of its own, inside an item.
			indent := len(line) - len(t)
			j := nearest(len(items), func(j int) int { return items[j] }, indent) // the list nearest to the item
			switch {
			case j >= 0 && items[j] == indent:
			case nested || j < 0 || abs(items[j]-indent) > 2:
				items = append(items, indent) // a list of its own
			default:
				found.Errorf(pos, "the “- ” of this item does not line up with that of the item above").
					WithHint("indent it by %d spaces, as the items above", items[j])
				repairs = repair(repairs, i, strings.Repeat(" ", items[j])+t)
			}
			// An item written as { } or [ ] left open, "- {label: 参会,
			// value: 3" (a trial: YAML's message hid the file's other
			// problems): told when the next item or key comes.
			if v := strings.TrimSpace(strings.TrimPrefix(t, "-")); topKey == "achievements" && !inText && v != "" && (v[0] == '{' || v[0] == '[') {
				if c := unclosed(v); c != "" {
					closer, opened, openKey, openItem, lastOpen = c, pos, topKey, indent, i
				}
			}
		}
		if lead, key, sep, _ := decode.CutKey(line); sep != "" && line[0] == ' ' {
			// A key of a list item's mapping: "    value: 4.8" below
			// "  - label: 走访". One a space or two off the key above is a
			// slip YAML reports as a "key: value" that cannot be there.
			col := len(lead)
			near := nearest(len(keys), func(j int) int { return keys[j].col }, col) // the mapping nearest to the key
			item := strings.HasSuffix(lead, "- ")
			first := item || nested || near < 0 || abs(keys[near].col-col) > 2 // an item's first key, or a mapping's
			// A full-width colon where a key's colon is, "  - label：参会居民"
			// or "    value：30" (a trial): YAML reads text, and reports the
			// line below, or nothing. It is a key's where the key above at
			// its column, or the one below, has an English colon, or as an
			// item of achievements, a list of mappings; elsewhere, and in
			// text, "QQ：12345" is the writer's.
			keyed := sep == ":" || near >= 0 && keys[near].keyed && (keys[near].col == col || !first) ||
				keyBelow(lines[i+1:], col) || item && topKey == "achievements"
			fullWidth := sep == "：" && keyed && !inText && !slices.Contains(textKeys, topKey) && topKey != "tags" && topKey != "authors"
			keyed = sep == ":" || fullWidth
			switch {
			case first:
				for len(keys) > 0 && keys[len(keys)-1].col >= col {
					keys = keys[:len(keys)-1]
				}
				keys = append(keys, keyLevel{col, key, keyed})
			case keys[near].col == col:
				keys = keys[:near+1]
				keys[near].key, keys[near].keyed = key, keyed
			case !item && col == noDash:
				// A key of the item whose "- " is missing (below): two
				// spaces further in once it has it.
				repairs = repair(repairs, i, strings.Repeat(" ", keys[near].col)+strings.TrimLeft(line, " "))
			case !item && col == keys[near].col-2 && slices.Contains(items, col):
				// At the column of the list's "- ", two spaces short of
				// its items' keys: an item that lost its "- " (a trial:
				// each of its keys was said not to line up with the one
				// above, and to go two spaces further in, which made the
				// item one with the item above).
				found.Errorf(pos, "%s is at the column of the list's “- ”: a “- ” is missing before it", key).
					WithHint("begin the item with “- ”, as the items above, and indent its other keys by %d spaces: %s", keys[near].col, "- "+strings.TrimLeft(line, " "))
				repairs = repair(repairs, i, line[:col]+"- "+strings.TrimLeft(line, " "))
				noDash = col
				keys[near].key = key
			default:
				k := keys[near]
				found.Errorf(pos, "%s does not line up with %s, the key above it", key, k.key).
					WithHint("indent it by %d spaces, as %s", k.col, k.key)
				repairs = repair(repairs, i, strings.Repeat(" ", k.col)+strings.TrimLeft(line, " "))
			}
			if fullWidth {
				fixed := line
				if r, ok := repairs[i]; ok {
					fixed = r // lined up as the item or the key above
				}
				lead, key, _, rest := decode.CutKey(fixed)
				fixed = lead + key + ": " + strings.TrimSpace(rest)
				decode.FullWidthColon(found, pos, key, strings.TrimLeft(fixed, " "))
				repairs = repair(repairs, i, fixed)
				misread = true
			}
		}
		if line[0] != ' ' {
			items, keys = items[:0], keys[:0] // a new key
			_, topKey, _, _ = decode.CutKey(line)
		}
		switch line[0] {
		case ' ', '\t', '#', '-', '?', ':', '"', '\'', '&', '*', '<', '.', '!':
			continue // part of a value above; a comment; YAML's own syntax
		}
		_, key, sep, rest := decode.CutKey(line) // the line is not indented
		if sep == "" {
			if k, v, ok := strings.Cut(line, "："); ok && chineseKeys[strings.TrimSpace(k)] != "" {
				// "草稿：true": a key in Chinese, a colon in Chinese, read
				// as text, and a draft published.
				k = strings.TrimSpace(k)
				found.Errorf(pos, "unknown key %q", k).
					WithHint("write %s: — front matter keys are in English", chineseKeys[k])
				repairs = repair(repairs, i, chineseKeys[k]+": "+strings.TrimSpace(v))
				misread = true
				continue
			}
			if !loose && !strings.ContainsAny(line, ":：") {
				found.Errorf(pos, "the line is not “key: value”").
					WithHint("write one key and its value a line, such as title: 党建微课堂; if the story's text starts here, end the front matter above it with a line ---")
				loose = true
				guess(i, "") // left out; the text below it, if it is the story's, still fails
			}
			continue
		}
		value := strings.TrimSpace(rest)
		odd := decode.SpaceAfterColon(rest)
		if odd != 0 {
			value = decode.TrimAfterColon(rest)
		}
		text := slices.Contains(textKeys, key)
		// A text's value that starts with [ or { is put in quotes below,
		// as valueProblem says; a date's or draft's is YAML's to report:
		// closed, it would be a list all the same.
		listy := !slices.Contains(knownKeys, key) || key == "tags" || key == "authors" || key == "achievements"
		if c := unclosed(value); c != "" && (c == `"` || c == "'" || listy) {
			closer, opened, openKey, openItem, lastOpen = c, pos, key, -1, i
		}
		problem := ""
		if text {
			problem = valueProblem(value)
		}
		fixed := key + ": " + value
		switch commented := strings.HasPrefix(value, "#") || strings.Contains(value, " #"); {
		case problem != "":
			fixed = key + ": " + quoteYAML(value)
		case commented && (key == "branch" || key == "category"):
			fixed = key + ": " + nameWithoutHash(value) // a name, which has no "#"
		case commented && text:
			fixed = key + ": " + quoteYAML(value) // else the rest is a comment
		}
		before := found.Len()
		switch {
		case sep == "：":
			decode.FullWidthColon(found, pos, key, fixed)
			misread = true
		case odd != 0:
			// "branch:\u00a0麓谷…" (a trial): the space shows, but
			// is not one to YAML, and "no space" would puzzle.
			decode.OddSpaceAfterColon(found, pos, key, odd, fixed)
			misread = true
		case rest != "" && rest[0] != ' ' && rest[0] != '\t':
			found.Errorf(pos, "there is no space after the colon of %s", key).
				WithHint("write a space after the colon: %s", fixed)
			misread = true
		case problem == "" || problem == "open":
		case problem == "after quote":
			p := found.Errorf(pos, "the value of %s goes on after its closing quote", key)
			if cn, en, ok := chineseQuotes(value); ok {
				// The quotes were the title's own: Chinese ones first, as
				// the writer most likely meant (a trial).
				p.WithHint("use Chinese quotation marks: %s; or put the whole value in English quotes: %s", key+": "+cn, key+": "+en)
			} else {
				p.WithHint("put the whole value in quotes, or use Chinese quotation marks “”: %s", fixed)
			}
		case problem == "colon":
			found.Errorf(pos, "the value of %s holds “: ”, so it must be in quotes", key).
				WithHint("put the value in quotes, or write a Chinese colon “：”: %s", fixed)
		default:
			found.Errorf(pos, "the value of %s cannot start with %q unless it is in quotes", key, problem).
				WithHint("put the value in quotes: %s", fixed)
		}
		if found.Len() > before {
			repairs = repair(repairs, i, fixed)
		}
	}
	if closer != "" { // at the end of the front matter
		// YAML reports it where the front matter ends, lines below.
		closeOpen()
	}
	// YAML reported it at the next item, or the line above the list.
	dashless, dashed := decode.MissingFirstDash(found, file, open+1, lines)
	for k, i := range dashless {
		repairs = repair(repairs, i, dashed[k])
	}
	c := lineCheck{found: found, misread: misread}
	if found.Len() == 0 {
		return c
	}
	for _, i := range guesses {
		// The block of the line's top-level key: from the last line that
		// is not indented, to the next.
		lo, hi := i, i+1
		for lo > 0 && (lines[lo] == "" || lines[lo][0] == ' ' || lines[lo][0] == '\t') {
			lo--
		}
		for hi < len(lines) && (strings.TrimSpace(lines[hi]) == "" || lines[hi][0] == ' ' || lines[hi][0] == '\t') {
			hi++
		}
		if c.guessed == nil {
			c.guessed = map[int]bool{}
		}
		for j := lo; j < hi; j++ {
			c.guessed[open+1+j] = true
		}
		c.leftOut = c.leftOut || repairs[i] == ""
	}
	for i, l := range repairs {
		lines[i] = l
	}
	c.repaired = []byte(strings.Join(lines, "\n"))
	return c
}

// lineCheck is what checkLines finds.
type lineCheck struct {
	found   *diag.List
	misread bool // a line found may be read by YAML without complaint, and wrong
	// repaired, when a line was found, is the front matter with each line
	// found fixed: as its hint says where that fix is sure (a colon, a
	// space, quotes), and otherwise as a guess (a tab's depth, where a
	// quote left open ends, a line that is not "key: value" left out).
	repaired []byte
	// guessed holds the lines, numbered in the file, of each top-level
	// key whose block has a guess: what a second reading finds there may
	// come of a wrong guess.
	guessed map[int]bool
	// leftOut tells that a line is left out of repaired: it may be a
	// key's value, its key missing, and the key reported missing.
	leftOut bool
}

// columns returns where a line's text starts, and where its key or its
// text starts: after a list item's "- ".
func columns(line string) (indent, col int) {
	indent = len(line) - len(strings.TrimLeft(line, " "))
	col = indent
	if lead, _, sep, _ := decode.CutKey(line); sep != "" {
		col = len(lead)
	} else if t := line[indent:]; strings.HasPrefix(t, "- ") {
		col = len(line) - len(strings.TrimLeft(t[1:], " "))
	}
	return indent, col
}

// detab returns a line indented with tabs (and maybe spaces) indented with
// spaces instead, as deep as the lines around it suggest: below a line
// that opens a block (nested), two spaces deeper than where that line's key
// or text starts (col); a list item, as deep as the last list's items; a
// known key at the top; else as deep as the key or text above.
func detab(line string, nested bool, indent, col int, items []int) string {
	t := strings.TrimLeft(line, " \t")
	_, key, _, _ := decode.CutKey(t)
	depth := col
	switch {
	case nested:
		depth = col + 2
	case strings.HasPrefix(t, "- ") || t == "-":
		depth = indent
		if len(items) > 0 {
			depth = items[len(items)-1]
		}
	case slices.Contains(knownKeys, key):
		depth = 0
	}
	return strings.Repeat(" ", depth) + t
}

// nearest returns the index, of n, whose column col gives is nearest to
// at, the first of equals; -1 for none.
func nearest(n int, col func(int) int, at int) int {
	best := -1
	for j := range n {
		if best < 0 || abs(col(j)-at) < abs(col(best)-at) {
			best = j
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// opensBlock reports whether a line ends with what opens a block below it:
// a key's colon ("urls:"), or a text block's | or > ("note: |-").
func opensBlock(line string) bool {
	t := strings.TrimRight(line, " ")
	t = strings.TrimRight(t, "+-")
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, ": |") || strings.HasSuffix(t, ": >")
}

// opensText reports whether a line is a key whose value is a text block
// below it: "note: |", "note: >-".
func opensText(line string) bool {
	_, _, sep, rest := decode.CutKey(line)
	v := strings.TrimRight(strings.TrimSpace(rest), "+-0123456789")
	return sep == ":" && (v == "|" || v == ">")
}

// keyLevel is a mapping inside a list item, as checkLines follows it: the
// column its keys start at, and its last key.
type keyLevel struct {
	col   int
	key   string
	keyed bool // the key is surely one: written with an English colon, or reported for its full-width colon
}

// keyBelow reports whether the first line of lines that is not blank is a
// key with an English colon at the column col, not a list item's.
func keyBelow(lines []string, col int) bool {
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		lead, _, sep, _ := decode.CutKey(line)
		return sep == ":" && len(lead) == col && strings.TrimLeft(lead, " ") == ""
	}
	return false
}

// repair records in m, made when nil, that line i reads as fixed.
func repair(m map[int]string, i int, fixed string) map[int]string {
	if m == nil {
		m = map[int]string{}
	}
	m[i] = fixed
	return m
}

// leftOpen reports whether line, read inside a quoted value, or a [ ] or
// { } one, that an earlier line opened, shows that the value was left
// open: YAML reads such a value over lines, but one going on into a line
// "date: …" at its start is a writer's missing quote or bracket.
func leftOpen(line string) bool {
	if line == "" || line[0] == ' ' || line[0] == '\t' {
		return false
	}
	_, key, sep, _ := decode.CutKey(line)
	return sep != "" && slices.Contains(knownKeys, key)
}

// neverClosed reports at opened that the value of key, or of an item of
// key's list, which opens with a quote, a [ or a {, is never closed by
// closer, and returns its last line, line, with closer at its end: before
// its comment, if it has one, and for brackets without a comma left at
// the end. at is the number of that line when the value goes on past the
// line it opens on, 0 when it does not.
func neverClosed(found *diag.List, opened diag.Pos, key string, item bool, closer, line string, at int) string {
	if closer == `"` || closer == "'" {
		found.Errorf(opened, "the quote %s that opens the value of %s is never closed", closer, key).
			WithHint("end the value with the same quote, %s, or use Chinese quotation marks “”", closer)
		return strings.TrimRight(line, " \t") + closer
	}
	rest := line
	switch {
	case at != 0: // a line the value goes on to
	case item:
		_, rest, _ = strings.Cut(line, "-")
	default:
		_, _, _, rest = decode.CutKey(line)
	}
	_, body := flowOpen(rest)
	fixed := line[:len(line)-len(rest)] + strings.TrimRight(rest[:body], ",，、 \t") + closer
	if body < len(rest) {
		fixed += " " + rest[body:] // the comment
	}
	opener := map[byte]string{']': "[", '}': "{"}[closer[len(closer)-1]]
	var p *diag.Problem
	if item {
		p = found.Errorf(opened, "the %s that opens this item of %s has no %s to close it", opener, key, closer)
	} else {
		p = found.Errorf(opened, "the %s that opens the value of %s has no %s to close it", opener, key, closer)
	}
	if at != 0 {
		p.WithHint("end the value with %s at the end of line %d: %s", closer, at, strings.TrimLeft(fixed, " "))
	} else {
		p.WithHint("end the value with %s on its line: %s", closer, strings.TrimLeft(fixed, " "))
	}
	return fixed
}

// itemAt reports whether line starts an item of a list whose items are
// indented by indent spaces, or by a space or two more or less (a slip
// told of apart).
func itemAt(line string, indent int) bool {
	t := strings.TrimLeft(line, " ")
	return (strings.HasPrefix(t, "- ") || t == "-") && abs(len(line)-len(t)-indent) <= 2
}

// valueProblem tells why a one-line text value written without quotes is
// not read as the text it shows: "open" for a quote not closed on the line,
// "after quote" for text after a closing quote, "colon" for ": " in it,
// the character it must not start with, or "" when it is fine.
func valueProblem(v string) string {
	if v == "" {
		return ""
	}
	switch v[0] {
	case '"', '\'':
		end := closingQuote(v)
		if end < 0 {
			return "open"
		}
		if after := strings.TrimSpace(v[end+1:]); after != "" && after[0] != '#' {
			return "after quote"
		}
		return ""
	case '@', '`', '%', '[', '{':
		return v[:1]
	case '-':
		if v == "-" || strings.HasPrefix(v, "- ") {
			return "-"
		}
	}
	plain := v
	if i := strings.Index(plain, " #"); i >= 0 {
		plain = plain[:i] // a comment: see checkComment
	}
	if strings.Contains(plain, ": ") || strings.HasSuffix(plain, ":") {
		return "colon"
	}
	return ""
}

// unclosed returns the quote or bracket that closes a value going on to the
// next lines ("\"一句" or "[a,"), or "".
func unclosed(v string) string {
	if v == "" {
		return ""
	}
	switch v[0] {
	case '"', '\'':
		if closingQuote(v) < 0 {
			return v[:1]
		}
	case '[', '{':
		closers, _ := flowOpen(v)
		return closers
	}
	return ""
}

// flowOpen returns what closes the [ and { a flow value v leaves open,
// innermost first ("]", "]]", "}]"), and the length of v before its
// comment. It skips quoted text, where a bracket is text, and returns ""
// for a value that ends inside a quote or closes what it did not open:
// YAML says more of it than a guess would.
func flowOpen(v string) (closers string, body int) {
	var open []byte
	prev := byte(0) // the last byte that is not a space
	body = len(v)
scan:
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '[':
			open = append(open, ']')
		case c == '{':
			open = append(open, '}')
		case c == ']' || c == '}':
			if len(open) == 0 || open[len(open)-1] != c {
				return "", len(v) // "{a: [b}": no closing at the end mends it
			}
			open = open[:len(open)-1]
		case (c == '"' || c == '\'') && strings.IndexByte("[{,:", prev) >= 0 && prev != 0:
			// A quote where a value starts: "[a, 'b]'"; in a plain value,
			// "[it's]", it is text.
			end := closingQuote(v[i:])
			if end < 0 {
				return "", len(v)
			}
			i += end
		case c == '#' && i > 0 && (v[i-1] == ' ' || v[i-1] == '\t'):
			body = i
			break scan
		}
		if v[i] != ' ' && v[i] != '\t' {
			prev = v[i]
		}
	}
	b := make([]byte, len(open))
	for i, c := range open {
		b[len(open)-1-i] = c
	}
	return string(b), body
}

// closingQuote returns the index of the quote that closes the one v starts
// with, or -1: a double-quoted value escapes with a backslash, a
// single-quoted one doubles its quote.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// quoteYAML returns s as a YAML quoted text: in double quotes, or in single
// quotes when it holds a double quote or a backslash, or escaped.
func quoteYAML(s string) string {
	switch {
	case !strings.ContainsAny(s, "\"\\"):
		return `"` + s + `"`
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	}
	return strconv.Quote(s)
}

// chineseQuotes returns v with its pairs of English double quotes made
// Chinese ones, “”, and v in English quotes; false when they do not pair
// up. A value that starts and ends with one was most likely put in quotes
// whole, around a quoted phrase: "枫林社区"加装电梯"议事会" meant
// 枫林社区“加装电梯”议事会 (a trial: the outer pair was kept in the title).
func chineseQuotes(v string) (cn, en string, ok bool) {
	n := strings.Count(v, `"`)
	if n == 0 || n%2 != 0 {
		return "", "", false
	}
	if inner, ok := strings.CutPrefix(v, `"`); ok && n >= 4 && strings.HasSuffix(inner, `"`) {
		v = strings.TrimSuffix(inner, `"`)
	}
	var b strings.Builder
	open := true
	for _, r := range v {
		if r == '"' {
			r = '”'
			if open {
				r = '“'
			}
			open = !open
		}
		b.WriteRune(r)
	}
	return b.String(), quoteYAML(v), true
}

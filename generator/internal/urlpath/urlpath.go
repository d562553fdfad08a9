// Package urlpath makes and checks the paths of a site's pages.
//
// A page's path is slash-separated, starts and ends with "/" and is kept in
// UTF-8 ("/tags/退役军人/"): that is the name of the folder written to disk and
// of the object key in storage. [Escape] gives the percent-encoded form that
// goes into every href, feed link and sitemap location.
package urlpath

import (
	"net/url"
	"strings"
	"unicode"
)

// CheckSegment reports why s cannot be one segment of a path (a slug, a
// taxonomy term's slug), or "" when it can. A segment must not be empty, "."
// or "..", and must not hold a slash, a backslash, whitespace, control
// characters or any of ?#%"<>|*: — characters that either leave the output
// folder, split the URL, or are refused by Windows file systems — nor a
// character that shows nothing (Unicode's format characters, the zero-width
// space among them), which makes an address other than the one that shows.
func CheckSegment(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case s == "." || s == "..":
		return "it would leave its folder"
	}
	for _, r := range s {
		switch {
		case r == '/' || r == '\\':
			return "it holds a slash, which would leave its folder"
		case unicode.IsSpace(r):
			return "it holds a space"
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return "it holds a control character"
		case unicode.Is(unicode.Cf, r):
			// A zero-width space copied with a name: the address
			// would not be the one that shows.
			return "it holds a character that does not show, such as a zero-width space"
		case strings.ContainsRune(`?#%"<>|*:`, r):
			return "it holds a character that URLs or file systems refuse (one of ?#%\"<>|*:)"
		}
	}
	if strings.HasPrefix(s, ".") {
		// After the loop, so that "../x" is reported as leaving its folder.
		return "it starts with a dot, which makes a hidden file"
	}
	return ""
}

// CheckSlug reports why s, a slug a writer typed, cannot be one, or "" when
// it can: for CheckSegment's reasons, or for the punctuation a Chinese
// input method types (，。、：；！？（）【】《》“” and the like), which a
// slug typed in haste picks up ("veterans-aid，", a trial) and which made
// an address no one would type. Names made into slugs keep theirs.
func CheckSlug(s string) string {
	if why := CheckSegment(s); why != "" {
		return why
	}
	for _, r := range s {
		if unicode.IsPunct(r) && (r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r >= 0x2018 && r <= 0x201F) {
			return "it holds full-width punctuation, such as ， or 。, most likely typed with a Chinese input method"
		}
	}
	return ""
}

// Slugify turns a name into a path segment: spaces and the characters that
// CheckSegment refuses become "-", characters that show nothing are dropped,
// ASCII letters are lower-cased (so that "5G" and "5g" meet in one folder on
// case-insensitive disks), and other letters, Chinese included, are kept.
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(name) {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`/\?#%"<>|*:.`, r) {
			dash = true
			continue
		}
		if unicode.Is(unicode.Cf, r) {
			continue // shows nothing: the name reads as if it were not there
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		if r < unicode.MaxASCII {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Escape percent-encodes each segment of a slash-separated path, keeping the
// slashes: "/tags/退役军人/" becomes "/tags/%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA/".
func Escape(p string) string {
	if isPlain(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// isPlain reports whether p needs no escaping.
func isPlain(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/-_.~", c) >= 0) {
			return false
		}
	}
	return true
}

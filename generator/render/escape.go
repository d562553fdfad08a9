package render

import (
	"encoding/json"
	"strings"
)

// The escapers html/template puts into a page's actions, for the compiled
// executor (exec.go), each with the output of its html/template namesake
// for the values it takes: text, and for some HTML. A value of any other
// kind makes the executor hand the page to html/template
// (TestEscapers and FuzzEscapers compare each with html/template).
var escapers = map[string]func(s string, html bool) (string, bool){
	"_html_template_htmlescaper":   escapeHTML,
	"_html_template_attrescaper":   plainOnly(escapeText),
	"_html_template_rcdataescaper": plainOnly(escapeText),
	"_html_template_urlfilter":     filterURL,
	"_html_template_urlnormalizer": normalizeURL,
	"_html_template_urlescaper":    escapeURL,
	"_html_template_srcsetescaper": escapeSrcset,
	"_html_template_jsvalescaper":  jsString,
}

// failsafe replaces a URL that is not safe to show.
const failsafe = "#ZgotmplZ"

// plainOnly returns f for text; HTML it leaves to html/template, which
// strips its tags first.
func plainOnly(f func(string) string) func(string, bool) (string, bool) {
	return func(s string, html bool) (string, bool) {
		if html {
			return "", false
		}
		return f(s), true
	}
}

// escapeHTML escapes text in HTML's text; HTML stays as it is.
func escapeHTML(s string, html bool) (string, bool) {
	if html {
		return s, true
	}
	return escapeText(s), true
}

// escapeText replaces the characters that could end an attribute's value
// or start a tag, and NUL, with references.
func escapeText(s string) string {
	i := strings.IndexAny(s, "\x00\"&'+<>")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for ; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, i = s[i+1:], -1
	}
	b.WriteString(s)
	return b.String()
}

// safeURL reports whether a URL's scheme, if it has one, is http, https or
// mailto: no javascript:.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// filterURL replaces an unsafe URL with failsafe.
func filterURL(s string, _ bool) (string, bool) {
	if !safeURL(s) {
		return failsafe, true
	}
	return s, true
}

// normalizeURL percent-encodes the bytes a URL may not hold as they are,
// keeping its reserved characters and the escapes it has.
func normalizeURL(s string, _ bool) (string, bool) { return processURL(s, true), true }

// escapeURL percent-encodes a part of a URL: all but letters, digits and
// the unreserved characters.
func escapeURL(s string, _ bool) (string, bool) { return processURL(s, false), true }

func processURL(s string, norm bool) string {
	var b strings.Builder
	if !appendURL(&b, s, norm) {
		return s
	}
	return b.String()
}

// appendURL writes s into b percent-encoded, normalized or escaped, and
// reports whether that changed anything; when not, it writes nothing.
func appendURL(b *strings.Builder, s string, norm bool) bool {
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || norm && (reserved(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		const hex = "0123456789abcdef"
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		done = i + 1
	}
	if done == 0 {
		return false
	}
	b.WriteString(s[done:])
	return true
}

// unreserved reports whether c is a letter, a digit or one of RFC 3986's
// unreserved characters.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// reserved reports whether c is one of RFC 3986's reserved characters, but
// for the single quote and the parentheses, which could end an attribute
// or a CSS url().
func reserved(c byte) bool { return strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0 }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSpace reports whether c is ASCII whitespace as HTML has it.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// escapeSrcset filters and normalizes each URL of a srcset attribute; an
// element whose URL is unsafe, or whose descriptor holds more than letters,
// digits and spaces, becomes failsafe.
func escapeSrcset(s string, _ bool) (string, bool) {
	var b strings.Builder
	for {
		elem, rest, more := strings.Cut(s, ",")
		srcsetElement(&b, elem)
		if !more {
			return b.String(), true
		}
		b.WriteByte(',')
		s = rest
	}
}

func srcsetElement(b *strings.Builder, s string) {
	start := 0
	for start < len(s) && isSpace(s[start]) {
		start++
	}
	end := start
	for end < len(s) && !isSpace(s[end]) {
		end++
	}
	url := s[start:end]
	ok := safeURL(url)
	for i := end; ok && i < len(s); i++ {
		c := s[i]
		ok = isSpace(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	if !ok {
		b.WriteString(failsafe)
		return
	}
	b.WriteString(s[:start])
	if !appendURL(b, url, true) {
		b.WriteString(url)
	}
	b.WriteString(s[end:])
}

// jsString writes text or HTML as a JSON string, which is how a value
// shows in a script: ld+json's or JavaScript's.
func jsString(s string, _ bool) (string, bool) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", false
	}
	return string(b), true
}

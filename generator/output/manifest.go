package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"
)

// The manifest is JSON that encoding/json reads, written one file a line
// without it: encoding/json, by reflection, took 60 ms to write and as
// much to read the 13,500 lines of a 10,000-story site, on an update's
// path. Marshal writes the bytes json.Marshal would; ReadManifest reads
// the lines Marshal writes without it, and hands anything else (an
// escaped string, a hand edit) to encoding/json, so that both read the
// same manifest alike (FuzzManifest).

// Marshal returns the manifest as indented JSON, one file a line.
func (m *Manifest) Marshal() ([]byte, error) {
	size := 64 + len(m.Build)
	for _, e := range m.Files {
		size += len(`  {"path":"","size":,"hash":"","fp":""},`) + 21 + len(e.Path) + len(e.Hash) + len(e.FP)
	}
	b := make([]byte, 0, size) // room for it all, unless strings need escapes
	b = append(b, '{')
	if m.Build != "" {
		b = append(b, `"build": `...)
		b = appendString(b, m.Build)
		b = append(b, ",\n"...)
	}
	if m.Drafts {
		b = append(b, draftsLine...)
	}
	if m.Future {
		b = append(b, futureLine...)
	}
	b = append(b, "\"files\": [\n"...)
	for i, e := range m.Files {
		b = append(b, `  {"path":`...)
		b = appendString(b, e.Path)
		b = append(b, `,"size":`...)
		b = strconv.AppendInt(b, e.Size, 10)
		b = append(b, `,"hash":`...)
		b = appendString(b, e.Hash)
		if e.FP != "" {
			b = append(b, `,"fp":`...)
			b = appendString(b, e.FP)
		}
		b = append(b, '}')
		if i < len(m.Files)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	return append(b, "]}\n"...), nil
}

// The lines of a manifest that marks a build for review.
const (
	draftsLine = "\"drafts\": true,\n"
	futureLine = "\"future\": true,\n"
)

// plain reports whether json.Marshal writes s between quotes as it is: no
// byte it escapes (controls, quotes, backslashes, and <, > and & for
// HTML), valid UTF-8, and neither U+2028 nor U+2029.
func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += n
	}
	return true
}

// appendString appends s as json.Marshal writes it.
func appendString(b []byte, s string) []byte {
	if plain(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// ReadManifest reads the manifest of an output folder.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	if m, ok := parseManifest(data); ok {
		return m, nil
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// parseManifest reads the manifest data as Marshal writes it, its strings
// plain, and returns false for anything else.
func parseManifest(data []byte) (*Manifest, bool) {
	p := manifestParser{data: data, ok: true}
	m := &Manifest{}
	p.lit("{")
	if p.peek(`"build"`) {
		p.lit(`"build": `)
		m.Build = p.str()
		p.lit(",\n")
	}
	if p.peek(draftsLine) {
		p.lit(draftsLine)
		m.Drafts = true
	}
	if p.peek(futureLine) {
		p.lit(futureLine)
		m.Future = true
	}
	p.lit("\"files\": [\n")
	m.Files = make([]Entry, 0, bytes.Count(data, []byte("\n")))
	for more := !p.peek("]"); p.ok && more; {
		var e Entry
		p.lit(`  {"path":`)
		e.Path = p.str()
		p.lit(`,"size":`)
		e.Size = p.int()
		p.lit(`,"hash":`)
		e.Hash = p.str()
		if p.peek(`,"fp":`) {
			p.lit(`,"fp":`)
			e.FP = p.str()
		}
		p.lit("}")
		m.Files = append(m.Files, e)
		if more = p.peek(",\n"); more {
			p.lit(",\n")
		} else {
			p.lit("\n")
		}
	}
	p.lit("]}\n")
	if !p.ok || p.i != len(data) {
		return nil, false
	}
	return m, true
}

// manifestParser reads data from i on; ok turns false at the first byte
// that is not as Marshal writes it.
type manifestParser struct {
	data []byte
	i    int
	ok   bool
}

func (p *manifestParser) peek(s string) bool {
	return p.ok && bytes.HasPrefix(p.data[p.i:], []byte(s))
}

func (p *manifestParser) lit(s string) {
	if !p.peek(s) {
		p.ok = false
		return
	}
	p.i += len(s)
}

// str reads a quoted plain string.
func (p *manifestParser) str() string {
	if !p.peek(`"`) {
		p.ok = false
		return ""
	}
	end := bytes.IndexByte(p.data[p.i+1:], '"')
	if end < 0 {
		p.ok = false
		return ""
	}
	s := string(p.data[p.i+1 : p.i+1+end])
	if !plain(s) {
		p.ok = false
		return ""
	}
	p.i += end + 2
	return s
}

// int reads a decimal number without sign, as Marshal writes sizes.
func (p *manifestParser) int() int64 {
	j := p.i
	for j < len(p.data) && p.data[j] >= '0' && p.data[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(string(p.data[p.i:j]), 10, 64)
	if !p.ok || err != nil || j-p.i > 1 && p.data[p.i] == '0' {
		p.ok = false
		return 0
	}
	p.i = j
	return n
}

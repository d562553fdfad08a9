package config

import (
	"regexp"
	"strconv"

	"herald/generator/internal/decode"

	"go.yaml.in/yaml/v3"
)

// Publish configures herald publish:
//
//	publish:
//	  target: s3://bucket?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou
//	  gzip: false            # compress text files at upload, with Content-Encoding: gzip
//	  maxDeletes: 256        # refuse to delete more than this many objects in one run
//	  rules:                 # the first rule whose pattern matches a file's path sets its headers
//	    - pattern: ^images/
//	      cacheControl: public, max-age=604800
//	    - pattern: \.pdf$
//	      contentType: application/pdf
//	      gzip: false
type Publish struct {
	Target     string // a gocloud.dev/blob URL; the --target flag overrides it
	Gzip       bool
	MaxDeletes int // -1 when not set
	Rules      []Rule
}

// Rule sets the headers of the files whose path matches Pattern.
type Rule struct {
	Pattern      *regexp.Regexp
	CacheControl string // "" keeps herald's default
	ContentType  string // "" keeps herald's default
	Gzip         *bool  // nil keeps the site's gzip setting
	Line         int    // in site.yaml
}

func (c *Config) parsePublish(d *decode.Decoder, v *yaml.Node) {
	c.Publish.MaxDeletes = -1
	for _, f := range d.Fields(v, "publish") {
		switch f.Key {
		case "target":
			c.Publish.Target, _ = d.String(f.Value, "publish.target")
		case "gzip":
			c.Publish.Gzip, _ = d.Bool(f.Value, "publish.gzip")
		case "maxDeletes":
			if n, ok := d.Int(f.Value, "publish.maxDeletes"); ok {
				if n < 0 {
					d.Errorf(f.Value, "publish.maxDeletes: %d is negative", n).WithHint("write 0 to refuse every delete, or a number such as 256")
				} else {
					c.Publish.MaxDeletes = n
				}
			}
		case "rules":
			c.parseRules(d, f.Value)
		default:
			unknownKey(d, f, "publish.", []string{"target", "gzip", "maxDeletes", "rules"})
		}
	}
}

func (c *Config) parseRules(d *decode.Decoder, v *yaml.Node) {
	for i, item := range items(d, v, "publish.rules") {
		what := "publish.rules[" + strconv.Itoa(i+1) + "]"
		r := Rule{Line: item.Line + d.Line}
		var hasPattern bool
		for _, f := range d.Fields(item, what) {
			switch f.Key {
			case "pattern":
				s, ok := d.String(f.Value, what+".pattern")
				if !ok {
					continue
				}
				hasPattern = true
				re, err := regexp.Compile(s)
				if err != nil {
					d.Errorf(f.Value, "%s.pattern: %q is not a regular expression: %v", what, s, err).
						WithHint("a pattern is a Go regular expression matched against a file's path, such as ^images/ or \\.css$")
					continue
				}
				r.Pattern = re
			case "cacheControl":
				r.CacheControl, _ = d.String(f.Value, what+".cacheControl")
			case "contentType":
				r.ContentType, _ = d.String(f.Value, what+".contentType")
			case "gzip":
				if b, ok := d.Bool(f.Value, what+".gzip"); ok {
					r.Gzip = &b
				}
			default:
				unknownKey(d, f, what+".", []string{"pattern", "cacheControl", "contentType", "gzip"})
			}
		}
		if !hasPattern {
			d.Errorf(item, "%s: pattern is missing", what).WithHint("write pattern: followed by a regular expression, such as ^images/")
			continue
		}
		if r.Pattern != nil {
			c.Publish.Rules = append(c.Publish.Rules, r)
		}
	}
}

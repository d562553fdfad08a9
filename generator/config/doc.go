// Package config reads a site's configuration, site.yaml, into a typed
// [Config].
//
// # site.yaml
//
//	title: 高新区党建动态              # required
//	description: 区直机关和基层党组织的新闻与成绩
//	baseURL: https://example.org/news/ # required; absolute http(s) URL; pages live under its path
//	language: zh-CN                    # BCP 47 tag; default zh-CN
//	timezone: Asia/Shanghai            # IANA name; dates without a zone are in it; default Asia/Shanghai
//	paginate: 20                       # stories per list page; default 20
//	copyright: 高新区党工委            # optional, shown in the footer and feeds
//	feeds:
//	  limit: 20                        # items per feed; default 20
//	  fullContent: true                # the whole story in feeds (default), or false for the summary
//	markdown:
//	  unsafe: false                    # true lets raw HTML in stories through; default false: escaped
//	tags:                              # optional: a tag's slug in its URL; default the tag itself
//	  退役军人: veterans
//	categories:                        # the registry of categories; a story names one
//	  - name: 为民办实事               # required, unique
//	    slug: practical-deeds          # its URL segment; default the name
//	    description: 党员干部……
//	    aliases: [办实事]              # former names, which stories may still give
//	branches:                          # the registry of branches; a story names one
//	  - name: 机关第八支部（社会事业局）
//	    slug: organ-08-social-affairs
//	    parent: 区直机关党委           # the organisation it belongs to: a name, slug or former name
//	    description: ……
//	    aliases: [机关第八支部（社会局）]
//	params:                            # anything else, for templates, as .Site.Config.Params
//	  wechat: gaoxinqu
//	strings:                           # replace single strings of the theme (see render's ui.go for the keys)
//	  latest: 要闻
//	  reading_time: 约 %d 分钟读完     # with the same %-verbs as the string it replaces
//
// The file written by the benchmark corpus generator is valid as it is.
//
// # Errors
//
// [Parse] reports every problem it finds at "site.yaml:line": a line
// indented with a tab and a full-width colon after a key ("  - name：…"),
// each at its own line and in place of YAML's report, YAML syntax,
// a value of the wrong type, a missing required key, an unknown key (with the
// nearest known one as a hint, so that "paginat" suggests "paginate"), a
// duplicate category or branch name or slug, a slug that is not a single path
// segment, an unknown time zone, a base URL that holds a space, a user name
// or password, an empty part of its path (https://example.org//), whose
// host is not an ASCII host name or an IP address (a full-width "。" typed
// with a Chinese input method; 999.1.1.1, whose last part is a number), or
// that ends in a file name such as index.html, a former name (aliases) that
// is another's name, slug or former name, its own, or listed twice, and a
// branch that is its own parent or whose parents go round in a circle.
//
// A former name finds its category or branch as its name does: an
// organisation renamed keeps the stories written under its old name,
// which show its name now.
//
// A category or branch refused for its name or slug gets no page, but its
// name, and its slug when no other entry has it, still find it: a story
// that names it is left out without a problem of its own, since the one
// problem is in site.yaml.
package config

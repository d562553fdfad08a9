package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"herald/generator/feed"
	"herald/generator/site"
)

// newest returns the first stories of a list, as many as a feed holds.
func (r *Renderer) newest(stories []*site.Story) []*site.Story {
	return stories[:min(len(stories), r.cfg.Feeds.Limit)]
}

// content returns what a feed carries of a story: its HTML, with absolute
// URLs (see absolute), or nothing.
func (r *Renderer) content(st *site.Story) (string, error) {
	if !r.cfg.Feeds.FullContent {
		return "", nil
	}
	h, err := st.Body()
	return absolute(h, r.cfg.BaseURL.Scheme+"://"+r.cfg.BaseURL.Host), err
}

// absolute returns the HTML h with the site paths of its links and images
// (href="/…", src="/…" and each address in srcset="/… 480w, /… 960w", as
// the Markdown renders them) made URLs at origin: a feed reader has no
// page to resolve them against (a trial: the images and links of feeds
// pointed nowhere). Addresses of other sites, and those that start with
// "//", are left as they are.
func absolute(h, origin string) string {
	var b strings.Builder
	for {
		i := strings.Index(h, `="/`)
		if i < 0 {
			break
		}
		at := i + len(`="`)
		b.WriteString(h[:at])
		attr := h[max(0, i-7):i]
		switch {
		case strings.HasSuffix(attr, " srcset"):
			end := strings.IndexByte(h[at:], '"')
			if end < 0 {
				end = len(h) - at
			}
			for j, c := range strings.Split(h[at:at+end], ", ") {
				if j > 0 {
					b.WriteString(", ")
				}
				if strings.HasPrefix(c, "/") && !strings.HasPrefix(c, "//") {
					b.WriteString(origin)
				}
				b.WriteString(c)
			}
			at += end
		case (strings.HasSuffix(attr, " href") || strings.HasSuffix(attr, " src")) && !strings.HasPrefix(h[at:], "//"):
			b.WriteString(origin)
		}
		h = h[at:]
	}
	if b.Len() == 0 {
		return h
	}
	b.WriteString(h)
	return b.String()
}

// categories returns a story's category, branch and tags, for feeds.
func categories(st *site.Story) []string {
	out := make([]string, 0, 2+len(st.Tags))
	if st.Category != nil {
		out = append(out, st.Category.Name)
	}
	if st.Branch != nil {
		out = append(out, st.Branch.Name)
	}
	for _, t := range st.Tags {
		out = append(out, t.Name)
	}
	return out
}

// feeds returns the RSS job of the list at p.
func (r *Renderer) feeds(stories []*site.Story, p, title, description string) []*Job {
	self := p + "index.xml"
	h := newHasher()
	h.str(p, title, description)
	return []*Job{{Path: file(self), Stories: r.newest(stories), key: h.sum(), run: func(b *bytes.Buffer) error {
		ch := feed.Channel{
			Title:       title,
			Link:        r.AbsURL(p),
			Description: description,
			Language:    r.cfg.Language,
			Copyright:   r.cfg.Copyright,
			Generator:   "herald",
			Self:        feed.AtomLink{Href: r.AbsURL(self), Rel: "self", Type: "application/rss+xml"},
		}
		items := r.newest(stories)
		if len(items) > 0 {
			ch.LastBuildDate = feed.RSSDate(items[0].Date)
		}
		for _, st := range items {
			link := r.AbsURL(st.Path)
			content, err := r.content(st)
			if err != nil {
				return err
			}
			ch.Items = append(ch.Items, feed.Item{
				Title:       st.Title,
				Link:        link,
				GUID:        feed.GUID{IsPermaLink: true, Value: link},
				PubDate:     feed.RSSDate(st.Date),
				Description: st.Summary,
				Content:     content,
				Creators:    st.Authors,
				Categories:  categories(st),
			})
		}
		feed.NewRSS(ch).Encode(b)
		return nil
	}}}
}

// jsonFeed returns the job of the home page's JSON Feed.
func (r *Renderer) jsonFeed() *Job {
	return &Job{Path: "feed.json", Stories: r.newest(r.site.Stories), run: func(b *bytes.Buffer) error {
		j := &feed.JSON{
			Version:     feed.JSONVersion,
			Title:       r.cfg.Title,
			HomePageURL: r.AbsURL("/"),
			FeedURL:     r.AbsURL("/feed.json"),
			Description: r.cfg.Description,
			Language:    r.cfg.Language,
			Items:       []feed.JSONItem{},
		}
		for _, st := range r.newest(r.site.Stories) {
			content, err := r.content(st)
			if err != nil {
				return err
			}
			item := feed.JSONItem{
				ID:            r.AbsURL(st.Path),
				URL:           r.AbsURL(st.Path),
				Title:         st.Title,
				ContentHTML:   content,
				Summary:       st.Summary,
				DatePublished: st.Date.Format(time.RFC3339),
				Tags:          categories(st),
			}
			if st.Cover != "" {
				item.Image = r.AbsURL(st.Cover)
			}
			if item.ContentHTML == "" {
				item.ContentHTML = "<p>" + xmlEscape(st.Summary) + "</p>"
			}
			for _, a := range st.Authors {
				item.Authors = append(item.Authors, feed.JSONAuthor{Name: a})
			}
			j.Items = append(j.Items, item)
		}
		data, err := j.Marshal()
		if err != nil {
			return err
		}
		b.Write(data)
		return nil
	}}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// sitemap returns the job of sitemap.xml: every story and page, the home
// page, the indexes, the first page of each term and the archives, with the
// date of their newest story.
func (r *Renderer) sitemap() *Job {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	h := newHasher()
	for _, st := range r.site.Pages {
		h.str(st.Path)
		h.time(st.Date)
	}
	for _, ts := range [][]*site.Term{r.site.Categories, r.site.Branches, r.site.Tags} {
		for _, t := range ts {
			h.u64(r.termSum(t))
			// The date of its page, its newest story's: two stories
			// that trade a tag change no count (a review).
			if len(t.Stories) > 0 {
				h.time(t.Stories[0].Date)
			}
		}
	}
	// The sitemap shows each story's address and date, not its text: it
	// depends on those alone, so that editing a story's body leaves it be.
	for _, st := range r.site.Stories {
		h.str(st.Path)
		h.time(st.Date)
	}
	for _, f := range r.site.Figures {
		h.str(f.Path)
		h.time(newestOf(f).Date)
	}
	return &Job{Path: "sitemap.xml", Mentions: r.site.Stories, key: h.sum(), run: func(b *bytes.Buffer) error {
		s := r.site
		set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
		add := func(p string, stories ...*site.Story) {
			u := url{Loc: r.AbsURL(p)}
			if len(stories) > 0 && !stories[0].Date.IsZero() {
				u.LastMod = stories[0].Date.Format(time.RFC3339)
			}
			set.URLs = append(set.URLs, u)
		}
		add("/", s.Stories...)
		for _, st := range s.Stories {
			add(st.Path, st)
		}
		for _, st := range s.Pages {
			add(st.Path, st)
		}
		for _, idx := range []struct {
			p     string
			terms []*site.Term
		}{{"/categories/", s.Categories}, {"/branches/", s.Branches}, {"/tags/", s.Tags}} {
			add(idx.p, s.Stories...)
			for _, t := range idx.terms {
				add(t.Path, t.Stories...)
			}
		}
		add("/archives/", s.Stories...)
		for _, y := range s.Years {
			add(y.Path, y.Months[0].Stories...)
			for _, m := range y.Months {
				add(m.Path, m.Stories...)
			}
		}
		// A trial: the achievements pages, in every page's menu, were
		// missing.
		if len(s.Figures) > 0 {
			newest := newestOf(s.Figures[0])
			for _, f := range s.Figures[1:] {
				if n := newestOf(f); n.Date.After(newest.Date) {
					newest = n
				}
			}
			add("/achievements/", newest)
			for _, f := range s.Figures {
				add(f.Path, newestOf(f))
			}
		}
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(b)
		enc.Indent("", "  ")
		if err := enc.Encode(set); err != nil {
			return err
		}
		b.WriteByte('\n')
		return nil
	}}
}

// newestOf returns the newest story that reports the figure f.
func newestOf(f *site.Figure) *site.Story {
	var newest *site.Story
	for _, t := range f.Units {
		if st := t.Years[0].Stories[0]; newest == nil || st.Date.After(newest.Date) {
			newest = st
		}
	}
	return newest
}

// robots returns the job of robots.txt, which names the sitemap.
func (r *Renderer) robots() *Job {
	return &Job{Path: "robots.txt", run: func(b *bytes.Buffer) error {
		b.WriteString("User-agent: *\nDisallow:\n\nSitemap: " + r.AbsURL("/sitemap.xml") + "\n")
		return nil
	}}
}

package feed

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/mmcdole/gofeed"
)

// viaXML writes r as encoding/xml does, which Encode must match.
func viaXML(t testing.TB, r *RSS) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// rss returns a document whose every string is s, with n items, the
// optional fields empty when empty is set.
func rss(s string, n int, empty bool) *RSS {
	opt := s
	if empty {
		opt = ""
	}
	ch := Channel{Title: s, Link: s, Description: s, Language: opt, Copyright: opt, Generator: opt, LastBuildDate: opt,
		Self: AtomLink{Href: s, Rel: s, Type: s}}
	for i := range n {
		it := Item{Title: s, Link: s, GUID: GUID{IsPermaLink: i%2 == 0, Value: s}, PubDate: s, Description: s, Content: opt}
		if !empty {
			it.Creators = []string{s, s + "二"}
			it.Categories = []string{s}
		}
		ch.Items = append(ch.Items, it)
	}
	return NewRSS(ch)
}

func TestEncode(t *testing.T) {
	for _, tc := range []struct {
		name  string
		doc   *RSS
		items int // as a feed reader reads the document
	}{
		{"no items", rss("高新区党建动态", 0, false), 0},
		{"empty strings", rss("", 2, true), 2},
		{"a story", NewRSS(Channel{
			Title: "高新区党建动态", Link: "https://example.org/", Language: "zh-CN", Generator: "herald",
			LastBuildDate: "Tue, 30 Jun 2026 19:50:00 +0800",
			Self:          AtomLink{Href: "https://example.org/index.xml", Rel: "self", Type: "application/rss+xml"},
			Items: []Item{{
				Title: "银杉社区全力打造“亮身份、践承诺”活动", Link: "https://example.org/stories/2026/06/a/",
				GUID:    GUID{IsPermaLink: true, Value: "https://example.org/stories/2026/06/a/"},
				PubDate: "Tue, 30 Jun 2026 19:50:00 +0800", Description: "“孩子放学有人管了。”",
				Content:  "<p>今年以来 &amp; <img src=\"/a.jpg\" alt='图'></p>\n<p>二</p>\n",
				Creators: []string{"胡国栋", "周海波"}, Categories: []string{"为民办实事", "R&D"},
			}},
		}), 1},
		{"markup and white space", rss("a<b>&\"c\"'d'\te\nf\rg", 1, false), 1},
		{"characters XML does not allow", rss("\x00\x01\x1f\x7f\ufffe\uffff\U0010ffff\ud7ff\ue000", 1, false), -1},
		{"invalid UTF-8", rss("a\xffb\xc3(c\xe4\xb8", 1, false), -1},
		{"U+FFFD itself", rss("\ufffd", 1, false), 1},
		{"three-byte edges", rss("\u1000\ucfff\ud000\ud7ff\ue000\uff0c\ufffd\xef\xbf\xbe\xed\xa0\x80\xe0\x80\x80\xe1\x80", 1, false), -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			tc.doc.Encode(&b)
			if want := viaXML(t, tc.doc); !bytes.Equal(b.Bytes(), want) {
				t.Errorf("Encode wrote\n%s\nencoding/xml writes\n%s", b.Bytes(), want)
			}
			if tc.items < 0 {
				return // U+FFFD stands for what no reader could take
			}
			f, err := gofeed.NewParser().ParseString(b.String())
			if err != nil {
				t.Fatalf("a feed reader cannot read it: %v", err)
			}
			if len(f.Items) != tc.items || f.Title != tc.doc.Channel.Title {
				t.Errorf("a feed reader read %d items titled %q, want %d titled %q", len(f.Items), f.Title, tc.items, tc.doc.Channel.Title)
			}
		})
	}
}

// FuzzEncode: Encode writes what encoding/xml writes, whatever the
// strings.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "高新区", "<p>a &amp; b</p>\n", "\x00\xff\ufffe\t\r'\"",
		"\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd\xed\xa0\x80\xe0\x80\x80\xe1\x80\xef\xbc\x8c"} {
		f.Add(s, 1, false)
	}
	f.Fuzz(func(t *testing.T, s string, n int, empty bool) {
		doc := rss(s, n&3, empty)
		var b bytes.Buffer
		doc.Encode(&b)
		if want := viaXML(t, doc); !bytes.Equal(b.Bytes(), want) {
			t.Errorf("Encode wrote\n%q\nencoding/xml writes\n%q", b.Bytes(), want)
		}
	})
}

// BenchmarkEncode writes a feed of twenty stories of 5 kB of HTML each,
// the size of a 10,000-story site's feeds; viaXML is encoding/xml.
func BenchmarkEncode(b *testing.B) {
	body := bytes.Repeat([]byte("<p>“孩子放学有人管了，我们上班也安心了。”今年以来，党员志愿者在推进会上说。</p>\n"), 40)
	doc := rss("高新区党建动态", 20, false)
	for i := range doc.Channel.Items {
		doc.Channel.Items[i].Content = string(body)
	}
	b.Run("Encode", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			doc.Encode(&buf)
		}
		b.SetBytes(int64(buf.Len()))
	})
	b.Run("encoding-xml", func(b *testing.B) {
		for b.Loop() {
			b.SetBytes(int64(len(viaXML(b, doc))))
		}
	})
}

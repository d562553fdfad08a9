package site_test

import (
	"errors"
	"testing"

	"herald/generator/markdown"
	"herald/generator/site"
)

// TestBody checks a story's body through SetBody, Body and ReleaseBody: it
// is converted again, once, when asked for after it was let go or never
// held, and held when it cannot be converted again.
func TestBody(t *testing.T) {
	const html = "<p>支部党员逐户走访。</p>\n"
	for _, tc := range []struct {
		name    string
		held    bool // the result has its HTML
		load    bool // SetBody gets a function to convert it again
		release bool
		loads   int // conversions wanted, over two calls of Body
		fails   bool
	}{
		{name: "held", held: true, load: true},
		{name: "held, with nothing to convert it again", held: true},
		{name: "held, then let go", held: true, load: true, release: true, loads: 1},
		{name: "held, with nothing to convert it again, then let go", held: true, release: true},
		{name: "not held", load: true, loads: 1},
		{name: "not held, and the file changed", load: true, loads: 1, fails: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st site.Story
			res := &markdown.Result{Hash: 7, Text: "支部党员逐户走访。"}
			if tc.held {
				res.HTML = html
			} else {
				res.NoHTML = true
			}
			loads := 0
			var load func() (string, error)
			if tc.load {
				load = func() (string, error) {
					loads++
					if tc.fails {
						return "", errors.New("the file changed during the build")
					}
					return html, nil
				}
			}
			st.SetBody(res, load)
			if tc.release {
				st.ReleaseBody()
			}
			for range 2 {
				got, err := st.Body()
				if tc.fails {
					if err == nil {
						t.Error("no error")
					}
					continue
				}
				if err != nil || got != html {
					t.Errorf("Body() = %q, %v; want %q", got, err, html)
				}
			}
			if loads != tc.loads {
				t.Errorf("converted %d times, want %d", loads, tc.loads)
			}
			if text, err := st.Text(); st.BodyHash != 7 || text != res.Text || err != nil {
				t.Errorf("hash %d, text %q, %v: not the result's", st.BodyHash, text, err)
			}
		})
	}
}

// TestText checks a story's plain text through SetBody, SetTextLoader,
// Text and ReleaseText: loaded once when asked for, again after it was let
// go, and "" after it was let go when nothing can load it.
func TestText(t *testing.T) {
	const text = "支部党员逐户走访。"
	for _, tc := range []struct {
		name    string
		loader  bool // the text comes from SetTextLoader, not the result
		release bool
		loads   int // loads wanted, over two calls of Text
		want    string
		fails   bool
	}{
		{name: "held", want: text},
		{name: "held, then let go", release: true},
		{name: "loaded", loader: true, loads: 1, want: text},
		{name: "loaded, then let go", loader: true, release: true, loads: 1, want: text},
		{name: "loaded, and the file changed", loader: true, loads: 2, fails: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st site.Story
			res := &markdown.Result{Text: text}
			if tc.loader {
				res.Text = ""
			}
			st.SetBody(res, nil)
			loads := 0
			if tc.loader {
				st.SetTextLoader(func() (string, error) {
					loads++
					if tc.fails {
						return "", errors.New("the file changed during the build")
					}
					return text, nil
				})
			}
			if tc.release {
				st.ReleaseText()
			}
			for range 2 {
				got, err := st.Text()
				if (err != nil) != tc.fails || got != tc.want {
					t.Errorf("Text() = %q, %v; want %q (error: %v)", got, err, tc.want, tc.fails)
				}
			}
			if loads != tc.loads {
				t.Errorf("loaded %d times, want %d", loads, tc.loads)
			}
		})
	}
}

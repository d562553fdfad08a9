package serve

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"herald/generator/diag"
	"herald/generator/internal/testsite"
)

// Issue D7: the preview showed a truncated cover as a broken image, with a
// srcset of smaller copies never made, and said nothing.
func TestServeBrokenCover(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 1200, 800)), nil); err != nil {
		t.Fatal(err)
	}
	site := testsite.Write(t, fixture)
	site.WriteFile(t, "content/stories/b/index.md", []byte("---\ntitle: 乙\ndate: 2024-01-03\nbranch: 荷花塘社区党委\ncategory: 基层治理\ncover: trunc.jpg\n---\n正文。\n"))
	site.WriteFile(t, "content/stories/b/trunc.jpg", b.Bytes()[:b.Len()-10])
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	run(t, ln, Options{Source: site.Dir, Theme: testsite.Theme(t), Catalog: diag.Chinese, Log: io.Discard}, nil)
	var code int
	var body string
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if code, body = get(t, "http://"+ln.Addr().String()+"/news/"); code != 0 {
			break
		}
	}
	if code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503:\n%s", code, body)
	}
	if want := "content/stories/b/index.md:6: 封面图 &#34;trunc.jpg&#34; 不是能读取的 JPEG 或 PNG 图片（文件不完整，缺了后面一段）"; !strings.Contains(body, want) {
		t.Errorf("the error page lacks %s:\n%s", want, body)
	}
}

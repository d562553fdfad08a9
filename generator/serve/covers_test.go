package serve

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"

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
	body := errorPage(t, site)
	if want := "content/stories/b/index.md:6: 封面图 &#34;trunc.jpg&#34; 不是能读取的 JPEG 或 PNG 图片（文件不完整，缺了后面一段）"; !strings.Contains(body, want) {
		t.Errorf("the error page lacks %s:\n%s", want, body)
	}
}

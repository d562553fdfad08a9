package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"herald/generator/internal/testroot"
)

// sameAsYAML checks that quickYAML, when it reads data, reads it as
// yaml.Unmarshal does, node for node, lines and columns included. It
// reports whether quickYAML read it.
func sameAsYAML(t *testing.T, data string) bool {
	t.Helper()
	got, ok := quickYAML([]byte(data))
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(data), &want); err != nil {
		t.Fatalf("quickYAML read %q, which YAML cannot: %v", data, err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("quickYAML(%q):\n%s\nyaml.Unmarshal:\n%s", data, dumpNode(got), dumpNode(&want))
	}
	return true
}

func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%s%d %q %q style=%d at %d:%d comments=%q,%q,%q\n", strings.Repeat("  ", depth),
			n.Kind, n.Tag, n.Value, n.Style, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func TestQuickYAML(t *testing.T) {
	for _, c := range []struct {
		data  string
		quick bool // quickYAML reads it; otherwise YAML must
	}{
		{"title: 注重机关人才培养 以赛促学强本领\ndate: 2019-03-25T11:18:00+08:00\nbranch: 机关第四支部（经济发展局）\ncategory: 人才培养\ntags: [基层治理, 结对共建, 党建引领]\nauthors: [宋佳怡, 张志强]\nsummary: 为进一步激发基层党组织活力，有效激发了党员干部干事创业热情。\n", true},
		{"title: x\ndraft: true\n", true},
		{"\n\ntitle: x\n\ndate: 2024-05-01\n", true},
		{"title: x", true},                                      // no final newline
		{"count: 120\nratio: 4.8\nnone: null\nyes: no\n", true}, // YAML's types, as YAML resolves them
		{"tags: []\nauthors: [ ]\n", true},
		{"tags: [  a ,b  ,  c d  ]\n", true},
		{"tags: [党建, 👍 点赞, 乙]\n", true},
		{"title: 他说\"好\"，也说'对'\n", true},
		{"title: a:b, c [d] {e}\n", true},
		{"cover: https://example.org/a.jpg\n", true},
		{"title: 😀\n", true},
		{"Title-2_x: y\n", true},
		{"title: a\ntitle: b\n", true}, // YAML's node keeps both; the decoder reports it
		{"tags:\n  - a\n  - b c\n\ntitle: x\n", true},
		{"tags:\n- a\n- b\n", true},
		{"title: \"支部书记说: 好 #1\"\nslug: 'a: b'\ntags: [\"a\", 'b', \"\"]\nachievements:\n  - {label: 参选率, value: 98.7, unit: \"%\"}\n", false}, // "#" in quotes
		{"title: \"支部书记说: 好\"\nslug: 'a: b'\ntags: [\"a\", 'b', \"\"]\nachievements:\n  - {label: 参选率, value: 98.7, unit: \"%\"}\n  - \"1\"\n", true},
		{"achievements:\n  - {label: 新建联合党支部, value: 12, unit: 个}\n  - {label:   覆盖 小微企业 ,value: 4.8万,unit: 家}\n  - {}\ntitle: x\n", true},

		{"", false},
		{"\n", false},
		{"title:\n", false},             // empty: null, or a block below
		{"title: \n", false},            // a space, then nothing
		{"title:  x\n", false},          // two spaces
		{"title: x \n", false},          // trailing space
		{"title:x\n", false},            // no space
		{"title：x\n", false},            // a full-width colon
		{"title: a: b\n", false},        // ": " in a value
		{"title: a:\n", false},          // ends with a colon
		{"title: x # note\n", false},    // a comment
		{"title: #x\n", false},          //
		{"title: \"a\"b\"\n", false},    // a quote in quotes
		{"title: 'a'b'\n", false},       //
		{"title: \"a\\nb\"\n", false},   // an escape
		{"title: \"a\n", false},         // not closed
		{"title: \"a\" b\n", false},     //
		{"title: \"\n", false},          //
		{"tags: [\"a, b\"]\n", false},   //
		{"a:\n  - {\"k\": 1}\n", false}, // a key in quotes
		{"title: - x\n", false},         // a sign that starts other syntax
		{"title: -1\n", false},          //
		{"title: &a x\n", false},        //
		{"title: *a\n", false},          //
		{"title: !!str 1\n", false},     //
		{"title: |\n  x\n", false},      //
		{"title: >\n  x\n", false},      //
		{"title: {a: b}\n", false},      //
		{"title: @x\n", false},          //
		{"title: %x\n", false},          //
		{"title: `x`\n", false},         //
		{"title: ?x\n", false},          //
		{"title: x\n  y\n", false},      // a value over two lines
		{"title: x\n- y\n", false},      //
		{" title: x\n", false},          // indented
		{"-title: x\n", false},          //
		{"<<: x\n", false},              // a merge key
		{"\"title\": x\n", false},       //
		{"title: a\tb\n", false},        // a tab
		{"title: x\r\n", false},         // a carriage return
		{"title: a\u2028b\n", false},    // a line break to YAML
		{"title: a\u0085b\n", false},    //
		{"title: a\ufeffb\n", false},    // a byte order mark
		{"title: a\x7fb\n", false},      // a control character
		{"title: \xff\n", false},        // not UTF-8
		{"tags: [a, b\n", false},        // not closed
		{"tags: [a, b] c\n", false},     //
		{"tags: [a,, b]\n", false},      //
		{"tags: [a, b,]\n", false},      //
		{"tags: [a: b]\n", false},       // a mapping in a list
		{"tags: [a, [b]]\n", false},     //
		{"tags: [http://x]\n", false},
		{"0: [0?]", false},                                     // found by FuzzQuickYAML: YAML cannot read it                          //
		{"tags: [a, -b]\n", false},                             //
		{"achievements:\n  - label: a\n    value: 1\n", false}, // a block mapping in a list
		{"tags:\n  - a\n - b\n", false},                        // indented unlike
		{"tags:\n  \n", false},                                 // found by FuzzQuickYAML: a panic
		{"tags:\n  - a\n  \n", false},
		{"tags:\n  -a\n", false},
		{"0:\n\n- 0", false},                                        // found by FuzzQuickYAML: the list's line
		{strings.Repeat("k", 1024) + ": x\n", false},                // found by FuzzQuickYAML: too long a key for YAML
		{"a:\n  - {" + strings.Repeat("k", 1024) + ": x}\n", false}, //
		{"tags:\n  - \n", false},                                    //
		{"tags:\ntitle: x\n", false},                                // an empty value
		{"tags:\n  - [a]\n", false},                                 //
		{"a:\n  - {label: x, value}\n", false},                      //
		{"a:\n  - {label: x, value:1}\n", false},                    //
		{"a:\n  - {label: x, : 1}\n", false},                        //
		{"a:\n  - {label: x, value: 1:2}\n", false},                 //
		{"a:\n  - {label: x, value: [1]}\n", false},                 //
		{"a:\n  - {label: x, value: 1} y\n", false},                 //
		{"a:\n  - {label: x, value: 1}\n    more\n", false},         //
	} {
		t.Run(c.data, func(t *testing.T) {
			if got := sameAsYAML(t, c.data); got != c.quick {
				t.Errorf("quickYAML read it: %v, want %v", got, c.quick)
			}
		})
	}
}

// FuzzQuickYAML checks that whatever quickYAML reads, YAML reads the same.
func FuzzQuickYAML(f *testing.F) {
	for _, seed := range []string{
		"title: 注重机关人才培养 以赛促学强本领\ndate: 2019-03-25T11:18:00+08:00\ntags: [基层治理, 结对共建]\n",
		"a: 1\nb: [x, y z]\n\nc: true\n",
		"title: a:b\n",
		"tags: [ a ,b ]\n",
		"x: 0x1F\ny: .inf\nz: 1e3\nw: ~\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		sameAsYAML(t, data)
	})
}

// sampleFrontMatter returns the front matter of every story and page of
// the sample site, or of the corpus HERALD_BENCH_CORPUS names.
func sampleFrontMatter(t testing.TB) []string {
	dir := testroot.Corpus(t)
	var heads []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		head, ok := strings.CutPrefix(string(data), "---\n")
		end := strings.Index(head, "\n---\n")
		if !ok || end < 0 {
			return fmt.Errorf("%s: no front matter", p)
		}
		heads = append(heads, head[:end+1])
		return nil
	})
	if err != nil || len(heads) < 20 {
		t.Fatalf("the sample site's content: %d files, %v", len(heads), err)
	}
	return heads
}

// TestQuickYAMLSample checks quickYAML against YAML on the front matter of
// every story and page of the sample site, and that it reads most of them.
func TestQuickYAMLSample(t *testing.T) {
	heads := sampleFrontMatter(t)
	quick := 0
	for _, h := range heads {
		if sameAsYAML(t, h) {
			quick++
		}
	}
	if quick < len(heads)*3/4 {
		t.Errorf("quickYAML read %d of %d front matters; want three in four at least", quick, len(heads))
	}
}

// BenchmarkFrontMatter reads the front matter of the sample site's stories
// (or HERALD_BENCH_CORPUS's) into YAML nodes: with YAML alone, and as Parse
// does, quickYAML first.
func BenchmarkFrontMatter(b *testing.B) {
	heads := sampleFrontMatter(b)
	size := 0
	for _, h := range heads {
		size += len(h)
	}
	for _, quick := range []bool{false, true} {
		b.Run(map[bool]string{false: "yaml", true: "quick"}[quick], func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, h := range heads {
					if quick {
						if _, ok := quickYAML([]byte(h)); ok {
							continue
						}
					}
					var n yaml.Node
					if err := yaml.Unmarshal([]byte(h), &n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// marshalJSON is Marshal as it was, with encoding/json: the bytes Marshal
// must write.
func marshalJSON(m *Manifest) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	if m.Build != "" {
		build, _ := json.Marshal(m.Build)
		b.WriteString("\"build\": ")
		b.Write(build)
		b.WriteString(",\n")
	}
	if m.Drafts {
		b.WriteString("\"drafts\": true,\n")
	}
	if m.Future {
		b.WriteString("\"future\": true,\n")
	}
	b.WriteString("\"files\": [\n")
	for i, e := range m.Files {
		line, _ := json.Marshal(e)
		b.WriteString("  ")
		b.Write(line)
		if i < len(m.Files)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

var manifests = []struct {
	name string
	m    Manifest
}{
	{"empty", Manifest{}},
	{"no build", Manifest{Files: []Entry{{Path: "index.html", Size: 10, Hash: "ef46db3751d8e999"}}}},
	{"files", Manifest{Build: "herald-1f2e", Files: []Entry{
		{Path: "404.html", Size: 0, Hash: "ef46db3751d8e999", FP: "9a0b"},
		{Path: "stories/2024/01/退役军人帮扶/index.html", Size: 18230, Hash: "d24ec4f1a98c6e5b", FP: "ffee"},
		{Path: "search/a.json", Size: 1 << 40, Hash: "44bc2cf5ad770999"},
	}}},
	{"drafts", Manifest{Build: "herald-1f2e", Drafts: true, Files: []Entry{{Path: "index.html", Size: 10, Hash: "ef46db3751d8e999"}}}},
	{"future", Manifest{Build: "herald-1f2e", Future: true, Files: []Entry{{Path: "index.html", Size: 10, Hash: "ef46db3751d8e999"}}}},
	{"drafts and future", Manifest{Drafts: true, Future: true}},
	{"escaped", Manifest{Build: "a\"b", Files: []Entry{
		{Path: "tags/r&d/index.html", Size: 1, Hash: "x"},
		{Path: "tags/<b>/index.html", Size: 2, Hash: "y", FP: "\\"},
		{Path: "a\u2028b", Size: 3, Hash: "z"},
		{Path: "bad\xffutf8", Size: 4, Hash: "w"},
		{Path: "tab\there", Size: -5, Hash: ""},
	}}},
}

// TestManifest checks that Marshal writes what json.Marshal would, and that
// ReadManifest reads it back, by the fast path or by encoding/json.
func TestManifest(t *testing.T) {
	for _, tc := range manifests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.m.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if want := marshalJSON(&tc.m); !bytes.Equal(data, want) {
				t.Fatalf("Marshal:\n%s\nwant:\n%s", data, want)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			var want Manifest
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Files, want.Files) && len(want.Files)+len(got.Files) > 0 || got.Build != want.Build || got.Drafts != want.Drafts || got.Future != want.Future {
				t.Errorf("ReadManifest = %+v, want %+v", got, want)
			}
		})
	}
}

// TestManifestFastPath checks that a manifest of plain strings is read
// without encoding/json, and one with an escape with it.
func TestManifestFastPath(t *testing.T) {
	for _, tc := range manifests {
		data, _ := tc.m.Marshal()
		_, ok := parseManifest(data)
		if want := tc.name != "escaped"; ok != want {
			t.Errorf("%s: parsed by the fast path: %v, want %v", tc.name, ok, want)
		}
	}
}

// FuzzManifest checks that the fast path reads any bytes as encoding/json
// does, or leaves them to it.
func FuzzManifest(f *testing.F) {
	for _, tc := range manifests {
		data, _ := tc.m.Marshal()
		f.Add(data)
	}
	f.Add([]byte("{\"files\": [\n  {\"path\":\"a\",\"size\":01,\"hash\":\"b\"}\n]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := parseManifest(data)
		if !ok {
			return
		}
		var want Manifest
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("the fast path read what encoding/json refuses (%v):\n%q", err, data)
		}
		if got.Build != want.Build || got.Drafts != want.Drafts || got.Future != want.Future || len(got.Files) != len(want.Files) || len(got.Files) > 0 && !reflect.DeepEqual(got.Files, want.Files) {
			t.Fatalf("fast path %+v, encoding/json %+v, for\n%q", got, want, data)
		}
	})
}

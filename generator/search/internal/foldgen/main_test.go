package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"herald/generator/internal/testsite"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     []pair
		err      string
	}{
		{"one form", "發\t发\n國\t国\n", []pair{{'國', '国'}, {'發', '发'}}, ""},
		{"the first of several", "乾\t干 乾\n於\t于 於\n", []pair{{'乾', '干'}, {'於', '于'}}, ""},
		{"the same character left out", "著\t著\n", nil, ""},
		{"beyond the plane left out", "𠁞\t𠀾\n㑮\t𫝈\n", nil, ""},
		{"a chain followed to its end", "薴\t苧\n苧\t苎\n", []pair{{'苧', '苎'}, {'薴', '苎'}}, ""},
		{"blank lines and comments", "\n# a note\n髮\t发\n", []pair{{'髮', '发'}}, ""},
		{"a circle", "甲\t乙\n乙\t甲\n", nil, "folds round in a circle"},
		{"no tab", "發 发\n", nil, "TS.txt:1: no tab"},
		{"a phrase", "\n發展\t发展\n", nil, "TS.txt:2: "},
		{"twice", "發\t发\n發\t发\n", nil, "TS.txt:2: 發 is given twice"},
	}
	for _, tt := range tests {
		got, err := parse(strings.NewReader(tt.in), "TS.txt")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: parse = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestTableIsCurrent checks generator/search/fold_table.go against what
// foldgen writes from the copy of TSCharacters.txt in the Go module cache.
func TestTableIsCurrent(t *testing.T) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env: %v", err)
	}
	ts := filepath.Join(strings.TrimSpace(string(out)), "github.com/liuzl/gocc@v0.0.0-20231231122217-0372e1059ca5/dictionary/TSCharacters.txt")
	data, err := os.ReadFile(ts)
	if err != nil {
		testsite.MissingBecause(t, "OpenCC's TSCharacters.txt in the Go module cache",
			"go mod download github.com/liuzl/gocc@v0.0.0-20231231122217-0372e1059ca5 fetches it, as .ci/run does")
	}
	pairs, err := parse(bytes.NewReader(data), "TSCharacters.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := source(pairs, "TSCharacters.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../fold_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("fold_table.go is not what foldgen writes from TSCharacters.txt: run go generate ./generator/search")
	}
}

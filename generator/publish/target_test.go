package publish_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"herald/generator/publish"
)

// TestTargetParameters checks what publish says of a parameter of the
// target that it does not know: its name, the parameters that the target
// takes, and the nearest of them as a hint. A trial: "prefx=news/" got
// gocloud.dev's "unknown query parameter", in English, with no hint.
func TestTargetParameters(t *testing.T) {
	f := newFixture(t)
	dir := filepath.ToSlash(t.TempDir())
	tests := []struct {
		name, target string
		want         []string // in the error
		hint         string   // Explain's; "" for none
	}{
		{"s3, misspelt", "s3://site?prefx=news/&endpoint=http://127.0.0.1:9&region=us-east-1", []string{`unknown parameter "prefx" in the target`, "s3:// targets take endpoint, region, use_path_style, prefix"}, `did you mean "prefix"?`},
		{"s3, another case", "s3://site?Endpoint=http://127.0.0.1:9", []string{`unknown parameter "Endpoint"`}, `did you mean "endpoint"?`},
		{"s3, nothing near", "s3://site?colour=red", []string{`unknown parameter "colour"`}, ""},
		{"file", "file://" + dir + "?create_dri=true", []string{`unknown parameter "create_dri"`, "file:// targets take prefix, create_dir"}, `did you mean "create_dir"?`},
		{"file, a parameter herald sets itself", "file://" + dir + "?metadata=skip", []string{`unknown parameter "metadata"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := publish.Run(context.Background(), publish.Options{Out: f.Path("public"), Target: tt.target, MaxDeletes: 256})
			if err == nil || res != nil {
				t.Fatalf("publish: %v, %+v; want the refusal", err, res)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q, want %q in it", err, want)
				}
			}
			if strings.Contains(err.Error(), "query parameter") || !errors.Is(err, publish.ErrUnknownParameter) {
				t.Errorf("error %q: want herald's own, not gocloud.dev's", err)
			}
			hint := publish.Explain(err, tt.target)
			switch {
			case tt.hint == "" && hint != nil:
				t.Errorf("Explain = %q, want none", hint)
			case tt.hint != "" && (hint == nil || hint.Error() != tt.hint):
				t.Errorf("Explain = %v, want %q", hint, tt.hint)
			}
		})
	}
	// The parameters it knows pass.
	f.publish(t, "file://"+dir+"?prefix=news/&create_dir=true&no_tmp_dir=true", nil)
}

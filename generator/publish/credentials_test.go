package publish_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"herald/generator/publish"
)

// TestCredentials publishes with a key and no secret, a secret and no key,
// and neither. A trial: a key without its secret got "no credentials" and
// the SDK's long error from the machine's metadata service, and a hint to
// set both variables, one of which was.
func TestCredentials(t *testing.T) {
	f := newFixture(t)
	none := filepath.Join(t.TempDir(), "none")
	for _, k := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_EC2_METADATA_V1_DISABLED", "true")
	tests := []struct {
		name, key, secret string
		want, hint        string
	}{
		{"a key without its secret", "AKIAEXAMPLE", "", "AWS_ACCESS_KEY_ID is set, but not AWS_SECRET_ACCESS_KEY", "set AWS_SECRET_ACCESS_KEY to the secret"},
		{"a secret without its key", "", "secret", "AWS_SECRET_ACCESS_KEY is set, but not AWS_ACCESS_KEY_ID", "set AWS_ACCESS_KEY_ID to the key"},
		{"neither", "", "", "found no credentials for the target", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_ACCESS_KEY_ID", tt.key)
			t.Setenv("AWS_SECRET_ACCESS_KEY", tt.secret)
			var retries int
			res, err := publish.Run(context.Background(), publish.Options{
				Out: f.Path("public"), Target: "s3://site?endpoint=http://127.0.0.1:9&region=us-east-1&use_path_style=true",
				MaxDeletes: 256, RequestTimeout: 10 * time.Second,
				Events: func(ev publish.Event) {
					if ev.Kind == "retry" {
						retries++
					}
				},
			})
			if err == nil {
				t.Fatalf("published: %+v", res)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "IMDS") || strings.Contains(msg, "operation error") {
				t.Errorf("error %q: want %q, without the SDK's details", msg, tt.want)
			}
			if hint := publish.Explain(err, ""); hint == nil || !strings.Contains(hint.Error(), tt.hint) {
				t.Errorf("Explain(%q) = %v, want %q", err, hint, tt.hint)
			}
			if retries > 0 || publish.MayPass(res, err) {
				t.Errorf("retried %d times, MayPass %v: running it again finds no credentials either", retries, publish.MayPass(res, err))
			}
		})
	}
}

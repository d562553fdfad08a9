package publish_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"herald/generator/publish"
)

// TestRefusals publishes to the S3 server with a wrong secret key and to a
// bucket that does not exist: publish fails at the first answer, without
// retrying, says what the server said without the SDK's request IDs, and
// does not say to run it again (issue: both were retried six times, then
// "run it again to finish").
func TestRefusals(t *testing.T) {
	srv := s3Server(t)
	f := newFixture(t)
	tests := []struct {
		name   string
		target func(t *testing.T) string
		secret string
		want   string
		hint   string // in Explain's (a trial: no hint said what to do)
	}{
		{"a wrong secret key", srv.bucket, "wrong" + s3Secret, "SignatureDoesNotMatch", "AWS_SECRET_ACCESS_KEY"},
		{"no such bucket", func(*testing.T) string { return srv.url("no-such-bucket", srv.addr) }, s3Secret, "NoSuchBucket", `there is no bucket "no-such-bucket"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target(t)
			t.Setenv("AWS_SECRET_ACCESS_KEY", tt.secret)
			var retries []string
			res, err := publish.Run(context.Background(), publish.Options{
				Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4, RequestTimeout: 10 * time.Second,
				Events: func(ev publish.Event) {
					if ev.Kind == "retry" {
						retries = append(retries, ev.Err.Error())
					}
				},
			})
			if err == nil {
				t.Fatalf("published: %+v", res)
			}
			if len(retries) > 0 {
				t.Errorf("retried a refusal %d times: %q", len(retries), retries[0])
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "RequestID") || strings.Contains(msg, "operation error") {
				t.Errorf("error %q: want %s, without the SDK's details", msg, tt.want)
			}
			if publish.MayPass(res, err) {
				t.Errorf("MayPass(%v) is true: running publish again meets the same refusal", err)
			}
			if hint := publish.Explain(err, target); hint == nil || !strings.Contains(hint.Error(), tt.hint) {
				t.Errorf("Explain(%q) = %v, want %q", err, hint, tt.hint)
			}
		})
	}
}

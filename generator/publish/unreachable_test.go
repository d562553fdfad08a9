package publish_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"herald/generator/publish"

	"gocloud.dev/blob"
)

// TestUnreachable publishes to a server that is not there, to one whose
// name has no address, and to one that stops answering during the run. A
// trial: each took 20 s of retries, printed a line "Unknown" after the
// SDK's text, and said to run it again; the server stopped during a run
// took twelve minutes to give up, file by file. Now the run stops at the
// first request that reaches no server, without retrying it (the SDK has
// tried it three times), and Explain says what to check.
func TestUnreachable(t *testing.T) {
	srv := s3Server(t)
	f := newFixture(t)
	closed := func(t *testing.T) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close() // nothing listens there now
		return srv.url("site", addr)
	}
	stoppingAt := func(t *testing.T, bucket string, at int) string {
		u, _ := url.Parse("http://" + srv.addr)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		n := 0
		hs := &http.Server{}
		rp := httputil.NewSingleHostReverseProxy(u)
		hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			n++
			stop := n == at
			mu.Unlock()
			if stop {
				go hs.Close()
				panic(http.ErrAbortHandler) // and this one gets no answer
			}
			rp.ServeHTTP(w, r)
		})
		go hs.Serve(ln)
		t.Cleanup(func() { hs.Close() })
		return strings.Replace(bucket, srv.addr, ln.Addr().String(), 1)
	}
	// A proxy to the server that answers a few requests, the reading of
	// the bucket among them, then closes its port.
	stopping := func(t *testing.T) string { return stoppingAt(t, srv.bucket(t), 6) }
	// One that stops while publish asks the objects for their headers: a
	// bucket published to before, whose record of it is gone, by its
	// third request (the record, the listing, the first object's headers).
	// A trial: the error ended in a line "Unknown".
	stoppingInPlan := func(t *testing.T) string {
		bucket := srv.bucket(t)
		f.publish(t, bucket, nil)
		b, err := blob.OpenBucket(context.Background(), bucket)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Delete(context.Background(), publish.StateName); err != nil {
			t.Fatal(err)
		}
		return stoppingAt(t, bucket, 3)
	}
	tests := []struct {
		name     string
		target   func(t *testing.T) string
		err      string // in the error
		hint     string // in Explain's
		notTried bool   // files were left for the next run
	}{
		{"nothing listens", closed, "connection refused", "start it, or correct endpoint= in the target", false},
		{"no such host", func(*testing.T) string {
			return "s3://site?endpoint=http://no-such-host.invalid:9000&region=us-east-1&use_path_style=true"
		}, "no such host", "no server is named no-such-host.invalid", false},
		{"the bucket's name before the server's", func(*testing.T) string {
			return "s3://site?endpoint=http://localhost.invalid:9000&region=us-east-1"
		}, "no such host", "add use_path_style=true", false},
		{"the server stops", stopping, "the target stopped answering", "start it, or correct endpoint= in the target", true},
		{"the server stops while publish plans", stoppingInPlan, "reading the headers of", "start it, or correct endpoint= in the target", false},
	}
	if hint := publish.Explain(errors.New("disk full"), "s3://b"); hint != nil {
		t.Errorf("Explain of an unknown cause: %v, want nil", hint)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target(t)
			var retries []string
			res, err := publish.Run(context.Background(), publish.Options{
				Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 1, RequestTimeout: 10 * time.Second,
				Events: func(ev publish.Event) {
					if ev.Kind == "retry" {
						retries = append(retries, ev.Err.Error())
					}
				},
			})
			if err == nil {
				t.Fatalf("published: %+v", res)
			}
			if !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "\nUnknown") || strings.Contains(err.Error(), "operation error") {
				t.Errorf("error %q: want %q, without gocloud's or the SDK's details", err, tt.err)
			}
			if len(retries) > 0 {
				t.Errorf("retried a request that reached no server %d times: %q", len(retries), retries[0])
			}
			cause := err
			if res != nil && len(res.Failed) > 0 {
				cause = res.Failed[0].Err
			}
			if hint := publish.Explain(cause, target); hint == nil || !strings.Contains(hint.Error(), tt.hint) {
				t.Errorf("Explain(%q) = %v, want %q", cause, hint, tt.hint)
			}
			if tt.notTried {
				if res == nil || res.NotTried == 0 || len(res.Failed) != 1 || res.Uploaded == 0 {
					t.Fatalf("result %+v: want some files uploaded, one failed, the others not tried", res)
				}
				if !publish.MayPass(res, err) {
					t.Error("MayPass is false: the next run, once the server answers, goes on")
				}
			}
		})
	}
}

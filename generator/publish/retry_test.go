package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/smithy-go"
)

// answered is an error of a request the service answered with status, as
// the SDK's response errors are; status 0 is a request that got no answer.
type answered struct {
	status int
	err    error
}

func (e *answered) Error() string       { return fmt.Sprintf("StatusCode: %d, %v", e.status, e.err) }
func (e *answered) Unwrap() error       { return e.err }
func (e *answered) HTTPStatusCode() int { return e.status }

// TestMayPass checks which failures publish retries, and after which a
// failed run says to run it again: not after a refusal by the target,
// which the same request meets again (issue: a wrong secret key was tried
// six times, then "run it again to finish").
func TestMayPass(t *testing.T) {
	refused := &smithy.GenericAPIError{Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided."}
	slow := &smithy.GenericAPIError{Code: "SlowDown", Message: "Please reduce your request rate."}
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	metadata := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(169, 254, 169, 254), Port: 80}, Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}
	tests := []struct {
		name    string
		err     error
		target  bool // an error of a request to the target, which retry sees
		mayPass bool // the run says to run it again
	}{
		{"a wrong secret key", fmt.Errorf("reading state: %w", &answered{403, refused}), true, false},
		{"no such bucket", &answered{404, &smithy.GenericAPIError{Code: "NoSuchBucket"}}, true, false},
		{"throttled", &answered{503, slow}, true, true},
		{"too many requests", &answered{429, errors.New("slow down")}, true, true},
		{"a server error", &answered{500, errors.New("InternalError")}, true, true},
		{"no answer: connection refused", &answered{0, dial}, true, true},
		{"a reset", syscall.ECONNRESET, true, true},
		// The SDK wraps an answer cut short in the answer's status, 200
		// as often as not (a review: such a listing failed at once).
		{"an answer cut short", &answered{200, io.ErrUnexpectedEOF}, true, true},
		{"an answer reset", &answered{200, syscall.ECONNRESET}, true, true},
		{"S3's RequestTimeout", &answered{400, &smithy.GenericAPIError{Code: "RequestTimeout"}}, true, true},
		{"S3's OperationAborted", &answered{409, &smithy.GenericAPIError{Code: "OperationAborted"}}, true, true},
		{"not implemented", &answered{501, &smithy.GenericAPIError{Code: "NotImplemented"}}, true, false},
		// A review: "run it again" for a file:// target whose folder
		// does not exist, which fails the same way every time.
		{"no such folder", errorf("cannot open the target: %v", &fs.PathError{Op: "stat", Path: "/tmp/bucket", Err: syscall.ENOENT}), false, false},
		{"a file changed since the build", fmt.Errorf("index.html: %w", errChanged), false, false},
		{"too many deletes", fmt.Errorf("%w: 300 objects", ErrTooManyDeletes), false, false},
		// A trial: no credentials, where the machine's metadata service
		// refused the SDK's token, were retried for three seconds; where
		// there is none, its network error said the target was down.
		{"no credentials, the metadata service refusing", errors.New("operation error S3: GetObject, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, failed to get API token"), true, false},
		{"no credentials, no metadata service", fmt.Errorf("get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, %w", metadata), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayPass(nil, tt.err); got != tt.mayPass {
				t.Errorf("MayPass(nil, err) = %v, want %v", got, tt.mayPass)
			}
			if !tt.target {
				return
			}
			// Retried within a run exactly when a later run may pass.
			if got := transient(tt.err); got != tt.mayPass {
				t.Errorf("transient = %v, want %v", got, tt.mayPass)
			}
			if strings.HasPrefix(tt.name, "no credentials") {
				if unreachable(tt.err) {
					t.Error("unreachable: the target's server was not asked")
				}
				if hint := Explain(tt.err, "s3://b"); hint == nil || !strings.Contains(hint.Error(), "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") {
					t.Errorf("Explain = %v, want the hint on credentials", hint)
				}
			}
			res := &Result{Failed: []Failure{{Path: "a.html", Err: tt.err}}}
			if got := MayPass(res, errors.New("1 file failed")); got != tt.mayPass {
				t.Errorf("MayPass with the failure in the result = %v, want %v", got, tt.mayPass)
			}
		})
	}
	// Interrupted: the next run goes on.
	if !MayPass(&Result{}, fmt.Errorf("uploading: %w", context.Canceled)) {
		t.Error("MayPass is false for an interrupted run")
	}
	// A failure retry tried again, though it carries no status, such as
	// the SDK's own retries running out: the next run may pass.
	quota := &Result{Failed: []Failure{{Path: "a.html", Err: errors.New("retry quota exceeded")}}}
	if !MayPass(quota, errors.New("1 file failed")) {
		t.Error("MayPass is false after failures that retry retried")
	}
	// One failure that cannot pass is enough to say nothing.
	res := &Result{Failed: []Failure{{Path: "a.html", Err: &answered{503, slow}}, {Path: "b.html", Err: &answered{403, refused}}}}
	if MayPass(res, errors.New("2 files failed")) {
		t.Error("MayPass is true with a refusal among the failures")
	}
}

// TestBrief checks that an error of the S3 API reads as its code, message
// and status, and stays what it was for errors.As.
func TestBrief(t *testing.T) {
	api := &smithy.GenericAPIError{Code: "SignatureDoesNotMatch", Message: "Check your key and signing method."}
	err := brief(fmt.Errorf("blob (code=Unknown): operation error S3: GetObject, RequestID: X1, HostID: Y2, %w", &answered{403, api}))
	if got, want := err.Error(), "SignatureDoesNotMatch: Check your key and signing method. (HTTP 403)"; got != want {
		t.Errorf("brief: %q, want %q", got, want)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "SignatureDoesNotMatch" {
		t.Errorf("brief lost the API error: %v", err)
	}
	if got, want := brief(&answered{404, &smithy.GenericAPIError{Code: "NoSuchBucket"}}).Error(), "NoSuchBucket (HTTP 404)"; got != want {
		t.Errorf("brief of an error without a message: %q, want %q", got, want)
	}
	plain := errors.New("dial tcp: connection refused")
	if brief(plain) != plain || brief(nil) != nil {
		t.Error("brief changed an error that is not the API's")
	}
	// A trial: gocloud.dev's prefix, and a line "Unknown" where the
	// command listed what the error wraps.
	api = &smithy.GenericAPIError{Code: "AccessDenied", Message: "Access Denied."}
	denied := fmt.Errorf("operation error S3: GetObject, %w", api)
	err = brief(fmt.Errorf("blob (key \".herald-published.json\") (code=Unknown): %w", fmt.Errorf("%w", denied)))
	if got, want := err.Error(), "AccessDenied: Access Denied."; got != want {
		t.Errorf("brief: %q, want %q", got, want)
	}
	plainWrapped := errors.New("disk full")
	err = brief(fmt.Errorf("blob (key \".herald-published.json\") (code=Unknown): %w", plainWrapped))
	if got, want := err.Error(), plainWrapped.Error(); got != want {
		t.Errorf("brief: %q, want %q", got, want)
	}
	if _, ok := err.(interface{ Unwrap() []error }); ok || !errors.Is(err, plainWrapped) {
		t.Errorf("brief: %#v, want the error it wraps, alone", err)
	}
	// No credentials: herald's words, not the SDK's, ending in the
	// metadata service's (a trial), and which half of a pair is missing.
	t.Setenv("AWS_ACCESS_KEY", "")
	t.Setenv("AWS_SECRET_KEY", "")
	creds := errors.New("operation error S3: GetObject, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata")
	for _, tc := range []struct{ key, secret, want string }{
		{"", "", "found no credentials for the target"},
		{"AKIA", "", "found no credentials for the target: AWS_ACCESS_KEY_ID is set, but not AWS_SECRET_ACCESS_KEY"},
		{"", "secret", "found no credentials for the target: AWS_SECRET_ACCESS_KEY is set, but not AWS_ACCESS_KEY_ID"},
	} {
		t.Setenv("AWS_ACCESS_KEY_ID", tc.key)
		t.Setenv("AWS_SECRET_ACCESS_KEY", tc.secret)
		err = brief(fmt.Errorf("blob (key \".herald-published.json\") (code=Unknown): %w", creds))
		if got := err.Error(); got != tc.want || !noCredentials(err) || transient(err) {
			t.Errorf("brief with key %q, secret %q: %q (noCredentials %v), want %q", tc.key, tc.secret, got, noCredentials(err), tc.want)
		}
	}
	dial := fmt.Errorf("blob (code=Unknown): operation error S3: PutObject, https response error StatusCode: 0, %w",
		&net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9000}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})
	if got, want := brief(dial).Error(), "dial tcp 127.0.0.1:9000: connect: connection refused"; got != want {
		t.Errorf("brief: %q, want %q", got, want)
	}
}

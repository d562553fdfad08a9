package publish

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/smithy-go"
	"gocloud.dev/gcerrors"
)

// retry runs op with a timeout per attempt, and again after a pause while
// it fails in a way that may pass: throttling, a server error, a network
// error, a timeout. The pause doubles from 200 ms up to 10 s, each time a
// random share of it ("full jitter"), so that many workers do not retry in
// step.
func (p *publisher) retry(ctx context.Context, path string, op func(context.Context) error) error {
	const base, ceiling = 200 * time.Millisecond, 10 * time.Second
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, p.opts.RequestTimeout)
		err := op(actx)
		cancel()
		// A request that reached no server has been tried three times by
		// the SDK already, and every other request goes to the same one.
		if err == nil || !transient(err) || unreachable(err) || attempt >= p.opts.Attempts || ctx.Err() != nil {
			return brief(err)
		}
		p.opts.Events(Event{Kind: "retry", Path: path, Err: brief(err)})
		pause := min(ceiling, base<<(attempt-1))
		select {
		case <-time.After(time.Duration(rand.Int64N(int64(pause))) + time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// transient reports whether an error may pass if the request is tried
// again.
func transient(err error) bool {
	if noCredentials(err) {
		return false // none are set: trying again finds none either
	}
	if _, ok := httpStatus(err); ok {
		return passing(err) // the service's answer says
	}
	switch gcerrors.Code(err) {
	case gcerrors.NotFound, gcerrors.AlreadyExists, gcerrors.InvalidArgument, gcerrors.PermissionDenied,
		gcerrors.FailedPrecondition, gcerrors.Unimplemented, gcerrors.Canceled:
		return false
	case gcerrors.ResourceExhausted, gcerrors.Internal, gcerrors.DeadlineExceeded:
		return true
	}
	return passing(err) || errors.Is(err, io.EOF) || gcerrors.Code(err) == gcerrors.Unknown
}

// passing reports whether an error of a request to the target passes with
// time: the service answered with a server error, throttling or a timeout
// (and not a refusal, such as a wrong secret key or a bucket that does not
// exist, which SignatureDoesNotMatch and NoSuchBucket are, both once tried
// six times), or the network failed.
func passing(err error) bool {
	if noCredentials(err) {
		return false // the search for credentials may have met a network error
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "RequestTimeout", "OperationAborted": // S3's, with 400 and 409
			return true
		}
	}
	if code, ok := httpStatus(err); ok {
		return code >= 500 && code != http.StatusNotImplemented || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests
	}
	var ne net.Error
	if errors.As(err, &ne) {
		// syscall.Errno is a net.Error too: a missing folder (ENOENT) of
		// a file:// target does not pass with time.
		errno, ok := ne.(syscall.Errno)
		return !ok || errno.Timeout() || errno == syscall.ECONNRESET || errno == syscall.ECONNREFUSED || errno == syscall.EPIPE
	}
	return errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded)
}

// unreachable reports whether err is that of a request that reached no
// server (see missed). It may pass with time (the server is started
// again), but not in the seconds a retry waits.
func unreachable(err error) bool { return missed(err) != reached && !noCredentials(err) }

// A miss is why a request reached no server.
type miss int

const (
	reached   miss = iota // it did, or failed for another reason
	noAddress             // the server's name has no address
	refused               // nothing listens at the address
	noRoute               // the network has no way to it
)

// missed returns why the request of err reached no server.
func missed(err error) miss {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns) && dns.IsNotFound:
		return noAddress
	case errors.Is(err, syscall.ECONNREFUSED):
		return refused
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return noRoute
	}
	return reached
}

// httpStatus returns the HTTP status of the answer that err holds, if the
// service refused the request. The SDK gives a request that got no answer
// status 0, and one whose answer was cut short that answer's status,
// 200 as often as not: the network's error then says more.
func httpStatus(err error) (int, bool) {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) && re.HTTPStatusCode() >= 300 {
		return re.HTTPStatusCode(), true
	}
	return 0, false
}

// MayPass reports whether running publish again may get further than the
// run that returned res and err: what failed, failed in a way that passes
// with time (a server error, throttling, the network). A refusal by the
// target, or an output that is not as built, fails the same way again.
func MayPass(res *Result, err error) bool {
	switch {
	case err == nil || errors.Is(err, ErrTooManyDeletes):
		return false
	case errors.Is(err, context.Canceled):
		return true // interrupted: the next run goes on
	case res == nil || len(res.Failed) == 0:
		return passing(err)
	}
	// Each failure is a request's to the target that retry gave up on:
	// one that retry would try again passes with time.
	for _, f := range res.Failed {
		if !transient(f.Err) {
			return false
		}
	}
	return true
}

// brief shortens an error of the S3 API to what a person acts on: the
// service's code and message and the HTTP status, without the SDK's
// operation, request ID and host ID. The error it wraps stays in the chain,
// but for the SDK's that found no credentials, which becomes herald's
// (see credentials).
func brief(err error) error {
	var ae smithy.APIError
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case err == nil:
		return nil
	case noCredentials(err):
		return credentials()
	case errors.As(err, &ae):
	case errors.As(err, &dns):
		return &briefError{msg: dns.Error(), err: err}
	case errors.As(err, &op):
		return &briefError{msg: op.Error(), err: err} // "dial tcp 127.0.0.1:9000: connect: connection refused"
	default:
		// gocloud.dev's errors start with the key and their code, "blob
		// (key ".herald-published.json") (code=Unknown): ", and list that
		// code among the errors they wrap (a trial: a line "Unknown").
		msg := err.Error()
		if strings.HasPrefix(msg, "blob (") {
			if _, rest, ok := strings.Cut(msg, "): "); ok {
				msg = rest
			}
		}
		if msg == err.Error() {
			return err
		}
		return &briefError{msg: msg, err: err}
	}
	msg := ae.ErrorCode()
	if m := ae.ErrorMessage(); m != "" {
		msg += ": " + m
	}
	if code, ok := httpStatus(err); ok {
		msg += " (HTTP " + strconv.Itoa(code) + ")"
	}
	return &briefError{msg: msg, err: err}
}

type briefError struct {
	msg string
	err error
}

func (e *briefError) Error() string { return e.msg }
func (e *briefError) Unwrap() error { return e.err }

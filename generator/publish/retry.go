package publish

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"

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
		if err == nil || !transient(err) || attempt >= p.opts.Attempts || ctx.Err() != nil {
			return err
		}
		p.opts.Events(Event{Kind: "retry", Path: path, Err: err})
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
	switch gcerrors.Code(err) {
	case gcerrors.NotFound, gcerrors.AlreadyExists, gcerrors.InvalidArgument, gcerrors.PermissionDenied,
		gcerrors.FailedPrecondition, gcerrors.Unimplemented, gcerrors.Canceled:
		return false
	case gcerrors.ResourceExhausted, gcerrors.Internal, gcerrors.DeadlineExceeded:
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded) || gcerrors.Code(err) == gcerrors.Unknown
}

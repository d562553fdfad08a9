package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"herald/generator/serve"
)

func (e *env) serve(ctx context.Context, args []string) error {
	fs := e.flags("serve", "serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--future] [--poll INTERVAL]")
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml and content/")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; loopback unless you name another")
	drafts := fs.Bool("drafts", false, "show stories marked draft: true")
	future := fs.Bool("future", false, "show stories dated in the future")
	lang := fs.String("lang", "", "the `language` of messages: zh or en (default: the site's language, or LANG)")
	poll := fs.Duration("poll", 0, "scan for changes every `INTERVAL` (such as 1s) instead of using inotify: for WSL's /mnt/c and network drives")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *poll < 0 || *poll > 0 && *poll < 50*time.Millisecond {
		return &usageError{msg: fmt.Sprintf("serve: --poll %s is too short; use 100ms or more", *poll)}
	}
	if err := e.setLanguage(*source, *lang); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	s := serve.New(serve.Options{
		Source: *source, Drafts: *drafts, Future: *future, Poll: *poll,
		Theme: e.theme, Log: e.stderr, Catalog: e.catalog,
	})
	fmt.Fprintf(e.stdout, "herald: serving %s at http://%s/ (press Ctrl+C to stop)\n", *source, ln.Addr())
	return s.Run(ctx, ln)
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/serve"
)

// minPoll is the shortest --poll interval: scanning a site more often only
// loads the machine.
const minPoll = 100 * time.Millisecond

func (e *env) serve(ctx context.Context, args []string) error {
	fs := e.flags("serve", "serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--future] [--poll INTERVAL]")
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml and content/ (default: the current folder)")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on, host:port or a port alone (default 127.0.0.1:1313); loopback unless you name another")
	drafts := fs.Bool("drafts", false, "show stories marked draft: true")
	future := fs.Bool("future", false, "show stories dated in the future")
	poll := fs.Duration("poll", 0, "scan for changes every `INTERVAL` (such as 1s, at least 100ms) instead of using inotify: for WSL's /mnt/c and network drives")
	if err := e.parse(fs, args, false); err != nil {
		return err
	}
	if *poll < 0 || *poll > 0 && *poll < minPoll {
		return &usageError{msg: e.text("serve: --poll %s is too short; use %s or more, such as 1s", *poll, minPoll)}
	}
	// A trial: --addr 18436 failed with "missing port in address".
	if _, err := strconv.Atoi(*addr); err == nil {
		*addr = net.JoinHostPort("127.0.0.1", *addr)
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return &usageError{msg: e.text("serve: --addr %s is not an address with a port", *addr),
			hint: e.text("write it as host:port, such as --addr 127.0.0.1:1313, or give the port alone, such as --addr 1313")}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if addrInUse(err) {
			return &failure{
				msg:  e.text("cannot listen on %s: the address is already in use", *addr),
				hint: e.text("herald serve may be running in another window: use that one, or choose another port with --addr %s", freePort(*addr)),
			}
		}
		return &failure{msg: e.text("cannot listen on %s: %v", *addr, err)}
	}
	s := serve.New(serve.Options{
		Source: *source, Drafts: *drafts, Future: *future, Poll: *poll,
		Theme: e.theme, Log: e.stderr, Catalog: e.catalog,
	})
	// A trial: with --addr 0.0.0.0:18436 this said http://[::]:18436/,
	// which no browser opens, and not that other machines could open the
	// preview.
	// A trial: a site under a base path was said to be at /, which
	// redirects there.
	base := "/"
	if cfg := config.Load(osDirFS(*source), &diag.List{}); cfg != nil && cfg.BaseURL != nil {
		base = cfg.BasePath()
	}
	fmt.Fprintln(e.stdout, e.text("herald: serving %s at http://%s%s (press Ctrl+C to stop)", folderName(*source), serve.BrowserHost(ln.Addr()), base))
	if a, ok := ln.Addr().(*net.TCPAddr); ok && !a.IP.IsLoopback() {
		warning := e.text("--addr %s listens beyond this machine: other machines on the network can open the preview too", *addr)
		if *drafts {
			warning = e.text("--addr %s listens beyond this machine: other machines on the network can open the preview too, drafts included", *addr)
		}
		fmt.Fprintln(e.stderr, e.text("herald: %s", e.text("warning: ")+warning))
	}
	return s.Run(ctx, ln)
}

// misnamed returns, for a flag of cmd that herald does not have but other
// site generators do (hugo server --port and --bind, jekyll serve --host),
// a hint naming the flag of herald that does its job, with the values the
// command line gives; "" for any other flag. A trial: serve --port 1414
// was told only that there is no --port.
func (e *env) misnamed(cmd, name string, args []string) string {
	isPort := name == "port" || name == "p"
	if cmd != "serve" || !isPort && name != "host" && name != "bind" {
		return ""
	}
	host, port := "127.0.0.1", "1313"
	for _, n := range []string{"host", "bind"} {
		if v, ok := scanFlag(args, n); ok && v != "" && !strings.HasPrefix(v, "-") {
			host = v
		}
	}
	for _, n := range []string{"port", "p"} {
		if v, ok := scanFlag(args, n); ok {
			if p, err := strconv.Atoi(v); err == nil && p > 0 && p < 65536 {
				port = v
			}
		}
	}
	if isPort {
		return e.text("herald serve takes the port in --addr: use --addr %s", net.JoinHostPort(host, port))
	}
	return e.text("herald serve takes the host in --addr: use --addr %s", net.JoinHostPort(host, port))
}

// addrInUse reports whether a listen error is that of an address another
// program listens on, on Unix or on Windows.
func addrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) ||
		strings.Contains(err.Error(), "address already in use") ||
		strings.Contains(err.Error(), "Only one usage of each socket address")
}

// freePort returns addr with a port where herald can listen: the first
// free one of the few after addr's own (127.0.0.1:1314 for 127.0.0.1:1313),
// else one the system picks. A trial: the port after a busy one was
// suggested, and it was busy too.
func freePort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n <= 0 {
		host, n = "127.0.0.1", 1313
	}
	for p := n + 1; p <= min(n+10, 65535); p++ {
		a := net.JoinHostPort(host, strconv.Itoa(p))
		if ln, err := net.Listen("tcp", a); err == nil {
			ln.Close()
			return a
		}
	}
	if ln, err := net.Listen("tcp", net.JoinHostPort(host, "0")); err == nil {
		defer ln.Close()
		return net.JoinHostPort(host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	}
	return net.JoinHostPort(host, strconv.Itoa(min(n+1, 65535)))
}

// folderName names a folder for people: its absolute path, not "." (a
// trial: "正在预览 ."), or the name given when that cannot be had.
func folderName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

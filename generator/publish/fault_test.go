package publish_test

import (
	"bufio"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"herald/generator/publish"
)

// faultProxy sits between publish and the S3 server and misbehaves, the
// way a crowded network and a throttling service do: for each connection it
// takes a request and then, by turns drawn from a seeded random source,
// passes the exchange through, resets the connection, answers 503 SlowDown,
// or stalls past the client's timeout.
type faultProxy struct {
	ln       net.Listener
	upstream string
	mu       sync.Mutex
	rng      *rand.Rand
	counts   map[string]int
	stall    time.Duration
}

func newFaultProxy(t *testing.T, upstream string, stall time.Duration) *faultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{ln: ln, upstream: upstream, rng: rand.New(rand.NewPCG(7, 11)), counts: map[string]int{}, stall: stall}
	go p.serve()
	t.Cleanup(func() { ln.Close() })
	return p
}

func (p *faultProxy) addr() string { return p.ln.Addr().String() }

func (p *faultProxy) pick() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var kind string
	switch n := p.rng.IntN(100); {
	case n < 55:
		kind = "pass"
	case n < 70:
		kind = "reset"
	case n < 88:
		kind = "slowdown"
	default:
		kind = "stall"
	}
	p.counts[kind]++
	return kind
}

func (p *faultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

// handle serves one request of a connection, then closes it: each request
// gets its own draw.
func (p *faultProxy) handle(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	switch p.pick() {
	case "reset":
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0) // an RST, not a FIN
		}
		return
	case "slowdown":
		io.Copy(io.Discard, req.Body)
		body := `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`
		c.Write([]byte("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nConnection: close\r\nContent-Length: " +
			strconv.Itoa(len(body)) + "\r\n\r\n" + body))
		return
	case "stall":
		io.Copy(io.Discard, req.Body)
		time.Sleep(p.stall)
		return
	}
	up, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer up.Close()
	req.Header.Set("Connection", "close")
	if err := req.Write(up); err != nil {
		return
	}
	resp, err := http.ReadResponse(bufio.NewReader(up), req)
	if err != nil {
		return
	}
	resp.Close = true
	resp.Write(c)
}

// TestConvergesThroughFaults publishes through the fault proxy: with its
// retries, publish finishes — or a run fails listing what failed and the
// next run finishes — and the bucket then holds exactly the output.
func TestConvergesThroughFaults(t *testing.T) {
	srv := s3Server(t)
	direct := srv.bucket(t)
	bucket := direct[len("s3://"):strings.Index(direct, "?")]
	proxy := newFaultProxy(t, srv.addr, 3*time.Second)
	target := srv.url(bucket, proxy.addr())
	f := newFixture(t)
	var runs []string
	for run := 1; ; run++ {
		res, err := publish.Run(context.Background(), publish.Options{
			Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4,
			RequestTimeout: time.Second, Attempts: 8,
		})
		if err == nil {
			runs = append(runs, "ok")
			break
		}
		runs = append(runs, err.Error())
		if !publish.MayPass(res, err) {
			t.Errorf("run %d failed through faults that pass with time (%v), yet MayPass is false", run, err)
		}
		if res != nil && len(res.Failed) == 0 && res.Plan != nil {
			t.Errorf("run %d failed (%v) without naming the failed files", run, err)
		}
		if run == 5 {
			t.Fatalf("publish did not converge in 5 runs: %q", runs)
		}
	}
	t.Logf("runs: %q; proxy: %v", runs, proxy.counts)
	if proxy.counts["reset"] == 0 || proxy.counts["slowdown"] == 0 || proxy.counts["stall"] == 0 {
		t.Errorf("the proxy did not inject every fault: %v", proxy.counts)
	}
	checkBucket(t, direct, f, false, nil)
	// Once converged, another run through the faults changes nothing.
	res, err := publish.Run(context.Background(), publish.Options{
		Out: f.Path("public"), Target: target, MaxDeletes: 256, Workers: 4, RequestTimeout: time.Second, Attempts: 8,
	})
	if err == nil && (res.Uploaded != 0 || res.Deleted != 0) {
		t.Errorf("a run after convergence uploaded %d, deleted %d", res.Uploaded, res.Deleted)
	}
}

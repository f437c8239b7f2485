// Command driver is the one load client of `deno task bench:compare`: Go's
// net/rpc client with the Lambda go1.x message types (lambdagob/interop/messages),
// driving every peer — Go or ours — the same way.
//
//	driver start -port P -payload FILE -- CMD ARGS…  spawn CMD with _LAMBDA_SERVER_PORT=P,
//	                                                 dial until it answers, time the first Invoke
//	driver exec -- CMD ARGS…                         time CMD to its exit, with its peak RSS
//	driver rtt -addr A -payload FILE [-expect FILE] -n N [-warm W] [-window K] [-pid PID]
//	                                                 N invokes over one connection, K in flight;
//	                                                 with -pid also the peer's CPU time per invoke
//	driver rss -addr A -pid PID -payload FILE -n N [-more M]
//	                                                 N invokes, then the peer's peak RSS; M more,
//	                                                 then its RSS growth; with -frame the same
//	                                                 round trips without gob or net/rpc: each
//	                                                 event sent as a 4-byte big-endian length and
//	                                                 its bytes, the same frame expected back (the
//	                                                 floor peer, bench/peers/tcp_echo.ts)
//
// Every mode prints one JSON line. Each reply is checked: no rpc error, no
// function error, and the payload byte-equal to the request's, or to -expect's
// file for a handler that changes its event (the benchmark events are made so
// that Go's encoding/json and JSON.stringify print them byte-equal), so a peer
// that answers wrong fails the run instead of looking fast.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/rpc"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lambdagob/interop/messages"
)

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: driver start|exec|rtt|rss …"))
	}
	mode, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet(mode, flag.ExitOnError)
	addr := fs.String("addr", "", "the peer's address")
	port := fs.Int("port", 0, "start: the port to give the peer")
	payloadFile := fs.String("payload", "", "file with the JSON event (default {})")
	expectFile := fs.String("expect", "", "rtt: file with the reply expected (default: the event)")
	n := fs.Int("n", 1000, "invokes measured")
	warm := fs.Int("warm", 0, "invokes before measuring")
	window := fs.Int("window", 1, "invokes in flight")
	pid := fs.Int("pid", 0, "rss: the peer's process id")
	more := fs.Int("more", 0, "rss: invokes after the peak is read, for the growth")
	frame := fs.Bool("frame", false, "rss: length-prefixed frames echoed, no net/rpc")
	fs.Parse(args)
	payload := []byte("{}")
	if *payloadFile != "" {
		var err error
		payload, err = os.ReadFile(*payloadFile)
		fail(err)
	}
	expect = payload
	if *expectFile != "" {
		var err error
		expect, err = os.ReadFile(*expectFile)
		fail(err)
	}
	var out interface{}
	switch mode {
	case "start":
		out = start(*port, payload, fs.Args())
	case "exec":
		out = execTime(fs.Args())
	case "rtt":
		c := dial(*addr, 10*time.Second)
		defer c.Close()
		run(c, payload, *warm, 1)
		cpu0 := cpuTicks(*pid)
		r := run(c, payload, *n, *window)
		if *pid != 0 {
			// /proc/PID/stat counts clock ticks (USER_HZ, 100 on Linux) over all threads.
			r["cpu_us"] = float64(cpuTicks(*pid)-cpu0) * 1e4 / float64(*n)
		}
		out = r
	case "rss":
		var round func(k int) map[string]interface{}
		if *frame {
			c := dialFrames(*addr, 10*time.Second)
			defer c.Close()
			round = func(k int) map[string]interface{} { return runFrames(c, payload, k) }
		} else {
			c := dial(*addr, 10*time.Second)
			defer c.Close()
			round = func(k int) map[string]interface{} { return run(c, payload, k, 1) }
		}
		r := round(*n)
		peak, rss1, anon, file := status(*pid)
		res := map[string]interface{}{"n": *n, "p50_us": r["p50_us"], "peak_kib": peak, "rss_kib": rss1,
			"anon_kib": anon, "file_kib": file}
		if *more > 0 {
			round(*more)
			_, rss2, _, _ := status(*pid)
			res["more"] = *more
			res["rss_after_kib"] = rss2
			res["growth_kib"] = rss2 - rss1
		}
		out = res
	default:
		fail(fmt.Errorf("unknown mode %q", mode))
	}
	line, err := json.Marshal(out)
	fail(err)
	fmt.Println(string(line))
}

// expect is the reply every invoke must get.
var expect []byte

func request(payload []byte, id int) *messages.InvokeRequest {
	dl := time.Now().Add(60 * time.Second).UnixMilli()
	return &messages.InvokeRequest{
		Payload:            payload,
		RequestId:          "00000000-0000-4000-8000-" + fmt.Sprintf("%012d", id),
		Deadline:           messages.InvokeRequest_Timestamp{Seconds: dl / 1000, Nanos: dl % 1000 * 1e6},
		InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:bench",
	}
}

func check(call *rpc.Call, payload []byte) {
	if call.Error != nil {
		fail(fmt.Errorf("rpc: %v", call.Error))
	}
	resp := call.Reply.(*messages.InvokeResponse)
	if resp.Error != nil {
		fail(fmt.Errorf("function error: %s: %s", resp.Error.Type, resp.Error.Message))
	}
	if !bytes.Equal(resp.Payload, expect) {
		fail(fmt.Errorf("reply payload differs from the one expected (%d vs %d bytes): %.80q", len(resp.Payload), len(expect), resp.Payload))
	}
}

// run makes n invokes with at most window in flight; it returns latency
// percentiles (per call, send to reply) and invokes per second.
func run(c *rpc.Client, payload []byte, n, window int) map[string]interface{} {
	if n == 0 {
		return nil
	}
	lat := make([]time.Duration, 0, n)
	type inflight struct {
		call *rpc.Call
		t0   time.Time
	}
	q := make([]inflight, 0, window)
	done := make(chan *rpc.Call, window)
	t0 := time.Now()
	for i := 0; i < n || len(q) > 0; {
		for i < n && len(q) < window {
			q = append(q, inflight{c.Go("Function.Invoke", request(payload, i), &messages.InvokeResponse{}, done), time.Now()})
			i++
		}
		call := <-done
		now := time.Now()
		for k := range q {
			if q[k].call == call {
				lat = append(lat, now.Sub(q[k].t0))
				q = append(q[:k], q[k+1:]...)
				break
			}
		}
		check(call, payload)
	}
	total := time.Since(t0)
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	pct := func(p float64) float64 {
		k := int(p*float64(len(lat))+0.5) - 1
		if k < 0 {
			k = 0
		}
		if k >= len(lat) {
			k = len(lat) - 1
		}
		return float64(lat[k].Nanoseconds()) / 1e3
	}
	return map[string]interface{}{
		"n": n, "window": window, "p50_us": pct(0.5), "p99_us": pct(0.99),
		"per_s": float64(n) / total.Seconds(),
	}
}

func dial(addr string, within time.Duration) *rpc.Client {
	deadline := time.Now().Add(within)
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			conn.(*net.TCPConn).SetNoDelay(true)
			return rpc.NewClient(conn)
		}
		if time.Now().After(deadline) {
			fail(fmt.Errorf("cannot connect to %s within %v: %v", addr, within, err))
		}
		time.Sleep(200 * time.Microsecond)
	}
}

func dialFrames(addr string, within time.Duration) net.Conn {
	deadline := time.Now().Add(within)
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			conn.(*net.TCPConn).SetNoDelay(true)
			return conn
		}
		if time.Now().After(deadline) {
			fail(fmt.Errorf("cannot connect to %s within %v: %v", addr, within, err))
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// runFrames makes n round trips of one length-prefixed frame each, one at a
// time, each reply checked byte-equal; it returns the p50.
func runFrames(c net.Conn, payload []byte, n int) map[string]interface{} {
	msg := make([]byte, 4+len(payload))
	binary.BigEndian.PutUint32(msg, uint32(len(payload)))
	copy(msg[4:], payload)
	back := make([]byte, len(msg))
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		t0 := time.Now()
		_, err := c.Write(msg)
		fail(err)
		_, err = io.ReadFull(c, back)
		fail(err)
		lat = append(lat, time.Since(t0))
		if !bytes.Equal(back, msg) {
			fail(errors.New("the echoed frame differs from the one sent"))
		}
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	return map[string]interface{}{"n": n, "p50_us": float64(lat[n/2].Nanoseconds()) / 1e3}
}

// start times spawn → first Invoke answered, dialling every 200 µs meanwhile.
func start(port int, payload []byte, argv []string) map[string]interface{} {
	if len(argv) == 0 || port == 0 {
		fail(errors.New("start: -port and a command are required"))
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "_LAMBDA_SERVER_PORT="+strconv.Itoa(port))
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	fail(cmd.Start())
	var conn net.Conn
	var err error
	for {
		conn, err = net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			break
		}
		if time.Since(t0) > 20*time.Second {
			cmd.Process.Kill()
			fail(fmt.Errorf("start: no listener on port %d within 20 s: %v", port, err))
		}
		time.Sleep(200 * time.Microsecond)
	}
	tConn := time.Since(t0)
	c := rpc.NewClient(conn)
	call := c.Go("Function.Invoke", request(payload, 0), &messages.InvokeResponse{}, nil)
	<-call.Done
	tFirst := time.Since(t0)
	c.Close()
	cmd.Process.Kill()
	cmd.Wait()
	check(call, payload)
	return map[string]interface{}{
		"listen_ms": float64(tConn.Microseconds()) / 1e3,
		"first_ms":  float64(tFirst.Microseconds()) / 1e3,
	}
}

// execTime times a command to its exit and reads its peak RSS from rusage.
func execTime(argv []string) map[string]interface{} {
	if len(argv) == 0 {
		fail(errors.New("exec: a command is required"))
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	fail(cmd.Run())
	el := time.Since(t0)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return map[string]interface{}{
		"ms": float64(el.Microseconds()) / 1e3, "cpu_ms": float64(cpu.Microseconds()) / 1e3,
		"peak_kib": ru.Maxrss,
	}
}

// cpuTicks reads utime + stime of a process (all threads), in clock ticks; 0 without a pid.
func cpuTicks(pid int) int64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	fail(err)
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// status reads VmHWM (peak) and VmRSS of a process, KiB.
// status reads a process's peak and current RSS, and the current RSS split into anonymous memory
// (heaps, stacks) and file-backed pages (mostly the executable's code as it runs), in KiB.
func status(pid int) (peak, rss, anon, file int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	fail(err)
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmHWM:":
			peak = v
		case "VmRSS:":
			rss = v
		case "RssAnon:":
			anon = v
		case "RssFile:":
			file = v
		}
	}
	return
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		os.Exit(1)
	}
}

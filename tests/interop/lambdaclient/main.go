// Command lambdaclient is Go's net/rpc client with the Lambda go1.x message
// types: the reference peer that plays the Lambda service against a function.
//
//	lambdaclient -addr 127.0.0.1:PORT [-ping] [-event FILE|-] [-request-id ID]
//	  [-arn ARN] [-deadline-ms UNIXMS] [-trace-id T] [-client-context JSON]
//	  [-cognito-id ID] [-cognito-pool P] [-n COUNT] [-conns C]
//	  [-method NAME] [-timeout DURATION]
//
// It opens -conns connections; on each it sends Function.Ping first when
// -ping is set, then its share of -n Invokes, all sent before any reply is
// awaited (pipelined). With -ping and neither -event nor -n, it only pings.
// The event defaults to {}, the deadline to now + 3 s, the request id to a
// fresh id per call. -method sends the invokes under another method name.
//
// It prints one JSON line per call, connection by connection in send order:
//
//	{"method":"Function.Invoke","seq":N,"conn":C,"error":"","response":{...}}
//
// where response is the reply as encoding/json prints it (Payload as base64;
// null when the call failed). It exits 1 when a connection fails or a reply
// does not arrive within -timeout; rpc errors are reported in "error" only.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/rpc"
	"os"
	"time"

	"lambdagob/interop/messages"
)

type line struct {
	Method   string      `json:"method"`
	Seq      uint64      `json:"seq"`
	Conn     int         `json:"conn"`
	Error    string      `json:"error"`
	Response interface{} `json:"response"`
}

func main() {
	addr := flag.String("addr", "", "the function's address, HOST:PORT (required)")
	ping := flag.Bool("ping", false, "send Function.Ping first on each connection")
	event := flag.String("event", "", "file with the JSON event, - for stdin (default {})")
	requestID := flag.String("request-id", "", "request id (default: a fresh one per call)")
	arn := flag.String("arn", "arn:aws:lambda:us-east-1:123456789012:function:test", "invoked function ARN")
	deadlineMs := flag.Int64("deadline-ms", 0, "deadline, Unix ms (default now + 3000)")
	traceID := flag.String("trace-id", "", "X-Amzn-Trace-Id")
	clientContext := flag.String("client-context", "", "ClientContext JSON")
	cognitoID := flag.String("cognito-id", "", "Cognito identity id")
	cognitoPool := flag.String("cognito-pool", "", "Cognito identity pool id")
	n := flag.Int("n", 1, "number of invokes in all")
	conns := flag.Int("conns", 1, "number of connections")
	method := flag.String("method", "Function.Invoke", "method name for the invokes")
	timeout := flag.Duration("timeout", 30*time.Second, "time allowed for all replies")
	flag.Parse()
	if *addr == "" || *conns < 1 || *n < 0 {
		fmt.Fprintln(os.Stderr, "lambdaclient: -addr is required; -conns ≥ 1; -n ≥ 0")
		flag.Usage()
		os.Exit(2)
	}
	explicit := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	if *ping && !explicit["event"] && !explicit["n"] {
		*n = 0
	}
	payload := []byte("{}")
	if *event != "" {
		var err error
		if *event == "-" {
			payload, err = io.ReadAll(os.Stdin)
		} else {
			payload, err = os.ReadFile(*event)
		}
		fail(err)
	}
	if *deadlineMs == 0 {
		*deadlineMs = time.Now().Add(3 * time.Second).UnixMilli()
	}
	req := messages.InvokeRequest{
		Payload:               payload,
		XAmznTraceId:          *traceID,
		Deadline:              messages.InvokeRequest_Timestamp{Seconds: *deadlineMs / 1000, Nanos: *deadlineMs % 1000 * 1e6},
		InvokedFunctionArn:    *arn,
		CognitoIdentityId:     *cognitoID,
		CognitoIdentityPoolId: *cognitoPool,
	}
	if *clientContext != "" {
		req.ClientContext = []byte(*clientContext)
	}

	type pending struct {
		line
		call *rpc.Call
	}
	var all []pending
	for c := 0; c < *conns; c++ {
		conn, err := net.DialTimeout("tcp", *addr, *timeout)
		fail(err)
		client := rpc.NewClient(conn)
		defer client.Close()
		var seq uint64
		send := func(m string, args, reply interface{}) {
			all = append(all, pending{line{Method: m, Seq: seq, Conn: c}, client.Go(m, args, reply, nil)})
			seq++
		}
		if *ping {
			send("Function.Ping", &messages.PingRequest{}, &messages.PingResponse{})
		}
		share := *n / *conns
		if c < *n%*conns {
			share++
		}
		for i := 0; i < share; i++ {
			r := req
			r.RequestId = *requestID
			if r.RequestId == "" {
				r.RequestId = fmt.Sprintf("00000000-0000-4000-8000-%06d%06d", c, seq)
			}
			send(*method, &r, &messages.InvokeResponse{})
		}
	}
	expired := time.After(*timeout)
	out := json.NewEncoder(os.Stdout)
	for _, p := range all {
		select {
		case <-p.call.Done:
		case <-expired:
			fail(fmt.Errorf("no reply to %s seq %d on connection %d within %v", p.Method, p.Seq, p.Conn, *timeout))
		}
		if p.call.Error != nil {
			p.Error = p.call.Error.Error()
		} else {
			p.Response = p.call.Reply
		}
		fail(out.Encode(p.line))
		if p.call.Error == rpc.ErrShutdown || isNetError(p.call.Error) {
			os.Exit(1)
		}
	}
}

func isNetError(err error) bool {
	if err == nil {
		return false
	}
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return true
	}
	_, ok := err.(net.Error)
	return ok
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "lambdaclient:", err)
		os.Exit(1)
	}
}

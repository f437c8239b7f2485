// Command lambdaserver is a Go net/rpc server with the Lambda go1.x message
// types: the reference peer that plays a function written in Go.
//
//	lambdaserver [-addr 127.0.0.1:0] [-mode json|raw]
//
// It listens on -addr (default: localhost:$_LAMBDA_SERVER_PORT, else a free
// loopback port), prints {"addr":"HOST:PORT"} as its first stdout line and
// serves until killed. Function.Invoke echoes the payload: -mode raw returns
// the bytes as received; -mode json decodes and re-encodes them with
// encoding/json like a typical Go handler. In json mode a payload that is not
// JSON yields an InvokeResponse.Error, and the event {"fail":"MSG"} yields an
// error with Message MSG, Type "handlerError" and two stack frames.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/rpc"
	"os"
	"reflect"

	"lambdagob/interop/messages"
)

// Function is the net/rpc service, registered under the name "Function".
type Function struct{ mode string }

// Ping answers Function.Ping.
func (f *Function) Ping(req *messages.PingRequest, resp *messages.PingResponse) error {
	*resp = messages.PingResponse{}
	return nil
}

// Invoke answers Function.Invoke.
func (f *Function) Invoke(req *messages.InvokeRequest, resp *messages.InvokeResponse) error {
	if f.mode == "raw" {
		*resp = messages.InvokeResponse{Payload: req.Payload}
		return nil
	}
	var event interface{}
	if err := json.Unmarshal(req.Payload, &event); err != nil {
		*resp = messages.InvokeResponse{Error: &messages.InvokeResponse_Error{
			Message: err.Error(),
			Type:    reflect.TypeOf(err).Elem().Name(),
		}}
		return nil
	}
	if m, ok := event.(map[string]interface{}); ok {
		if msg, ok := m["fail"].(string); ok {
			*resp = messages.InvokeResponse{Error: &messages.InvokeResponse_Error{
				Message: msg,
				Type:    "handlerError",
				StackTrace: []*messages.InvokeResponse_Error_StackFrame{
					{Path: "main.go", Line: 42, Label: "handler"},
					{Path: "lambda/entry.go", Line: 7, Label: "Start"},
				},
			}}
			return nil
		}
	}
	out, err := json.Marshal(event)
	if err != nil {
		return err
	}
	*resp = messages.InvokeResponse{Payload: out}
	return nil
}

func main() {
	defAddr := "127.0.0.1:0"
	if port := os.Getenv("_LAMBDA_SERVER_PORT"); port != "" {
		defAddr = "localhost:" + port
	}
	addr := flag.String("addr", defAddr, "listen address")
	mode := flag.String("mode", "json", "json: decode and re-encode the event; raw: echo the bytes")
	flag.Parse()
	if *mode != "json" && *mode != "raw" {
		log.Fatalf("lambdaserver: -mode must be json or raw, got %q", *mode)
	}
	srv := rpc.NewServer()
	if err := srv.RegisterName("Function", &Function{mode: *mode}); err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("lambdaserver: %v", err)
	}
	line, _ := json.Marshal(map[string]string{"addr": ln.Addr().String()})
	fmt.Println(string(line))
	srv.Accept(ln)
}

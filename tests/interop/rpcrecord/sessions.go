package main

import (
	"strings"

	"lambdagob/interop/messages"
)

// call is one net/rpc call of a session.
type call struct {
	method string
	args   interface{}
	reply  func() interface{} // a new reply value of the method's type
}

// session is one connection of a Go net/rpc client to a fresh lambdaserver.
type session struct {
	name        string
	description string
	mode        string // lambdaserver -mode
	pipelined   bool   // send every call before waiting for any reply
	calls       []call
}

var deadline = messages.InvokeRequest_Timestamp{Seconds: 1767225600, Nanos: 123000000}

const arn = "arn:aws:lambda:us-east-1:123456789012:function:hello"

func ping() call {
	return call{"Function.Ping", &messages.PingRequest{}, func() interface{} { return &messages.PingResponse{} }}
}

func invoke(req messages.InvokeRequest) call {
	return call{"Function.Invoke", &req, func() interface{} { return &messages.InvokeResponse{} }}
}

// plain is an Invoke with a request id, deadline and ARN. An empty payload is
// nil: gob does not send it, and it decodes as nil.
func plain(id, payload string) messages.InvokeRequest {
	req := messages.InvokeRequest{RequestId: id, Deadline: deadline, InvokedFunctionArn: arn}
	if payload != "" {
		req.Payload = []byte(payload)
	}
	return req
}

func sessions() []session {
	big := `{"data":"` + strings.Repeat("x", 65536-len(`{"data":""}`)) + `"}`
	full := plain("req-2", `{"key1":"value1","key2":"value2","key3":"value3"}`)
	full.XAmznTraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
	full.CognitoIdentityId = "us-east-1:12345678-1234-1234-1234-123456789012"
	full.CognitoIdentityPoolId = "us-east-1:abcdefab-1234-5678-9abc-def012345678"
	full.ClientContext = []byte(`{"client":{"installation_id":"inst-1","app_title":"App","app_version_code":"7","app_package_name":"com.example.app"},"env":{"locale":"en"},"custom":{"k":"v"}}`)
	var pipelined []call
	for i := 0; i < 8; i++ {
		pipelined = append(pipelined, invoke(plain("pipe-"+string(rune('a'+i)), `{"i":`+string(rune('0'+i))+`}`)))
	}
	return []session{
		{
			name:        "ping_invokes",
			description: "Ping, then Invokes: plain; with trace id, Cognito ids and ClientContext; only a payload; every field empty (not JSON: a handler error); a handler error with stack frames; a 64 KiB payload",
			mode:        "json",
			calls: []call{
				ping(),
				invoke(plain("req-1", `{"name":"ƛ"}`)),
				invoke(full),
				invoke(messages.InvokeRequest{Payload: []byte(`{}`)}),
				invoke(messages.InvokeRequest{}),
				invoke(plain("req-5", `{"fail":"boom"}`)),
				invoke(plain("req-6", big)),
				ping(),
			},
		},
		{
			name:        "raw_echo",
			description: "Ping, then Invokes against -mode raw: payload bytes echoed as received, including bytes that are not JSON and an empty payload",
			mode:        "raw",
			calls: []call{
				ping(),
				invoke(plain("raw-1", `"Hello ƛ!"`)),
				invoke(plain("raw-2", "\x00\xffnot json")),
				invoke(plain("raw-3", "")),
			},
		},
		{
			name:        "unknown_method",
			description: "An unknown method and an unknown service get rpc error responses (with an empty struct body) and the connection stays up",
			mode:        "json",
			calls: []call{
				ping(),
				{"Function.Nope", &messages.PingRequest{}, func() interface{} { return &messages.PingResponse{} }},
				{"Nope.Ping", &messages.PingRequest{}, func() interface{} { return &messages.PingResponse{} }},
				invoke(plain("after-error", `[1,2,3]`)),
			},
		},
		{
			name:        "pipelined",
			description: "Eight Invokes sent before any reply is read; Go's server answers each in its own goroutine, so replies may come in any order",
			mode:        "json",
			pipelined:   true,
			calls:       pipelined,
		},
	}
}

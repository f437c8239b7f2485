// Package messages declares the Lambda go1.x wire types with the same names and
// fields as aws-lambda-go's lambda/messages, so that gob sends the same type
// definitions. The declarations carry no json tags: Go's encoding/json prints
// them with their Go field names (ShouldExit included), which is what the
// fixtures and the lambdaclient output use.
package messages

// PingRequest is the argument of Function.Ping.
type PingRequest struct{}

// PingResponse is the reply of Function.Ping.
type PingResponse struct{}

// InvokeRequest_Timestamp is an absolute Unix time.
type InvokeRequest_Timestamp struct {
	Seconds int64
	Nanos   int64
}

// InvokeRequest is the argument of Function.Invoke.
type InvokeRequest struct {
	Payload               []byte
	RequestId             string
	XAmznTraceId          string
	Deadline              InvokeRequest_Timestamp
	InvokedFunctionArn    string
	CognitoIdentityId     string
	CognitoIdentityPoolId string
	ClientContext         []byte
}

// InvokeResponse is the reply of Function.Invoke.
type InvokeResponse struct {
	Payload []byte
	Error   *InvokeResponse_Error
}

// InvokeResponse_Error is a function error.
type InvokeResponse_Error struct {
	Message    string
	Type       string
	StackTrace []*InvokeResponse_Error_StackFrame
	ShouldExit bool
}

// InvokeResponse_Error_StackFrame is one frame of a function error.
type InvokeResponse_Error_StackFrame struct {
	Path  string
	Line  int32
	Label string
}

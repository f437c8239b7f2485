// Command gofunc is the Go function of `deno task bench:compare` and `deno task
// bench:runtime-api`, written the way aws-lambda-go runs a handler (this is our
// own code, not aws-lambda-go's: it does what its lambda package does on each
// invoke, with only the standard library).
//
//	gofunc -transport rpc|api -handler any|typed|raw [-change]
//
// Transports:
//   - rpc: the go1.x runtime's net/rpc server on localhost:$_LAMBDA_SERVER_PORT,
//     service "Function", methods Ping and Invoke (aws-lambda-go's rpc_function.go).
//   - api: the Runtime API loop on $AWS_LAMBDA_RUNTIME_API, read the way
//     aws-lambda-go's runtime_api_client.go reads: one net/http client, GET
//     /invocation/next with its User-Agent, the event read with
//     bytes.Buffer.ReadFrom into a buffer from a sync.Pool (put back after the
//     response is posted), the response posted as an io.Reader wrapped so that
//     the request declares the error trailers (so it is sent chunked), and the
//     POST's answer drained.
//
// Handlers, each as aws-lambda-go's reflection handler runs a func(T) (T, error):
// the event decoded with a json.Decoder over the payload, the result encoded
// with a json.Encoder (HTML escaping off, the trailing newline cut) into a
// pooled buffer:
//   - any: T is interface{} (maps, slices, float64s): a handler written
//     without a type.
//   - typed: T is the event's struct: []Record for a JSON array, StringEvent
//     for an object (one process serves both benchmark shapes, so it picks by
//     the event's first byte).
//   - raw: a lambda.Handler returning its payload bytes untouched.
//
// -change makes the any and typed handlers read and change the event: each
// record's n grows by the length of its body (records events only).
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/rpc"
	"os"
	"runtime"
	"sync"

	"lambdagob/interop/messages"
)

// StringEvent is the benchmark's one-string event: {"data":"…"}.
type StringEvent struct {
	Data string `json:"data"`
}

// Record is one element of the benchmark's records event.
type Record struct {
	Body string `json:"body"`
	ID   string `json:"id"`
	N    int    `json:"n"`
}

var (
	handlerKind = flag.String("handler", "any", "any | typed | raw")
	change      = flag.Bool("change", false, "add each record's body length to its n")
	outPool     = sync.Pool{New: func() interface{} { return bytes.NewBuffer(nil) }}
)

func changeAny(v interface{}) (interface{}, error) {
	recs, ok := v.([]interface{})
	if !ok {
		return nil, errors.New("-change needs a records event")
	}
	for _, r := range recs {
		m := r.(map[string]interface{})
		m["n"] = m["n"].(float64) + float64(len(m["body"].(string)))
	}
	return recs, nil
}

// handle runs the handler on one payload: the result bytes in out (a pooled
// buffer, or the payload itself for raw).
func handle(payload []byte, out *bytes.Buffer) ([]byte, error) {
	if *handlerKind == "raw" {
		return payload, nil
	}
	dec := json.NewDecoder(bytes.NewBuffer(payload))
	var val interface{}
	switch {
	case *handlerKind == "any":
		var ev interface{}
		if err := dec.Decode(&ev); err != nil {
			return nil, err
		}
		val = ev
		if *change {
			var err error
			if val, err = changeAny(ev); err != nil {
				return nil, err
			}
		}
	case len(payload) > 0 && payload[0] == '[':
		var ev []Record
		if err := dec.Decode(&ev); err != nil {
			return nil, err
		}
		if *change {
			for i := range ev {
				ev[i].N += len(ev[i].Body)
			}
		}
		val = ev
	default:
		if *change {
			return nil, errors.New("-change needs a records event")
		}
		var ev StringEvent
		if err := dec.Decode(&ev); err != nil {
			return nil, err
		}
		val = ev
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(val); err != nil {
		return nil, err
	}
	out.Truncate(out.Len() - 1)
	return out.Bytes(), nil
}

// Function is the go1.x net/rpc service.
type Function struct{}

// Ping answers Function.Ping.
func (Function) Ping(req *messages.PingRequest, resp *messages.PingResponse) error {
	*resp = messages.PingResponse{}
	return nil
}

// Invoke answers Function.Invoke. The result is encoded into a buffer of its
// own: net/rpc writes the reply after this returns, and several invokes may be
// in flight.
func (Function) Invoke(req *messages.InvokeRequest, resp *messages.InvokeResponse) error {
	out, err := handle(req.Payload, bytes.NewBuffer(nil))
	if err != nil {
		*resp = messages.InvokeResponse{Error: &messages.InvokeResponse_Error{Message: err.Error(), Type: "errorString"}}
		return nil
	}
	*resp = messages.InvokeResponse{Payload: out}
	return nil
}

func serveRPC() {
	port := os.Getenv("_LAMBDA_SERVER_PORT")
	if port == "" {
		log.Fatal("gofunc: _LAMBDA_SERVER_PORT is not set")
	}
	srv := rpc.NewServer()
	if err := srv.RegisterName("Function", Function{}); err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "localhost:"+port)
	if err != nil {
		log.Fatalf("gofunc: %v", err)
	}
	srv.Accept(ln)
}

// trailerReader declares the error trailers aws-lambda-go's client declares on
// every POST (which makes net/http send the body chunked).
type trailerReader struct {
	r       io.Reader
	Trailer http.Header
}

func (t *trailerReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.Trailer.Set("Lambda-Runtime-Function-Error-Type", "errorString")
		t.Trailer.Set("Lambda-Runtime-Function-Error-Body", base64.StdEncoding.EncodeToString([]byte(err.Error())))
		return 0, io.EOF
	}
	return n, err
}

func serveAPI() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("gofunc: AWS_LAMBDA_RUNTIME_API is not set")
	}
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	userAgent := "aws-lambda-go/" + runtime.Version()
	client := &http.Client{Timeout: 0}
	inPool := sync.Pool{New: func() interface{} { return bytes.NewBuffer(nil) }}
	for {
		req, err := http.NewRequest(http.MethodGet, base+"next", nil)
		if err != nil {
			log.Fatal(err)
		}
		req.Header.Set("User-Agent", userAgent)
		res, err := client.Do(req)
		if err != nil {
			log.Fatalf("gofunc: next: %v", err)
		}
		if res.StatusCode != http.StatusOK {
			log.Fatalf("gofunc: next answered %d", res.StatusCode)
		}
		payload := inPool.Get().(*bytes.Buffer)
		if _, err := payload.ReadFrom(res.Body); err != nil {
			log.Fatalf("gofunc: reading the event: %v", err)
		}
		res.Body.Close()
		id := res.Header.Get("Lambda-Runtime-Aws-Request-Id")
		out := outPool.Get().(*bytes.Buffer)
		body, herr := handle(payload.Bytes(), out)
		url, contentType := base+id+"/response", "application/json"
		if *handlerKind == "raw" {
			contentType = "application/octet-stream"
		}
		if herr != nil {
			url, body = base+id+"/error", []byte(fmt.Sprintf(`{"errorMessage":%q,"errorType":"errorString"}`, herr.Error()))
		}
		tr := &trailerReader{bytes.NewReader(body), http.Header{
			"Lambda-Runtime-Function-Error-Type": nil,
			"Lambda-Runtime-Function-Error-Body": nil,
		}}
		post, err := http.NewRequest(http.MethodPost, url, tr)
		if err != nil {
			log.Fatal(err)
		}
		post.Trailer = tr.Trailer
		post.Header.Set("User-Agent", userAgent)
		post.Header.Set("Content-Type", contentType)
		pres, err := client.Do(post)
		if err != nil {
			log.Fatalf("gofunc: posting the response: %v", err)
		}
		io.Copy(io.Discard, pres.Body)
		pres.Body.Close()
		if pres.StatusCode != http.StatusAccepted {
			log.Fatalf("gofunc: the response was answered %d", pres.StatusCode)
		}
		out.Reset()
		outPool.Put(out)
		payload.Reset()
		inPool.Put(payload)
	}
}

func main() {
	transport := flag.String("transport", "rpc", "rpc | api")
	flag.Parse()
	switch *handlerKind {
	case "any", "typed", "raw":
	default:
		log.Fatalf("gofunc: -handler must be any, typed or raw, got %q", *handlerKind)
	}
	switch *transport {
	case "rpc":
		serveRPC()
	case "api":
		serveAPI()
	default:
		log.Fatalf("gofunc: -transport must be rpc or api, got %q", *transport)
	}
}

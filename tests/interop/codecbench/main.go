// Command codecbench measures Go's encoding/gob on the values bench/codec_vs_go.ts measures the
// TypeScript codec on, and prints {case: ns/op} as JSON.
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"io"
	"lambdagob/interop/messages"
	"net/rpc"
	"os"
	"strings"
	"testing"
)

type Small struct {
	ID     int
	Name   string
	Score  float64
	Active bool
	Tags   []string
}

// loop replays the same bytes forever (a steady stream of identical messages).
type loop struct {
	b []byte
	i int
}

func (l *loop) Read(p []byte) (int, error) {
	n := copy(p, l.b[l.i:])
	l.i = (l.i + n) % len(l.b)
	return n, nil
}

func payload(n int) []byte {
	if n < 11 {
		n = 11
	}
	return []byte(`{"data":"` + strings.Repeat("x", n-11) + `"}`)
}

func main() {
	out := map[string]float64{}
	run := func(name string, f func(b *testing.B)) {
		r := testing.Benchmark(f)
		out[name] = float64(r.T.Nanoseconds()) / float64(r.N)
	}
	for _, c := range []struct {
		label string
		size  int
	}{{"100 B", 100}, {"10 KB", 10000}, {"1 MB", 1000000}} {
		p := payload(c.size)
		req := messages.InvokeRequest{Payload: p, RequestId: "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
			XAmznTraceId:       "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=53995c3f42cd8ad8;Sampled=1",
			Deadline:           messages.InvokeRequest_Timestamp{Seconds: 1700000000, Nanos: 123000000},
			InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello"}
		var first, again bytes.Buffer
		enc := gob.NewEncoder(&first)
		enc.Encode(rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1})
		enc.Encode(req)
		enc = gob.NewEncoder(io.Discard)
		enc.Encode(rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1})
		enc.Encode(req)
		// the steady-state bytes: a second Encode pair on a stream that already sent the types
		enc2 := gob.NewEncoder(&again)
		enc2.Encode(rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1})
		enc2.Encode(req)
		again.Reset()
		enc2.Encode(rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1})
		enc2.Encode(req)
		values := again.Bytes()
		run("decode Request+InvokeRequest "+c.label, func(b *testing.B) {
			src := &loop{b: append(append([]byte{}, first.Bytes()...), values...)}
			dec := gob.NewDecoder(src)
			var r rpc.Request
			var ir messages.InvokeRequest
			dec.Decode(&r)
			dec.Decode(&ir)
			src.b, src.i = values, 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r = rpc.Request{}
				ir = messages.InvokeRequest{}
				if err := dec.Decode(&r); err != nil {
					panic(err)
				}
				if err := dec.Decode(&ir); err != nil {
					panic(err)
				}
			}
		})
		run("encode Response+InvokeResponse "+c.label, func(b *testing.B) {
			var w bytes.Buffer
			e := gob.NewEncoder(&w)
			resp := messages.InvokeResponse{Payload: p}
			for i := 0; i < b.N; i++ {
				w.Reset()
				e.Encode(rpc.Response{ServiceMethod: "Function.Invoke", Seq: 1})
				e.Encode(resp)
			}
		})
	}
	items := make([]Small, 1000)
	for i := range items {
		items[i] = Small{ID: i, Name: fmt.Sprintf("item-%d", i), Score: float64(i) * 1.5, Active: i%2 == 0, Tags: []string{"a", "bc"}}
	}
	var first, again bytes.Buffer
	e := gob.NewEncoder(&first)
	e.Encode(items)
	e2 := gob.NewEncoder(&again)
	e2.Encode(items)
	again.Reset()
	e2.Encode(items)
	run("decode 1,000 small structs", func(b *testing.B) {
		src := &loop{b: append(append([]byte{}, first.Bytes()...), again.Bytes()...)}
		dec := gob.NewDecoder(src)
		var v []Small
		dec.Decode(&v)
		src.b, src.i = again.Bytes(), 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			v = nil
			if err := dec.Decode(&v); err != nil {
				panic(err)
			}
		}
	})
	run("encode 1,000 small structs", func(b *testing.B) {
		var w bytes.Buffer
		e := gob.NewEncoder(&w)
		for i := 0; i < b.N; i++ {
			w.Reset()
			e.Encode(items)
		}
	})
	j := json.NewEncoder(os.Stdout)
	j.SetIndent("", "  ")
	j.Encode(out)
}

// Command benchgo measures Go's encoding/gob on the messages of the codec
// benchmark (bench/codec_bench.ts), so the two can be compared in one run:
// Request+InvokeRequest decode and Response+InvokeResponse encode with 100 B,
// 10 KB and 1 MB payloads, and a slice of 1,000 small structs both ways.
// As in the Deno benchmark, type definitions are exchanged once beforehand;
// each operation decodes or encodes the values only.
//
//	go run . [-time 1s] [-filter SUBSTRING]
//
// It prints one JSON line per benchmark:
//
//	{"group":"decode Request+InvokeRequest 100 B","name":"go gob decode …","ns_per_op":…,
//	 "bytes_per_op":…,"allocs_per_op":…,"n":…,"go":"go1.19.8"}
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/rpc"
	"os"
	"runtime"
	"strings"
	"testing"

	"lambdagob/interop/messages"
)

// Small is the struct of the struct-heavy benchmark.
type Small struct {
	ID     int
	Name   string
	Score  float64
	Active bool
	Tags   []string
}

type result struct {
	Group       string  `json:"group"`
	Name        string  `json:"name"`
	NsPerOp     float64 `json:"ns_per_op"`
	BytesPerOp  int64   `json:"bytes_per_op"`
	AllocsPerOp int64   `json:"allocs_per_op"`
	N           int     `json:"n"`
	Go          string  `json:"go"`
}

type bench struct {
	group, name string
	fn          func(b *testing.B)
}

// payload is {"data":"xxx…"} of exactly n bytes, like the Deno benchmark's.
func payload(n int) []byte {
	return []byte(`{"data":"` + strings.Repeat("x", n-11) + `"}`)
}

func request(p []byte) messages.InvokeRequest {
	return messages.InvokeRequest{
		Payload:            p,
		RequestId:          "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
		XAmznTraceId:       "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=53995c3f42cd8ad8;Sampled=1",
		Deadline:           messages.InvokeRequest_Timestamp{Seconds: 1700000000, Nanos: 123000000},
		InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
	}
}

// replay serves first once, then again forever: a decoder that has read the
// type definitions keeps reading value messages.
type replay struct {
	first, again []byte
	off          int
	inFirst      bool
}

func (r *replay) Read(p []byte) (int, error) {
	src := r.again
	if r.inFirst {
		src = r.first
	}
	n := copy(p, src[r.off:])
	r.off += n
	if r.off == len(src) {
		r.off, r.inFirst = 0, false
	}
	return n, nil
}

// stream returns the bytes of encode's values with their type definitions,
// and the bytes of the same values encoded again on the same stream.
func stream(encode func(*gob.Encoder) error) (defs, values []byte) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	must(encode(enc))
	defs = append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	must(encode(enc))
	return defs, append([]byte(nil), buf.Bytes()...)
}

func benches() []bench {
	var out []bench
	for _, size := range []struct {
		label string
		n     int
	}{{"100 B", 100}, {"10 KB", 10_000}, {"1 MB", 1_000_000}} {
		p := payload(size.n)
		req := request(p)
		defs, values := stream(func(e *gob.Encoder) error {
			if err := e.Encode(&rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1}); err != nil {
				return err
			}
			return e.Encode(&req)
		})
		out = append(out, bench{"decode Request+InvokeRequest " + size.label, "go gob decode (Decode ×2) " + size.label, func(b *testing.B) {
			dec := gob.NewDecoder(&replay{first: defs, again: values, inFirst: true})
			var h rpc.Request
			var r messages.InvokeRequest
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				h, r = rpc.Request{}, messages.InvokeRequest{}
				must(dec.Decode(&h))
				must(dec.Decode(&r))
				if len(r.Payload) != len(p) {
					log.Fatal("bad payload")
				}
			}
		}})
		resp := messages.InvokeResponse{Payload: p}
		head := rpc.Response{ServiceMethod: "Function.Invoke", Seq: 1}
		out = append(out, bench{"encode Response+InvokeResponse " + size.label, "go gob encode (Encode ×2) " + size.label, func(b *testing.B) {
			var buf bytes.Buffer
			enc := gob.NewEncoder(&buf)
			must(enc.Encode(&head))
			must(enc.Encode(&resp))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				buf.Reset()
				must(enc.Encode(&head))
				must(enc.Encode(&resp))
			}
		}})
	}
	items := make([]Small, 1000)
	for i := range items {
		items[i] = Small{ID: i, Name: fmt.Sprintf("item-%d", i), Score: float64(i) * 1.5, Active: i%2 == 0, Tags: []string{"a", "bc"}}
	}
	defs, values := stream(func(e *gob.Encoder) error { return e.Encode(items) })
	out = append(out, bench{"struct-heavy decode", "go gob decode 1,000 small structs", func(b *testing.B) {
		dec := gob.NewDecoder(&replay{first: defs, again: values, inFirst: true})
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var got []Small
			must(dec.Decode(&got))
			if len(got) != 1000 {
				log.Fatal("bad list")
			}
		}
	}})
	out = append(out, bench{"struct-heavy encode", "go gob encode 1,000 small structs", func(b *testing.B) {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		must(enc.Encode(items))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			buf.Reset()
			must(enc.Encode(items))
		}
	}})
	return out
}

func main() {
	testing.Init()
	benchtime := flag.String("time", "1s", "time per benchmark (testing's -benchtime syntax, e.g. 500ms or 100x)")
	filter := flag.String("filter", "", "run only benchmarks whose group contains this")
	flag.Parse()
	must(flag.Set("test.benchtime", *benchtime))
	out := json.NewEncoder(os.Stdout)
	for _, b := range benches() {
		if !strings.Contains(b.group, *filter) {
			continue
		}
		r := testing.Benchmark(b.fn)
		if r.N == 0 {
			log.Fatalf("benchgo: %s did not run", b.name)
		}
		must(out.Encode(result{b.group, b.name, float64(r.T.Nanoseconds()) / float64(r.N),
			r.AllocedBytesPerOp(), r.AllocsPerOp(), r.N, runtime.Version()}))
	}
}

func must(err error) {
	if err != nil && err != io.EOF {
		log.Fatal(err)
	}
}

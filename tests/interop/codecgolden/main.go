// Command codecgolden prints, as JSON {name: hex}, gob streams that Go 1.19 writes for the
// cases the codec tests check byte for byte (tests/codec_golden_test.ts builds and runs it when
// go is on PATH and compares with the recorded copy in golden.json). The Lambda messages come
// from package messages, so Go names their unnamed types like aws-lambda-go does
// ([]*messages.InvokeResponse_Error_StackFrame).
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"lambdagob/interop/messages"
	"math"
	"net/rpc"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

type Ints struct {
	I   int64
	U   uint64
	S   int8
	B   bool
	F   float64
	Str string
}

type Nested struct {
	Name  string
	Items []Item
	Tags  []string
	Ptr   *Item
	Data  []byte
}

type Item struct {
	ID    int
	Label string
}

type Point struct{ X, Y int }

type Holder struct {
	Name string
	V    interface{}
	N    int
}

type Mid struct{ I interface{} }

type Celsius float64

// GobEncode makes Celsius a GobEncoder (its text, like the fixtures' recorder).
func (c Celsius) GobEncode() ([]byte, error) { return []byte(fmt.Sprint(float64(c))), nil }

// GobDecode is GobEncode's inverse.
func (c *Celsius) GobDecode(b []byte) error {
	_, err := fmt.Sscan(string(b), (*float64)(c))
	return err
}

type Kinds struct {
	F   float64
	F32 float32
	C   complex128
	M   map[string]int
	A   [3]int
	AA  [2][2]string
	U8  uint8
	I16 int16
	T   time.Time
	Z   time.Time
	Cel Celsius
	Ev  Events
}

type Event struct{ Name string }

type Events []Event

type Node struct {
	Val  int
	Next *Node
}

type Tree struct {
	Left, Right *Tree
	Val         string
}

func stream(values ...interface{}) string {
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			panic(err)
		}
	}
	return hex.EncodeToString(b.Bytes())
}

// main without arguments runs itself once per case (type ids are process-wide in Go, so each
// stream must come from a fresh process) and prints {name: hex}; with a case name it prints the
// hex of that case.
func main() {
	cases := build()
	if len(os.Args) > 1 {
		os.Stdout.WriteString(cases[os.Args[1]]())
		return
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	out := map[string]string{"@generated": "by tests/interop/codecgolden (go run ./codecgolden) — do not edit"}
	for _, n := range names {
		b, err := exec.Command(os.Args[0], n).Output()
		if err != nil {
			panic(err)
		}
		out[n] = strings.TrimSpace(string(b))
	}
	e := json.NewEncoder(os.Stdout)
	e.SetIndent("", "  ")
	if err := e.Encode(out); err != nil {
		panic(err)
	}
}

func build() map[string]func() string {
	req := messages.InvokeRequest{
		Payload:            []byte(`{"name":"ƛ"}`),
		RequestId:          "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
		XAmznTraceId:       "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700",
		Deadline:           messages.InvokeRequest_Timestamp{Seconds: 1700000000, Nanos: 123000000},
		InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
	}
	errResp := messages.InvokeResponse{Error: &messages.InvokeResponse_Error{
		Message: "boom", Type: "Error",
		StackTrace: []*messages.InvokeResponse_Error_StackFrame{{Path: "/var/task/index.ts", Line: 12, Label: "handler"}},
	}}
	gob.RegisterName("main.Point", Point{})
	gob.RegisterName("main.Mid", Mid{})
	at := time.Date(2009, 11, 10, 23, 0, 0, 123456789, time.UTC)
	return map[string]func() string{
		"float17":       func() string { return stream(17.0, -0.5, math.Inf(1)) },
		"complex":       func() string { return stream(complex(1.5, -2)) },
		"map_one":       func() string { return stream(map[string]int{"a": 1}, map[string]int{}) },
		"array":         func() string { return stream([3]int{1, 0, 3}) },
		"time_top":      func() string { return stream(at) },
		"time_utc_zone": func() string { return stream(time.Date(1969, 7, 20, 20, 17, 40, 0, time.FixedZone("", -5*3600))) },
		"kinds": func() string {
			return stream(Kinds{F: 2.5, F32: 3.4028235e38, C: complex(0, 1), M: map[string]int{"k": -1},
				A: [3]int{0, 0, 9}, AA: [2][2]string{{"a", ""}, {"", "d"}}, U8: 255, I16: -300, T: at, Cel: 21.5,
				Ev: Events{{"x"}}}, Kinds{})
		},
		"iface": func() string {
			return stream(Holder{Name: "p", V: Point{1, 2}, N: 3}, Holder{V: 7}, Holder{N: 1},
				Holder{V: Point{3, 4}}, Holder{V: "s"})
		},
		"iface_nested": func() string {
			return stream(Holder{Name: "outer", V: Mid{I: Mid{I: Point{5, 6}}}, N: 9}, Holder{V: Mid{I: Point{}}})
		},
		"iface_slice": func() string {
			return stream([]interface{}{1, "two", Point{3, 4}, nil, Mid{I: true}, 2.5})
		},
		"recursive_list": func() string { return stream(Node{1, &Node{2, &Node{3, nil}}}) },
		"recursive_tree": func() string {
			return stream(Tree{Val: "root", Left: &Tree{Val: "l"}, Right: &Tree{Right: &Tree{Val: "rr"}}})
		},
		"int3":         func() string { return stream(3) },
		"int_neg129":   func() string { return stream(-129) },
		"uint256":      func() string { return stream(uint(256)) },
		"string_hello": func() string { return stream("hello") },
		"bytes":        func() string { return stream([]byte{1, 2, 3}) },
		"bool_true":    func() string { return stream(true) },
		"slice_int":    func() string { return stream([]int{1, -1, 0, 1000}) },
		"ints_extremes": func() string {
			return stream(Ints{I: math.MinInt64, U: math.MaxUint64, S: -128, B: true, F: 0, Str: "x"}, Ints{I: math.MaxInt64}, Ints{})
		},
		"nested": func() string {
			return stream(Nested{Name: "n", Items: []Item{{1, "a"}, {0, ""}}, Tags: []string{"", "t"}, Ptr: &Item{ID: 7}, Data: []byte{0}}, Nested{})
		},
		"rpc_invoke": func() string {
			return stream(
				rpc.Request{ServiceMethod: "Function.Invoke", Seq: 1}, req,
				rpc.Request{ServiceMethod: "Function.Invoke", Seq: 2}, messages.InvokeRequest{Payload: []byte("{}")})
		},
		"rpc_ping": func() string { return stream(rpc.Request{ServiceMethod: "Function.Ping"}, struct{}{}) },
		"rpc_response": func() string {
			return stream(
				rpc.Response{ServiceMethod: "Function.Invoke", Seq: 1}, messages.InvokeResponse{Payload: []byte(`"Hello ƛ!"`)},
				rpc.Response{ServiceMethod: "Function.Invoke", Seq: 2}, errResp)
		},
	}
}

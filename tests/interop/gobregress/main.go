// Command gobregress records what Go does for the codec's regression cases,
// one case per process (gob type ids are process-wide, so a fresh process
// numbers types as a fresh Go function would):
//
//	gobregress list          the case names, one a line
//	gobregress CASE          {"decls","type","json":[…],"gob":"<base64>","error":"…"}
//
// decls declares the case's Go types (type is the root); json holds the
// values as encoding/json prints them; gob is the stream a fresh gob.Encoder
// writes for them. For a "null/…" case, json is the input: Go's json.Unmarshal
// into the root type, then gob.Encode; error is the first error on the way.
// For "nofields", gob holds a value of another struct type and then an
// InvokeRequest, and error is what Go's decoder says of the first when asked
// for an InvokeRequest.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"

	"lambdagob/interop/messages"
)

// Recursive types reached in different orders and through different
// containers (the encoder must know a type's id before any definition that
// refers to it).

type Root1 struct {
	F0 []Tree1
	F1 Node1
}
type Tree1 struct {
	Name string
	Kids []Tree1
}
type Node1 struct {
	Val  int
	Next *Node1
}

type Root2 struct {
	M map[string]Tree2
	T Tree2
}
type Tree2 struct {
	Kids map[string]Tree2
	N    int
}

type Root3 struct {
	A [2]Tree3
	L []Tree3
}
type Tree3 struct{ Kids []Tree3 }

type Root4 struct {
	P *Tree4
	S []*Tree4
}
type Tree4 struct {
	Next *Tree4
	Kids []*Tree4
}

type Root5 struct {
	F Forest5
	T Tree5
}
type Forest5 []Tree5
type Tree5 struct{ Kids Forest5 }

type Root6 struct{ As []A6 }
type A6 struct{ Bs []B6 }
type B6 struct {
	As []A6
	M  map[string]B6
}

type Root7 []Tree7
type Tree7 struct {
	Kids []Tree7
	Tags map[string][]Tree7
}

// Strings that start with U+FEFF (a byte order mark) at several places in a
// message.
type RootBOM struct {
	Name string
	A    []string
	M    map[string]string
	B    string
	Raw  []byte
}

// 64-bit integers at their extremes.
type RootWide struct {
	I, J, K int64
	U, V    uint64
	Seq     uint64
}

// Other shares no field with messages.InvokeRequest.
type Other struct{ Zed int }

type nullCase struct {
	root  string
	decls string
	typ   reflect.Type
	json  string
}

type (
	Null0 struct {
		F4 []map[string]int
		P  *int
		S  []string
		M  map[string]int
		I  interface{}
		B  []byte
	}
	Null1 map[string][]*float32
	Null2 []map[string]int
	Null3 map[string]map[string]int
	Null4 []*int
	Null5 struct {
		A [2]map[string]int
		N []interface{}
		Q [][]byte
	}
	Null6 []interface{}
	Null7 struct{ M map[string][]int }
	Null8 map[string]*int
	Null9 []byte
	NullA struct {
		P *Null7
		S []Null7
		R [1]Null7
	}
)

var nulls = []nullCase{
	{"Null0", "type Null0 struct {\n\tF4 []map[string]int\n\tP *int\n\tS []string\n\tM map[string]int\n\tI interface{}\n\tB []byte\n}\n", reflect.TypeOf(Null0{}),
		`{"F4":[null,{"a":1},null],"P":null,"S":null,"M":null,"I":null,"B":null}`},
	{"Null1", "type Null1 map[string][]*float32\n", reflect.TypeOf(Null1{}), `null`},
	{"Null2", "type Null2 []map[string]int\n", reflect.TypeOf(Null2{}), `[null,null]`},
	{"Null3", "type Null3 map[string]map[string]int\n", reflect.TypeOf(Null3{}), `{"a":null}`},
	{"Null4", "type Null4 []*int\n", reflect.TypeOf(Null4{}), `[null]`},
	{"Null5", "type Null5 struct {\n\tA [2]map[string]int\n\tN []interface{}\n\tQ [][]byte\n}\n", reflect.TypeOf(Null5{}),
		`{"A":[null,{"x":1}],"N":[null,"s",null],"Q":[null,"AQ=="]}`},
	{"Null6", "type Null6 []interface{}\n", reflect.TypeOf(Null6{}), `null`},
	{"Null7", "type Null7 struct {\n\tM map[string][]int\n}\n", reflect.TypeOf(Null7{}), `{"M":{"a":null}}`},
	{"Null8", "type Null8 map[string]*int\n", reflect.TypeOf(Null8{}), `{"a":null}`},
	{"Null9", "type Null9 []byte\n", reflect.TypeOf(Null9{}), `null`},
	{"NullA", "type NullA struct {\n\tP *Null7\n\tS []Null7\n\tR [1]Null7\n}\ntype Null7 struct {\n\tM map[string][]int\n}\n", reflect.TypeOf(NullA{}),
		`{"P":null,"S":[null,{"M":null}],"R":[null]}`},
	// One key per map: Go writes a map's entries in random order, so bytes compare only then.
	{"Null1", "type Null1 map[string][]*float32\n", reflect.TypeOf(Null1{}), `{"a":null}`},
	{"Null1", "type Null1 map[string][]*float32\n", reflect.TypeOf(Null1{}), `{"b":[]}`},
}

type output struct {
	Decls string   `json:"decls"`
	Type  string   `json:"type"`
	JSON  []string `json:"json"`
	Gob   string   `json:"gob"`
	Error string   `json:"error,omitempty"`
}

// values makes a case's values and declarations.
func values(name string) (string, string, []interface{}) {
	switch name {
	case "recursive/slice-first":
		return "Root1", "type Root1 struct {\n\tF0 []Tree1\n\tF1 Node1\n}\ntype Tree1 struct {\n\tName string\n\tKids []Tree1\n}\ntype Node1 struct {\n\tVal int\n\tNext *Node1\n}\n",
			[]interface{}{Root1{F0: []Tree1{{Name: "a", Kids: []Tree1{{Name: "b"}, {Kids: []Tree1{{Name: "c"}}}}}}, F1: Node1{Val: 1, Next: &Node1{Val: -2}}}, Root1{}}
	case "recursive/map-first":
		return "Root2", "type Root2 struct {\n\tM map[string]Tree2\n\tT Tree2\n}\ntype Tree2 struct {\n\tKids map[string]Tree2\n\tN int\n}\n",
			[]interface{}{Root2{M: map[string]Tree2{"a": {Kids: map[string]Tree2{"b": {N: 2}}, N: 1}}, T: Tree2{N: 3}}}
	case "recursive/array-first":
		return "Root3", "type Root3 struct {\n\tA [2]Tree3\n\tL []Tree3\n}\ntype Tree3 struct {\n\tKids []Tree3\n}\n",
			[]interface{}{Root3{A: [2]Tree3{{Kids: []Tree3{{}}}, {}}, L: []Tree3{{Kids: []Tree3{{}, {}}}}}}
	case "recursive/pointer-first":
		return "Root4", "type Root4 struct {\n\tP *Tree4\n\tS []*Tree4\n}\ntype Tree4 struct {\n\tNext *Tree4\n\tKids []*Tree4\n}\n",
			[]interface{}{Root4{P: &Tree4{Next: &Tree4{}, Kids: []*Tree4{{}}}, S: []*Tree4{{Kids: []*Tree4{{}}}}}}
	case "recursive/named-slice":
		return "Root5", "type Root5 struct {\n\tF Forest5\n\tT Tree5\n}\ntype Forest5 []Tree5\ntype Tree5 struct {\n\tKids Forest5\n}\n",
			[]interface{}{Root5{F: Forest5{{Kids: Forest5{{}}}}, T: Tree5{Kids: Forest5{{}}}}}
	case "recursive/mutual":
		return "Root6", "type Root6 struct {\n\tAs []A6\n}\ntype A6 struct {\n\tBs []B6\n}\ntype B6 struct {\n\tAs []A6\n\tM map[string]B6\n}\n",
			[]interface{}{Root6{As: []A6{{Bs: []B6{{As: []A6{{}}, M: map[string]B6{"k": {}}}}}}}}
	case "recursive/top-slice":
		return "Root7", "type Root7 []Tree7\ntype Tree7 struct {\n\tKids []Tree7\n\tTags map[string][]Tree7\n}\n",
			[]interface{}{Root7{{Kids: []Tree7{{}}, Tags: map[string][]Tree7{"t": {{Kids: []Tree7{{}}}}}}}}
	case "bom":
		return "RootBOM", "type RootBOM struct {\n\tName string\n\tA []string\n\tM map[string]string\n\tB string\n\tRaw []byte\n}\n",
			[]interface{}{
				RootBOM{Name: "\ufeff", A: []string{"q\x1fbja", "zz\x1fdv", "\ufeffx\n", "\xff\ufeff"}, M: map[string]string{"\ufeffk": "\ufeffv"}, B: "tail\u2028\ufeff", Raw: []byte("\ufeff")},
				RootBOM{Name: "plain", A: []string{"\ufeff\ufeff", ""}, B: "\ufeff"},
			}
	case "wide":
		return "RootWide", "type RootWide struct {\n\tI int64\n\tJ int64\n\tK int64\n\tU uint64\n\tV uint64\n\tSeq uint64\n}\n",
			[]interface{}{
				RootWide{I: math.MaxInt64, J: math.MinInt64, K: 1 << 53, U: math.MaxUint64, V: 1<<53 + 1, Seq: 1 << 63},
				RootWide{I: -(1 << 53) - 1, J: 1<<53 - 1, K: -1, U: 1 << 53, V: 1<<53 - 1, Seq: 9007199254740993},
			}
	}
	return "", "", nil
}

var names = []string{"recursive/slice-first", "recursive/map-first", "recursive/array-first",
	"recursive/pointer-first", "recursive/named-slice", "recursive/mutual", "recursive/top-slice",
	"bom", "wide", "nofields"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gobregress list | gobregress CASE")
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "list" {
		all := append([]string{}, names...)
		for i := range nulls {
			all = append(all, fmt.Sprintf("null/%d", i))
		}
		sort.Strings(all)
		for _, n := range all {
			fmt.Println(n)
		}
		return
	}
	var out output
	var i int
	switch {
	case name == "nofields":
		out = noFields()
	case len(name) > 5 && name[:5] == "null/":
		if _, err := fmt.Sscan(name[5:], &i); err != nil || i < 0 || i >= len(nulls) {
			fmt.Fprintln(os.Stderr, "gobregress: no case", name)
			os.Exit(2)
		}
		out = null(nulls[i])
	default:
		root, decls, vs := values(name)
		if vs == nil {
			fmt.Fprintln(os.Stderr, "gobregress: no case", name)
			os.Exit(2)
		}
		out = output{Decls: decls, Type: root}
		var b bytes.Buffer
		enc := gob.NewEncoder(&b)
		for _, v := range vs {
			if err := enc.Encode(v); err != nil {
				out.Error = err.Error()
				break
			}
			text, err := json.Marshal(v)
			if err != nil {
				panic(err)
			}
			out.JSON = append(out.JSON, string(text))
		}
		out.Gob = base64.StdEncoding.EncodeToString(b.Bytes())
	}
	line, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

func null(c nullCase) output {
	out := output{Decls: c.decls, Type: c.root, JSON: []string{c.json}}
	p := reflect.New(c.typ)
	if err := json.Unmarshal([]byte(c.json), p.Interface()); err != nil {
		out.Error = "json: " + err.Error()
		return out
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(p.Elem().Interface()); err != nil {
		out.Error = err.Error()
		return out
	}
	out.Gob = base64.StdEncoding.EncodeToString(b.Bytes())
	return out
}

func noFields() output {
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	second := messages.InvokeRequest{Payload: []byte(`{"a":1}`), RequestId: "r2"}
	if err := enc.Encode(Other{Zed: 5}); err != nil {
		panic(err)
	}
	if err := enc.Encode(second); err != nil {
		panic(err)
	}
	out := output{Decls: "type Other struct {\n\tZed int\n}\n", Type: "Other", Gob: base64.StdEncoding.EncodeToString(b.Bytes())}
	dec := gob.NewDecoder(&b)
	var req messages.InvokeRequest
	if err := dec.Decode(&req); err != nil {
		out.Error = err.Error()
	}
	req = messages.InvokeRequest{}
	if err := dec.Decode(&req); err != nil {
		panic(err)
	}
	text, _ := json.Marshal(req)
	out.JSON = []string{string(text)}
	return out
}

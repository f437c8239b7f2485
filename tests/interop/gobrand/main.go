// Command gobrand is the random differential peer: it makes random Go types
// with reflect and random values of them, deterministically from a seed, and
// checks gob streams made by another encoder against Go's decoder.
//
//	gobrand gen   -seed S -types N -values K [-case I]  > cases.jsonl
//	gobrand check -seed S -types N -values K  < streams.jsonl
//
// gen prints one JSON line per case i in [0, N) (only case I with -case):
//
//	{"case": i, "decls": "type T …", "gob": "<base64>", "json": ["<value 1>", …],
//	 "input": ["<value 1 before gob>", …], "goOnly": true}
//
// decls declares the root type T, the unnamed struct types inside it as T1,
// T2, … and the pre-declared named types it uses (Point, Node, Tags, Level,
// and the recursive RecSlice, RecMap, RecArr/RecLeaf, Forest/Tree, MutA/MutB,
// RecIface); time.Time is used as is. gob is one stream of the K values
// written by a fresh gob.Encoder; json holds each value as encoding/json
// prints it, except that complex numbers print as [re, im]; input holds the
// values as they were before gob settled them (nil maps and slices as null,
// wherever they were). goOnly marks a case whose interfaces hold RecIface
// values, which JSON cannot carry: check it Go → TS only.
//
// check reads lines {"case": i, "gob": "<base64>"}, rebuilds case i from the
// seed, decodes the stream into K values of T and compares each with the
// case's value (reflect.DeepEqual; a value holding invalid UTF-8 may instead
// equal the value its JSON gives, where U+FFFD stands for the bytes); it prints {"case": i, "ok": true} or
// {"case": i, "ok": false, "error": "…", "want": …, "got": …}, and exits 1 if
// any case failed.
//
// What is generated, so that gob and JSON both carry it exactly:
//   - types: bool, string, int…int64, uint…uint64, float32, float64,
//     complex64, complex128, []byte, slices, arrays (length 0–4), maps with
//     string or integer keys, structs of 0–6 exported fields (sometimes also
//     an embedded Point or Node, or a pointer to one: gob sends it as a field
//     named by its type, the JSON lines promote its fields as encoding/json
//     does, none through a nil pointer), pointers (not
//     to pointers, interfaces, slices or maps), time.Time, interface{}, the named types
//     above; nesting depth ≤ 4 besides the recursive named types, which
//     recurse through a slice, a map value, an array, a named slice type,
//     each other and an interface, and which random containers reach in any
//     order; each case favours one named type, so that it turns up in
//     several positions; the root is sometimes a named type or a slice or
//     map of one, never a pointer or an interface; no chan, func, uintptr.
//   - values: zeros and edges are frequent (every integer width at its
//     extremes); floats are finite; strings come from hostile classes
//     (empty, starting with U+FEFF, holding U+2028, U+2029, NUL, U+FFFD,
//     invalid UTF-8 at a random byte offset in one string of six, 64 KiB or
//     longer in one string of 250 near the top of a value); times are UTC;
//     interfaces hold nil, bool, int (|x| < 2^52), non-integral float64,
//     string, or (goOnly cases) RecIface; slice/array elements and map values
//     are never nil pointers (gob refuses them) but may be nil maps or slices;
//     map keys are valid UTF-8.
//   - each value then makes one gob round trip, and the decoded value is the
//     case's value: that settles what gob does not keep (empty versus nil
//     slices and maps inside structs, pointers to zero scalars, -0).
//     gen verifies that the value survives a second gob round trip and a JSON
//     round trip unchanged (invalid UTF-8 aside: JSON carries it as U+FFFD,
//     and check compares with the value the JSON gives), and stops with an
//     error if not.
//
// The same seed gives the same types, values, decls and json; the gob bytes
// of a value holding a map of two or more entries vary between runs (Go sends
// map entries in random order).
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"reflect"
)

// testCase is one random type and its values.
type testCase struct {
	index  int
	root   reflect.Type
	values []reflect.Value // after one gob round trip
	json   []string
	input  []string // the values before the round trip, as JSON (nulls where they were nil)
	goOnly bool     // interfaces hold structs, which JSON cannot carry: checked Go → TS only
	stream []byte
}

// makeCase builds case i; it depends only on the seed and i.
func makeCase(seed int64, i, k int) (*testCase, error) {
	r := rand.New(rand.NewSource(seed*1_000_003 + int64(i)))
	c := &testCase{index: i, root: randRoot(r)}
	hasIface := usesType(c.root, ifaceType, map[reflect.Type]bool{})
	ifaceStructs = usesType(c.root, recIfaceType, map[reflect.Type]bool{}) ||
		(hasIface && r.Intn(8) == 0)
	c.goOnly = ifaceStructs && hasIface
	raw := make([]reflect.Value, k)
	for j := range raw {
		raw[j] = randValue(r, c.root, 1)
		repair(raw[j])
		var text bytes.Buffer
		writeJSON(&text, raw[j])
		c.input = append(c.input, text.String())
	}
	var err error
	if c.values, err = roundTrip(c.root, raw); err != nil {
		return nil, fmt.Errorf("case %d: first gob round trip: %w", i, err)
	}
	again, err := roundTrip(c.root, c.values)
	if err != nil {
		return nil, fmt.Errorf("case %d: second gob round trip: %w", i, err)
	}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for j, v := range c.values {
		if !reflect.DeepEqual(v.Interface(), again[j].Interface()) {
			return nil, fmt.Errorf("case %d value %d: changed by a second gob round trip", i, j)
		}
		var text bytes.Buffer
		writeJSON(&text, v)
		if !c.goOnly {
			back, err := readJSON(text.String(), c.root)
			if err != nil {
				return nil, fmt.Errorf("case %d value %d: reading its JSON: %w", i, j, err)
			}
			// JSON carries invalid UTF-8 as U+FFFD: then the check compares with
			// the value JSON gives (both sides read the same JSON)
			if !reflect.DeepEqual(v.Interface(), back.Interface()) && !hasInvalidUTF8(v) {
				return nil, fmt.Errorf("case %d value %d: changed by a JSON round trip: %s", i, j, text.String())
			}
		}
		c.json = append(c.json, text.String())
		if err := enc.Encode(v.Interface()); err != nil {
			return nil, err
		}
	}
	c.stream = buf.Bytes()
	return c, nil
}

// roundTrip encodes the values with one fresh encoder and decodes them with
// one fresh decoder.
func roundTrip(t reflect.Type, values []reflect.Value) ([]reflect.Value, error) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for _, v := range values {
		if err := enc.Encode(v.Interface()); err != nil {
			return nil, err
		}
	}
	return decodeAll(t, buf.Bytes(), len(values))
}

func decodeAll(t reflect.Type, stream []byte, k int) ([]reflect.Value, error) {
	rd := bytes.NewReader(stream)
	dec := gob.NewDecoder(rd)
	out := make([]reflect.Value, k)
	for j := range out {
		p := reflect.New(t)
		if err := dec.Decode(p.Interface()); err != nil {
			return nil, fmt.Errorf("value %d: %w", j, err)
		}
		out[j] = p.Elem()
	}
	if rd.Len() > 0 {
		return nil, fmt.Errorf("%d bytes left after %d values", rd.Len(), k)
	}
	return out, nil
}

type genLine struct {
	Case   int      `json:"case"`
	Decls  string   `json:"decls"`
	Gob    string   `json:"gob"`
	JSON   []string `json:"json"`
	Input  []string `json:"input"`
	GoOnly bool     `json:"goOnly,omitempty"`
}

type checkIn struct {
	Case *int   `json:"case"`
	Gob  string `json:"gob"`
}

type checkOut struct {
	Case  int             `json:"case"`
	OK    bool            `json:"ok"`
	Error string          `json:"error,omitempty"`
	Want  json.RawMessage `json:"want,omitempty"`
	Got   json.RawMessage `json:"got,omitempty"`
}

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "gen" && os.Args[1] != "check") {
		fmt.Fprintln(os.Stderr, "usage: gobrand gen|check -seed S -types N -values K")
		os.Exit(2)
	}
	flags := flag.NewFlagSet("gobrand "+os.Args[1], flag.ExitOnError)
	seed := flags.Int64("seed", 1, "seed")
	types := flags.Int("types", 100, "number of random types (cases)")
	values := flags.Int("values", 10, "values per type")
	only := flags.Int("case", -1, "gen: print only this case (to reproduce one)")
	flags.Parse(os.Args[2:])
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	w := json.NewEncoder(out)
	if os.Args[1] == "gen" {
		for i := 0; i < *types; i++ {
			if *only >= 0 && i != *only {
				continue
			}
			c, err := makeCase(*seed, i, *values)
			if err != nil {
				out.Flush()
				fmt.Fprintln(os.Stderr, "gobrand gen:", err)
				os.Exit(1)
			}
			w.Encode(genLine{i, decls(c.root), base64.StdEncoding.EncodeToString(c.stream), c.json, c.input, c.goOnly})
		}
		return
	}
	var failed, total int
	var first string
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(nil, 1<<30)
	for in.Scan() {
		res := check(*seed, *types, *values, in.Bytes())
		total++
		if !res.OK {
			if failed == 0 {
				first = fmt.Sprintf("case %d: %s", res.Case, res.Error)
			}
			failed++
		}
		w.Encode(res)
	}
	if err := in.Err(); err != nil {
		w.Encode(checkOut{Case: -1, Error: "reading stdin: " + err.Error()})
		failed, first = failed+1, "reading stdin: "+err.Error()
	}
	out.Flush()
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "gobrand check: %d of %d cases failed; first: %s\n", failed, total, first)
		os.Exit(1)
	}
}

func check(seed int64, types, k int, line []byte) checkOut {
	var in checkIn
	if err := json.Unmarshal(line, &in); err != nil || in.Case == nil {
		return checkOut{Case: -1, Error: fmt.Sprintf("bad input line %q: %v", line, err)}
	}
	res := checkOut{Case: *in.Case}
	if res.Case < 0 || res.Case >= types {
		res.Error = fmt.Sprintf("case %d is outside [0, %d)", res.Case, types)
		return res
	}
	stream, err := base64.StdEncoding.DecodeString(in.Gob)
	if err != nil {
		res.Error = "gob is not base64: " + err.Error()
		return res
	}
	c, err := makeCase(seed, res.Case, k)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	got, err := decodeAll(c.root, stream, k)
	if err != nil {
		res.Error = "decoding the stream: " + err.Error()
		return res
	}
	for j, g := range got {
		want := c.values[j]
		if !c.goOnly && hasInvalidUTF8(want) && !reflect.DeepEqual(want.Interface(), g.Interface()) {
			// JSON carried the invalid bytes as U+FFFD: compare with the value the JSON gives
			if want, err = readJSON(c.json[j], c.root); err != nil {
				res.Error = fmt.Sprintf("value %d: reading its JSON: %v", j, err)
				return res
			}
		}
		if !reflect.DeepEqual(want.Interface(), g.Interface()) {
			var text bytes.Buffer
			writeJSON(&text, g)
			res.Error = fmt.Sprintf("value %d differs", j)
			res.Want, res.Got = json.RawMessage(c.json[j]), json.RawMessage(text.Bytes())
			return res
		}
	}
	res.OK = true
	return res
}

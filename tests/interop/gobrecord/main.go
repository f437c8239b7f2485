// Command gobrecord records the gob fixtures: for each fixture it encodes the
// values with one fresh gob.Encoder into <out>/<name>.gob, decodes the stream
// back with a fresh gob.Decoder and prints each decoded value as JSON, one
// line each, into <out>/<name>.json, and lists every fixture in
// <out>/index.json. Each fixture is recorded by a fresh process (the program
// runs itself with -fixture NAME), so its type ids start at 65 in first-use
// order, as a fresh Go program's would.
//
//	go run ./gobrecord -out ../fixtures/gob
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
)

// entry is one fixture's line in index.json.
type entry struct {
	Name               string            `json:"name"`
	Category           string            `json:"category"`
	Type               string            `json:"type,omitempty"`
	Types              []string          `json:"types"`
	Decls              string            `json:"decls"`
	Marshalers         map[string]string `json:"marshalers,omitempty"`
	DecodeType         string            `json:"decodeType,omitempty"`
	DecodeDecls        string            `json:"decodeDecls,omitempty"`
	Values             int               `json:"values"`
	Bytes              int               `json:"bytes"`
	DeterministicBytes bool              `json:"deterministicBytes"`
	Notes              string            `json:"notes,omitempty"`
}

type index struct {
	Generated   string   `json:"@generated"`
	Conventions []string `json:"conventions"`
	Fixtures    []entry  `json:"fixtures"`
}

var conventions = []string{
	"<name>.gob is one gob stream written by one fresh gob.Encoder (Go 1.19): one Encode call per value, in order.",
	"<name>.json has one line per value: encoding/json's output for the value decoded back from the stream by a fresh gob.Decoder into the type in 'types' (or 'decodeType').",
	"Extensions where encoding/json cannot print a value: float NaN/+Inf/-Inf are the strings \"NaN\", \"+Inf\", \"-Inf\"; complex numbers are [re, im]; map keys json rejects (bool, float, array) are printed with Go's %v.",
	"float32 values are printed by encoding/json with float32 precision (the wire holds them as float64).",
	"The GobEncoder/BinaryMarshaler types of the recorder (see 'marshalers') print as base64 of the bytes they put on the wire; time.Time prints as RFC 3339 with nanoseconds. Go's gob never uses TextMarshaler: such types travel as structs and print as structs.",
	"Pointers do not exist on the wire: decls show the sender's types; a nil pointer prints null.",
	"Field names print as the Go field names (no json tags); an embedded struct prints as a field named after its type, as gob sends it (encoding/json would flatten it).",
	"deterministicBytes false: the bytes differ between recordings (map order); compare decoded values only.",
	"Each fixture is recorded by a fresh Go process: type ids start at 65 in first-use order (what an encoder that numbers types per stream produces), except in typeids_gaps, which burns ids first.",
}

func main() {
	out := flag.String("out", "../fixtures/gob", "output directory")
	only := flag.String("fixture", "", "record only this fixture, in this process, and print its index entry")
	flag.Parse()
	must(os.MkdirAll(*out, 0o755))
	idx := index{
		Generated:   "by tests/interop/gobrecord (go run ./gobrecord in tests/interop) — do not edit",
		Conventions: conventions,
	}
	if *only != "" {
		for _, f := range fixtures() {
			if f.name == *only {
				e, err := record(*out, f)
				if err != nil {
					log.Fatalf("gobrecord: %s: %v", f.name, err)
				}
				must(json.NewEncoder(os.Stdout).Encode(e))
				return
			}
		}
		log.Fatalf("gobrecord: no fixture %q", *only)
	}
	self, err := os.Executable()
	must(err)
	for _, f := range fixtures() {
		// A fresh process per fixture: type ids start at 65 in first-use order.
		cmd := exec.Command(self, "-out", *out, "-fixture", f.name)
		cmd.Stderr = os.Stderr
		line, err := cmd.Output()
		if err != nil {
			log.Fatalf("gobrecord: fixture %s: %v", f.name, err)
		}
		var e entry
		must(json.Unmarshal(line, &e))
		idx.Fixtures = append(idx.Fixtures, e)
	}
	b, err := json.MarshalIndent(idx, "", "  ")
	must(err)
	must(os.WriteFile(filepath.Join(*out, "index.json"), append(b, '\n'), 0o644))
	fmt.Fprintf(os.Stderr, "gobrecord: %d fixtures in %s\n", len(idx.Fixtures), *out)
}

// wireType is the type gob sees for x: pointers are followed.
func wireType(x interface{}) reflect.Type {
	t := reflect.TypeOf(x)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func record(dir string, f fixture) (entry, error) {
	for _, v := range f.burn {
		if err := gob.NewEncoder(io.Discard).Encode(v); err != nil {
			return entry{}, err
		}
	}
	var stream bytes.Buffer
	enc := gob.NewEncoder(&stream)
	e := entry{Name: f.name, Category: f.category, Values: len(f.values),
		DeterministicBytes: !f.unstable, Notes: f.notes}
	var types []reflect.Type
	for i, v := range f.values {
		if err := enc.Encode(v); err != nil {
			return e, fmt.Errorf("encode value %d: %w", i, err)
		}
		t := wireType(v)
		types = append(types, t)
		e.Types = append(e.Types, typeExpr(t))
	}
	e.Decls, e.Marshalers = declsOf(types...)
	if e.Types[0] != "" && allSame(e.Types) {
		e.Type = e.Types[0]
	}
	if f.into != nil {
		t := wireType(f.into)
		e.DecodeType = typeExpr(t)
		e.DecodeDecls, _ = declsOf(t)
		for i := range types {
			types[i] = t
		}
	}
	e.Bytes = stream.Len()

	raw := append([]byte(nil), stream.Bytes()...)
	dec := gob.NewDecoder(&stream)
	var lines bytes.Buffer
	for i, t := range types {
		p := reflect.New(t)
		if err := dec.Decode(p.Interface()); err != nil {
			return e, fmt.Errorf("decode value %d: %w", i, err)
		}
		if err := writeJSON(&lines, p.Elem()); err != nil {
			return e, fmt.Errorf("json of value %d: %w", i, err)
		}
		lines.WriteByte('\n')
	}
	if stream.Len() != 0 {
		return e, fmt.Errorf("%d bytes left after decoding", stream.Len())
	}
	base := filepath.Join(dir, f.name)
	if err := os.WriteFile(base+".gob", raw, 0o644); err != nil {
		return e, err
	}
	return e, os.WriteFile(base+".json", lines.Bytes(), 0o644)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

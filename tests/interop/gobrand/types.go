package main

import (
	"encoding/gob"
	"lambdagob/interop/goexpr"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// The pre-declared named types random types may use. Their declarations are
// printed in every case that uses them.

// Point is a small named struct.
type Point struct {
	X, Y int
}

// Node is a recursive named type.
type Node struct {
	Val  int16
	Next *Node
}

// Tags is a named slice.
type Tags []string

// Level is a named integer.
type Level uint8

// Recursive named types, one through each container: a slice, a map value,
// an array (of slices), a named slice type, two types through each other, and
// an interface (RecIface values hold RecIface values; registered with gob).
// Random types reach them in any order: as a field, an element, a map value,
// behind a pointer, several times in one type.
type (
	RecSlice struct {
		V    int8
		Kids []RecSlice
	}
	RecMap struct {
		S string
		M map[string]RecMap
	}
	// Not [2][]RecArr: Go's encoder gives an array whose element is a slice
	// still being built the element id 0 (type.go, arrayType.init), and then
	// cannot decode its own stream when []RecArr is met first.
	RecArr struct {
		N uint16
		A [2]RecLeaf
	}
	RecLeaf struct{ Next []RecArr }
	Forest  []Tree
	Tree    struct {
		Name string
		Kids Forest
	}
	MutA struct {
		Bs []MutB
		X  int64
	}
	MutB struct {
		A *MutA
		M map[int8]MutA
	}
	RecIface struct {
		N int
		X interface{}
	}
)

func init() { gob.Register(RecIface{}) }

var named = []struct {
	t    reflect.Type
	decl string
	// recursive: printed as is; uses: the other named types its declaration refers to
	recursive bool
	uses      []reflect.Type
}{
	{t: reflect.TypeOf(Point{}), decl: "type Point struct {\n\tX int\n\tY int\n}\n"},
	{t: reflect.TypeOf(Node{}), decl: "type Node struct {\n\tVal  int16\n\tNext *Node\n}\n", recursive: true},
	{t: reflect.TypeOf(Tags{}), decl: "type Tags []string\n"},
	{t: reflect.TypeOf(Level(0)), decl: "type Level uint8\n"},
	{t: reflect.TypeOf(RecSlice{}), decl: "type RecSlice struct {\n\tV    int8\n\tKids []RecSlice\n}\n", recursive: true},
	{t: reflect.TypeOf(RecMap{}), decl: "type RecMap struct {\n\tS string\n\tM map[string]RecMap\n}\n", recursive: true},
	{t: reflect.TypeOf(RecArr{}), decl: "type RecArr struct {\n\tN uint16\n\tA [2]RecLeaf\n}\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(RecLeaf{})}},
	{t: reflect.TypeOf(RecLeaf{}), decl: "type RecLeaf struct {\n\tNext []RecArr\n}\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(RecArr{})}},
	{t: reflect.TypeOf(Forest{}), decl: "type Forest []Tree\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(Tree{})}},
	{t: reflect.TypeOf(Tree{}), decl: "type Tree struct {\n\tName string\n\tKids Forest\n}\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(Forest{})}},
	{t: reflect.TypeOf(MutA{}), decl: "type MutA struct {\n\tBs []MutB\n\tX  int64\n}\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(MutB{})}},
	{t: reflect.TypeOf(MutB{}), decl: "type MutB struct {\n\tA *MutA\n\tM map[int8]MutA\n}\n", recursive: true, uses: []reflect.Type{reflect.TypeOf(MutA{})}},
	{t: reflect.TypeOf(RecIface{}), decl: "type RecIface struct {\n\tN int\n\tX interface{}\n}\n", recursive: true},
}

var recIfaceType = reflect.TypeOf(RecIface{})

var (
	timeType  = reflect.TypeOf(time.Time{})
	ifaceType = reflect.TypeOf((*interface{})(nil)).Elem()
	scalars   = []reflect.Type{
		reflect.TypeOf(false), reflect.TypeOf(""),
		reflect.TypeOf(int(0)), reflect.TypeOf(int8(0)), reflect.TypeOf(int16(0)),
		reflect.TypeOf(int32(0)), reflect.TypeOf(int64(0)),
		reflect.TypeOf(uint(0)), reflect.TypeOf(uint8(0)), reflect.TypeOf(uint16(0)),
		reflect.TypeOf(uint32(0)), reflect.TypeOf(uint64(0)),
		reflect.TypeOf(float32(0)), reflect.TypeOf(float64(0)),
		reflect.TypeOf(complex64(0)), reflect.TypeOf(complex128(0)),
	}
	// Map keys are strings and integers only, so that JSON can carry them.
	keys = []reflect.Type{
		reflect.TypeOf(""), reflect.TypeOf(int(0)), reflect.TypeOf(int8(0)),
		reflect.TypeOf(int64(0)), reflect.TypeOf(uint16(0)), reflect.TypeOf(uint64(0)),
	}
)

const (
	maxDepth  = 4
	maxFields = 6
	maxArray  = 4
)

// randType makes a random type that gob and JSON can both carry exactly.
func randType(r *rand.Rand, depth int) reflect.Type {
	n := r.Intn(100)
	if depth >= maxDepth {
		n = r.Intn(45)
	}
	switch {
	case n < 45:
		return scalars[r.Intn(len(scalars))]
	case n < 53:
		if r.Intn(4) == 0 {
			return reflect.TypeOf([]byte(nil))
		}
		return reflect.SliceOf(randType(r, depth+1))
	case n < 60:
		return reflect.ArrayOf(r.Intn(maxArray+1), randType(r, depth+1))
	case n < 68:
		return reflect.MapOf(keys[r.Intn(len(keys))], randType(r, depth+1))
	case n < 80:
		return randStruct(r, depth+1)
	case n < 86:
		// No pointers to pointers or interfaces (gob flattens them), nor to
		// slices or maps (JSON's null could not tell a nil pointer from a
		// pointer to a nil slice).
		elem := randType(r, depth+1)
		for !pointable(elem) {
			elem = randType(r, depth+1)
		}
		return reflect.PointerTo(elem)
	case n < 88:
		return timeType
	case n < 95:
		return namedType(r)
	default:
		return ifaceType
	}
}

// favorite is the named type a case uses most, so that one named type turns
// up in several positions of a type (set per case by randRoot).
var favorite reflect.Type

// namedType picks a named type: the case's favorite half of the time.
func namedType(r *rand.Rand) reflect.Type {
	if favorite != nil && r.Intn(2) == 0 {
		return favorite
	}
	return named[r.Intn(len(named))].t
}

func pointable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return false
	}
	return true
}

func randStruct(r *rand.Rand, depth int) reflect.Type {
	fields := make([]reflect.StructField, r.Intn(maxFields+1))
	for i := range fields {
		fields[i] = reflect.StructField{Name: fieldName(r, i), Type: randType(r, depth)}
	}
	// Sometimes an embedded Point or Node, or a pointer to one: gob sends it as
	// a field named by its type, encoding/json promotes its fields (no other
	// field is named X, Y, Val or Next, so none is shadowed).
	if r.Intn(6) == 0 {
		e := embeddable[r.Intn(len(embeddable))]
		f := reflect.StructField{Name: e.Name(), Type: e, Anonymous: true}
		if r.Intn(2) == 0 {
			f.Type = reflect.PointerTo(e)
		}
		at := r.Intn(len(fields) + 1)
		fields = append(fields[:at], append([]reflect.StructField{f}, fields[at:]...)...)
	}
	return reflect.StructOf(fields)
}

// embeddable are the named structs random structs may embed.
var embeddable = []reflect.Type{reflect.TypeOf(Point{}), reflect.TypeOf(Node{})}

func fieldName(r *rand.Rand, i int) string {
	prefixes := []string{"F", "Field", "X", "Ünï", "Name", "Z"}
	return prefixes[r.Intn(len(prefixes))] + strconv.Itoa(i)
}

// randRoot makes the root type T of a case: a struct most of the time, else
// a slice, array, map, scalar or named type. Never an interface or a pointer
// (gob sends what a top-level pointer points to), nor time.Time (type T
// time.Time would drop its methods, and gob would refuse it).
func randRoot(r *rand.Rand) reflect.Type {
	favorite = named[r.Intn(len(named))].t
	if r.Intn(6) == 0 {
		// A named type itself as the root (recursive ones included), or a container of it.
		switch t := namedType(r); r.Intn(4) {
		case 0:
			return reflect.SliceOf(t)
		case 1:
			return reflect.MapOf(reflect.TypeOf(""), t)
		default:
			return t
		}
	}
	if r.Intn(5) > 0 {
		return randStruct(r, 1)
	}
	for {
		t := randType(r, 1)
		if t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer && t != timeType {
			return t
		}
	}
}

// decls prints the declarations of a case: type T first, then T1, T2, … for
// the unnamed struct types inside it, then the pre-declared named types used.
func decls(root reflect.Type) string {
	p := &printer{names: map[reflect.Type]string{root: "T"}, used: map[reflect.Type]bool{}}
	p.queue = []reflect.Type{root}
	var b strings.Builder
	for len(p.queue) > 0 {
		t := p.queue[0]
		p.queue = p.queue[1:]
		b.WriteString("type " + p.names[t] + " " + p.literal(t) + "\n")
	}
	for _, n := range named {
		if p.used[n.t] {
			b.WriteString(n.decl)
		}
	}
	return b.String()
}

type printer struct {
	names map[reflect.Type]string
	queue []reflect.Type
	used  map[reflect.Type]bool
	next  int
}

func (p *printer) expr(t reflect.Type) string {
	if t == timeType {
		return "time.Time"
	}
	if t.Name() != "" && t.PkgPath() == "main" {
		p.use(t)
		return t.Name()
	}
	if t.Name() != "" {
		return t.Name()
	}
	if t.Kind() == reflect.Struct {
		if _, ok := p.names[t]; !ok {
			p.next++
			p.names[t] = "T" + strconv.Itoa(p.next)
			p.queue = append(p.queue, t)
		}
		return p.names[t]
	}
	return p.literal(t)
}

func (p *printer) literal(t reflect.Type) string { return goexpr.Literal(t, p.expr, true) }

// use notes a named type and those its declaration refers to.
func (p *printer) use(t reflect.Type) {
	if p.used[t] {
		return
	}
	p.used[t] = true
	for _, n := range named {
		if n.t != t {
			continue
		}
		if !n.recursive {
			p.literal(t) // note the named types its declaration uses
		}
		for _, u := range n.uses {
			p.use(u)
		}
	}
}

// usesType reports whether type t refers to u (through any named type's fields too).
func usesType(t, u reflect.Type, seen map[reflect.Type]bool) bool {
	if t == u {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return usesType(t.Elem(), u, seen)
	case reflect.Map:
		return usesType(t.Key(), u, seen) || usesType(t.Elem(), u, seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if usesType(t.Field(i).Type, u, seen) {
				return true
			}
		}
	}
	return false
}

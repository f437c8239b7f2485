package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Types the fixtures use. Each has a purpose named in its comment.

// Point is the small struct of gob's doc.go.
type Point struct {
	X, Y int
}

// Rect nests structs.
type Rect struct {
	Min, Max Point
	Label    string
}

// AllKinds has one field of every scalar kind, in declaration order.
type AllKinds struct {
	B    bool
	I    int
	I8   int8
	I16  int16
	I32  int32
	I64  int64
	U    uint
	U8   uint8
	U16  uint16
	U32  uint32
	U64  uint64
	Uptr uintptr
	F32  float32
	F64  float64
	C64  complex64
	C128 complex128
	S    string
	By   []byte
}

// Wide has twenty fields so that field deltas reach past 15.
type Wide struct {
	F00, F01, F02, F03, F04, F05, F06, F07, F08, F09 int
	F10, F11, F12, F13, F14, F15, F16, F17, F18, F19 int
}

// Hidden has unexported fields that gob neither sends nor expects.
type Hidden struct {
	Shown  string
	hidden int
	Also   int
	secret string
}

// Embeds has an embedded struct: gob sends it as a field named Point.
type Embeds struct {
	Point
	Name string
}

// Ünicode has field names beyond ASCII (Go identifiers may use any letter).
type Ünicode struct {
	Ñame  string
	Ωmega int
	名前    []string
}

// Empty is an empty struct (like Lambda's PingRequest).
type Empty struct{}

// Node is a recursive linked list.
type Node struct {
	Val  int
	Next *Node
}

// Tree recurses through a slice of pointers.
type Tree struct {
	Name string
	Kids []*Tree
}

// Dir recurses through a map.
type Dir struct {
	Files map[string]int
	Subs  map[string]Dir
}

// Ptrs has pointer fields: pointers do not exist on the wire.
type Ptrs struct {
	A *int
	B **string
	C *Point
	D []*Point
}

// Flat is Ptrs without the pointers, to decode Ptrs' stream into.
type Flat struct {
	A int
	B string
	C Point
	D []Point
}

// Sender is the type encoded by the reorder/ignore fixtures.
type Sender struct {
	A int
	B string
	C float64
	D []int
	E map[string]int
	F Point
	G interface{}
	H []Point
	I Celsius
	J [2]string
}

// Receiver decodes Sender's stream: C and A in another order, B..J ignored,
// Z not sent.
type Receiver struct {
	C float64
	Z string
	A int
}

// Holder carries an interface field.
type Holder struct {
	Name string
	V    interface{}
}

// Pair is registered as *Pair: an interface holding a pointer.
type Pair struct {
	K string
	V int
}

// Celsius is a GobEncoder (value receiver) with unexported state.
type Celsius struct {
	tenths int32
}

// GobEncode sends the temperature in tenths of a degree as decimal text.
func (c Celsius) GobEncode() ([]byte, error) {
	return []byte(strconv.Itoa(int(c.tenths))), nil
}

// GobDecode parses what GobEncode sent.
func (c *Celsius) GobDecode(b []byte) error {
	n, err := strconv.ParseInt(string(b), 10, 32)
	c.tenths = int32(n)
	return err
}

// MarshalJSON prints the bytes GobEncode sends, as base64.
func (c Celsius) MarshalJSON() ([]byte, error) { return wireJSON(c.GobEncode()) }

// IPv4 is a BinaryMarshaler (pointer receiver for decoding).
type IPv4 struct {
	a [4]byte
}

// MarshalBinary sends the four bytes.
func (ip IPv4) MarshalBinary() ([]byte, error) { return ip.a[:], nil }

// UnmarshalBinary reads four bytes.
func (ip *IPv4) UnmarshalBinary(b []byte) error {
	if len(b) != 4 {
		return fmt.Errorf("IPv4: want 4 bytes, got %d", len(b))
	}
	copy(ip.a[:], b)
	return nil
}

// MarshalJSON prints the bytes MarshalBinary sends, as base64.
func (ip IPv4) MarshalJSON() ([]byte, error) { return wireJSON(ip.MarshalBinary()) }

// Color is a TextMarshaler, which gob ignores (Go 1.19, golang.org/issue/6760):
// it travels as the plain struct it is.
type Color struct {
	R, G, B uint8
}

// MarshalText returns "#rrggbb".
func (c Color) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)), nil
}

// UnmarshalText parses "#rrggbb".
func (c *Color) UnmarshalText(b []byte) error {
	_, err := fmt.Sscanf(string(b), "#%02x%02x%02x", &c.R, &c.G, &c.B)
	return err
}

// Stamped holds marshalers as struct fields (a zero one is omitted).
type Stamped struct {
	At    time.Time
	Temp  Celsius
	Addr  IPv4
	Color Color
	Zero  time.Time
	Note  string
}

// PtrMarshalers has pointers to marshaler types.
type PtrMarshalers struct {
	At   *time.Time
	Temp *Celsius
}

func wireJSON(b []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return json.Marshal(base64.StdEncoding.EncodeToString(b))
}

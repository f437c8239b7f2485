package main

import (
	"encoding/gob"
	"math"
	"strings"
	"time"
)

// fixture is one recorded stream: values encoded in order by one gob.Encoder.
type fixture struct {
	name     string
	category string
	values   []interface{}
	into     interface{} // when set, the stream is decoded into this value's type
	notes    string
	unstable bool          // the bytes vary between runs (map iteration order)
	burn     []interface{} // encoded first to another encoder, using up type ids
}

func init() {
	gob.Register(Point{})
	gob.Register(Rect{})
	gob.Register(&Pair{})
	gob.Register(Celsius{})
	gob.Register(time.Time{})
	gob.Register([]interface{}{})
	gob.Register(map[string]interface{}{})
	gob.Register(map[float64]string{})
	gob.Register([0]int{})
	gob.Register([2]string{})
}

// iface makes a top-level interface value: gob sends what the pointer points to.
func iface(x interface{}) *interface{} { return &x }

func vals[T any](xs ...T) []interface{} {
	out := make([]interface{}, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// mix lists values of different types.
func mix(xs ...interface{}) []interface{} { return xs }

func ptr[T any](x T) *T { return &x }

var when = time.Date(2009, 11, 10, 23, 0, 0, 123456789, time.UTC)

func fixtures() []fixture {
	f32s := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 0.5, 17, 1e-45, math.MaxFloat32,
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	f64s := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 17, 1e300, 5e-324, math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), 1 << 53, -2.5}
	long := strings.Repeat("gob", 100)
	return []fixture{
		// Scalars at their edges, one top-level value per message.
		{name: "scalar_bool", category: "scalar", values: vals(true, false)},
		{name: "scalar_int", category: "scalar", values: vals(0, 1, -1, 2, -2, 63, 64, -64, -65,
			127, 128, -128, -129, 255, 256, -256, -257, 65535, 65536, 1<<31-1, -1<<31,
			1<<53-1, 1<<53, -(1<<53 - 1), math.MaxInt64, math.MinInt64)},
		{name: "scalar_int8", category: "scalar", values: vals[int8](0, 1, -1, 63, 64, -65, 127, -128)},
		{name: "scalar_int16", category: "scalar", values: vals[int16](0, 127, 128, -129, 255, 256, 32767, -32768)},
		{name: "scalar_int32", category: "scalar", values: vals[int32](0, -1, 65536, math.MaxInt32, math.MinInt32)},
		{name: "scalar_int64", category: "scalar", values: vals[int64](0, 1, -1, 127, 128, 255, 256,
			1<<56-1, 1<<56, -1<<56, math.MaxInt64, math.MinInt64, math.MinInt64+1)},
		{name: "scalar_uint", category: "scalar", values: vals[uint](0, 1, 127, 128, 255, 256, 65535, 65536, 1<<32-1, 1<<32)},
		{name: "scalar_uint8", category: "scalar", values: vals[uint8](0, 1, 127, 128, 255)},
		{name: "scalar_uint16", category: "scalar", values: vals[uint16](0, 255, 256, 65535)},
		{name: "scalar_uint32", category: "scalar", values: vals[uint32](0, 128, 1<<24, math.MaxUint32)},
		{name: "scalar_uint64", category: "scalar", values: vals[uint64](0, 1, 127, 128, 255, 256,
			1<<53-1, 1<<53, 1<<53+1, 1<<63, math.MaxUint64-1, math.MaxUint64)},
		{name: "scalar_uintptr", category: "scalar", values: vals[uintptr](0, 1, 1<<40)},
		{name: "scalar_float32", category: "scalar", values: vals(f32s...),
			notes: "float32 is float on the wire; encoding/json prints a float32 with float32 precision (3.4028235e+38), widened to float64 it reads 3.4028234663852886e+38"},
		{name: "scalar_float64", category: "scalar", values: vals(f64s...)},
		{name: "scalar_complex64", category: "scalar", values: vals[complex64](0, complex(1, -1), complex(0.5, 1e10))},
		{name: "scalar_complex128", category: "scalar", values: vals[complex128](0, complex(1, -1), complex(math.Inf(1), math.NaN()),
			complex(math.MaxFloat64, math.SmallestNonzeroFloat64))},
		{name: "scalar_string", category: "scalar", values: vals("", "a", "Hello ƛ!", "nul\x00byte",
			"tab\tquote\"<&>", long, "\u2028\U0001F600")},
		{name: "scalar_string_invalid_utf8", category: "scalar", values: vals("\xff", "a\xfe\xffb", "\xe2\x82", "ok\xc0\xafend"),
			notes: "strings need not be UTF-8: the .gob holds the raw bytes; encoding/json prints each invalid byte as U+FFFD"},
		{name: "scalar_bytes", category: "scalar", values: vals([]byte{}, []byte{0}, []byte("abc"),
			[]byte{0xff, 0x00, 0x80}, []byte(long))},

		// Slices and arrays at top level and inside structs.
		{name: "slice_int", category: "slice", values: vals([]int{}, []int{0}, []int{1, -1, 0, 300, math.MinInt64})},
		{name: "slice_string", category: "slice", values: vals([]string{"", "a", "\xff"})},
		{name: "slice_float64", category: "slice", values: vals([]float64{0, -0.5, math.Inf(1)})},
		{name: "slice_bool", category: "slice", values: vals([]bool{true, false, true})},
		{name: "slice_nested", category: "slice", values: vals([][]int{{1, 2}, {}, nil, {3}})},
		{name: "slice_of_bytes", category: "slice", values: vals([][]byte{[]byte("ab"), {}, {0xff}})},
		{name: "slice_of_structs", category: "slice", values: vals([]Point{{1, 2}, {}, {-3, 4}})},
		{name: "slice_of_pointers", category: "slice", values: vals([]*Point{{1, 2}, {0, 0}}),
			notes: "gob cannot send a nil pointer inside a slice; pointers vanish on the wire"},
		{name: "slice_long", category: "slice", values: vals(seq(200))},
		{name: "array_int", category: "array", values: vals([3]int{1, 0, -1}, [3]int{})},
		{name: "array_nested", category: "array", values: vals([2][2]string{{"a", "b"}, {"", "d"}})},
		{name: "array_bytes", category: "array", values: vals([4]byte{1, 2, 254, 255}),
			notes: "[4]byte is an array of uint8 on the wire, not []byte"},
		{name: "array_empty", category: "array", values: vals([0]int{})},

		// Maps: single entries (iteration order does not matter) of several key kinds.
		{name: "map_string_int", category: "map", values: vals(map[string]int{"one": 1}, map[string]int{})},
		{name: "map_int_string", category: "map", values: vals(map[int]string{-7: "minus seven"})},
		{name: "map_uint64_bool", category: "map", values: vals(map[uint64]bool{math.MaxUint64: true})},
		{name: "map_int8_float64", category: "map", values: vals(map[int8]float64{-128: 0.25})},
		{name: "map_bool_string", category: "map", values: vals(map[bool]string{true: "yes"}),
			notes: "encoding/json cannot print bool keys: printed with %v"},
		{name: "map_float64_string", category: "map", values: vals(map[float64]string{1.5: "one and a half"}),
			notes: "encoding/json cannot print float keys: printed with %v"},
		{name: "map_array_key", category: "map", values: vals(map[[2]int]string{{1, 2}: "pair"}),
			notes: "encoding/json cannot print array keys: printed with %v"},
		{name: "map_struct_value", category: "map", values: vals(map[string]Point{"p": {5, 6}})},
		{name: "map_slice_value", category: "map", values: vals(map[string][]string{"k": {"a", "b"}})},
		{name: "map_nested", category: "map", values: vals(map[string]map[int]bool{"outer": {3: true}})},
		{name: "map_many_entries", category: "map", unstable: true,
			values: vals(map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}),
			notes:  "several entries: Go sends them in random order, so the bytes differ between recordings; compare decoded values"},

		// Structs.
		{name: "struct_point", category: "struct", values: vals(Point{22, 33}),
			notes: "the example of gob's doc.go"},
		{name: "struct_many_values", category: "struct", values: vals(Point{1, 2}, Point{}, Point{-1, 0}, Point{0, 7}, Point{math.MaxInt64, math.MinInt64}),
			notes: "one type definition, then five values"},
		{name: "struct_all_kinds", category: "struct", values: vals(
			AllKinds{true, -1, -128, -32768, -1 << 31, math.MinInt64, 1, 255, 65535, 1<<32 - 1, math.MaxUint64, 1 << 40,
				1.5, 0.1, complex(1, 2), complex(-3, 4), "s", []byte("by")},
			AllKinds{}, AllKinds{F64: math.NaN(), I8: 1, By: []byte{}})},
		{name: "struct_nested", category: "struct", values: vals(Rect{Point{1, 2}, Point{3, 4}, "r"}, Rect{}, Rect{Max: Point{0, 9}})},
		{name: "struct_omitted_zero", category: "struct", values: vals(
			AllKinds{S: "only S"}, AllKinds{U64: 1}, AllKinds{C128: complex(0, 1)}),
			notes: "zero fields are not sent: field deltas skip them"},
		{name: "struct_wide_deltas", category: "struct", values: vals(Wide{F18: 18}, Wide{F00: 1, F19: 19}, Wide{}),
			notes: "field deltas up to 19"},
		{name: "struct_unexported", category: "struct", values: vals(Hidden{Shown: "yes", hidden: 1, Also: 2, secret: "no"}),
			notes: "unexported fields are not sent and do not count in field numbers"},
		{name: "struct_embedded", category: "struct", values: vals(Embeds{Point{1, 2}, "e"}, Embeds{}),
			notes: "gob sends an embedded struct as a field named after its type (Point); the recorder prints it so, whereas encoding/json would flatten its fields"},
		{name: "struct_unicode_names", category: "struct", values: vals(Ünicode{"ñ", -1, []string{"名"}}),
			notes: "field and type names are UTF-8; 名前 starts with a letter that is not upper case, so it is unexported and not sent"},
		{name: "struct_empty", category: "empty", values: vals(Empty{}, Empty{}),
			notes: "an empty struct: the type definition has no fields; each value is just the end-of-struct 0"},
		{name: "struct_mixed_types", category: "struct", values: mix(Point{1, 1}, Rect{Label: "r"}, Point{2, 2}, []Point{{3, 3}}),
			notes: "several types in one stream; Rect reuses Point's definition"},
		{name: "struct_pointers", category: "struct", values: vals(Ptrs{A: ptr(7), B: ptr(ptr("b")), C: &Point{1, 2}, D: []*Point{{3, 4}}}, Ptrs{}),
			notes: "pointer fields: nil ones are omitted, set ones sent as their pointee"},
		{name: "struct_pointers_into_flat", category: "struct", values: vals(Ptrs{A: ptr(7), B: ptr(ptr("b")), C: &Point{1, 2}, D: []*Point{{3, 4}}}),
			into: Flat{}, notes: "Ptrs' stream decoded into Flat: indirection does not matter on the wire"},

		// Empty things.
		{name: "empty_slices", category: "empty", values: mix([]int{}, []string(nil), []Point{}),
			notes: "top-level empty and nil slices are both sent as count 0 and decode as nil (json null)"},
		{name: "empty_in_struct", category: "empty", values: vals(
			struct {
				S []int
				M map[string]int
				N map[string]int
				B []byte
				E Empty
				A [0]int
			}{S: []int{}, M: map[string]int{}, B: []byte{}}),
			notes: "empty slices are omitted, an empty non-nil map is sent, a nil map omitted, an empty struct and array sent"},

		// Recursive types.
		{name: "recursive_list", category: "recursive", values: vals(Node{1, &Node{2, &Node{3, nil}}}, Node{})},
		{name: "recursive_tree", category: "recursive", values: vals(Tree{"root", []*Tree{{"a", nil}, {"b", []*Tree{{"c", nil}}}}})},
		{name: "recursive_map", category: "recursive", values: vals(Dir{Files: map[string]int{"f": 1}, Subs: map[string]Dir{"sub": {Files: map[string]int{"g": 2}}}})},
		{name: "recursive_deep_list", category: "recursive", values: vals(deepList(100)),
			notes: "a list 100 deep"},

		// Reordered and ignored fields: Sender's stream decoded into Receiver.
		{name: "fields_reordered_ignored", category: "fields", into: Receiver{},
			values: vals(Sender{A: 1, B: "ignored", C: 2.5, D: []int{1}, E: map[string]int{"x": 1}, F: Point{1, 2},
				G: Point{3, 4}, H: []Point{{5, 6}}, I: Celsius{215}, J: [2]string{"j", ""}}, Sender{B: "only ignored"}),
			notes: "decode into Receiver: C and A matched by name in another order, every other kind of field (map, struct, interface with a new type, slice of structs, GobEncoder, array) skipped, Z absent"},
		{name: "fields_sender", category: "fields",
			values: vals(Sender{A: 1, B: "kept", C: 2.5, D: []int{1}, E: map[string]int{"x": 1}, F: Point{1, 2},
				G: Point{3, 4}, H: []Point{{5, 6}}, I: Celsius{215}, J: [2]string{"j", ""}}),
			notes: "the same kind of value decoded into its own type"},

		// Type ids: gob assigns them per process, so a stream may start above 65 and have gaps.
		{name: "typeids_gaps", category: "typeids", burn: mix(Rect{}, AllKinds{}, Wide{}, []Point{}, map[string]Node{}),
			values: vals(Holder{"first", 1}, Holder{"rect", Rect{Label: "r"}}, Holder{"point", Point{1, 2}}),
			notes:  "the recording process encoded other types first (to a discarded stream), so this stream's type ids start above 65 and are not contiguous"},

		// Interfaces.
		{name: "interface_basic", category: "interface", values: vals(Holder{"int", 7}, Holder{"string", "s"}, Holder{"float", 1.5}, Holder{"bool", true})},
		{name: "interface_nil", category: "interface", values: vals(Holder{"nil", nil}, Holder{}),
			notes: "a nil interface field is omitted"},
		{name: "interface_struct_mid_stream", category: "interface", values: vals(
			Holder{"int", 1}, Holder{"point", Point{1, 2}}, Holder{"point again", Point{3, 4}}, Holder{"rect", Rect{Label: "new"}}, Holder{"int again", 2}),
			notes: "new concrete types appear mid-stream: their definitions arrive in the middle of a value, which continues in the next message"},
		{name: "interface_nested", category: "interface", values: vals(
			Holder{"outer", []interface{}{1, "two", Point{3, 4}, nil, map[string]interface{}{"k": []interface{}{true}}}}),
			notes: "interfaces holding slices and maps of interfaces"},
		{name: "interface_pointer", category: "interface", values: vals(Holder{"pair", &Pair{"k", 9}}),
			notes: "registered as *Pair: the interface name starts with *"},
		{name: "interface_marshalers", category: "interface", values: vals(Holder{"celsius", Celsius{-45}}, Holder{"time", when}),
			notes: "interfaces holding GobEncoder values"},
		{name: "interface_top_level", category: "interface", values: vals(iface(42), iface("str"), iface(Point{1, 1}), iface([]interface{}{nil})),
			notes: "top-level interface values (Encode(&x) with x interface{}); decoded into interface{}"},
		{name: "interface_slice_several_types", category: "interface", values: vals(
			[]interface{}{int(1), int8(-2), uint16(3), float32(0.5), float64(-0.5), complex128(1i), "s", []byte("b"), []int{1}, true, nil, Point{}})},
		{name: "interface_map_float_key", category: "interface", values: vals(
			Holder{"micro", map[float64]string{1e-06: "µ"}}, Holder{"big", map[float64]string{1e21: "z"}}, Holder{"empty", map[float64]string{}}),
			notes: "float-keyed maps held in interfaces: keys print as Go's %v of the float (1e-06, 1e+21)"},
		{name: "interface_array_empty", category: "interface", values: vals(
			Holder{"zero length", [0]int{}}, Holder{"zero values", [2]string{}}, Holder{"in a slice", []interface{}{[0]int{}}}),
			notes: "fixed-length arrays held in interfaces: an empty one prints [] (an empty slice would print null)"},

		// Marshalers.
		{name: "marshaler_gobencoder", category: "marshaler", values: vals(Celsius{215}, Celsius{0}, Celsius{-1})},
		{name: "marshaler_binary", category: "marshaler", values: vals(IPv4{[4]byte{127, 0, 0, 1}})},
		{name: "marshaler_text_ignored", category: "marshaler", values: vals(Color{255, 128, 0}),
			notes: "gob ignores TextMarshaler (golang.org/issue/6760): Color is sent as a struct; encoding/json would print it via MarshalText, the recorder prints the struct"},
		{name: "marshaler_time", category: "marshaler", values: vals(when, time.Time{}, time.Date(1969, 7, 20, 20, 17, 40, 0, time.FixedZone("", -5*3600)),
			time.Unix(1700000000, 1).UTC())},
		{name: "marshaler_in_struct", category: "marshaler", values: vals(
			Stamped{At: when, Temp: Celsius{215}, Addr: IPv4{[4]byte{10, 0, 0, 1}}, Color: Color{1, 2, 3}, Note: "zero time omitted"}, Stamped{}),
			notes: "zero marshaler fields (Zero, and all of the second value) are omitted; decoded, they are Go zero values, which the recorder's marshalers print as the bytes they would send (zero Celsius: \"0\" → \"MA==\"; zero IPv4: 4 zero bytes)"},
		{name: "marshaler_pointer_zero", category: "marshaler", values: vals(
			PtrMarshalers{At: &time.Time{}, Temp: &Celsius{}}, PtrMarshalers{}, PtrMarshalers{At: &when}),
			notes: "Go sends a non-nil pointer to a zero marshaler value (it tests the pointer, not the value, for zero) and omits a nil one; a zero time.Time field that is not a pointer is omitted (see marshaler_in_struct)"},
		{name: "marshaler_slice", category: "marshaler", values: mix([]time.Time{when, {}}, map[string]Celsius{"t": {1}})},
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i * i
	}
	return out
}

func deepList(n int) Node {
	var next *Node
	for i := n; i > 1; i-- {
		next = &Node{i, next}
	}
	return Node{1, next}
}

package main

import (
	"math"
	"math/rand"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	intEdges  = []int64{0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 255, 256, -256, 32767, -32768, 65535, 1<<31 - 1, -1 << 31, 1<<53 - 1, -(1<<53 - 1), 1 << 53, math.MaxInt64, math.MinInt64}
	uintEdges = []uint64{0, 1, 127, 128, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, 1<<53 - 1, 1 << 53, 1<<53 + 1, 1 << 63, math.MaxUint64}
	f64Edges  = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.1, 17, 1e300, -1e-300, 5e-324, math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 53, math.MaxFloat32}
	runes     = []rune("aZ09 _-\"\\/\t\n\x00\x7féßƛ€\u2028\u2029\uFEFF\uFFFD😀𝄞")
	// invalid UTF-8: a lone continuation byte, bytes never in UTF-8, a truncated
	// sequence, an encoded surrogate, an overlong encoding
	invalid = []string{"\x80", "\xff", "\xfe", "\xe2\x82", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf"}
)

// randValue makes a random value of t. Zeros and edge values are frequent.
// Floats are finite (JSON has no NaN or Inf); interfaces hold only nil, bool,
// int (|x| < 2^53), non-integral float64 and string; strings are valid UTF-8;
// times are UTC. Whatever gob does not carry exactly (nil versus empty, a
// pointer to a zero scalar in a struct) is settled afterwards by one gob
// round trip (see normalize).
func randValue(r *rand.Rand, t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if r.Intn(6) == 0 {
		return v // the zero value
	}
	switch t.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		for {
			x := randInt(r)
			if !v.OverflowInt(x) {
				v.SetInt(x)
				break
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		for {
			x := randUint(r)
			if !v.OverflowUint(x) {
				v.SetUint(x)
				break
			}
		}
	case reflect.Float32, reflect.Float64:
		v.SetFloat(randFloat(r, t.Bits()))
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(complex(randFloat(r, t.Bits()/2), randFloat(r, t.Bits()/2)))
	case reflect.String:
		v.SetString(randString(r, depth))
	case reflect.Slice:
		n := 1 + r.Intn(4)
		if t.Elem().Kind() == reflect.Uint8 {
			n = r.Intn(40)
		} else if depth > 3 {
			n = r.Intn(2) // recursive types stay small
		}
		if depth > maxDepth+2 {
			n = 0
		}
		v.Set(reflect.MakeSlice(t, n, n))
		for i := 0; i < n; i++ {
			v.Index(i).Set(randElem(r, t.Elem(), depth+1))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).Set(randElem(r, t.Elem(), depth+1))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
		n := r.Intn(4)
		if depth > 3 {
			n = r.Intn(2)
		}
		if depth > maxDepth+2 {
			n = 0
		}
		for i := n; i > 0; i-- {
			k := randValue(r, t.Key(), depth+1)
			if k.Kind() == reflect.String {
				// JSON object keys carry valid UTF-8 only
				k.SetString(strings.ToValidUTF8(k.String(), "\uFFFD"))
			}
			v.SetMapIndex(k, randElem(r, t.Elem(), depth+1))
		}
	case reflect.Struct:
		if t == timeType {
			v.Set(reflect.ValueOf(randTime(r)))
			break
		}
		for i := 0; i < t.NumField(); i++ {
			v.Field(i).Set(randValue(r, t.Field(i).Type, depth+1))
		}
	case reflect.Pointer:
		if depth <= maxDepth+2 {
			p := reflect.New(t.Elem())
			p.Elem().Set(randValue(r, t.Elem(), depth+1))
			v.Set(p)
		}
	case reflect.Interface:
		v.Set(randIface(r, depth))
	}
	return v
}

// randElem makes a slice or array element or a map value: gob sends every
// one of them, so none may be a nil pointer (gob refuses). A nil map or slice
// there is sent empty (and comes back empty, or nil for a slice).
func randElem(r *rand.Rand, t reflect.Type, depth int) reflect.Value {
	v := randValue(r, t, depth)
	if t.Kind() == reflect.Pointer && v.IsNil() {
		v = reflect.New(t.Elem())
	}
	return v
}

func randInt(r *rand.Rand) int64 {
	if r.Intn(3) == 0 {
		return intEdges[r.Intn(len(intEdges))]
	}
	return int64(r.Uint64()) >> r.Intn(64)
}

func randUint(r *rand.Rand) uint64 {
	if r.Intn(3) == 0 {
		return uintEdges[r.Intn(len(uintEdges))]
	}
	return r.Uint64() >> r.Intn(64)
}

func randFloat(r *rand.Rand, bits int) float64 {
	var f float64
	switch r.Intn(3) {
	case 0:
		f = f64Edges[r.Intn(len(f64Edges))]
	case 1:
		f = float64(r.Intn(2001)-1000) / 8
	default:
		for f = math.Inf(1); math.IsInf(f, 0) || math.IsNaN(f); {
			f = math.Float64frombits(r.Uint64())
		}
	}
	if bits == 32 {
		f32 := float32(f)
		for math.IsInf(float64(f32), 0) {
			f32 = float32(r.NormFloat64())
		}
		return float64(f32)
	}
	return f
}

// randString makes a string from hostile classes: often empty, often starting
// with U+FEFF, with U+2028/U+2029/NUL/U+FFFD among its runes, sometimes
// invalid UTF-8 at a random byte offset, rarely 64 KiB or longer (near the
// top of a value only).
func randString(r *rand.Rand, depth int) string {
	rs := make([]rune, r.Intn(12))
	for i := range rs {
		rs[i] = runes[r.Intn(len(runes))]
	}
	if len(rs) > 0 && r.Intn(5) == 0 {
		rs[0] = '\uFEFF'
	}
	s := string(rs)
	if depth <= 2 && r.Intn(250) == 0 {
		s = strings.Repeat(s+"ab\uFEFF\u2028", 1+(1<<16)/(len(s)+8))
	}
	if r.Intn(6) == 0 {
		at := r.Intn(len(s) + 1)
		s = s[:at] + invalid[r.Intn(len(invalid))] + s[at:]
	}
	return s
}

func randTime(r *rand.Rand) time.Time {
	return time.Date(1+r.Intn(9999), time.Month(1+r.Intn(12)), 1+r.Intn(28),
		r.Intn(24), r.Intn(60), r.Intn(60), r.Intn(1e9), time.UTC)
}

// ifaceStructs: whether interfaces may hold RecIface values (set per case:
// JSON cannot carry them, so such cases are checked Go → TS only).
var ifaceStructs bool

func randIface(r *rand.Rand, depth int) reflect.Value {
	var x interface{}
	if ifaceStructs && depth <= maxDepth+2 && r.Intn(3) == 0 {
		x = randValue(r, recIfaceType, depth+1).Interface()
		return reflect.ValueOf(&x).Elem()
	}
	switch r.Intn(5) {
	case 1:
		x = r.Intn(2) == 0
	case 2:
		x = int(randInt(r) >> 11)
	case 3:
		x = float64(r.Intn(1<<20)-1<<19) + 0.5 // never integral
	case 4:
		x = randString(r, depth)
	}
	if x == nil {
		return reflect.Zero(ifaceType)
	}
	return reflect.ValueOf(&x).Elem()
}

// repair replaces the nil pointers gob refuses to send (elements of slices
// and arrays, map values) with pointers to zero values; they come from zero
// values of aggregates, e.g. a zero [2]*int.
func repair(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			repair(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			repair(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			if e.Kind() == reflect.Pointer && e.IsNil() {
				e.Set(reflect.New(e.Type().Elem()))
			}
			repair(e)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(iter.Value())
			if e.Kind() == reflect.Pointer && e.IsNil() {
				e.Set(reflect.New(e.Type().Elem()))
			}
			repair(e)
			v.SetMapIndex(iter.Key(), e)
		}
	}
}

// hasInvalidUTF8 reports whether a string inside v is not valid UTF-8 (JSON
// carries it with U+FFFD instead).
func hasInvalidUTF8(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return !utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && hasInvalidUTF8(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && hasInvalidUTF8(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if hasInvalidUTF8(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if hasInvalidUTF8(iter.Key()) || hasInvalidUTF8(iter.Value()) {
				return true
			}
		}
	}
	return false
}

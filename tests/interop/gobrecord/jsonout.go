package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
)

var (
	jsonMarshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	textMarshaler = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

// writeJSON prints v as encoding/json does, except where encoding/json
// cannot print it at all (the extensions are listed in index.json):
// NaN/±Inf become the strings "NaN", "+Inf", "-Inf"; complex numbers become
// [re, im]; map keys json rejects (bool, float, struct, array) are printed
// with fmt's %v; TextMarshalers print as the structs gob sends, not as text. It returns an error only for kinds gob cannot carry either.
func writeJSON(buf *bytes.Buffer, v reflect.Value) error {
	if !v.IsValid() {
		buf.WriteString("null")
		return nil
	}
	t := v.Type()
	if t.Implements(jsonMarshaler) && !(t.Kind() == reflect.Pointer && v.IsNil()) {
		return leaf(buf, v.Interface())
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return writeJSON(buf, v.Elem())
	case reflect.Float32, reflect.Float64:
		writeFloat(buf, v.Float(), t.Bits())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		buf.WriteByte('[')
		writeFloat(buf, real(c), t.Bits()/2)
		buf.WriteByte(',')
		writeFloat(buf, imag(c), t.Bits()/2)
		buf.WriteByte(']')
	case reflect.Struct:
		buf.WriteByte('{')
		n := 0
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if n > 0 {
				buf.WriteByte(',')
			}
			n++
			leaf(buf, f.Name)
			buf.WriteByte(':')
			if err := writeJSON(buf, v.Field(i)); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case reflect.Map:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		type kv struct {
			k string
			v reflect.Value
		}
		var kvs []kv
		iter := v.MapRange()
		for iter.Next() {
			kvs = append(kvs, kv{keyText(iter.Key()), iter.Value()})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		buf.WriteByte('{')
		for i, e := range kvs {
			if i > 0 {
				buf.WriteByte(',')
			}
			leaf(buf, e.k)
			buf.WriteByte(':')
			if err := writeJSON(buf, e.v); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return leaf(buf, v.Bytes())
		}
		return writeList(buf, v)
	case reflect.Array:
		return writeList(buf, v)
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return leaf(buf, v.Interface())
	default:
		return fmt.Errorf("writeJSON: unsupported kind %s", t.Kind())
	}
	return nil
}

func writeList(buf *bytes.Buffer, v reflect.Value) error {
	buf.WriteByte('[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeJSON(buf, v.Index(i)); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}

func writeFloat(buf *bytes.Buffer, f float64, bits int) {
	switch {
	case math.IsNaN(f):
		buf.WriteString(`"NaN"`)
	case math.IsInf(f, 1):
		buf.WriteString(`"+Inf"`)
	case math.IsInf(f, -1):
		buf.WriteString(`"-Inf"`)
	case bits == 32:
		leaf(buf, float32(f))
	default:
		leaf(buf, f)
	}
}

// keyText is the text of a map key: what encoding/json uses for string,
// integer and TextMarshaler keys, fmt's %v for the rest.
func keyText(k reflect.Value) string {
	if k.Type().Implements(textMarshaler) {
		b, _ := k.Interface().(encoding.TextMarshaler).MarshalText()
		return string(b)
	}
	switch k.Kind() {
	case reflect.String:
		return k.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10)
	}
	return fmt.Sprintf("%v", k.Interface())
}

func leaf(buf *bytes.Buffer, x interface{}) error {
	b, err := json.Marshal(x)
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// writeJSON prints v as encoding/json's Marshal does, plus complex numbers,
// which it cannot print, as [re, im].
func writeJSON(b *bytes.Buffer, v reflect.Value) {
	t := v.Type()
	switch {
	case t == timeType:
		leaf(b, v.Interface())
		return
	case t.Kind() == reflect.Complex64 || t.Kind() == reflect.Complex128:
		c := v.Complex()
		b.WriteByte('[')
		leaf(b, floatOf(real(c), t.Bits()/2))
		b.WriteByte(',')
		leaf(b, floatOf(imag(c), t.Bits()/2))
		b.WriteByte(']')
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
		} else {
			writeJSON(b, v.Elem())
		}
	case reflect.Struct:
		b.WriteByte('{')
		writeFields(b, v, new(int))
		b.WriteByte('}')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		keys := v.MapKeys()
		texts := make([]string, len(keys))
		order := make([]int, len(keys))
		for i, k := range keys {
			texts[i], order[i] = keyText(k), i
		}
		sort.Slice(order, func(i, j int) bool { return texts[order[i]] < texts[order[j]] })
		b.WriteByte('{')
		for n, i := range order {
			if n > 0 {
				b.WriteByte(',')
			}
			leaf(b, texts[i])
			b.WriteByte(':')
			writeJSON(b, v.MapIndex(keys[i]))
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("null")
		} else if t.Elem().Kind() == reflect.Uint8 {
			leaf(b, v.Bytes())
		} else {
			writeList(b, v)
		}
	case reflect.Array:
		writeList(b, v)
	default:
		leaf(b, v.Interface())
	}
}

// writeFields prints the fields of struct v; an embedded struct's fields are
// promoted into v's object as encoding/json does (none through a nil pointer).
// n counts the fields printed so far.
func writeFields(b *bytes.Buffer, v reflect.Value, n *int) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Anonymous {
			e := v.Field(i)
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					continue
				}
				e = e.Elem()
			}
			writeFields(b, e, n)
			continue
		}
		if *n > 0 {
			b.WriteByte(',')
		}
		*n++
		leaf(b, t.Field(i).Name)
		b.WriteByte(':')
		writeJSON(b, v.Field(i))
	}
}

func writeList(b *bytes.Buffer, v reflect.Value) {
	b.WriteByte('[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(b, v.Index(i))
	}
	b.WriteByte(']')
}

func floatOf(f float64, bits int) interface{} {
	if bits == 32 {
		return float32(f)
	}
	return f
}

func keyText(k reflect.Value) string {
	switch k.Kind() {
	case reflect.String:
		return k.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	}
	return strconv.FormatUint(k.Uint(), 10)
}

func leaf(b *bytes.Buffer, x interface{}) {
	out, err := json.Marshal(x)
	if err != nil {
		panic(fmt.Sprintf("gobrand: json of %T: %v", x, err))
	}
	b.Write(out)
}

// readJSON parses text (as writeJSON prints it) into a new value of type t.
// Numbers are exact: integers parse in their Go kind, floats with their bit
// size. In an interface, an integral number is an int, any other a float64.
func readJSON(text string, t reflect.Type) (reflect.Value, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var tree interface{}
	if err := d.Decode(&tree); err != nil {
		return reflect.Value{}, err
	}
	v := reflect.New(t).Elem()
	return v, fill(v, tree)
}

func fill(v reflect.Value, x interface{}) error {
	t := v.Type()
	if x == nil {
		v.Set(reflect.Zero(t))
		return nil
	}
	switch {
	case t == timeType:
		s, ok := x.(string)
		if !ok {
			return fmt.Errorf("time: want a string, got %T", x)
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		v.Set(reflect.ValueOf(tm))
		return err
	case t.Kind() == reflect.Complex64 || t.Kind() == reflect.Complex128:
		pair, ok := x.([]interface{})
		if !ok || len(pair) != 2 {
			return fmt.Errorf("complex: want [re, im], got %v", x)
		}
		re, err1 := strconv.ParseFloat(fmt.Sprint(pair[0]), t.Bits()/2)
		im, err2 := strconv.ParseFloat(fmt.Sprint(pair[1]), t.Bits()/2)
		v.SetComplex(complex(re, im))
		return firstErr(err1, err2)
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		v.Set(p)
		return fill(p.Elem(), x)
	case reflect.Interface:
		if n, ok := x.(json.Number); ok {
			if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
				x = int(i)
			} else if x, err = strconv.ParseFloat(string(n), 64); err != nil {
				return err
			}
		}
		v.Set(reflect.ValueOf(x))
	case reflect.Struct:
		obj, ok := x.(map[string]interface{})
		if !ok {
			return fmt.Errorf("struct: want an object, got %T", x)
		}
		return fillFields(v, obj)
	case reflect.Map:
		obj, ok := x.(map[string]interface{})
		if !ok {
			return fmt.Errorf("map: want an object, got %T", x)
		}
		v.Set(reflect.MakeMap(t))
		for ks, xv := range obj {
			k := reflect.New(t.Key()).Elem()
			if err := fill(k, keyNumber(t.Key(), ks)); err != nil {
				return err
			}
			e := reflect.New(t.Elem()).Elem()
			if err := fill(e, xv); err != nil {
				return err
			}
			v.SetMapIndex(k, e)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			b, err := base64.StdEncoding.DecodeString(fmt.Sprint(x))
			v.SetBytes(b)
			return err
		}
		list, ok := x.([]interface{})
		if !ok {
			return fmt.Errorf("slice: want an array, got %T", x)
		}
		v.Set(reflect.MakeSlice(t, len(list), len(list)))
		return fillList(v, list)
	case reflect.Array:
		list, ok := x.([]interface{})
		if !ok || len(list) != v.Len() {
			return fmt.Errorf("array: want %d elements, got %v", v.Len(), x)
		}
		return fillList(v, list)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			return fmt.Errorf("bool: got %T", x)
		}
		v.SetBool(b)
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			return fmt.Errorf("string: got %T", x)
		}
		v.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(fmt.Sprint(x), 10, t.Bits())
		v.SetInt(i)
		return err
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(fmt.Sprint(x), 10, t.Bits())
		v.SetUint(u)
		return err
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(fmt.Sprint(x), t.Bits())
		v.SetFloat(f)
		return err
	default:
		return fmt.Errorf("unsupported kind %s", t.Kind())
	}
	return nil
}

// fillFields fills struct v from obj; an embedded struct takes its fields from
// obj too, and an embedded pointer is set only when obj has one of them, as
// encoding/json does.
func fillFields(v reflect.Value, obj map[string]interface{}) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			e := v.Field(i)
			if e.Kind() == reflect.Pointer {
				if !hasField(obj, e.Type().Elem()) {
					continue
				}
				e.Set(reflect.New(e.Type().Elem()))
				e = e.Elem()
			}
			if err := fillFields(e, obj); err != nil {
				return err
			}
			continue
		}
		if err := fill(v.Field(i), obj[f.Name]); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// hasField reports whether obj has a key for one of struct t's (promoted) fields.
func hasField(obj map[string]interface{}, t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			e := f.Type
			if e.Kind() == reflect.Pointer {
				e = e.Elem()
			}
			if hasField(obj, e) {
				return true
			}
		} else if _, ok := obj[f.Name]; ok {
			return true
		}
	}
	return false
}

func fillList(v reflect.Value, list []interface{}) error {
	for i, x := range list {
		if err := fill(v.Index(i), x); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return nil
}

// keyNumber turns an object key into what fill expects for the key type.
func keyNumber(t reflect.Type, s string) interface{} {
	if t.Kind() == reflect.String {
		return s
	}
	return json.Number(s)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

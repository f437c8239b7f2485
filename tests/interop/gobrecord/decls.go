package main

import (
	"encoding"
	"encoding/gob"
	"lambdagob/interop/goexpr"
	"reflect"
	"sort"
	"strings"
)

var (
	gobEncoder      = reflect.TypeOf((*gob.GobEncoder)(nil)).Elem()
	binaryMarshaler = reflect.TypeOf((*encoding.BinaryMarshaler)(nil)).Elem()
)

// marshalerKind is the gob wire kind of a type that marshals itself, or "".
// gob prefers GobEncoder, then BinaryMarshaler, and also uses the methods of
// *T for a T. Go 1.19's gob never uses TextMarshaler (golang.org/issue/6760).
func marshalerKind(t reflect.Type) string {
	for _, c := range []reflect.Type{t, reflect.PointerTo(t)} {
		switch {
		case c.Implements(gobEncoder):
			return "GobEncoder"
		case c.Implements(binaryMarshaler):
			return "BinaryMarshaler"
		}
	}
	return ""
}

// typeExpr is t as Go syntax: named types by name (time.Time qualified),
// the others spelled out.
func typeExpr(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == "time" {
			return "time." + t.Name()
		}
		return t.Name()
	}
	return literal(t)
}

func literal(t reflect.Type) string { return goexpr.Literal(t, typeExpr, false) }

// declsOf returns the declarations of the named types (other than time's and
// the predeclared ones) that the given types use, sorted by name, and which
// of them are marshalers.
func declsOf(types ...reflect.Type) (string, map[string]string) {
	seen := map[reflect.Type]bool{}
	var named []reflect.Type
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		if t.Name() != "" && t.PkgPath() == "main" {
			named = append(named, t)
			if marshalerKind(t) != "" {
				return
			}
		}
		if t.PkgPath() == "time" {
			return
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if t.Field(i).IsExported() {
					walk(t.Field(i).Type)
				}
			}
		}
	}
	for _, t := range types {
		walk(t)
	}
	sort.Slice(named, func(i, j int) bool { return named[i].Name() < named[j].Name() })
	var b strings.Builder
	marshalers := map[string]string{}
	for _, t := range named {
		if k := marshalerKind(t); k != "" {
			marshalers[t.Name()] = k
			b.WriteString("// " + t.Name() + " is a " + k + ": on the wire, opaque bytes.\n")
		}
		b.WriteString("type " + t.Name() + " " + literal(t) + "\n")
	}
	return b.String(), marshalers
}

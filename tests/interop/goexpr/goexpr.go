// Package goexpr spells reflect types as Go source, for the programs that print
// the Go declarations of the types they use (gobrand, gobrecord).
package goexpr

import (
	"reflect"
	"strconv"
	"strings"
)

// Literal is t spelled out as a Go type literal (for a named t, the literal of
// its underlying type), with the types it refers to spelled by ref. An embedded
// field is spelled embedded when embed is set, else as the field named by its
// type that gob sends (which is how a gob decoder sees it).
func Literal(t reflect.Type, ref func(reflect.Type) string, embed bool) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + ref(t.Elem())
	case reflect.Slice:
		if t.Elem() == reflect.TypeOf(byte(0)) {
			return "[]byte"
		}
		return "[]" + ref(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + ref(t.Elem())
	case reflect.Map:
		return "map[" + ref(t.Key()) + "]" + ref(t.Elem())
	case reflect.Interface:
		return "interface{}"
	case reflect.Struct:
		if t.NumField() == 0 {
			return "struct{}"
		}
		var b strings.Builder
		b.WriteString("struct {\n")
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous && embed {
				b.WriteString("\t" + ref(f.Type) + "\n") // embedded
				continue
			}
			b.WriteString("\t" + f.Name + " " + ref(f.Type) + "\n")
		}
		b.WriteString("}")
		return b.String()
	}
	return t.Kind().String()
}

// Command codegen prints the type declarations of one Go package directory as JSON, for
// events/codegen/generate.ts. It reads the non-test .go files with go/parser and go/ast only.
//
// Usage: go run . <dir>
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Expr is a Go type expression as a tree.
type Expr struct {
	Kind  string  `json:"kind"` // ident, qual, ptr, slice, array, map, interface, struct, other
	Name  string  `json:"name,omitempty"`
	Pkg   string  `json:"pkg,omitempty"`
	Len   string  `json:"len,omitempty"`
	Elem  *Expr   `json:"elem,omitempty"`
	Key   *Expr   `json:"key,omitempty"`
	Field []Field `json:"fields,omitempty"`
	Text  string  `json:"text,omitempty"` // source text, for kind "other" and "interface"
}

// Tag is the parsed `json:"…"` struct tag.
type Tag struct {
	Present   bool   `json:"present"`
	Name      string `json:"name"`
	Skip      bool   `json:"skip"`
	OmitEmpty bool   `json:"omitempty"`
	String    bool   `json:"string"`
}

// Field is one struct field (one per name when a declaration lists several).
type Field struct {
	Name     string `json:"name"`
	Embedded bool   `json:"embedded"`
	Type     Expr   `json:"type"`
	Tag      Tag    `json:"tag"`
}

// Decl is one top-level type declaration.
type Decl struct {
	Name    string   `json:"name"`
	File    string   `json:"file"`
	Alias   bool     `json:"alias"`
	Type    Expr     `json:"type"`
	Methods []string `json:"methods"`
}

// Package is what the program prints.
type Package struct {
	Package string   `json:"package"`
	Files   []string `json:"files"`
	Decls   []*Decl  `json:"decls"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: codegen <dir>")
		os.Exit(2)
	}
	pkg, err := load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
	out, err := json.MarshalIndent(pkg, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
	os.Stdout.Write(append(out, '\n'))
}

func load(dir string) (*Package, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	pkg := &Package{Files: []string{}, Decls: []*Decl{}}
	byName := map[string]*Decl{}
	type method struct{ recv, name string }
	var methods []method
	for _, path := range names {
		base := filepath.Base(path)
		if strings.HasSuffix(base, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if pkg.Package == "" {
			pkg.Package = f.Name.Name
		} else if pkg.Package != f.Name.Name {
			return nil, fmt.Errorf("%s: package %s, want %s", base, f.Name.Name, pkg.Package)
		}
		pkg.Files = append(pkg.Files, base)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					decl := &Decl{
						Name: ts.Name.Name, File: base, Alias: ts.Assign.IsValid(),
						Type: expr(ts.Type, src, fset), Methods: []string{},
					}
					pkg.Decls = append(pkg.Decls, decl)
					byName[decl.Name] = decl
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				t := d.Recv.List[0].Type
				if star, ok := t.(*ast.StarExpr); ok {
					t = star.X
				}
				if id, ok := t.(*ast.Ident); ok {
					methods = append(methods, method{id.Name, d.Name.Name})
				}
			}
		}
	}
	for _, m := range methods {
		if d := byName[m.recv]; d != nil {
			d.Methods = append(d.Methods, m.name)
		}
	}
	for _, d := range pkg.Decls {
		sort.Strings(d.Methods)
	}
	return pkg, nil
}

func expr(e ast.Expr, src []byte, fset *token.FileSet) Expr {
	switch e := e.(type) {
	case *ast.Ident:
		return Expr{Kind: "ident", Name: e.Name}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return Expr{Kind: "qual", Pkg: x.Name, Name: e.Sel.Name}
		}
	case *ast.StarExpr:
		el := expr(e.X, src, fset)
		return Expr{Kind: "ptr", Elem: &el}
	case *ast.ArrayType:
		el := expr(e.Elt, src, fset)
		if e.Len == nil {
			return Expr{Kind: "slice", Elem: &el}
		}
		return Expr{Kind: "array", Len: text(e.Len, src, fset), Elem: &el}
	case *ast.MapType:
		k, v := expr(e.Key, src, fset), expr(e.Value, src, fset)
		return Expr{Kind: "map", Key: &k, Elem: &v}
	case *ast.InterfaceType:
		return Expr{Kind: "interface", Text: text(e, src, fset)}
	case *ast.StructType:
		return Expr{Kind: "struct", Field: fields(e, src, fset)}
	case *ast.ParenExpr:
		return expr(e.X, src, fset)
	}
	return Expr{Kind: "other", Text: text(e, src, fset)}
}

func fields(st *ast.StructType, src []byte, fset *token.FileSet) []Field {
	out := []Field{}
	for _, f := range st.Fields.List {
		tag := Tag{}
		if f.Tag != nil {
			raw, err := strconv.Unquote(f.Tag.Value)
			if err == nil {
				tag = parseTag(reflect.StructTag(raw))
			}
		}
		t := expr(f.Type, src, fset)
		if len(f.Names) == 0 {
			out = append(out, Field{Name: embeddedName(t), Embedded: true, Type: t, Tag: tag})
			continue
		}
		for _, n := range f.Names {
			out = append(out, Field{Name: n.Name, Type: t, Tag: tag})
		}
	}
	return out
}

// parseTag reads the json key the way encoding/json does.
func parseTag(st reflect.StructTag) Tag {
	v, ok := st.Lookup("json")
	if !ok {
		return Tag{}
	}
	if v == "-" {
		return Tag{Present: true, Skip: true}
	}
	parts := strings.Split(v, ",")
	tag := Tag{Present: true, Name: parts[0]}
	for _, opt := range parts[1:] {
		switch opt {
		case "omitempty":
			tag.OmitEmpty = true
		case "string":
			tag.String = true
		}
	}
	return tag
}

func embeddedName(t Expr) string {
	if t.Kind == "ptr" && t.Elem != nil {
		return t.Elem.Name
	}
	return t.Name
}

func text(n ast.Node, src []byte, fset *token.FileSet) string {
	return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
}

import assert from "node:assert/strict";
import { GoSyntaxError, parseGoTypes, underlying } from "./types.ts";

const FILE = `package main

import (
	"time"
	x "fmt"
)

// T is the root.
type (
	T struct {
		A, B int \`json:"a"\`
		C    *T
		D    map[string][]byte
		E    [3]float32 /* comment */
		F    time.Time
		G    interface{}
		H    any
		r    rune
		By   byte
		Ptr  **uintptr
		Cx   complex64
	}
	U = struct{ X int8; Y uint16 }
)

type V [0x10]Named
type Named []U
`;

Deno.test("parseGoTypes: package, imports, groups, several names per field, tags, every type form", () => {
  const d = parseGoTypes(FILE);
  assert.deepEqual([...d.keys()], ["T", "U", "V", "Named"]);
  const t = d.get("T")!;
  assert.equal(t.line, 10);
  assert.equal(t.column, 2);
  assert.equal(t.type.kind, "struct");
  if (t.type.kind !== "struct") return;
  const f = Object.fromEntries(t.type.fields.map((x) => [x.name, x]));
  assert.deepEqual(t.type.fields.map((x) => x.name), [
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "r",
    "By",
    "Ptr",
    "Cx",
  ]);
  assert.deepEqual(f.A.type, { kind: "scalar", name: "int" });
  assert.equal(f.A.tag, 'json:"a"');
  assert.equal(f.B.tag, 'json:"a"');
  assert.deepEqual(f.C.type, {
    kind: "ptr",
    elem: { kind: "named", name: "T", line: 12, column: 9 },
  });
  assert.deepEqual(f.D.type, {
    kind: "map",
    key: { kind: "scalar", name: "string" },
    elem: { kind: "slice", elem: { kind: "scalar", name: "uint8" } },
  });
  assert.deepEqual(f.E.type, { kind: "array", len: 3, elem: { kind: "scalar", name: "float32" } });
  assert.deepEqual(f.F.type, { kind: "time" });
  assert.deepEqual(f.G.type, { kind: "interface" });
  assert.deepEqual(f.H.type, { kind: "interface" });
  assert.deepEqual(f.r.type, { kind: "scalar", name: "int32" });
  assert.deepEqual(f.By.type, { kind: "scalar", name: "uint8" });
  assert.deepEqual(f.Ptr.type, {
    kind: "ptr",
    elem: { kind: "ptr", elem: { kind: "scalar", name: "uintptr" } },
  });
  assert.equal(d.get("U")!.alias, true);
  assert.deepEqual(d.get("V")!.type, {
    kind: "array",
    len: 16,
    elem: { kind: "named", name: "Named", line: 26, column: 14 },
  });
  assert.equal(underlying(d, d.get("V")!.type).kind, "array");
  assert.equal(underlying(d, { kind: "named", name: "Named", line: 1, column: 1 }).kind, "slice");
});

Deno.test("parseGoTypes: semicolons, one-line structs, embedded fields, parenthesised types", () => {
  const d = parseGoTypes(
    "type A struct { X int; Y, Z string; B; *C }; type B struct{}; type C ([]int)",
  );
  const a = d.get("A")!.type;
  assert.equal(a.kind, "struct");
  if (a.kind !== "struct") return;
  assert.deepEqual(a.fields.map((f) => [f.name, f.embedded]), [
    ["X", false],
    ["Y", false],
    ["Z", false],
    ["B", true],
    ["C", true],
  ]);
  assert.equal(d.get("C")!.type.kind, "slice");
});

Deno.test("parseGoTypes: errors carry line:column and say what is wrong", () => {
  const cases: [string, string][] = [
    ["type T struct { A int", "1:22: expected field name, found end of input"],
    ["type T Q", "1:8: undefined type Q"],
    ["type A B\ntype B A", "1:6: invalid recursive type A"],
    ["type T chan int", "1:8: unsupported type chan"],
    ["type T int\nfunc (T) M(x interface{}) {\n\tif x {", "2:1: unterminated func declaration"],
    ["type T int\n)", '2:1: expected a declaration, found ")"'],
    ["type T[P any] []P", "1:7: generic types are not supported"],
    ["type T struct {\n  A int\n  A string\n}", "3:3: duplicate field A"],
    ["type T [N]int", '1:9: expected array length (an integer), found "N"'],
    ["type T interface{ M() }", "1:19: only the empty interface{} is supported"],
    ["type T net.IP", "1:8: unsupported type net.IP (only time.Time is known)"],
    ["type T int\ntype T string", "2:6: T redeclared"],
    ['type T struct {\n\tA int `json:"a"\n}', "2:8: raw string not terminated"],
    ["type T [99999999999]int", "1:9: invalid array length 99999999999"],
    ["type T map[string]", "1:19: expected type, found newline or ;"],
    ["type T int $", '1:12: unexpected character "$"'],
  ];
  for (const [src, msg] of cases) {
    assert.throws(() => parseGoTypes(src), (e: unknown) => {
      assert.ok(e instanceof GoSyntaxError, src);
      assert.ok(e instanceof TypeError);
      assert.equal(e.message, msg, src);
      return true;
    });
  }
});

Deno.test("parseGoTypes: an empty source and a lone package clause declare nothing", () => {
  assert.equal(parseGoTypes("").size, 0);
  assert.equal(parseGoTypes('package x\nimport "time"\n').size, 0);
});

Deno.test("parseGoTypes: func, const and var declarations of a real source file are skipped", () => {
  const d = parseGoTypes(`package models

import "time"

const Max = 3
var (
	zero = T{A: 1, B: []int{1}}
)

type T struct {
	A int
	B []int
}

// String is a method.
func (t T) String() string {
	if t.A > 0 { return "x" }
	return fmt.Sprint(struct{}{})
}

func helper(x interface{}, f func() int) (int, error) { return 0, nil }

type U time.Time
`);
  assert.deepEqual([...d.keys()], ["T", "U"]);
});

// Expected texts below are what Go 1.19's encoding/json printed for the same values after a gob
// round trip (recorded with a Go snippet while writing this file; see tests/cli_go_json_test.ts for
// the live check of the scalar formatting).
import assert from "node:assert/strict";
import { BUILTIN, goJSON, type WireDesc } from "./json_print.ts";

const types = new Map<number, WireDesc>([
  [65, {
    kind: "struct",
    name: "S",
    fields: [
      { name: "A", id: 66 },
      { name: "B", id: 67 },
      { name: "C", id: 68 },
      { name: "D", id: 69 },
      { name: "F", id: BUILTIN.int },
      { name: "G", id: 70 },
      { name: "H", id: BUILTIN.float },
      { name: "I", id: BUILTIN.bytes },
      { name: "J", id: BUILTIN.interface },
      { name: "P", id: 71 },
      { name: "Q", id: 72 },
    ],
  }],
  [66, { kind: "slice", name: "[]int", elem: BUILTIN.int }],
  [67, { kind: "map", name: "map[string]int", key: BUILTIN.string, elem: BUILTIN.int }],
  [68, { kind: "slice", name: "[][]int", elem: 66 }],
  [69, { kind: "slice", name: "[][]uint8", elem: BUILTIN.bytes }],
  [70, { kind: "GobEncoder", name: "Time" }],
  [71, { kind: "struct", name: "P", fields: [{ name: "X", id: BUILTIN.int }] }],
  [72, { kind: "array", name: "[2]string", elem: BUILTIN.string, len: 2 }],
  [73, { kind: "map", name: "map[int]int", key: BUILTIN.int, elem: BUILTIN.int }],
  [74, { kind: "map", name: "map[float64]int", key: BUILTIN.float, elem: BUILTIN.int }],
  [75, { kind: "BinaryMarshaler", name: "IP" }],
  [76, { kind: "map", name: "map[[2]string]int", key: 72, elem: BUILTIN.int }],
  [77, { kind: "map", name: "map[bool]int", key: BUILTIN.bool, elem: BUILTIN.int }],
]);

Deno.test("goJSON: absent fields print as zero, nested absent struct/array as null, empty slices null", () => {
  // Go: S{A: []int{}, B: map[string]int{}, C: [][]int{{}, nil, {1}}, D: [][]byte{{}, nil}, H: 0.1}
  // after gob → {"A":null,"B":{},"C":[null,null,[1]],"D":[null,null],"F":0,…}
  const v = { B: new Map(), C: [[], [], [1]], D: [new Uint8Array(0), new Uint8Array(0)], H: 0.1 };
  assert.equal(
    goJSON(v, 65, { types }),
    '{"A":null,"B":{},"C":[null,null,[1]],"D":[null,null],"F":0,"G":"0001-01-01T00:00:00Z",' +
      '"H":0.1,"I":null,"J":null,"P":null,"Q":null}',
  );
});

Deno.test("goJSON: every field kind set", () => {
  const time = new Uint8Array([1, 0, 0, 0, 14, 213, 159, 84, 165, 0, 0, 2, 88, 255, 255]);
  const v = {
    A: [1, -2, 9007199254740993n],
    B: new Map([["b", 2], ["a", 1], ["<&>", 3]]),
    C: [[1]],
    D: [new Uint8Array([1, 2, 3])],
    F: -7,
    G: time,
    H: 1e21,
    I: new Uint8Array([255]),
    J: { name: "string", value: "x\u2028" },
    P: { X: 3 },
    Q: ["a", ""],
  };
  assert.equal(
    goJSON(v, 65, { types }),
    '{"A":[1,-2,9007199254740993],"B":{"\\u003c\\u0026\\u003e":3,"a":1,"b":2},"C":[[1]],' +
      '"D":["AQID"],"F":-7,"G":"2020-01-02T03:04:05.0000006Z","H":1e+21,"I":"/w==",' +
      '"J":"x\\u2028","P":{"X":3},"Q":["a",""]}',
  );
});

Deno.test("goJSON: map keys sort as Go sorts their text; keys json refuses print as fmt %v", () => {
  // Go: json.Marshal(map[int]int{10: 1, 9: 2, -1: 3}) == {"-1":3,"10":1,"9":2}
  assert.equal(goJSON(new Map([[10, 1], [9, 2], [-1, 3]]), 73, { types }), '{"-1":3,"10":1,"9":2}');
  assert.equal(goJSON(new Map([[1.5, 1], [1e6, 2]]), 74, { types }), '{"1.5":1,"1e+06":2}');
  assert.equal(goJSON(new Map([[["a", "b"], 1]]), 76, { types }), '{"[a b]":1}');
  assert.equal(goJSON(new Map([[true, 1]]), 77, { types }), '{"true":1}');
  // Go compares key bytes: U+10000 (F0 90 80 80) sorts after U+FFFF (EF BF BF).
  const m = new Map([["\u{10000}", 1], ["\uffff", 2]]);
  assert.equal(goJSON(m, 67, { types }), '{"\uffff":2,"\u{10000}":1}');
});

Deno.test("goJSON: top-level scalars, NaN/Inf, complex, interface values, marshalers", () => {
  assert.equal(goJSON(3, BUILTIN.int, { types }), "3");
  assert.equal(goJSON(18446744073709551615n, BUILTIN.uint, { types }), "18446744073709551615");
  assert.equal(goJSON(-0, BUILTIN.float, { types }), "-0");
  assert.equal(goJSON(NaN, BUILTIN.float, { types }), '"NaN"');
  assert.equal(goJSON(-Infinity, BUILTIN.float, { types }), '"-Inf"');
  assert.equal(goJSON([1.5, -Infinity], BUILTIN.complex, { types }), '[1.5,"-Inf"]');
  assert.equal(goJSON(null, BUILTIN.interface, { types }), "null");
  assert.equal(goJSON({ name: "int", value: 42 }, BUILTIN.interface, { types }), "42");
  assert.equal(
    goJSON({ name: "main.P", value: { X: 1 }, typeId: 71 }, BUILTIN.interface, { types }),
    '{"X":1}',
  );
  assert.equal(goJSON(new Uint8Array([10, 0, 0, 1]), 75, { types }), '"CgAAAQ=="');
  assert.equal(goJSON([], 66, { types }), "null");
  assert.equal(goJSON(new Map(), 67, { types }), "{}");
});

Deno.test("goJSON: strings given as raw bytes print invalid UTF-8 bytes as \\ufffd", () => {
  assert.equal(
    goJSON(new Uint8Array([0x61, 0xe2, 0x82, 0x62]), BUILTIN.string, { types }),
    '"a\\ufffd\\ufffdb"',
  );
});

Deno.test("goJSON: a value of the wrong shape is a TypeError naming the type", () => {
  assert.throws(
    () => goJSON("x", BUILTIN.int, { types }),
    /cannot print .* as integer \(type id 2\)/,
  );
  assert.throws(() => goJSON(1, 99, { types }), /unknown type id 99/);
});

Deno.test("goJSON: a time Go's MarshalJSON refuses (year > 9999) prints as base64 of its bytes", () => {
  const t = new Uint8Array([1, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
  assert.equal(goJSON(t, 70, { types }), `"AX8AAAAAAAAAAAAAAP//"`);
});

Deno.test("goJSON: an interface value without a known concrete type prints by its JavaScript shape", () => {
  const v = { name: "main.Pair", value: { A: [], M: new Map([[2, "b"], [10, "a"]]), F: 0.5 } };
  assert.equal(goJSON(v, BUILTIN.interface), '{"A":null,"M":{"10":"a","2":"b"},"F":0.5}');
});

Deno.test("goJSON: map keys holding bytes that are not UTF-8 sort by their Go bytes", () => {
  // Keys "\xff" (the codec gives U+DCFF) and "\uf900" (EF A4 80): Go sorts EF… before FF.
  const m = new Map([["\udcff", 1], ["\uf900", 2]]);
  assert.equal(goJSON(m, 67, { types }), '{"\uf900":2,"\\ufffd":1}');
});

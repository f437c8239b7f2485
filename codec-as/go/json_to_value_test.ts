import assert from "node:assert/strict";
import { parseGoTypes } from "./types.ts";
import { JsonNumber, JsonObject, parseJsonExact } from "./json_exact.ts";
import { jsonToValue, zeroValue } from "./json_to_value.ts";

const decls = parseGoTypes(`
type T struct {
	Int    int64
	U8     uint8
	F32    float32
	F64    float64
	S      string
	B      bool
	Bytes  []byte
	P      *int
	L      []string
	M      map[int16]string
	A      [3]int
	I      interface{}
	When   time.Time
	Named  Point \`json:"pt"\`
	Skip   int \`json:"-"\`
	hidden int
	C      complex128
}
type Point struct{ X, Y int }
`);
const T = { kind: "named" as const, name: "T", line: 2, column: 6 };
const conv = (json: string) =>
  jsonToValue(parseJsonExact(json), { decls, type: T }) as Record<string, unknown>;

Deno.test("parseJsonExact: numbers keep their text, objects their order and duplicates", () => {
  const v = parseJsonExact('{"b": 18446744073709551615, "a": [1.5e-7, -0], "b": null}');
  assert.ok(v instanceof JsonObject);
  assert.deepEqual(v.entries.map(([k]) => k), ["b", "a", "b"]);
  assert.deepEqual(v.entries[0][1], new JsonNumber("18446744073709551615"));
  assert.deepEqual(v.entries[1][1], [new JsonNumber("1.5e-7"), new JsonNumber("-0")]);
  assert.throws(() => parseJsonExact("[1,]"), /JSON at offset 3/);
  assert.throws(() => parseJsonExact('"a\tb"'), SyntaxError);
  assert.throws(() => parseJsonExact("01"), /unexpected data/);
  assert.throws(() => parseJsonExact("{} x"), /unexpected data/);
});

Deno.test("jsonToValue: every kind, as json.Unmarshal into a zero T", () => {
  const v = conv(`{"int": -9223372036854775808, "U8": 255, "F32": 0.1, "F64": 1e300, "s": "x",
    "B": true, "Bytes": "AQID", "P": 0, "L": ["a"], "M": {"-5": "m"}, "A": [1, 2, 3, 4],
    "I": 9007199254740993, "When": "2020-01-02T03:04:05.0000006Z", "pt": {"X": 1}, "Skip": 5,
    "hidden": 3, "C": [1, -2]}`);
  assert.equal(v.Int, -9223372036854775808n);
  assert.equal(v.U8, 255n);
  assert.equal(v.F32, Math.fround(0.1));
  assert.equal(v.F64, 1e300);
  assert.equal(v.S, "x");
  assert.equal(v.B, true);
  assert.deepEqual(v.Bytes, new Uint8Array([1, 2, 3]));
  assert.equal(v.P, 0n);
  assert.deepEqual(v.L, ["a"]);
  assert.deepEqual(v.M, new Map([[-5n, "m"]]));
  assert.deepEqual(v.A, [1n, 2n, 3n]);
  assert.deepEqual(v.I, { name: "int", value: 9007199254740993n });
  assert.deepEqual(
    v.When,
    new Uint8Array([1, 0, 0, 0, 14, 213, 159, 84, 165, 0, 0, 2, 88, 255, 255]),
  );
  assert.deepEqual(v.Named, { X: 1n, Y: 0n });
  assert.equal(v.Skip, 0n);
  assert.ok(!("hidden" in v));
  assert.deepEqual(v.C, [1, -2]);
});

Deno.test("jsonToValue: null and absent keys leave zero values; nil pointer/map are undefined", () => {
  const v = conv('{"Int": null, "P": null, "M": null, "A": [7], "I": null}');
  const zero = zeroValue(T, decls) as Record<string, unknown>;
  assert.equal(v.P, undefined);
  assert.equal(v.M, undefined);
  assert.equal(v.I, null);
  assert.deepEqual(v, { ...zero, A: [7n, 0n, 0n] });
});

Deno.test("jsonToValue: interface{} takes integral numbers as int, others as float64", () => {
  assert.deepEqual(conv('{"I": 3}').I, { name: "int", value: 3n });
  assert.deepEqual(conv('{"I": 3.5}').I, { name: "float64", value: 3.5 });
  assert.deepEqual(conv('{"I": 1e+21}').I, { name: "float64", value: 1e21 });
  assert.deepEqual(conv('{"I": 99999999999999999999}').I, { name: "float64", value: 1e20 });
  assert.deepEqual(conv('{"I": "s"}').I, { name: "string", value: "s" });
  assert.deepEqual(conv('{"I": false}').I, { name: "bool", value: false });
  assert.throws(() => conv('{"I": [1]}'), /cannot put array into interface\{\} at \$.I/);
});

Deno.test("jsonToValue: wrong shapes and out-of-range numbers fail like Go, naming the path", () => {
  assert.throws(() => conv('{"U8": 256}'), RangeError);
  assert.throws(
    () => conv('{"U8": -1}'),
    /cannot unmarshal number -1 into Go value of type uint8 at \$.U8/,
  );
  assert.throws(() => conv('{"Int": 1.5}'), /cannot unmarshal number 1.5/);
  assert.throws(() => conv('{"Int": 1e3}'), TypeError);
  assert.throws(
    () => conv('{"S": 1}'),
    /cannot unmarshal number into Go value of type string at \$.S/,
  );
  assert.throws(() => conv('{"L": {}}'), /cannot unmarshal object/);
  assert.throws(() => conv('{"F32": 1e39}'), /overflows float32/);
  assert.throws(() => conv('{"Bytes": "!!"}'), /illegal base64/);
  assert.throws(() => conv('{"M": {"x": "y"}}'), /key "x"/);
  assert.throws(() => conv('{"When": "yesterday"}'), RangeError);
  assert.throws(() => conv("[]"), /cannot unmarshal array into Go value of type T/);
});

Deno.test("jsonToValue: embedded structs' fields are promoted like encoding/json does", () => {
  const d = parseGoTypes(`
type A struct { X int; Name string }
type B struct { Y int; Name string }
type C struct { Z int \`json:"z"\` }
type W struct { C; Name string \`json:"Name"\` }
type T struct {
	A
	*B
	W
	Tag A \`json:"tag"\`
	N   int \`json:"n,string"\`
}
`);
  const type = { kind: "named" as const, name: "T", line: 1, column: 1 };
  const conv = (json: string) =>
    jsonToValue(parseJsonExact(json), { decls: d, type }) as Record<string, unknown>;
  // X promoted from A, Y from *B (allocating it), z from W.C; Name: A.Name and B.Name tie at depth
  // 1, W.Name (tagged, depth 1) wins over both.
  assert.deepEqual(conv('{"X":1,"Y":2,"z":3,"Name":"w","tag":{"X":4},"n":"5"}'), {
    A: { X: 1n, Name: "" },
    B: { Y: 2n, Name: "" },
    W: { C: { Z: 3n }, Name: "w" },
    Tag: { X: 4n, Name: "" },
    N: 5n,
  });
  // no field of B: the pointer stays nil
  assert.equal(conv('{"X":1}').B, undefined);
  assert.throws(() => conv('{"n":5}'), /invalid use of ,string struct tag/);
});

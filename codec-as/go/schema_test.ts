import assert from "node:assert/strict";
import { GobDecoder, GobEncoder } from "../mod.ts";
import { goSchema } from "./schema.ts";
import { parseGoTypes } from "./types.ts";

const root = (src: string, name: string) => {
  const decls = parseGoTypes(src);
  return goSchema(decls, { kind: "named", name, line: 1, column: 1 });
};

Deno.test("goSchema: Go's type names, recursion through pointers, byte slices", () => {
  const s = root("type T struct { V int16; Next *T; B []byte; L Names }\ntype Names []string", "T");
  assert.equal(s.goString, "main.T");
  assert.equal(s.goName, "T");
  const enc = new GobEncoder();
  const value = {
    V: 1n,
    Next: { V: 2n, Next: undefined, B: new Uint8Array([7]), L: [] },
    B: new Uint8Array(0),
    L: ["x"],
  };
  enc.encode(s, value);
  const dec = new GobDecoder();
  dec.push(enc.take().slice());
  const back = dec.nextAny() as Record<string, unknown>;
  assert.equal(back.V, 1);
  assert.deepEqual((back.Next as Record<string, unknown>).B, new Uint8Array([7]));
  assert.deepEqual(back.L, ["x"]);
  // The named slice type keeps Go's name on the wire.
  assert.ok([...dec.types.values()].some((t) => t.kind === "slice" && t.name === "Names"));
  enc.free();
  dec.free();
});

Deno.test("goSchema: a struct containing itself without indirection and an embedded time.Time are refused", () => {
  assert.throws(() => root("type T struct { A [2]T }", "T"), /1:22: invalid recursive type T/);
  assert.throws(
    () => root("type T struct { time.Time }", "T"),
    /embedded field Time \(time.Time\) is not supported/,
  );
});

Deno.test("goSchema: an embedded struct is a field named by its type; unexported ones are not sent", () => {
  const s = root(
    "type T struct { E; *P; e; N int }\ntype E struct{ X int }\ntype P struct{ Y int }\ntype e struct{ Z int }",
    "T",
  );
  const enc = new GobEncoder();
  enc.encode(s, { E: { X: 1 }, P: { Y: 2 }, N: 3 });
  const dec = new GobDecoder();
  dec.push(enc.take());
  assert.deepEqual(dec.nextAny(), { E: { X: 1 }, P: { Y: 2 }, N: 3 });
  enc.free();
  dec.free();
});

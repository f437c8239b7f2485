import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, type Schema } from "../mod.ts";

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}

function encode(values: [Schema, unknown][], enc = new GobEncoder()): Uint8Array {
  for (const [s, v] of values) enc.encode(s, v);
  return enc.take().slice();
}

Deno.test("encoder: PROTOCOL.md scalar examples", () => {
  assert.equal(hex(encode([[gob.int, 3]])), "03 04 00 06");
  assert.equal(hex(encode([[gob.uint, 256]])), "05 06 00 fe 01 00");
  assert.equal(hex(encode([[gob.int, -129]])), "05 04 00 fe 01 01");
  assert.equal(hex(encode([[gob.float, 17]])), "05 08 00 fe 31 40");
  assert.equal(hex(encode([[gob.bool, false]])), "03 02 00 00"); // top-level zero values are sent
});

Deno.test("encoder: doc.go's Point example, type definition once per stream", () => {
  const Point = gob.struct("Point", { X: gob.int, Y: gob.int });
  const enc = new GobEncoder();
  assert.equal(
    hex(encode([[Point, { X: 22, Y: 33 }]], enc)),
    "1f ff 81 03 01 01 05 50 6f 69 6e 74 01 ff 82 00 01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00 " +
      "07 ff 82 01 2c 01 42 00",
  );
  assert.equal(hex(encode([[Point, { X: 0, Y: 1 }]], enc)), "05 ff 82 02 02 00");
  enc.free();
});

Deno.test("encoder: wrong shapes are TypeErrors, out-of-range numbers RangeErrors, with the path", () => {
  const Item = gob.struct("main.Item", { ID: gob.int8, Tags: gob.slice(gob.string) });
  const List = gob.struct("main.List", { Items: gob.slice(Item), A: gob.array(gob.int, 2) });
  const enc = new GobEncoder();
  assert.throws(
    () => enc.encode(List, { Items: [{ ID: 1, Tags: ["a", 2 as unknown as string] }], A: [1, 2] }),
    (e: unknown) =>
      e instanceof TypeError && /at Items\[0\]\.Tags\[1\]: expected string/.test(e.message),
  );
  assert.throws(
    () => enc.encode(List, { Items: [{ ID: 300, Tags: [] }], A: [1, 2] }),
    (e: unknown) => e instanceof RangeError && /Items\[0\]\.ID: 300 overflows int8/.test(e.message),
  );
  assert.throws(() => enc.encode(List, { Items: [], A: [1] }), RangeError);
  assert.throws(() => enc.encode(gob.int, 1.5), TypeError);
  assert.throws(() => enc.encode(gob.int, 2 ** 60), RangeError);
  assert.throws(() => enc.encode(gob.uint, -1), RangeError);
  assert.throws(() => enc.encode(gob.uint64, 2n ** 64n), RangeError);
  assert.throws(() => enc.encode(gob.slice(gob.ptr(gob.int)), [undefined]), TypeError);
  assert.throws(() => enc.encode(gob.interface, { name: "x", value: {} }), TypeError);
  // the failed encodes sent nothing, and the type definitions still go out with the next value
  const out = encode([[List, { Items: [{ ID: 1, Tags: [] }], A: [0, 0] }]], enc);
  const dec = new GobDecoder();
  dec.push(out);
  assert.deepEqual(dec.next(List), { Items: [{ ID: 1, Tags: [] }], A: [0, 0] });
  dec.free();
  enc.free();
});

Deno.test("encoder: zero fields are omitted, nested structs and arrays always sent", () => {
  const In = gob.struct("main.In", {});
  const T = gob.struct("main.T", {
    S: gob.string,
    N: gob.int,
    B: gob.bytes,
    L: gob.slice(gob.int),
    M: gob.map(gob.string, gob.int),
    P: gob.ptr(gob.int),
    I: gob.interface,
    E: In,
    A: gob.array(gob.int, 0),
  });
  const enc = new GobEncoder();
  encode([[T, {}]], enc);
  const empty = {
    S: "",
    N: 0,
    B: new Uint8Array(0),
    L: [],
    M: undefined,
    P: undefined,
    I: null,
    E: {},
    A: [],
  };
  // field 7 (E) and 8 (A) are sent: deltas 8, 1; then end
  assert.equal(hex(encode([[T, empty]], enc)), "07 ff 82 08 00 01 00 00");
  // an empty, non-nil map is sent (Go: only nil maps are omitted); a pointer to 0 is omitted
  assert.equal(
    hex(encode([[T, { ...empty, M: new Map(), P: 0 }]], enc)),
    "09 ff 82 05 00 03 00 01 00 00",
  );
  enc.free();
});

Deno.test("encoder: []byte already in codec memory is sent without a copy, take() views are safe", () => {
  const dec = new GobDecoder();
  dec.push(encode([[gob.bytes, new Uint8Array([1, 2, 3])]]));
  const view = dec.next(gob.bytes)!;
  const enc = new GobEncoder();
  enc.encode(gob.bytes, view);
  const first = enc.take();
  assert.equal(hex(first), "06 0a 00 03 01 02 03");
  enc.encode(gob.bytes, first); // a view of this encoder's own output
  assert.equal(hex(enc.take()), "0a 0a 00 07 06 0a 00 03 01 02 03");
  enc.free();
  dec.free();
});

Deno.test("encoder: a message over maxMessageBytes is a RangeError; pending output is dropped", () => {
  const Point = gob.struct("main.Point", { X: gob.int, Y: gob.int });
  const enc = new GobEncoder({ limits: { maxMessageBytes: 100 } });
  enc.encode(Point, { X: 1, Y: 2 }); // type definition + value, not taken yet
  assert.throws(() => enc.encode(gob.bytes, new Uint8Array(200)), /exceeds maxMessageBytes/);
  assert.equal(enc.take().length, 0);
  // exactly at the limit is fine; the dropped definition of Point is sent again
  enc.encode(gob.bytes, new Uint8Array(97)); // 97 + count (1) + id (1) + delta (1) = 100
  enc.encode(Point, { X: 3, Y: 4 });
  const out = enc.take().slice();
  const dec = new GobDecoder();
  dec.push(out);
  assert.equal(dec.next(gob.bytes)?.length, 97);
  assert.deepEqual(dec.next(Point), { X: 3, Y: 4 });
  dec.free();
  enc.free();
});

Deno.test("encoder: used after free() is a TypeError", () => {
  const enc = new GobEncoder();
  enc.free();
  assert.throws(() => enc.encode(gob.int, 1), TypeError);
  assert.throws(() => enc.take(), TypeError);
});

Deno.test("encoder: discard() drops the pending output and resends its type definitions", () => {
  const Point = gob.struct("Point", { X: gob.int, Y: gob.int });
  const enc = new GobEncoder();
  enc.encode(Point, { X: 1, Y: 2 });
  enc.discard();
  // as if nothing had been written: a fresh stream's bytes for the next value
  assert.equal(
    hex(encode([[Point, { X: 22, Y: 33 }]], enc)),
    hex(encode([[Point, { X: 22, Y: 33 }]])),
  );
  // after a take, discard leaves what was taken alone: definitions are not sent twice
  enc.encode(Point, { X: 5, Y: 0 });
  enc.discard();
  assert.equal(hex(encode([[Point, { X: 0, Y: 1 }]], enc)), "05 ff 82 02 02 00");
  enc.free();
});

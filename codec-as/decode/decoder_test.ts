import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, GobError, isCodecMemory, type Schema } from "../mod.ts";
import { Rng } from "../../tools/fuzz/mod.ts";
import { isDeepStrictEqual } from "node:util";

function unhex(s: string): Uint8Array {
  return new Uint8Array(s.replace(/\s+/g, "").match(/../g)!.map((x) => parseInt(x, 16)));
}

function decodeOne<T>(
  hex: string,
  schema: Schema<T>,
  limits?: ConstructorParameters<typeof GobDecoder>[0],
): T | undefined {
  const d = new GobDecoder(limits);
  try {
    d.push(unhex(hex));
    return d.next(schema);
  } finally {
    d.free();
  }
}

function gobError(f: () => unknown, offset: number, pattern: RegExp, typeId?: number): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof GobError, `expected GobError, got ${e}`);
    assert.equal(e.name, "GobError");
    assert.equal(e.offset, offset, e.message);
    assert.match(e.message, pattern);
    if (typeId !== undefined) assert.equal(e.typeId, typeId);
    return true;
  });
}

function encodeAll(values: [Schema, unknown][]): Uint8Array {
  const e = new GobEncoder();
  for (const [s, v] of values) e.encode(s, v);
  const out = e.take().slice();
  e.free();
  return out;
}

Deno.test("decoder: PROTOCOL.md scalar examples", () => {
  assert.equal(decodeOne("03 04 00 06", gob.int), 3);
  assert.equal(decodeOne("05 06 00 fe 01 00", gob.uint), 256); // uint 256 → FE 01 00
  assert.equal(decodeOne("05 04 00 fe 01 01", gob.int), -129); // int -129 → FE 01 01
  assert.equal(decodeOne("05 08 00 fe 31 40", gob.float), 17); // float 17.0 → FE 31 40
  assert.equal(decodeOne("05 04 00 fe 00 06", gob.int), 3); // non-minimal uint accepted, like Go
});

Deno.test("decoder: 64-bit integers: number when safe, bigint schemas for the full range", () => {
  const big = encodeAll([[gob.int64, -(2n ** 63n)], [gob.uint64, 2n ** 64n - 1n]]);
  const d = new GobDecoder();
  d.push(big);
  assert.equal(d.next(gob.int64), -(2n ** 63n));
  assert.equal(d.next(gob.uint64), 2n ** 64n - 1n);
  d.free();
  const any = new GobDecoder();
  any.push(encodeAll([[gob.int64, 2n ** 60n], [gob.int64, 5n], [gob.uint64, 2n ** 64n - 1n]]));
  assert.equal(any.nextAny(), 2n ** 60n);
  assert.equal(any.nextAny(), 5);
  assert.equal(any.nextAny(), 2n ** 64n - 1n);
  any.free();
  const unsafe = encodeAll([[gob.int64, 2n ** 53n]]);
  const u = new GobDecoder();
  u.push(unsafe);
  assert.throws(() => u.next(gob.int), GobError);
  u.free();
});

Deno.test("decoder: need-more is a state; values complete as bytes arrive", () => {
  const bytes = encodeAll([[gob.string, "hello"], [gob.string, "world"]]);
  const d = new GobDecoder();
  d.push(bytes.subarray(0, 3));
  assert.equal(d.next(gob.string), undefined);
  d.push(bytes.subarray(3, 12));
  assert.equal(d.next(gob.string), "hello");
  assert.equal(d.next(gob.string), undefined);
  d.push(bytes.subarray(12));
  assert.equal(d.next(gob.string), "world");
  assert.equal(d.next(gob.string), undefined);
  d.free();
});

Deno.test("decoder: writable()/commit() read straight into codec memory", () => {
  const bytes = encodeAll([[gob.bytes, new Uint8Array([9, 8, 7])]]);
  const d = new GobDecoder();
  const w = d.writable(4);
  assert.ok(w.length >= 4);
  w.set(bytes.subarray(0, 4));
  d.commit(4);
  assert.equal(d.next(gob.bytes), undefined);
  const w2 = d.writable(bytes.length);
  w2.set(bytes.subarray(4));
  d.commit(bytes.length - 4);
  assert.deepEqual(d.next(gob.bytes), new Uint8Array([9, 8, 7]));
  assert.throws(() => d.commit(1 << 30), RangeError);
  d.free();
  assert.throws(() => d.next(gob.int), TypeError);
});

Deno.test("decoder: corrupt input raises GobError with offset and type id", () => {
  gobError(() => decodeOne("03 04 00 80", gob.int), 3, /invalid uint length byte/);
  gobError(() => decodeOne("03 04 00 f7", gob.int), 3, /invalid uint length byte/);
  gobError(() => decodeOne("03 ff 8c 00", gob.int), 0, /unknown or invalid type id/, 70);
  gobError(() => decodeOne("03 04 01 06", gob.int), 3, /non-zero field delta for a singleton/, 2);
  // Go 1.19 never writes an empty message; reading one, its Decoder returns io.EOF from that one
  // Decode call (an empty buffer where the type id should be, decoder.go) and then goes on with
  // the next message. That is undocumented (Decode documents io.EOF only for input at EOF), so
  // the codec keeps it corrupt data.
  gobError(() => decodeOne("00", gob.int), 0, /zero-length message/);
  gobError(() => decodeOne("03 02 00 02", gob.bool), 3, /bool value is not 0 or 1/);
  gobError(() => decodeOne("05 0c 00 05 61 62", gob.string), 4, /past the end of its message/);
  // type definition with an id below 64, and a redefinition
  gobError(() => decodeOne("04 7d 03 00 00", gob.int), 1, /invalid type id in a type definition/);
  const point =
    "1f ff81 03 01 01 05 506f696e74 01 ff82 00 01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00";
  gobError(() => decodeOne(point + point, gob.int), 33, /invalid type id/, 65);
  // extra bytes after a type definition
  gobError(
    () =>
      decodeOne(
        "20 ff81 03 01 01 05 506f696e74 01 ff82 00 01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00 00",
        gob.int,
      ),
    32,
    /extra bytes after a type definition/,
  );
  // struct field number beyond the type's fields
  gobError(
    () => decodeOne(point + "05 ff82 03 02 00", gob.int),
    35,
    /field number out of range/,
    65,
  );
});

Deno.test("decoder: a decoder that failed keeps failing with the same error", () => {
  const d = new GobDecoder();
  d.push(unhex("03 04 00 80"));
  let first: unknown;
  try {
    d.next(gob.int);
  } catch (e) {
    first = e;
  }
  assert.ok(first instanceof GobError);
  assert.throws(() => d.next(gob.int), (e) => e === first);
  assert.equal(d.failed, true);
  d.free();
});

Deno.test("decoder: a value of the wrong type is a GobError that leaves the stream readable", () => {
  const d = new GobDecoder();
  d.push(unhex("03 04 00 06  03 04 00 08")); // int 3, int 4 (PROTOCOL.md's encoding)
  assert.throws(
    () => d.next(gob.string),
    (e) => e instanceof GobError && /type mismatch/.test(e.message),
  );
  assert.equal(d.failed, false);
  assert.equal(d.next(gob.int), 4);
  d.free();
});

Deno.test("decoder: limits are checked before allocating", () => {
  gobError(
    () => decodeOne("0b 04 00 06", gob.int, { limits: { maxMessageBytes: 10 } }),
    0,
    /size limit/,
  );
  // a slice of ints claiming 1000 elements in a 4-byte message
  const ints = encodeAll([[gob.slice(gob.int), [1, 2]]]);
  const hostile = ints.slice();
  const countAt = hostile.length - 3; // count byte (2) of the value message
  assert.equal(hostile[countAt], 2);
  hostile.set([0xfe, 0x03], countAt);
  const d = new GobDecoder();
  d.push(hostile.subarray(0, countAt));
  d.push(new Uint8Array([0xfe, 0x03, 0xe8]));
  assert.throws(() => d.next(gob.slice(gob.int)), GobError);
  d.free();
  const many = encodeAll([[gob.slice(gob.int), Array(20).fill(1)]]);
  const d2 = new GobDecoder({ limits: { maxElements: 10 } });
  d2.push(many);
  assert.throws(() => d2.next(gob.slice(gob.int)), /element count over the limit/);
  d2.free();
  assert.throws(() => new GobDecoder({ limits: { maxDepth: 0 } }), RangeError);
});

type NodeT = { Val: number; Next: NodeT | undefined };
const Node: Schema<NodeT> = gob.struct("main.Node", {
  Val: gob.int,
  Next: gob.ptr(gob.lazy(() => Node)),
}) as Schema<NodeT>;

Deno.test("decoder: nesting depth is limited; recursive types decode", () => {
  let list: NodeT | undefined;
  for (let i = 50; i > 0; i--) list = { Val: i, Next: list };
  const bytes = encodeAll([[Node, list]]);
  const ok = new GobDecoder();
  ok.push(bytes);
  assert.deepEqual(ok.next(Node), list);
  ok.free();
  const d = new GobDecoder({ limits: { maxDepth: 10 } });
  d.push(bytes);
  assert.throws(() => d.next(Node), /deeper than the depth limit/);
  d.free();
});

Deno.test("decoder: fields match by name, unknown ones are skipped, absent ones are zero", () => {
  const Sender = gob.struct("main.T", {
    A: gob.int,
    Skip: gob.map(gob.string, gob.slice(gob.int)),
    B: gob.string,
    Gone: gob.struct("main.U", { X: gob.int }),
  });
  const Receiver = gob.struct("main.T", {
    B: gob.string,
    Z: gob.bytes,
    A: gob.int,
    M: gob.map(gob.string, gob.int),
  });
  const bytes = encodeAll([[Sender, {
    A: 7,
    Skip: new Map([["k", [1, 2]]]),
    B: "b",
    Gone: { X: 1 },
  }]]);
  const d = new GobDecoder();
  d.push(bytes);
  assert.deepEqual(d.next(Receiver), { B: "b", Z: new Uint8Array(0), A: 7, M: new Map() });
  d.free();
});

Deno.test("decoder: wire/schema mismatches are GobErrors", () => {
  const d = new GobDecoder();
  d.push(encodeAll([[gob.int, 3]]));
  assert.throws(() => d.next(gob.string), /type mismatch: wire int into string/);
  d.free();
  const a = new GobDecoder();
  a.push(encodeAll([[gob.array(gob.int, 2), [1, 2]]]));
  assert.throws(() => a.next(gob.array(gob.int, 3)), /array length 2 does not match \[3\]int/);
  a.free();
  const i8 = new GobDecoder();
  i8.push(encodeAll([[gob.int, 300]]));
  assert.throws(() => i8.next(gob.int8), /out of range for int8/);
  i8.free();
});

Deno.test("decoder: strings that are not UTF-8 keep their bytes (U+DC80..U+DCFF)", () => {
  // "a" 0xff "b" 0xc3 (truncated sequence)
  const v = decodeOne("07 0c 00 04 61 ff 62 c3", gob.string);
  assert.equal(v, "a\udcffb\udcc3");
  const e = new GobEncoder();
  e.encode(gob.string, v!);
  assert.deepEqual(e.take(), unhex("07 0c 00 04 61 ff 62 c3"));
  e.free();
});

Deno.test("decoder: nextAny drops fields named __proto__, constructor, toString (Go cannot send them)", () => {
  const Evil = gob.struct("main.Evil", {
    ["__proto__"]: gob.struct("main.P", { polluted: gob.bool }),
    constructor: gob.string,
    toString: gob.int,
    ok: gob.int,
  });
  const bytes = encodeAll([[Evil, {
    ["__proto__"]: { polluted: true },
    constructor: "x",
    toString: 5,
    ok: 1,
  }]]);
  const d = new GobDecoder();
  d.push(bytes);
  const v = d.nextAny() as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ["ok"]);
  assert.equal(Object.hasOwn(v, "__proto__"), false);
  assert.equal(Object.hasOwn(v, "constructor"), false);
  assert.equal(typeof v.toString, "function");
  assert.equal(v.ok, 1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  d.free();
});

Deno.test("decoder: types lists the received definitions", () => {
  const d = new GobDecoder();
  d.push(encodeAll([[gob.struct("main.Point", { X: gob.int, Y: gob.int }), { X: 1, Y: 2 }]]));
  d.nextAny();
  assert.deepEqual([...d.types.values()], [{
    id: 65,
    kind: "struct",
    name: "Point",
    fields: [{ name: "X", id: 2 }, { name: "Y", id: 2 }],
  }]);
  d.free();
});

Deno.test("decoder: bytes left in a value's message are ignored, like Go", () => {
  assert.equal(decodeOne("05 04 00 06 ff ff", gob.int), 3);
});

Deno.test("decoder: streams are independent while memory grows between their calls", () => {
  const Msg = gob.struct("main.Msg", { N: gob.int, S: gob.string, B: gob.bytes });
  const mk = (i: number) => ({ N: i, S: `s${i}`, B: new Uint8Array(i % 7).fill(i) });
  const streams = [0, 1, 2].map((k) => {
    const e = new GobEncoder();
    for (let i = 0; i < 40; i++) e.encode(Msg, mk(i + k * 100));
    const b = e.take().slice();
    e.free();
    return b;
  });
  const decs = streams.map(() => new GobDecoder());
  const got: unknown[][] = [[], [], []];
  const at = [0, 0, 0];
  let round = 0;
  while (at.some((a, k) => a < streams[k].length)) {
    for (let k = 0; k < 3; k++) {
      const n = Math.min(streams[k].length - at[k], 1 + ((round * 7 + k * 13) % 50));
      if (n > 0) {
        const w = decs[k].writable(n);
        w.set(streams[k].subarray(at[k], at[k] + n));
        decs[k].commit(n);
        at[k] += n;
      }
      for (let v; (v = decs[k].next(Msg)) !== undefined;) got[k].push(structuredClone(v));
      if (round === 3 && k === 1) {
        // a big stream elsewhere grows the memory
        const big = new GobDecoder();
        big.push(new Uint8Array(8 << 20));
        big.free();
      }
    }
    round++;
  }
  for (let k = 0; k < 3; k++) {
    assert.deepEqual(got[k], Array.from({ length: 40 }, (_, i) => mk(i + k * 100)));
    decs[k].free();
  }
});

Deno.test("decoder: commit() into a view that memory growth made stale is a RangeError", () => {
  const d = new GobDecoder();
  const w = d.writable(16);
  const bigs: GobDecoder[] = [];
  for (let i = 0; i < 8 && w.length !== 0; i++) {
    const big = new GobDecoder(); // grows codec memory until w is detached
    big.push(new Uint8Array(32 << 20));
    bigs.push(big);
  }
  for (const b of bigs) b.free();
  assert.equal(w.length, 0);
  assert.throws(() => d.commit(4), RangeError);
  d.free();
});

Deno.test("decoder: a message whose tape would outgrow the engine's buffers is a GobError", () => {
  // 48 MiB of empty-struct elements: one 16-byte tape record per input byte (768 MiB of tape)
  const Empty = gob.struct("main.E", {});
  const e = new GobEncoder();
  e.encode(gob.slice(Empty), [{}]);
  const first = e.take().slice();
  e.encode(gob.slice(Empty), [{}]);
  const again = e.take().slice(); // len, id (2 bytes), delta 0, count 1, struct end
  e.free();
  assert.equal(again.length, 6);
  const n = 48 << 20;
  const be = (
    v: number,
  ) => [0xfc, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  const inner = [again[1], again[2], 0x00, ...be(n)];
  const msg = new Uint8Array(5 + inner.length + n);
  msg.set([...be(inner.length + n), ...inner]);
  const d = new GobDecoder({ limits: { maxElements: 2 ** 31 - 1 } });
  d.push(first.subarray(0, first.length - again.length)); // the type definitions
  d.push(msg);
  assert.throws(() => d.next(gob.slice(Empty)), /out of codec memory/);
  d.free();
});

Deno.test("decoder: pushOwned() hands out byte arrays as views of the chunk, which outlive the codec", () => {
  const Blob = gob.struct("main.Blob", { Name: gob.string, Data: gob.bytes, Meta: gob.bytes });
  const enc = new GobEncoder();
  // the first message carries the type definition: push it normally, then one message owned
  enc.encode(Blob, { Name: "a", Data: new Uint8Array([1, 2, 3]), Meta: new Uint8Array([9]) });
  const first = enc.take().slice();
  const data = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
  enc.encode(Blob, { Name: "b", Data: data, Meta: new Uint8Array([7, 7]) });
  const owned = enc.take().slice();
  enc.encode(Blob, { Name: "c", Data: new Uint8Array([4, 5]), Meta: new Uint8Array(0) });
  const third = enc.take().slice();

  const dec = new GobDecoder();
  dec.push(first);
  const a = dec.next(Blob)!;
  assert.ok(isCodecMemory(a.Data), "pushed bytes are decoded as views of codec memory");
  dec.pushOwned(owned);
  const b = dec.next(Blob)!;
  assert.equal(b.Name, "b");
  assert.equal(b.Data.buffer, owned.buffer, "Data is a view of the owned chunk");
  assert.equal(b.Meta.buffer, owned.buffer, "so is Meta");
  assert.ok(!isCodecMemory(b.Data));
  assert.deepEqual([...b.Data], [...data]);
  assert.deepEqual([...b.Meta], [7, 7]);
  // Later input reuses codec memory; the owned views do not change, and new views are codec's.
  dec.push(third);
  const c = dec.next(Blob)!;
  assert.deepEqual([...c.Data], [4, 5]);
  assert.ok(isCodecMemory(c.Data), "bytes pushed after the owned chunk come from codec memory");
  for (let i = 0; i < 20; i++) { // more input through the same memory, and memory growth
    enc.encode(Blob, { Name: "d", Data: new Uint8Array(50_000 * i).fill(0xee), Meta: data });
    dec.push(enc.take());
    assert.equal(dec.next(Blob)!.Data.length, 50_000 * i);
  }
  assert.deepEqual([...b.Data], [...data], "owned views keep their bytes");
  dec.free();
  enc.free();
});

Deno.test("decoder: pushOwned() of a chunk holding the end of one message and whole others", () => {
  const enc = new GobEncoder();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 4; i++) {
    enc.encode(gob.bytes, Uint8Array.from({ length: 300 + i }, (_, j) => (i + j) % 256));
    parts.push(enc.take().slice());
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  const dec = new GobDecoder();
  dec.push(all.subarray(0, 10)); // the first message starts in codec memory…
  const owned = all.slice(10); // …and ends, with the three others, in the owned chunk
  dec.pushOwned(owned);
  for (let i = 0; i < 4; i++) {
    const v = dec.next(gob.bytes)!;
    assert.deepEqual([...v], Array.from({ length: 300 + i }, (_, j) => (i + j) % 256));
    // A value that starts before the owned chunk is a codec view; the ones inside it are its own.
    assert.equal(isCodecMemory(v), i === 0);
  }
  dec.free();
  enc.free();
});

Deno.test("decoder: once a message's length is read, its input grows to hold it all in one step", () => {
  const enc = new GobEncoder();
  enc.encode(gob.bytes, new Uint8Array(3_000_000).fill(5));
  const bytes = enc.take().slice();
  enc.free();
  const dec = new GobDecoder();
  dec.push(bytes.subarray(0, 65536));
  assert.equal(dec.next(gob.bytes), undefined);
  // room for the rest of the message at once (not a doubling at a time)
  const w = dec.writable(1);
  assert.ok(w.length >= bytes.length - 65536, `${w.length} free bytes`);
  w.set(bytes.subarray(65536));
  dec.commit(bytes.length - 65536);
  const v = dec.next(gob.bytes)!;
  assert.equal(v.length, 3_000_000);
  assert.ok(v.every((b) => b === 5));
  dec.free();
});

Deno.test("decoder: pushOwned() of large chunks decodes as push() does, whether or not a byte array spans the middle it skips", () => {
  const Big = gob.struct("main.Big", {
    Head: gob.string,
    Data: gob.bytes,
    Text: gob.string,
    Parts: gob.slice(gob.bytes),
    Nums: gob.slice(gob.int),
    Tail: gob.string,
  });
  const rng = new Rng(0xb16);
  const sized = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
  // One stream for all rounds: the decoder's input is reused, so the bytes a skipped middle
  // leaves in codec memory are the previous round's, never this round's by chance.
  const enc = new GobEncoder();
  const dec = new GobDecoder();
  for (let round = 0; round < 40; round++) {
    // values of ~0.1–1 MB laid out differently: one big byte array (the middle is skipped), or
    // a big string, many parts or numbers across the middle (the middle must be written)
    const shape = rng.int(4);
    const big = 100_000 + rng.int(900_000);
    const values = Array.from({ length: 1 + rng.int(3) }, () => ({
      Head: "h".repeat(rng.int(70_000)),
      Data: shape === 0 ? sized(big) : sized(rng.int(50)),
      Text: shape === 1 ? String.fromCharCode(0x100 + rng.int(500)).repeat(big / 2) : "t",
      Parts: shape === 2 ? Array.from({ length: big / 1000 }, () => sized(rng.int(2000))) : [],
      Nums: shape === 3 ? Array.from({ length: big / 4 }, () => rng.int(1 << 30)) : [],
      Tail: "z".repeat(rng.int(100)),
    }));
    for (const v of values) enc.encode(Big, v);
    const stream = enc.take().slice();
    // the owned chunk starts at a message boundary, or anywhere (a value begun before it)
    const first = rng.int(2) === 0 ? rng.int(stream.length) : 0;
    if (first > 0) dec.push(stream.subarray(0, first));
    dec.pushOwned(stream.slice(first));
    for (const v of values) {
      // (a boolean check: a failing deepEqual would print megabytes)
      assert.ok(isDeepStrictEqual(dec.next(Big), v), `round ${round} shape ${shape}`);
    }
    assert.equal(dec.next(Big), undefined);
  }
  enc.free();
  dec.free();
});

Deno.test("decoder: a corrupt large owned chunk fails as the same bytes pushed do; type definitions in one decode", () => {
  const rng = new Rng(0xc0);
  const Rec = gob.struct("main.Rec", { Data: gob.bytes, N: gob.int });
  // a type definition message over the hole size: a struct type with long field names
  const fields: Record<string, Schema<unknown>> = {};
  for (let i = 0; i < 300; i++) fields[`F${i}_${"x".repeat(1000)}`] = gob.int;
  const Wide = gob.struct("main.Wide", fields);
  for (let round = 0; round < 30; round++) {
    const enc = new GobEncoder();
    enc.encode(Rec, { Data: new Uint8Array(300_000 + rng.int(400_000)).fill(7), N: 5 });
    if (round % 3 === 0) {
      enc.encode(Wide, Object.fromEntries(Object.keys(fields).map((k) => [k, 1])));
    }
    const stream = enc.take().slice();
    enc.free();
    if (round > 0) stream[rng.int(stream.length)] ^= 1 << rng.int(8); // one flipped bit
    const outcome = (owned: boolean) => {
      const dec = new GobDecoder();
      try {
        if (owned) dec.pushOwned(stream.slice());
        else dec.push(stream);
        const out: unknown[] = [];
        for (let v = dec.nextAny(); v !== undefined; v = dec.nextAny()) out.push(v);
        return { out };
      } catch (e) {
        return { error: e instanceof GobError ? `${e.message} @${e.offset}` : String(e) };
      } finally {
        dec.free();
      }
    };
    assert.deepEqual(outcome(true), outcome(false), `round ${round}`);
  }
});

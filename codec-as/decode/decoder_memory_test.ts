// Decoding into and out of codec memory: reading straight into it (writable/commit), streams
// while it grows, the engine's buffer limits, and chunks the decoder owns (pushOwned), whose byte
// arrays are views of the chunk and whose middle may never be copied in.
import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, GobError, isCodecMemory, type Schema } from "../mod.ts";
import { Rng } from "../../tools/fuzz/mod.ts";
import { isDeepStrictEqual } from "node:util";

function encodeAll(values: [Schema, unknown][]): Uint8Array {
  const e = new GobEncoder();
  for (const [s, v] of values) e.encode(s, v);
  const out = e.take().slice();
  e.free();
  return out;
}

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

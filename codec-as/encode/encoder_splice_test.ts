// Spliced byte arrays (GobEncoder's spliceBytesFrom / takeParts) must give exactly the stream a
// copying encoder gives — the chunk lengths count them, framing moves keep them in place — and
// hand the caller's arrays back untouched.
import assert from "node:assert/strict";
import { gob, GobDecoder, GobEncoder, type Schema } from "../mod.ts";
import { Rng } from "../../tools/fuzz/mod.ts"; // seeded: a failure names the seed that reproduces it

const Inner = gob.struct("main.Inner", { Tag: gob.string, Data: gob.bytes });
const Outer = gob.struct("main.Outer", {
  Head: gob.bytes,
  N: gob.int,
  In: Inner,
  List: gob.slice(gob.bytes),
  ByName: gob.map(gob.string, gob.bytes),
  Any: gob.interface,
  Tail: gob.bytes,
});

function bytes(r: Rng, max: number): Uint8Array {
  return r.bytes(r.int(max));
}

/** A random value sequence over a few schemas, with []byte values of 0..max bytes everywhere. */
function values(r: Rng, max: number): [Schema, unknown][] {
  const out: [Schema, unknown][] = [];
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) {
    const pick = r.int(4);
    if (pick === 0) out.push([gob.bytes, bytes(r, max)]);
    else if (pick === 1) out.push([Inner, { Tag: "t" + i, Data: bytes(r, max) }]);
    else if (pick === 2) {
      out.push([gob.interface, { name: "[]uint8", value: bytes(r, max) }]);
    } else {
      const any = r.chance(0.3)
        ? null
        : r.chance(0.5)
        ? { name: "[]uint8", value: bytes(r, max) }
        : { name: "main.Inner", value: { Tag: "x", Data: bytes(r, max) }, schema: Inner };
      out.push([Outer, {
        Head: bytes(r, max),
        N: r.int(1000) - 500,
        In: { Tag: "in", Data: bytes(r, max) },
        List: Array.from({ length: r.int(4) }, () => bytes(r, max)),
        ByName: new Map([["a", bytes(r, max)], ["b", bytes(r, max)]]),
        Any: any,
        Tail: bytes(r, max),
      }]);
    }
  }
  return out;
}

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  Deno.test(`splicing encoder writes the copying encoder's bytes (seed ${seed})`, () => {
    const r = new Rng(seed);
    const copying = new GobEncoder();
    const from = 1 + r.int(16);
    const splicing = new GobEncoder({ spliceBytesFrom: from });
    const dec = new GobDecoder();
    try {
      for (let batch = 0; batch < 30; batch++) {
        // several messages (type definitions among them) pending before each take
        const vs = values(r, batch % 5 === 0 ? 70_000 : 48);
        for (const [s, v] of vs) {
          copying.encode(s, v);
          splicing.encode(s, v);
        }
        const want = copying.take().slice();
        const parts = splicing.takeParts();
        const sent = vs.flatMap(([, v]) => collectBytes(v)).filter((b) => b.length >= from);
        const spliced = parts.filter((_, i) => i % 2 === 1);
        assert.equal(spliced.length, sent.length, `every array of ≥ ${from} bytes is spliced`);
        spliced.forEach((p, i) => assert.equal(p, sent[i], "the caller's own array, in order"));
        const got = concat(parts);
        assert.deepEqual(got, want, `batch ${batch}, spliceBytesFrom ${from}`);
        dec.push(got);
        for (const [s] of vs) assert.notEqual(dec.next(s), undefined);
      }
    } finally {
      copying.free();
      splicing.free();
      dec.free();
    }
  });
}

function collectBytes(v: unknown): Uint8Array[] {
  if (v instanceof Uint8Array) return [v];
  if (v instanceof Map) return [...v.values()].flatMap(collectBytes);
  if (Array.isArray(v)) return v.flatMap(collectBytes);
  if (v !== null && typeof v === "object") {
    if ("name" in v && "value" in v) return collectBytes((v as { value: unknown }).value);
    return Object.values(v).flatMap(collectBytes);
  }
  return [];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

Deno.test("splicing: take() joins the parts; without splices takeParts() has one part", () => {
  const enc = new GobEncoder({ spliceBytesFrom: 3 });
  const ref = new GobEncoder();
  enc.encode(gob.bytes, new Uint8Array([9, 9, 9]));
  ref.encode(gob.bytes, new Uint8Array([9, 9, 9]));
  assert.deepEqual(enc.take(), ref.take().slice());
  enc.encode(gob.bytes, new Uint8Array([1, 2]));
  assert.equal(enc.takeParts().length, 1);
  enc.free();
  ref.free();
});

Deno.test("splicing: spliced bytes count against maxMessageBytes, and the stream recovers", () => {
  const enc = new GobEncoder({ spliceBytesFrom: 16, limits: { maxMessageBytes: 1000 } });
  const ref = new GobEncoder({ limits: { maxMessageBytes: 1000 } });
  assert.throws(() => enc.encode(Inner, { Tag: "big", Data: new Uint8Array(2000) }), RangeError);
  assert.throws(() => ref.encode(Inner, { Tag: "big", Data: new Uint8Array(2000) }), RangeError);
  const ok = { Tag: "fits", Data: new Uint8Array(900).fill(7) };
  enc.encode(Inner, ok);
  ref.encode(Inner, ok);
  assert.deepEqual(enc.take(), ref.take().slice());
  enc.free();
  ref.free();
});

Deno.test("splicing: a value that fails half-way drops its spliced arrays", () => {
  const enc = new GobEncoder({ spliceBytesFrom: 4 });
  const ref = new GobEncoder({ spliceBytesFrom: 4 });
  const bad = { Tag: 5 as unknown as string, Data: new Uint8Array(8) }; // Data is written after Tag
  const Rev = gob.struct("main.Rev", { Data: gob.bytes, Tag: gob.string });
  assert.throws(() => enc.encode(Rev, bad as never), TypeError);
  const good = { Data: new Uint8Array([1, 2, 3, 4, 5]), Tag: "ok" };
  enc.encode(Rev, good);
  ref.encode(Rev, good);
  const parts = enc.takeParts();
  assert.equal(parts[1], good.Data);
  assert.deepEqual(concat(parts), ref.take());
  enc.free();
  ref.free();
});

Deno.test("splicing: spliceBytesFrom must be a positive integer", () => {
  assert.throws(() => new GobEncoder({ spliceBytesFrom: 0 }), RangeError);
  assert.throws(() => new GobEncoder({ spliceBytesFrom: 1.5 }), RangeError);
});

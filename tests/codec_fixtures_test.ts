// Every recorded Go fixture (tests/fixtures/gob, see its README) decoded schema-less and compared
// with the JSON Go printed; fed whole, byte at a time and in seeded random splits; every
// truncated prefix; single-byte corruptions and random streams → only values, "need more"
// (undefined) or GobError.
import assert from "node:assert/strict";
import { GobDecoder, GobError, GobOpaque } from "../codec-as/mod.ts";
import { JsonNumber, JsonObject, type JsonValue, parseJsonExact } from "../codec-as/go/mod.ts";
import { goTimeJSON } from "../codec-as/go/mod.ts";

const dir = new URL("./fixtures/gob/", import.meta.url);
interface Entry {
  name: string;
  decodeType?: string;
}
const index: { fixtures: Entry[] } = JSON.parse(
  Deno.readTextFileSync(new URL("index.json", dir)),
);

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep copy that detaches views from codec memory. */
function own(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof GobOpaque) return new GobOpaque(v.kind, v.name, v.bytes.slice());
  if (Array.isArray(v)) return v.map(own);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [own(k), own(x)]));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, own(x)]));
  }
  return v;
}

/** Decodes the chunks in order; returns the values (owned) and how the stream ended. */
function decodeChunks(chunks: Uint8Array[]): { values: unknown[]; error?: unknown } {
  const dec = new GobDecoder();
  const values: unknown[] = [];
  try {
    for (const c of chunks) {
      dec.push(c);
      for (;;) {
        const v = dec.nextAny();
        if (v === undefined) break;
        values.push(own(v));
      }
    }
    return { values };
  } catch (e) {
    return { values, error: e };
  } finally {
    dec.free();
  }
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let last = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.subarray(last, c));
    last = c;
  }
  return out;
}

const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

function zeroish(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === 0n || v === "" || v === false) return true;
  if (Array.isArray(v)) return v.every(zeroish);
  if (v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof GobOpaque) return v.bytes.length === 0;
  if (v instanceof JsonNumber) return Number(v.text) === 0;
  if (v instanceof JsonObject) return v.entries.every(([, x]) => zeroish(x));
  if (typeof v === "object") return Object.values(v).every(zeroish);
  return false;
}

function goKey(k: unknown): string {
  if (typeof k === "string") return k.replace(/[\udc80-\udcff]/g, "\ufffd");
  if (Array.isArray(k)) return `[${k.map(goKey).join(" ")}]`;
  if (typeof k === "number" && k !== 0 && Number.isFinite(k)) {
    // fmt's %v of a float64: exponent form (two-digit exponent) below 1e-4 and from 1e21
    const e = Math.floor(Math.log10(Math.abs(k)));
    if (e < -4 || e >= 21) {
      const [m, x] = k.toExponential().split("e");
      return `${m}e${x[0]}${x.slice(1).padStart(2, "0")}`;
    }
  }
  return String(k);
}

/** Asserts that a nextAny value means what Go's JSON printed. */
function match(mine: unknown, rec: JsonValue, path: string, loose: boolean): void {
  const at = `at ${path}`;
  if (rec === null) {
    assert.ok(zeroish(mine), `${at}: Go printed null, decoded ${String(mine)}`);
    return;
  }
  if (mine === null || mine === undefined) {
    assert.ok(zeroish(rec), `${at}: decoded null, Go printed ${JSON.stringify(rec)}`);
    return;
  }
  if (mine instanceof GobOpaque) {
    if (mine.bytes.length === 0) return; // absent: Go prints its own zero value's bytes
    // A *time.Time field's type definition carries no name (Go names the pointer type): recognise
    // it by the recorded RFC 3339 text.
    const isTime = mine.name === "Time" ||
      (mine.name === "" && typeof rec === "string" && /^\d{4}-\d\d-\d\dT/.test(rec));
    const want = isTime ? JSON.parse(goTimeJSON(mine.bytes)) : b64(mine.bytes);
    assert.equal(want, rec, at);
    return;
  }
  if (mine instanceof Uint8Array) {
    assert.equal(b64(mine), rec, at);
    return;
  }
  if (typeof mine === "string") {
    assert.equal(mine.replace(/[\udc80-\udcff]/g, "\ufffd"), rec, at);
    return;
  }
  if (typeof mine === "boolean") {
    assert.equal(mine, rec, at);
    return;
  }
  if (typeof mine === "number" || typeof mine === "bigint") {
    if (typeof rec === "string") {
      const special = Number.isNaN(mine) ? "NaN" : mine === Infinity ? "+Inf" : "-Inf";
      assert.equal(special, rec, at);
      return;
    }
    assert.ok(rec instanceof JsonNumber, `${at}: expected a number, Go printed ${String(rec)}`);
    if (typeof mine === "bigint" || /^-?\d+$/.test(rec.text)) {
      assert.equal(BigInt(mine), BigInt(rec.text), at);
    } else {
      const n = Number(rec.text);
      assert.ok(
        n === mine || Math.fround(n) === Math.fround(mine),
        `${at}: ${mine} vs ${rec.text}`,
      );
    }
    return;
  }
  if (Array.isArray(mine)) {
    assert.ok(Array.isArray(rec), `${at}: expected an array`);
    assert.equal(mine.length, rec.length, `${at}: length`);
    mine.forEach((x, i) => match(x, rec[i], `${path}[${i}]`, loose));
    return;
  }
  if (mine instanceof Map) {
    assert.ok(rec instanceof JsonObject, `${at}: expected an object for a map`);
    assert.equal(mine.size, rec.entries.length, `${at}: map size`);
    const byKey = new Map(rec.entries);
    for (const [k, x] of mine) {
      const key = goKey(k);
      assert.ok(byKey.has(key), `${at}: map key ${key} missing`);
      match(x, byKey.get(key)!, `${path}[${key}]`, loose);
    }
    return;
  }
  if (typeof mine === "object") {
    const m = mine as Record<string, unknown>;
    if (
      "name" in m && "value" in m && typeof m.typeId === "number" && Object.keys(m).length === 3 &&
      !(rec instanceof JsonObject && rec.entries.some(([k]) => k === "name"))
    ) {
      match(m.value, rec, path, loose); // an interface value prints as its concrete value
      return;
    }
    assert.ok(rec instanceof JsonObject, `${at}: expected an object`);
    const seen = new Set<string>();
    for (const [k, x] of rec.entries) {
      seen.add(k);
      if (Object.hasOwn(m, k)) match(m[k], x, `${path}.${k}`, loose);
      else assert.ok(loose && zeroish(x), `${at}: field ${k} missing`);
    }
    if (!loose) {
      for (const k of Object.keys(m)) assert.ok(seen.has(k), `${at}: extra field ${k}`);
    }
    return;
  }
  assert.fail(`${at}: unexpected ${typeof mine}`);
}

function allowed(r: { error?: unknown }, what: string): void {
  if (r.error !== undefined && !(r.error instanceof GobError)) {
    assert.fail(`${what}: threw ${String(r.error)} (${(r.error as Error)?.name})`);
  }
}

for (const f of index.fixtures) {
  const bytes = Deno.readFileSync(new URL(`${f.name}.gob`, dir));
  const lines = Deno.readTextFileSync(new URL(`${f.name}.json`, dir)).trimEnd().split("\n");
  const whole = decodeChunks([bytes]);

  Deno.test(`codec fixture ${f.name}: decodes to what Go printed`, () => {
    assert.equal(whole.error, undefined, String(whole.error));
    assert.equal(whole.values.length, lines.length);
    whole.values.forEach((v, i) =>
      match(v, parseJsonExact(lines[i]), `value ${i}`, f.decodeType !== undefined)
    );
  });

  Deno.test(`codec fixture ${f.name}: byte at a time and in random splits`, () => {
    const one = decodeChunks(
      split(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)),
    );
    assert.deepEqual(one, whole);
    const r = rng(bytes.length * 31 + 7);
    for (let k = 0; k < 20; k++) {
      const cuts = Array.from(
        { length: 1 + Math.floor(r() * 6) },
        () => Math.floor(r() * bytes.length),
      )
        .sort((a, b) => a - b);
      assert.deepEqual(decodeChunks(split(bytes, cuts)), whole, `cuts ${cuts}`);
    }
  });

  Deno.test(`codec fixture ${f.name}: every truncated prefix needs more, never fails`, () => {
    const step = Math.max(1, Math.floor(bytes.length / 400));
    for (let n = 0; n < bytes.length; n += step) {
      const got = decodeChunks([bytes.subarray(0, n)]);
      assert.equal(got.error, undefined, `prefix ${n}: ${String(got.error)}`);
      assert.ok(got.values.length < whole.values.length || n === bytes.length);
      assert.deepEqual(got.values, whole.values.slice(0, got.values.length), `prefix ${n}`);
    }
  });

  Deno.test(`codec fixture ${f.name}: single-byte corruptions give values, need-more or GobError`, () => {
    const r = rng(bytes.length);
    const positions = bytes.length <= 300
      ? Array.from({ length: bytes.length }, (_, i) => i)
      : Array.from({ length: 300 }, () => Math.floor(r() * bytes.length));
    const copy = bytes.slice();
    for (const i of positions) {
      for (const v of [copy[i] ^ 0xff, copy[i] ^ 0x01, 0x00, 0x80, 0xf8, 0x7f]) {
        const old = copy[i];
        copy[i] = v;
        allowed(decodeChunks([copy]), `byte ${i} = ${v}`);
        copy[i] = old;
      }
    }
  });
}

Deno.test("codec fixtures: random byte streams give values, need-more or GobError", () => {
  const r = rng(12345);
  for (let k = 0; k < 2000; k++) {
    const b = new Uint8Array(1 + Math.floor(r() * 64)).map(() => Math.floor(r() * 256));
    if (k % 2 === 0) b[0] = b.length - 1; // plausible message length
    allowed(decodeChunks([b]), `stream ${k}`);
  }
});

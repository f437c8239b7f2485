/**
 * The large-string JSON path gives exactly the bytes of `JSON.stringify` + UTF-8, for values of
 * every shape the walk copies, skips or gives up on.
 */
import assert from "node:assert/strict";
import { jsonParts, jsonPartsMaxBytes, LARGE_STRING, writeJsonParts } from "./_json_result.ts";
import { Rng } from "../../tools/fuzz/mod.ts";

const enc = new TextEncoder();

/** The bytes the large-string path writes, or those of JSON.stringify when it declines. */
function serialize(value: unknown, plain?: string[]): { bytes: Uint8Array; split: boolean } {
  const parts = jsonParts(value, plain);
  if (parts === undefined) return { bytes: enc.encode(JSON.stringify(value)), split: false };
  const into = new Uint8Array(jsonPartsMaxBytes(parts));
  const n = writeJsonParts(parts, into);
  assert.ok(n >= 0, "the upper bound is enough");
  return { bytes: into.subarray(0, n), split: parts.strings.length > 0 };
}

function same(value: unknown, split?: boolean): void {
  const got = serialize(value);
  const want = enc.encode(JSON.stringify(value));
  assert.ok(got.bytes.length === want.length && got.bytes.every((b, i) => b === want[i]));
  if (split !== undefined) assert.equal(got.split, split);
}

/** Every string in a value of plain objects and arrays. */
function* strings(v: unknown): Generator<string> {
  if (typeof v === "string") yield v;
  else if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) yield* strings(x);
  }
}

const big = (c: string, extra = 0) => c.repeat(Math.ceil((LARGE_STRING + extra) / c.length));

Deno.test("jsonParts: large strings anywhere in plain objects and arrays, escaped or not", () => {
  same(big("x"), true);
  same({ data: big("x") }, true);
  same([1, big("ab"), { deep: [null, { s: big("ƛ€😀") }] }, "tail"], true);
  same({ a: big('say "hi"\n'), b: big("\\"), c: big("\u0001"), d: big("\u007f\u2028") }, true);
  same({ lone: big("a") + "\ud800", pair: big("\ud83d\ude00") }, true); // lone surrogate: escaped
  const shared = big("s");
  same({ x: shared, y: shared, z: [shared] }, true);
  // integer-like keys first, __proto__ as an own key, values JSON.stringify drops or nulls
  same(JSON.parse(`{"b":1,"2":2,"__proto__":{"p":"${big("q")}"},"1":1}`), true);
  same(
    { u: undefined, f: () => 1, s: Symbol("x"), big: big("v"), arr: [undefined, () => 1] },
    true,
  );
  same({ holes: [1, , 3], big: big("h") }, true); // eslint-disable-line no-sparse-arrays
  same({ nan: NaN, inf: -Infinity, neg0: -0, n: 1e21, big: big("n") }, true);
});

Deno.test("jsonParts: what the walk does not copy is left to JSON.stringify, exactly", () => {
  class Box {
    constructor(readonly text: string) {}
  }
  same({ box: new Box(big("c")), date: new Date(0), map: new Map([[1, 2]]), big: big("d") }, true);
  same({ t: { toJSON: () => big("t") }, big: big("e") }, true);
  same({ toJSON: () => ({ big: big("f") }) }, false); // the root's toJSON: not walked
  same(new Box(big("g")), false);
  same(Object.assign(Object.create(null), { big: big("h") }), true);
  same([new String(big("i")), Object(1)], false);
  same({ small: "x".repeat(LARGE_STRING - 1) }, false);
  same(1, false);
  same(null, false);
  same(undefined, false);
  // a user string that looks like a marker is not taken for one (markers carry a random nonce)
  same({ fake: "\ufdd0lambda-gob:0", big: big("m"), fake2: '"\ufdd0lambda-gob:0"' }, true);
});

Deno.test("jsonParts: each property is read once, getters included, with or without large strings", () => {
  for (const body of [big("g"), "small"]) {
    let reads = 0;
    const value = {
      id: 1,
      get body() {
        reads++;
        return body;
      },
      nested: [{ n: 2 }],
    };
    const parts = jsonParts(value)!;
    assert.equal(reads, 1);
    const into = new Uint8Array(jsonPartsMaxBytes(parts));
    const text = new TextDecoder().decode(into.subarray(0, writeJsonParts(parts, into)));
    assert.equal(text, JSON.stringify({ id: 1, body, nested: [{ n: 2 }] }));
    assert.equal(reads, 1, "writing the parts reads nothing again");
  }
});

Deno.test("jsonParts: cycles and BigInt fail as JSON.stringify fails", () => {
  const cyclic: Record<string, unknown> = { big: big("y") };
  cyclic.self = cyclic;
  assert.equal(jsonParts(cyclic), undefined);
  assert.throws(() => JSON.stringify(cyclic), TypeError);
  assert.throws(() => jsonParts({ big: big("z"), n: 1n }), /BigInt/);
});

Deno.test("jsonParts: beyond the walk's budget, large strings are left to JSON.stringify", () => {
  const records = Array.from({ length: 6000 }, (_, i) => ({ id: i, body: "b" }));
  same([...records, big("late")]); // either way, the same bytes
  same([big("early"), ...records], true);
});

Deno.test("jsonParts: strings vouched for as plain are marked, by value, and written unchecked", () => {
  const clean = big("c");
  const escaped = big('"');
  const parts = jsonParts({ a: clean, b: escaped, c: [clean.slice(0)], d: big("c") + "x" }, [
    clean,
  ])!;
  assert.deepEqual(parts.plain, [true, false, true, false]);
  assert.equal(jsonParts(clean, [clean])!.plain?.[0], true);
  assert.equal(jsonParts({ a: clean })!.plain, undefined);
  // Written without the check: the caller's word is taken (so a caller must only vouch for strings
  // that need no escaping).
  const into = new Uint8Array(jsonPartsMaxBytes(parts));
  const n = writeJsonParts({ texts: ["", ""], strings: [escaped], plain: [true] }, into);
  assert.equal(new TextDecoder().decode(into.subarray(0, n)), `"${escaped}"`);
});

Deno.test("jsonParts: random values give JSON.stringify's bytes", () => {
  const rng = new Rng(0x150a);
  const chars = ["a", "Z", " ", "ƛ", "😀", '"', "\\", "\n", "\u0000", "\ud800", "\u2028", "é"];
  const text = (): string => {
    const n = rng.int(3) === 0 ? LARGE_STRING + rng.int(2000) : rng.int(20);
    const clean = rng.int(2) === 0;
    let s = "";
    const unit = Array.from(
      { length: 1 + rng.int(7) },
      () => clean ? chars[rng.int(6)] : chars[rng.int(chars.length)],
    ).join("");
    while (s.length < n) s += unit;
    return s;
  };
  const value = (depth: number): unknown => {
    const k = rng.int(depth > 3 ? 4 : 7);
    if (k === 0) return text();
    if (k === 1) return rng.int(1000) - 500;
    if (k === 2) return rng.int(2) === 0 ? null : rng.int(2) === 0;
    if (k === 3) return text();
    if (k === 4) return Array.from({ length: rng.int(5) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = rng.int(5); i > 0; i--) {
      o[rng.int(3) === 0 ? String(rng.int(9)) : text().slice(0, 8)] = value(depth + 1);
    }
    return o;
  };
  let split = 0;
  for (let round = 0; round < 150; round++) {
    const v = value(0);
    // Half the rounds vouch for the strings that need no escaping, as an event's would be.
    const plain = round % 2 === 0
      ? []
      : [...strings(v)].filter((s) => JSON.stringify(s) === `"${s}"`);
    const got = serialize(v, plain);
    const want = enc.encode(JSON.stringify(v));
    assert.ok(
      got.bytes.length === want.length && got.bytes.every((b, i) => b === want[i]),
      `round ${round}`,
    );
    if (got.split) split++;
  }
  assert.ok(split > 20, `the large-string path ran (${split} times)`);
});

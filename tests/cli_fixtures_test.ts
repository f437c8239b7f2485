/**
 * `gob dump` of every fixture Go recorded (tests/fixtures/gob) compared with the JSON Go printed
 * for the same values, as JSON values with exact integers (see differential_compare.ts for the
 * few equivalences gob's wire imposes), plus struct field and map key order.
 */
import assert from "node:assert/strict";
import { dumpStream } from "../codec-as/cli/mod.ts";
import { GobError } from "../codec-as/mod.ts";
import { type GoDecls, type GoType, parseGoTypes } from "../codec-as/go/mod.ts";
import { JsonObject, parseJsonExact } from "../codec-as/go/mod.ts";
import { compareGoJson } from "./differential_compare.ts";

interface Fixture {
  name: string;
  category: string;
  type?: string;
  types: string[];
  decls: string;
  marshalers?: Record<string, string>;
  decodeType?: string;
  decodeDecls?: string;
  values: number;
}

const dir = new URL("./fixtures/gob/", import.meta.url);
const index = JSON.parse(await Deno.readTextFile(new URL("index.json", dir))) as {
  fixtures: Fixture[];
};

async function* chunked(b: Uint8Array, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** Runs dumpStream over bytes fed in chunks of `size`; returns the text and any error. */
async function dumpText(bytes: Uint8Array, size = bytes.length || 1) {
  let text = "";
  try {
    await dumpStream(chunked(bytes, size), { write: (s) => Promise.resolve(void (text += s)) });
    return { text };
  } catch (error) {
    return { text, error };
  }
}

/** Declarations plus one alias per type expression, so every value has a GoType. */
function typesOf(decls: string, exprs: string[]) {
  const src = decls + exprs.map((e, i) => `\ntype ROOT${i} = ${e}`).join("");
  const parsed: GoDecls = parseGoTypes(src);
  return {
    decls: parsed,
    roots: exprs.map((_, i): GoType => ({ kind: "named", name: `ROOT${i}`, line: 0, column: 0 })),
  };
}

for (const fx of index.fixtures) {
  Deno.test(`gob dump: fixture ${fx.name} (${fx.category}) prints what Go printed`, async () => {
    const gob = await Deno.readFile(new URL(`${fx.name}.gob`, dir));
    const want = (await Deno.readTextFile(new URL(`${fx.name}.json`, dir))).trimEnd().split("\n");
    const whole = await dumpText(gob);
    assert.equal(whole.error, undefined);
    const got = whole.text.trimEnd().split("\n");
    assert.equal(got.length, want.length, `value count\n${got.join("\n")}`);
    const exprs = fx.decodeType ? fx.types.map(() => fx.decodeType!) : fx.types;
    const { decls, roots } = typesOf(
      fx.decodeType ? fx.decodeDecls ?? "" : fx.decls,
      exprs,
    );
    const marshalers = new Set(Object.keys(fx.marshalers ?? {}));
    for (let i = 0; i < want.length; i++) {
      const w = parseJsonExact(want[i]);
      let g = parseJsonExact(got[i]);
      if (fx.decodeType && w instanceof JsonObject && g instanceof JsonObject) {
        // Go decoded into another struct: compare the fields both have, in Go's order.
        const ours = new Map(g.entries);
        g = new JsonObject(
          w.entries.map(([k, wv]) => [k, ours.has(k) ? ours.get(k)! : wv]),
        );
      }
      const diff = compareGoJson(w, g, { type: roots[i], decls, marshalers });
      assert.equal(diff, undefined, `value ${i}: ${diff}\n Go:   ${want[i]}\n ours: ${got[i]}`);
    }
  });
}

Deno.test("gob dump: every fixture fed in 1- and 7-byte chunks prints the same; every prefix prints a prefix of the lines and ends in a GobError unless it ends between messages", async () => {
  let truncations = 0;
  for (const fx of index.fixtures) {
    const gob = await Deno.readFile(new URL(`${fx.name}.gob`, dir));
    const full = await dumpText(gob);
    for (const size of [1, 7]) assert.deepEqual(await dumpText(gob, size), full, fx.name);
    const lines = full.text.split("\n").slice(0, -1);
    for (let n = 0; n < gob.length; n++) {
      const part = await dumpText(gob.subarray(0, n), 5);
      const printed = part.text === "" ? [] : part.text.split("\n").slice(0, -1);
      assert.deepEqual(printed, lines.slice(0, printed.length), `${fx.name} prefix ${n}`);
      if (part.error !== undefined) {
        assert.ok(part.error instanceof GobError, `${fx.name} prefix ${n}: ${part.error}`);
        assert.match(part.error.message, /truncated stream/);
        truncations++;
      } else assert.ok(printed.length < lines.length || n === 0, `${fx.name} prefix ${n}`);
    }
  }
  assert.ok(truncations > 7000, `${truncations} truncated prefixes detected`);
});

Deno.test("gob dump: single-byte corruptions of every fixture and random streams end in values or a GobError, never another error", async () => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  let errors = 0, streams = 0;
  const check = async (bytes: Uint8Array, what: string) => {
    streams++;
    const r = await dumpText(bytes, 64);
    if (r.error !== undefined) {
      errors++;
      assert.ok(r.error instanceof GobError, `${what}: ${r.error}`);
    }
  };
  for (const fx of index.fixtures) {
    const gob = await Deno.readFile(new URL(`${fx.name}.gob`, dir));
    for (let i = 0; i < gob.length; i++) {
      const bad = gob.slice();
      bad[i] = i % 2 === 0 ? bad[i] ^ 0xff : Math.floor(rand() * 256);
      await check(bad, `${fx.name} byte ${i} = ${bad[i]}`);
    }
  }
  for (let n = 0; n < 2000; n++) {
    const b = Uint8Array.from(
      { length: 1 + Math.floor(rand() * 64) },
      () => Math.floor(rand() * 256),
    );
    await check(b, `random ${Array.from(b).join(",")}`);
  }
  assert.ok(errors > streams / 2, `${errors} of ${streams} corrupt streams rejected`);
});

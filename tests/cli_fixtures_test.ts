/**
 * `gob dump` of every fixture Go recorded (tests/fixtures/gob) compared with the JSON Go printed
 * for the same values, as JSON values with exact integers (see differential_compare.ts for the
 * few equivalences gob's wire imposes), plus struct field and map key order.
 */
import assert from "node:assert/strict";
import { dumpStream } from "../codec-as/cli/dump.ts";
import { type GoDecls, type GoType, parseGoTypes } from "../codec-as/cli/go_types.ts";
import { JsonObject, parseJsonExact } from "../codec-as/cli/json_exact.ts";
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

async function* once(b: Uint8Array) {
  yield b;
}

/** Runs dumpStream over bytes, returns the printed text. */
export async function dumpText(bytes: Uint8Array, types = false): Promise<string> {
  let text = "";
  await dumpStream(once(bytes), { write: (s) => Promise.resolve(void (text += s)) }, { types });
  return text;
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
    const got = (await dumpText(gob)).trimEnd().split("\n");
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
      const diff = compareGoJson(w, g, roots[i], decls, { marshalers });
      assert.equal(diff, undefined, `value ${i}: ${diff}\n Go:   ${want[i]}\n ours: ${got[i]}`);
    }
  });
}

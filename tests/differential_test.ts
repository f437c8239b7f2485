/**
 * Differential test against live Go (CONTRACTS §5), bounded for CI: two batches of
 * `differential_run.ts` (a fixed seed and one from the date, printed), each 1,000 random types ×
 * 10 values in both directions, and the classes the generator must cover present in each. The
 * long campaign (`deno task differential:campaign`) runs the same batches by the hundred.
 */
import assert from "node:assert/strict";
import { parseGoTypes, parseJsonExact } from "../codec-as/go/mod.ts";
import { compareGoJson } from "./differential_compare.ts";
import { runBatch } from "./differential_run.ts";
import { goBuild, skipGo, skipGoNote } from "./support/mod.ts";

const TYPES = 1000;
const VALUES = 10;
const FIXED_SEED = 20260101;
const MAX_SHOWN = 10;

function dateSeed(): number {
  const d = new Date();
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Extra seeds to try, e.g. `LAMBDA_GOB_DIFF_SEEDS=1,2,3` (for hunting bugs locally). */
function extraSeeds(): number[] {
  const env = Deno.env.get("LAMBDA_GOB_DIFF_SEEDS");
  return env ? env.split(",").map((s) => Number(s.trim())).filter(Number.isSafeInteger) : [];
}

for (const seed of [FIXED_SEED, dateSeed(), ...extraSeeds()]) {
  Deno.test({
    name:
      `differential: ${TYPES} random types × ${VALUES} values, seed ${seed}, Go → TS and TS → Go` +
      skipGoNote,
    ignore: skipGo,
    fn: async () => {
      console.log(
        `differential seed ${seed} (reproduce: gobrand gen -seed ${seed} -types ${TYPES} -values ${VALUES})`,
      );
      const r = await runBatch(await goBuild("gobrand"), seed, TYPES, VALUES);
      console.log(
        `seed ${seed}: ${r.types} types; Go→TS compared ${r.goToTs} values (${r.identicalText} identical as text), TS→Go checked ${r.tsToGo} values (${r.goOnlyCases} cases Go → TS only, ${r.loneSurrogates} lone surrogates); ${r.mismatches.length} mismatches`,
      );
      console.log(`coverage (cases): ${JSON.stringify(r.coverage)}`);
      if (r.mismatches.length > 0) console.log(r.mismatches.slice(0, MAX_SHOWN).join("\n\n"));
      assert.ok(r.goToTs >= TYPES * VALUES / 2, `only ${r.goToTs} values generated`);
      assert.ok(r.tsToGo >= TYPES * VALUES / 2, `only ${r.tsToGo} values checked by Go`);
      for (const [name, n] of Object.entries(r.coverage)) {
        assert.ok(n > 0, `no case of class "${name}" with seed ${seed}`);
      }
      assert.ok(r.loneSurrogates > 0, "lone surrogates written");
      assert.equal(
        r.mismatches.length,
        0,
        `${r.mismatches.length} mismatches (first ${MAX_SHOWN} printed above)`,
      );
    },
  });
}

Deno.test("differential compare: embedded structs print nested in the dump, promoted in Go's JSON", () => {
  const decls = parseGoTypes(
    "type P struct { X, Y int }\ntype T struct { P; Q *P; N int }",
  );
  const type = decls.get("T")!.type;
  const cmp = (want: string, got: string) =>
    compareGoJson(parseJsonExact(want), parseJsonExact(got), { type, decls });
  assert.equal(
    cmp('{"X":1,"Y":2,"Q":null,"N":3}', '{"P":{"X":1,"Y":2},"Q":null,"N":3}'),
    undefined,
  );
  assert.match(
    cmp('{"X":1,"Y":2,"Q":null,"N":3}', '{"P":{"X":9,"Y":2},"Q":null,"N":3}') ?? "",
    /\$\.X/,
  );
  const declsPtr = parseGoTypes("type P struct { X int }\ntype T struct { *P; N int }");
  const tp = declsPtr.get("T")!.type;
  const cmpPtr = (want: string, got: string) =>
    compareGoJson(parseJsonExact(want), parseJsonExact(got), { type: tp, decls: declsPtr });
  assert.equal(cmpPtr('{"N":1}', '{"P":null,"N":1}'), undefined);
  assert.equal(cmpPtr('{"N":1}', '{"P":{"X":0},"N":1}'), undefined);
  assert.match(cmpPtr('{"N":1}', '{"P":{"X":5},"N":1}') ?? "", /Go has it nil/);
  assert.equal(cmpPtr('{"X":0,"N":1}', '{"P":{"X":0},"N":1}'), undefined);
});

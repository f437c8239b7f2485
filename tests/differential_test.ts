/**
 * Differential test against live Go (CONTRACTS §5): `gobrand` makes random Go types with reflect
 * and random values of them from a seed. Go → TS: our `gob dump` of Go's stream equals Go's JSON of
 * each value. TS → Go: our `gob encode` of Go's JSON lines decodes in Go to values equal to Go's own
 * JSON decoding (`gobrand check`). Two seeds per run: a fixed one and one from the date (printed).
 */
import assert from "node:assert/strict";
import { dumpStream, encodeJsonLines, resolveRootType } from "../codec-as/cli/mod.ts";
import { base64, parseGoTypes, parseJsonExact } from "../codec-as/go/mod.ts";
import { compareGoJson } from "./differential_compare.ts";
import { goBuild, skipGo, skipGoNote } from "./support/mod.ts";

const TYPES = 1000;
const VALUES = 10;
const FIXED_SEED = 20260101;
const MAX_SHOWN = 10;

interface GenCase {
  case: number;
  decls: string;
  gob: string;
  json: string[];
}

interface CheckResult {
  case: number;
  ok: boolean;
  error?: string;
  want?: unknown;
  got?: unknown;
}

function dateSeed(): number {
  const d = new Date();
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Runs gobrand; `check` exits 1 when a case failed, which the caller reports case by case. */
async function run(bin: string, args: string[], input?: string): Promise<string> {
  const child = new Deno.Command(bin, {
    args,
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Write stdin while reading stdout: a large input would otherwise fill both pipes.
  const writing = input === undefined ? Promise.resolve() : (async () => {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(input));
    await w.close();
  })();
  const out = await child.output();
  await writing;
  const text = new TextDecoder().decode(out.stdout);
  const okCodes = args[0] === "check" ? [0, 1] : [0];
  assert.ok(
    okCodes.includes(out.code),
    `gobrand ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`,
  );
  return text;
}

const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function* once(b: Uint8Array) {
  yield b;
}

async function* linesOf(a: string[]) {
  for (const l of a) yield l;
}

/** Values whose dump text equals Go's JSON text byte for byte (the rest differ only as gob's
 * wire requires: float32 widened, nil pointers to scalars printed as their zero). */
let identicalText = 0;

/** Go → TS for one case: returns a description of each mismatch. */
async function goToTs(c: GenCase): Promise<string[]> {
  let text = "";
  try {
    await dumpStream(once(unb64(c.gob)), { write: (s) => Promise.resolve(void (text += s)) });
  } catch (e) {
    return [`dump failed: ${(e as Error).message}`];
  }
  const got = text.trimEnd() === "" ? [] : text.trimEnd().split("\n");
  if (got.length !== c.json.length) {
    return [`dump printed ${got.length} values, Go made ${c.json.length}`];
  }
  const { decls, type } = resolveRootType(c.decls, "T");
  const out: string[] = [];
  for (let i = 0; i < got.length; i++) {
    if (got[i] === c.json[i]) identicalText++;
    const diff = compareGoJson(parseJsonExact(c.json[i]), parseJsonExact(got[i]), { type, decls });
    if (diff) out.push(`value ${i}: ${diff}\n  Go:   ${c.json[i]}\n  ours: ${got[i]}`);
  }
  return out;
}

/** TS → Go for one case: our stream of Go's JSON lines, base64. */
async function tsEncode(c: GenCase): Promise<string> {
  const parts: Uint8Array[] = [];
  const sink = {
    write: (p: Uint8Array) => {
      parts.push(p.slice());
      return Promise.resolve(p.length);
    },
  };
  await encodeJsonLines(linesOf(c.json), sink, { decls: c.decls, type: "T" });
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  return base64(all);
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
      const bin = await goBuild("gobrand");
      const common = ["-seed", String(seed), "-types", String(TYPES), "-values", String(VALUES)];
      const cases = (await run(bin, ["gen", ...common])).trimEnd().split("\n").map((l) =>
        JSON.parse(l) as GenCase
      );
      assert.equal(cases.length, TYPES);
      const byCase = new Map(cases.map((c) => [c.case, c]));

      // Go → TS.
      const mismatches: string[] = [];
      let values = 0;
      identicalText = 0;
      for (const c of cases) {
        values += c.json.length;
        for (const m of await goToTs(c)) {
          mismatches.push(`case ${c.case}: ${m}\n  decls:\n${c.decls}`);
        }
      }

      // TS → Go.
      const requests: string[] = [];
      for (const c of cases) {
        try {
          requests.push(JSON.stringify({ case: c.case, gob: await tsEncode(c) }));
        } catch (e) {
          mismatches.push(
            `case ${c.case}: encode failed: ${(e as Error).message}\n  decls:\n${c.decls}`,
          );
        }
      }
      const results = (await run(bin, ["check", ...common], requests.join("\n") + "\n")).trimEnd()
        .split("\n").map((l) => JSON.parse(l) as CheckResult);
      let checked = 0;
      for (const r of results) {
        checked++;
        if (!r.ok) {
          mismatches.push(
            `case ${r.case}: Go check: ${r.error}\n  want: ${JSON.stringify(r.want)}\n  got:  ${
              JSON.stringify(r.got)
            }\n  decls:\n${byCase.get(r.case)?.decls}`,
          );
        }
      }
      console.log(
        `seed ${seed}: ${cases.length} types, ${values} values; Go→TS compared ${values} (${identicalText} identical as text), TS→Go checked ${checked} cases; ${mismatches.length} mismatches`,
      );
      if (mismatches.length > 0) {
        console.log(mismatches.slice(0, MAX_SHOWN).join("\n\n"));
      }
      assert.ok(values >= TYPES * VALUES / 2, `only ${values} values generated`);
      assert.equal(checked, requests.length, "gobrand check answered every case");
      assert.equal(
        mismatches.length,
        0,
        `${mismatches.length} mismatches (first ${MAX_SHOWN} printed above)`,
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

/**
 * One differential batch against live Go, shared by the CI test (`differential_test.ts`) and the
 * long campaign (`differential_campaign.ts`). `gobrand gen` makes random Go types and values from
 * a seed (recursive named types through every container, nil and empty containers everywhere,
 * hostile strings, integer extremes). Go → TS: our `gob dump` of Go's stream equals Go's JSON of
 * each value. TS → Go: our `gob encode` of the values' JSON as they were before gob (nulls where
 * Go had nil; some U+FFFD written as lone surrogate escapes, which Go's JSON reads as U+FFFD too)
 * decodes in Go to the values Go's own stream gives (`gobrand check`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { dumpStream, encodeJsonLines, resolveRootType } from "../codec-as/cli/mod.ts";
import { base64, parseJsonExact } from "../codec-as/go/mod.ts";
import { compareGoJson } from "./differential_compare.ts";

/** One case `gobrand gen` prints. */
export interface GenCase {
  case: number;
  decls: string;
  gob: string;
  json: string[];
  input: string[];
  goOnly?: boolean;
}

interface CheckResult {
  case: number;
  ok: boolean;
  error?: string;
  want?: unknown;
  got?: unknown;
}

/** What one batch found. */
export interface BatchResult {
  seed: number;
  types: number;
  /** Values Go encoded and we dumped and compared. */
  goToTs: number;
  /** Values we encoded and Go decoded and compared. */
  tsToGo: number;
  /** Cases checked Go → TS only (interfaces holding structs: JSON cannot carry them). */
  goOnlyCases: number;
  /** Values whose dump text equals Go's JSON text byte for byte. */
  identicalText: number;
  /** Lone surrogate escapes written into the TS → Go input. */
  loneSurrogates: number;
  /** How many cases (or values) of each class the batch held, by class name. */
  coverage: Record<string, number>;
  /** Each disagreement, described. */
  mismatches: string[];
}

/** The classes counted in {@linkcode BatchResult.coverage}: a name and a test on one case. */
const CLASSES: [string, (c: GenCase) => boolean][] = [
  ...["RecSlice", "RecMap", "RecArr", "Forest", "MutA", "RecIface", "Node"].map((
    n,
  ): [string, (c: GenCase) => boolean] => [
    `recursive ${n}`,
    (c) => new RegExp(`\\b${n}\\b`).test(c.decls),
  ]),
  ["a named type in several positions", (c) => {
    const uses = c.decls.replace(/^type \w+ /gm, "").match(
      /\b(Rec\w+|Forest|Tree|MutA|MutB|Node|Point|Tags|Level)\b/g,
    ) ?? [];
    return uses.length > new Set(uses).size;
  }],
  ["null in the input", (c) => c.input.some((l) => l.includes("null"))],
  ["top-level null", (c) => c.input.some((l) => l === "null")],
  ["null element or map value", (c) => c.input.some((l) => /[[,:]null[\],}]/.test(l))],
  ["empty container", (c) => c.input.some((l) => /\[\]|\{\}/.test(l))],
  ["U+FEFF", (c) => c.json.some((l) => l.includes("\ufeff"))],
  ["U+2028/U+2029", (c) => c.json.some((l) => /\\u202[89]/.test(l))],
  ["NUL", (c) => c.json.some((l) => l.includes("\\u0000"))],
  ["invalid UTF-8 (U+FFFD in Go's JSON)", (c) => c.json.some((l) => l.includes("\\ufffd"))],
  ["empty string", (c) => c.json.some((l) => l.includes('""'))],
  ["string of 64 KiB or more", (c) => c.json.some((l) => l.length >= 65536)],
  [
    "int64/uint64 extremes",
    (c) => c.json.some((l) => /-9223372036854775808|18446744073709551615/.test(l)),
  ],
  ["interface holding a struct (Go → TS only)", (c) => c.goOnly === true],
];

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
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(out.stdout);
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

/** Go → TS for one case: a description of each mismatch; counts identical texts. */
async function goToTs(c: GenCase, counts: { identical: number }): Promise<string[]> {
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
    if (got[i] === c.json[i]) counts.identical++;
    const diff = compareGoJson(parseJsonExact(c.json[i]), parseJsonExact(got[i]), { type, decls });
    if (diff) out.push(`value ${i}: ${diff}\n  Go:   ${c.json[i]}\n  ours: ${got[i]}`);
  }
  return out;
}

/** High surrogates: written alone as escapes, never pairing with what follows (Go's JSON never
 * writes a low surrogate escape). */
const LONE = ["\\ud800", "\\udbff", "\\ud834"];

/**
 * Writes some U+FFFD of JSON text as lone surrogate escapes (Go's JSON decoder and ours read
 * both as U+FFFD), deterministically from `salt`.
 */
function withLoneSurrogates(line: string, salt: number, counts: { lone: number }): string {
  let k = salt;
  return line.replace(/\ufffd/g, (m) => {
    k = (k * 1103515245 + 12345) >>> 0;
    if ((k >>> 16) % 2 === 0) return m;
    counts.lone++;
    return LONE[(k >>> 8) % LONE.length];
  });
}

/** TS → Go for one case: our stream of the case's input JSON lines, base64. */
async function tsEncode(c: GenCase, counts: { lone: number }): Promise<string> {
  const parts: Uint8Array[] = [];
  const sink = {
    write: (p: Uint8Array) => {
      parts.push(p.slice());
      return Promise.resolve(p.length);
    },
  };
  const lines = c.input.map((l, i) => withLoneSurrogates(l, c.case * 31 + i, counts));
  await encodeJsonLines(linesOf(lines), sink, { decls: c.decls, type: "T" });
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  return base64(all);
}

/**
 * Runs one batch: `types` random types with `values` values each from `seed`, both directions.
 *
 * @param bin The built gobrand.
 * @param seed The seed.
 * @param types How many random types.
 * @param values Values per type.
 * @returns What the batch compared and every disagreement.
 */
export async function runBatch(
  bin: string,
  seed: number,
  types: number,
  values: number,
): Promise<BatchResult> {
  const common = ["-seed", String(seed), "-types", String(types), "-values", String(values)];
  const cases = (await run(bin, ["gen", ...common])).trimEnd().split("\n").map((l) =>
    JSON.parse(l) as GenCase
  );
  assert.equal(cases.length, types);
  const byCase = new Map(cases.map((c) => [c.case, c]));
  const result: BatchResult = {
    seed,
    types,
    goToTs: 0,
    tsToGo: 0,
    goOnlyCases: 0,
    identicalText: 0,
    loneSurrogates: 0,
    coverage: Object.fromEntries(
      CLASSES.map(([n]) => [n, cases.filter((c) => CLASSES.find(([m]) => m === n)![1](c)).length]),
    ),
    mismatches: [],
  };
  const counts = { identical: 0, lone: 0 };
  for (const c of cases) {
    result.goToTs += c.json.length;
    for (const m of await goToTs(c, counts)) {
      result.mismatches.push(`case ${c.case}: ${m}\n  decls:\n${c.decls}`);
    }
  }
  const requests: string[] = [];
  for (const c of cases) {
    if (c.goOnly) {
      result.goOnlyCases++;
      continue;
    }
    try {
      requests.push(JSON.stringify({ case: c.case, gob: await tsEncode(c, counts) }));
    } catch (e) {
      result.mismatches.push(
        `case ${c.case}: encode failed: ${(e as Error).message}\n  decls:\n${c.decls}`,
      );
    }
  }
  const results = requests.length === 0 ? [] : (await run(
    bin,
    ["check", ...common],
    requests.join("\n") + "\n",
  )).trimEnd().split("\n").map((l) => JSON.parse(l) as CheckResult);
  assert.equal(results.length, requests.length, "gobrand check answered every case");
  for (const r of results) {
    result.tsToGo += byCase.get(r.case)?.input.length ?? 0;
    if (!r.ok) {
      result.mismatches.push(
        `case ${r.case}: Go check: ${r.error}\n  want: ${JSON.stringify(r.want)}\n  got:  ${
          JSON.stringify(r.got)
        }\n  decls:\n${byCase.get(r.case)?.decls}`,
      );
    }
  }
  result.identicalText = counts.identical;
  result.loneSurrogates = counts.lone;
  return result;
}

import assert from "node:assert/strict";
import { goBuild, skipGo, skipGoNote } from "./support/mod.ts";

interface GenLine {
  case: number;
  decls: string;
  gob: string;
  json: string[];
}

async function run(args: string[], stdin = "") {
  const bin = await goBuild("gobrand");
  const child = new Deno.Command(bin, { args, stdin: "piped", stdout: "piped", stderr: "piped" })
    .spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin)).catch(() => {});
  await w.close().catch(() => {});
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout);
  return {
    code: out.code,
    lines: text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

const flags = (seed: number, types: number, values: number) => [
  "-seed",
  String(seed),
  "-types",
  String(types),
  "-values",
  String(values),
];

Deno.test({
  name: "gobrand: gen | check round-trips Go's own streams (2,000 values)" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const gen = await run(["gen", ...flags(7, 200, 10)]);
    assert.equal(gen.code, 0, gen.stderr);
    assert.equal(gen.lines.length, 200);
    const cases = gen.lines as GenLine[];
    cases.forEach((c, i) => {
      assert.equal(c.case, i);
      assert.match(c.decls, /^type T /);
      assert.equal(c.json.length, 10);
    });
    const input = cases.map((c) => JSON.stringify({ case: c.case, gob: c.gob })).join("\n");
    const check = await run(["check", ...flags(7, 200, 10)], input);
    assert.equal(check.code, 0, check.stderr);
    assert.deepEqual(check.lines, cases.map((c) => ({ case: c.case, ok: true })));
  },
});

Deno.test({
  name: "gobrand: the same seed gives the same types and values" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const strip = (lines: GenLine[]) => lines.map(({ decls, json }) => ({ decls, json }));
    const a = await run(["gen", ...flags(3, 50, 5)]);
    const b = await run(["gen", ...flags(3, 50, 5)]);
    const c = await run(["gen", ...flags(4, 50, 5)]);
    assert.deepEqual(strip(a.lines), strip(b.lines));
    const one = await run(["gen", ...flags(3, 50, 5), "-case", "17"]);
    assert.deepEqual(strip(one.lines), strip(a.lines.slice(17, 18)), "-case reproduces one case");
    assert.notDeepEqual(strip(a.lines), strip(c.lines));
    const kinds = a.lines.map((l: GenLine) => l.decls).join("\n");
    for (const word of ["struct {", "map[", "[]", "*", "time.Time", "interface{}", "complex"]) {
      assert.ok(kinds.includes(word), `50 random types use ${word}`);
    }
  },
});

Deno.test({
  name: "gobrand: check reports wrong, corrupt and out-of-range streams" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const gen = await run(["gen", ...flags(11, 3, 4)]);
    const [c0, c1] = gen.lines as GenLine[];
    const corrupt = btoa(atob(c0.gob).slice(0, 5));
    const input = [
      { case: 0, gob: c1.gob }, // another case's stream
      { case: 0, gob: corrupt },
      { case: 0, gob: "not base64!" },
      { case: 9, gob: c0.gob },
      { case: 0, gob: c0.gob },
    ].map((l) => JSON.stringify(l)).join("\n") + "\nnot json\n";
    const check = await run(["check", ...flags(11, 3, 4)], input);
    assert.equal(check.code, 1);
    assert.deepEqual(check.lines.map((l) => l.ok), [false, false, false, false, true, false]);
    for (const l of check.lines.filter((l) => !l.ok)) {
      assert.equal(typeof l.error, "string");
      assert.ok(l.error.length > 0);
    }
    assert.match(check.lines[3].error, /outside/);
    assert.equal(check.lines[5].case, -1);
  },
});

Deno.test({
  name: "gobrand: declarations only use declared or predeclared type names" + skipGoNote,
  ignore: skipGo,
  fn: async () => {
    const predeclared = new Set(
      ("bool string int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 " +
        "complex64 complex128 byte interface struct map time.Time").split(" "),
    );
    const gen = await run(["gen", ...flags(20260101, 1000, 1)]);
    assert.equal(gen.code, 0, gen.stderr);
    for (const { case: i, decls } of gen.lines as GenLine[]) {
      const declared = new Set([...decls.matchAll(/^type (\w+) /gm)].map((m) => m[1]));
      assert.ok(declared.has("T"), `case ${i} declares T`);
      const types = decls.replace(/^type \w+ /gm, "").replace(/^\t\S+ /gm, "");
      for (const [word] of types.matchAll(/[\p{L}_][\p{L}\p{N}_.]*/gu)) {
        assert.ok(declared.has(word) || predeclared.has(word), `case ${i}: ${word} in\n${decls}`);
      }
    }
  },
});

// Doc examples are tests (`deno test --doc` runs every ```ts block not marked `ignore`), so each must
// be able to fail: it asserts with node:assert, and never checks itself with `console.assert`
// (which only logs) or gives an expected value in a comment nobody compares.
import { deepStrictEqual } from "node:assert/strict";
import { repoSources, ROOT } from "./repo_sources.ts";

/**
 * What is wrong with one example's code, if anything.
 *
 * @param code The example, without JSDoc's leading ` * `.
 * @returns The problems found (empty when the example can fail).
 */
export function exampleProblems(code: string): string[] {
  const problems: string[] = [];
  if (/console\.assert\s*\(/.test(code)) problems.push("console.assert only logs");
  if (/console\.(log|info|debug)\([^\n]*\)\s*;?\s*\/\/\s*\S/.test(code)) {
    problems.push("an expected value in a comment");
  }
  if (!/from\s+"node:assert(\/strict)?"/.test(code)) problems.push("no node:assert assertion");
  return problems;
}

Deno.test("doc examples: the check itself flags what cannot fail and passes what asserts", () => {
  deepStrictEqual(exampleProblems('console.assert(1 === 2);\nimport "node:assert/strict";'), [
    "console.assert only logs",
    "no node:assert assertion",
  ]);
  deepStrictEqual(exampleProblems("console.log(1 + 1); // 3"), [
    "an expected value in a comment",
    "no node:assert assertion",
  ]);
  deepStrictEqual(
    exampleProblems('import { equal } from "node:assert/strict";\nequal(1 + 1, 2);'),
    [],
  );
});

Deno.test("doc examples: every example in the repository asserts", async () => {
  const found: string[] = [];
  for (const file of await repoSources()) {
    const text = await Deno.readTextFile(ROOT + file);
    for (const m of text.matchAll(/```(?:ts|typescript)([^\n]*)\n([\s\S]*?)```/g)) {
      if (/\bignore\b/.test(m[1])) continue;
      const code = m[2].split("\n").map((l) => l.replace(/^\s*\*( |$)/, "")).join("\n");
      const line = text.slice(0, m.index).split("\n").length;
      for (const p of exampleProblems(code)) found.push(`${file}:${line}: ${p}`);
    }
  }
  deepStrictEqual(found, []);
});

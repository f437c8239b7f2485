import { strictEqual } from "node:assert/strict";
import { format } from "node:util";
import { formatLog } from "./_format_args.ts";

// Node's util.format is the reference for the directives. Its object rendering differs from
// Deno's console (single vs double quotes), so these cases hold only values both print alike.
const SAME_AS_NODE: unknown[][] = [
  [],
  ["plain"],
  ["%s"],
  ["%%"],
  ["%% %s", "a"],
  ["100%", 1],
  ["%s:%s", "a"],
  ["%s=%d", "n", 42],
  ["%d %d %d %d", -0, 1.5, "7", true],
  ["%d %i %f", 10n, 11n, 12n],
  ["%i %i %i", 42.9, "-0", "0x1f"],
  ["%f %f", "3.25abc", "x"],
  ["%d %i %f", Symbol("s"), Symbol("t"), Symbol("u")],
  ["%s %s %s %s %s", 1n, -0, null, undefined, Symbol("k")],
  ["%j %j %j", { a: [1, "two"] }, "str", undefined],
  ["%c styled%c", "color: red", "font-weight: bold"],
  ["%x %s", "y"],
  ["a", "b", 3, true, null, undefined],
  [1, "two", 3n],
  ["trailing %", "x"],
  ["%s", { toString: () => "custom" }],
  ["%s", () => 1],
  ["%s %s", [1, 2], { a: 1 }],
];

for (const args of SAME_AS_NODE) {
  Deno.test(`formatLog matches util.format for ${Deno.inspect(args)}`, () => {
    strictEqual(formatLog(args), format(...args));
  });
}

Deno.test("formatLog: objects print as Deno's console prints them", () => {
  strictEqual(formatLog([{ s: "x", n: [1, 2] }]), Deno.inspect({ s: "x", n: [1, 2] }));
  strictEqual(formatLog(["event:", { s: "x" }]), 'event: { s: "x" }');
  strictEqual(formatLog(["%O", new Map([["k", 1]])]), 'Map(1) { "k" => 1 }');
  strictEqual(formatLog(["%s", { deep: { er: 1 } }]), "{ deep: [Object] }");
  strictEqual(formatLog(["%o", [1]]), Deno.inspect([1], { showHidden: true, depth: 4 }));
});

Deno.test("formatLog: an Error prints with its stack; %j of a cycle prints [Circular]", () => {
  const e = new TypeError("bad thing");
  const line = formatLog(["failed:", e]);
  strictEqual(line.startsWith("failed: TypeError: bad thing\n    at "), true);
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  strictEqual(formatLog(["%j", cycle]), "[Circular]");
  strictEqual(formatLog(["%j", { n: 1n }]), "[TypeError: cannot serialise]");
});

Deno.test("formatLog: a toString that throws falls back to inspection", () => {
  const o = {
    toString() {
      throw new Error("no");
    },
  };
  strictEqual(formatLog(["%s", o]), Deno.inspect(o, { depth: 0 }));
});

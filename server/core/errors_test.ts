import assert from "node:assert/strict";
import { parseStack, toLambdaError } from "./errors.ts";

Deno.test("parseStack: V8 frame forms", () => {
  const stack = [
    "Error: multi",
    "line message",
    "    at handler (file:///app/src/main.ts:12:7)",
    "    at async Runner.run (file:///app/with%20space/r.ts:3:1)",
    "    at new Thing (https://example.com/mod.ts:40:2)",
    "    at file:///app/top.ts:1:1",
    "    at async file:///app/anon.ts:7:3",
    "    at Array.map (<anonymous>)",
    "    at eval (eval at load (file:///app/l.ts:5:3), <anonymous>:1:9)",
    "    at ext:core/01_core.js:180:11",
  ].join("\n");
  assert.deepEqual(parseStack(stack), [
    { path: "/app/src/main.ts", line: 12, label: "handler" },
    { path: "/app/with space/r.ts", line: 3, label: "async Runner.run" },
    { path: "https://example.com/mod.ts", line: 40, label: "new Thing" },
    { path: "/app/top.ts", line: 1, label: "<anonymous>" },
    { path: "/app/anon.ts", line: 7, label: "async <anonymous>" },
    { path: "<anonymous>", line: 0, label: "Array.map" },
    { path: "<anonymous>", line: 1, label: "eval" },
    { path: "ext:core/01_core.js", line: 180, label: "<anonymous>" },
  ]);
});

Deno.test("toLambdaError: Error types and custom classes", () => {
  class NotFound extends Error {}
  class Named extends Error {
    override name = "CustomName";
  }
  assert.equal(toLambdaError(new RangeError("r")).type, "RangeError");
  assert.equal(toLambdaError(new NotFound("n")).type, "NotFound");
  assert.equal(toLambdaError(new Named("n")).type, "CustomName");
  const e = toLambdaError(new Error("plain"), true);
  assert.equal(e.type, "Error");
  assert.equal(e.shouldExit, true);
  assert.ok(e.stackTrace[0].path.endsWith("errors_test.ts"));
});

Deno.test("toLambdaError: non-Errors are reported sensibly", () => {
  assert.deepEqual(toLambdaError("oops"), {
    type: "string",
    message: "oops",
    stackTrace: [],
    shouldExit: false,
  });
  assert.equal(toLambdaError(42).message, "42");
  assert.equal(toLambdaError(42).type, "number");
  assert.deepEqual([toLambdaError(null).type, toLambdaError(null).message], ["null", "null"]);
  assert.equal(toLambdaError(undefined).type, "undefined");
  assert.equal(toLambdaError({ code: 7 }).message, '{"code":7}');
  assert.equal(toLambdaError([1]).message, "[1]");
  const cyclic: Record<string, unknown> = {};
  cyclic.me = cyclic;
  assert.equal(toLambdaError(cyclic).message, "[object Object]");
  assert.equal(
    toLambdaError({ name: "X", message: "m", stack: "X: m\n    at f (/a.js:1:1)" }).type,
    "X",
  );
  const hostile = {
    get name(): string {
      throw new Error("no");
    },
    message: "m",
    stack: "",
  };
  assert.equal(toLambdaError(hostile).type, "Runtime.UnknownError");
});

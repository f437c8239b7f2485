// Node.js's callback conventions in the invoke core: `callback(error, result)` and
// `context.done` / `succeed` / `fail`, the first answer winning, as AWS's Node.js runtime does.
import assert from "node:assert/strict";
import type { Callback, Context } from "./context.ts";
import { type InvocationInput, type InvocationResult, invoke, invokeNow } from "./invoke.ts";

function input(extra: Partial<InvocationInput> = {}): InvocationInput {
  return {
    requestId: "req-cb",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
    deadlineMs: Date.now() + 3000,
    payload: new TextEncoder().encode('{"n":2}'),
    ...extra,
  };
}

function ok(result: InvocationResult): unknown {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return JSON.parse(new TextDecoder().decode(result.payload));
}

function failed(result: InvocationResult): { type: string; message: string } {
  assert.ok(!result.ok, `expected an error, got ${JSON.stringify(result)}`);
  return { type: result.error.type, message: result.error.message };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("callback: called synchronously, it answers at once (no Promise)", () => {
  const r = invokeNow((e: { n: number }, _c: Context, cb: Callback) => {
    cb(null, { doubled: e.n * 2 });
  }, input());
  assert.ok(!(r instanceof Promise));
  assert.deepEqual(ok(r), { doubled: 4 });
});

Deno.test("callback: called after a timer, it answers then — never an early null", async () => {
  const r = await invoke((e: { n: number }, _c: Context, cb: Callback) => {
    setTimeout(() => cb(undefined, e.n + 1), 20);
  }, input());
  assert.equal(ok(r), 3);
});

Deno.test("callback: an error answers the invocation with it (Error or string)", async () => {
  const typed = await invoke((_e: unknown, _c: Context, cb: Callback) => {
    setTimeout(() => cb(new RangeError("too far")), 5);
  }, input());
  assert.deepEqual(failed(typed), { type: "RangeError", message: "too far" });
  const text = await invoke((_e: unknown, _c: Context, cb: Callback) => cb("plain words"), input());
  assert.deepEqual(failed(text), { type: "string", message: "plain words" });
});

Deno.test("callback: a handler declaring it is answered by it, not by its return value", async () => {
  const r = await invoke((_e: unknown, _c: Context, cb: Callback) => {
    setTimeout(() => cb(null, "from the callback"), 5);
    return "returned" as never;
  }, input());
  assert.equal(ok(r), "from the callback");
});

Deno.test("callback: the first of the callback and the Promise answers", async () => {
  const callbackFirst = await invoke(async (_e: unknown, _c: Context, cb: Callback) => {
    cb(null, "callback");
    await later(5);
    return "promise";
  }, input());
  assert.equal(ok(callbackFirst), "callback");
  const promiseFirst = await invoke(async (_e: unknown, _c: Context, cb: Callback) => {
    setTimeout(() => cb(null, "callback"), 30);
    await later(1);
    return "promise";
  }, input());
  assert.equal(ok(promiseFirst), "promise");
  const rejectedAfter = await invoke(async (_e: unknown, _c: Context, cb: Callback) => {
    cb(null, "answered");
    await later(1);
    throw new Error("ignored, as Node ignores it");
  }, input());
  assert.equal(ok(rejectedAfter), "answered");
  const thrownAfter = await invoke((_e: unknown, _c: Context, cb: Callback) => {
    cb(null, "answered before the throw");
    throw new Error("ignored");
  }, input());
  assert.equal(ok(thrownAfter), "answered before the throw");
});

Deno.test("context.done / succeed / fail answer as the callback does, even unbound", async () => {
  const done = await invoke((_e: unknown, c: Context) => {
    const finish = c.done;
    setTimeout(() => finish(null, "done"), 5);
    return new Promise(() => {}); // never settles: the callback answers
  }, input());
  assert.equal(ok(done), "done");
  const succeed = await invoke((_e: unknown, c: Context) => c.succeed({ s: 1 }), input());
  assert.deepEqual(ok(succeed), { s: 1 });
  const fail = await invoke((_e: unknown, c: Context) => c.fail(new TypeError("no")), input());
  assert.deepEqual(failed(fail), { type: "TypeError", message: "no" });
  const bare = await invoke((_e: unknown, c: Context) => c.fail(), input());
  assert.deepEqual(failed(bare), { type: "string", message: "handled" });
});

Deno.test("callback: a second answer is ignored with a warning", async () => {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
  try {
    const r = await invoke((_e: unknown, _c: Context, cb: Callback) => {
      cb(null, "first");
      cb(null, "second");
    }, input({ requestId: "req-twice" }));
    assert.equal(ok(r), "first");
  } finally {
    console.warn = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /req-twice has already been answered/);
});

Deno.test("Context: Node's members, and done() outside an invocation says why it cannot work", async () => {
  let seen: Context | undefined;
  await invoke((_e: unknown, c: Context) => {
    seen = c;
    const remaining = c.getRemainingTimeInMillis;
    assert.ok(remaining() > 0 && remaining() <= 3000);
    assert.equal(c.callbackWaitsForEmptyEventLoop, true);
    c.callbackWaitsForEmptyEventLoop = false;
    return null;
  }, input({ requestId: "req-node" }));
  assert.equal(seen?.awsRequestId, "req-node");
  assert.equal(seen?.callbackWaitsForEmptyEventLoop, false);
  assert.equal(typeof seen?.memoryLimitInMB, "string");
  assert.equal(typeof seen?.memoryLimitMB, "number");
  const { Context: C } = await import("./context.ts");
  const free = new C({ requestId: "r", invokedFunctionArn: "a", deadlineMs: Date.now() + 10 });
  assert.throws(() => free.done(null, 1), /answer an invocation the runtime runs/);
  free.dispose();
});

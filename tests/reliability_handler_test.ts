/**
 * Handler faults over the go1.x wire: throw, reject, non-Error throws, hostile error objects,
 * results JSON cannot serialise, a promise that never settles past its deadline, and fatal errors
 * (uncaught exception / unhandled rejection) with invocations in flight. Each is reported the way
 * Lambda expects (InvokeResponse.Error; the rpc call itself succeeds), and the next invocation is
 * served on the same connection wherever Lambda keeps the process.
 */
import assert from "node:assert/strict";
import { GoClient } from "../emulator/mod.ts";
import { type Context, reportFatal } from "../server/core/mod.ts";
import { deadline, serve } from "./support/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

class Declined extends Error {}

const hostileMessage = new Error("x");
Object.defineProperty(hostileMessage, "message", {
  get() {
    throw new Error("no message for you");
  },
});

const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** What each fault is expected to produce: [case, Type, Message or pattern]. */
const CASES: [string, string, string | RegExp][] = [
  ["throw", "Declined", "declined"],
  ["reject", "RangeError", "rejected"],
  ["throw-string", "string", "boom"],
  ["throw-number", "number", "42"],
  ["throw-null", "null", "null"],
  ["throw-undefined", "undefined", "undefined"],
  ["throw-object", "object", '{"code":7}'],
  ["throw-symbol", "symbol", "Symbol(s)"],
  ["throw-bigint", "bigint", "12"],
  ["reject-undefined", "undefined", "undefined"],
  ["throw-hostile-message", "Runtime.UnknownError", /could not be read/],
  ["throw-revoked-proxy", "Runtime.UnknownError", /could not be read/],
  ["return-bigint", "Runtime.MarshalError", /BigInt/],
  ["return-cycle", "Runtime.MarshalError", /circular/i],
  ["return-throwing-toJSON", "Runtime.MarshalError", /toJSON says no/],
  ["return-throwing-then", "Error", "then says no"],
];

// deno-lint-ignore no-explicit-any
function faulty(event: { case: string }): any {
  switch (event.case) {
    case "ok":
      return { fine: true };
    case "throw":
      throw new Declined("declined");
    case "reject":
      return Promise.reject(new RangeError("rejected"));
    case "throw-string":
      throw "boom";
    case "throw-number":
      throw 42;
    case "throw-null":
      throw null;
    case "throw-undefined":
      throw undefined;
    case "throw-object":
      throw { code: 7 };
    case "throw-symbol":
      throw Symbol("s");
    case "throw-bigint":
      throw 12n;
    case "reject-undefined":
      return Promise.reject(undefined);
    case "throw-hostile-message":
      throw hostileMessage;
    case "throw-revoked-proxy":
      throw revoked.proxy;
    case "return-bigint":
      return { n: 1n };
    case "return-cycle": {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    }
    case "return-throwing-toJSON":
      return {
        toJSON() {
          throw new Error("toJSON says no");
        },
      };
    case "return-throwing-then":
      return {
        get then() {
          throw new Error("then says no");
        },
      };
  }
  throw new Error(`unknown case ${event.case}`);
}

Deno.test("handler faults: each is an InvokeResponse.Error of the right type, then the next invocation is served", async () => {
  await using s = serve(faulty);
  const client = await GoClient.connect(s.port);
  try {
    for (const [name, type, message] of CASES) {
      const r = await client.invoke({ Payload: enc.encode(JSON.stringify({ case: name })) });
      assert.equal(r.error, "", name); // the rpc call itself succeeds
      const e = r.reply?.Error;
      assert.ok(e, `${name}: an error`);
      assert.equal(e.Type, type, name);
      if (typeof message === "string") assert.equal(e.Message, message, name);
      else assert.match(e.Message, message, name);
      assert.equal(e.ShouldExit, false, name);
      assert.equal(r.reply?.Payload.length, 0, name);
      const ok = await client.invoke({ Payload: enc.encode('{"case":"ok"}') });
      assert.equal(dec.decode(ok.reply?.Payload), '{"fine":true}', `after ${name}`);
    }
  } finally {
    client.close();
  }
  assert.equal(s.exits, 0);
  assert.deepEqual(s.logs, []);
});

Deno.test("handler faults: thrown errors carry the handler's frames, none from the runtime", async () => {
  await using s = serve(faulty);
  const client = await GoClient.connect(s.port);
  try {
    const r = await client.invoke({ Payload: enc.encode('{"case":"throw"}') });
    const frames = r.reply?.Error?.StackTrace ?? [];
    assert.ok(frames.some((f) => f?.Path.endsWith("reliability_handler_test.ts") && f.Line > 0));
    assert.ok(!frames.some((f) => f?.Path.includes("/server/")), JSON.stringify(frames));
  } finally {
    client.close();
  }
});

Deno.test("handler faults: a promise that never settles — the deadline aborts its signal, the call gets no answer (Lambda times it out), other calls and connections go on, close() does not hang", async () => {
  let stuckSignal: AbortSignal | undefined;
  const never = new Promise<never>(() => {});
  await using s = serve((e: { stuck?: boolean; n?: number }, ctx: Context) => {
    if (e.stuck) {
      stuckSignal = ctx.signal;
      return never;
    }
    return { n: e.n };
  });
  const client = await GoClient.connect(s.port);
  const other = await GoClient.connect(s.port);
  try {
    const stuck = client.invoke({ Payload: enc.encode('{"stuck":true}'), Deadline: deadline(100) });
    let stuckSettled = false;
    stuck.then(() => stuckSettled = true, () => stuckSettled = true);
    // Pipelined behind the stuck call on the same connection, and on another connection.
    for (let n = 0; n < 5; n++) {
      const [a, b] = await Promise.all([
        client.invoke({ Payload: enc.encode(`{"n":${n}}`) }),
        other.invoke({ Payload: enc.encode(`{"n":${n + 100}}`) }),
      ]);
      assert.equal(dec.decode(a.reply?.Payload), `{"n":${n}}`);
      assert.equal(dec.decode(b.reply?.Payload), `{"n":${n + 100}}`);
    }
    assert.ok(stuckSignal);
    if (!stuckSignal.aborted) {
      await new Promise((resolve) =>
        stuckSignal!.addEventListener("abort", resolve, { once: true })
      );
    }
    assert.equal(stuckSignal.aborted, true);
    // Past its deadline the call is still unanswered: the runtime does not invent a reply; the
    // service's own timeout ends it (as with aws-lambda-go).
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(stuckSettled, false);
  } finally {
    client.close();
    other.close();
  }
  // Closing the server with the call still stuck must finish (Lambda would stop the process).
  s.server.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    s.server.finished.then(() => "finished"),
    new Promise((r) => timer = setTimeout(() => r("still waiting after 10 s"), 10_000)),
  ]);
  clearTimeout(timer);
  assert.equal(outcome, "finished");
  assert.equal(s.exits, 0);
});

Deno.test("handler faults: a fatal error (uncaught / unhandled) reaches every invocation in flight with ShouldExit, then exit", async () => {
  let started = 0;
  let allStarted: () => void = () => {};
  const both = new Promise<void>((r) => allStarted = r);
  await using s = serve(() => {
    if (++started === 2) allStarted();
    return new Promise(() => {}); // only the fatal error ends these
  });
  const a = await GoClient.connect(s.port);
  const b = await GoClient.connect(s.port);
  try {
    const ra = a.invoke({ Payload: enc.encode("{}") });
    const rb = b.invoke({ Payload: enc.encode("{}") });
    await both;
    assert.equal(reportFatal(new TypeError("from a timer")), true);
    for (const r of await Promise.all([ra, rb])) {
      assert.equal(r.error, "");
      assert.equal(r.reply?.Error?.Type, "TypeError");
      assert.equal(r.reply?.Error?.Message, "from a timer");
      assert.equal(r.reply?.Error?.ShouldExit, true);
    }
    // The exit hook runs after each response is written (the process would end here).
    for (let i = 0; i < 100 && s.exits < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(s.exits, 2);
    assert.equal(reportFatal(new Error("nobody listening")), false);
  } finally {
    a.close();
    b.close();
  }
});

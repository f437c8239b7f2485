// The Runtime API loop in-process against the project's emulator: success, errors, per-invocation
// stores, deadlines and fatal errors. Streaming, concurrency and buffer reuse have their own
// runtime_api_*_test.ts files; the harness is runtime_api_with_loop.ts.
import assert from "node:assert/strict";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { INVOKE_STORE_KEYS, runRuntimeApi } from "../server/runtime_api/mod.ts";
import { Context } from "../server/core/mod.ts";
import { text, withLoop } from "./runtime_api_with_loop.ts";

Deno.test("success: the result is posted to /response and the Context comes from the headers", async () => {
  let seen: Record<string, unknown> = {};
  await withLoop((event: { name: string }, ctx: Context) => {
    seen = {
      requestId: ctx.requestId,
      arn: ctx.invokedFunctionArn,
      deadlineMs: ctx.deadlineMs,
      traceId: ctx.traceId,
      tenantId: ctx.tenantId,
      identity: ctx.identity,
      custom: { ...ctx.clientContext?.custom },
      current: Context.current().requestId,
    };
    return { hello: event.name };
  }, async (server) => {
    const deadlineMs = Date.now() + 30_000;
    const o = await server.invoke({
      requestId: "req-ok",
      payload: '{"name":"ƛ"}',
      deadlineMs,
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
      traceId: "Root=1-00000000-000000000000000000000001;Sampled=1",
      tenantId: "tenant-a",
      cognitoIdentity: '{"cognitoIdentityId":"cid","cognitoIdentityPoolId":"pool"}',
      clientContext: '{"custom":{"k":"v"},"env":{},"client":{}}',
    });
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(text(o.payload), '{"hello":"ƛ"}');
    assert.equal(o.streaming, false);
    assert.deepEqual(seen, {
      requestId: "req-ok",
      arn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
      deadlineMs,
      traceId: "Root=1-00000000-000000000000000000000001;Sampled=1",
      tenantId: "tenant-a",
      identity: { cognitoIdentityId: "cid", cognitoIdentityPoolId: "pool" },
      custom: { k: "v" },
      current: "req-ok",
    });
  });
});

Deno.test("handler error: /error gets the document, the error-type header and the X-Ray cause", async () => {
  class PaymentDeclined extends Error {
    override name = "PaymentDeclined";
  }
  await withLoop(async () => {
    await Promise.resolve();
    throw new PaymentDeclined("card 4242 declined");
  }, async (server) => {
    const o = await server.invoke({ requestId: "req-err" });
    assert.equal(o.type, "error");
    if (o.type !== "error") return;
    // the header is the category Lambda records; the class name is in the body
    assert.equal(o.error.errorTypeHeader, "Runtime.Unknown");
    const body = o.error.body as { errorType: string; errorMessage: string; stackTrace: string[] };
    assert.deepEqual(Object.keys(body).sort(), ["errorMessage", "errorType", "stackTrace"]);
    assert.equal(body.errorType, "PaymentDeclined");
    assert.equal(body.errorMessage, "card 4242 declined");
    assert.equal(body.stackTrace[0], "PaymentDeclined: card 4242 declined");
    assert.match(body.stackTrace[1], /^\s+at .*runtime_api_loop_test\.ts:\d+:\d+/);
    const cause = o.error.xrayCause as {
      working_directory: string;
      exceptions: { type: string; message: string; stack: { path: string }[] }[];
      paths: string[];
    };
    assert.equal(cause.working_directory, Deno.cwd());
    assert.equal(cause.exceptions[0].type, "PaymentDeclined");
    assert.equal(cause.exceptions[0].message, "card 4242 declined");
    assert.equal(cause.paths.some((p) => p.endsWith("runtime_api_loop_test.ts")), true);
  });
});

Deno.test("a thrown non-Error and a bad payload are errors too, and the loop keeps serving", async () => {
  await withLoop((event: unknown) => {
    if (event === "throw") throw "plain string";
    return event;
  }, async (server) => {
    const a = await server.invoke({ payload: '"throw"' });
    assert.equal(a.type, "error");
    if (a.type === "error") {
      assert.deepEqual(a.error.body, {
        errorType: "string",
        errorMessage: "plain string",
        stackTrace: [],
      });
    }
    const b = await server.invoke({ payload: "{not json" });
    assert.equal(b.type === "error" && b.error.errorTypeHeader, "Runtime.UnmarshalError");
    const c = await server.invoke({ payload: "[1,2]" });
    assert.equal(c.type === "response" && text(c.payload), "[1,2]");
  });
});

Deno.test("a bad Cognito identity header fails that invocation only", async () => {
  await withLoop(() => "ok", async (server) => {
    const a = await server.invoke({ cognitoIdentity: "{nope" });
    assert.equal(a.type === "error" && a.error.errorTypeHeader, "Runtime.CognitoIdentityError");
    const b = await server.invoke();
    assert.equal(b.type === "response" && text(b.payload), '"ok"');
  });
});

Deno.test("globalThis.awslambda.InvokeStore: protected keys cannot be overwritten, custom keys are per invocation", async () => {
  await withLoop((event: { v: string }) => {
    const s = (globalThis as unknown as {
      awslambda: {
        InvokeStore: {
          set(k: symbol | string, v: unknown): void;
          get(k: symbol | string): unknown;
          getXRayTraceId(): string | undefined;
        };
      };
    }).awslambda.InvokeStore;
    assert.throws(() => s.set(INVOKE_STORE_KEYS.REQUEST_ID, "x"), /protected/);
    assert.equal(s.get("mine"), undefined);
    s.set("mine", event.v);
    return { mine: s.get("mine"), trace: s.getXRayTraceId() };
  }, async (server) => {
    for (const v of ["one", "two"]) {
      const o = await server.invoke({ payload: JSON.stringify({ v }), traceId: `Root=${v}` });
      assert.equal(
        o.type === "response" && text(o.payload),
        JSON.stringify({ mine: v, trace: `Root=${v}` }),
      );
    }
  });
});

Deno.test("deadline: the Context's signal aborts at the deadline; an ignored deadline is a timeout", async () => {
  await withLoop(async (event: { obey: boolean }, ctx: Context) => {
    if (!event.obey) return await new Promise((r) => setTimeout(() => r("late"), 400));
    await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
    return { aborted: ctx.signal.aborted, reason: (ctx.signal.reason as DOMException).name };
  }, async (server) => {
    const a = await server.invoke({ payload: '{"obey":true}', timeoutMs: 50 }).then((o) => o);
    // the handler answers right at the deadline; the emulator allows a grace period (below)
    assert.equal(
      a.type === "response" && text(a.payload),
      '{"aborted":true,"reason":"TimeoutError"}',
    );
    const b = await server.invoke({ payload: '{"obey":false}', timeoutMs: 30 });
    assert.equal(b.type, "timeout");
    await new Promise((r) => setTimeout(r, 500)); // let the late handler post (refused: 400)
    const c = await server.invoke({ payload: '{"obey":true}', timeoutMs: 20 });
    assert.equal(c.type, "response");
  }, { server: { graceMs: 200 } });
});

Deno.test("fatal: an uncaught exception during an invocation is reported, then exit(1)", async () => {
  await withLoop(() =>
    new Promise(() => {
      setTimeout(() => {
        throw new EvalError("escaped the handler");
      }, 1);
    }), async (server, exits) => {
    const { watchUncaught } = await import("../server/core/mod.ts");
    watchUncaught();
    const o = await server.invoke();
    assert.equal(o.type, "error");
    if (o.type === "error") assert.equal(o.error.errorTypeHeader, "Runtime.Unknown");
    if (o.type === "error") {
      assert.equal((o.error.body as { errorType: string }).errorType, "EvalError");
    }
    for (let i = 0; i < 50 && exits.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(exits, [1]);
  });
});

Deno.test("error stackTrace: message line, the handler's frames, none of the runtime's", async () => {
  function inner(): never {
    throw new URIError("deep");
  }
  await withLoop(() => inner(), async (server) => {
    const o = await server.invoke();
    assert.equal(o.type, "error");
    if (o.type !== "error") return;
    const { stackTrace } = o.error.body as { stackTrace: string[] };
    assert.equal(stackTrace[0], "URIError: deep");
    assert.match(stackTrace[1], /at inner \(.*runtime_api_loop_test\.ts:\d+:\d+\)$/);
    assert.equal(stackTrace.some((l) => /server\/(runtime_api|invoke|context)/.test(l)), false);
  });
});

Deno.test("error headers stay valid: a non-ASCII type is a category in the header, a huge X-Ray cause omitted", async () => {
  class Fehler extends Error {
    override name = "Fehlerß";
  }
  await withLoop((event: { big: boolean }) => {
    throw event.big ? new Error("x".repeat(1024 * 1024)) : new Fehler("kaputt ✗");
  }, async (server) => {
    const a = await server.invoke({ payload: '{"big":false}' });
    assert.equal(a.type, "error");
    if (a.type !== "error") return;
    assert.equal(a.error.errorTypeHeader, "Runtime.Unknown");
    assert.equal((a.error.body as { errorType: string }).errorType, "Fehlerß");
    assert.equal(
      (a.error.xrayCause as { exceptions: { message: string }[] }).exceptions[0].message,
      "kaputt ✗",
    );
    const b = await server.invoke({ payload: '{"big":true}' });
    assert.equal(b.type, "error");
    if (b.type !== "error") return;
    assert.equal(b.error.xrayCause, null);
    assert.equal((b.error.body as { errorMessage: string }).errorMessage.length, 1024 * 1024);
  });
});

Deno.test("a response the service refuses (413) ends that invocation; the loop keeps serving", async () => {
  await withLoop((event: { size: number }) => "y".repeat(event.size), async (server) => {
    const a = await server.invoke({ payload: '{"size":100}' });
    assert.deepEqual(a.type, "too-large");
    const b = await server.invoke({ payload: '{"size":3}' });
    assert.equal(b.type === "response" && text(b.payload), '"yyy"');
  }, { server: { maxResponseBytes: 50 } });
});

Deno.test("the Runtime API going away stops the loop with exit(1)", async () => {
  const server = await RuntimeApiServer.start();
  const exits: number[] = [];
  const loop = runRuntimeApi(() => null, {
    address: server.address,
    handleSignals: false,
    exit: (code) => void exits.push(code),
  });
  await server.whenWaiting(1);
  await server.close();
  await loop;
  assert.deepEqual(exits, [1]);
});

Deno.test("runRuntimeApi refuses a missing address and a bad concurrency", async () => {
  await assert.rejects(
    runRuntimeApi(() => null, { address: "", handleSignals: false }),
    /AWS_LAMBDA_RUNTIME_API/,
  );
  await assert.rejects(
    runRuntimeApi(() => null, { address: "127.0.0.1:1", concurrency: 0, handleSignals: false }),
    /positive integer/,
  );
  await assert.rejects(
    runRuntimeApi(() => null, { address: "no-port", handleSignals: false }),
    /host:port/,
  );
});

Deno.test("a store a library installed first, with run() only, is the one the loop runs each invocation in", async () => {
  const g = globalThis as { awslambda?: unknown };
  const before = g.awslambda;
  const seen: unknown[] = [];
  g.awslambda = {
    InvokeStore: {
      run<T>(context: Record<string | symbol, unknown>, fn: () => T): T {
        seen.push(context[INVOKE_STORE_KEYS.REQUEST_ID]);
        return fn();
      },
    },
  };
  try {
    await withLoop((e: { n: number }) => e.n + 1, async (server) => {
      const o = await server.invoke({ requestId: "lib-1", payload: '{"n":41}' });
      assert.equal(o.type === "response" && text(o.payload), "42");
    });
    assert.deepEqual(seen, ["lib-1"]);
  } finally {
    g.awslambda = before;
  }
});

// invoke(), the transport-free core of every invocation: event parsing, result serialising,
// errors, the Context, deadlines, decoders and encoders, and large-string results.
// Length: one suite for one function, invoke(); its cases share the input() and ok() helpers.
import assert from "node:assert/strict";
import { Context } from "./context.ts";
import { type InvocationInput, invoke } from "./invoke.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const env = {
  functionName: "fn",
  functionVersion: "$LATEST",
  memoryLimitInMB: 128,
  logGroupName: "/aws/lambda/fn",
  logStreamName: "2026/11/27/[$LATEST]abc",
};

function input(payload: string, extra: Partial<InvocationInput> = {}): InvocationInput {
  return {
    requestId: "req-1",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
    deadlineMs: Date.now() + 3000,
    payload: enc.encode(payload),
    ...extra,
  };
}

function ok(result: Awaited<ReturnType<typeof invoke>>): string {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return dec.decode(result.payload);
}

Deno.test("invoke: parses the event and serialises the result", async () => {
  const r = await invoke((e: { name: string }) => `Hello ${e.name}!`, input('{"name":"ƛ"}'));
  assert.equal(ok(r), '"Hello ƛ!"');
});

Deno.test("invoke: undefined becomes null, async handlers are awaited", async () => {
  assert.equal(ok(await invoke(() => undefined, input("{}"))), "null");
  assert.equal(ok(await invoke(() => Promise.resolve({ a: [1, 2] }), input("{}"))), '{"a":[1,2]}');
});

Deno.test("invoke: a payload that is not JSON is an invocation error for a handler that takes the event", async () => {
  const r = await invoke((e: unknown) => e, input("{not json"));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.type, "Runtime.UnmarshalError");
    assert.match(r.error.message, /^Could not parse the event payload as JSON: /);
    assert.equal(r.error.shouldExit, false);
  }
});

Deno.test("invoke: a handler that ignores its input accepts any payload, even empty", async () => {
  assert.equal(ok(await invoke(() => "x", input(""))), '"x"');
  assert.equal(ok(await invoke(() => "y", input("<xml/>"))), '"y"');
});

Deno.test("invoke: a result JSON cannot serialise is Runtime.MarshalError", async () => {
  const r = await invoke(() => ({ n: 1n }), input("{}"));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.type, "Runtime.MarshalError");
    assert.match(r.error.message, /BigInt/);
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const r2 = await invoke(() => cyclic, input("{}"));
  assert.equal(r2.ok ? "" : r2.error.type, "Runtime.MarshalError");
});

Deno.test("invoke: thrown errors keep their type, message and frames", async () => {
  class PaymentDeclined extends Error {}
  const sync = await invoke(() => {
    throw new TypeError("bad shape");
  }, input("{}"));
  assert.equal(sync.ok, false);
  if (!sync.ok) {
    assert.equal(sync.error.type, "TypeError");
    assert.equal(sync.error.message, "bad shape");
    assert.ok(sync.error.stackTrace.some((f) => f.path.endsWith("invoke_test.ts") && f.line > 0));
    // The runtime's own frames below the handler are cut.
    assert.ok(!sync.error.stackTrace.some((f) => f.path.endsWith("server/core/invoke.ts")));
  }
  const r = await invoke(async () => {
    await Promise.resolve();
    throw new PaymentDeclined("card 42");
  }, input("{}"));
  assert.deepEqual(r.ok ? null : [r.error.type, r.error.message], ["PaymentDeclined", "card 42"]);
  const s = await invoke(() => Promise.reject("plain string"), input("{}"));
  assert.deepEqual(s.ok ? null : [s.error.type, s.error.message, s.error.stackTrace], [
    "string",
    "plain string",
    [],
  ]);
});

Deno.test("invoke: Context is the second argument and Context.current() across awaits and timers", async () => {
  const seen: string[] = [];
  const r = await invoke(
    async (_e: unknown, ctx: Context) => {
      seen.push(ctx.requestId);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(Context.current().requestId);
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.push(Context.current().invokedFunctionArn);
          resolve();
        }, 1)
      );
      return Context.current() === ctx;
    },
    input("{}", { requestId: "abc" }),
    { environment: env },
  );
  assert.equal(ok(r), "true");
  assert.deepEqual(seen, ["abc", "abc", "arn:aws:lambda:us-east-1:123456789012:function:fn"]);
  assert.throws(() => Context.current(), /outside a Lambda invocation/);
});

Deno.test("invoke: concurrent invocations each see their own context", async () => {
  const handler = async (e: { n: number }) => {
    await new Promise((resolve) => setTimeout(resolve, (5 - e.n) * 2));
    return Context.current().requestId;
  };
  const results = await Promise.all(
    [0, 1, 2, 3, 4].map((n) => invoke(handler, input(`{"n":${n}}`, { requestId: `r${n}` }))),
  );
  assert.deepEqual(results.map(ok), ['"r0"', '"r1"', '"r2"', '"r3"', '"r4"']);
});

Deno.test("invoke: context fields from the input and the environment", async () => {
  let ctx: Context | undefined;
  const deadlineMs = Date.now() + 2000;
  await invoke(
    (_e: unknown, c: Context) => {
      ctx = c;
    },
    input("{}", {
      deadlineMs,
      traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
      cognitoIdentity: { identityId: "id-1", identityPoolId: "pool-1" },
      clientContext: '{"Client":{"app_title":"demo","installation_id":"i-1"},' +
        '"env":{"locale":"en"},"custom":{"k":"v","n":{"x":1}}}',
      tenantId: "t-9",
    }),
    { environment: env },
  );
  assert.ok(ctx);
  assert.equal(ctx.deadlineMs, deadlineMs);
  assert.equal(ctx.deadline.getTime(), deadlineMs);
  assert.equal(ctx.traceId, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
  assert.deepEqual(ctx.identity, { cognitoIdentityId: "id-1", cognitoIdentityPoolId: "pool-1" });
  assert.equal(ctx.clientContext?.client.appTitle, "demo");
  assert.equal(ctx.clientContext?.client.installationId, "i-1");
  assert.equal(ctx.clientContext?.env.locale, "en");
  assert.equal(ctx.clientContext?.custom.k, "v");
  assert.equal(ctx.clientContext?.custom.n, '{"x":1}');
  assert.equal(ctx.tenantId, "t-9");
  assert.equal(ctx.functionName, "fn");
  assert.equal(ctx.memoryLimitInMB, "128");
  assert.equal(ctx.memoryLimitMB, 128);
  assert.equal(ctx.logStreamName, "2026/11/27/[$LATEST]abc");
  assert.equal(
    Deno.env.get("_X_AMZN_TRACE_ID"),
    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
  );
});

Deno.test("invoke: _X_AMZN_TRACE_ID follows each invoke's trace id, including none", async () => {
  const seen: (string | undefined)[] = [];
  const handler = () => (seen.push(Deno.env.get("_X_AMZN_TRACE_ID")), null);
  for (const traceId of ["Root=1-a;Parent=1;Sampled=0", "Root=1-b;Parent=2;Sampled=0", ""]) {
    const r = await invoke(handler, input("{}", { traceId }));
    assert.ok(r.ok);
  }
  assert.deepEqual(seen, ["Root=1-a;Parent=1;Sampled=0", "Root=1-b;Parent=2;Sampled=0", ""]);
});

Deno.test("invoke: a client context that is not JSON is an invocation error", async () => {
  const r = await invoke(() => 1, input("{}", { clientContext: "{oops" }));
  assert.equal(r.ok ? "" : r.error.type, "Runtime.ClientContextError");
});

Deno.test("invoke: the deadline aborts the context's signal", async () => {
  const r = await invoke(async (_e: unknown, ctx: Context) => {
    assert.equal(ctx.signal.aborted, false);
    assert.ok(ctx.remainingTimeMs() > 0);
    await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
    return [ctx.signal.reason.name, ctx.remainingTimeMs()];
  }, input("{}", { deadlineMs: Date.now() + 20 }));
  assert.equal(ok(r), '["TimeoutError",0]');
  const past = await invoke(
    (_e: unknown, ctx: Context) => ctx.signal.aborted,
    input("{}", {
      deadlineMs: Date.now() - 1,
    }),
  );
  assert.equal(ok(past), "true");
});

Deno.test("invoke: a decoder turns the JSON into the event; its errors are the invocation's", async () => {
  const decode = (json: unknown) => {
    if (
      typeof json !== "object" || json === null || typeof (json as { n: unknown }).n !== "number"
    ) {
      throw new TypeError("n: expected number");
    }
    return { n: (json as { n: number }).n, doubled: (json as { n: number }).n * 2 };
  };
  assert.equal(
    ok(await invoke((e: { doubled: number }) => e.doubled, input('{"n":21}'), { decode })),
    "42",
  );
  const bad = await invoke((e: { doubled: number }) => e.doubled, input('{"n":"x"}'), { decode });
  assert.deepEqual(bad.ok ? null : [bad.error.type, bad.error.message], [
    "TypeError",
    "n: expected number",
  ]);
});

Deno.test("invoke: options.encode shapes the result before JSON; what it throws is Runtime.MarshalError", async () => {
  const { decoders } = await import("../../events/mod.ts");
  const handler = () => ({
    records: [{ recordId: "r1", result: "Ok", data: new Uint8Array([1, 2, 3]) }],
  });
  const shaped = await invoke(handler, input("{}"), {
    environment: env,
    encode: decoders.KinesisFirehoseResponse.encode,
  });
  assert.ok(shaped.ok);
  // base64 of bytes 1, 2, 3 is "AQID"; without `encode` the bytes would serialise as {"0":1,…}.
  assert.deepEqual(JSON.parse(dec.decode(shaped.payload)), {
    records: [{ recordId: "r1", result: "Ok", data: "AQID" }],
  });

  const failed = await invoke(handler, input("{}"), {
    environment: env,
    encode: () => {
      throw new RangeError("no");
    },
  });
  assert.ok(!failed.ok);
  assert.equal(failed.error.type, "Runtime.MarshalError");
  assert.match(failed.error.message, /no/);
});

Deno.test("invoke: results with large strings are JSON.stringify's bytes, whatever the event's size", async () => {
  const big = (unit: string) => unit.repeat(Math.ceil(70_000 / unit.length));
  const results = [
    { body: big("plain ascii "), n: 1 },
    { body: big('quote " backslash \\ newline \n'), nested: [{ s: big("ƛ😀") }] },
    big("top-level string "),
    { lone: big("x") + "\ud800", date: new Date(0) },
  ];
  // A large event makes the runtime look for large strings; so do large results before, even
  // for a small event (the second pass); a small result after them goes the usual way.
  for (const event of [JSON.stringify(big("e")), "{}", "{}"]) {
    for (const result of [...results, { small: true }]) {
      for (const handler of [() => result, async () => await result]) {
        const r = await invoke(handler, input(event));
        assert.equal(ok(r), JSON.stringify(result));
      }
    }
  }
  // The same through a serializer that writes into a caller's buffer (as the go1.x service does).
  const seen: string[] = [];
  const r = await invoke(() => results[1], input(JSON.stringify(big("e"))), {
    serialize: (json) => {
      seen.push(typeof json === "string" ? "text" : "parts");
      return typeof json === "string" ? enc.encode(json) : enc.encode(
        json.texts.map((t, i) =>
          t + (i < json.strings.length ? JSON.stringify(json.strings[i]) : "")
        )
          .join(""),
      );
    },
  });
  assert.equal(ok(r), JSON.stringify(results[1]));
  assert.deepEqual(seen, ["parts"]);
});

Deno.test("invoke: an event's long strings returned in the result are marked plain and written as JSON.stringify writes them", async () => {
  const body = "b".repeat(70_000);
  const event = JSON.stringify({ body, other: "ƛ".repeat(70_000), quoted: `${body}"` });
  type E = { body: string; other: string; quoted: string };
  // Returned as they are, a changed copy (needs escaping), and one equal by value only.
  const result = (e: E) => ({ e, changed: e.body + '"\n', same: "b".repeat(70_000) });
  for (const handler of [(e: E) => result(e), async (e: E) => await result(e)]) {
    const r = await invoke(handler, input(event));
    assert.equal(ok(r), JSON.stringify(result(JSON.parse(event))));
    let plain: boolean[] | undefined;
    await invoke(handler, input(event), {
      serialize: (json) => {
        assert.ok(typeof json !== "string");
        plain = json.plain;
        return enc.encode("null");
      },
    });
    // body and other were decoded from their bytes; quoted had an escape, so JSON.parse made it.
    assert.deepEqual(plain, [true, true, false, false, true]);
  }
  // A small event vouches for nothing, even when a large result before makes the runtime look.
  await invoke(() => ({ s: body }), input("{}"));
  let marks: boolean[] | undefined = [];
  await invoke(() => ({ s: body }), input("{}"), {
    serialize: (json) => {
      marks = typeof json === "string" ? [] : json.plain;
      return enc.encode("null");
    },
  });
  assert.equal(marks, undefined);
});

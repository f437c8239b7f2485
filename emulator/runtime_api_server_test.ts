import assert from "node:assert/strict";
import http from "node:http";
import { RuntimeApiServer } from "./runtime_api_server.ts";

function base(s: RuntimeApiServer): string {
  return `http://${s.address}/2018-06-01/runtime/`;
}

Deno.test("next serves a queued event with every header; /response is recorded", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const outcome = s.invoke({
      payload: '{"a":1}',
      requestId: "req-1",
      deadlineMs: Date.now() + 60_000,
      functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:f",
      traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
      clientContext: '{"custom":{"k":"v"}}',
      cognitoIdentity: '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
      tenantId: "tenant-7",
    });
    const next = await fetch(base(s) + "invocation/next");
    assert.equal(next.status, 200);
    assert.equal(next.headers.get("lambda-runtime-aws-request-id"), "req-1");
    assert.match(next.headers.get("lambda-runtime-deadline-ms")!, /^\d+$/);
    assert.equal(
      next.headers.get("lambda-runtime-invoked-function-arn"),
      "arn:aws:lambda:eu-west-1:123456789012:function:f",
    );
    assert.equal(
      next.headers.get("lambda-runtime-trace-id"),
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
    );
    assert.equal(next.headers.get("lambda-runtime-client-context"), '{"custom":{"k":"v"}}');
    assert.equal(
      next.headers.get("lambda-runtime-cognito-identity"),
      '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
    );
    assert.equal(next.headers.get("lambda-runtime-aws-tenant-id"), "tenant-7");
    assert.equal(await next.text(), '{"a":1}');
    const post = await fetch(base(s) + "invocation/req-1/response", {
      method: "POST",
      body: '"done"',
      headers: { "content-type": "application/json" },
    });
    assert.equal(post.status, 202);
    await post.body?.cancel();
    const o = await outcome;
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(new TextDecoder().decode(o.payload), '"done"');
    assert.equal(o.streaming, false);
    assert.equal(o.contentType, "application/json");
  } finally {
    await s.close();
  }
});

Deno.test("optional headers are omitted and a trace id is generated", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const outcome = s.invoke({ requestId: "r" });
    const next = await fetch(base(s) + "invocation/next");
    assert.equal(next.headers.get("lambda-runtime-client-context"), null);
    assert.equal(next.headers.get("lambda-runtime-cognito-identity"), null);
    assert.equal(next.headers.get("lambda-runtime-aws-tenant-id"), null);
    assert.match(next.headers.get("lambda-runtime-trace-id")!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};/);
    assert.equal(await next.text(), "{}");
    await (await fetch(base(s) + "invocation/r/response", { method: "POST", body: "1" })).text();
    assert.equal((await outcome).type, "response");
  } finally {
    await s.close();
  }
});

Deno.test("/error records the body, the error type header and the X-Ray cause", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const outcome = s.invoke({ requestId: "e1" });
    await (await fetch(base(s) + "invocation/next")).text();
    const res = await fetch(base(s) + "invocation/e1/error", {
      method: "POST",
      headers: {
        "Lambda-Runtime-Function-Error-Type": "TypeError",
        "Lambda-Runtime-Function-Xray-Error-Cause": '{"working_directory":"/x"}',
      },
      body: '{"errorType":"TypeError","errorMessage":"m","stackTrace":[]}',
    });
    assert.equal(res.status, 202);
    await res.text();
    const o = await outcome;
    assert.equal(o.type, "error");
    if (o.type !== "error") return;
    assert.equal(o.error.errorTypeHeader, "TypeError");
    assert.deepEqual(o.error.body, { errorType: "TypeError", errorMessage: "m", stackTrace: [] });
    assert.deepEqual(o.error.xrayCause, { working_directory: "/x" });
  } finally {
    await s.close();
  }
});

Deno.test("/init/error ends queued and later invocations as init errors", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const queued = s.invoke({ requestId: "q" });
    const res = await fetch(base(s) + "init/error", {
      method: "POST",
      headers: { "Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError" },
      body: '{"errorType":"Runtime.ImportModuleError","errorMessage":"bad"}',
    });
    assert.equal(res.status, 202);
    await res.text();
    const o = await queued;
    assert.equal(o.type, "init-error");
    assert.equal(s.initError?.errorTypeHeader, "Runtime.ImportModuleError");
    assert.equal((await s.waitInitError()).text.includes('"bad"'), true);
    assert.equal((await s.invoke()).type, "init-error");
  } finally {
    await s.close();
  }
});

Deno.test("bad ids, paths and methods are refused with Lambda-style errors", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const r1 = await fetch(base(s) + "invocation/nope/response", { method: "POST", body: "1" });
    assert.equal(r1.status, 400);
    assert.equal((await r1.json()).errorType, "InvalidRequestID");
    const r2 = await fetch(`http://${s.address}/other`);
    assert.equal(r2.status, 404);
    await r2.text();
    const r3 = await fetch(base(s) + "invocation/next", { method: "POST", body: "" });
    assert.equal(r3.status, 405);
    await r3.text();
    await assert.rejects(
      Promise.all([
        s.invoke({ requestId: "dup", deadlineMs: Date.now() + 1 }),
        s.invoke({ requestId: "dup" }),
      ]),
      TypeError,
    );
  } finally {
    await s.close();
  }
});

Deno.test("an invocation nobody answers times out at its deadline", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const o = await s.invoke({ requestId: "slow", deadlineMs: Date.now() + 20 });
    assert.equal(o.type, "timeout");
    assert.equal(o.requestId, "slow");
  } finally {
    await s.close();
  }
});

Deno.test("N waiting next calls each get a different invocation", async () => {
  const s = await RuntimeApiServer.start();
  try {
    const nexts = [0, 1, 2].map(() => fetch(base(s) + "invocation/next"));
    await s.whenWaiting(3);
    assert.equal(s.waitingNext, 3);
    const outcomes = ["a", "b", "c"].map((id) => s.invoke({ requestId: id, payload: `"${id}"` }));
    const got = await Promise.all(nexts);
    const ids = got.map((r) => r.headers.get("lambda-runtime-aws-request-id")!);
    assert.deepEqual([...ids].sort(), ["a", "b", "c"]);
    for (const [i, r] of got.entries()) assert.equal(await r.text(), `"${ids[i]}"`);
    for (const id of ids) {
      await (await fetch(base(s) + `invocation/${id}/response`, { method: "POST", body: id }))
        .text();
    }
    const results = await Promise.all(outcomes);
    assert.deepEqual(results.map((o) => o.type), ["response", "response", "response"]);
  } finally {
    await s.close();
  }
});

Deno.test("a buffered response over the cap is refused with 413 and recorded", async () => {
  const s = await RuntimeApiServer.start({ maxResponseBytes: 10 });
  try {
    const outcome = s.invoke({ requestId: "big" });
    await (await fetch(base(s) + "invocation/next")).text();
    const r = await fetch(base(s) + "invocation/big/response", {
      method: "POST",
      body: "x".repeat(11),
    });
    assert.equal(r.status, 413);
    await r.text();
    assert.deepEqual(await outcome, { type: "too-large", requestId: "big", limit: 10 });
  } finally {
    await s.close();
  }
});

Deno.test("a streamed response arrives chunk by chunk and error trailers are read", async () => {
  let firstChunk: () => void = () => {};
  const sawFirst = new Promise<void>((r) => firstChunk = r);
  const s = await RuntimeApiServer.start({ onResponseChunk: () => firstChunk() });
  try {
    const outcome = s.invoke({ requestId: "st" });
    await (await fetch(base(s) + "invocation/next")).text();
    const [host, port] = s.address.split(":");
    const done = new Promise<number>((resolve, reject) => {
      const req = http.request({
        host,
        port: Number(port),
        method: "POST",
        path: "/2018-06-01/runtime/invocation/st/response",
        headers: {
          "Lambda-Runtime-Function-Response-Mode": "streaming",
          "Content-Type": "text/plain",
          "Transfer-Encoding": "chunked",
          Trailer: "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body",
        },
      }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.write("part one;");
      // the second chunk is written only after the server has seen the first
      sawFirst.then(() => {
        req.write("part two");
        req.addTrailers({
          "Lambda-Runtime-Function-Error-Type": "Error",
          "Lambda-Runtime-Function-Error-Body": btoa('{"errorType":"Error","errorMessage":"mid"}'),
        });
        req.end();
      });
    });
    assert.equal(await done, 202);
    const o = await outcome;
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(o.streaming, true);
    assert.equal(new TextDecoder().decode(o.payload), "part one;part two");
    assert.equal(o.chunks >= 2, true);
    assert.equal(o.streamError?.errorTypeHeader, "Error");
    assert.deepEqual(o.streamError?.body, { errorType: "Error", errorMessage: "mid" });
  } finally {
    await s.close();
  }
});

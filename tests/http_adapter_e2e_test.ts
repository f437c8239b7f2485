// The HTTP adapter end to end: events of each source (API Gateway v1 and v2, ALB in both header
// modes, Function URL) with text and binary bodies, through the Runtime API loop and the emulator.
import assert from "node:assert/strict";
import { RuntimeApiServer } from "../emulator/mod.ts";
import { runRuntimeApi } from "../server/runtime_api/mod.ts";
import { httpEventOf, httpHandler } from "../http/mod.ts";
import type { Context } from "../server/core/mod.ts";

// Echoes the request: JSON description for text requests, the raw bytes back for binary ones.
const app = httpHandler<Context>(async (req, ctx) => {
  const body = new Uint8Array(await req.arrayBuffer());
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("image/")) {
    return new Response(body.toReversed(), { headers: { "content-type": type } });
  }
  const url = new URL(req.url);
  const headers = new Headers({
    "content-type": "application/json",
    "x-request-id": ctx.requestId,
  });
  headers.append("set-cookie", "a=1; Path=/");
  headers.append("set-cookie", "b=2; Path=/");
  return new Response(
    JSON.stringify({
      source: httpEventOf(req)?.source,
      method: req.method,
      path: url.pathname,
      q: url.searchParams.getAll("q"),
      cookie: req.headers.get("cookie"),
      body: new TextDecoder().decode(body),
    }),
    { status: 201, headers },
  );
});

const server = await RuntimeApiServer.start();
const stop = new AbortController();
const loop = runRuntimeApi(app, {
  address: server.address,
  signal: stop.signal,
  handleSignals: false,
  setTraceEnv: false,
});

async function call(event: unknown, requestId: string): Promise<Record<string, unknown>> {
  const o = await server.invoke({ payload: JSON.stringify(event), requestId });
  assert.equal(o.type, "response", JSON.stringify(o));
  return JSON.parse(new TextDecoder().decode((o as { payload: Uint8Array }).payload));
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
const png64 = png.toBase64();
const reversed64 = png.toReversed().toBase64();

const events = {
  "apigw-v1": (body: string, binary: boolean, type: string) => ({
    httpMethod: "POST",
    path: "/v1/items",
    headers: { Host: "api.test", "Content-Type": type, Cookie: "c=3" },
    multiValueHeaders: { Host: ["api.test"], "Content-Type": [type], Cookie: ["c=3"] },
    queryStringParameters: { q: "y" },
    multiValueQueryStringParameters: { q: ["x", "y"] },
    requestContext: { stage: "prod" },
    body,
    isBase64Encoded: binary,
  }),
  "apigw-v2": (body: string, binary: boolean, type: string) => ({
    version: "2.0",
    rawPath: "/v2/items",
    rawQueryString: "q=x&q=y",
    cookies: ["c=3"],
    headers: { host: "api.test", "content-type": type },
    requestContext: { domainName: "api.test", http: { method: "POST" } },
    body,
    isBase64Encoded: binary,
  }),
  "function-url": (body: string, binary: boolean, type: string) => ({
    version: "2.0",
    rawPath: "/url/items",
    rawQueryString: "q=x&q=y",
    cookies: ["c=3"],
    headers: { host: "abc.lambda-url.eu-west-1.on.aws", "content-type": type },
    requestContext: { domainName: "abc.lambda-url.eu-west-1.on.aws", http: { method: "POST" } },
    body,
    isBase64Encoded: binary,
  }),
  "alb": (body: string, binary: boolean, type: string) => ({
    requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:tg" } },
    httpMethod: "POST",
    path: "/alb/items",
    queryStringParameters: { q: "y" },
    headers: { host: "lb.test", "content-type": type, cookie: "c=3" },
    body,
    isBase64Encoded: binary,
  }),
  "alb-multi": (body: string, binary: boolean, type: string) => ({
    requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:tg" } },
    httpMethod: "POST",
    path: "/alb/items",
    multiValueQueryStringParameters: { q: ["x", "y"] },
    multiValueHeaders: { host: ["lb.test"], "content-type": [type], cookie: ["c=3"] },
    body,
    isBase64Encoded: binary,
  }),
};

for (const [name, make] of Object.entries(events)) {
  Deno.test(`HTTP adapter over the Runtime API: ${name} with a text body`, async () => {
    const r = await call(make("héllo", false, "text/plain"), `t-${name}`);
    assert.equal(r.statusCode, 201);
    assert.equal(r.isBase64Encoded, false);
    const echoed = JSON.parse(r.body as string);
    const source = name === "alb-multi" ? "alb" : name;
    assert.equal(echoed.source, source);
    assert.equal(echoed.method, "POST");
    assert.equal(echoed.body, "héllo");
    assert.equal(echoed.cookie, "c=3");
    assert.deepEqual(echoed.q, name === "alb" ? ["y"] : ["x", "y"]);
    const cookies = ["a=1; Path=/", "b=2; Path=/"];
    if (source === "apigw-v2" || source === "function-url") {
      assert.deepEqual(r.cookies, cookies);
      assert.equal((r.headers as Record<string, string>)["x-request-id"], `t-${name}`);
    } else if (name === "alb") {
      assert.equal(r.statusDescription, "201 Created");
      assert.equal((r.headers as Record<string, string>)["set-cookie"], "b=2; Path=/");
    } else if (name === "alb-multi") {
      assert.equal(r.headers, undefined);
      assert.deepEqual((r.multiValueHeaders as Record<string, string[]>)["set-cookie"], cookies);
    } else {
      assert.deepEqual((r.multiValueHeaders as Record<string, string[]>)["set-cookie"], cookies);
      assert.equal((r.headers as Record<string, string>)["content-type"], "application/json");
    }
  });

  Deno.test(`HTTP adapter over the Runtime API: ${name} with a binary body`, async () => {
    const r = await call(make(png64, true, "image/png"), `b-${name}`);
    assert.equal(r.statusCode, 200);
    assert.equal(r.isBase64Encoded, true);
    assert.equal(r.body, reversed64);
  });
}

Deno.test("HTTP adapter over the Runtime API: a non-HTTP event is a TypeError result", async () => {
  const o = await server.invoke({ payload: '{"Records":[]}' });
  assert.equal(o.type, "error");
  if (o.type === "error") {
    assert.equal(o.error.errorTypeHeader, "Runtime.Unknown"); // the category Lambda records
    assert.equal((o.error.body as { errorType: string }).errorType, "TypeError");
  }
});

// deno test runs the registered tests in order after this module's top level: stop at the end.
Deno.test("HTTP adapter over the Runtime API: (teardown)", async () => {
  stop.abort();
  await loop;
  await server.close();
  assert.equal(server.waitingNext, 0);
});

Deno.test("HTTP response streaming: prelude, eight NUL bytes, then the body as it is produced", async () => {
  const { httpStreamingHandler, HTTP_INTEGRATION_CONTENT_TYPE } = await import("../http/mod.ts");
  const s = await RuntimeApiServer.start();
  const halt = new AbortController();
  const running = runRuntimeApi(
    httpStreamingHandler(() => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("chunk one,"));
          c.enqueue(new TextEncoder().encode("chunk two"));
          c.close();
        },
      });
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "s=1");
      return new Response(body, { status: 202, headers });
    }),
    { address: s.address, signal: halt.signal, handleSignals: false, setTraceEnv: false },
  );
  try {
    const event = events["function-url"]("", false, "text/plain");
    const o = await s.invoke({ payload: JSON.stringify({ ...event, body: undefined }) });
    assert.equal(o.type, "response");
    if (o.type !== "response") return;
    assert.equal(o.streaming, true);
    assert.equal(o.contentType, HTTP_INTEGRATION_CONTENT_TYPE);
    const at = o.payload.findIndex((b, i) =>
      b === 0 && o.payload.subarray(i, i + 8).every((x) => x === 0)
    );
    const prelude = JSON.parse(new TextDecoder().decode(o.payload.subarray(0, at)));
    assert.deepEqual(prelude, {
      statusCode: 202,
      headers: { "content-type": "text/plain" },
      cookies: ["s=1"],
    });
    assert.equal(new TextDecoder().decode(o.payload.subarray(at + 8)), "chunk one,chunk two");
  } finally {
    halt.abort();
    await running;
    await s.close();
  }
});

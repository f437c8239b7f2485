import assert from "node:assert/strict";
import { httpEventOf, httpHandler } from "./adapter.ts";

const echo = httpHandler<{ id: string }>(async (req, ctx) => {
  const body = new Uint8Array(await req.arrayBuffer());
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": req.headers.get("content-type") ?? "text/plain",
      "x-ctx": ctx.id,
      "x-url": req.url,
      "x-source": httpEventOf(req)?.source ?? "none",
    },
  });
});

Deno.test("httpHandler round-trips a v2 binary body and passes ctx through", async () => {
  const r = await echo({
    version: "2.0",
    rawPath: "/up",
    headers: { host: "a.test", "content-type": "image/png" },
    requestContext: { http: { method: "POST" } },
    body: "iVBORw0KGgo=",
    isBase64Encoded: true,
  }, { id: "ctx-1" });
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, "iVBORw0KGgo=");
  assert.equal(r.isBase64Encoded, true);
  assert.equal(r.headers?.["x-ctx"], "ctx-1");
  assert.equal(r.headers?.["x-url"], "https://a.test/up");
  assert.equal(r.headers?.["x-source"], "apigw-v2");
});

Deno.test("httpHandler round-trips a v1 text body", async () => {
  const r = await echo({
    httpMethod: "POST",
    path: "/t",
    headers: { Host: "b.test", "Content-Type": "text/plain; charset=utf-8" },
    requestContext: {},
    body: "grüße",
    isBase64Encoded: false,
  }, { id: "c" });
  assert.equal(r.body, "grüße");
  assert.equal(r.isBase64Encoded, false);
  assert.equal(r.headers?.["x-source"], "apigw-v1");
});

Deno.test("httpHandler propagates a handler error unchanged", async () => {
  const failing = httpHandler(() => {
    throw new RangeError("nope");
  });
  await assert.rejects(
    failing({ httpMethod: "GET", path: "/", requestContext: {} }, {}),
    (e: unknown) => e instanceof RangeError && e.message === "nope",
  );
});

Deno.test("httpHandler rejects a non-Response result with TypeError", async () => {
  const bad = httpHandler(() => ({ statusCode: 200 }) as unknown as Response);
  await assert.rejects(
    bad({ httpMethod: "GET", path: "/", requestContext: {} }, {}),
    /must return a Response, got object/,
  );
});

Deno.test("httpHandler rejects a non-HTTP event with TypeError", async () => {
  await assert.rejects(echo({ Records: [] }, { id: "x" }), TypeError);
});

Deno.test("httpHandler refuses a non-function", () => {
  assert.throws(() => httpHandler(42 as unknown as () => Response), TypeError);
});

Deno.test("httpEventOf is undefined for requests the adapter did not build", () => {
  assert.equal(httpEventOf(new Request("https://x.test/")), undefined);
});

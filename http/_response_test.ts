import assert from "node:assert/strict";
import { encodeHttpBody, httpResultFromResponse, isTextContentType } from "./_response.ts";

Deno.test("isTextContentType: text, JSON, XML, suffixes and charsets", () => {
  for (
    const t of [
      "text/html",
      "text/plain; charset=UTF-8",
      "application/json",
      "application/problem+json",
      "application/atom+xml",
      "image/svg+xml",
      'application/json; charset="utf-8"',
    ]
  ) assert.equal(isTextContentType(t), true, t);
  for (
    const t of [
      "image/png",
      "application/octet-stream",
      "application/pdf",
      "text/plain; charset=iso-8859-1",
      "",
    ]
  ) assert.equal(isTextContentType(t), false, t);
  assert.equal(isTextContentType(null), false);
});

Deno.test("encodeHttpBody chooses text or base64", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(encodeHttpBody(png, new Headers({ "content-type": "image/png" })), {
    body: "iVBORw==",
    isBase64Encoded: true,
  });
  const text = new TextEncoder().encode("héllo");
  assert.deepEqual(encodeHttpBody(text, new Headers({ "content-type": "text/plain" })), {
    body: "héllo",
    isBase64Encoded: false,
  });
  // compressed text is binary on the wire
  assert.equal(
    encodeHttpBody(text, new Headers({ "content-type": "text/plain", "content-encoding": "gzip" }))
      .isBase64Encoded,
    true,
  );
  // no content type: text when valid UTF-8, base64 otherwise
  assert.equal(encodeHttpBody(text, new Headers()).isBase64Encoded, false);
  assert.equal(encodeHttpBody(new Uint8Array([0xc3]), new Headers()).body, "ww==");
  // declared text that is not UTF-8 still survives as base64
  assert.equal(
    encodeHttpBody(new Uint8Array([0xff]), new Headers({ "content-type": "text/plain" })).body,
    "/w==",
  );
  assert.deepEqual(encodeHttpBody(new Uint8Array(), new Headers({ "content-type": "image/png" })), {
    body: "",
    isBase64Encoded: false,
  });
});

function sample(): Response {
  const headers = new Headers({ "content-type": "application/json", "x-a": "1" });
  headers.append("x-a", "2");
  headers.append("set-cookie", "s=1; Path=/");
  headers.append("set-cookie", "t=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
  return new Response('{"ok":true}', { status: 201, headers });
}

Deno.test("v1 result: headers, Set-Cookie in multiValueHeaders, text body", async () => {
  const r = await httpResultFromResponse(sample(), { source: "apigw-v1", multiValue: true });
  assert.deepEqual(r, {
    statusCode: 201,
    headers: { "content-type": "application/json", "x-a": "1, 2" },
    multiValueHeaders: {
      "set-cookie": ["s=1; Path=/", "t=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"],
    },
    body: '{"ok":true}',
    isBase64Encoded: false,
  });
});

Deno.test("v2 and Function URL result: cookies array, binary body base64", async () => {
  for (const source of ["apigw-v2", "function-url"] as const) {
    const res = new Response(new Uint8Array([1, 2, 3]), {
      headers: { "content-type": "application/octet-stream", "set-cookie": "k=v" },
    });
    const r = await httpResultFromResponse(res, { source, multiValue: false });
    assert.deepEqual(r, {
      statusCode: 200,
      headers: { "content-type": "application/octet-stream" },
      cookies: ["k=v"],
      body: "AQID",
      isBase64Encoded: true,
    });
  }
});

Deno.test("v2 result without cookies has no cookies field", async () => {
  const r = await httpResultFromResponse(new Response(null, { status: 204 }), {
    source: "apigw-v2",
    multiValue: false,
  });
  assert.deepEqual(r, { statusCode: 204, headers: {}, body: "", isBase64Encoded: false });
});

Deno.test("ALB single-value result: statusDescription, headers, last Set-Cookie", async () => {
  const r = await httpResultFromResponse(sample(), { source: "alb", multiValue: false });
  assert.deepEqual(r, {
    statusCode: 201,
    statusDescription: "201 Created",
    headers: {
      "content-type": "application/json",
      "x-a": "1, 2",
      "set-cookie": "t=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
    },
    body: '{"ok":true}',
    isBase64Encoded: false,
  });
});

Deno.test("ALB multi-value result: only multiValueHeaders, all cookies", async () => {
  const r = await httpResultFromResponse(sample(), { source: "alb", multiValue: true });
  assert.deepEqual(r, {
    statusCode: 201,
    statusDescription: "201 Created",
    multiValueHeaders: {
      "content-type": ["application/json"],
      "x-a": ["1, 2"],
      "set-cookie": ["s=1; Path=/", "t=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"],
    },
    body: '{"ok":true}',
    isBase64Encoded: false,
  });
});

Deno.test("ALB statusDescription uses the response's statusText when set", async () => {
  const res = new Response("x", { status: 599, statusText: "Odd" });
  const r = await httpResultFromResponse(res, { source: "alb", multiValue: false });
  assert.equal(r.statusCode, 599);
  assert.equal((r as { statusDescription?: string }).statusDescription, "599 Odd");
});

import assert from "node:assert/strict";
import { httpEventToRequest } from "./_request.ts";
import { classifyHttpEvent } from "./events.ts";

const v1 = {
  resource: "/items/{id}",
  path: "/items/a b",
  httpMethod: "POST",
  headers: { Host: "api.example.com", "Content-Type": "text/plain", "X-Multi": "two" },
  multiValueHeaders: {
    Host: ["api.example.com"],
    "Content-Type": ["text/plain"],
    "X-Multi": ["one", "two"],
  },
  queryStringParameters: { q: "two", s: "a&b" },
  multiValueQueryStringParameters: { q: ["one", "two"], s: ["a&b"] },
  requestContext: { stage: "prod", domainName: "api.example.com" },
  body: "hello",
  isBase64Encoded: false,
};

const v2 = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/p/x%2Fy",
  rawQueryString: "a=1&a=2&b=%20",
  cookies: ["c1=v1", "c2=v2"],
  headers: { host: "h.example.com", "x-forwarded-proto": "https", "x-list": "a,b" },
  requestContext: {
    domainName: "h.example.com",
    http: { method: "PUT", path: "/p/x/y", protocol: "HTTP/1.1", sourceIp: "1.2.3.4" },
  },
  body: "AAEC/w==",
  isBase64Encoded: true,
};

const alb = {
  requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:tg" } },
  httpMethod: "GET",
  path: "/alb/path",
  queryStringParameters: { q: "hello%20world", n: "1" },
  headers: { host: "lb.example.com", "x-forwarded-proto": "http" },
  body: "",
  isBase64Encoded: false,
};

const albMulti = {
  requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:tg" } },
  httpMethod: "DELETE",
  path: "/m",
  multiValueQueryStringParameters: { k: ["1", "2"] },
  multiValueHeaders: { host: ["lb.example.com"], cookie: ["a=1", "b=2"], accept: ["x", "y"] },
  body: "payload",
  isBase64Encoded: false,
};

const url = {
  version: "2.0",
  rawPath: "/",
  rawQueryString: "",
  headers: { host: "abc123.lambda-url.us-east-1.on.aws" },
  requestContext: {
    domainName: "abc123.lambda-url.us-east-1.on.aws",
    http: { method: "GET", path: "/" },
  },
  isBase64Encoded: false,
};

Deno.test("classifyHttpEvent tells the four sources apart", () => {
  assert.deepEqual(classifyHttpEvent(v1), { source: "apigw-v1", multiValue: true });
  assert.deepEqual(classifyHttpEvent(v2), { source: "apigw-v2", multiValue: false });
  assert.deepEqual(classifyHttpEvent(alb), { source: "alb", multiValue: false });
  assert.deepEqual(classifyHttpEvent(albMulti), { source: "alb", multiValue: true });
  assert.deepEqual(classifyHttpEvent(url), { source: "function-url", multiValue: false });
});

Deno.test("classifyHttpEvent rejects non-HTTP events with TypeError", () => {
  assert.throws(() => classifyHttpEvent(null), TypeError);
  assert.throws(() => classifyHttpEvent([1]), /expected an object, got array/);
  assert.throws(() => classifyHttpEvent({ Records: [] }), /not an API Gateway/);
  assert.throws(
    () => classifyHttpEvent({ version: "2.0", requestContext: { http: { method: "GET" } } }),
    /rawPath/,
  );
});

Deno.test("v1: method, decoded path encoded, multi-value query and headers, text body", async () => {
  const { request } = httpEventToRequest(v1);
  assert.equal(request.method, "POST");
  assert.equal(request.url, "https://api.example.com/items/a%20b?q=one&q=two&s=a%26b");
  assert.deepEqual(new URL(request.url).searchParams.getAll("q"), ["one", "two"]);
  assert.equal(request.headers.get("x-multi"), "one, two");
  assert.equal(await request.text(), "hello");
});

Deno.test("v1 without multi-value fields falls back to headers and queryStringParameters", () => {
  const { request, multiValue } = httpEventToRequest({
    httpMethod: "GET",
    path: "/p%q?r",
    headers: { Host: "x.test" },
    queryStringParameters: { a: "1 2" },
    multiValueHeaders: null,
    multiValueQueryStringParameters: null,
    requestContext: {},
    body: "ignored for GET",
  });
  assert.equal(multiValue, false);
  assert.equal(request.url, "https://x.test/p%25q%3Fr?a=1+2");
  assert.equal(request.body, null);
});

Deno.test("v2: raw path and query kept, cookies folded, base64 body decoded", async () => {
  const { request } = httpEventToRequest(v2);
  assert.equal(request.method, "PUT");
  assert.equal(request.url, "https://h.example.com/p/x%2Fy?a=1&a=2&b=%20");
  assert.equal(request.headers.get("cookie"), "c1=v1; c2=v2");
  assert.equal(request.headers.get("x-list"), "a,b");
  assert.deepEqual(new Uint8Array(await request.arrayBuffer()), new Uint8Array([0, 1, 2, 255]));
});

Deno.test("ALB: raw query kept undecoded, http scheme from x-forwarded-proto, GET has no body", () => {
  const { request } = httpEventToRequest(alb);
  assert.equal(request.url, "http://lb.example.com/alb/path?q=hello%20world&n=1");
  assert.equal(new URL(request.url).searchParams.get("q"), "hello world");
  assert.equal(request.body, null);
});

Deno.test("ALB multi-value mode: repeated headers and query values kept", async () => {
  const { request, multiValue } = httpEventToRequest(albMulti);
  assert.equal(multiValue, true);
  assert.equal(request.method, "DELETE");
  assert.equal(request.url, "https://lb.example.com/m?k=1&k=2");
  assert.equal(request.headers.get("accept"), "x, y");
  assert.equal(request.headers.get("cookie"), "a=1, b=2");
  assert.equal(await request.text(), "payload");
});

Deno.test("Function URL: host from headers, empty query, no body", () => {
  const { request, source } = httpEventToRequest(url);
  assert.equal(source, "function-url");
  assert.equal(request.url, "https://abc123.lambda-url.us-east-1.on.aws/");
  assert.equal(request.body, null);
});

Deno.test("host falls back to requestContext.domainName, then localhost", () => {
  const noHost = { ...v2, headers: {} };
  assert.equal(httpEventToRequest(noHost).request.url.startsWith("https://h.example.com/"), true);
  const bare = { version: "2.0", rawPath: "/z", requestContext: { http: { method: "GET" } } };
  assert.equal(httpEventToRequest(bare).request.url, "https://localhost/z");
});

Deno.test("malformed base64 body is a TypeError naming the field", () => {
  assert.throws(
    () => httpEventToRequest({ ...v2, body: "@@@not base64" }),
    (e: unknown) => e instanceof TypeError && /isBase64Encoded/.test(e.message),
  );
});

Deno.test("a lone surrogate in the path becomes U+FFFD instead of throwing", () => {
  const { request } = httpEventToRequest({ ...v2, rawPath: "/a\ud800b" });
  assert.equal(new URL(request.url).pathname, "/a%EF%BF%BDb");
});

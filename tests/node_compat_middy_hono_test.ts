// middy and Hono, unchanged, through both transports: middy's timeoutEarlyInMillis answers before
// the deadline (it needs getRemainingTimeInMillis), and one Hono app gives the same responses
// through hono/aws-lambda's handle(app) and through startHttp with lambdaEnv.
import assert from "node:assert/strict";
import { type Answer, fixture, type Invocation, TRANSPORTS } from "./node_compat_run.ts";

function apiGatewayV1(body: unknown): unknown {
  return {
    resource: "/orders",
    path: "/orders",
    httpMethod: "POST",
    headers: { "content-type": "application/json", host: "api.example.com" },
    multiValueHeaders: { "content-type": ["application/json"], host: ["api.example.com"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { stage: "prod", requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef" },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

for (const [transport, run] of TRANSPORTS) {
  Deno.test(`node compat (${transport}): middy answers early, before the deadline`, async () => {
    const { answers } = await run(fixture("middy_timeout.ts"), [
      { event: apiGatewayV1({ wait: 0 }) },
      { event: apiGatewayV1({ wait: 10_000 }), timeoutMs: 1500 },
    ]);
    assert.equal(answers.length, 2);
    const [quick, early] = answers as { kind: string; value: { statusCode: number } }[];
    assert.equal(quick.kind, "ok", JSON.stringify(quick));
    assert.equal(quick.value.statusCode, 200);
    // Without getRemainingTimeInMillis middy never arms its timer and the invocation times out.
    assert.equal(early.kind, "ok", JSON.stringify(early));
    assert.equal(early.value.statusCode, 500);
  });
}

async function httpEvents(): Promise<Invocation[]> {
  const base = JSON.parse(
    await Deno.readTextFile(new URL("../examples/events/api_gateway_v2.json", import.meta.url)),
  );
  const request = (method: string, rawPath: string, extra: Record<string, unknown> = {}) => ({
    ...base,
    rawPath,
    rawQueryString: rawPath === "/who" ? base.rawQueryString : "",
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method } },
    ...extra,
  });
  return [
    { event: request("GET", "/who"), requestId: "req-hono-1" },
    {
      event: request("POST", "/cookies", {
        headers: { ...base.headers, "content-type": "application/json" },
        body: btoa(JSON.stringify({ name: "ann" })),
        isBase64Encoded: true,
      }),
      requestId: "req-hono-2",
    },
    { event: request("GET", "/pixel"), requestId: "req-hono-3" },
  ];
}

/** What both adapters must agree on: status, content type, cookies, the body's bytes. */
function essentials(answer: Answer) {
  assert.equal(answer.kind, "ok", JSON.stringify(answer));
  const r = (answer as { value: Record<string, unknown> }).value as {
    statusCode: number;
    headers: Record<string, string>;
    cookies?: string[];
    body: string;
    isBase64Encoded: boolean;
  };
  const body = r.isBase64Encoded
    ? [...Uint8Array.fromBase64(r.body)]
    : [...new TextEncoder().encode(r.body)];
  return {
    statusCode: r.statusCode,
    contentType: r.headers["content-type"],
    cookies: r.cookies ?? [],
    binary: r.isBase64Encoded,
    body,
  };
}

for (const [transport, run] of TRANSPORTS) {
  Deno.test(`node compat (${transport}): Hono via handle(app) and via startHttp agree`, async () => {
    const events = await httpEvents();
    const viaHandle = await run(fixture("hono_handle.ts"), events);
    const viaStartHttp = await run(fixture("hono_start_http.ts"), events);
    const a = viaHandle.answers.map(essentials);
    const b = viaStartHttp.answers.map(essentials);
    const who = (x: { body: number[] }) =>
      JSON.parse(new TextDecoder().decode(new Uint8Array(x.body)));
    // c.env.lambdaContext and c.env.event work in both; the function names differ by fixture.
    assert.deepEqual(who(a[0]), {
      requestId: "req-hono-1",
      function: "hono_handle",
      path: "/who",
      query: "cats",
    });
    assert.deepEqual(who(b[0]), { ...who(a[0]), function: "hono_start_http" });
    assert.deepEqual(a.slice(1), b.slice(1));
    assert.deepEqual(a.slice(1), [
      {
        statusCode: 201,
        contentType: "text/plain; charset=UTF-8",
        cookies: ["a=1; Path=/", "who=ann; HttpOnly"],
        binary: false,
        body: [...new TextEncoder().encode("hello ann")],
      },
      {
        statusCode: 200,
        contentType: "image/png",
        cookies: [],
        binary: true,
        body: [0x89, 0x50, 0x4e, 0x47, 0, 255],
      },
    ]);
    assert.equal(a[0].statusCode, 200);
    assert.equal(b[0].statusCode, 200);
    assert.equal(a[0].contentType, b[0].contentType);
  });
}

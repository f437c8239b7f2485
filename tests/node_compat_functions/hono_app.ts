// deno-lint-ignore-file no-import-prefix -- user code names its pinned npm packages itself
/**
 * One Hono app, served both through `hono/aws-lambda`'s `handle(app)` (hono_handle.ts) and through
 * `startHttp` with `lambdaEnv` (hono_start_http.ts): JSON from `c.env`, cookies, a binary body.
 *
 * @module
 */
import { Hono } from "npm:hono@4.13.19";
import type { LambdaContext, LambdaEvent } from "npm:hono@4.13.19/aws-lambda";

type Env = { Bindings: { event: LambdaEvent; lambdaContext: LambdaContext } };

export const app = new Hono<Env>();

app.get("/who", (c) =>
  c.json({
    requestId: c.env.lambdaContext.awsRequestId,
    function: c.env.lambdaContext.functionName,
    path: c.req.path,
    query: c.req.query("q") ?? null,
  }));

app.post("/cookies", async (c) => {
  const body = await c.req.json<{ name: string }>();
  c.header("set-cookie", `a=1; Path=/`, { append: true });
  c.header("set-cookie", `who=${body.name}; HttpOnly`, { append: true });
  return c.text(`hello ${body.name}`, 201);
});

app.get(
  "/pixel",
  (c) =>
    c.body(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]), 200, { "content-type": "image/png" }),
);

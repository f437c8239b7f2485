// startHttp from mod.ts in a function process under the Runtime API emulator.
import assert from "node:assert/strict";
import { invokeRuntimeApi } from "../emulator/mod.ts";

Deno.test("startHttp: an HTTP API v2 event in, the v2 result out", async () => {
  const r = await invokeRuntimeApi({
    entry: new URL("./runtime_api_fixtures/http_app.ts", import.meta.url).pathname,
    event: JSON.stringify({
      version: "2.0",
      rawPath: "/orders/7",
      rawQueryString: "full=1",
      headers: { host: "shop.test" },
      requestContext: { http: { method: "GET" } },
    }),
    output: "piped",
  });
  const o = r.outcomes[0];
  assert.equal(o.type, "response", r.stderr);
  if (o.type !== "response") return;
  const result = JSON.parse(new TextDecoder().decode(o.payload));
  assert.equal(result.statusCode, 200);
  assert.equal(result.isBase64Encoded, false);
  assert.equal(result.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(result.body), {
    method: "GET",
    url: "https://shop.test/orders/7?full=1",
    function: "local",
  });
});

import assert from "node:assert/strict";
import { parseClientContext } from "./_client_context.ts";

Deno.test("parseClientContext: shapes and errors", () => {
  assert.deepEqual(parseClientContext("null").env, {});
  const cc = parseClientContext(
    '{"CLIENT":{"APP_PACKAGE_NAME":"p","app_version_code":"3"},"Env":{"a":null}}',
  );
  assert.equal(cc.client.appPackageName, "p");
  assert.equal(cc.client.appVersionCode, "3");
  assert.equal(cc.client.appTitle, "");
  assert.equal(cc.env.a, "");
  assert.throws(() => parseClientContext("[1]"), TypeError);
  assert.throws(() => parseClientContext('{"env":{"a":1}}'), /env\.a: expected a string/);
  assert.throws(() => parseClientContext("{"), SyntaxError);
});

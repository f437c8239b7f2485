import assert from "node:assert/strict";
import { Context, parseClientContext } from "./context.ts";

Deno.test("Context.current() outside an invocation throws an error saying so", () => {
  assert.throws(() => Context.current(), /outside a Lambda invocation/);
  assert.equal(Context.find(), undefined);
});

Deno.test("Context: constructor checks its input", () => {
  assert.throws(
    () => new Context({ requestId: 1 as unknown as string, invokedFunctionArn: "", deadlineMs: 0 }),
    TypeError,
  );
  assert.throws(
    () => new Context({ requestId: "r", invokedFunctionArn: "", deadlineMs: NaN }),
    TypeError,
  );
});

Deno.test("Context: environment facts are read from Lambda's variables", () => {
  Deno.env.set("AWS_LAMBDA_FUNCTION_NAME", "from-env");
  Deno.env.set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
  const ctx = new Context({
    requestId: "r",
    invokedFunctionArn: "a",
    deadlineMs: Date.now() + 1000,
  });
  ctx.dispose();
  assert.equal(ctx.functionName, "from-env");
  assert.equal(ctx.memoryLimitInMB, 512);
  assert.equal(ctx.awsRequestId, "r");
});

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

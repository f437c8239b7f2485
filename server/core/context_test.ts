import assert from "node:assert/strict";
import { Context } from "./context.ts";

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
  assert.equal(ctx.memoryLimitInMB, "512");
  assert.equal(ctx.memoryLimitMB, 512);
  assert.equal(ctx.awsRequestId, "r");
});

Deno.test("Context.signal: armed on first use; past deadlines abort at once; far ones do not", async () => {
  const past = new Context({ requestId: "r", invokedFunctionArn: "a", deadlineMs: Date.now() - 5 });
  assert.equal(past.signal.aborted, true);
  assert.equal(past.signal.reason.name, "TimeoutError");
  past.dispose();
  const far = new Context({
    requestId: "r",
    invokedFunctionArn: "a",
    deadlineMs: Date.now() + 30 * 86_400_000,
  });
  assert.equal(far.signal.aborted, false); // beyond setTimeout's 24.8-day range: no early abort
  far.dispose();
  const soon = new Context({
    requestId: "r",
    invokedFunctionArn: "a",
    deadlineMs: Date.now() + 10,
  });
  const reason = await new Promise((resolve) =>
    soon.signal.addEventListener("abort", () => resolve(soon.signal.reason))
  );
  assert.equal((reason as DOMException).name, "TimeoutError");
  soon.dispose();
  assert.equal(soon.signal, soon.signal); // the same signal every time
  const unused = new Context({
    requestId: "r",
    invokedFunctionArn: "a",
    deadlineMs: Date.now() + 10,
  });
  unused.dispose();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(unused.signal.aborted, true); // first used after dispose and after the deadline
});

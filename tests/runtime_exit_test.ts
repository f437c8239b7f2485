/**
 * An uncaught exception or an unhandled rejection during an invocation: the runtime answers that
 * invocation with `ShouldExit: true`, then the process exits (a real function process over TCP).
 */
import assert from "node:assert/strict";
import { freePort, FunctionProcess } from "../emulator/mod.ts";
import { connectWhenListening } from "./support/mod.ts";

const CRASH = new URL("./runtime_functions/crash.ts", import.meta.url).pathname;

for (
  const [mode, type, message] of [
    ["uncaught", "TypeError", "thrown from a timer"],
    ["rejection", "RangeError", "nobody caught me"],
  ] as const
) {
  Deno.test(`exit: ${mode} during an invocation → ShouldExit: true, then the process exits 1`, async () => {
    const port = freePort();
    const output: Uint8Array[] = [];
    const fn = FunctionProcess.spawn({
      entry: CRASH,
      env: { _LAMBDA_SERVER_PORT: String(port) },
      output: (c) => output.push(c),
    });
    const client = await connectWhenListening(port, fn);
    try {
      const r = await client.invoke({
        Payload: new TextEncoder().encode(JSON.stringify({ mode })),
      });
      assert.equal(r.error, "");
      const e = r.reply?.Error;
      assert.equal(e?.Type, type);
      assert.equal(e?.Message, message);
      assert.equal(e?.ShouldExit, true);
      assert.ok(e?.StackTrace.some((f) => f?.Path.endsWith("runtime_functions/crash.ts")));
      const status = await fn.status;
      assert.equal(status.code, 1);
    } finally {
      client.close();
      await fn.stop();
    }
  });
}

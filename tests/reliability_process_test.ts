/**
 * Faults that happen in a real function process (`start()`, go1.x) after an invocation was
 * answered, with nothing in flight: an exception thrown from a leftover timer and an unhandled
 * rejection end the process with status 1 (like a panic in a stray goroutine of a Go function;
 * Lambda then starts a new environment), after the invocation itself got its normal answer. A
 * function without such faults keeps serving.
 */
import assert from "node:assert/strict";
import { freePort, FunctionProcess } from "../emulator/mod.ts";
import { connectWhenListening } from "./support/mod.ts";

const LATE = new URL("./reliability_functions/late_fault.ts", import.meta.url).pathname;
const enc = new TextEncoder();
const dec = new TextDecoder();

for (const [mode, text] of [["timer", "late timer"], ["rejection", "late rejection"]] as const) {
  Deno.test(`process: a ${mode} fault after the answer, nothing in flight → answered, then exit 1 with the error printed`, async () => {
    const port = freePort();
    const output: Uint8Array[] = [];
    const fn = FunctionProcess.spawn({
      entry: LATE,
      env: { _LAMBDA_SERVER_PORT: String(port) },
      output: (c) => output.push(c),
    });
    const client = await connectWhenListening(port, fn);
    try {
      const r = await client.invoke({ Payload: enc.encode(JSON.stringify({ mode })) });
      assert.equal(r.error, "");
      assert.equal(r.reply?.Error, undefined);
      assert.equal(dec.decode(r.reply?.Payload), '"answered"');
      const status = await fn.status;
      assert.equal(status.code, 1);
      const printed = output.map((c) => dec.decode(c)).join("");
      assert.match(printed, new RegExp(text));
    } finally {
      client.close();
      await fn.stop();
    }
  });
}

Deno.test("process: without a fault the function keeps serving invocation after invocation", async () => {
  const port = freePort();
  const fn = FunctionProcess.spawn({
    entry: LATE,
    env: { _LAMBDA_SERVER_PORT: String(port) },
    output: () => {},
  });
  const client = await connectWhenListening(port, fn);
  try {
    for (let i = 0; i < 20; i++) {
      const r = await client.invoke({ Payload: enc.encode('{"mode":"none"}') });
      assert.equal(dec.decode(r.reply?.Payload), '"answered"');
    }
    assert.equal(fn.exited, false);
  } finally {
    client.close();
    await fn.stop();
  }
});

import assert from "node:assert/strict";
import { ReplyBuffer } from "../core/mod.ts";
import { logger } from "../log/mod.ts";
import type { ErrorDocument } from "./_error_document.ts";
import type { RuntimeApiClient } from "./client.ts";
import { postInvocationProblem, postOutcome } from "./post_outcome.ts";

/** A stand-in client that records what would have been posted. */
function recorder() {
  const posts: { kind: string; requestId: string; doc?: ErrorDocument; body?: Uint8Array }[] = [];
  const client = {
    postResponse(requestId: string, body: Uint8Array) {
      posts.push({ kind: "response", requestId, body });
      return Promise.resolve();
    },
    postError(requestId: string, doc: ErrorDocument) {
      posts.push({ kind: "error", requestId, doc });
      return Promise.resolve();
    },
    postStream(requestId: string) {
      posts.push({ kind: "stream", requestId });
      return Promise.resolve({});
    },
  };
  return { posts, client: client as unknown as RuntimeApiClient };
}

/** Runs `fn` with the logger's lines collected (an error outcome logs `Invoke Error`). */
async function logged<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  logger.init({ format: "Text", level: "TRACE", write: (l) => lines.push(l), patchConsole: false });
  try {
    return { value: await fn(), lines };
  } finally {
    logger.init({ format: "Text", level: "TRACE", write: () => {}, patchConsole: false });
  }
}

Deno.test("post outcome: an ok result is posted as a buffered response", async () => {
  const { posts, client } = recorder();
  const payload = new TextEncoder().encode('"hi"');
  const exit = await postOutcome(
    client,
    "r1",
    { result: { ok: true, payload } },
    new ReplyBuffer(),
  );
  assert.equal(exit, false);
  assert.deepEqual(posts, [{ kind: "response", requestId: "r1", body: payload }]);
});

Deno.test("post outcome: a stream set aside is posted as a streamed response", async () => {
  const { posts, client } = recorder();
  const result = { ok: true as const, payload: new TextEncoder().encode("null") };
  const stream = new ReadableStream<unknown>();
  assert.equal(await postOutcome(client, "r2", { result, stream }, new ReplyBuffer()), false);
  assert.deepEqual(posts, [{ kind: "stream", requestId: "r2" }]);
});

Deno.test("post outcome: an error is posted to /error, its stream cancelled, its exit passed on", async () => {
  const { posts, client } = recorder();
  let cancelled: unknown;
  const stream = new ReadableStream<unknown>({ cancel: (reason) => void (cancelled = reason) });
  const error = { type: "TypeError", message: "boom", stackTrace: [], shouldExit: true };
  const { value: exit, lines } = await logged(() =>
    postOutcome(client, "r3", { result: { ok: false, error }, stream }, new ReplyBuffer())
  );
  assert.equal(exit, true);
  // Logged after the invocation ended, the line still names it.
  assert.equal(lines.length, 1);
  const [, requestId, level, message] = lines[0].trimEnd().split("\t");
  assert.deepEqual([requestId, level, message], ["r3", "ERROR", "Invoke Error"]);
  assert.equal(JSON.parse(lines[0].trimEnd().split("\t")[4]).errorMessage, "boom");
  assert.equal(cancelled, "boom");
  assert.equal(posts.length, 1);
  assert.equal(posts[0].kind, "error");
  assert.equal(posts[0].doc?.errorType, "TypeError");
  assert.equal(posts[0].doc?.errorMessage, "boom");
});

Deno.test("post outcome: an invocation whose headers cannot be read posts its problem", async () => {
  const { posts, client } = recorder();
  await postInvocationProblem(client, "r4", { type: "Runtime.InvalidDeadline", message: "x" });
  assert.deepEqual(posts.map((p) => [p.kind, p.requestId, p.doc?.errorType, p.doc?.stackTrace]), [
    ["error", "r4", "Runtime.InvalidDeadline", []],
  ]);
});

/**
 * Where an invocation's outcome is posted to the Runtime API: its result — buffered
 * (`POST /invocation/{id}/response`) or streamed (the same path, chunked, with an error mid-stream
 * sent in the trailers) — or its error (`POST /invocation/{id}/error`, logged as `Invoke Error`
 * first), including the error for an event whose headers cannot be read. The HTTP requests
 * themselves are `client.ts`'s, the error document's shape is `_error_document.ts`'s, and init
 * errors (`POST /init/error`) are `init_error.ts`'s.
 *
 * @module
 */
import { type InvocationResult, type ReplyBuffer, toLambdaError } from "../core/mod.ts";
import { logger } from "../log/mod.ts";
import { errorDocument, xrayErrorCause } from "./_error_document.ts";
import type { RuntimeApiClient } from "./client.ts";
import { stackOf } from "./init_error.ts";

/** What an invocation ended with. */
export interface Outcome {
  /** The invoke core's result. */
  result: InvocationResult;
  /** The stream the handler returned, set aside: the response, when the result is ok. */
  stream?: ReadableStream<unknown>;
  /** The original stack of what the handler threw, when it had one. */
  stack?: string;
}

/**
 * Posts an invocation's outcome: the stream as a streamed response, else the result's bytes as a
 * buffered one (then released to the worker's reply buffer), else the error document. A failed
 * invocation's stream is cancelled.
 *
 * @param client The Runtime API client.
 * @param requestId The invocation.
 * @param outcome The result, and what the handler wrapper set aside.
 * @param replies The worker's reply buffer, which the result's bytes may borrow.
 * @returns True when the process must exit afterwards (the error says so).
 * @throws {RuntimeApiError} When the Runtime API refused a post or the connection failed.
 */
export async function postOutcome(
  client: RuntimeApiClient,
  requestId: string,
  { result, stream, stack }: Outcome,
  replies: ReplyBuffer,
): Promise<boolean> {
  if (!result.ok) stream?.cancel(result.error.message).catch(() => {});
  if (result.ok && stream !== undefined) {
    replies.release(result.payload); // (the stream is the response, not the handler's value)
    const contentType = (stream as { contentType?: unknown }).contentType;
    const { error } = await client.postStream(
      requestId,
      stream,
      typeof contentType === "string" ? contentType : "application/octet-stream",
      (e) => errorDocument(toLambdaError(e), stackOf(e)),
    );
    if (error !== undefined) logger.logFor(requestId, "ERROR", `Response stream failed: ${error}`);
    return false;
  }
  if (result.ok) {
    try {
      await client.postResponse(requestId, result.payload);
    } finally {
      replies.release(result.payload);
    }
    return false;
  }
  const doc = errorDocument(result.error, stack);
  logger.logFor(requestId, "ERROR", `Invoke Error\t${capLog(JSON.stringify(doc))}`);
  await client.postError(requestId, doc, xrayErrorCause(result.error));
  return result.error.shouldExit;
}

/**
 * Posts the error of an invocation that cannot run because its `next` headers could not be read
 * (e.g. `Runtime.InvalidDeadline`); it has no stack and does not end the process.
 *
 * @param client The Runtime API client.
 * @param requestId The invocation.
 * @param problem The error's type and message.
 * @returns Settles when the Runtime API accepted it.
 * @throws {RuntimeApiError} When the Runtime API refused it or the connection failed.
 */
export async function postInvocationProblem(
  client: RuntimeApiClient,
  requestId: string,
  problem: { type: string; message: string },
): Promise<void> {
  const error = { ...problem, stackTrace: [], shouldExit: false };
  await client.postError(requestId, errorDocument(error), xrayErrorCause(error));
}

/** CloudWatch keeps at most 256 KiB of one log event: longer error logs are cut (not the post). */
function capLog(text: string): string {
  const max = 256 * 1024 - 64;
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

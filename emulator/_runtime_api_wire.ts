/**
 * The HTTP side of the Runtime API emulator (`RuntimeApiServer` in `runtime_api_server.ts`
 * keeps the routing and the invocation queue): the headers an invocation goes out with, reading a
 * posted body under a size cap, turning what the function posted (error documents, a streamed
 * response's error trailers) into records, and the service's JSON replies.
 *
 * @module
 */
import type http from "node:http";
import type {
  PostedError,
  RuntimeApiInvocation,
  RuntimeApiOutcome,
  RuntimeApiServerOptions,
} from "./runtime_api_types.ts";

const DEFAULT_ARN = "arn:aws:lambda:us-east-1:000000000000:function:local";

/**
 * The headers `GET /runtime/invocation/next` sends with an invocation (the deadline and length
 * are added when it is handed out).
 *
 * @param invocation The invocation as queued.
 * @param requestId Its request id (chosen by the caller or generated).
 * @returns Header names and values.
 */
export function invocationHeaders(
  invocation: RuntimeApiInvocation,
  requestId: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Lambda-Runtime-Aws-Request-Id": requestId,
    "Lambda-Runtime-Invoked-Function-Arn": invocation.functionArn ?? DEFAULT_ARN,
    "Lambda-Runtime-Trace-Id": invocation.traceId ?? traceId(),
  };
  if (invocation.clientContext !== undefined) {
    headers["Lambda-Runtime-Client-Context"] = utf8Bytes(invocation.clientContext);
  }
  if (invocation.cognitoIdentity !== undefined) {
    headers["Lambda-Runtime-Cognito-Identity"] = utf8Bytes(invocation.cognitoIdentity);
  }
  if (invocation.tenantId !== undefined) {
    headers["Lambda-Runtime-Aws-Tenant-Id"] = invocation.tenantId;
  }
  return headers;
}

/**
 * A header value's UTF-8 bytes as a Latin-1 string: `node:http` writes each char as one byte and
 * refuses chars above U+00FF, so JSON with non-Latin-1 text (`{"custom":{"k":"✓"}}`) goes out as
 * the UTF-8 bytes Lambda sends.
 */
function utf8Bytes(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) out += String.fromCharCode(byte);
  return out;
}

/**
 * One header (or trailer), repeated values joined as Node joins them.
 *
 * @param headers Request headers or trailers.
 * @param name The lower-case name.
 * @returns The value, or null when absent.
 */
export function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
}

/**
 * What the function posted to `/error` or `/init/error`.
 *
 * @param headers The request's headers.
 * @param bytes The body.
 * @param typeHeader The header that names the error type.
 * @returns The posted error, its body and X-Ray cause parsed when they are JSON.
 */
export function postedError(
  headers: http.IncomingHttpHeaders,
  bytes: Uint8Array,
  typeHeader: string,
): PostedError {
  const text = new TextDecoder().decode(bytes);
  const cause = header(headers, "lambda-runtime-function-xray-error-cause");
  return {
    errorTypeHeader: header(headers, typeHeader),
    body: parseJson(text),
    text,
    xrayCause: cause === null ? null : parseJson(cause),
  };
}

/**
 * Reads a posted `/response` to its end under the service's cap (Lambda's 6 MB buffered, 200 MB
 * streamed, unless the options say otherwise): its bytes, and the error a streamed response ended
 * with (the `Lambda-Runtime-Function-Error-Type` and `-Error-Body` trailers), if any.
 *
 * @param req The request.
 * @param requestId The invocation.
 * @param options The caps and the chunk hook.
 * @returns A `response` outcome, or `too-large`.
 */
export async function readResponse(
  req: http.IncomingMessage,
  requestId: string,
  options: RuntimeApiServerOptions,
): Promise<RuntimeApiOutcome> {
  const streaming = header(req.headers, "lambda-runtime-function-response-mode") === "streaming";
  const limit = streaming
    ? options.maxStreamBytes ?? 200 * 1024 * 1024
    : options.maxResponseBytes ?? 6 * 1024 * 1024;
  const hook = options.onResponseChunk;
  const { bytes, chunks, tooLarge } = await readBody(
    req,
    limit,
    hook && ((c) => hook(requestId, c)),
  );
  if (tooLarge) return { type: "too-large", requestId, limit };
  const errorType = header(req.trailers, "lambda-runtime-function-error-type");
  const outcome: RuntimeApiOutcome = {
    type: "response",
    requestId,
    payload: bytes,
    contentType: header(req.headers, "content-type"),
    streaming,
    chunks,
  };
  if (errorType !== null) {
    const b64 = header(req.trailers, "lambda-runtime-function-error-body") ?? "";
    let text = "";
    try {
      text = new TextDecoder().decode(Uint8Array.fromBase64(b64));
    } catch {
      text = b64;
    }
    outcome.streamError = {
      errorTypeHeader: errorType,
      body: parseJson(text),
      text,
      xrayCause: null,
    };
  }
  return outcome;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Reads a request body to its end. Past `limit` bytes it keeps counting but drops the bytes.
 *
 * @param req The request.
 * @param limit The most bytes kept.
 * @param onChunk Called with a copy of each chunk as it arrives (also past the limit).
 * @returns The bytes (empty when too large), the number of chunks, and whether it was too large.
 */
export function readBody(
  req: http.IncomingMessage,
  limit: number,
  onChunk: ((chunk: Uint8Array) => void) | undefined,
): Promise<{ bytes: Uint8Array; chunks: number; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    let chunks = 0;
    let tooLarge = false;
    req.on("data", (chunk: Uint8Array) => {
      chunks++;
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) parts.push(new Uint8Array(chunk));
      onChunk?.(new Uint8Array(chunk));
    });
    const finish = () => {
      const bytes = new Uint8Array(tooLarge ? 0 : size);
      let at = 0;
      if (!tooLarge) { for (const p of parts) bytes.set(p, (at += p.length) - p.length); }
      resolve({ bytes, chunks, tooLarge });
    };
    req.on("end", finish);
    req.on("error", finish);
  });
}

/**
 * Answers with the service's JSON: `{"status": message}`, or an error document.
 *
 * @param res The response.
 * @param status The HTTP status.
 * @param errorType The error type, or undefined for a success.
 * @param message The status or error message.
 */
export function reply(
  res: http.ServerResponse,
  status: number,
  errorType: string | undefined,
  message: string,
): void {
  const body = errorType === undefined
    ? JSON.stringify({ status: message })
    : JSON.stringify({ errorMessage: message, errorType });
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(body);
}

function traceId(): string {
  const hex = (n: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return `Root=1-${epoch}-${hex(12)};Parent=${hex(8)};Sampled=0`;
}

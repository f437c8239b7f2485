/**
 * Maps a web-standard `Response` back to the result shape each HTTP event source expects.
 *
 * @module
 */
import type { ClassifiedHttpEvent, HttpResult, HttpResultV1, HttpResultV2 } from "./events.ts";

/**
 * Reason phrases by status code (as Node's `http.STATUS_CODES`), inlined: importing `node:http`
 * for them cost every function that imports `mod.ts` ~30 ms of start-up.
 */
const STATUS_CODES: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  102: "Processing",
  103: "Early Hints",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  207: "Multi-Status",
  208: "Already Reported",
  226: "IM Used",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  305: "Use Proxy",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a Teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  509: "Bandwidth Limit Exceeded",
  510: "Not Extended",
  511: "Network Authentication Required",
};

const TEXT_TYPES = new Set([
  "application/json",
  "application/xml",
  "application/javascript",
  "application/ecmascript",
  "application/x-javascript",
  "application/x-www-form-urlencoded",
  "application/graphql",
  "application/yaml",
  "application/x-yaml",
  "application/toml",
  "application/x-ndjson",
  "image/svg+xml",
]);

/**
 * Whether a body with this `Content-Type` travels as UTF-8 text (else base64): `text/*`, JSON,
 * XML, JavaScript, forms, SVG, `+json`/`+xml` suffixes — and only when the charset, if given, is
 * UTF-8 (or US-ASCII).
 *
 * @param contentType The header value, or null when absent.
 * @returns True for text, false for binary or unknown types.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { isTextContentType } from "./_response.ts";
 * equal(isTextContentType("application/json; charset=utf-8"), true);
 * equal(isTextContentType("image/png"), false);
 * ```
 */
export function isTextContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const [mediaType, ...params] = contentType.toLowerCase().split(";");
  const type = mediaType.trim();
  for (const param of params) {
    const [key, value = ""] = param.split("=");
    if (key.trim() !== "charset") continue;
    const charset = value.trim().replace(/^"|"$/g, "");
    if (charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii") return false;
  }
  return type.startsWith("text/") || TEXT_TYPES.has(type) || type.endsWith("+json") ||
    type.endsWith("+xml");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Encodes a body for a Lambda HTTP result. Text (see {@link isTextContentType}) stays a string;
 * anything else, compressed bodies (`Content-Encoding` other than identity) and text that is not
 * valid UTF-8 go as base64. Without a `Content-Type`, a body that is valid UTF-8 goes as text.
 *
 * @param bytes The response body.
 * @param headers The response headers.
 * @returns The body string and whether it is base64.
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { encodeHttpBody } from "./_response.ts";
 * const r = encodeHttpBody(new Uint8Array([0xff]), new Headers({ "content-type": "image/png" }));
 * deepEqual(r, { body: "/w==", isBase64Encoded: true });
 * ```
 */
export function encodeHttpBody(
  bytes: Uint8Array,
  headers: Headers,
): { body: string; isBase64Encoded: boolean } {
  if (bytes.length === 0) return { body: "", isBase64Encoded: false };
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  const contentType = headers.get("content-type");
  const compressed = encoding !== undefined && encoding !== "" && encoding !== "identity";
  if (!compressed && (contentType === null || isTextContentType(contentType))) {
    try {
      return { body: utf8.decode(bytes), isBase64Encoded: false };
    } catch {
      // not UTF-8 after all: fall through to base64
    }
  }
  return { body: bytes.toBase64(), isBase64Encoded: true };
}

/**
 * Turns a `Response` into the result for the event's source: API Gateway v1 gets `headers` plus
 * `multiValueHeaders` for `Set-Cookie`; ALB gets `statusDescription` and either `headers` or, in
 * multi-value mode, only `multiValueHeaders` (single-value mode keeps the last `Set-Cookie`);
 * API Gateway v2 and Function URLs get `headers` plus a `cookies` array.
 *
 * @param response The handler's response (its body is read to the end).
 * @param event The source and multi-value mode of the request.
 * @returns The result object to return from the Lambda handler.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpResultFromResponse } from "./_response.ts";
 * const r = await httpResultFromResponse(new Response("hi"), {
 *   source: "apigw-v2", multiValue: false,
 * });
 * equal(r.statusCode, 200);
 * equal(r.body, "hi");
 * ```
 */
export async function httpResultFromResponse(
  response: Response,
  event: ClassifiedHttpEvent,
): Promise<HttpResult> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const { body, isBase64Encoded } = encodeHttpBody(bytes, response.headers);
  const cookies = response.headers.getSetCookie();
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  const statusCode = response.status;
  if (event.source === "apigw-v2" || event.source === "function-url") {
    const result: HttpResultV2 = { statusCode, headers: single, body, isBase64Encoded };
    if (cookies.length > 0) result.cookies = cookies;
    return result;
  }
  const result: HttpResultV1 = { statusCode, body, isBase64Encoded };
  if (event.source === "alb") {
    const text = response.statusText || STATUS_CODES[statusCode] || "";
    result.statusDescription = text ? `${statusCode} ${text}` : String(statusCode);
    if (event.multiValue) {
      if (cookies.length > 0) multi["set-cookie"] = cookies;
      result.multiValueHeaders = multi;
    } else {
      if (cookies.length > 0) single["set-cookie"] = cookies[cookies.length - 1];
      result.headers = single;
    }
    return result;
  }
  result.headers = single;
  if (cookies.length > 0) result.multiValueHeaders = { "set-cookie": cookies };
  return result;
}

/**
 * Maps an API Gateway (v1/v2), ALB or Function URL event to a web-standard `Request`.
 *
 * @module
 */
import {
  type AlbEvent,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
  type ClassifiedHttpEvent,
  classifyHttpEvent,
} from "./events.ts";

/** A mapped request with the classification the response mapping needs. */
export interface MappedHttpRequest extends ClassifiedHttpEvent {
  request: Request;
}

/**
 * Builds a `Request` from an HTTP event: method, URL (host from the `Host` header or the request
 * context's domain name, scheme from `X-Forwarded-Proto`, default https), path and query
 * (multi-value kept), headers (multi-value kept, v2 cookies folded into `Cookie`), and the body
 * (base64-decoded when `isBase64Encoded`). GET and HEAD requests never carry a body.
 *
 * @param event The decoded JSON event.
 * @returns The request, the source and the multi-value mode.
 * @throws {TypeError} When the event is not an HTTP event, or its base64 body is malformed.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { httpEventToRequest } from "./_request.ts";
 * const { request } = httpEventToRequest({
 *   version: "2.0", rawPath: "/hi", rawQueryString: "a=1&a=2",
 *   headers: { host: "example.com" }, requestContext: { http: { method: "GET" } },
 * });
 * equal(request.url, "https://example.com/hi?a=1&a=2");
 * ```
 */
export function httpEventToRequest(event: unknown): MappedHttpRequest {
  const classified = classifyHttpEvent(event);
  const parts = classified.source === "apigw-v2" || classified.source === "function-url"
    ? fromV2(event as ApiGatewayV2Event)
    : fromV1(event as ApiGatewayV1Event | AlbEvent, classified.source === "alb");
  const e = event as { body?: string | null; isBase64Encoded?: boolean };
  const method = parts.method.toUpperCase();
  let body: Uint8Array<ArrayBuffer> | string | undefined;
  if (method !== "GET" && method !== "HEAD" && typeof e.body === "string" && e.body !== "") {
    body = e.isBase64Encoded ? decodeBase64(e.body) : e.body;
  }
  const host = parts.headers.get("host") ?? parts.domainName ?? "localhost";
  const proto = (parts.headers.get("x-forwarded-proto") ?? "https").split(",")[0].trim();
  const scheme = proto === "http" ? "http" : "https";
  const path = parts.path.startsWith("/") ? parts.path : "/" + parts.path;
  const url = `${scheme}://${host}${path}${parts.query ? "?" + parts.query : ""}`;
  let request: Request;
  try {
    request = new Request(url, { method, headers: parts.headers, body });
  } catch (cause) {
    throw new TypeError(`Cannot map the ${classified.source} event to a Request: ${cause}`, {
      cause,
    });
  }
  return { ...classified, request };
}

interface RequestParts {
  method: string;
  path: string;
  query: string;
  headers: Headers;
  domainName?: string;
}

function fromV2(event: ApiGatewayV2Event): RequestParts {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (typeof value === "string") headers.set(name, value);
  }
  if (Array.isArray(event.cookies) && event.cookies.length > 0) {
    headers.set("cookie", event.cookies.join("; "));
  }
  return {
    method: event.requestContext.http.method,
    path: encodePath(event.rawPath, false),
    query: event.rawQueryString ?? "",
    headers,
    domainName: event.requestContext.domainName,
  };
}

function fromV1(event: ApiGatewayV1Event | AlbEvent, alb: boolean): RequestParts {
  const headers = new Headers();
  if (isObject(event.multiValueHeaders)) {
    for (const [name, values] of Object.entries(event.multiValueHeaders)) {
      for (const v of values ?? []) if (typeof v === "string") headers.append(name, v);
    }
  } else {
    for (const [name, value] of Object.entries(event.headers ?? {})) {
      if (typeof value === "string") headers.set(name, value);
    }
  }
  const pairs: [string, string][] = [];
  if (isObject(event.multiValueQueryStringParameters)) {
    for (const [name, values] of Object.entries(event.multiValueQueryStringParameters)) {
      for (const v of values ?? []) if (typeof v === "string") pairs.push([name, v]);
    }
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (typeof value === "string") pairs.push([name, value]);
    }
  }
  // ALB hands over the query exactly as the client sent it; API Gateway decodes it.
  const query = alb
    ? pairs.map(([k, v]) => `${k}=${v}`).join("&")
    : new URLSearchParams(pairs).toString();
  const rc = (event as ApiGatewayV1Event).requestContext;
  return {
    method: event.httpMethod,
    path: encodePath(event.path, !alb),
    query,
    headers,
    domainName: typeof rc?.domainName === "string" ? rc.domainName : undefined,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Makes a path safe for a URL. `decoded` paths (API Gateway v1) have `%` escaped too; raw paths
 * (v2, ALB) keep their existing escapes. `?` and `#` are always escaped: they are part of the path.
 */
function encodePath(path: string, decoded: boolean): string {
  let out = "";
  for (const ch of path) {
    if (ch === "%" && !decoded) out += ch;
    else if (ch === "?" || ch === "#" || ch === "%") out += encodeURIComponent(ch);
    else out += encodeChar(ch);
  }
  return out;
}

function encodeChar(ch: string): string {
  try {
    return encodeURI(ch);
  } catch {
    return "%EF%BF%BD"; // a lone surrogate: U+FFFD, as TextEncoder would write it
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  try {
    return Uint8Array.fromBase64(text.replace(/\s+/g, ""));
  } catch (cause) {
    throw new TypeError(
      "Cannot decode the event body: isBase64Encoded is true but it is not base64",
      {
        cause,
      },
    );
  }
}

/**
 * The HTTP event shapes Lambda receives from API Gateway (REST v1 and HTTP API v2), Application
 * Load Balancers and Function URLs, the result shapes they expect back, and a detector telling
 * them apart. Only the fields the HTTP adapter reads or writes are declared.
 *
 * @module
 */

/** Which service sent an HTTP event; decides how the response is shaped. */
export type HttpSource = "apigw-v1" | "apigw-v2" | "alb" | "function-url";

/** API Gateway REST API (payload format 1.0) proxy event; also HTTP APIs set to format 1.0. */
export interface ApiGatewayV1Event {
  version?: "1.0";
  httpMethod: string;
  path: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { domainName?: string; stage?: string; [key: string]: unknown };
}

/** API Gateway HTTP API (payload format 2.0) event; Function URLs send the same shape. */
export interface ApiGatewayV2Event {
  version: "2.0";
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    domainName?: string;
    http: { method: string; path?: string; protocol?: string; sourceIp?: string };
    [key: string]: unknown;
  };
}

/** Application Load Balancer target event (`multiValueHeaders` present in multi-value mode). */
export interface AlbEvent {
  httpMethod: string;
  path: string;
  headers?: Record<string, string | undefined>;
  multiValueHeaders?: Record<string, string[] | undefined>;
  /** ALB passes query values exactly as received: not URL-decoded. */
  queryStringParameters?: Record<string, string | undefined>;
  multiValueQueryStringParameters?: Record<string, string[] | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { elb: { targetGroupArn: string } };
}

/** Any of the HTTP events the adapter understands. */
export type HttpEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/** What API Gateway REST (v1) and ALB expect back. */
export interface HttpResultV1 {
  statusCode: number;
  /** ALB only: e.g. `"200 OK"`. */
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** What API Gateway HTTP APIs (v2) and Function URLs expect back. */
export interface HttpResultV2 {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** A result for any source. */
export type HttpResult = HttpResultV1 | HttpResultV2;

/** A classified event: its source and, for ALB, whether multi-value headers mode is on. */
export interface ClassifiedHttpEvent {
  source: HttpSource;
  /** True when the request carried `multiValueHeaders` (v1 always may; ALB only in that mode). */
  multiValue: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Tells which service sent an HTTP event.
 *
 * @param event The decoded JSON event.
 * @returns The source and the multi-value mode.
 * @throws {TypeError} When the event is none of API Gateway v1/v2, ALB or Function URL.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { classifyHttpEvent } from "./events.ts";
 * const c = classifyHttpEvent({
 *   version: "2.0", rawPath: "/", requestContext: { http: { method: "GET" } },
 * });
 * equal(c.source, "apigw-v2");
 * ```
 */
export function classifyHttpEvent(event: unknown): ClassifiedHttpEvent {
  if (!isRecord(event)) {
    throw new TypeError(
      `Cannot map the event to a Request: expected an object, got ${kind(event)}`,
    );
  }
  const rc = event.requestContext;
  if (event.version === "2.0" && isRecord(rc) && isRecord(rc.http)) {
    if (typeof event.rawPath !== "string" || typeof rc.http.method !== "string") {
      throw new TypeError(
        "Cannot map the v2 event to a Request: rawPath and requestContext.http.method must be strings",
      );
    }
    const domain = typeof rc.domainName === "string" ? rc.domainName : "";
    const source = domain.includes(".lambda-url.") ? "function-url" : "apigw-v2";
    return { source, multiValue: false };
  }
  if (typeof event.httpMethod === "string" && typeof event.path === "string") {
    const multiValue = isRecord(event.multiValueHeaders);
    if (isRecord(rc) && isRecord(rc.elb)) return { source: "alb", multiValue };
    return { source: "apigw-v1", multiValue };
  }
  throw new TypeError(
    "Cannot map the event to a Request: not an API Gateway (v1/v2), ALB or Function URL event " +
      "(no httpMethod+path and no version 2.0 requestContext.http)",
  );
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/**
 * Types of the local Runtime API emulator: what to invoke with, and what came back.
 *
 * @module
 */

/** One invocation to hand to the function through `GET /runtime/invocation/next`. */
export interface RuntimeApiInvocation {
  /** The event, as JSON text or bytes. Default `{}`. */
  payload?: string | Uint8Array;
  /** Default: a random UUID. */
  requestId?: string;
  /** Absolute deadline, Unix ms. Default: `timeoutMs` after a `next` call takes the invocation. */
  deadlineMs?: number;
  /** Used when `deadlineMs` is absent. Default 3000. */
  timeoutMs?: number;
  /** Default `arn:aws:lambda:us-east-1:000000000000:function:local`. */
  functionArn?: string;
  /** `Lambda-Runtime-Trace-Id`. Default: a generated X-Ray header value. */
  traceId?: string;
  /** `Lambda-Runtime-Client-Context` (JSON text). Omitted when absent. */
  clientContext?: string;
  /** `Lambda-Runtime-Cognito-Identity` (JSON text). Omitted when absent. */
  cognitoIdentity?: string;
  /** `Lambda-Runtime-Aws-Tenant-Id`. Omitted when absent. */
  tenantId?: string;
}

/** The error document a function posted (`/error`, `/init/error`, or a streaming trailer). */
export interface PostedError {
  /** The `Lambda-Runtime-Function-Error-Type` header or trailer, or null when absent. */
  errorTypeHeader: string | null;
  /** The body parsed as JSON, or null when it was not JSON. */
  body: unknown;
  /** The raw body text. */
  text: string;
  /** The `Lambda-Runtime-Function-Xray-Error-Cause` header parsed as JSON, null when absent. */
  xrayCause: unknown;
}

/** How one invocation ended, as seen by the Lambda service. */
export type RuntimeApiOutcome =
  | {
    type: "response";
    requestId: string;
    payload: Uint8Array;
    contentType: string | null;
    /** True when posted with `Lambda-Runtime-Function-Response-Mode: streaming`. */
    streaming: boolean;
    /** Number of body chunks received (informational: TCP may merge chunks). */
    chunks: number;
    /** Set when a streamed response ended with error trailers. */
    streamError?: PostedError;
    /** Milliseconds from handing the event to `next` until the response was complete. */
    durationMs?: number;
  }
  | {
    type: "error";
    requestId: string;
    error: PostedError;
    /** Milliseconds from handing the event to `next` until the error was posted. */
    durationMs?: number;
  }
  | { type: "timeout"; requestId: string; deadlineMs: number }
  | { type: "too-large"; requestId: string; limit: number }
  | { type: "init-error"; requestId: string; error: PostedError }
  /** The function process ended before answering (set by the runner, not the server). */
  | { type: "exited"; requestId: string; exitCode: number };

/** Options of the emulator server. */
export interface RuntimeApiServerOptions {
  /** Default 127.0.0.1. */
  hostname?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Buffered response cap in bytes (Lambda: 6 MB). */
  maxResponseBytes?: number;
  /** Streamed response cap in bytes (Lambda: 200 MB). */
  maxStreamBytes?: number;
  /**
   * How long an invocation without a fixed `deadlineMs` may wait in the queue for a `next` call
   * (function start-up) before it counts as timed out. Default: no limit.
   */
  queueTimeoutMs?: number;
  /** Extra time after the deadline before an invocation counts as timed out. Default 0. */
  graceMs?: number;
  /** Called for every chunk of a response body as it arrives (for streaming tests). */
  onResponseChunk?: (requestId: string, chunk: Uint8Array) => void;
}

/**
 * The HTTP client side of the Lambda Runtime API (2018-06-01): `next`, `/response` (buffered or
 * streamed with error trailers), `/error` and `/init/error`. Knows nothing of handlers: which of
 * these an invocation's outcome takes is decided in `post_outcome.ts`, an init failure's in
 * `init_error.ts`.
 *
 * @module
 */
import { concat } from "./_http1_body.ts";
import { Http1Client } from "./_http1_client.ts";
import { headerText, type ResponseHeaders } from "./_http1_response.ts";
import { requestIdSegment } from "./_request_id.ts";
import {
  asciiJson,
  type ErrorDocument,
  errorTypeHeader,
  XRAY_CAUSE_MAX_BYTES,
} from "./_error_document.ts";

/** One event received from `next`. */
export interface NextInvocation {
  /** `Lambda-Runtime-Aws-Request-Id`. */
  requestId: string;
  /** All response headers of `next`. */
  headers: ResponseHeaders;
  /** The event bytes. */
  payload: Uint8Array;
}

/** The Runtime API answered with an unexpected status. */
export class RuntimeApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /**
   * @param message What failed.
   * @param status The HTTP status.
   */
  constructor(message: string, status: number) {
    super(message);
    this.name = "RuntimeApiError";
    this.status = status;
  }
}

/**
 * `next` answered an event that cannot be answered: without a request id, or with one that no
 * path can carry back (`.`, `..`, bytes that are not UTF-8). Nothing can be posted for it.
 */
export class UnanswerableInvocation extends RuntimeApiError {
  /** @param message What was wrong with the request id. */
  constructor(message: string) {
    super(message, 200);
    this.name = "UnanswerableInvocation";
  }
}

/**
 * A client for one Runtime API endpoint.
 *
 * @example
 * ```ts ignore
 * import { RuntimeApiClient } from "./client.ts";
 * const client = new RuntimeApiClient(Deno.env.get("AWS_LAMBDA_RUNTIME_API")!);
 * const inv = await client.next();
 * await client.postResponse(inv.requestId, inv.payload);
 * ```
 */
export class RuntimeApiClient {
  readonly #host: string;
  readonly #port: number;
  readonly #http: Http1Client;

  /**
   * @param address `host:port`, as in `AWS_LAMBDA_RUNTIME_API`.
   * @throws {TypeError} When the address has no port.
   */
  constructor(address: string) {
    const m = /^(.+):(\d+)$/.exec(address);
    if (m === null) {
      throw new TypeError(
        `AWS_LAMBDA_RUNTIME_API must be host:port, got ${JSON.stringify(address)}`,
      );
    }
    this.#host = m[1].replace(/^\[|\]$/g, "");
    this.#port = Number(m[2]);
    this.#http = new Http1Client(this.#host, this.#port);
  }

  /**
   * Waits for the next event (`GET /invocation/next`).
   *
   * @param signal Aborts the wait.
   * @param eventInto Where the event's bytes go (a buffer at least the given length; the payload is
   *   a view of its start). Default: a new buffer, which the payload owns.
   * @returns The event and its headers.
   * @throws {RuntimeApiError} On a status other than 200.
   * @throws {UnanswerableInvocation} When the event has no request id a path can carry back.
   */
  async next(
    signal?: AbortSignal,
    eventInto?: (length: number) => Uint8Array,
  ): Promise<NextInvocation> {
    const res = await this.#http.request(
      "GET",
      PREFIX + "invocation/next",
      { "User-Agent": USER_AGENT },
      undefined,
      { signal, bodyInto: eventInto },
    );
    const payload = res.body;
    if (res.status !== 200) {
      throw new RuntimeApiError(
        `GET invocation/next answered ${res.status}: ${new TextDecoder().decode(payload)}`,
        res.status,
      );
    }
    const raw = res.headers.latin1("lambda-runtime-aws-request-id");
    if (!raw) throw new UnanswerableInvocation("GET invocation/next answered without a request id");
    const { text: requestId, utf8 } = headerText(raw);
    if (!utf8) {
      throw new UnanswerableInvocation(
        `GET invocation/next answered a request id that is not UTF-8: ${JSON.stringify(raw)}`,
      );
    }
    try {
      requestIdSegment(requestId);
    } catch (e) {
      throw new UnanswerableInvocation(`GET invocation/next answered a ${(e as Error).message}`);
    }
    return { requestId, headers: res.headers, payload };
  }

  /**
   * Posts a buffered result.
   *
   * @param requestId The invocation.
   * @param body The result bytes.
   * @param contentType Default `application/json`.
   * @returns Settles when the API accepted it.
   * @throws {RuntimeApiError} When the API refused it (e.g. 413 for more than 6 MB).
   */
  postResponse(
    requestId: string,
    body: Uint8Array,
    contentType = "application/json",
  ): Promise<void> {
    return this.#post(`invocation/${requestIdSegment(requestId)}/response`, body, {
      "Content-Type": contentType,
    });
  }

  /**
   * Posts an invocation error with the error-type and X-Ray headers.
   *
   * @param requestId The invocation.
   * @param doc The error document.
   * @param xrayCause The X-Ray cause (omitted when 1 MiB or larger).
   * @returns Settles when the API accepted it.
   * @throws {RuntimeApiError} When the API refused it.
   */
  postError(requestId: string, doc: ErrorDocument, xrayCause?: unknown): Promise<void> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Lambda-Runtime-Function-Error-Type": errorTypeHeader(doc.errorType),
    };
    if (xrayCause !== undefined) {
      const cause = asciiJson(xrayCause);
      if (cause.length < XRAY_CAUSE_MAX_BYTES) {
        headers["Lambda-Runtime-Function-Xray-Error-Cause"] = cause;
      }
    }
    return this.#post(
      `invocation/${requestIdSegment(requestId)}/error`,
      new TextEncoder().encode(JSON.stringify(doc)),
      headers,
    );
  }

  /**
   * Reports an initialisation failure (`POST /init/error`).
   *
   * @param doc The error document.
   * @returns Settles when the API accepted it.
   * @throws {RuntimeApiError} When the API refused it.
   */
  postInitError(doc: ErrorDocument): Promise<void> {
    return this.#post("init/error", new TextEncoder().encode(JSON.stringify(doc)), {
      "Content-Type": "application/json",
      "Lambda-Runtime-Function-Error-Type": errorTypeHeader(doc.errorType),
    });
  }

  /**
   * Streams a result (`Lambda-Runtime-Function-Response-Mode: streaming`, chunked). When the
   * stream errors mid-way, the error goes in the `Lambda-Runtime-Function-Error-Type` and
   * `Lambda-Runtime-Function-Error-Body` (base64 JSON) trailers.
   *
   * @param requestId The invocation.
   * @param stream The body; strings are sent as UTF-8.
   * @param contentType Default `application/octet-stream`.
   * @param onError Turns the stream's error into the trailer's document.
   * @returns The stream's error, if it failed (it has then been reported in the trailers).
   * @throws {RuntimeApiError} When the API refused the stream or the connection failed.
   */
  async postStream(
    requestId: string,
    stream: ReadableStream<unknown>,
    contentType: string,
    onError: (error: unknown) => ErrorDocument,
  ): Promise<{ error?: unknown }> {
    // fetch() cannot send trailers, so streaming goes through node:http — loaded on first use,
    // to keep Deno's Node layer off every other path (and out of the bundle's start-up).
    const http = (await import("node:http")).default;
    return await new Promise((resolve, reject) => {
      let streamError: { error?: unknown } = {};
      const req = http.request({
        host: this.#host,
        port: this.#port,
        method: "POST",
        path: `/2018-06-01/runtime/invocation/${requestIdSegment(requestId)}/response`,
        headers: {
          "User-Agent": USER_AGENT,
          "Content-Type": contentType,
          "Lambda-Runtime-Function-Response-Mode": "streaming",
          "Transfer-Encoding": "chunked",
          Trailer: "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body",
        },
      }, (res) => {
        const parts: Uint8Array[] = [];
        res.on("data", (c: Uint8Array) => parts.push(c));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status === 202) return resolve(streamError);
          const text = new TextDecoder().decode(concat(parts));
          reject(new RuntimeApiError(`POST streamed response answered ${status}: ${text}`, status));
        });
      });
      req.on("error", (e: Error) => reject(new RuntimeApiError(e.message, 0)));
      const encoder = new TextEncoder();
      const pump = async () => {
        const reader = stream.getReader();
        try {
          while (true) {
            const { done, value } = await reader.read();
            if (done) break;
            const chunk = value instanceof Uint8Array
              ? value
              : typeof value === "string"
              ? encoder.encode(value)
              : value instanceof ArrayBuffer
              ? new Uint8Array(value)
              : encoder.encode(JSON.stringify(value));
            if (chunk.length === 0) continue;
            if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          }
        } catch (error) {
          streamError = { error };
          const doc = onError(error);
          req.addTrailers({
            "Lambda-Runtime-Function-Error-Type": errorTypeHeader(doc.errorType),
            "Lambda-Runtime-Function-Error-Body": new TextEncoder().encode(JSON.stringify(doc))
              .toBase64(),
          });
        }
        req.end();
      };
      pump().catch((e) => {
        req.destroy();
        reject(new RuntimeApiError(`Streaming the response failed: ${e}`, 0));
      });
    });
  }

  /** Closes the idle connections to the API (the loop calls it when it stops). */
  close(): void {
    this.#http.close();
  }

  async #post(path: string, body: Uint8Array, headers: Record<string, string>): Promise<void> {
    const res = await this.#http.request(
      "POST",
      PREFIX + path,
      { "User-Agent": USER_AGENT, ...headers },
      body,
    );
    if (res.status !== 202) {
      const text = new TextDecoder().decode(res.body);
      throw new RuntimeApiError(`POST ${path} answered ${res.status}: ${text}`, res.status);
    }
  }
}

const USER_AGENT = `lambda-gob (Deno ${Deno.version.deno})`;
const PREFIX = "/2018-06-01/runtime/";

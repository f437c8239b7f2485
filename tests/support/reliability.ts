/**
 * Helpers for the reliability tests: an in-process go1.x server (RpcServer + Function service) on a
 * loopback port with its log captured, raw gob session bytes, and a raw reader of a server's reply
 * stream that records every response (so duplicates and strays are seen, not hidden).
 *
 * @module
 */
import { GobDecoder, GobEncoder } from "../../codec-as/mod.ts";
import { type FunctionProcess, GoClient } from "../../emulator/mod.ts";
import {
  functionService,
  type FunctionServiceOptions,
  type InvokeRequest,
  InvokeRequest as InvokeRequestSchema,
  InvokeResponse,
  PingRequest,
  RpcRequest,
  RpcResponse,
  RpcServer,
  type RpcServerOptions,
} from "../../server/go1x/mod.ts";
import type { Handler } from "../../server/core/mod.ts";

/** A running in-process server. */
export interface Running {
  /** The server. */
  server: RpcServer;
  /** Its port on 127.0.0.1. */
  port: number;
  /** Connection-level reasons it logged. */
  logs: string[];
  /** How many times the Function service asked to exit the process. */
  exits: number;
  /** Closes the server and waits for it. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@linkcode serve}: the rpc server's, plus overrides of the Function service's. */
export interface ServeOptions extends RpcServerOptions {
  /** Function service options (environment, trace env…) over the defaults below. */
  service?: FunctionServiceOptions;
}

/**
 * Serves a handler on 127.0.0.1 (port 0).
 * @param handler the handler
 * @param options rpc options (limits) and Function service overrides
 * @returns the running server
 */
// deno-lint-ignore no-explicit-any
export function serve(handler: Handler<any>, options: ServeOptions = {}): Running {
  const { service, ...rpcOptions } = options;
  const logs: string[] = [];
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const running: Running = {
    server: undefined as unknown as RpcServer,
    port: (listener.addr as Deno.NetAddr).port,
    logs,
    exits: 0,
    async [Symbol.asyncDispose]() {
      running.server.close();
      await running.server.finished;
    },
  };
  running.server = new RpcServer(
    listener,
    functionService(handler, {
      exit: () => running.exits++,
      setTraceEnv: false,
      environment: {
        functionName: "fn",
        functionVersion: "1",
        memoryLimitInMB: 128,
        logGroupName: "g",
        logStreamName: "s",
      },
      ...service,
    }),
    { log: (m) => logs.push(m), ...rpcOptions },
  );
  return running;
}

const enc = new TextEncoder();

/** A deadline `ms` from now, as InvokeRequest carries it. */
export function deadline(ms: number): { Seconds: number; Nanos: number } {
  const at = Date.now() + ms;
  return { Seconds: Math.floor(at / 1000), Nanos: (at % 1000) * 1e6 };
}

/** A full InvokeRequest from a few fields. */
export function request(init: Partial<InvokeRequest>): InvokeRequest {
  return {
    Payload: new Uint8Array(0),
    RequestId: "",
    XAmznTraceId: "",
    Deadline: deadline(60_000),
    InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
    ...init,
  };
}

/**
 * Writes client calls as one gob stream (one encoder per connection, like Go's client).
 *
 * @example
 * ```ts ignore
 * const w = new SessionWriter();
 * const bytes = w.invoke(0, { n: 1 });
 * ```
 */
export class SessionWriter {
  #enc = new GobEncoder();

  /** @returns the bytes of an Invoke call (header and body) */
  invoke(seq: number, event: unknown, requestId = `r${seq}`): Uint8Array {
    this.#enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: seq });
    this.#enc.encode(
      InvokeRequestSchema,
      request({ Payload: enc.encode(JSON.stringify(event)), RequestId: requestId }),
    );
    return this.#enc.take().slice();
  }

  /** @returns the header alone, then the body alone, of an Invoke call */
  invokeParts(seq: number, event: unknown): { header: Uint8Array; body: Uint8Array } {
    this.#enc.encode(RpcRequest, { ServiceMethod: "Function.Invoke", Seq: seq });
    const header = this.#enc.take().slice();
    this.#enc.encode(
      InvokeRequestSchema,
      request({ Payload: enc.encode(JSON.stringify(event)), RequestId: `r${seq}` }),
    );
    return { header, body: this.#enc.take().slice() };
  }

  /** @returns the bytes of a Ping call */
  ping(seq: number): Uint8Array {
    this.#enc.encode(RpcRequest, { ServiceMethod: "Function.Ping", Seq: seq });
    this.#enc.encode(PingRequest, {});
    return this.#enc.take().slice();
  }

  /** Frees the encoder. */
  free(): void {
    this.#enc.free();
  }
}

/** One response as read off the wire. */
export interface Seen {
  /** Seq from the header. */
  seq: number;
  /** The method. */
  method: string;
  /** The rpc error text. */
  error: string;
  /** The InvokeResponse payload as text (Invoke without rpc error), else undefined. */
  payload?: string;
  /** InvokeResponse.Error, when set. */
  fnError?: { Type: string; Message: string; ShouldExit: boolean };
}

/**
 * Reads a connection's reply stream until EOF (or until `want` responses arrived), recording each.
 * @param conn the connection
 * @param want stop after this many responses (default: read to EOF)
 * @returns the responses in arrival order
 */
export async function readResponses(conn: Deno.Conn, want = Infinity): Promise<Seen[]> {
  const dec = new GobDecoder();
  const td = new TextDecoder();
  const seen: Seen[] = [];
  const buf = new Uint8Array(65536);
  let header: { ServiceMethod: string; Seq: number | bigint; Error: string } | undefined;
  try {
    while (seen.length < want) {
      for (;;) {
        if (header === undefined) {
          header = dec.next(RpcResponse);
          if (header === undefined) break;
        }
        if (header.Error !== "" || header.ServiceMethod !== "Function.Invoke") {
          if (dec.nextAny() === undefined) break;
          seen.push({ seq: Number(header.Seq), method: header.ServiceMethod, error: header.Error });
        } else {
          const r = dec.next(InvokeResponse);
          if (r === undefined) break;
          seen.push({
            seq: Number(header.Seq),
            method: header.ServiceMethod,
            error: "",
            payload: td.decode(r.Payload),
            fnError: r.Error,
          });
        }
        header = undefined;
        if (seen.length >= want) break;
      }
      if (seen.length >= want) break;
      const n = await conn.read(buf).catch(() => null);
      if (n === null) break;
      dec.push(buf.subarray(0, n));
    }
  } finally {
    dec.free();
  }
  return seen;
}

/**
 * Reads until the peer closes; returns the byte count (a read error counts as closed).
 * @param conn the connection
 * @returns bytes read
 */
export async function readToEnd(conn: Deno.Conn): Promise<number> {
  const buf = new Uint8Array(4096);
  let total = 0;
  for (;;) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) return total;
    total += n;
  }
}

/** Writes all bytes. */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let p = 0;
  while (p < bytes.length) p += await conn.write(bytes.subarray(p));
}

/** Connects to 127.0.0.1:port. */
export function connect(port: number): Promise<Deno.TcpConn> {
  return Deno.connect({ hostname: "127.0.0.1", port });
}

/**
 * Connects Go's rpc client to a function process once it listens (retrying every 25 ms).
 * @param port the function's `_LAMBDA_SERVER_PORT`
 * @param fn the function process
 * @returns the connected client
 * @throws {Error} when the process exits first, or never listens (10 s)
 */
export async function connectWhenListening(port: number, fn: FunctionProcess): Promise<GoClient> {
  for (let i = 0; i < 400; i++) {
    if (fn.exited) throw new Error("the function exited before listening");
    try {
      return await GoClient.connect(port);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error("the function never listened");
}

/**
 * A Go `net/rpc` server over TCP with the gob codec: one gob stream per direction per connection,
 * header then body per call, pipelined calls answered by `Seq` in completion order, reply type
 * definitions once per connection (the connection's encoder remembers them).
 *
 * Faults follow the house rule "per-request errors answer that request; connection-level errors
 * drop only that connection; the accept loop never throws": an unknown method gets Go's rpc error
 * response and the connection stays up, and so does a call whose body is a value of the wrong
 * type (an rpc error too, as Go answers it); a malformed or oversized stream closes that
 * connection with a logged reason once its calls in flight are answered. With
 * `largeMessageBytes`, a large request is read straight from the socket into a buffer of its own
 * that the decoder keeps, so its payload reaches the method without a copy; with
 * `reuseLargeMessages` too, that buffer is the connection's one reused buffer while it is free,
 * and the call may write its reply over its request there (`RpcRequestBuffer`). A connection whose
 * replies the client does not read stops being read once 16 MiB of them wait, so memory stays
 * bounded and the client stalls on its own writes.
 *
 * This file holds the accept loop and the public types; a connection's dispatch, framing,
 * large-request buffers and reply queue are `_connection.ts`, `_frames.ts`, `_request_buffer.ts`
 * and `_reply_writer.ts`.
 *
 * @module
 */
import type { GobLimits, Schema } from "../../codec-as/mod.ts";
import { Connection, reason } from "./_connection.ts";

/**
 * Completes one call: `reply` for success, or `error` text for an rpc error (the body is then
 * Go's empty `invalidRequest`). `afterWrite` runs once the response bytes are written (or the
 * connection failed).
 */
export type RpcDone<R> = (reply: R | undefined, error?: string, afterWrite?: () => void) => void;

/** One method of a service (`"Function.Invoke"` and the like). */
export interface RpcMethod<A = unknown, R = unknown> {
  /** The argument's schema (decoded from the call's body). */
  args: Schema<A>;
  /** The reply's schema (encoded as the response's body). */
  reply: Schema<R>;
  /**
   * Handles one call; must call `done` exactly once (extra calls are ignored). The decoded `args`
   * may hold views into codec memory: use them before returning, copy what must outlive the call.
   * `buffer` is there when the call's large request was read into the connection's reused buffer
   * ({@linkcode RpcServerOptions.reuseLargeMessages}).
   */
  call(args: A, done: RpcDone<R>, buffer?: RpcRequestBuffer): void;
}

/**
 * The connection's reused buffer that a large request was read into, offered to the calls
 * dispatched while it holds a request nobody claimed. A method that has read what it keeps of its
 * request may write its reply into it instead of a buffer of its own: a 6 MB request and its
 * 6 MB reply then take one 6 MB buffer.
 */
export interface RpcRequestBuffer {
  /**
   * Claims the buffer for the call whose request it holds.
   *
   * @param view A byte array of the call's decoded request (its payload).
   * @returns The whole buffer, to write the reply into, when `view` is in it and nobody claimed it
   *   yet; else `undefined`. A claimed buffer is not read into again until `release()`.
   */
  claim(view: Uint8Array): Uint8Array | undefined;
  /** Gives a claimed buffer back: call it once the reply written into it is on the socket. */
  release(): void;
}

/** Methods by `"Service.Method"` name. */
// deno-lint-ignore no-explicit-any
export type RpcMethods = Record<string, RpcMethod<any, any>>;

/** Options for {@linkcode RpcServer}. */
export interface RpcServerOptions {
  /**
   * Limits for each connection's gob streams, both directions (the codec's defaults when omitted).
   * A request over them closes its connection; a reply over them answers its call with an rpc error.
   */
  limits?: GobLimits;
  /** Where connection-level reasons go (default: one line on standard error). */
  log?: (message: string) => void;
  /** Size of each connection's socket read buffer (default 64 KiB, at least 16). */
  readBufferSize?: number;
  /**
   * Request messages at least this long (bytes, with their length) are read whole into a buffer
   * of their own, which the decoder keeps: the byte arrays decoded from them are views of it, not
   * of codec memory, and a method that keeps them needs no copy. Worth it when the methods would
   * copy their large byte arrays anyway (raw handlers); otherwise the fresh buffer only costs
   * (default: never).
   */
  largeMessageBytes?: number;
  /**
   * With `largeMessageBytes`: read large requests into one buffer per connection, reused, instead
   * of a fresh one each (default false). Only for methods that keep nothing of a request's byte
   * arrays after `call` returns — JSON handlers, which parse their payload at once — or claim the
   * buffer ({@linkcode RpcRequestBuffer}). A large request that arrives while the buffer is
   * claimed gets a buffer of its own.
   */
  reuseLargeMessages?: boolean;
}

const defaultLog = (message: string) => {
  try {
    Deno.stderr.writeSync(new TextEncoder().encode(`lambda-gob: ${message}\n`));
  } catch {
    // standard error closed: nothing else to do
  }
};

/**
 * Serves `net/rpc` calls on a listener until {@linkcode RpcServer.close} is called.
 *
 * @example
 * ```ts ignore
 * import { RpcServer } from "./rpc_server.ts";
 * import { PingRequest, PingResponse } from "./messages.ts";
 * const server = new RpcServer(Deno.listen({ hostname: "127.0.0.1", port: 0 }), {
 *   "Function.Ping": { args: PingRequest, reply: PingResponse, call: (_a, done) => done({}) },
 * });
 * server.close();
 * await server.finished;
 * ```
 */
export class RpcServer {
  /** Resolves when the accept loop has ended and every connection is closed. Never rejects. */
  readonly finished: Promise<void>;
  /** The address the listener is bound to. */
  readonly addr: Deno.NetAddr;

  #listener: Deno.Listener;
  #methods: Map<string, RpcMethod>;
  #services: Set<string>;
  #options: RpcServerOptions;
  #log: (message: string) => void;
  #connections = new Set<Connection>();
  #closed = false;

  /**
   * Starts accepting connections at once.
   *
   * @param listener A TCP listener (the server owns it from now on).
   * @param methods Methods by `"Service.Method"` name.
   * @param options Limits and logging.
   */
  constructor(
    listener: Deno.Listener,
    methods: RpcMethods,
    options: RpcServerOptions = {},
  ) {
    this.#listener = listener;
    this.addr = listener.addr as Deno.NetAddr;
    this.#methods = new Map(Object.entries(methods) as [string, RpcMethod][]);
    this.#services = new Set([...this.#methods.keys()].map((k) => k.slice(0, k.lastIndexOf("."))));
    this.#options = options;
    this.#log = options.log ?? defaultLog;
    this.finished = this.#acceptLoop();
  }

  /** Stops accepting and closes every connection (calls in flight are not answered). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#listener.close();
    } catch {
      // already closed
    }
    for (const c of this.#connections) c.abort();
  }

  /**
   * The rpc error text Go's server gives for a method it cannot serve, or `undefined` when the
   * method exists.
   *
   * @param serviceMethod The requested `"Service.Method"`.
   * @returns The error text or `undefined`.
   */
  methodError(serviceMethod: string): string | undefined {
    if (this.#methods.has(serviceMethod)) return undefined;
    const dot = serviceMethod.lastIndexOf(".");
    if (dot < 0) return "rpc: service/method request ill-formed: " + serviceMethod;
    if (!this.#services.has(serviceMethod.slice(0, dot))) {
      return "rpc: can't find service " + serviceMethod;
    }
    return "rpc: can't find method " + serviceMethod;
  }

  /** @returns The method registered under `name`, if any. @param name `"Service.Method"`. */
  method(name: string): RpcMethod | undefined {
    return this.#methods.get(name);
  }

  async #acceptLoop(): Promise<void> {
    while (!this.#closed) {
      let conn: Deno.Conn;
      try {
        conn = await this.#listener.accept();
      } catch (e) {
        if (this.#closed || e instanceof Deno.errors.BadResource) break;
        this.#log(`accept failed (will retry): ${reason(e)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      try {
        (conn as Deno.TcpConn).setNoDelay?.(true);
      } catch {
        // not a TCP connection or already closed: harmless
      }
      const c = new Connection(this, conn, this.#options, this.#log);
      this.#connections.add(c);
      void c.serve().finally(() => this.#connections.delete(c));
    }
    await Promise.all([...this.#connections].map((c) => c.finished));
  }
}

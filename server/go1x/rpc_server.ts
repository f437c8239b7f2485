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
 * @module
 */
import {
  DEFAULT_LIMITS,
  GobDecoder,
  GobEncoder,
  GobError,
  type GobLimits,
  type Schema,
} from "../../codec-as/mod.ts";
import { InvalidRequest, RpcRequest, RpcResponse } from "./messages.ts";

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

/**
 * Reply byte arrays (an invoke's payload) at least this long are written from where they are
 * instead of being copied through the codec and the reply buffer: two copies of a 6 MB payload
 * cost more than the syscalls of writing it as a piece of its own.
 */
const SPLICE_FROM = 64 * 1024;

/**
 * Reply bytes a connection may have waiting for the socket before it stops reading requests: a
 * client that sends calls but never reads the answers then stalls on its own writes, instead of
 * the replies piling up in memory. Reading resumes once the queue is below a quarter of it.
 */
const QUEUE_HIGH = 16 * 1024 * 1024;

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

class Connection {
  finished: Promise<void> = Promise.resolve();
  #server: RpcServer;
  #conn: Deno.Conn;
  #options: RpcServerOptions;
  #log: (message: string) => void;
  #dec: GobDecoder;
  #enc: GobEncoder;
  // Replies are copied from the encoder into `#fill`; `#flush` swaps it with `#spare` and writes
  // it while later replies fill the other one. Both are reused (no allocation per reply: a fresh
  // 6 MB buffer per reply cost ~2.3 ms more than a copy into a warm one). Large byte arrays of a
  // reply are not copied: `#pieces` holds, in order, the sealed stretches of `#fill` and those
  // arrays (views of `#fill` from `#sealed` on are still open).
  #fill = new Uint8Array(4096);
  #fillLen = 0;
  #sealed = 0;
  #pieces: Uint8Array[] = [];
  #spare = new Uint8Array(4096);
  #afterFill: (() => void)[] = [];
  #queued = 0; // reply bytes not yet written
  #drained: (() => void) | undefined; // wakes the read loop once #queued is low again
  #writing = false;
  #pending = 0;
  #broken = false; // the socket failed or was aborted: drop further replies
  #idle: (() => void) | undefined;
  #peer: string;
  // Framing of the request stream (`#frame`): bytes of the current message still to come through
  // `scratch`, a split length kept at its front, the large message being read into its own buffer.
  #left = 0;
  #carry = 0;
  #big: Uint8Array | undefined;
  #bigFilled = 0;
  #framing: boolean; // off when no message counts as large, or the stream is not gob
  #largeFrom: number;
  #maxFramed: number;
  // The reused buffer for large requests (`reuseLargeMessages`): free, being read into, holding a
  // decodable request nobody has claimed yet, or claimed by the call whose request it holds.
  #reuse: Uint8Array | undefined;
  #reuseState: "free" | "reading" | "pushed" | "claimed" = "free";
  #requestBuffer: RpcRequestBuffer = {
    claim: (view) => {
      const reuse = this.#reuse;
      if (this.#reuseState !== "pushed" || reuse === undefined || view.buffer !== reuse.buffer) {
        return undefined;
      }
      this.#reuseState = "claimed";
      return reuse;
    },
    release: () => {
      if (this.#reuseState === "claimed") this.#reuseState = "free";
    },
  };

  constructor(
    server: RpcServer,
    conn: Deno.Conn,
    options: RpcServerOptions,
    log: (m: string) => void,
  ) {
    this.#server = server;
    this.#conn = conn;
    this.#options = options;
    this.#log = log;
    this.#dec = new GobDecoder({ limits: options.limits });
    this.#largeFrom = options.largeMessageBytes ?? Infinity;
    this.#framing = this.#largeFrom !== Infinity;
    if (options.reuseLargeMessages === true) this.#reuse = new Uint8Array(0);
    // A length beyond the limit is not given a buffer: the decoder rejects it.
    this.#maxFramed = (options.limits?.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes) + 9;
    this.#enc = new GobEncoder({ limits: options.limits, spliceBytesFrom: SPLICE_FROM });
    const a = conn.remoteAddr as Deno.NetAddr;
    this.#peer = a.hostname !== undefined ? `${a.hostname}:${a.port}` : "peer";
  }

  serve(): Promise<void> {
    this.finished = this.#serve();
    return this.finished;
  }

  abort(): void {
    this.#broken = true;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
    // Nothing more can be written: stop waiting for calls in flight (a handler may never settle).
    const idle = this.#idle;
    this.#idle = undefined;
    idle?.();
    this.#wake();
  }

  #wake(): void {
    const drained = this.#drained;
    this.#drained = undefined;
    drained?.();
  }

  async #serve(): Promise<void> {
    // Socket bytes land in a JS buffer and are pushed into the decoder: a view into WASM memory
    // cannot be kept across the `await read` because another connection may grow the memory.
    // A large message is read whole into a buffer of its own instead, in as few reads as the
    // socket allows, and given to the decoder to keep: its payload then reaches the handler
    // without a copy (see `#frame`).
    // (At least 16 bytes: a split gob length, up to 8 bytes, is kept at its front.)
    const scratch = new Uint8Array(Math.max(16, this.#options.readBufferSize ?? 64 * 1024));
    let header: RpcRequest | undefined;
    try {
      for (;;) {
        for (;;) {
          if (header === undefined) {
            header = this.#dec.next(RpcRequest);
            if (header === undefined) break;
          }
          const method = this.#server.method(header.ServiceMethod);
          if (method === undefined) {
            if (this.#dec.nextAny() === undefined) break; // discard the body, as Go does
            this.#respond(
              header,
              InvalidRequest,
              {},
              this.#server.methodError(header.ServiceMethod),
            );
          } else {
            let args: unknown;
            try {
              args = this.#dec.next(method.args);
            } catch (e) {
              // A whole, well-formed body of another type: answered with an rpc error, and the
              // stream read on, as Go's server does. A corrupt stream still ends the connection.
              if (!(e instanceof GobError) || this.#dec.failed) throw e;
              const error =
                `rpc: cannot decode the argument of ${header.ServiceMethod}: ${e.message}`;
              this.#respond(header, InvalidRequest, {}, error);
              header = undefined;
              continue;
            }
            if (args === undefined) break;
            this.#dispatch(header, method, args);
          }
          header = undefined;
        }
        // Every whole request is decoded and dispatched: one left in the reused buffer unclaimed
        // is done with.
        if (this.#reuseState === "pushed") this.#reuseState = "free";
        if (this.#queued > QUEUE_HIGH && !this.#broken) {
          await new Promise<void>((resolve) => this.#drained = resolve);
        }
        if (this.#broken) break;
        const big = this.#big;
        if (big !== undefined) {
          const n = await this.#conn.read(big.subarray(this.#bigFilled));
          if (n === null) break;
          this.#bigFilled += n;
          if (this.#bigFilled === big.length) {
            this.#big = undefined;
            this.#pushLarge(big);
          }
          continue;
        }
        const carry = this.#carry;
        const n = await this.#conn.read(carry === 0 ? scratch : scratch.subarray(carry));
        if (n === null) break;
        this.#frame(scratch, carry + n);
      }
    } catch (e) {
      if (!this.#broken && !isDisconnect(e)) {
        this.#log(`closing connection from ${this.#peer}: ${reason(e)}`);
      }
    }
    // Answer the calls in flight (Go's server waits for them too), then close.
    if (!this.#broken && (this.#pending > 0 || this.#writing)) {
      await new Promise<void>((resolve) => this.#idle = resolve);
    }
    this.abort();
    this.#dec.free();
    this.#enc.free();
  }

  /**
   * Pushes `scratch[0, end)` into the decoder, following gob's message framing (a length, then
   * that many bytes) so that a message of `largeMessageBytes` or more is set aside: it starts
   * `#big`, a buffer of exactly its size that the read loop fills straight from the socket. A
   * length split by the end of the read is kept at the front of `scratch` (`#carry`); one that
   * is not gob (or over the limit) is left to the decoder to report.
   */
  #frame(scratch: Uint8Array, end: number): void {
    this.#carry = 0;
    let from = 0, at = 0;
    while (at < end && this.#framing) {
      if (this.#left > 0) {
        const k = Math.min(this.#left, end - at);
        at += k;
        this.#left -= k;
        continue;
      }
      const total = gobMessageSize(scratch, at, end);
      if (total === -1) {
        this.#dec.push(scratch.subarray(from, at));
        scratch.copyWithin(0, at, end);
        this.#carry = end - at;
        return;
      }
      if (total < 0 || total > this.#maxFramed) {
        this.#framing = false; // the decoder reports it
        break;
      }
      if (total < this.#largeFrom) {
        this.#left = total;
        continue;
      }
      this.#dec.push(scratch.subarray(from, at));
      const big = this.#largeBuffer(total);
      const have = Math.min(total, end - at);
      big.set(scratch.subarray(at, at + have));
      at += have;
      from = at;
      if (have === total) {
        this.#pushLarge(big);
      } else {
        this.#big = big;
        this.#bigFilled = have;
      }
    }
    this.#dec.push(scratch.subarray(from, end));
  }

  /** A buffer for a large request of `total` bytes: the reused one when it is free. */
  #largeBuffer(total: number): Uint8Array {
    if (this.#reuse === undefined || this.#reuseState !== "free") return new Uint8Array(total);
    if (this.#reuse.length < total) this.#reuse = new Uint8Array(total + (total >> 3));
    this.#reuseState = "reading";
    return this.#reuse.subarray(0, total);
  }

  #pushLarge(big: Uint8Array): void {
    if (this.#reuse !== undefined && big.buffer === this.#reuse.buffer) this.#reuseState = "pushed";
    this.#dec.pushOwned(big);
  }

  #dispatch(header: RpcRequest, method: RpcMethod, args: unknown): void {
    this.#pending++;
    let answered = false;
    const done: RpcDone<unknown> = (reply, error, afterWrite) => {
      if (answered) return;
      answered = true;
      this.#pending--;
      if (error !== undefined && error !== "") {
        this.#respond(header, InvalidRequest, {}, error, afterWrite);
      } else {
        this.#respond(header, method.reply, reply, "", afterWrite);
      }
      this.#checkIdle();
    };
    try {
      method.call(args, done, this.#reuseState === "pushed" ? this.#requestBuffer : undefined);
    } catch (e) {
      done(undefined, `rpc: ${header.ServiceMethod} failed: ${reason(e)}`);
    }
  }

  #respond(
    header: RpcRequest,
    schema: Schema<unknown>,
    body: unknown,
    error = "",
    afterWrite?: () => void,
  ): void {
    if (this.#broken) {
      afterWrite?.();
      return;
    }
    try {
      this.#enc.encode(RpcResponse, {
        ServiceMethod: header.ServiceMethod,
        Seq: header.Seq,
        Error: error,
      });
      this.#enc.encode(schema, body);
      // Codec views (even indexes) are copied: they are only valid until the next codec call and
      // the write awaits. Spliced arrays (odd indexes) are the reply's own bytes: written as they
      // are (the reply's owner keeps them unchanged until `afterWrite`).
      const parts = this.#enc.takeParts();
      for (let i = 0; i < parts.length; i++) {
        if (i % 2 === 0) this.#append(parts[i]);
        else this.#splice(parts[i]);
      }
    } catch (e) {
      // Drop what this reply had encoded (a header whose body failed), so the stream stays
      // consistent and the call can still be answered: with an rpc error, as for a method that
      // failed. Only if even that cannot be encoded does this connection end.
      this.#enc.discard();
      const failure = `rpc: cannot encode the reply to ${header.ServiceMethod}: ${reason(e)}`;
      if (schema !== InvalidRequest) {
        this.#log(`${failure} (seq ${header.Seq}, connection from ${this.#peer})`);
        this.#respond(header, InvalidRequest, {}, failure, afterWrite);
        return;
      }
      this.#log(`closing connection from ${this.#peer}: ${failure} (seq ${header.Seq})`);
      this.abort();
      afterWrite?.();
      return;
    }
    if (afterWrite !== undefined) this.#afterFill.push(afterWrite);
    if (!this.#writing) void this.#flush();
  }

  #append(bytes: Uint8Array): void {
    const need = this.#fillLen + bytes.length;
    if (need > this.#fill.length) {
      const grown = new Uint8Array(Math.max(need, this.#fill.length * 2));
      grown.set(this.#fill.subarray(0, this.#fillLen));
      this.#fill = grown;
    }
    this.#fill.set(bytes, this.#fillLen);
    this.#fillLen = need;
    this.#queued += bytes.length;
  }

  /** Queues `bytes` to be written after what `#fill` holds so far, without copying them. */
  #splice(bytes: Uint8Array): void {
    this.#seal();
    this.#pieces.push(bytes);
    this.#queued += bytes.length;
  }

  /** Moves the open stretch of `#fill` into `#pieces`. */
  #seal(): void {
    if (this.#fillLen > this.#sealed) {
      this.#pieces.push(this.#fill.subarray(this.#sealed, this.#fillLen));
      this.#sealed = this.#fillLen;
    }
  }

  async #flush(): Promise<void> {
    this.#writing = true;
    while (this.#fillLen > 0 || this.#pieces.length > 0) {
      this.#seal();
      const written = this.#fill;
      const pieces = this.#pieces;
      const after = this.#afterFill;
      this.#fill = this.#spare;
      this.#fillLen = 0;
      this.#sealed = 0;
      this.#pieces = [];
      this.#afterFill = [];
      try {
        for (const bytes of pieces) {
          let offset = 0;
          while (offset < bytes.length) {
            const n = await this.#conn.write(bytes.subarray(offset));
            offset += n;
            this.#queued -= n;
            if (this.#drained !== undefined && this.#queued <= QUEUE_HIGH / 4) this.#wake();
          }
        }
      } catch (e) {
        if (!this.#broken && !isDisconnect(e)) {
          this.#log(`closing connection from ${this.#peer}: write failed: ${reason(e)}`);
        }
        this.abort();
      }
      this.#spare = written;
      for (const f of after) f();
    }
    this.#writing = false;
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (
      this.#pending === 0 && !this.#writing && this.#fillLen === 0 && this.#pieces.length === 0 &&
      this.#idle
    ) {
      const idle = this.#idle;
      this.#idle = undefined;
      idle();
    }
  }
}

function isDisconnect(e: unknown): boolean {
  return e instanceof Deno.errors.ConnectionReset || e instanceof Deno.errors.BrokenPipe ||
    e instanceof Deno.errors.BadResource || e instanceof Deno.errors.ConnectionAborted ||
    e instanceof Deno.errors.Interrupted;
}

function reason(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Size of the gob message starting at `bytes[at]` (its length prefix included), -1 when the
 * prefix is cut off by `end`, -2 when it is not a gob length.
 *
 * @param bytes Received bytes.
 * @param at Where a message starts.
 * @param end Where the received bytes end.
 * @returns The message's size in bytes, or -1 / -2.
 * @example
 * ```ts
 * import { gobMessageSize } from "./rpc_server.ts";
 * console.log(gobMessageSize(new Uint8Array([0xfe, 0x01, 0x00]), 0, 3)); // 259 (3 + 256)
 * console.log(gobMessageSize(new Uint8Array([0xfe, 0x01]), 0, 2)); // -1
 * ```
 */
export function gobMessageSize(bytes: Uint8Array, at: number, end: number): number {
  const b = bytes[at];
  if (b < 0x80) return 1 + b;
  const n = 256 - b; // a longer uint: its byte count, negated, then big-endian bytes
  if (n > 8) return -2;
  if (at + 1 + n > end) return -1;
  let v = 0;
  for (let i = 1; i <= n; i++) v = v * 256 + bytes[at + i];
  return 1 + n + v;
}

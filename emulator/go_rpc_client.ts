/**
 * A Go `net/rpc` client over TCP with our gob codec: the Lambda go1.x service's side of the wire.
 * Calls may be pipelined; responses are matched by `Seq`.
 *
 * @module
 */
import { GobDecoder, GobEncoder, type Schema } from "../codec-as/mod.ts";
import {
  InvokeRequest,
  InvokeResponse,
  PingRequest,
  PingResponse,
  RpcRequest,
  RpcResponse,
} from "../server/go1x/mod.ts";

/** The outcome of one call: `error` is the rpc error text (`""` on success). */
export interface RpcReply<R> {
  /** The rpc error (`""` when the call succeeded). */
  error: string;
  /** The reply body (undefined when `error` is set). */
  reply: R | undefined;
  /** The Seq the response carried. */
  seq: number;
}

interface Waiting {
  schema: Schema<unknown>;
  resolve: (reply: RpcReply<unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * A connection to a go1.x function (or any Go net/rpc server speaking gob).
 *
 * @example
 * ```ts ignore
 * import { GoClient } from "./go_rpc_client.ts";
 * const client = await GoClient.connect(8001);
 * await client.ping();
 * client.close();
 * ```
 */
export class GoClient {
  #conn: Deno.TcpConn;
  #enc = new GobEncoder();
  #dec = new GobDecoder();
  #seq = 0;
  #waiting = new Map<number, Waiting>();
  #closed = false;
  #failure: Error | undefined;
  #writes: Promise<void> = Promise.resolve();
  /** Resolves when the read loop has ended (peer closed, error, or {@linkcode GoClient.close}). */
  readonly finished: Promise<void>;

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
    this.finished = this.#readLoop();
  }

  /**
   * Connects to `hostname:port`.
   *
   * @param port The TCP port.
   * @param hostname The host (default `127.0.0.1`).
   * @returns A connected client.
   * @throws {Deno.errors.ConnectionRefused} When nothing listens there.
   */
  static async connect(port: number, hostname = "127.0.0.1"): Promise<GoClient> {
    const conn = await Deno.connect({ hostname, port, transport: "tcp" });
    conn.setNoDelay(true);
    return new GoClient(conn);
  }

  /**
   * Sends one call (without waiting for earlier ones: calls pipeline).
   *
   * @param method `"Service.Method"`.
   * @param argsSchema The argument's schema.
   * @param args The argument.
   * @param replySchema The reply's schema.
   * @returns The response; byte fields of the reply are copies, safe to keep.
   * @throws {Error} When the connection fails before the response arrives.
   */
  call<A, R>(
    method: string,
    argsSchema: Schema<A>,
    args: A,
    replySchema: Schema<R>,
  ): Promise<RpcReply<R>> {
    if (this.#closed || this.#failure) {
      return Promise.reject(this.#failure ?? new Error("GoClient: the connection is closed"));
    }
    const seq = this.#seq++;
    this.#enc.encode(RpcRequest, { ServiceMethod: method, Seq: seq });
    this.#enc.encode(argsSchema, args);
    const bytes = this.#enc.take().slice();
    const reply = new Promise<RpcReply<R>>((resolve, reject) => {
      this.#waiting.set(seq, {
        schema: replySchema as Schema<unknown>,
        resolve: resolve as (r: RpcReply<unknown>) => void,
        reject,
      });
    });
    this.#writes = this.#writes.then(() => this.#writeAll(bytes));
    return reply;
  }

  /**
   * Sends raw bytes on the connection (for fault tests: garbage, partial messages).
   *
   * @param bytes The bytes.
   * @returns A Promise that resolves when they are written.
   */
  writeRaw(bytes: Uint8Array): Promise<void> {
    this.#writes = this.#writes.then(() => this.#writeAll(bytes.slice()));
    return this.#writes;
  }

  /** `Function.Ping`. @returns The response. */
  ping(): Promise<RpcReply<Record<string, never>>> {
    return this.call("Function.Ping", PingRequest, {}, PingResponse) as Promise<
      RpcReply<Record<string, never>>
    >;
  }

  /**
   * `Function.Invoke`.
   *
   * @param request The request (absent fields are zero).
   * @returns The response.
   */
  invoke(request: Partial<InvokeRequest>): Promise<RpcReply<InvokeResponse>> {
    const full: InvokeRequest = {
      Payload: new Uint8Array(0),
      RequestId: "",
      XAmznTraceId: "",
      Deadline: { Seconds: 0, Nanos: 0 },
      InvokedFunctionArn: "",
      CognitoIdentityId: "",
      CognitoIdentityPoolId: "",
      ClientContext: new Uint8Array(0),
      ...request,
    };
    return this.call("Function.Invoke", InvokeRequest, full, InvokeResponse);
  }

  /** Closes the connection; calls still waiting are rejected. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    try {
      let offset = 0;
      while (offset < bytes.length) offset += await this.#conn.write(bytes.subarray(offset));
    } catch (e) {
      this.#fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  async #readLoop(): Promise<void> {
    const scratch = new Uint8Array(64 * 1024);
    // Seq: ours are small; a bigint one (from 2^53 on) is an unknown seq.
    let header: { ServiceMethod: string; Seq: number | bigint; Error: string } | undefined;
    try {
      for (;;) {
        for (;;) {
          if (header === undefined) {
            header = this.#dec.next(RpcResponse);
            if (header === undefined) break;
          }
          const waiting = typeof header.Seq === "number"
            ? this.#waiting.get(header.Seq)
            : undefined;
          if (header.Error !== "" || waiting === undefined) {
            if (this.#dec.nextAny() === undefined) break;
            if (waiting === undefined) {
              throw new Error(
                `GoClient: response with unknown seq ${header.Seq} (${header.ServiceMethod})`,
              );
            }
            this.#waiting.delete(header.Seq as number);
            waiting.resolve({ error: header.Error, reply: undefined, seq: header.Seq as number });
          } else {
            const body = this.#dec.next(waiting.schema);
            if (body === undefined) break;
            this.#waiting.delete(header.Seq as number);
            waiting.resolve({ error: "", reply: copyBytes(body), seq: header.Seq as number });
          }
          header = undefined;
        }
        const n = await this.#conn.read(scratch);
        if (n === null) break;
        this.#dec.push(scratch.subarray(0, n));
      }
      this.#fail(new Error("GoClient: the server closed the connection"));
    } catch (e) {
      this.#fail(e instanceof Error ? e : new Error(String(e)));
    } finally {
      this.close();
      this.#dec.free();
      this.#enc.free();
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const w of this.#waiting.values()) w.reject(this.#failure);
    this.#waiting.clear();
  }
}

/** Deep-copies every `Uint8Array` (codec views) in a decoded value. */
function copyBytes<T>(value: T): T {
  if (value instanceof Uint8Array) return value.slice() as T;
  if (Array.isArray(value)) return value.map(copyBytes) as T;
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [copyBytes(k), copyBytes(v)])) as T;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyBytes(v);
    return out as T;
  }
  return value;
}

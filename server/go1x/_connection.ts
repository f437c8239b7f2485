/**
 * Internal: one `net/rpc` connection. It decodes each call's header and body from the request
 * stream, calls the method, and answers by `Seq` as calls complete; a call that cannot be served
 * gets Go's rpc error and the connection reads on, a corrupt stream ends it once the calls in
 * flight are answered. Framing, the large-request buffers and the reply queue are its parts
 * (`_frames.ts`, `_request_buffer.ts`, `_reply_writer.ts`).
 *
 * @module
 */
import {
  DEFAULT_LIMITS,
  GobDecoder,
  GobEncoder,
  GobError,
  type Schema,
} from "../../codec-as/mod.ts";
import { RequestFramer } from "./_frames.ts";
import { ReplyWriter, SPLICE_FROM } from "./_reply_writer.ts";
import { RequestBuffers } from "./_request_buffer.ts";
import { InvalidRequest, RpcRequest, RpcResponse } from "./messages.ts";
import type { RpcDone, RpcMethod, RpcServerOptions } from "./rpc_server.ts";

/** The methods a connection serves: the server's. */
export interface MethodTable {
  /** @returns The method registered under `name`, if any. @param name `"Service.Method"`. */
  method(name: string): RpcMethod | undefined;
  /** @returns Go's rpc error text for a method that cannot be served, if so. @param name Ditto. */
  methodError(name: string): string | undefined;
}

/** Serves the calls of one accepted connection. */
export class Connection {
  /** Resolves when the connection is closed (once `serve` was called). */
  finished: Promise<void> = Promise.resolve();
  #methods: MethodTable;
  #conn: Deno.Conn;
  #log: (message: string) => void;
  #dec: GobDecoder;
  #enc: GobEncoder;
  #buffers: RequestBuffers;
  #framer: RequestFramer;
  #writer: ReplyWriter;
  #pending = 0;
  #broken = false; // the socket failed or was aborted: drop further replies
  #idle: (() => void) | undefined;
  #peer: string;

  /**
   * @param methods What to call.
   * @param conn The accepted socket (the connection owns it).
   * @param options The server's options.
   * @param log Where connection-level reasons go.
   */
  constructor(
    methods: MethodTable,
    conn: Deno.Conn,
    options: RpcServerOptions,
    log: (m: string) => void,
  ) {
    this.#methods = methods;
    this.#conn = conn;
    this.#log = log;
    this.#dec = new GobDecoder({ limits: options.limits });
    this.#buffers = new RequestBuffers(options.reuseLargeMessages === true);
    this.#framer = new RequestFramer(this.#dec, this.#buffers, {
      readBufferSize: options.readBufferSize,
      largeMessageBytes: options.largeMessageBytes,
      maxMessageBytes: options.limits?.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes,
    });
    this.#enc = new GobEncoder({ limits: options.limits, spliceBytesFrom: SPLICE_FROM });
    this.#writer = new ReplyWriter(conn, {
      failed: (e) => {
        if (!this.#broken && !isDisconnect(e)) {
          this.#log(`closing connection from ${this.#peer}: write failed: ${reason(e)}`);
        }
        this.abort();
      },
      flushed: () => this.#checkIdle(),
    });
    const a = conn.remoteAddr as Deno.NetAddr;
    this.#peer = a.hostname !== undefined ? `${a.hostname}:${a.port}` : "peer";
  }

  /** Reads and answers calls until the stream ends or fails. @returns {@linkcode finished}. */
  serve(): Promise<void> {
    this.finished = this.#serve();
    return this.finished;
  }

  /** Closes the socket at once; calls in flight are not answered. */
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
    this.#writer.wake();
  }

  async #serve(): Promise<void> {
    let header: RpcRequest | undefined;
    try {
      for (;;) {
        for (;;) {
          if (header === undefined) {
            header = this.#dec.next(RpcRequest);
            if (header === undefined) break;
          }
          const method = this.#methods.method(header.ServiceMethod);
          if (method === undefined) {
            if (this.#dec.nextAny() === undefined) break; // discard the body, as Go does
            this.#respond(
              header,
              InvalidRequest,
              {},
              this.#methods.methodError(header.ServiceMethod),
            );
          } else {
            let args: unknown;
            try {
              args = this.#dec.next(method.args);
            } catch (e) {
              // A whole, well-formed body of another type: answered with an rpc error, and the
              // stream read on, as Go's server does. A corrupt stream still ends the connection.
              // Go's server answers with the gob error's text ("gob: …"); so do we, with our
              // decoder's text (Go's own where we follow Go, e.g. "no fields matched").
              if (!(e instanceof GobError) || this.#dec.failed) throw e;
              const error = `gob: ${e.detail}`;
              this.#respond(header, InvalidRequest, {}, error);
              header = undefined;
              continue;
            }
            if (args === undefined) break;
            this.#dispatch(header, method, args);
          }
          header = undefined;
        }
        this.#buffers.dispatched();
        if (this.#writer.full && !this.#broken) await this.#writer.drained();
        if (this.#broken) break;
        const n = await this.#conn.read(this.#framer.space());
        if (n === null) break;
        this.#framer.received(n);
      }
    } catch (e) {
      if (!this.#broken && !isDisconnect(e)) {
        this.#log(`closing connection from ${this.#peer}: ${reason(e)}`);
      }
    }
    // Answer the calls in flight (Go's server waits for them too), then close.
    if (!this.#broken && (this.#pending > 0 || this.#writer.writing)) {
      await new Promise<void>((resolve) => this.#idle = resolve);
    }
    this.abort();
    this.#dec.free();
    this.#enc.free();
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
      method.call(args, done, this.#buffers.offer());
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
      this.#writer.queue(this.#enc.takeParts(), afterWrite);
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
    }
  }

  #checkIdle(): void {
    if (this.#pending === 0 && this.#writer.idle && this.#idle) {
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

/** @returns An error's name and message, for a log line. @param e What was thrown. */
export function reason(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

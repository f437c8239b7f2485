/**
 * Recorded Go net/rpc sessions (tests/fixtures/rpc, recorded by tests/interop/rpcrecord against
 * the Go lambdaserver) replayed against our server. Two layers:
 *
 * - the rpc layer (`RpcServer`) with a Function service that answers exactly like lambdaserver:
 *   every session, decoded responses equal to Go's, and server bytes equal to Go's where Go's are
 *   deterministic;
 * - the whole runtime (`functionService` + a TypeScript echo handler) on the json-mode sessions:
 *   decoded responses equal to Go's, except where a TypeScript runtime differs by design (a payload
 *   that is not JSON is `Runtime.UnmarshalError`, not Go's `SyntaxError`).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { GobDecoder } from "../codec-as/mod.ts";
import {
  functionService,
  InvokeRequest,
  InvokeResponse,
  type InvokeResponse as InvokeResponseValue,
  PingRequest,
  PingResponse,
  type RpcMethod,
  type RpcMethods,
  RpcResponse,
  RpcServer,
} from "../server/go1x/mod.ts";

const FIXTURES = new URL("./fixtures/rpc/", import.meta.url);

interface Call {
  method: string;
  seq: number;
  error: string;
  response: unknown;
  clientOffset: [number, number];
}
interface Session {
  session: string;
  serverMode: "json" | "raw";
  serverBytesDeterministic: boolean;
  calls: Call[];
}

async function load(name: string) {
  const meta: Session = JSON.parse(await Deno.readTextFile(new URL(`${name}.json`, FIXTURES)));
  const client = await Deno.readFile(new URL(`${name}.client.gob`, FIXTURES));
  const server = await Deno.readFile(new URL(`${name}.server.gob`, FIXTURES));
  return { meta, client, server };
}

// --- a Function service that answers like tests/interop/lambdaserver ------------------------------

const enc = new TextEncoder();

function goLikeService(mode: "json" | "raw"): RpcMethods {
  const invoke: RpcMethod<InvokeRequest, InvokeResponseValue> = {
    args: InvokeRequest,
    reply: InvokeResponse,
    call(req, done) {
      if (mode === "raw") return done({ Payload: req.Payload.slice(), Error: undefined });
      let event: unknown;
      try {
        event = JSON.parse(new TextDecoder().decode(req.Payload));
      } catch {
        // Only the empty payload is recorded; Go says this for it.
        return done({
          Payload: new Uint8Array(0),
          Error: {
            Message: "unexpected end of JSON input",
            Type: "SyntaxError",
            StackTrace: [],
            ShouldExit: false,
          },
        });
      }
      const fail = failMessage(event);
      if (fail !== undefined) {
        return done({
          Payload: new Uint8Array(0),
          Error: {
            Message: fail,
            Type: "handlerError",
            StackTrace: [
              { Path: "main.go", Line: 42, Label: "handler" },
              { Path: "lambda/entry.go", Line: 7, Label: "Start" },
            ],
            ShouldExit: false,
          },
        });
      }
      done({ Payload: enc.encode(JSON.stringify(event)), Error: undefined });
    },
  };
  const ping: RpcMethod<object, object> = {
    args: PingRequest,
    reply: PingResponse,
    call: (_a, done) => done({}),
  };
  return { "Function.Ping": ping, "Function.Invoke": invoke };
}

function failMessage(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return undefined;
  const fail = (event as Record<string, unknown>).fail;
  return typeof fail === "string" ? fail : undefined;
}

/** The same behaviour as a TypeScript handler on the real runtime. */
function echoHandler(event: unknown): unknown {
  const fail = failMessage(event);
  if (fail !== undefined) {
    // An error-like value whose stack yields lambdaserver's two frames.
    throw {
      name: "handlerError",
      message: fail,
      stack:
        `handlerError: ${fail}\n    at handler (main.go:42:1)\n    at Start (lambda/entry.go:7:1)`,
    };
  }
  return event;
}

// --- reading responses --------------------------------------------------------------------------

/** Go's JSON shape of a decoded response, for comparison with the session description. */
function asGoJson(body: unknown, method: string): unknown {
  if (method !== "Function.Invoke") return body;
  const r = body as InvokeResponseValue;
  const b64 = (u: Uint8Array) => (u.length === 0 ? null : Buffer.from(u).toString("base64"));
  return {
    Payload: b64(r.Payload),
    Error: r.Error === undefined ? null : {
      Message: r.Error.Message,
      Type: r.Error.Type,
      StackTrace: r.Error.StackTrace.length === 0 ? null : r.Error.StackTrace,
      ShouldExit: r.Error.ShouldExit,
    },
  };
}

class Responses {
  #dec = new GobDecoder();
  #header: { ServiceMethod: string; Seq: number | bigint; Error: string } | undefined;
  readonly raw: Uint8Array[] = [];
  readonly bySeq = new Map<number, { error: string; response: unknown; count: number }>();

  constructor(private conn: Deno.Conn) {}

  /** Reads until `count` more responses have been decoded. */
  async read(count: number): Promise<void> {
    const buf = new Uint8Array(65536);
    let got = 0;
    for (;;) {
      for (;;) {
        if (this.#header === undefined) {
          this.#header = this.#dec.next(RpcResponse);
          if (this.#header === undefined) break;
        }
        const h = this.#header;
        let response: unknown = null;
        if (h.Error !== "") {
          if (this.#dec.nextAny() === undefined) break;
        } else {
          const body = this.#dec.next(
            h.ServiceMethod === "Function.Invoke" ? InvokeResponse : PingResponse,
          );
          if (body === undefined) break;
          response = asGoJson(body, h.ServiceMethod);
        }
        this.#header = undefined;
        const prev = this.bySeq.get(Number(h.Seq));
        this.bySeq.set(Number(h.Seq), { error: h.Error, response, count: (prev?.count ?? 0) + 1 });
        if (++got === count) return;
      }
      const n = await this.conn.read(buf);
      if (n === null) throw new Error(`connection closed after ${got} of ${count} responses`);
      this.raw.push(buf.slice(0, n));
      this.#dec.push(buf.subarray(0, n));
    }
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.raw));
  }

  free() {
    this.#dec.free();
  }
}

/** Replays a session: one call at a time (as recorded) or all at once (pipelined). */
async function replay(
  service: RpcMethods,
  meta: Session,
  client: Uint8Array,
): Promise<Responses> {
  const logs: string[] = [];
  const server = new RpcServer(Deno.listen({ hostname: "127.0.0.1", port: 0 }), service, {
    log: (m) => logs.push(m),
  });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
  const responses = new Responses(conn);
  try {
    if (meta.serverBytesDeterministic) {
      for (const call of meta.calls) {
        await conn.write(client.subarray(call.clientOffset[0], call.clientOffset[1]));
        await responses.read(1);
      }
    } else {
      await conn.write(client);
      await responses.read(meta.calls.length);
    }
    assert.deepEqual(logs, []);
    return responses;
  } finally {
    conn.close();
    server.close();
    await server.finished;
    responses.free();
  }
}

function assertAnswered(meta: Session, responses: Responses, skip: Set<number> = new Set()) {
  assert.equal(responses.bySeq.size, meta.calls.length);
  for (const call of meta.calls) {
    const got = responses.bySeq.get(call.seq);
    assert.ok(got, `${meta.session}: no response for seq ${call.seq}`);
    assert.equal(got.count, 1, `${meta.session}: seq ${call.seq} answered ${got.count} times`);
    if (skip.has(call.seq)) continue;
    // Go's client reports the server's "rpc: …" text as is.
    assert.equal(got.error, call.error, `${meta.session}: seq ${call.seq} error`);
    assert.deepEqual(
      got.response,
      call.response,
      `${meta.session}: seq ${call.seq} (${call.method}) response`,
    );
  }
}

for (const name of ["ping_invokes", "raw_echo", "unknown_method", "pipelined"]) {
  Deno.test(`replay ${name}: rpc layer answers like Go (values${name === "pipelined" ? "" : " and bytes"})`, async () => {
    const { meta, client, server } = await load(name);
    const responses = await replay(goLikeService(meta.serverMode), meta, client);
    assertAnswered(meta, responses);
    if (meta.serverBytesDeterministic) {
      const ours = responses.bytes();
      assert.equal(ours.length, server.length, "server stream length");
      assert.ok(Buffer.from(ours).equals(Buffer.from(server)), "server stream bytes equal Go's");
    }
  });
}

Deno.test("replay ping_invokes on the whole runtime: Go's responses, except a non-JSON payload", async () => {
  const { meta, client } = await load("ping_invokes");
  const responses = await replay(functionService(echoHandler), meta, client);
  const notJson = meta.calls.find((c) =>
    c.method === "Function.Invoke" &&
    (c.response as { Error?: { Type?: string } }).Error?.Type === "SyntaxError"
  );
  assert.ok(notJson, "the session has the non-JSON call");
  assertAnswered(meta, responses, new Set([notJson.seq]));
  const ours = responses.bySeq.get(notJson.seq)?.response as {
    Payload: null;
    Error: { Type: string };
  };
  assert.equal(ours.Payload, null);
  assert.equal(ours.Error.Type, "Runtime.UnmarshalError");
});

for (const name of ["unknown_method", "pipelined"]) {
  Deno.test(`replay ${name} on the whole runtime: Go's responses${name === "pipelined" ? "" : " and bytes"}`, async () => {
    const { meta, client, server } = await load(name);
    const responses = await replay(functionService(echoHandler), meta, client);
    assertAnswered(meta, responses);
    if (meta.serverBytesDeterministic) {
      assert.ok(
        Buffer.from(responses.bytes()).equals(Buffer.from(server)),
        "server stream bytes equal Go's",
      );
    }
  });
}

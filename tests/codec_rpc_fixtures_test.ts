// The net/rpc sessions Go recorded (tests/fixtures/rpc, see its README): both directions decoded
// with the Lambda message schemas and compared with the recorded calls; a fresh GobEncoder
// encoding the same values must write exactly Go's bytes (when the session's bytes are
// deterministic); each stream is also decoded one byte at a time.
import assert from "node:assert/strict";
import { GobDecoder, GobEncoder, GobError, type Schema } from "../codec-as/mod.ts";
import {
  InvalidRequest,
  InvokeRequest,
  InvokeResponse,
  PingRequest,
  PingResponse,
  RpcRequest as Request,
  RpcResponse as Response,
} from "../server/go1x/mod.ts";

const dir = new URL("./fixtures/rpc/", import.meta.url);

const Invalid = InvalidRequest; // net/rpc's invalidRequest: an anonymous struct{}

interface Call {
  method: string;
  seq: number;
  request: Record<string, unknown>;
  error: string;
  response: Record<string, unknown> | null;
}
interface Session {
  session: string;
  serverOrder: number[];
  clientBytesDeterministic: boolean;
  serverBytesDeterministic: boolean;
  calls: Call[];
}

const bytes = (b64: unknown) =>
  typeof b64 === "string" ? Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) : new Uint8Array(0);

/** A recorded JSON value in the JS shape the schema decodes to. */
function fromJson(schema: Schema, v: Record<string, unknown>): unknown {
  if (schema === InvokeRequest) {
    return { ...v, Payload: bytes(v.Payload), ClientContext: bytes(v.ClientContext) };
  }
  if (schema === InvokeResponse) {
    const e = v.Error as Record<string, unknown> | null;
    return {
      Payload: bytes(v.Payload),
      Error: e === null ? undefined : { ...e, StackTrace: e.StackTrace ?? [] },
    };
  }
  return {};
}

function clientValues(s: Session): [Schema, unknown][] {
  return s.calls.flatMap((c): [Schema, unknown][] => {
    const body = c.method === "Function.Invoke" ? InvokeRequest : PingRequest;
    return [[Request, { ServiceMethod: c.method, Seq: c.seq }], [
      body,
      fromJson(body, c.request),
    ]];
  });
}

function serverValues(s: Session): [Schema, unknown][] {
  return s.serverOrder.flatMap((seq): [Schema, unknown][] => {
    const c = s.calls.find((x) => x.seq === seq)!;
    const body = c.response === null
      ? Invalid
      : c.method === "Function.Invoke"
      ? InvokeResponse
      : PingResponse;
    return [[Response, { ServiceMethod: c.method, Seq: c.seq, Error: c.error }], [
      body,
      fromJson(body, c.response ?? {}),
    ]];
  });
}

function decodeAll(stream: Uint8Array, values: [Schema, unknown][], step: number): unknown[] {
  const d = new GobDecoder();
  const out: unknown[] = [];
  let i = 0;
  for (let at = 0; at < stream.length; at += step) {
    d.push(stream.subarray(at, Math.min(stream.length, at + step)));
    for (;;) {
      if (i >= values.length) break;
      const v = d.next(values[i][0]);
      if (v === undefined) break;
      out.push(structuredClone(v));
      i++;
    }
  }
  d.free();
  return out;
}

const sessions = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".json"))
  .map((e) => e.name.slice(0, -5)).sort();

for (const name of sessions) {
  const s: Session = JSON.parse(Deno.readTextFileSync(new URL(`${name}.json`, dir)));
  for (const side of ["client", "server"] as const) {
    const stream = Deno.readFileSync(new URL(`${name}.${side}.gob`, dir));
    const values = side === "client" ? clientValues(s) : serverValues(s);
    Deno.test(`codec rpc ${name} ${side}: decodes to the recorded calls, whole and byte by byte`, () => {
      const want = values.map(([, v]) => v);
      assert.deepEqual(decodeAll(stream, values, stream.length), want);
      assert.deepEqual(decodeAll(stream, values, 1), want);
    });
    const deterministic = side === "client"
      ? s.clientBytesDeterministic
      : s.serverBytesDeterministic;
    Deno.test({
      name: `codec rpc ${name} ${side}: a fresh encoder writes Go's bytes` +
        (deterministic ? "" : " (skipped: the recorded bytes vary between Go runs)"),
      ignore: !deterministic,
      fn: () => {
        const e = new GobEncoder();
        for (const [schema, v] of values) e.encode(schema, v);
        assert.deepEqual(e.take(), stream);
        e.free();
      },
    });
  }
}

for (const name of sessions) {
  const s: Session = JSON.parse(Deno.readTextFileSync(new URL(`${name}.json`, dir)));
  const stream = Deno.readFileSync(new URL(`${name}.client.gob`, dir));
  const values = clientValues(s);
  Deno.test(`codec rpc ${name} client: corrupted bytes decoded with schemas give values, need-more or GobError`, () => {
    const copy = stream.slice();
    // positions across the type definitions and the first calls, then sampled
    const positions = Array.from({ length: Math.min(copy.length, 600) }, (_, i) => i)
      .concat(Array.from({ length: 100 }, (_, i) => Math.floor((i * copy.length) / 100)));
    for (const at of positions) {
      for (const v of [copy[at] ^ 0xff, copy[at] ^ 0x01, 0x00, 0x80]) {
        const old = copy[at];
        copy[at] = v;
        const d = new GobDecoder();
        try {
          d.push(copy);
          for (const [schema] of values) if (d.next(schema) === undefined) break;
        } catch (e) {
          if (!(e instanceof GobError)) assert.fail(`byte ${at} = ${v}: ${e}`);
        } finally {
          d.free();
          copy[at] = old;
        }
      }
    }
  });
}

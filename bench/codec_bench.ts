// Benchmarks of the gob codec (reported, not asserted): the Lambda go1.x messages at three payload
// sizes, and a struct-heavy stream against JSON. Run: deno bench -A bench/codec_bench.ts
import { gob, GobDecoder, GobEncoder, type Infer } from "../codec-as/mod.ts";

const Request = gob.struct("rpc.Request", { ServiceMethod: gob.string, Seq: gob.uint });
const Response = gob.struct("rpc.Response", {
  ServiceMethod: gob.string,
  Seq: gob.uint,
  Error: gob.string,
});
const Timestamp = gob.struct("messages.InvokeRequest_Timestamp", {
  Seconds: gob.int,
  Nanos: gob.int,
});
const InvokeRequest = gob.struct("messages.InvokeRequest", {
  Payload: gob.bytes,
  RequestId: gob.string,
  XAmznTraceId: gob.string,
  Deadline: Timestamp,
  InvokedFunctionArn: gob.string,
  CognitoIdentityId: gob.string,
  CognitoIdentityPoolId: gob.string,
  ClientContext: gob.bytes,
});
const StackFrame = gob.struct("messages.InvokeResponse_Error_StackFrame", {
  Path: gob.string,
  Line: gob.int32,
  Label: gob.string,
});
const InvokeResponse = gob.struct("messages.InvokeResponse", {
  Payload: gob.bytes,
  Error: gob.ptr(gob.struct("messages.InvokeResponse_Error", {
    Message: gob.string,
    Type: gob.string,
    StackTrace: gob.slice(gob.ptr(StackFrame)),
    ShouldExit: gob.bool,
  })),
});

function payload(n: number): Uint8Array {
  const s = JSON.stringify({ data: "x".repeat(Math.max(0, n - 11)) });
  return new TextEncoder().encode(s);
}

function request(p: Uint8Array): Infer<typeof InvokeRequest> {
  return {
    Payload: p,
    RequestId: "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
    XAmznTraceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=53995c3f42cd8ad8;Sampled=1",
    Deadline: { Seconds: 1700000000, Nanos: 123000000 },
    InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
    CognitoIdentityId: "",
    CognitoIdentityPoolId: "",
    ClientContext: new Uint8Array(0),
  };
}

/** The first stream (with type definitions) and the bytes of the same values sent again. */
function valueBytes(encode: (e: GobEncoder) => void): { defs: Uint8Array; values: Uint8Array } {
  const e = new GobEncoder();
  encode(e);
  const defs = e.take().slice();
  encode(e);
  const values = e.take().slice();
  e.free();
  return { defs, values };
}

for (const [label, size] of [["100 B", 100], ["10 KB", 10_000], ["1 MB", 1_000_000]] as const) {
  const p = payload(size);
  const req = request(p);
  const json = JSON.stringify({
    ServiceMethod: "Function.Invoke",
    Seq: 1,
    ...req,
    Payload: new TextDecoder().decode(p),
  });
  const { defs, values } = valueBytes((e) => {
    e.encode(Request, { ServiceMethod: "Function.Invoke", Seq: 1 });
    e.encode(InvokeRequest, req);
  });
  const dec = new GobDecoder();
  dec.push(defs);
  dec.next(Request);
  dec.next(InvokeRequest);
  const group = `decode Request+InvokeRequest ${label}`;
  Deno.bench(`gob decode (push + next ×2) ${label}`, { group }, () => {
    dec.push(values);
    dec.next(Request);
    const r = dec.next(InvokeRequest)!;
    if (r.Payload.length !== p.length) throw new Error("bad payload");
  });
  Deno.bench(`JSON.parse same fields ${label}`, { group, baseline: true }, () => {
    JSON.parse(json);
  });

  const enc = new GobEncoder();
  const resp = { Payload: p, Error: undefined };
  enc.encode(Response, { ServiceMethod: "Function.Invoke", Seq: 1, Error: "" });
  enc.encode(InvokeResponse, resp);
  enc.take();
  const egroup = `encode Response+InvokeResponse ${label}`;
  const respJson = {
    ServiceMethod: "Function.Invoke",
    Seq: 1,
    Payload: new TextDecoder().decode(p),
  };
  Deno.bench(`gob encode (encode ×2 + take) ${label}`, { group: egroup }, () => {
    enc.encode(Response, { ServiceMethod: "Function.Invoke", Seq: 1, Error: "" });
    enc.encode(InvokeResponse, resp);
    enc.take();
  });
  Deno.bench(`JSON.stringify same fields ${label}`, { group: egroup, baseline: true }, () => {
    JSON.stringify(respJson);
  });
}

const Small = gob.struct("main.Small", {
  ID: gob.int,
  Name: gob.string,
  Score: gob.float,
  Active: gob.bool,
  Tags: gob.slice(gob.string),
});
const items = Array.from({ length: 1000 }, (_, i) => ({
  ID: i,
  Name: `item-${i}`,
  Score: i * 1.5,
  Active: i % 2 === 0,
  Tags: ["a", "bc"],
}));
const List = gob.slice(Small);
const { defs: ldefs, values: lvalues } = valueBytes((e) => e.encode(List, items));
const ljson = JSON.stringify(items);
const ldec = new GobDecoder();
ldec.push(ldefs);
ldec.next(List);
Deno.bench("gob decode 1,000 small structs", { group: "struct-heavy decode" }, () => {
  ldec.push(lvalues);
  if (ldec.next(List)!.length !== 1000) throw new Error("bad");
});
Deno.bench(
  "JSON.parse 1,000 small structs",
  { group: "struct-heavy decode", baseline: true },
  () => {
    JSON.parse(ljson);
  },
);
const lenc = new GobEncoder();
lenc.encode(List, items);
lenc.take();
Deno.bench("gob encode 1,000 small structs", { group: "struct-heavy encode" }, () => {
  lenc.encode(List, items);
  lenc.take();
});
Deno.bench("JSON.stringify 1,000 small structs", {
  group: "struct-heavy encode",
  baseline: true,
}, () => {
  JSON.stringify(items);
});

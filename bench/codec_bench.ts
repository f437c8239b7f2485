// Benchmarks of the gob codec (reported, not asserted): the Lambda go1.x messages at three payload
// sizes, and a struct-heavy stream against JSON. Run: deno bench -A bench/codec_bench.ts
import { gob, GobDecoder, GobEncoder } from "../codec-as/mod.ts";
import {
  InvokeRequest,
  InvokeResponse,
  RpcRequest as Request,
  RpcResponse as Response,
} from "../server/go1x/mod.ts";
import { payload, request, sizes, Small, smallItems } from "./codec_values.ts";

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

for (const [label, size] of sizes) {
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

const items = smallItems();
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

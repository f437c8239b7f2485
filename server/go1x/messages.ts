/**
 * The go1.x wire messages: Go's `net/rpc` envelope (`Request`, `Response`) and aws-lambda-go's
 * `lambda/messages` types, described with the codec's type builders. Field names and order follow
 * the Go declarations (gob matches fields by name); type names are package-qualified like Go's
 * (`messages.InvokeRequest`), so the type definitions we send are byte-equal to Go's.
 *
 * @module
 */
import { gob, type Infer } from "../../codec-as/mod.ts";

/**
 * net/rpc's request header: `Request{ServiceMethod string; Seq uint64}`. `Seq` is the client's
 * number, echoed exactly: a number, or a bigint from 2^53 on.
 */
export const RpcRequest = gob.struct("rpc.Request", {
  ServiceMethod: gob.string,
  Seq: gob.uintWide,
});
/** The decoded request header. */
export type RpcRequest = Infer<typeof RpcRequest>;

/** net/rpc's response header: `Response{ServiceMethod string; Seq uint64; Error string}`. */
export const RpcResponse = gob.struct("rpc.Response", {
  ServiceMethod: gob.string,
  Seq: gob.uintWide,
  Error: gob.string,
});
/** The response header. */
export type RpcResponse = Infer<typeof RpcResponse>;

/** The body net/rpc sends with an error response (Go's `invalidRequest`, an empty `struct{}`). */
export const InvalidRequest = gob.struct("", {});

/** `messages.PingRequest{}` */
export const PingRequest = gob.struct("messages.PingRequest", {});
/** `messages.PingResponse{}` */
export const PingResponse = gob.struct("messages.PingResponse", {});

/**
 * `messages.InvokeRequest_Timestamp{Seconds, Nanos int64}` (absolute Unix time): numbers, or
 * bigints outside ±2^53-1 (Go accepts any int64 here).
 */
export const InvokeRequestTimestamp = gob.struct("messages.InvokeRequest_Timestamp", {
  Seconds: gob.intWide,
  Nanos: gob.intWide,
});

/** `messages.InvokeRequest` */
export const InvokeRequest = gob.struct("messages.InvokeRequest", {
  Payload: gob.bytes,
  RequestId: gob.string,
  XAmznTraceId: gob.string,
  Deadline: InvokeRequestTimestamp,
  InvokedFunctionArn: gob.string,
  CognitoIdentityId: gob.string,
  CognitoIdentityPoolId: gob.string,
  ClientContext: gob.bytes,
});
/** The decoded `InvokeRequest`. */
export type InvokeRequest = Infer<typeof InvokeRequest>;

/** `messages.InvokeResponse_Error_StackFrame{Path string; Line int32; Label string}` */
export const InvokeResponseErrorStackFrame = gob.struct(
  "messages.InvokeResponse_Error_StackFrame",
  {
    Path: gob.string,
    Line: gob.int,
    Label: gob.string,
  },
);

/** `messages.InvokeResponse_Error` */
export const InvokeResponseError = gob.struct("messages.InvokeResponse_Error", {
  Message: gob.string,
  Type: gob.string,
  StackTrace: gob.slice(gob.ptr(InvokeResponseErrorStackFrame)),
  ShouldExit: gob.bool,
});
/** The `InvokeResponse_Error` value. */
export type InvokeResponseError = Infer<typeof InvokeResponseError>;

/** `messages.InvokeResponse{Payload []byte; Error *InvokeResponse_Error}` */
export const InvokeResponse = gob.struct("messages.InvokeResponse", {
  Payload: gob.bytes,
  Error: gob.ptr(InvokeResponseError),
});
/** The `InvokeResponse` value. */
export type InvokeResponse = Infer<typeof InvokeResponse>;

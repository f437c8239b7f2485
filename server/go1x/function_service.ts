/**
 * The go1.x `Function` service (aws-lambda-go's `rpc_function.go`, in TypeScript): `Function.Ping`
 * and `Function.Invoke` on top of the rpc server and the invoke core.
 *
 * @module
 */
import { isCodecMemory } from "../../codec-as/mod.ts";
import {
  type FunctionEnvironment,
  type Handler,
  type InvocationInput,
  type InvocationResult,
  invokeNow,
  type InvokeOptions,
  keepsPayload,
  ReplyBuffer,
} from "../core/mod.ts";
import {
  InvokeRequest,
  InvokeResponse,
  type InvokeResponseError,
  PingRequest,
  PingResponse,
} from "./messages.ts";
import type { RpcMethod, RpcRequestBuffer } from "./rpc_server.ts";

/** Options for {@linkcode functionService}. */
export interface FunctionServiceOptions<E = unknown> extends InvokeOptions<E> {
  /**
   * Called after the response of an invocation that must end the process (an uncaught exception
   * or unhandled rejection) has been written. Default: `Deno.exit(1)`.
   */
  exit?: () => void;
}

/** Keeps a leading U+FEFF (ClientContext's bytes, as Go's string(bytes) does). */
const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
const EMPTY = new Uint8Array(0);
const nothing = () => {};

/**
 * Builds the methods of Lambda's go1.x `Function` service for a handler.
 *
 * @param handler The user's handler.
 * @param options Decoder, environment, and what to do when the process must exit.
 * @returns The methods, keyed `"Function.Ping"` and `"Function.Invoke"`, for `RpcServer`.
 * @example
 * ```ts ignore
 * import { functionService } from "./function_service.ts";
 * import { RpcServer } from "./rpc_server.ts";
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const server = new RpcServer(listener, functionService(() => "Hello ƛ!"));
 * ```
 */
export function functionService<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  options: FunctionServiceOptions<E> = {},
): {
  "Function.Ping": RpcMethod<object, object>;
  "Function.Invoke": RpcMethod<InvokeRequest, InvokeResponse>;
} {
  const environment: FunctionEnvironment | undefined = options.environment;
  const replies = new ReplyBuffer();
  const invokeOptions: InvokeOptions<E> = {
    ...options,
    environment,
    serialize: (json) => replies.encode(json),
  };
  const exit = options.exit ?? (() => Deno.exit(1));
  // A large request read into the connection's reused buffer (serve.ts) is claimed unless the
  // handler keeps its payload: a JSON event is parsed before the result is encoded, so the result
  // is encoded over it; a raw handler that borrows its payload has it until the reply is written.
  const claims = !keepsPayload(options);
  const encodesOver = options.raw !== true;
  return {
    "Function.Ping": {
      args: PingRequest,
      reply: PingResponse,
      call: (_args, done) => done({}),
    },
    "Function.Invoke": {
      args: InvokeRequest,
      reply: InvokeResponse,
      call(req, done, requestBuffer?: RpcRequestBuffer) {
        const claimed = claims ? requestBuffer?.claim(req.Payload) : undefined;
        const own = claimed !== undefined && encodesOver ? new ReplyBuffer(claimed) : undefined;
        // Gives the claimed buffer back (once: after the reply is written, or on failure).
        const giveBack = claimed === undefined ? nothing : () => requestBuffer!.release();
        const reply = (result: InvocationResult) => {
          if (result.ok) {
            // A large payload is written from where it is (see rpc.ts): the reused buffer is free
            // again once the reply is on the socket.
            const payload = result.payload;
            done({ Payload: payload, Error: undefined }, undefined, () => {
              replies.release(payload);
              giveBack();
            });
            return;
          }
          giveBack();
          const e = result.error;
          const error: InvokeResponseError = {
            Message: e.message,
            Type: e.type,
            StackTrace: e.stackTrace.map((f) => ({
              Path: f.path,
              Line: clampInt32(f.line),
              Label: f.label,
            })),
            ShouldExit: e.shouldExit,
          };
          done({ Payload: EMPTY, Error: error }, undefined, e.shouldExit ? exit : undefined);
        };
        // Everything read from `req` is used or copied before invokeNow() returns. A synchronous
        // handler's reply is sent at once; an asynchronous one's when it settles.
        let result: InvocationResult | Promise<InvocationResult>;
        try {
          result = invokeNow(
            handler,
            toInput(req),
            own === undefined
              ? invokeOptions
              : { ...invokeOptions, serialize: (j) => own.encode(j) },
          );
        } catch (e) {
          // A failure of the runtime itself (the rpc server answers it): the buffer is free again.
          giveBack();
          throw e;
        }
        if (result instanceof Promise) {
          result.then(
            reply,
            (e) => {
              giveBack();
              done(undefined, `Function.Invoke failed inside the runtime: ${e}`);
            },
          );
        } else reply(result);
      },
    },
  };
}

/**
 * Maps a decoded `InvokeRequest` to the invoke core's input. Its byte fields may be views into
 * codec memory: the payload is handed on as is, the client context is decoded to text here.
 *
 * @param req The decoded request.
 * @returns The invocation input.
 * @example
 * ```ts ignore
 * import { toInput } from "./function_service.ts";
 * const input = toInput(decodedInvokeRequest); // e.g. inside Function.Invoke
 * ```
 */
export function toInput(req: InvokeRequest): InvocationInput {
  const cognito = req.CognitoIdentityId !== "" || req.CognitoIdentityPoolId !== "";
  return {
    requestId: req.RequestId,
    invokedFunctionArn: req.InvokedFunctionArn,
    deadlineMs: deadlineMs(req.Deadline.Seconds, req.Deadline.Nanos),
    traceId: req.XAmznTraceId === "" ? undefined : req.XAmznTraceId,
    clientContext: req.ClientContext.length === 0
      ? undefined
      : textDecoder.decode(req.ClientContext),
    cognitoIdentity: cognito
      ? { identityId: req.CognitoIdentityId, identityPoolId: req.CognitoIdentityPoolId }
      : undefined,
    payload: req.Payload,
    // A large request was read into a buffer of its own (rpc.ts): its payload is a view of it.
    payloadOwned: !isCodecMemory(req.Payload),
  };
}

/** The latest (and earliest) time a JavaScript `Date` holds, in Unix milliseconds. */
const DATE_LIMIT_MS = 8.64e15;

/**
 * An `InvokeRequest_Timestamp` as Unix milliseconds. Go takes any int64 seconds and nanoseconds;
 * a deadline beyond what a `Date` holds is clamped to its limit (still centuries away).
 */
function deadlineMs(seconds: number | bigint, nanos: number | bigint): number {
  const ms = Number(seconds) * 1000 + Math.trunc(Number(nanos) / 1e6);
  return ms > DATE_LIMIT_MS ? DATE_LIMIT_MS : ms < -DATE_LIMIT_MS ? -DATE_LIMIT_MS : ms;
}

function clampInt32(n: number): number {
  return n > 0x7fffffff ? 0x7fffffff : n < 0 ? 0 : n;
}

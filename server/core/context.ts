/**
 * The per-invocation Context: what Lambda tells the function about one call, reachable as the
 * handler's second argument and through {@linkcode Context.current} anywhere inside it.
 *
 * @module
 */
import { asyncStore } from "./async_store.ts";

/** Metadata about the calling mobile application (Go's `lambdacontext.ClientApplication`). */
export interface ClientApplication {
  /** `installation_id` */
  installationId: string;
  /** `app_title` */
  appTitle: string;
  /** `app_version_code` */
  appVersionCode: string;
  /** `app_package_name` */
  appPackageName: string;
}

/** The client context a mobile SDK caller sends, parsed from its JSON. */
export interface ClientContext {
  /** The calling application. Fields absent from the JSON are `""`. */
  client: ClientApplication;
  /** `env`: string values as sent. */
  env: Record<string, string>;
  /** `custom`: string values as sent; other JSON values as their JSON text (as aws-lambda-go does). */
  custom: Record<string, string>;
}

/** The Amazon Cognito identity of the caller, when the call carried one. */
export interface CognitoIdentity {
  /** The Cognito identity id (`""` when absent). */
  cognitoIdentityId: string;
  /** The Cognito identity pool id (`""` when absent). */
  cognitoIdentityPoolId: string;
}

/** What the function's environment says about it (set by Lambda; read once per process). */
export interface FunctionEnvironment {
  /** `AWS_LAMBDA_FUNCTION_NAME` */
  functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION` */
  functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB (0 when unset or not a number). */
  memoryLimitInMB: number;
  /** `AWS_LAMBDA_LOG_GROUP_NAME` */
  logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME` */
  logStreamName: string;
}

/** Everything needed to build a {@linkcode Context}; all but the first three are optional. */
export interface ContextInit {
  /** The request id (`awsRequestId`). */
  requestId: string;
  /** The ARN used to invoke the function (may carry a version or alias). */
  invokedFunctionArn: string;
  /** Absolute deadline, Unix time in milliseconds. */
  deadlineMs: number;
  /** The X-Ray trace header (`Root=…;Parent=…;Sampled=…`). */
  traceId?: string;
  /** The caller's Cognito identity. */
  identity?: CognitoIdentity;
  /** The client context, already parsed (see {@linkcode parseClientContext}). */
  clientContext?: ClientContext;
  /** The tenant id (Runtime API, tenant-isolated functions). */
  tenantId?: string;
  /** Function facts; read from the environment when omitted. */
  environment?: FunctionEnvironment;
}

const storage = asyncStore<Context>();

/**
 * One invocation's context. The runtime builds it; users read it (and build one in their own
 * unit tests with `testing.context()` from `mod.ts`).
 *
 * @example Reading the context inside a handler
 * ```ts
 * import { Context } from "./context.ts";
 * const handler = (_event: unknown, ctx: Context) => ({ arn: ctx.invokedFunctionArn });
 * const ctx = new Context({ requestId: "r1", invokedFunctionArn: "arn:x", deadlineMs: Date.now() + 1000 });
 * console.log(handler({}, ctx).arn); // "arn:x"
 * ctx.dispose();
 * ```
 */
export class Context {
  /** The request id of this invocation. */
  readonly requestId: string;
  /** The ARN used to invoke the function. */
  readonly invokedFunctionArn: string;
  /** Absolute deadline, Unix time in milliseconds. */
  readonly deadlineMs: number;
  /** The X-Ray trace header, when the call carried one. */
  readonly traceId: string | undefined;
  /** The caller's Cognito identity, when the call carried one. */
  readonly identity: CognitoIdentity | undefined;
  /** The client context, when the call carried one. */
  readonly clientContext: ClientContext | undefined;
  /** The tenant id, when the call carried one. */
  readonly tenantId: string | undefined;
  /** `AWS_LAMBDA_FUNCTION_NAME` */
  readonly functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION` */
  readonly functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB. */
  readonly memoryLimitInMB: number;
  /** `AWS_LAMBDA_LOG_GROUP_NAME` */
  readonly logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME` */
  readonly logStreamName: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #disposed = false;

  /**
   * Builds a context. Its deadline signal is armed when first used; call
   * {@linkcode Context.dispose} when the invocation ends (the runtime does) to release the timer.
   *
   * @param init The invocation's facts.
   * @throws {TypeError} When `requestId` or `invokedFunctionArn` is not a string or `deadlineMs`
   * is not a finite number.
   */
  constructor(init: ContextInit) {
    if (typeof init.requestId !== "string") {
      throw new TypeError("Context: requestId must be a string");
    }
    if (typeof init.invokedFunctionArn !== "string") {
      throw new TypeError("Context: invokedFunctionArn must be a string");
    }
    if (typeof init.deadlineMs !== "number" || !Number.isFinite(init.deadlineMs)) {
      throw new TypeError("Context: deadlineMs must be a finite number (Unix time in ms)");
    }
    this.requestId = init.requestId;
    this.invokedFunctionArn = init.invokedFunctionArn;
    this.deadlineMs = init.deadlineMs;
    this.traceId = init.traceId || undefined;
    this.identity = init.identity;
    this.clientContext = init.clientContext;
    this.tenantId = init.tenantId || undefined;
    const env = init.environment ?? functionEnvironment();
    this.functionName = env.functionName;
    this.functionVersion = env.functionVersion;
    this.memoryLimitInMB = env.memoryLimitInMB;
    this.logGroupName = env.logGroupName;
    this.logStreamName = env.logStreamName;
  }

  /**
   * Aborts (with a `TimeoutError` DOMException) when the deadline passes. Created on first use, so
   * invocations that never look at it cost no timer.
   */
  get signal(): AbortSignal {
    if (this.#controller !== undefined) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#disposed) {
      if (Date.now() >= this.deadlineMs) this.#abort();
      return controller.signal;
    }
    this.#arm();
    return controller.signal;
  }

  #arm(): void {
    const delay = this.deadlineMs - Date.now();
    if (delay <= 0) {
      this.#timer = undefined;
      this.#abort();
      return;
    }
    // setTimeout takes a signed 32-bit delay: a longer one is re-armed when it fires.
    this.#timer = setTimeout(() => this.#arm(), Math.min(delay, 0x7fffffff));
  }

  #abort(): void {
    this.#controller?.abort(
      new DOMException(
        `The invocation's deadline passed (request ${this.requestId})`,
        "TimeoutError",
      ),
    );
  }

  /** The same as {@linkcode Context.requestId} (the name AWS's Node.js runtime uses). */
  get awsRequestId(): string {
    return this.requestId;
  }

  /** The deadline as a `Date`. */
  get deadline(): Date {
    return new Date(this.deadlineMs);
  }

  /**
   * Milliseconds left before the deadline (0 once it has passed).
   *
   * @returns A non-negative number of milliseconds.
   */
  remainingTimeMs(): number {
    return Math.max(0, this.deadlineMs - Date.now());
  }

  /** Releases the deadline timer; the signal no longer aborts afterwards. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /**
   * The context of the invocation the caller is running in — across awaits, timers and promise
   * chains started by the handler.
   *
   * @returns The current invocation's context.
   * @throws {Error} When called outside an invocation (at module top level, for instance).
   */
  static current(): Context {
    const ctx = storage.get();
    if (ctx === undefined) {
      throw new Error(
        "Context.current() was called outside a Lambda invocation: it is only available while a " +
          "handler runs (including its awaits, timers and promise chains)",
      );
    }
    return ctx;
  }

  /**
   * Like {@linkcode Context.current} but returns `undefined` outside an invocation.
   *
   * @returns The current invocation's context, or `undefined`.
   */
  static find(): Context | undefined {
    return storage.get();
  }

  /**
   * Runs `fn(a, b)` with `ctx` as the current context (for it and everything it starts).
   *
   * @param ctx The context to make current.
   * @param fn The function to run.
   * @param a Its first argument.
   * @param b Its second argument.
   * @returns What `fn` returns.
   */
  static run<R, A = undefined, B = undefined>(
    ctx: Context,
    fn: (a: A, b: B) => R,
    a?: A,
    b?: B,
  ): R {
    return storage.run(ctx, fn, a, b);
  }
}

/**
 * Reads the function's facts from Lambda's environment variables.
 *
 * @returns The facts; missing variables give `""` (and 0 for the memory size).
 * @example
 * ```ts
 * import { functionEnvironment } from "./context.ts";
 * console.log(functionEnvironment().functionName);
 * ```
 */
export function functionEnvironment(): FunctionEnvironment {
  const get = (name: string) => {
    try {
      return Deno.env.get(name) ?? "";
    } catch {
      return ""; // no env permission: behave as if unset
    }
  };
  const memory = Number.parseInt(get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), 10);
  return {
    functionName: get("AWS_LAMBDA_FUNCTION_NAME"),
    functionVersion: get("AWS_LAMBDA_FUNCTION_VERSION"),
    memoryLimitInMB: Number.isFinite(memory) ? memory : 0,
    logGroupName: get("AWS_LAMBDA_LOG_GROUP_NAME"),
    logStreamName: get("AWS_LAMBDA_LOG_STREAM_NAME"),
  };
}

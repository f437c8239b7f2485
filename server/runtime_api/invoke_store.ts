/**
 * A per-invocation store compatible with `@aws/lambda-invoke-store`, installed as
 * `globalThis.awslambda.InvokeStore` the way AWS's Node.js runtime does, so AWS Powertools for
 * TypeScript and the AWS SDK's recursion-detection middleware read the request id, the X-Ray trace
 * id and the tenant id from us unchanged. Backed by an async-context store (`async_store.ts`, what
 * `AsyncLocalStorage` does), so it stays correct with
 * concurrent invocations (`AWS_LAMBDA_MAX_CONCURRENCY`).
 *
 * @module
 */
import { asyncStore, Context, type Handler } from "../core/mod.ts";

/** The protected keys (global symbols, shared with `@aws/lambda-invoke-store`). */
export const INVOKE_STORE_KEYS = {
  REQUEST_ID: Symbol.for("_AWS_LAMBDA_REQUEST_ID"),
  X_RAY_TRACE_ID: Symbol.for("_AWS_LAMBDA_X_RAY_TRACE_ID"),
  TENANT_ID: Symbol.for("_AWS_LAMBDA_TENANT_ID"),
} as const;

type Key = string | symbol;
type Store = Record<Key, unknown>;

/**
 * The entries of invocations that run without an explicit `run` (go1.x, see
 * {@linkcode withInvokeStore}), made when first asked for: their protected keys come from the
 * current Context.
 */
const contextEntries = new WeakMap<Context, Store>();

function entriesOf(ctx: Context): Store {
  let store = contextEntries.get(ctx);
  if (store === undefined) {
    store = {
      [INVOKE_STORE_KEYS.REQUEST_ID]: ctx.requestId,
      [INVOKE_STORE_KEYS.X_RAY_TRACE_ID]: ctx.traceId,
      [INVOKE_STORE_KEYS.TENANT_ID]: ctx.tenantId,
    };
    contextEntries.set(ctx, store);
  }
  return store;
}

/**
 * The store's interface, as `@aws/lambda-invoke-store`'s instances expose it. Inside `run` it
 * holds that run's entries; elsewhere inside an invocation (`Context.current()` set, no `run`) it
 * answers from the invocation's Context, which costs an invocation nothing until asked.
 */
export class InvokeStore {
  /** The protected keys. */
  static readonly PROTECTED_KEYS = INVOKE_STORE_KEYS;
  readonly #als = asyncStore<Store>();

  /**
   * Runs `fn` with a fresh store holding `context`'s entries.
   *
   * @param context Initial entries (the runtime passes the protected keys).
   * @param fn The code to run.
   * @returns What `fn` returns.
   */
  run<T>(context: Store, fn: () => T): T {
    return this.#als.run({ ...context }, fn);
  }

  /**
   * {@linkcode InvokeStore.run} of `fn(a, b)`: what the runtime uses, so that it needs no closure
   * per invocation over the event (V8's call feedback would keep the first such closure, and the
   * event, alive through young collections).
   *
   * @param context Initial entries.
   * @param fn The code to run.
   * @param a Its first argument.
   * @param b Its second argument.
   * @returns What `fn` returns.
   */
  runWith<T, A, B, C = undefined>(
    context: Store,
    fn: (a: A, b: B, c: C) => T,
    a: A,
    b: B,
    c?: C,
  ): T {
    return this.#als.run({ ...context }, fn, a, b, c);
  }

  /** @returns The current invocation's store, or undefined outside one. */
  getContext(): Store | undefined {
    const store = this.#als.get();
    if (store !== undefined) return store;
    const ctx = Context.find();
    return ctx === undefined ? undefined : entriesOf(ctx);
  }

  /** @returns Whether code runs inside an invocation. */
  hasContext(): boolean {
    return this.#als.get() !== undefined || Context.find() !== undefined;
  }

  /**
   * @param key A key.
   * @returns The value in the current store, or undefined.
   */
  get(key: Key): unknown {
    const store = this.#als.get();
    if (store !== undefined) return store[key];
    const ctx = Context.find();
    if (ctx === undefined) return undefined;
    // The protected keys without making the entries (Powertools asks for them on every log line).
    if (key === INVOKE_STORE_KEYS.REQUEST_ID) return ctx.requestId;
    if (key === INVOKE_STORE_KEYS.X_RAY_TRACE_ID) return ctx.traceId;
    if (key === INVOKE_STORE_KEYS.TENANT_ID) return ctx.tenantId;
    return contextEntries.get(ctx)?.[key];
  }

  /**
   * Sets a value in the current invocation's store.
   *
   * @param key A key (not a protected one).
   * @param value The value.
   * @throws {Error} For a protected key, or outside an invocation.
   */
  set(key: Key, value: unknown): void {
    if (this.isProtectedKey(key)) {
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    }
    const store = this.getContext();
    if (store === undefined) throw new Error("No context available");
    store[key] = value;
  }

  /**
   * @param key A key.
   * @returns Whether it is one of the protected Lambda keys.
   */
  isProtectedKey(key: Key): boolean {
    return Object.values(INVOKE_STORE_KEYS).includes(key as symbol);
  }

  /** @returns The current request id, or `"-"` outside an invocation. */
  getRequestId(): string {
    return (this.get(INVOKE_STORE_KEYS.REQUEST_ID) as string | undefined) ?? "-";
  }

  /** @returns The current X-Ray trace header, if any. */
  getXRayTraceId(): string | undefined {
    return this.get(INVOKE_STORE_KEYS.X_RAY_TRACE_ID) as string | undefined;
  }

  /** @returns The current tenant id, if any. */
  getTenantId(): string | undefined {
    return this.get(INVOKE_STORE_KEYS.TENANT_ID) as string | undefined;
  }
}

/**
 * The store at `globalThis.awslambda.InvokeStore`: the one already there (a library may have
 * installed its own first) or a new {@link InvokeStore}. Nothing is installed when
 * `AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA` is `1` or `true` (AWS's escape hatch); a private
 * store is returned then.
 *
 * @returns The store the runtime must use for every invocation.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { installInvokeStore, INVOKE_STORE_KEYS } from "./invoke_store.ts";
 * const store = installInvokeStore();
 * const seen = store.run({ [INVOKE_STORE_KEYS.REQUEST_ID]: "r1" }, () => store.getRequestId?.());
 * assert.equal(seen, "r1");
 * ```
 */
export function installInvokeStore(): Pick<InvokeStore, "run"> & Partial<InvokeStore> {
  const g = globalThis as { awslambda?: { InvokeStore?: Pick<InvokeStore, "run"> } };
  let optOut = "";
  try {
    optOut = Deno.env.get("AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA") ?? "";
  } catch {
    // no env permission: install
  }
  if (optOut === "1" || optOut === "true") return (privateStore ??= new InvokeStore());
  g.awslambda ??= {};
  if (typeof g.awslambda.InvokeStore?.run !== "function") {
    g.awslambda.InvokeStore = new InvokeStore();
  }
  return g.awslambda.InvokeStore!;
}

let privateStore: InvokeStore | undefined;

/**
 * The entries one invocation's store holds, from its Context.
 *
 * @param ctx The invocation's Context.
 * @returns The request id, X-Ray trace id and tenant id under the store's keys.
 */
export function invokeStoreEntries(ctx: Context): Record<string, string | undefined> {
  return {
    [INVOKE_STORE_KEYS.REQUEST_ID]: ctx.requestId,
    [INVOKE_STORE_KEYS.X_RAY_TRACE_ID]: ctx.traceId,
    [INVOKE_STORE_KEYS.TENANT_ID]: ctx.tenantId,
  };
}

/**
 * The handler run inside the installed store's entries for each invocation (request id, X-Ray
 * trace id, tenant id), for the go1.x transport: its result stays synchronous when the handler's
 * is, Node's callback is passed on, and the arity is kept. With lambda-gob's own store installed
 * the handler is returned as it is: that store reads the invocation's Context.
 *
 * @param handler The user's handler.
 * @param store The store (default: the one {@linkcode installInvokeStore} installs).
 * @returns The wrapped handler.
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { invoke } from "../core/mod.ts";
 * import { withInvokeStore } from "./invoke_store.ts";
 * type Global = { awslambda?: { InvokeStore?: { getRequestId(): string } } };
 * const handler = withInvokeStore(() =>
 *   (globalThis as Global).awslambda?.InvokeStore?.getRequestId()
 * );
 * const r = await invoke(handler, {
 *   requestId: "r-7",
 *   invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
 *   deadlineMs: Date.now() + 1000,
 *   payload: new TextEncoder().encode("{}"),
 * });
 * equal(r.ok && new TextDecoder().decode(r.payload), '"r-7"');
 * ```
 */
export function withInvokeStore<E>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, any>,
  store: ReturnType<typeof installInvokeStore> = installInvokeStore(),
): Handler<E, unknown> {
  // Ours answers from the Context: no run per invocation.
  if (store instanceof InvokeStore) return handler;
  const wrapped = (event: E, ctx: Context): unknown => {
    const entries = invokeStoreEntries(ctx);
    // A store a library installed first may only have `run`.
    return store.runWith !== undefined
      ? store.runWith(entries, handler, event, ctx, ctx.done)
      : store.run(entries, () => handler(event, ctx, ctx.done));
  };
  // The invoke core reads the arity (no parameters: any payload; three: a callback handler).
  Object.defineProperty(wrapped, "length", { value: handler.length });
  return wrapped;
}

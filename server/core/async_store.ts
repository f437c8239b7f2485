/**
 * A value that follows an asynchronous flow (what `AsyncLocalStorage` does), without loading
 * Deno's Node.js compatibility layer on the go1.x start-up path.
 *
 * `node:async_hooks` costs about 6 ms of start-up here (it brings up a large part of the Node
 * layer), and its `AsyncLocalStorage` is a thin wrapper over the runtime's own async-context
 * variable (V8's continuation-preserved embedder data). This module uses that data directly
 * when the runtime exposes it (not through Deno's `AsyncVariable`: see `CoreStore`), and falls
 * back to `node:async_hooks` when it does not (another runtime, or a Deno whose internals
 * changed); both behave the same, and `async_store_test.ts` runs the same checks against each.
 *
 * @module
 */

/** A value bound to the asynchronous flow started by {@linkcode AsyncStore.run}. */
export interface AsyncStore<T> {
  /**
   * Runs `fn(a, b, c)` with `value` current for it and everything it starts (awaits, timers,
   * promise chains), and restores the outer value when `fn` returns or throws. Passing the
   * arguments spares a caller a closure per run: V8's call feedback at `fn`'s call site would
   * keep the first such closure, and what it captured, alive through young-generation
   * collections.
   */
  run<R, A = undefined, B = undefined, C = undefined>(
    value: T,
    fn: (a: A, b: B, c: C) => R,
    a?: A,
    b?: B,
    c?: C,
  ): R;
  /** The current value, or `undefined` outside any `run`. */
  get(): T | undefined;
}

/** Which implementation {@linkcode asyncStore} uses on this runtime. */
export type AsyncStoreKind = "deno-core" | "node:async_hooks";

/**
 * The runtime's async-context mapping: V8's continuation-preserved embedder data, which Deno's
 * `AsyncVariable`s (and so `node:async_hooks`) keep as an object of entries, copied on each enter.
 */
interface CoreAsyncContext {
  getAsyncContext(): Record<PropertyKey, unknown> | undefined | null;
  setAsyncContext(mapping: unknown): void;
}

function findCore(): CoreAsyncContext | undefined {
  const deno = (globalThis as { Deno?: Record<PropertyKey, unknown> }).Deno;
  const key = deno?.internal;
  if (deno === undefined || typeof key !== "symbol") return undefined;
  const core = (deno[key] as { core?: Partial<CoreAsyncContext> } | undefined)?.core;
  if (typeof core?.getAsyncContext !== "function") return undefined;
  if (typeof core.setAsyncContext !== "function") return undefined;
  return core as CoreAsyncContext;
}

const core = findCore();

/**
 * The value under a key of its own in the runtime's async-context mapping, as Deno's
 * `AsyncVariable` keeps an entry there (other variables' entries are copied along, and they copy
 * this one). Deno's `AsyncVariable` itself is not used: it keeps each value in a long-lived
 * `WeakMap` keyed by a fresh entry per `enter`, and V8's young-generation collections treat such a
 * table's values as live, so every invocation's Context (and all it references) survived the next
 * scavenge. That survival grew the young generation to its maximum (RSS +46 MiB over 100,000
 * invokes); here the value lives in the mapping object itself, which dies with the invocation.
 */
class CoreStore<T> implements AsyncStore<T> {
  #key = Symbol("lambda-gob AsyncStore");
  #core: CoreAsyncContext;

  constructor(c: CoreAsyncContext) {
    this.#core = c;
  }

  run<R, A = undefined, B = undefined, C = undefined>(
    value: T,
    fn: (a: A, b: B, c: C) => R,
    a?: A,
    b?: B,
    c?: C,
  ): R {
    const core = this.#core;
    const previous = core.getAsyncContext();
    core.setAsyncContext({ __proto__: null, ...previous, [this.#key]: value });
    try {
      return fn(a as A, b as B, c as C);
    } finally {
      core.setAsyncContext(previous);
    }
  }

  get(): T | undefined {
    const mapping = this.#core.getAsyncContext();
    return mapping == null ? undefined : mapping[this.#key] as T | undefined;
  }
}

type NodeStorage<T> = {
  run<R, A, B, C>(store: T, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R;
  getStore(): T | undefined;
};
type NodeStorageClass = new <T>() => NodeStorage<T>;

const loadNode = async (): Promise<NodeStorageClass> =>
  (await import("node:async_hooks")).AsyncLocalStorage as unknown as NodeStorageClass;

// Loaded only where the runtime's variable is missing, so the Node layer stays off the fast path.
const NodeAsyncLocalStorage = core === undefined ? await loadNode() : undefined;

/** `node:async_hooks`' `AsyncLocalStorage` behind the same interface. */
class NodeStore<T> implements AsyncStore<T> {
  #storage: NodeStorage<T>;

  constructor(C: NodeStorageClass) {
    this.#storage = new C<T>();
  }

  run<R, A = undefined, B = undefined, C = undefined>(
    value: T,
    fn: (a: A, b: B, c: C) => R,
    a?: A,
    b?: B,
    c?: C,
  ): R {
    return this.#storage.run(value, fn, a as A, b as B, c as C);
  }

  get(): T | undefined {
    return this.#storage.getStore();
  }
}

/**
 * The implementation {@linkcode asyncStore} picks on this runtime: `"deno-core"` (no Node layer)
 * or `"node:async_hooks"`.
 *
 * @example
 * ```ts
 * import { asyncStoreKind } from "./async_store.ts";
 * import { equal } from "node:assert/strict";
 * equal(asyncStoreKind, "deno-core"); // Deno 2 has the core's async context
 * ```
 */
export const asyncStoreKind: AsyncStoreKind = core !== undefined ? "deno-core" : "node:async_hooks";

/**
 * Makes a new store, independent of every other one.
 *
 * @returns The store.
 *
 * @example
 * ```ts
 * import { asyncStore } from "./async_store.ts";
 * import { strictEqual } from "node:assert/strict";
 * const requestId = asyncStore<string>();
 * await requestId.run("r-1", async () => {
 *   await new Promise((resolve) => setTimeout(resolve, 1));
 *   strictEqual(requestId.get(), "r-1");
 * });
 * strictEqual(requestId.get(), undefined);
 * ```
 */
export function asyncStore<T>(): AsyncStore<T> {
  return core !== undefined ? new CoreStore<T>(core) : new NodeStore<T>(NodeAsyncLocalStorage!);
}

/**
 * A store backed by `node:async_hooks` whatever the runtime offers (for comparing the two).
 *
 * @returns The store.
 *
 * @example
 * ```ts
 * import { nodeAsyncStore } from "./async_store.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const s = await nodeAsyncStore<number>();
 * deepStrictEqual(s.run(1, () => s.get()), 1);
 * ```
 */
export async function nodeAsyncStore<T>(): Promise<AsyncStore<T>> {
  return new NodeStore<T>(NodeAsyncLocalStorage ?? await loadNode());
}

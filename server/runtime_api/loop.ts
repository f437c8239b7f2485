/**
 * The Lambda Runtime API transport (provided.al2023): the loop that fetches events from
 * `AWS_LAMBDA_RUNTIME_API`, runs the handler through the invoke core, and posts results, errors
 * and streamed responses back. Up to `AWS_LAMBDA_MAX_CONCURRENCY` invocations run at once, each
 * with its own Context and `InvokeStore` entry. SIGTERM/SIGINT stop the loop gracefully.
 *
 * This file is the workers and the shutdown; one invocation (headers, handler, `InvokeStore`) is
 * `invocation.ts`'s, and posting its result or error is `post_outcome.ts`'s.
 *
 * @module
 */
import {
  functionEnvironment,
  type Handler,
  type InvokeOptions,
  keepsPayload,
  ReplyBuffer,
  watchUncaught,
} from "../core/mod.ts";
import { installInvokeStore } from "./invoke_store.ts";
import { type NextInvocation, RuntimeApiClient, UnanswerableInvocation } from "./client.ts";
import { handleInvocation, wrapHandler } from "./invocation.ts";
import { markInitDone } from "./init_error.ts";

/** Options of `runRuntimeApi` (`run.ts`). */
export interface RuntimeApiOptions<E = unknown> extends InvokeOptions<E> {
  /** `host:port` of the Runtime API. Default: `AWS_LAMBDA_RUNTIME_API`. */
  address?: string;
  /** Invocations in flight at once. Default: `AWS_LAMBDA_MAX_CONCURRENCY`, else 1. */
  concurrency?: number;
  /**
   * Called once on SIGTERM or SIGINT, after the invocations in flight have finished and before
   * the process exits with status 0 (close connections, flush telemetry…). A second signal
   * while waiting exits at once with status 130.
   */
  onShutdown?: (signal: "SIGTERM" | "SIGINT") => void | Promise<void>;
  /** Listen for SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
  /** Stops the loop (no more `next`); the returned promise settles once in-flight work is done. */
  signal?: AbortSignal;
  /** How to exit after a fatal error or a shutdown signal. Default `Deno.exit`. */
  exit?: (code: number) => void;
}

/**
 * The loop itself: {@linkcode runRuntimeApi} (`run.ts`) loads this module and calls it.
 *
 * @param handler The Lambda handler.
 * @param options Address, concurrency, shutdown hook and the invoke core's options.
 * @returns Settles when the loop has stopped and in-flight invocations are done.
 * @throws {TypeError} When no Runtime API address is known or `concurrency` is not a positive
 * integer.
 */
export async function runLoop<E, R>(
  // deno-lint-ignore no-explicit-any
  handler: Handler<E, R> | Handler<any, R>,
  options: RuntimeApiOptions<E> = {},
): Promise<void> {
  const address = options.address ?? env("AWS_LAMBDA_RUNTIME_API");
  if (!address) {
    throw new TypeError(
      "runRuntimeApi needs the Runtime API address: set AWS_LAMBDA_RUNTIME_API or options.address",
    );
  }
  const concurrency = options.concurrency ?? maxConcurrency();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  watchUncaught(); // uncaught errors during an invocation fail it (then exit), as in go1.x mode
  const client = new RuntimeApiClient(address);
  const invokeOptions: InvokeOptions<E> = {
    ...options,
    // The function's facts are the process's: read once, not for every invocation's Context.
    environment: options.environment ?? functionEnvironment(),
  };
  const exit = options.exit ?? Deno.exit;
  const store = installInvokeStore();
  const wrapped = wrapHandler(handler, store);
  const stop = new AbortController();
  const stopped = () => stop.signal.aborted;
  options.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  if (options.signal?.aborted) stop.abort();
  let exitCode: number | undefined;

  const removeSignals = options.handleSignals === false ? () => {} : listenForShutdown((sig) => {
    if (shutdownSignal !== undefined) return exit(130); // a second signal: stop waiting
    if (stopped()) return;
    shutdownSignal = sig;
    stop.abort();
  });
  let shutdownSignal: "SIGTERM" | "SIGINT" | undefined;

  const worker = async () => {
    // Each worker encodes its JSON results into one reused buffer, and JSON handlers' events are
    // read into the same buffer: they only parse the event's bytes, at the start of the invocation,
    // before the result is encoded (a 6 MB event is then neither 6 MB of garbage per invoke nor a
    // second 6 MB buffer beside the result's). Raw handlers get the bytes themselves, so theirs are
    // new each time, unless they only borrow them: then the same buffer, read into again once the
    // response has been posted (raw results are not encoded into it).
    const replies = new ReplyBuffer();
    const workerOptions: InvokeOptions<E> = {
      ...invokeOptions,
      serialize: options.serialize ?? ((json) => replies.encode(json)),
    };
    const eventInto = keepsPayload(options) ? undefined : (n: number) => replies.eventInto(n);
    while (!stopped()) {
      let inv: NextInvocation;
      try {
        inv = await client.next(stop.signal, eventInto);
      } catch (e) {
        if (stopped()) return;
        if (e instanceof UnanswerableInvocation) {
          // Nothing can be posted for it; Lambda times it out. The API itself works: go on.
          markInitDone();
          console.error(`Runtime API: ${e.message}; it cannot be answered, skipped`);
          continue;
        }
        console.error(`Runtime API loop stopped: ${e}`);
        exitCode ??= 1;
        stop.abort();
        return;
      }
      markInitDone();
      const fatal = await handleInvocation(client, wrapped, inv, workerOptions, replies);
      if (fatal) {
        exitCode ??= 1;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    removeSignals();
    client.close();
  }
  if (shutdownSignal !== undefined) {
    try {
      await options.onShutdown?.(shutdownSignal);
    } catch (e) {
      console.error(`The shutdown hook failed: ${e}`);
    }
    exit(exitCode ?? 0);
  } else if (exitCode !== undefined) {
    exit(exitCode);
  }
}

function listenForShutdown(onSignal: (sig: "SIGTERM" | "SIGINT") => void): () => void {
  const added: [Deno.Signal, () => void][] = [];
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    const fn = () => onSignal(sig);
    try {
      Deno.addSignalListener(sig, fn);
      added.push([sig, fn]);
    } catch {
      // signals unsupported here (Windows SIGTERM): nothing to listen for
    }
  }
  return () => {
    for (const [sig, fn] of added) Deno.removeSignalListener(sig, fn);
  };
}

function maxConcurrency(): number {
  const raw = env("AWS_LAMBDA_MAX_CONCURRENCY");
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

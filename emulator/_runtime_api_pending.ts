/**
 * One invocation of the Runtime API emulator between `invoke` and its outcome, and its clock
 * (`RuntimeApiServer` in `runtime_api_server.ts` keeps the queue it waits in): the queue
 * timeout before a `next` call takes it, the deadline (plus grace) after, and settling only once.
 *
 * @module
 */
import { invocationHeaders } from "./_runtime_api_wire.ts";
import type {
  RuntimeApiInvocation,
  RuntimeApiOutcome,
  RuntimeApiServerOptions,
} from "./runtime_api_types.ts";

/** A queued or in-flight invocation. */
export interface Pending {
  /** Its request id. */
  requestId: string;
  /** The headers `next` sends it with (without the deadline). */
  headers: Record<string, string>;
  /** The event. */
  body: Uint8Array;
  /** Fixed by the caller, or set when the invocation is handed to `next` (like Lambda's clock). */
  deadlineMs: number | undefined;
  /** From `next` to the deadline, when the caller fixed none. */
  timeoutMs: number;
  /** Settles the invocation; later calls do nothing. */
  resolve: (outcome: RuntimeApiOutcome) => void;
  /** The timer running now: the queue timeout or the deadline. */
  timer?: ReturnType<typeof setTimeout>;
  /** Whether it has an outcome. */
  settled: boolean;
  /** When it was handed to `next` (`performance.now()`), for the outcome's duration. */
  handedOutAt?: number;
}

/**
 * Makes an invocation and starts its first timer: the deadline when the caller fixed one, else
 * the queue timeout when the options set one.
 *
 * @param requestId The invocation's id.
 * @param invocation The event and its metadata.
 * @param options The server's options (`graceMs`, `queueTimeoutMs`).
 * @param onSettle Called once, as it settles, to take it out of the queue.
 * @param resolve Receives the outcome.
 * @returns The pending invocation.
 */
export function startPending(
  requestId: string,
  invocation: RuntimeApiInvocation,
  options: RuntimeApiServerOptions,
  onSettle: (pending: Pending) => void,
  resolve: (outcome: RuntimeApiOutcome) => void,
): Pending {
  const payload = invocation.payload ?? "{}";
  const pending: Pending = {
    requestId,
    headers: invocationHeaders(invocation, requestId),
    body: typeof payload === "string" ? new TextEncoder().encode(payload) : payload,
    deadlineMs: invocation.deadlineMs,
    timeoutMs: invocation.timeoutMs ?? 3000,
    settled: false,
    resolve: (outcome) => {
      if (pending.settled) return;
      pending.settled = true;
      clearTimeout(pending.timer);
      onSettle(pending);
      const start = pending.handedOutAt;
      if (start !== undefined && (outcome.type === "response" || outcome.type === "error")) {
        outcome = { ...outcome, durationMs: performance.now() - start };
      }
      resolve(outcome);
    },
  };
  if (pending.deadlineMs !== undefined) armDeadline(pending, options.graceMs);
  else if (options.queueTimeoutMs !== undefined) {
    const deadlineMs = Date.now() + options.queueTimeoutMs;
    pending.timer = setTimeout(
      () => pending.resolve({ type: "timeout", requestId, deadlineMs }),
      options.queueTimeoutMs,
    );
  }
  return pending;
}

/**
 * Hands the invocation to `next`: its clock for the duration starts, and its deadline, when the
 * caller fixed none, is set from now (the queue timeout, if any, stops).
 *
 * @param pending The invocation.
 * @param graceMs Extra time after the deadline (default 0).
 */
export function handOut(pending: Pending, graceMs = 0): void {
  pending.handedOutAt = performance.now();
  if (pending.deadlineMs !== undefined) return;
  clearTimeout(pending.timer);
  pending.deadlineMs = Date.now() + pending.timeoutMs;
  armDeadline(pending, graceMs);
}

/**
 * Times the invocation out at its deadline plus `graceMs`.
 *
 * @param pending An invocation whose `deadlineMs` is set.
 * @param graceMs Extra time after the deadline (default 0).
 */
export function armDeadline(pending: Pending, graceMs = 0): void {
  const deadlineMs = pending.deadlineMs!;
  const wait = Math.max(0, deadlineMs - Date.now()) + graceMs;
  pending.timer = setTimeout(
    () => pending.resolve({ type: "timeout", requestId: pending.requestId, deadlineMs }),
    wait,
  );
}

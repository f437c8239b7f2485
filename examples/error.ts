/**
 * A function error: the thrown error's class name, message and stack frames reach the caller.
 *
 * `deno task invoke examples/error.ts` exits 1 and prints on standard error:
 * `InsufficientFunds: account 42 has 10, needs 25` followed by the frames.
 *
 * @module
 */
import { start } from "../mod.ts";

/** A domain error: its class name becomes the Lambda error type. */
export class InsufficientFunds extends Error {}

function withdraw(account: number, balance: number, amount: number): number {
  if (amount > balance) {
    throw new InsufficientFunds(`account ${account} has ${balance}, needs ${amount}`);
  }
  return balance - amount;
}

/** @returns Never: the withdrawal always fails. */
export function handler(): number {
  return withdraw(42, 10, 25);
}

if (import.meta.main) start(handler);

// A function that exports its handler and its start options (a decoder): the entry wrapper starts
// it with them, as `if (import.meta.main) start(handler, startOptions)` would when run directly.
import type { StartOptions } from "../../mod.ts";

interface Order {
  items: number[];
}

/** Checks the event's shape and fills in `items` when it is missing. */
function decodeOrder(json: unknown): Order {
  const o = json as { items?: unknown };
  if (o.items === undefined) return { items: [] };
  if (!Array.isArray(o.items)) throw new TypeError("items: expected an array");
  return { items: o.items as number[] };
}

export const startOptions: StartOptions<Order> = { decode: decodeOrder };

export function handler(event: Order): number {
  return event.items.length; // throws without the decoder for an event with no items
}

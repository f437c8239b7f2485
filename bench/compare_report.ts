/**
 * The arithmetic and table rows of the side-by-side benchmarks: medians over rounds, the spread
 * between rounds (the noise), numbers formatted for the tables. Never asserts.
 *
 * @module
 */

/** Values of one metric over the rounds. */
export type Samples = Record<string, number[]>;

/**
 * Median of a list (NaN when empty).
 *
 * @param xs The values.
 * @returns The median.
 * @example
 * ```ts
 * import { median } from "./compare_report.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(median([3, 1, 2]), 2);
 * ```
 */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Spread between rounds: (max − min) / median, as a percentage (NaN with fewer than two values).
 *
 * @param xs The values.
 * @returns The spread in percent.
 * @example
 * ```ts
 * import { spread } from "./compare_report.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(spread([90, 100, 110]), 20);
 * ```
 */
export function spread(xs: number[]): number {
  if (xs.length < 2) return NaN;
  return (Math.max(...xs) - Math.min(...xs)) / median(xs) * 100;
}

/**
 * Formats a number for the table (3 significant digits, thousands kept whole).
 *
 * @param x The value.
 * @returns The text, `n/a` for NaN.
 * @example
 * ```ts
 * import { fmt } from "./compare_report.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(fmt(0.12345), "0.123");
 * ```
 */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString("en-US");
  return Number(x.toPrecision(3)).toString();
}

/**
 * Renders one metric for every peer as a markdown row: median, and the spread in brackets.
 *
 * @param label Row label.
 * @param peers Peer names, in column order.
 * @param get The samples of a peer (undefined: not measured).
 * @returns One markdown line.
 * @example
 * ```ts
 * import { row } from "./compare_report.ts";
 * import { equal } from "node:assert/strict";
 * // median 2, spread (3 − 1) / 2 = 100 %, shown as ± half of it
 * equal(row("p50", ["a", "b"], (p) => p === "a" ? [1, 2, 3] : undefined), "| p50 | 2 (±50%) | – |");
 * ```
 */
export function row(
  label: string,
  peers: string[],
  get: (peer: string) => number[] | undefined,
): string {
  const cells = peers.map((p) => {
    const xs = get(p);
    if (!xs || xs.length === 0) return "–";
    const s = spread(xs);
    return Number.isFinite(s) ? `${fmt(median(xs))} (±${Math.round(s / 2)}%)` : fmt(median(xs));
  });
  return `| ${label} | ${cells.join(" | ")} |`;
}

/**
 * Renders one row of a targets table: what is compared, the ratio measured, the target (the ratio
 * must not exceed it) and whether it is met.
 *
 * @param what The comparison, e.g. "ours / Go typical".
 * @param ratio The ratio measured (NaN: not measured in this record).
 * @param target The highest ratio that meets the target.
 * @returns One markdown line.
 * @example
 * ```ts
 * import { targetRow } from "./compare_report.ts";
 * import { equal } from "node:assert/strict";
 * equal(targetRow("a / b", 1.2, 1.3), "| a / b | 1.2× | ≤ 1.3× | met |");
 * equal(targetRow("a / b", 1.5, 1), "| a / b | 1.5× | ≤ 1× | not met |");
 * equal(targetRow("a / b", NaN, 1), "| a / b | n/a | ≤ 1× | not measured |");
 * ```
 */
export function targetRow(what: string, ratio: number, target: number): string {
  const verdict = !Number.isFinite(ratio) ? "not measured" : ratio <= target ? "met" : "not met";
  const shown = Number.isFinite(ratio) ? `${fmt(ratio)}×` : "n/a";
  return `| ${what} | ${shown} | ≤ ${fmt(target)}× | ${verdict} |`;
}

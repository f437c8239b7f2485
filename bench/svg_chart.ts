/**
 * A horizontal bar chart as SVG text, for the benchmark records: one bar per ratio, a line at 1×.
 * Written by hand (no library): bars, labels and values, nothing else.
 *
 * @module
 */

/** One bar: a label and a ratio (NaN: drawn as "n/a"). */
export interface Bar {
  /** Text left of the bar. */
  label: string;
  /** The ratio. */
  value: number;
}

/** A group of bars under a heading. */
export interface BarGroup {
  /** The group's heading. */
  heading: string;
  /** Its bars. */
  bars: Bar[];
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Draws groups of ratio bars on a logarithmic scale (0.05× to 20×), with a line at 1×: bars left
 * of it are ours faster or smaller, right of it slower or larger.
 *
 * @param title The chart's title.
 * @param subtitle A line under it (the commit and date).
 * @param groups The bars.
 * @returns The SVG document.
 * @example
 * ```ts
 * import { barChart } from "./svg_chart.ts";
 * import { match } from "node:assert/strict";
 * const svg = barChart("t", "s", [{ heading: "h", bars: [{ label: "a < b", value: 0.5 }] }]);
 * match(svg, /^<svg /);
 * match(svg, /a &lt; b/);
 * match(svg, />0\.5×</);
 * ```
 */
export function barChart(title: string, subtitle: string, groups: BarGroup[]): string {
  const labelW = 430, plotW = 420, valueW = 70, rowH = 18, left = 10;
  const width = left + labelW + plotW + valueW;
  const lo = Math.log(0.05), hi = Math.log(20);
  const x = (v: number) => left + labelW + (Math.log(v) - lo) / (hi - lo) * plotW;
  const parts: string[] = [];
  let y = 58;
  for (const g of groups) {
    y += 8;
    parts.push(`<text x="${left}" y="${y + 12}" font-weight="bold">${esc(g.heading)}</text>`);
    y += rowH + 2;
    for (const b of g.bars) {
      const v = Math.min(Math.max(b.value, 0.05), 20);
      const x0 = x(1), x1 = x(v);
      parts.push(
        `<text x="${left + labelW - 6}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`,
      );
      if (Number.isFinite(b.value) && b.value > 0) {
        const fill = b.value <= 1 ? "#3a7d44" : "#b5543c";
        parts.push(
          `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y + 3}" width="${
            Math.max(Math.abs(x1 - x0), 1).toFixed(1)
          }" height="${rowH - 6}" fill="${fill}"/>`,
        );
      }
      const text = Number.isFinite(b.value)
        ? `${Number(b.value.toPrecision(b.value < 1 ? 2 : 3))}×`
        : "n/a";
      parts.push(`<text x="${left + labelW + plotW + 6}" y="${y + 13}">${text}</text>`);
      y += rowH;
    }
  }
  const height = y + 34;
  const ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20].map((t) =>
    `<line x1="${x(t).toFixed(1)}" y1="62" x2="${x(t).toFixed(1)}" y2="${height - 28}" stroke="${
      t === 1 ? "#000" : "#ddd"
    }"/><text x="${x(t).toFixed(1)}" y="${height - 14}" text-anchor="middle">${t}×</text>`
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="${left}" y="42" fill="#444">${esc(subtitle)}</text>`,
    ...ticks,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}

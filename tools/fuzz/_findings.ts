/**
 * What the decoder fuzz target reports, and the printer of decoded values that finds the
 * value-shaped findings: a value of no JSON-like type, or an object with a foreign prototype.
 * The print also lets whole and split decoding of one input be compared.
 *
 * @module
 */
import { GobOpaque } from "../../codec-as/mod.ts";

/** What went wrong with one input. */
export interface Finding {
  /** trap | untyped | split | prototype | memory | sentinel | hang */
  kind: string;
  /** Details (error name, message, first stack lines). */
  detail: string;
}

/** Thrown for a finding (caught by the runner). */
export class FindingError extends Error {
  /** The finding. */
  readonly finding: Finding;
  /** @param finding what was found */
  constructor(finding: Finding) {
    super(`${finding.kind}: ${finding.detail}`);
    this.name = "FindingError";
    this.finding = finding;
  }
}

/**
 * Describes a thrown value for a finding: name, message and the first stack lines.
 *
 * @param e What was thrown.
 * @returns One line.
 */
export function describe(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? "").split("\n").slice(1, 5).map((l) => l.trim()).join(" | ");
    return `${e.name}: ${e.message}${stack ? ` @ ${stack}` : ""}`;
  }
  return `non-Error thrown: ${String(e)}`;
}

const PROTOS = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Uint8Array.prototype,
  GobOpaque.prototype,
  null,
]);

/**
 * Prints a decoded value compactly, checking prototypes on the way.
 *
 * @param v The value.
 * @param out Where the printed parts go.
 * @param budget Parts left to print (the print stops when it runs out).
 * @param depth The nesting so far.
 * @throws {FindingError} For a value of an unexpected type or prototype.
 */
export function print(v: unknown, out: string[], budget: { n: number }, depth = 0): void {
  if (--budget.n < 0 || depth > 2000) return;
  if (v === null || v === undefined) {
    out.push(String(v));
    return;
  }
  switch (typeof v) {
    case "number":
      out.push(Object.is(v, -0) ? "-0" : String(v));
      return;
    case "bigint":
      out.push(`${v}n`);
      return;
    case "string":
      out.push(JSON.stringify(v));
      return;
    case "boolean":
      out.push(String(v));
      return;
    case "object":
      break;
    default:
      throw new FindingError({ kind: "untyped", detail: `decoded a ${typeof v}` });
  }
  const proto = Object.getPrototypeOf(v);
  if (!PROTOS.has(proto)) {
    throw new FindingError({
      kind: "prototype",
      detail: "decoded object with a foreign prototype",
    });
  }
  if (v instanceof Uint8Array) {
    out.push(`b${v.length}:${v.subarray(0, 16).join(".")}`);
  } else if (v instanceof GobOpaque) {
    out.push(`opaque(${v.kind},${JSON.stringify(v.name)},${v.bytes.length})`);
  } else if (Array.isArray(v)) {
    out.push("[");
    for (const x of v) print(x, out, budget, depth + 1);
    out.push("]");
  } else if (v instanceof Map) {
    out.push("{");
    for (const [k, x] of v) {
      print(k, out, budget, depth + 1);
      print(x, out, budget, depth + 1);
    }
    out.push("}");
  } else {
    out.push("(");
    for (const k of Object.keys(v)) {
      out.push(JSON.stringify(k));
      print((v as Record<string, unknown>)[k], out, budget, depth + 1);
    }
    out.push(")");
  }
}

/**
 * A small zip writer (stored or deflated entries, Unix modes) for `deno task package`: no zip tool
 * needed. No zip64: the archive and every entry stay under 4 GiB (Lambda's own limit is 250 MB
 * unzipped).
 *
 * @module
 */
import { crc32, deflateRawSync } from "node:zlib";

/** One file to put in the archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  name: string;
  /** The content. */
  data: Uint8Array;
  /** Unix permission bits (default 0o644; executables 0o755). */
  mode?: number;
  /** The content already deflated (raw, as {@linkcode compress} makes it), with its CRC-32. */
  deflated?: { crc: number; bytes: Uint8Array };
}

const LIMIT = 0xffffffff;
// 1980-01-01 00:00: a fixed date keeps archives reproducible.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * An entry's CRC-32 and its raw deflated form (level 9).
 *
 * @param data The bytes.
 * @returns The CRC and the deflated bytes.
 */
export function compress(data: Uint8Array): { crc: number; deflated: Uint8Array } {
  const crc = crc32(data) >>> 0;
  return { crc, deflated: new Uint8Array(deflateRawSync(data, { level: 9 })) };
}

/**
 * Builds a zip archive. Each entry is deflated unless that does not make it smaller.
 *
 * @param entries The files, in archive order.
 * @returns The archive bytes.
 * @throws {RangeError} When an entry or the archive would need zip64, or names repeat.
 * @throws {TypeError} When a name is empty, absolute or contains `..`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { zip } from "./package_zip.ts";
 * const bytes = zip([{ name: "bootstrap", data: new TextEncoder().encode("#!/bin/sh\n"), mode: 0o755 }]);
 * assert.ok(bytes[0] === 0x50 && bytes[1] === 0x4b);
 * ```
 */
export function zip(entries: ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (entry.name === "" || entry.name.startsWith("/") || entry.name.split("/").includes("..")) {
      throw new TypeError(`Cannot zip ${JSON.stringify(entry.name)}: names must be relative paths`);
    }
    if (seen.has(entry.name)) throw new RangeError(`Cannot zip ${entry.name} twice`);
    seen.add(entry.name);
    if (entry.data.length > LIMIT) throw new RangeError(`${entry.name} is larger than 4 GiB`);
    const name = encoder.encode(entry.name);
    const { crc, deflated } = entry.deflated !== undefined
      ? { crc: entry.deflated.crc, deflated: entry.deflated.bytes }
      : compress(entry.data);
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const method = stored ? 0 : 8;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true); // version needed: 2.0
    l.setUint16(6, 0x0800, true); // UTF-8 names
    l.setUint16(8, method, true);
    l.setUint16(10, DOS_TIME, true);
    l.setUint16(12, DOS_DATE, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, entry.data.length, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, 0, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, (3 << 8) | 20, true); // made by Unix, 2.0
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint16(10, method, true);
    c.setUint16(12, DOS_TIME, true);
    c.setUint16(14, DOS_DATE, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, entry.data.length, true);
    c.setUint16(28, name.length, true);
    // extra length, comment length, disk number, internal attributes: 0
    c.setUint32(38, ((0o100000 | (entry.mode ?? 0o644)) << 16) >>> 0, true); // regular file + mode
    c.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
    if (offset > LIMIT) throw new RangeError("The archive would be larger than 4 GiB (zip64)");
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, centralSize, true);
  e.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

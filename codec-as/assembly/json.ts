// JSON text helpers: where a string's UTF-8 bytes first need escaping inside a JSON string, and
// where a JSON text's long string values are.

/** Lanes of `v` that JSON must escape: '"', '\\' or below 0x20. */
// @ts-ignore: decorator
@inline function needsEscape(v: v128): v128 {
  return v128.or(
    v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x5c))),
    i8x16.lt_u(v, i8x16.splat(0x20)),
  );
}

/**
 * Offset of the first byte in [p, p + n) that JSON must escape inside a string — '"', '\\' or a
 * control character below 0x20 — or `n` when there is none. UTF-8 continuation and lead bytes are
 * all ≥ 0x80, so the answer holds for any UTF-8 text.
 */
export function jsonEscapeAt(p: usize, n: usize): usize {
  return escapeFrom(p, 0, n);
}

/** Offset of the first '"' in [p + i, p + n), or `n`. Sixteen bytes per step (SIMD). */
function quoteFrom(p: usize, i: usize, n: usize): usize {
  while (i + 16 <= n) {
    const hits = i8x16.bitmask(i8x16.eq(v128.load(p + i), i8x16.splat(0x22)));
    if (hits != 0) return i + <usize>ctz(hits);
    i += 16;
  }
  for (; i < n; i++) if (load<u8>(p + i) == 0x22) return i;
  return n;
}

/**
 * Offset of the first byte in [p + i, p + n) that JSON escapes in a string, or `n`: 64 bytes per
 * step (SIMD), then 16, then 1.
 */
function escapeFrom(p: usize, i: usize, n: usize): usize {
  while (i + 64 <= n) {
    const hit = v128.or(
      v128.or(needsEscape(v128.load(p + i)), needsEscape(v128.load(p + i, 16))),
      v128.or(needsEscape(v128.load(p + i, 32)), needsEscape(v128.load(p + i, 48))),
    );
    if (v128.any_true(hit)) break;
    i += 64;
  }
  while (i + 16 <= n) {
    const hits = i8x16.bitmask(needsEscape(v128.load(p + i)));
    if (hits != 0) return i + <usize>ctz(hits);
    i += 16;
  }
  for (; i < n; i++) {
    const b = load<u8>(p + i);
    if (b < 0x20 || b == 0x22 || b == 0x5c) return i;
  }
  return n;
}

/** Room for the pairs `jsonLongStrings` writes: 64 of them, in static memory. */
const LONG_STRINGS_OUT: usize = memory.data(64 * 8, 8);

/** Where callers may have `jsonLongStrings` write its pairs (room for 64). */
export function jsonLongStringsOut(): usize {
  return LONG_STRINGS_OUT;
}

/** Literals the last `jsonLongStrings` call scanned to their closing quote. */
let literalsScanned: u32 = 0;

/**
 * How many string literals the last `jsonLongStrings` call scanned to their closing quote: when it
 * reached its `maxLiterals` (or `outCap`) inside a prefix of a text, the whole text gives the same
 * pairs, and the rest of the text need not be scanned.
 */
export function jsonLongStringsLiterals(): u32 {
  return literalsScanned;
}

/**
 * Finds the long string values of the JSON text in [p, p + n): string literals whose content is
 * at least `minLen` bytes, holds no backslash and no control character (so its UTF-8 is the value
 * itself) and is not an object key. Writes each one's content as a pair of u32 offsets
 * [start, end) at `out`, at most `outCap` pairs, and stops after `maxLiterals` literals of any
 * kind (their count: `jsonLongStringsLiterals`). Returns the number of pairs written. Text that
 * is not JSON gives some pairs or none; the caller parses the rest with a JSON parser, which
 * rejects it.
 */
export function jsonLongStrings(
  p: usize,
  n: usize,
  minLen: usize,
  out: usize,
  outCap: u32,
  maxLiterals: u32,
): u32 {
  let found: u32 = 0;
  let literals: u32 = 0;
  let i: usize = 0;
  while (found < outCap && literals < maxLiterals) {
    i = quoteFrom(p, i, n); // outside strings, only '"' starts one
    if (i >= n) break;
    const start = i + 1;
    let j = start;
    let plain = true;
    for (;;) {
      j = escapeFrom(p, j, n);
      if (j >= n) break;
      const b = load<u8>(p + j);
      if (b == 0x22) break;
      plain = false;
      j += b == 0x5c ? 2 : 1; // an escape covers the byte after the backslash
    }
    if (j >= n) break; // unterminated
    literals++;
    i = j + 1;
    if (!plain || j - start < minLen) continue;
    let k = i;
    while (k < n) {
      const c = load<u8>(p + k);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      k++;
    }
    if (k < n && load<u8>(p + k) == 0x3a) continue; // a key
    store<u32>(out + (<usize>found << 3), <u32>start);
    store<u32>(out + (<usize>found << 3), <u32>j, 4);
    found++;
  }
  literalsScanned = literals;
  return found;
}

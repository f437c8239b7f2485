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

// The scan's state between windows of one text (`jsonLongStringsWindow`).
/** 0: between literals; 1: inside a string; 2: after a long plain string, before what follows. */
let mode: u32 = 0;
/** Inside a string: no backslash and no control character so far. */
let plainSoFar = true;
/** Inside a string: its content's start, as an offset into the whole text. */
let contentStart: u32 = 0;
/** Inside a string: the window ended on a backslash, so the next window's first byte is escaped. */
let escaped = false;
/** Mode 2: the string's closing quote, as an offset into the whole text. */
let contentEnd: u32 = 0;
let literals: u32 = 0;
let found: u32 = 0;

/**
 * Finds the long string values of the JSON text in [p, p + n): string literals whose content is
 * at least `minLen` bytes, holds no backslash and no control character (so its UTF-8 is the value
 * itself) and is not an object key. Writes each one's content as a pair of u32 offsets
 * [start, end) at `out`, at most `outCap` pairs, and stops after `maxLiterals` literals of any
 * kind. Returns the number of pairs written. Text that is not JSON gives some pairs or none; the
 * caller parses the rest with a JSON parser, which rejects it.
 */
export function jsonLongStrings(
  p: usize,
  n: usize,
  minLen: usize,
  out: usize,
  outCap: u32,
  maxLiterals: u32,
): u32 {
  return jsonLongStringsWindow(p, n, 0, minLen, out, outCap, maxLiterals, true, true);
}

/**
 * `jsonLongStrings` over a text given in windows, in order: [p, p + n) is the text's bytes from
 * offset `base` on (`first` for the window at 0, `last` for the one that ends the text). The scan
 * carries its state from one window to the next, so a string may span any number of them; pairs
 * are offsets into the whole text, written at `out` as they are found. Returns the number of pairs
 * so far; `jsonLongStringsMore` says whether later windows can still change them.
 */
export function jsonLongStringsWindow(
  p: usize,
  n: usize,
  base: u32,
  minLen: usize,
  out: usize,
  outCap: u32,
  maxLiterals: u32,
  first: bool,
  last: bool,
): u32 {
  if (first) {
    mode = 0;
    escaped = false;
    literals = 0;
    found = 0;
  }
  let i: usize = 0;
  if (mode == 2) {
    // A long plain string ended in an earlier window: a ':' after it makes it a key.
    i = spaceFrom(p, 0, n);
    if (i >= n && !last) return found;
    if (i >= n || load<u8>(p + i) != 0x3a) addPair(out, contentStart, contentEnd);
    mode = 0;
  }
  while (mode == 1 || (found < outCap && literals < maxLiterals)) {
    let j: usize;
    if (mode == 1) {
      // Inside a string since an earlier window.
      j = escaped ? 1 : 0;
      escaped = false;
    } else {
      i = quoteFrom(p, i, n); // outside strings, only '"' starts one
      if (i >= n) break;
      mode = 1;
      plainSoFar = true;
      contentStart = base + <u32>(i + 1);
      j = i + 1;
    }
    while (j < n) {
      j = escapeFrom(p, j, n);
      if (j >= n) break;
      const b = load<u8>(p + j);
      if (b == 0x22) break;
      plainSoFar = false;
      j += b == 0x5c ? 2 : 1; // an escape covers the byte after the backslash
    }
    if (j >= n) {
      escaped = j > n; // the byte after a backslash starts the next window
      return found; // still inside the string (at the text's end: unterminated)
    }
    mode = 0;
    literals++;
    i = j + 1;
    const end = base + <u32>j;
    if (!plainSoFar || <usize>(end - contentStart) < minLen) continue;
    const k = spaceFrom(p, i, n);
    if (k >= n && !last) {
      mode = 2; // what follows is in the next window
      contentEnd = end;
      return found;
    }
    if (k < n && load<u8>(p + k) == 0x3a) continue; // a key
    addPair(out, contentStart, end);
  }
  return found;
}

/**
 * Whether later windows of the text can still add pairs: the scan is inside a string, waiting to
 * see what follows one, or below its limits.
 */
export function jsonLongStringsMore(outCap: u32, maxLiterals: u32): bool {
  return mode != 0 || (found < outCap && literals < maxLiterals);
}

function addPair(out: usize, start: u32, end: u32): void {
  store<u32>(out + (<usize>found << 3), start);
  store<u32>(out + (<usize>found << 3), end, 4);
  found++;
}

/** Offset of the first byte in [p + i, p + n) that is not JSON whitespace, or `n`. */
function spaceFrom(p: usize, i: usize, n: usize): usize {
  for (; i < n; i++) {
    const c = load<u8>(p + i);
    if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) return i;
  }
  return n;
}

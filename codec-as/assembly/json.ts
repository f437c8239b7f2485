// JSON text helper: where a string's UTF-8 bytes first need escaping inside a JSON string.

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
 * all ≥ 0x80, so the answer holds for any UTF-8 text. 64 bytes per step (SIMD), then 16, then 1.
 */
export function jsonEscapeAt(p: usize, n: usize): usize {
  let i: usize = 0;
  while (i + 64 <= n) {
    const hit = v128.or(
      v128.or(needsEscape(v128.load(p + i)), needsEscape(v128.load(p + i, 16))),
      v128.or(needsEscape(v128.load(p + i, 32)), needsEscape(v128.load(p + i, 48))),
    );
    if (v128.any_true(hit)) break;
    i += 64;
  }
  while (i + 16 <= n) {
    if (v128.any_true(needsEscape(v128.load(p + i)))) break;
    i += 16;
  }
  for (; i < n; i++) {
    const b = load<u8>(p + i);
    if (b < 0x20 || b == 0x22 || b == 0x5c) return i;
  }
  return n;
}

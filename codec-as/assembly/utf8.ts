// UTF-8 validation that also counts UTF-16 code units (what a JS string of the text would hold).

/** UTF-16 length of the `n` bytes at `p`, or -1 when they are not valid UTF-8 (WHATWG rules). */
export function utf16Length(p: usize, n: usize): i32 {
  let i: usize = 0;
  let units: i32 = 0;
  while (i < n) {
    if (i + 8 <= n && (load<u64>(p + i) & 0x8080808080808080) == 0) {
      i += 8;
      units += 8;
      continue;
    }
    const c = <u32>load<u8>(p + i);
    if (c < 0x80) {
      i++;
      units++;
      continue;
    }
    if (c < 0xc2) return -1;
    if (c < 0xe0) {
      if (i + 2 > n || !cont(p + i + 1)) return -1;
      i += 2;
      units++;
    } else if (c < 0xf0) {
      if (i + 3 > n) return -1;
      const c1 = <u32>load<u8>(p + i + 1);
      if (c == 0xe0 && c1 < 0xa0) return -1;
      if (c == 0xed && c1 >= 0xa0) return -1;
      if (!cont(p + i + 1) || !cont(p + i + 2)) return -1;
      i += 3;
      units++;
    } else if (c < 0xf5) {
      if (i + 4 > n) return -1;
      const c1 = <u32>load<u8>(p + i + 1);
      if (c == 0xf0 && c1 < 0x90) return -1;
      if (c == 0xf4 && c1 >= 0x90) return -1;
      if (!cont(p + i + 1) || !cont(p + i + 2) || !cont(p + i + 3)) return -1;
      i += 4;
      units += 2;
    } else {
      return -1;
    }
  }
  return units;
}

// @ts-ignore: decorator
@inline function cont(p: usize): bool {
  return (load<u8>(p) & 0xc0) == 0x80;
}

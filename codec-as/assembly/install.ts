// Registers a decoded wireType (its tape records, see decode.ts) as a type of the stream.
import {
  E_ELEMENTS, E_INT_RANGE, E_MEMORY, E_WIRETYPE, K_ARRAY, K_COMPLEX, K_GOBENC, K_IFACE, K_MAP,
  K_SLICE, K_STRUCT,
} from "./consts";
import { DecStream, defineType } from "./stream";
import { copyName, fieldAt, freeEntry, newEntry, TypeEntry } from "./types";

let s: DecStream = changetype<DecStream>(0);
let code: i32 = 0;

function recAt(i: i32): usize {
  return s.tape.ptr + (<usize>i << 4);
}

function recKind(i: i32): i32 {
  return load<i32>(recAt(i)) & 0xff;
}

function recField(i: i32): i32 {
  return load<i32>(recAt(i), 4);
}

/** Index of the record after record `i` and its children. */
function skipRec(i: i32): i32 {
  const k = recKind(i);
  if (k == K_STRUCT || k == K_SLICE || k == K_ARRAY || k == K_MAP || k == K_IFACE) {
    return load<i32>(recAt(i), 12);
  }
  return k == K_COMPLEX ? i + 2 : i + 1;
}

/** Child record of struct record `s` holding field `f`, or -1. */
function child(s: i32, f: i32): i32 {
  const n = load<i32>(recAt(s), 8);
  let c = s + 1;
  for (let k = 0; k < n; k++) {
    if (recField(c) == f) return c;
    c = skipRec(c);
  }
  return -1;
}

/** The int record of field `f` of struct record `s` as an i32 (0 when absent). */
function intField(s: i32, f: i32): i32 {
  const c = child(s, f);
  if (c < 0) return 0;
  const v = load<i64>(recAt(c), 8);
  if (v < <i64>i32.MIN_VALUE || v > <i64>i32.MAX_VALUE) {
    code = E_INT_RANGE;
    return 0;
  }
  return <i32>v;
}

/** Copies CommonType.Name of struct record `s` (field 0 = CommonType) into `e`. */
function commonName(s: i32, e: TypeEntry): void {
  const ct = child(s, 0);
  if (ct < 0) return;
  const nm = child(ct, 0);
  if (nm < 0) return;
  const p = <usize>load<i32>(recAt(nm), 8);
  const n = load<i32>(recAt(nm), 12);
  e.namePtr = copyName(p, n);
  e.nameLen = n;
}

/**
 * Registers type `id` from the wireType whose struct record is `root` in the stream's tape.
 * Returns 0 or an error code.
 */
export function install(stream: DecStream, id: i32, root: i32): i32 {
  s = stream;
  code = 0;
  if (load<i32>(recAt(root), 8) != 1) return E_WIRETYPE;
  const v = root + 1;
  const variant = recField(v);
  let e: TypeEntry;
  if (variant == 0) {
    e = newEntry(id, K_ARRAY, 0);
    e.elem = intField(v, 1);
    e.len = intField(v, 2);
    if (e.len < 0) code = E_INT_RANGE;
  } else if (variant == 1) {
    e = newEntry(id, K_SLICE, 0);
    e.elem = intField(v, 1);
  } else if (variant == 2) {
    const fl = child(v, 1);
    const nf = fl < 0 ? 0 : load<i32>(recAt(fl), 8);
    if (<u32>nf > s.maxElems) return E_ELEMENTS;
    e = newEntry(id, K_STRUCT, nf);
    let c = fl + 1;
    for (let i = 0; i < nf; i++) {
      const f = fieldAt(e, i);
      const nm = child(c, 0);
      if (nm >= 0) {
        const n = load<i32>(recAt(nm), 12);
        f.namePtr = copyName(<usize>load<i32>(recAt(nm), 8), n);
        f.nameLen = n;
      }
      f.id = intField(c, 1);
      c = skipRec(c);
    }
  } else if (variant == 3) {
    e = newEntry(id, K_MAP, 0);
    e.key = intField(v, 1);
    e.elem = intField(v, 2);
  } else {
    e = newEntry(id, K_GOBENC + variant - 4, 0);
  }
  commonName(v, e);
  if (code == 0 && !defineType(s, e)) code = E_MEMORY;
  if (code != 0) freeEntry(e); // not registered
  return code;
}

/**
 * A small seeded pseudo-random generator (xorshift128+ on 32-bit halves, splitmix-seeded) so every
 * fuzz input is reproducible from `(seed, index)`.
 *
 * @module
 */

/** Mixes two integers into a well-spread 32-bit seed. */
function splitmix(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Deterministic random numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Rng } from "./rng.ts";
 * const r = Rng.forInput(1, 42);
 * assert.equal(r.int(10) < 10, true);
 * ```
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed any integer */
  constructor(seed: number) {
    this.#a = splitmix(seed);
    this.#b = splitmix(this.#a ^ 0x1234567);
    this.#c = splitmix(this.#b ^ 0x89abcdef);
    this.#d = splitmix(this.#c ^ 0x2545f491) | 1;
  }

  /**
   * The generator for input `index` of a run seeded with `seed`.
   * @param seed the run's seed
   * @param index the input's index
   * @returns a fresh generator
   */
  static forInput(seed: number, index: number): Rng {
    return new Rng(splitmix(splitmix(seed) ^ Math.imul(index + 1, 0x27d4eb2d)) ^ (index >>> 0));
  }

  /** @returns a uint32 (xoshiro128** step) */
  next(): number {
    const r = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return r;
  }

  /** @param n exclusive bound (≥ 1) @returns an integer in [0, n) */
  int(n: number): number {
    return n <= 1 ? 0 : Math.floor((this.next() / 4294967296) * n);
  }

  /** @param p probability @returns true with probability p */
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }

  /** @param items a non-empty list @returns one of them */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** @param n length @returns n random bytes */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

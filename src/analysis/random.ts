/**
 * A small seeded pseudo-random generator for permutation tests, so that a result can be reproduced from its seed.
 *
 * The generator is mulberry32 (Tommy Ettinger, 2017): a 32-bit state advanced by a Weyl sequence (+0x6D2B79F5)
 * and mixed by two multiply-xorshift rounds. Its period of 2^32 is far more than a permutation test draws, its
 * author reports it passing gjrand over that whole period, and it uses only Math.imul, xor and unsigned shifts,
 * which JavaScript defines bit for bit: a seed gives the same sequence on every engine and platform, and the same
 * as the C original (checked in test/analysis/random.test.ts against values from the C code).
 */
export interface Random {
  /** The next 32-bit unsigned integer. */
  uint32(): number;
  /** A float in [0, 1) with 32 random bits. */
  next(): number;
  /** A whole number uniform in [lo, hi], both inclusive (exactly uniform: no modulo bias). */
  int(lo: number, hi: number): number;
}

/** A generator seeded with a whole number; seeds are read modulo 2^32 (−1 and 4294967295 are the same seed). */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new RangeError(`the seed must be a whole number, not ${seed}`);
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (lo: number, hi: number): number => {
    const n = hi - lo + 1;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || n < 1 || n > 2 ** 32)
      throw new RangeError(`cannot draw a whole number from [${lo}, ${hi}]`);
    // Rejection: draws at or above the largest multiple of n are redrawn, so every value is equally likely.
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = uint32();
    while (x >= limit) x = uint32();
    return lo + (x % n);
  };
  return { uint32, next: () => uint32() / 2 ** 32, int };
}

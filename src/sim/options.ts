/**
 * The checks every entry point applies to its options, so that bad input is refused with the field named
 * whether it comes from the command line, the API or a library call.
 */
export function checkTurns(turns: number, field = "turns"): number {
  if (!Number.isInteger(turns) || turns < 1 || turns > 1_000_000)
    throw new RangeError(`${field} must be a whole number from 1 to 1000000, not ${turns}`);
  return turns;
}

export function checkNoise(noise: number, field = "noise"): number {
  if (!(noise >= 0 && noise <= 1))
    throw new RangeError(`${field} must be a probability in [0, 1], not ${noise}`);
  return noise;
}

export function checkCount(n: number, field: string, min = 1, max = 1_000_000): number {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new RangeError(`${field} must be a whole number from ${min} to ${max}, not ${n}`);
  return n;
}

export function checkSeed(seed: number, field = "seed"): number {
  if (!Number.isInteger(seed)) throw new RangeError(`${field} must be a whole number, not ${seed}`);
  return seed;
}

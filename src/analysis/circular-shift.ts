import { dayRange } from "./days.js";
import { createRandom } from "./random.js";

/**
 * The null of the permutation tests: the effect series rotated by a random number of days, the days that fall off
 * the end coming back at the start. A rotation keeps everything about the effect series — its total, its bursts,
 * its autocorrelation — and breaks only its timing relative to the causes, which stay where they are.
 */

/** An effect count per day over [from, to], both inclusive: a day series from buildSeries fits. */
export interface DailySeries {
  /** When given, it must be "day". */
  freq?: string;
  from: string;
  to: string;
  values: ArrayLike<number>;
}

/** Checks a daily series and returns its first day number and its length. */
export function readDaily(effect: DailySeries): { first: number; length: number } {
  if (effect.freq !== undefined && effect.freq !== "day")
    throw new RangeError(`the effect must be a daily series, not a ${effect.freq} series`);
  const range = dayRange(effect.from, effect.to);
  if (effect.values.length !== range.length)
    throw new RangeError(
      `the effect series has ${effect.values.length} values for ${range.length} days (${effect.from} to ${effect.to})`,
    );
  if (range.length < 2) throw new RangeError("the effect series needs at least two days to be shifted");
  for (let i = 0; i < range.length; i++)
    if (!Number.isFinite(effect.values[i])) throw new RangeError(`the effect on day ${i} is not a number`);
  return { first: range.first, length: range.length };
}

/** `permutations` shifts, each uniform over 1..length − 1 (never 0, the observed alignment). */
export function drawShifts(length: number, permutations: number, seed: number): Int32Array {
  if (!Number.isInteger(permutations) || permutations < 1)
    throw new RangeError(`permutations must be a whole number ≥ 1, not ${permutations}`);
  const random = createRandom(seed);
  const shifts = new Int32Array(permutations);
  for (let i = 0; i < permutations; i++) shifts[i] = random.int(1, length - 1);
  return shifts;
}

/**
 * Prefix sums over the series written twice: prefix[i] = values[0] + … + values[i − 1] (indices modulo length).
 * The sum of the series shifted by s over days a..b is then prefix[b − s + length + 1] − prefix[a − s + length].
 */
export function circularPrefix(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) prefix[i + 1] = prefix[i]! + values[i % n]!;
  return prefix;
}

/** Quantile of sorted values by linear interpolation (type 7 of Hyndman and Fan, numpy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * One- and two-sided permutation p-values with the +1 correction (the observed alignment is one of the
 * permutations, so p is never 0): upper = (1 + #{null ≥ observed}) / (N + 1), lower likewise with ≤, two-sided =
 * twice the smaller, at most 1. Values within `tolerance` of the observed count as ties, so that rounding in sums
 * of fractional weights does not break them.
 */
export function pValues(
  nulls: Float64Array,
  observed: number,
  tolerance: number,
): { upper: number; lower: number; twoSided: number } {
  let above = 0;
  let below = 0;
  for (const x of nulls) {
    if (x >= observed - tolerance) above++;
    if (x <= observed + tolerance) below++;
  }
  const n = nulls.length;
  const upper = (1 + above) / (n + 1);
  const lower = (1 + below) / (n + 1);
  return { upper, lower, twoSided: Math.min(1, 2 * Math.min(upper, lower)) };
}

/** The tolerance for ties in sums of this series: far above rounding, far below any real difference. */
export function tieTolerance(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.abs(values[i]!);
  return 1e-9 * Math.max(1, total);
}

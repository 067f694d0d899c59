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

/**
 * `permutations` shifts, each uniform over minShift..length − minShift: by default 1..length − 1, every rotation
 * but the observed one. shift-null.ts says which null draws them and what the others enumerate instead.
 */
export function drawShifts(length: number, permutations: number, seed: number, minShift = 1): Int32Array {
  if (!Number.isInteger(permutations) || permutations < 1)
    throw new RangeError(`permutations must be a whole number ≥ 1, not ${permutations}`);
  checkMinShift(length, minShift);
  const random = createRandom(seed);
  const shifts = new Int32Array(permutations);
  for (let i = 0; i < permutations; i++) shifts[i] = random.int(minShift, length - minShift);
  return shifts;
}

/** A rotation and its mirror (length − s) are both kept out below minShift, so it can be at most half the length. */
export function checkMinShift(length: number, minShift: number): void {
  if (!Number.isInteger(minShift) || minShift < 1 || minShift > length - minShift)
    throw new RangeError(
      `minShift must be a whole number from 1 to half the series' length, not ${minShift}`,
    );
}

/** prefix[i] = values[0] + … + values[i − 1], for i in 0..length: the total over days a..b is prefix[b + 1] − prefix[a]. */
export function prefixSums(values: ArrayLike<number>): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  // The running total in a local: reading it back from the array would wait on the store at every step.
  let running = 0;
  for (let i = 0; i < values.length; i++) prefix[i + 1] = running += values[i]!;
  return prefix;
}

export interface DaySet {
  /** Disjoint runs of days (offsets into the series), first and last day inclusive. */
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The total over a set of days of the series rotated by s, for every s in 0..length − 1:
 * totals[s] = Σ over days d in the set of values[(d − s) mod length] — the circular cross-correlation of the
 * set's indicator with the series, which is every value the window statistic takes under rotation. Two ways, the
 * cheaper for the data:
 * - by runs, O(length × runs): totals[s] = Σ over runs [a, b] of the series' sum over a − s..b − s, a difference
 *   of circular prefix sums, run by run so that the inner loop reads them in order;
 * - by effect days, O(effect days × runs + length): a day j with an effect adds values[j] to the rotations that
 *   carry it into a run [a, b], s in [a − j, b − j] modulo length — a range, added to a difference array. Effects
 *   such as missile launches fall on few days, and this is then many times faster.
 * Both give exact sums for whole-number series, and each call uses one way for every rotation, the observed one
 * (s = 0) included.
 */
export function rotationTotals(
  values: ArrayLike<number>,
  days: DaySet,
  length: number,
  effectDays: Int32Array = effectDaysOf(values),
): Float64Array {
  // Measured on 20 years of days (bench/exact-null.mjs's synthetic runs): a (day, run) pair costs about twice a
  // (rotation, run) pair, so effect days win until about every other day has an effect.
  return sparseEnough(effectDays, length)
    ? totalsByEffectDays(values, effectDays, days, length)
    : totalsByRuns(values, days, length);
}

/** The days with a non-zero effect, ascending: computed once for a series whose totals are taken over several sets. */
export function effectDaysOf(values: ArrayLike<number>): Int32Array {
  const days = new Int32Array(values.length);
  let count = 0;
  for (let j = 0; j < values.length; j++) if (values[j] !== 0) days[count++] = j;
  return days.subarray(0, count);
}

function totalsByRuns(values: ArrayLike<number>, days: DaySet, length: number): Float64Array {
  // The series written twice: its sum over a − s..b − s is prefix[b − s + length + 1] − prefix[a − s + length].
  const prefix = new Float64Array(2 * length + 1);
  let running = 0;
  for (let i = 0; i < 2 * length; i++) prefix[i + 1] = running += values[i < length ? i : i - length]!;
  const totals = new Float64Array(length);
  for (let r = 0; r < days.starts.length; r++) {
    const hi = days.ends[r]! + length + 1;
    const lo = days.starts[r]! + length;
    for (let s = 0; s < length; s++) totals[s]! += prefix[hi - s]! - prefix[lo - s]!;
  }
  return totals;
}

function totalsByEffectDays(
  values: ArrayLike<number>,
  effectDays: Int32Array,
  days: DaySet,
  length: number,
): Float64Array {
  const { diff, atZero } = rotationChanges(values, effectDays, days, length);
  let running = atZero - diff[0]!;
  for (let s = 0; s < length; s++) diff[s] = running += diff[s]!;
  return diff.subarray(0, length);
}

/**
 * The change of the total from rotation s − 1 to rotation s, diff[s] for s in 1..length − 1, and the total at
 * rotation 0 (`atZero`), from the effect days alone (rotationTotals says how): a caller sums them into the totals, or
 * tallies them as it sums (the exact null, null-distribution.ts). diff has length + 1 entries, diff[0] and
 * diff[length] being of no use to a caller.
 */
export function rotationChanges(
  values: ArrayLike<number>,
  effectDays: Int32Array,
  days: DaySet,
  length: number,
): { diff: Float64Array; atZero: number } {
  const count = effectDays.length;
  const effects = new Float64Array(count);
  for (let e = 0; e < count; e++) effects[e] = values[effectDays[e]!]!;
  const diff = new Float64Array(length + 1);
  const { starts, ends } = days;
  // A range that wraps (a < j ≤ b + 1: [a − j + length, length) then [0, b + 1 − j)) is on from rotation 0.
  let carried = 0;
  // Two runs at a time, so that the effect days sweep the array in order and each day's value is read once for
  // four updates; the modulo by a mask, not a branch. Measured on 20 years of days (bench/exact-null.mjs's synthetic
  // series): each about halves the time.
  const add = (x: number, v: number) => {
    diff[x + ((x >> 31) & length)]! += v;
  };
  let r = 0;
  for (; r + 1 < starts.length; r += 2) {
    const a = starts[r]!;
    const b = ends[r]! + 1;
    const c = starts[r + 1]!;
    const d = ends[r + 1]! + 1;
    for (let e = 0; e < count; e++) {
      const j = effectDays[e]!;
      const v = effects[e]!;
      add(a - j, v);
      add(b - j, -v);
      add(c - j, v);
      add(d - j, -v);
    }
  }
  for (; r < starts.length; r++) {
    const a = starts[r]!;
    const b = ends[r]! + 1;
    for (let e = 0; e < count; e++) {
      add(a - effectDays[e]!, effects[e]!);
      add(b - effectDays[e]!, -effects[e]!);
    }
  }
  for (let q = 0; q < starts.length; q++)
    for (let e = upperIndex(effectDays, starts[q]!); e < count && effectDays[e]! <= ends[q]! + 1; e++)
      carried += effects[e]!;
  // diff[length] is rotation 0 again, which `carried` accounts for.
  return { diff, atZero: carried + diff[0]! };
}

/** Whether rotationTotals takes the effect days' way for this series: while under every other day has an effect. */
export const sparseEnough = (effectDays: Int32Array, length: number): boolean =>
  2 * effectDays.length < length;

/** The first index whose day is after `day`, in ascending days. */
function upperIndex(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One- and two-sided permutation p-values with the +1 correction (the observed alignment is one of the
 * permutations, so p is never 0): upper = (1 + #{null ≥ observed}) / (N + 1), lower likewise with ≤, two-sided =
 * twice the smaller, at most 1. Values within `tolerance` of the observed count as ties, so that rounding in sums
 * of fractional weights does not break them. Also the null's mean, in the same pass.
 */
export function pValues(
  nulls: Float64Array,
  observed: number,
  tolerance: number,
): { upper: number; lower: number; twoSided: number; mean: number } {
  let above = 0;
  let below = 0;
  let sum = 0;
  for (let i = 0; i < nulls.length; i++) {
    const x = nulls[i]!;
    if (x >= observed - tolerance) above++;
    if (x <= observed + tolerance) below++;
    sum += x;
  }
  const n = nulls.length;
  const upper = (1 + above) / (n + 1);
  const lower = (1 + below) / (n + 1);
  return { upper, lower, twoSided: Math.min(1, 2 * Math.min(upper, lower)), mean: sum / n };
}

/**
 * The series' total when every value is a whole number from 0 up (counts), reading only `effectDays` if given: then the total over any set of days,
 * under any rotation, is a whole number from 0 to it. Undefined otherwise (weights, Goldstein sums) or when the
 * total passes 2^31 (whole numbers of 32 bits are what a tally indexes).
 */
export function wholeCountTotal(values: ArrayLike<number>, effectDays?: Int32Array): number | undefined {
  // Zeros are counts too: given the days with an effect, only those need reading.
  const n = effectDays ? effectDays.length : values.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = values[effectDays ? effectDays[i]! : i]!;
    if (!(x >= 0) || (x | 0) !== x) return undefined;
    total += x;
  }
  return total < 2 ** 31 ? total : undefined;
}

/** The tolerance for ties in sums of this series: far above rounding, far below any real difference. */
export function tieTolerance(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.abs(values[i]!);
  return 1e-9 * Math.max(1, total);
}

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
 * - by effect days, O(effect days × runs + length), for counts (wholeCountTotal): a day j with an effect adds
 *   values[j] to the rotations that carry it into a run [a, b], s in [a − j, b − j] modulo length — a range, added
 *   to a difference array (rotationChanges). Effects such as missile launches fall on few days, and this is then
 *   many times faster. Weights (Goldstein sums) go by runs: they fall on most days anyway.
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
  return sparseEnough(effectDays, length) && wholeCountTotal(values, effectDays) !== undefined
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
  const totals = new Float64Array(length);
  let running = atZero;
  totals[0] = atZero;
  for (let s = 1; s < length; s++) totals[s] = running = (running + diff[s]!) | 0;
  return totals;
}

/**
 * The change of the total from rotation s − 1 to rotation s, diff[s] for s in 1..length − 1, and the total at
 * rotation 0 (`atZero`), from the effect days alone (rotationTotals says how): a caller sums them into the totals, or
 * tallies them as it sums (the exact null, null-distribution.ts). For counts only: whole numbers whose total is
 * below 2^31 (wholeCountTotal), so that every sum is exact in 32 bits, even where a partial sum wraps, and the
 * additions are integer ones (measured on the record: a third faster, and the exact null's tally three times). One
 * kind of array, so that V8 compiles it for one: with two, the same code took twice the time. diff[0] is of no use
 * to a caller.
 *
 * A run [a, b] adds an effect v on day j to the rotations a − j..b − j: a change of +v at a − j and of −v at
 * b + 1 − j. Most runs of a window have one width w (those of causes whose windows do not overlap), and for those
 * the −v half is the +v half moved by w: the +v halves of every run are added up first, and the changes are then
 * starts[s] − starts[s − w], with the runs of another width corrected on their own. Half the scattered additions
 * (measured on the record: the additions are most of the time).
 */
export function rotationChanges(
  values: ArrayLike<number>,
  effectDays: Int32Array,
  days: DaySet,
  length: number,
): { diff: Int32Array; atZero: number } {
  const count = effectDays.length;
  const effects = new Int32Array(count);
  for (let e = 0; e < count; e++) effects[e] = values[effectDays[e]!]!;
  const { starts, ends } = days;
  // 0 when no width has a majority: then every run is "of another width", with no +v halves added first.
  const width = commonWidth(days) % length;
  const diff = new Int32Array(length + 1);
  if (width > 0) {
    // The +v halves first, then each change is starts[s] − starts[s − width], in place: downwards, so that
    // starts[s − width] is still read before it changes, the last `width` kept for the first.
    addEffects(diff, starts, NONE, effectDays, effects, length);
    const last = diff.slice(length - width, length);
    for (let s = length - 1; s >= width; s--) diff[s]! -= diff[s - width]!;
    for (let s = 1; s < width; s++) diff[s]! -= last[s]!;
  }
  // A run of another width ends at b + 1, not at a + width: −v moved from the one to the other.
  let others = 0;
  for (let q = 0; q < starts.length; q++) if (ends[q]! - starts[q]! + 1 !== width) others++;
  const moved = new Int32Array(others);
  const ending = new Int32Array(others);
  for (let q = 0, o = 0; q < starts.length; q++)
    if (ends[q]! - starts[q]! + 1 !== width) {
      moved[o] = (starts[q]! + width) % length;
      ending[o++] = ends[q]! + 1;
    }
  addEffects(diff, moved, ending, effectDays, effects, length);
  return { diff, atZero: totalAtZero(effects, effectDays, days) };
}

const NONE = new Int32Array(0);

/**
 * Adds each effect v on day j at p − j (mod length) for p in `plus`, and subtracts it at p − j for p in `minus`;
 * every p in 0..length, so that p − j is above −length and is wrapped by a mask, not a branch (p − j = length is
 * rotation 0 again, diff[length], of use to no one). Two offsets at a time, so that each effect is read once for two
 * additions (measured on 20 years of days: it about halves the time).
 */
function addEffects(
  diff: Int32Array,
  plus: Int32Array,
  minus: Int32Array,
  effectDays: Int32Array,
  effects: Int32Array,
  length: number,
): void {
  const count = effectDays.length;
  const wrap = (x: number) => x + ((x >> 31) & length);
  let r = 0;
  for (; r + 1 < plus.length && r + 1 < minus.length; r += 2) {
    const a = plus[r]!;
    const b = minus[r]!;
    const c = plus[r + 1]!;
    const d = minus[r + 1]!;
    for (let e = 0; e < count; e++) {
      const j = effectDays[e]!;
      const v = effects[e]!;
      diff[wrap(a - j)]! += v;
      diff[wrap(b - j)]! -= v;
      diff[wrap(c - j)]! += v;
      diff[wrap(d - j)]! -= v;
    }
  }
  for (let p = r; p + 1 < plus.length; p += 2) {
    const a = plus[p]!;
    const c = plus[p + 1]!;
    for (let e = 0; e < count; e++) {
      diff[wrap(a - effectDays[e]!)]! += effects[e]!;
      diff[wrap(c - effectDays[e]!)]! += effects[e]!;
    }
  }
  for (let p = plus.length - ((plus.length - r) % 2); p < plus.length; p++)
    for (let e = 0; e < count; e++) diff[wrap(plus[p]! - effectDays[e]!)]! += effects[e]!;
  for (let p = r; p < minus.length; p++)
    for (let e = 0; e < count; e++) diff[wrap(minus[p]! - effectDays[e]!)]! -= effects[e]!;
}

/**
 * The width more than half the runs have, or 0 when none has: with fewer, the corrections would cost more than
 * the +v halves save. By majority vote, then a count.
 */
function commonWidth({ starts, ends }: DaySet): number {
  let best = 0;
  let lead = 0;
  for (let r = 0; r < starts.length; r++) {
    const w = ends[r]! - starts[r]! + 1;
    if (lead === 0) best = w;
    lead += w === best ? 1 : -1;
  }
  let count = 0;
  for (let r = 0; r < starts.length; r++) if (ends[r]! - starts[r]! + 1 === best) count++;
  return 2 * count > starts.length ? best : 0;
}

/** The total over the runs, unrotated: the effects of the effect days within each run. */
function totalAtZero(effects: Int32Array, effectDays: Int32Array, { starts, ends }: DaySet): number {
  let total = 0;
  for (let q = 0; q < starts.length; q++)
    for (
      let e = upperIndex(effectDays, starts[q]! - 1);
      e < effectDays.length && effectDays[e]! <= ends[q]!;
      e++
    )
      total += effects[e]!;
  return total;
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

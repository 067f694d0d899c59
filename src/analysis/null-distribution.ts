import { pValues, rotationChanges, rotationTotals, sparseEnough, type DaySet } from "./circular-shift.js";
import { quantile } from "./quantile.js";

/**
 * What the window test reads from its null distribution: the p-values (pValues' convention, circular-shift.ts),
 * the mean and the 2.5% and 97.5% quantiles (quantile.ts's definition).
 *
 * The totals of a count series are whole numbers in a narrow range (a few dozen values over thousands of
 * rotations), so they are tallied by value when they can be — whole numbers, as many distinct values possible as
 * there are rotations at most — and everything is read from the tally: two passes over the null instead of the
 * half-dozen that a p-value pass and two selections make. The numbers are the same as the other way's, bit for
 * bit: ties and quantiles depend only on the values' order, and sums of whole numbers below 2^53 are exact in any
 * order. Other nulls go the other way.
 */
export interface NullDescription {
  upper: number;
  lower: number;
  twoSided: number;
  mean: number;
  /** The 2.5% and 97.5% quantiles. */
  interval: [number, number];
}

/**
 * Reorders `nulls` (the selection does). `wholeUpTo`, when given, is the caller's knowledge that every value is a
 * whole number from 0 to it — rotation totals of a series of counts are, up to the series' total (wholeCountTotal
 * in circular-shift.ts) — so that the tally needs no pass to find the range first.
 */
export function describeNull(
  nulls: Float64Array,
  observed: number,
  tolerance: number,
  wholeUpTo?: number,
): NullDescription {
  const tally =
    wholeUpTo !== undefined && wholeUpTo < nulls.length ? tallyWithin(nulls, 0, wholeUpTo) : tallyOf(nulls);
  if (tally === null) {
    const p = pValues(nulls, observed, tolerance);
    return { ...p, interval: [quantile(nulls, 0.025), quantile(nulls, 0.975)] };
  }
  return describeTally(tally, observed, tolerance);
}

/** What describeNull reads, from the null's tally. */
export function describeTally(tally: Tally, observed: number, tolerance: number): NullDescription {
  const { min, counts } = tally;
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  let above = 0;
  let below = 0;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    const x = min + i;
    if (x >= observed - tolerance) above += c;
    if (x <= observed + tolerance) below += c;
    sum += x * c;
  }
  const upper = (1 + above) / (n + 1);
  const lower = (1 + below) / (n + 1);
  return {
    upper,
    lower,
    twoSided: Math.min(1, 2 * Math.min(upper, lower)),
    mean: sum / n,
    interval: [tallyQuantile(tally, n, 0.025), tallyQuantile(tally, n, 0.975)],
  };
}

export interface Tally {
  min: number;
  /** counts[i]: how many values equal min + i. */
  counts: Int32Array;
}

/** The values counted by value, or null when they are not all whole numbers or spread wider than their count. */
export function tallyOf(values: Float64Array): Tally | null {
  const n = values.length;
  if (n === 0) return null;
  let min = values[0]!;
  let max = min;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    // Whole numbers of 32 bits only: (x | 0) is x itself for those and no others.
    if ((x | 0) !== x) return null;
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  if (max - min >= n) return null;
  return tallyWithin(values, min, max);
}

/**
 * The tally of whole numbers known to lie in min..max. Four tallies, one per value in turn, summed at the end:
 * neighbouring rotations' totals are often equal, and counting them in one array makes each increment wait for
 * the last (about 1.5 times slower).
 */
export function tallyWithin(values: Float64Array, min: number, max: number): Tally {
  const n = values.length;
  const width = max - min + 1;
  const four = new Int32Array(4 * width);
  const [w1, w2, w3] = [width - min, 2 * width - min, 3 * width - min];
  let i = 0;
  for (; i + 3 < n; i += 4) {
    four[values[i]! - min]!++;
    four[values[i + 1]! + w1]!++;
    four[values[i + 2]! + w2]!++;
    four[values[i + 3]! + w3]!++;
  }
  for (; i < n; i++) four[values[i]! - min]!++;
  const counts = four.subarray(0, width);
  for (let k = 0; k < width; k++)
    counts[k]! += four[width + k]! + four[2 * width + k]! + four[3 * width + k]!;
  return { min, counts };
}

/** The p-quantile as quantile.ts defines it (type 7), from the order statistics the tally gives. */
function tallyQuantile({ min, counts }: Tally, n: number, p: number): number {
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const below = orderStatistic(min, counts, k);
  if (k === h || k + 1 >= n) return below;
  return below + (h - k) * (orderStatistic(min, counts, k + 1) - below);
}

/** The k-th smallest value (0-based). */
function orderStatistic(min: number, counts: Int32Array, k: number): number {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen > k) return min + i;
  }
  return min + counts.length - 1;
}

/**
 * The exact null of a series of counts (every value a whole number, `max` its total: wholeCountTotal), tallied as the
 * totals are summed from their changes (rotationChanges), rotations minShift..length − minShift: one pass instead of
 * summing, then reading the range, then counting. With `observed`, the total at rotation 0. A series on more than
 * every other day goes by runs (rotationTotals), then the tally.
 */
export function exactNullTally(
  values: ArrayLike<number>,
  days: DaySet,
  length: number,
  effectDays: Int32Array,
  minShift: number,
  max: number,
): { observed: number; tally: Tally } {
  const last = length - minShift;
  if (!sparseEnough(effectDays, length)) {
    const totals = rotationTotals(values, days, length, effectDays);
    return { observed: totals[0]!, tally: tallyWithin(totals.subarray(minShift, last + 1), 0, max) };
  }
  const { diff, atZero } = rotationChanges(values, effectDays, days, length);
  let running = atZero;
  for (let s = 1; s < minShift; s++) running = (running + diff[s]!) | 0;
  // The total stays the same from one change to the next: counted a stretch at a time.
  const counts = new Int32Array(max + 1);
  let from = minShift;
  for (let s = minShift; s <= last; s++) {
    const change = diff[s]!;
    if (change === 0) continue;
    counts[running]! += s - from;
    running = (running + change) | 0;
    from = s;
  }
  counts[running]! += last + 1 - from;
  return { observed: atZero, tally: { min: 0, counts } };
}

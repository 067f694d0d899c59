import { pValues } from "./circular-shift.js";
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

/** Reorders `nulls` (the selection does). */
export function describeNull(nulls: Float64Array, observed: number, tolerance: number): NullDescription {
  const tally = tallyOf(nulls);
  if (tally === null) {
    const p = pValues(nulls, observed, tolerance);
    return { ...p, interval: [quantile(nulls, 0.025), quantile(nulls, 0.975)] };
  }
  const { min, counts } = tally;
  const n = nulls.length;
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
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < n; i++) counts[values[i]! - min]!++;
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

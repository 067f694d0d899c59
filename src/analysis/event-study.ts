import { readCauses, type CauseInput } from "./causes.js";
import { readDaily, type DailySeries } from "./circular-shift.js";
import { quantile } from "./quantile.js";
import { nullShifts, type NullSummary, type ShiftNullOptions } from "./shift-null.js";

/**
 * The event study: the mean effect per day at each lag −k..+k around the causes' start days, against what
 * rotations of the effect series give (circular-shift.ts; which rotations: shift-null.ts).
 *
 * Cause days: each cause counts by its start day, and a day with several causes counts once. Cause days whose
 * −k..+k range does not lie wholly inside [from, to] are left out (counted in `excluded`, with those outside the
 * range), so that every lag averages over the same causes; a rotated series has no edges, so the null needs no
 * such care.
 *
 * Computation: over C cause days c, the rotated mean at lag ℓ and shift s is R(ℓ − s) / C, where
 * R(τ) = Σ_c y[(c + τ) mod L] is the circular cross-correlation of the cause days and the series. R is computed
 * once for every τ in O(L × C); each permutation is then 2k + 1 lookups, and each lag's two quantiles are found
 * by selection (quantile.ts) rather than by sorting.
 */
export interface EventStudyOptions extends ShiftNullOptions {
  /** Lags −k..+k; default 30. */
  k?: number;
}

export interface EventStudyResult extends NullSummary {
  from: string;
  to: string;
  k: number;
  /** −k..+k. */
  lags: number[];
  /** The mean effect per cause day at each lag (NaN for every lag when no cause day is used). */
  mean: number[];
  /** The 2.5% quantile of the rotated mean at each lag. */
  lower: number[];
  /** The 97.5% quantile of the rotated mean at each lag. */
  upper: number[];
  /** The series' mean per day: the reference line. */
  dailyMean: number;
  /** Distinct cause days used. */
  causeDays: number;
  /** Distinct cause days left out because their −k..+k range is not wholly inside [from, to]. */
  excluded: number;
}

export function eventStudy(
  causeInputs: readonly CauseInput[],
  effect: DailySeries,
  options: EventStudyOptions = {},
): EventStudyResult {
  const k = options.k ?? 30;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, not ${k}`);
  const { first, length } = readDaily(effect);
  const { shifts, summary } = nullShifts(length, options);
  const permutations = shifts.length;

  const distinct = [...new Set(readCauses(causeInputs).map((c) => c.startDay - first))];
  const used = Int32Array.from(distinct.filter((c) => c - k >= 0 && c + k <= length - 1));
  let total = 0;
  for (let i = 0; i < length; i++) total += effect.values[i]!;
  const lags = Array.from({ length: 2 * k + 1 }, (_, i) => i - k);
  const result = {
    from: effect.from,
    to: effect.to,
    k,
    lags,
    dailyMean: total / length,
    causeDays: used.length,
    excluded: distinct.length - used.length,
    ...summary,
  };
  if (used.length === 0) {
    const none = lags.map(() => NaN);
    return { ...result, mean: none, lower: none, upper: none };
  }

  const cross = meanAfterCauses(effect.values, used, length);
  // τ modulo the length, for −length < τ < length (k < length when any cause day is used).
  const at = (tau: number): number => cross[tau < 0 ? tau + length : tau]!;
  const lower: number[] = [];
  const upper: number[] = [];
  const nulls = new Float64Array(permutations);
  for (const lag of lags) {
    const base = lag < 0 ? lag + length : lag;
    for (let i = 0; i < permutations; i++) nulls[i] = at(base - shifts[i]!);
    lower.push(quantile(nulls, 0.025));
    upper.push(quantile(nulls, 0.975));
  }
  return { ...result, mean: lags.map(at), lower, upper };
}

/** R(τ) / C for every τ in 0..length − 1: the mean effect τ days (modulo length) after the cause days. */
function meanAfterCauses(values: ArrayLike<number>, causeDays: Int32Array, length: number): Float64Array {
  // The series written twice, so that no index needs a modulo.
  const twice = new Float64Array(2 * length);
  for (let i = 0; i < 2 * length; i++) twice[i] = values[i % length]!;
  const cross = new Float64Array(length);
  // Cause by cause, so that the inner loop reads the series in order.
  for (const c of causeDays) for (let tau = 0; tau < length; tau++) cross[tau]! += twice[c + tau]!;
  for (let tau = 0; tau < length; tau++) cross[tau]! /= causeDays.length;
  return cross;
}

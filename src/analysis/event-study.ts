import { readCauses, type CauseInput } from "./causes.js";
import { drawShifts, quantile, readDaily, type DailySeries } from "./circular-shift.js";

/**
 * The event study: the mean effect per day at each lag −k..+k around the causes' start days, against what
 * rotations of the effect series give (circular-shift.ts).
 *
 * Cause days: each cause counts by its start day, and a day with several causes counts once. Cause days whose
 * −k..+k range does not lie wholly inside [from, to] are left out (counted in `excluded`, with those outside the
 * range), so that every lag averages over the same causes; a rotated series has no edges, so the null needs no
 * such care.
 *
 * Computation: with a the cause days, the rotated mean at lag ℓ and shift s is R(ℓ − s) / C, where
 * R(τ) = Σ_c y[(c + τ) mod L] is the circular cross-correlation of the cause days and the series. R is computed
 * once for every τ in O(L × C); each permutation is then 2k + 1 lookups.
 */
export interface EventStudyOptions {
  /** Lags −k..+k; default 30. */
  k?: number;
  /** Rotations drawn; default 10,000. */
  permutations?: number;
  /** Seed of the rotations (random.ts); default 1. */
  seed?: number;
}

export interface EventStudyResult {
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
  permutations: number;
  seed: number;
}

export function eventStudy(
  causeInputs: readonly CauseInput[],
  effect: DailySeries,
  options: EventStudyOptions = {},
): EventStudyResult {
  const k = options.k ?? 30;
  const permutations = options.permutations ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, not ${k}`);
  const { first, length } = readDaily(effect);
  const y = effect.values;

  const distinct = [...new Set(readCauses(causeInputs).map((c) => c.startDay - first))];
  const used = Int32Array.from(distinct.filter((c) => c - k >= 0 && c + k <= length - 1));
  const excluded = distinct.length - used.length;
  const count = used.length;

  // R(τ) for every τ, over the series written twice so that no index needs a modulo.
  const twice = new Float64Array(2 * length);
  for (let i = 0; i < 2 * length; i++) twice[i] = y[i % length]!;
  const cross = new Float64Array(length);
  for (let tau = 0; tau < length; tau++) {
    let sum = 0;
    for (let j = 0; j < count; j++) sum += twice[used[j]! + tau]!;
    cross[tau] = sum / count;
  }
  const at = (tau: number): number => cross[((tau % length) + length) % length]!;

  const lags = Array.from({ length: 2 * k + 1 }, (_, i) => i - k);
  const shifts = drawShifts(length, permutations, seed);
  const nulls = lags.map(() => new Float64Array(permutations));
  for (let i = 0; i < permutations; i++) {
    const s = shifts[i]!;
    for (let l = 0; l < lags.length; l++) nulls[l]![i] = at(lags[l]! - s);
  }
  for (const n of nulls) n.sort();

  let total = 0;
  for (let i = 0; i < length; i++) total += y[i]!;
  return {
    from: effect.from,
    to: effect.to,
    k,
    lags,
    mean: lags.map((l) => at(l)),
    lower: nulls.map((n) => quantile(n, 0.025)),
    upper: nulls.map((n) => quantile(n, 0.975)),
    dailyMean: total / length,
    causeDays: count,
    excluded,
    permutations,
    seed,
  };
}

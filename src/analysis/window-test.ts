import { preWindowOf, readCauses, unionOf, windowOf, type CauseInput, type CauseWindow, type WindowOf } from "./causes.js";
import {
  circularPrefix,
  drawShifts,
  pValues,
  quantile,
  readDaily,
  tieTolerance,
  type DailySeries,
} from "./circular-shift.js";
import { dayString } from "./days.js";

/**
 * The window test: is the effect (e.g. missile launches) more frequent in the days after causes (e.g. exercises)
 * than chance would put there?
 *
 * The window set W is the union of every cause's window, clipped to the effect series' days [from, to]; a day in
 * two causes' windows counts once. The statistic is the effect total over W. The null rotates the effect series
 * by a uniform random 1..L−1 days (L the series' length, see circular-shift.ts) and recomputes the statistic.
 *
 * Computation: W is kept as its disjoint runs of days and the series as circular prefix sums, so each rotation
 * costs two lookups per run — O(N × runs) in all, runs ≤ the number of causes — and no per-day loop at all.
 *
 * The rate ratio is observed / expected (the null mean). Its interval divides the observed total by the 97.5% and
 * 2.5% quantiles of the null: the ratios of what happened to what chance gives in 95% of rotations. It is meant
 * for counts; with Goldstein sums, which can be negative, read the p-values instead.
 */
export interface WindowTestOptions {
  window: CauseWindow;
  /** Rotations drawn; default 10,000. */
  permutations?: number;
  /** Seed of the rotations (random.ts); default 1. */
  seed?: number;
}

export interface CauseWindowCount {
  start: string;
  end: string;
  /** The cause's window clipped to [from, to], or null if it lies outside. */
  window: [string, string] | null;
  days: number;
  /** The effect total over this cause's window (overlaps with other causes' windows count for each). */
  effect: number;
}

export interface WindowSummary {
  /** Days in the window set W. */
  days: number;
  /** days / the series' length. */
  share: number;
  /** The effect total over W. */
  observed: number;
  /** observed / the series' effect total. */
  effectShare: number;
  /** The mean of the null. */
  expected: number;
  /** [2.5%, 97.5%] quantiles of the null. */
  nullInterval: [number, number];
  /** observed / expected (NaN when both are 0, Infinity when only expected is). */
  rateRatio: number;
  /** [observed / null 97.5%, observed / null 2.5%]. */
  rateRatioInterval: [number, number];
  /** P(null ≥ observed), +1 corrected. */
  pOneSided: number;
  /** Twice the smaller tail, at most 1. */
  pTwoSided: number;
  perCause: CauseWindowCount[];
}

export interface WindowTestResult {
  from: string;
  to: string;
  /** Days in the effect series (L). */
  days: number;
  effectTotal: number;
  causes: number;
  permutations: number;
  seed: number;
  window: WindowSummary;
  /** The same test over the pre-window (causes.ts, preWindowOf): a pre-trend check. */
  preWindow: WindowSummary;
}

export function windowTest(
  causeInputs: readonly CauseInput[],
  effect: DailySeries,
  options: WindowTestOptions,
): WindowTestResult {
  const permutations = options.permutations ?? 10_000;
  const seed = options.seed ?? 1;
  const { first, length } = readDaily(effect);
  const causes = readCauses(causeInputs);
  const prefix = circularPrefix(effect.values);
  const shifts = drawShifts(length, permutations, seed);
  const tolerance = tieTolerance(effect.values);
  const effectTotal = prefix[length]!;

  const summarise = (windowFn: WindowOf): WindowSummary => {
    const intervals = causes.map((c): [number, number] => {
      const [a, b] = windowFn(c);
      return [a - first, b - first];
    });
    const runs = unionOf(intervals, length);
    const { starts, ends } = runs;
    const sumAt = (shift: number): number => {
      let sum = 0;
      const base = length - shift;
      for (let r = 0; r < starts.length; r++) sum += prefix[ends[r]! + base + 1]! - prefix[starts[r]! + base]!;
      return sum;
    };
    // The observed total is computed as rotation 0, so that ties with the null are exact ties.
    const observed = sumAt(0);
    const nulls = new Float64Array(permutations);
    let nullSum = 0;
    for (let i = 0; i < permutations; i++) {
      const x = sumAt(shifts[i]!);
      nulls[i] = x;
      nullSum += x;
    }
    const p = pValues(nulls, observed, tolerance);
    nulls.sort();
    const expected = nullSum / permutations;
    const low = quantile(nulls, 0.025);
    const high = quantile(nulls, 0.975);
    const perCause = causes.map((c, i): CauseWindowCount => {
      const [a, b] = intervals[i]!;
      const lo = Math.max(a, 0);
      const hi = Math.min(b, length - 1);
      const inside = lo <= hi;
      return {
        start: c.start,
        end: c.end,
        window: inside ? [dayString(first + lo), dayString(first + hi)] : null,
        days: inside ? hi - lo + 1 : 0,
        effect: inside ? prefix[hi + 1]! - prefix[lo]! : 0,
      };
    });
    return {
      days: runs.days,
      share: runs.days / length,
      observed,
      effectShare: observed / effectTotal,
      expected,
      nullInterval: [low, high],
      rateRatio: observed / expected,
      rateRatioInterval: [observed / high, observed / low],
      pOneSided: p.upper,
      pTwoSided: p.twoSided,
      perCause,
    };
  };

  return {
    from: effect.from,
    to: effect.to,
    days: length,
    effectTotal,
    causes: causes.length,
    permutations,
    seed,
    window: summarise(windowOf(options.window)),
    preWindow: summarise(preWindowOf(options.window)),
  };
}

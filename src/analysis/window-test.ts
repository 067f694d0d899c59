import {
  preWindowOf,
  readCauses,
  unionOf,
  windowOf,
  type CauseInput,
  type CauseWindow,
  type WindowOf,
} from "./causes.js";
import {
  effectDaysOf,
  prefixSums,
  rotationTotals,
  readDaily,
  tieTolerance,
  wholeCountTotal,
  type DailySeries,
} from "./circular-shift.js";
import { dayString } from "./days.js";
import { describeNull, describeTally, exactNullTally } from "./null-distribution.js";
import { nullValues, planNull, type NullSummary, type ShiftNullOptions } from "./shift-null.js";

/**
 * The window test: is the effect (e.g. missile launches) more frequent in the days after causes (e.g. exercises)
 * than chance would put there?
 *
 * The window set W is the union of every cause's window, clipped to the effect series' days [from, to]; a day in
 * two causes' windows counts once. The statistic is the effect total over W. The null rotates the effect series
 * and recomputes the statistic: by a uniform random 1..L−1 days (L the series' length), by every such rotation
 * once (the exact null), or by whole years (shift-null.ts); the window and the pre-window use the same rotations.
 *
 * Computation: W is kept as its disjoint runs of days (runs ≤ the number of causes). The totals of all L rotations
 * — the circular cross-correlation of W's indicator with the series — are tabulated at once (circular-shift.ts,
 * rotationTotals), in O(L × runs) from circular prefix sums or, when the effect falls on few days, in
 * O(effect days × runs + L) from those days alone; each rotation of the null is then one lookup. So the exact null,
 * L − 1 lookups, costs less than the default 10,000 sampled rotations on any series under 27 years.
 *
 * The rate ratio is observed / expected (the null mean). Its interval divides the observed total by the 97.5% and
 * 2.5% quantiles of the null: the ratios of what happened to what chance gives in 95% of rotations. It is meant
 * for counts; with Goldstein sums, which can be negative, read the p-values instead.
 */
export interface WindowTestOptions extends ShiftNullOptions {
  window: CauseWindow;
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
  /**
   * [observed / null 97.5%, observed / null 2.5%]: excludes 1 about when the two-sided p is below 0.05. Infinity
   * for the upper bound when the null's 2.5% quantile is 0.
   */
  rateRatioInterval: [number, number];
  /**
   * (1 + #{null ≥ observed}) / (N + 1), N the alignments: is the effect more frequent in the window than by chance?
   * The observed alignment counts once, on its own (shift-null.ts).
   */
  pOneSided: number;
  /** min(1, 2 × the smaller of pOneSided and (1 + #{null ≤ observed}) / (N + 1)). */
  pTwoSided: number;
  perCause: CauseWindowCount[];
}

export interface WindowTestResult extends NullSummary {
  from: string;
  to: string;
  /** Days in the effect series (L). */
  days: number;
  effectTotal: number;
  causes: number;
  window: WindowSummary;
  /** The same test over the pre-window (causes.ts, preWindowOf): a pre-trend check. */
  preWindow: WindowSummary;
}

export function windowTest(
  causeInputs: readonly CauseInput[],
  effect: DailySeries,
  options: WindowTestOptions,
): WindowTestResult {
  const { first, length } = readDaily(effect);
  const causes = readCauses(causeInputs);
  const prefix = prefixSums(effect.values);
  const { shifts, summary } = planNull(length, options);
  const effectDays = effectDaysOf(effect.values);
  const tolerance = tieTolerance(effect.values);
  const wholeUpTo = wholeCountTotal(effect.values, effectDays);
  const effectTotal = prefix[length]!;

  const summarise = (windowFn: WindowOf): WindowSummary => {
    const intervals = causes.map((c): [number, number] => {
      const [a, b] = windowFn(c);
      return [a - first, b - first];
    });
    const runs = unionOf(intervals, length);
    // The observed total is rotation 0 of the same table, so that ties with the null are exact ties.
    let observed: number;
    let p: ReturnType<typeof describeNull>;
    if (summary.null === "exact" && wholeUpTo !== undefined && wholeUpTo < summary.alignments) {
      // Counts under every rotation: tallied as they are summed (null-distribution.ts, exactNullTally).
      const exact = exactNullTally(effect.values, runs, length, effectDays, summary.minShift, wholeUpTo);
      observed = exact.observed;
      p = describeTally(exact.tally, observed, tolerance);
    } else {
      const totals = rotationTotals(effect.values, runs, length, effectDays);
      observed = totals[0]!;
      p = describeNull(nullValues(totals, shifts, summary), observed, tolerance, wholeUpTo);
    }
    const expected = p.mean;
    const [low, high] = p.interval;
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
    ...summary,
    window: summarise(windowOf(options.window)),
    preWindow: summarise(preWindowOf(options.window)),
  };
}

/**
 * Leave-one-out: the window test again without each cause in turn. A result that rests on one episode (one
 * exercise and the salvo after it) shows here: without it the rate ratio falls and the p-value rises.
 */
import type { DailySeries } from "./circular-shift.js";
import { windowTest, type WindowTestOptions } from "./window-test.js";

export interface WithoutCause {
  /** The cause left out. */
  start: string;
  end: string;
  /** The window test's observed total, rate ratio and p-values without it. */
  observed: number;
  expected: number;
  rateRatio: number;
  pOneSided: number;
  pTwoSided: number;
}

export interface LeaveOneOut {
  /** One line per cause, in the causes' order. */
  withoutEach: WithoutCause[];
  /**
   * The cause whose omission moves the rate ratio most (the largest |log(rate ratio without it / with all)|; ties:
   * the larger p-value without it, then the earlier cause). Null with a single cause: nothing is left without it.
   */
  mostInfluential: WithoutCause | null;
}

export function leaveOneOut(
  causes: readonly { start: string; end: string }[],
  effect: DailySeries,
  options: WindowTestOptions,
  withAll: { rateRatio: number },
): LeaveOneOut {
  if (causes.length < 2) return { withoutEach: [], mostInfluential: null };
  const withoutEach = causes.map((left, i): WithoutCause => {
    const test = windowTest(
      causes.filter((_, j) => j !== i),
      effect,
      options,
    );
    const w = test.window;
    return {
      start: left.start,
      end: left.end,
      observed: w.observed,
      expected: w.expected,
      rateRatio: w.rateRatio,
      pOneSided: w.pOneSided,
      pTwoSided: w.pTwoSided,
    };
  });
  const moved = (x: WithoutCause) => Math.abs(Math.log(x.rateRatio / withAll.rateRatio));
  let most = withoutEach[0]!;
  for (const x of withoutEach.slice(1)) {
    const [a, b] = [moved(x), moved(most)];
    // NaN (a ratio of 0/0) never wins.
    if (a > b || (Number.isNaN(b) && !Number.isNaN(a)) || (a === b && x.pOneSided > most.pOneSided)) most = x;
  }
  return { withoutEach, mostInfluential: most };
}

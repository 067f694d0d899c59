import { describe, expect, it } from "vitest";
import { leaveOneOut } from "../../src/analysis/leave-one-out.js";
import { windowTest } from "../../src/analysis/window-test.js";
import { dayNumber, dayString } from "../../src/analysis/days.js";

/** 400 quiet days with one event every 40 days, and a burst of 12 after the cause of 2021-06-01 only. */
function record() {
  const from = "2021-01-01";
  const values: number[] = Array.from({ length: 400 }, (_, d) => (d % 40 === 5 ? 1 : 0));
  const burst = dayNumber("2021-06-01") - dayNumber(from);
  for (let d = 1; d <= 3; d++) values[burst + d] = 4;
  const causes = ["2021-02-10", "2021-06-01", "2021-09-15", "2021-12-01"].map((start) => ({
    start,
    end: start,
  }));
  return { causes, effect: { from, to: dayString(dayNumber(from) + 399), values } };
}

const options = { window: { kind: "lag", first: 0, last: 14 } as const, permutations: 2000, seed: 7 };

describe("leaveOneOut", () => {
  it("is the window test without each cause in turn", () => {
    const { causes, effect } = record();
    const all = windowTest(causes, effect, options);
    const l = leaveOneOut(causes, effect, options, all.window);
    expect(l.withoutEach).toHaveLength(4);
    for (const [i, x] of l.withoutEach.entries()) {
      const alone = windowTest(
        causes.filter((_, j) => j !== i),
        effect,
        options,
      ).window;
      expect(x).toEqual({
        start: causes[i]!.start,
        end: causes[i]!.end,
        observed: alone.observed,
        expected: alone.expected,
        rateRatio: alone.rateRatio,
        pOneSided: alone.pOneSided,
        pTwoSided: alone.pTwoSided,
      });
    }
  });

  it("names the cause the result rests on: without the burst's cause, the excess is gone", () => {
    const { causes, effect } = record();
    const all = windowTest(causes, effect, options);
    expect(all.window.pOneSided).toBeLessThan(0.05);
    const l = leaveOneOut(causes, effect, options, all.window);
    expect(l.mostInfluential?.start).toBe("2021-06-01");
    expect(l.mostInfluential!.rateRatio).toBeLessThan(all.window.rateRatio / 2);
    expect(l.mostInfluential!.pOneSided).toBeGreaterThan(0.05);
  });

  it("has nothing to leave out with a single cause", () => {
    const { effect } = record();
    const one = [{ start: "2021-06-01", end: "2021-06-01" }];
    expect(leaveOneOut(one, effect, options, windowTest(one, effect, options).window)).toEqual({
      withoutEach: [],
      mostInfluential: null,
    });
  });
});

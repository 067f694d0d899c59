import { describe, expect, it } from "vitest";
import { eventStudy } from "../../src/analysis/event-study.js";
import { drawShifts } from "../../src/analysis/circular-shift.js";
import { sortedQuantile, synthetic } from "./helpers.js";

describe("eventStudy", () => {
  // Twelve days, 2021-03-01 (offset 0) to 2021-03-12 (offset 11).
  const effect = { from: "2021-03-01", to: "2021-03-12", values: [1, 0, 2, 0, 0, 3, 0, 1, 0, 0, 4, 0] };

  it("averages the effect at each lag over cause days whose −k..+k range is in the series", () => {
    // 03-01 and 03-12 are too near the ends for k = 2; 03-04 is given twice and counts once.
    const r = eventStudy(
      ["2021-03-01", "2021-03-04", "2021-03-04", { start: "2021-03-09", end: "2021-03-10" }, "2021-03-12"],
      effect,
      {
        k: 2,
        permutations: 100,
      },
    );
    expect(r.lags).toEqual([-2, -1, 0, 1, 2]);
    expect(r).toMatchObject({ causeDays: 2, excluded: 2, dailyMean: 11 / 12 });
    // Offsets 3 and 8: lags −2..2 are offsets 1..5 and 6..10.
    expect(r.mean).toEqual([(0 + 0) / 2, (2 + 1) / 2, (0 + 0) / 2, (0 + 0) / 2, (3 + 4) / 2]);
    expect(r.lower).toHaveLength(5);
    expect(r.upper).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(r.lower[i]!).toBeLessThanOrEqual(r.upper[i]!);
  });

  it("its bands match a brute-force rotation with the same shifts", () => {
    const world = synthetic(4, 500, { causeRate: 0.03 });
    const k = 10;
    const r = eventStudy(world.causes, world, { k, permutations: 400, seed: 3 });
    const n = world.values.length;
    const offsets = world.causes
      .map((c) => (Date.parse(c) - Date.parse(world.from)) / 86_400_000)
      .filter((c) => c - k >= 0 && c + k < n);
    expect(r.causeDays).toBe(offsets.length);
    const shifts = drawShifts(n, 400, 3);
    r.lags.forEach((lag, i) => {
      const nulls = Float64Array.from(shifts, (s) => {
        let sum = 0;
        for (const c of offsets) sum += world.values[(((c + lag - s) % n) + n) % n]!;
        return sum / offsets.length;
      }).sort();
      expect(r.lower[i]).toBeCloseTo(sortedQuantile(nulls, 0.025), 12);
      expect(r.upper[i]).toBeCloseTo(sortedQuantile(nulls, 0.975), 12);
    });
  });

  it("a planted effect peaks at the planted lags, above the upper band", () => {
    const world = synthetic(2, 7300, {
      causeRate: 0.02,
      quiet: 0.02,
      active: 0.1,
      planted: { lags: [2, 5], probability: 0.9 },
    });
    const r = eventStudy(world.causes, world, { seed: 8 });
    expect(r.lags).toHaveLength(61);
    const at = (lag: number) => r.lags.indexOf(lag);
    for (const lag of [2, 3, 4, 5]) expect(r.mean[at(lag)]!).toBeGreaterThan(r.upper[at(lag)]!);
    // Elsewhere the mean stays within the bands, but for the odd lag (each is a 5% test).
    const others = r.lags.filter((l) => l < 2 || l > 5);
    const outside = others.filter(
      (l) => r.mean[at(l)]! > r.upper[at(l)]! || r.mean[at(l)]! < r.lower[at(l)]!,
    );
    expect(outside.length).toBeLessThanOrEqual(6);
    const peak = Math.max(...r.mean);
    expect([2, 3, 4, 5]).toContain(r.lags[r.mean.indexOf(peak)]);
    // The bands sit around the daily mean.
    for (let i = 0; i < r.lags.length; i++) {
      expect(r.lower[i]!).toBeLessThan(r.dailyMean);
      expect(r.upper[i]!).toBeGreaterThan(r.dailyMean);
    }
  });

  it("is deterministic for a seed", () => {
    const world = synthetic(5, 2000, { causeRate: 0.02 });
    const a = eventStudy(world.causes, world, { k: 14, permutations: 2000, seed: 1 });
    expect(eventStudy(world.causes, world, { k: 14, permutations: 2000, seed: 1 })).toEqual(a);
    const b = eventStudy(world.causes, world, { k: 14, permutations: 2000, seed: 2 });
    expect(b.mean).toEqual(a.mean);
    expect(b.upper).not.toEqual(a.upper);
  });

  it("without usable cause days, the means are NaN", () => {
    const r = eventStudy(["2021-03-01"], effect, { k: 2, permutations: 10 });
    expect(r.causeDays).toBe(0);
    expect(r.excluded).toBe(1);
    expect(r.mean.every(Number.isNaN)).toBe(true);
  });
});

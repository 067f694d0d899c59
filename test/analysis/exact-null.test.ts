import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCauses, unionOf, windowOf } from "../../src/analysis/causes.js";
import { rotationTotals } from "../../src/analysis/circular-shift.js";
import { dayNumber } from "../../src/analysis/days.js";
import { eventStudy } from "../../src/analysis/event-study.js";
import type { NullKind, ShiftNullOptions } from "../../src/analysis/shift-null.js";
import { windowTest, type WindowSummary } from "../../src/analysis/window-test.js";
import { sortedQuantile, synthetic } from "./helpers.js";

/** What scripts/reference/exact_null.py writes. */
interface Reference {
  alignments: number;
  observed: number;
  expected: number;
  nullInterval: [number, number];
  pOneSided: number;
  pTwoSided: number;
}
interface Dataset {
  from: string;
  to: string;
  values: number[];
  causes: { start: string; end: string }[];
  window: { first: number; last: number };
  nulls: Record<string, { kind: NullKind; minShift: number; jitter?: number }>;
  results: Record<"window" | "preWindow", Record<string, Reference>>;
  windowTotals?: number[];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/exact-null.json", import.meta.url), "utf8")) as {
  datasets: Record<string, Dataset>;
};

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / Math.max(1, Math.abs(expected))).toBeLessThanOrEqual(1e-12);

function expectReference(summary: WindowSummary, ref: Reference) {
  expect(summary.observed).toBe(ref.observed);
  close(summary.expected, ref.expected);
  close(summary.nullInterval[0], ref.nullInterval[0]);
  close(summary.nullInterval[1], ref.nullInterval[1]);
  close(summary.pOneSided, ref.pOneSided);
  close(summary.pTwoSided, ref.pTwoSided);
}

describe("the enumerated nulls equal numpy's (scripts/reference/exact_null.py)", () => {
  for (const [name, data] of Object.entries(fixture.datasets))
    it(`${name}: every null, window and pre-window`, () => {
      const window = { kind: "lag", ...data.window } as const;
      for (const [nullName, spec] of Object.entries(data.nulls)) {
        const options: ShiftNullOptions =
          spec.kind === "exact"
            ? { exact: true, minShift: spec.minShift }
            : { shiftStep: 364, jitter: spec.jitter ?? 0, minShift: spec.minShift };
        const r = windowTest(data.causes, data, { window, ...options });
        const ref = data.results.window[nullName]!;
        expect(r, nullName).toMatchObject({ null: spec.kind, alignments: ref.alignments });
        expectReference(r.window, ref);
        expectReference(r.preWindow, data.results.preWindow[nullName]!);
      }
    });

  it("jitter 0 is the whole-year null as defined before it (k × 364, k = 1..⌊(L − 1) / 364⌋)", () => {
    for (const data of Object.values(fixture.datasets)) {
      const r = windowTest(data.causes, data, { window: { kind: "lag", ...data.window }, shiftStep: 364 });
      expect(r.alignments).toBe(data.results.window.whole_year!.alignments);
      expectReference(r.window, data.results.window.whole_year!);
      expectReference(r.preWindow, data.results.preWindow.whole_year!);
    }
  });

  it("every rotation's total is numpy's (the cross-correlation of the window with the series)", () => {
    const data = fixture.datasets.synthetic!;
    const first = dayNumber(data.from);
    const intervals = readCauses(data.causes).map((c) =>
      windowOf({ kind: "lag", ...data.window })(c).map((d) => d - first),
    ) as [number, number][];
    const length = data.values.length;
    const totals = rotationTotals(data.values, unionOf(intervals, length), length);
    expect([...totals]).toEqual(data.windowTotals);
  });
});

describe("the exact null", () => {
  const world = synthetic(5, 900, { causeRate: 0.02, planted: { lags: [1, 4], probability: 0.3 } });
  const window = { kind: "lag", first: 0, last: 6 } as const;
  const n = world.values.length;
  const offsets = world.causes.map((c) => dayNumber(c) - dayNumber(world.from));
  const windowDays = new Set(
    offsets.flatMap((c) => [0, 1, 2, 3, 4, 5, 6].map((l) => c + l).filter((d) => d < n)),
  );
  /** The statistic under rotation s, summed the slow way. */
  const rotated = (s: number) => {
    let sum = 0;
    for (const d of windowDays) sum += world.values[(((d - s) % n) + n) % n]!;
    return sum;
  };

  it("is every rotation minShift..L − minShift once, the observed one counted once beside them", () => {
    for (const minShift of [1, 7]) {
      const r = windowTest(world.causes, world, { window, exact: true, minShift });
      const nulls = Array.from({ length: n - 2 * minShift + 1 }, (_, i) => rotated(minShift + i));
      const observed = rotated(0);
      const above = nulls.filter((x) => x >= observed).length;
      const below = nulls.filter((x) => x <= observed).length;
      const sorted = Float64Array.from(nulls).sort();
      expect(r).toMatchObject({ null: "exact", alignments: nulls.length, permutations: nulls.length });
      expect(r.window.observed).toBe(observed);
      expect(r.window.pOneSided).toBe((1 + above) / (nulls.length + 1));
      expect(r.window.pTwoSided).toBe(Math.min(1, (2 * (1 + Math.min(above, below))) / (nulls.length + 1)));
      expect(r.window.expected).toBeCloseTo(nulls.reduce((a, b) => a + b, 0) / nulls.length, 12);
      expect(r.window.nullInterval).toEqual([sortedQuantile(sorted, 0.025), sortedQuantile(sorted, 0.975)]);
    }
  });

  it("over every rotation, its mean is (|W| × total − observed) / (L − 1): each day is in W in |W| rotations", () => {
    const r = windowTest(world.causes, world, { window, exact: true });
    const total = world.values.reduce((a, b) => a + b, 0);
    expect(r.window.expected).toBeCloseTo((r.window.days * total - r.window.observed) / (n - 1), 12);
  });

  it("is the sampled null's limit: many sampled rotations land within binomial error of it", () => {
    const permutations = 40_000;
    for (const minShift of [1, 7]) {
      const exact = windowTest(world.causes, world, { window, exact: true, minShift });
      // A test that the two agree needs a p far from 0 and 1, where the sampling error is largest.
      expect(exact.window.pOneSided).toBeGreaterThan(0.02);
      expect(exact.window.pOneSided).toBeLessThan(0.5);
      for (const seed of [1, 2, 3]) {
        const sampled = windowTest(world.causes, world, { window, permutations, seed, minShift });
        for (const key of ["pOneSided", "pTwoSided"] as const) {
          const p = exact.window[key];
          // 4.5 standard errors of a binomial share, and the 1 / (N + 1) that the +1 weighs differently.
          const tolerance = (key === "pTwoSided" ? 2 : 1) * 4.5 * Math.sqrt((p * (1 - p)) / permutations);
          expect(Math.abs(sampled.window[key] - p)).toBeLessThan(tolerance + 1 / exact.alignments);
        }
      }
    }
  });

  it("gives the event study's bands over every rotation", () => {
    const k = 5;
    const r = eventStudy(world.causes, world, { k, exact: true, minShift: 3 });
    const used = offsets.filter((c) => c - k >= 0 && c + k < n);
    expect(r).toMatchObject({ null: "exact", alignments: n - 5, causeDays: used.length });
    r.lags.forEach((lag, i) => {
      const nulls = Float64Array.from({ length: n - 5 }, (_, j) => {
        let sum = 0;
        for (const c of used) sum += world.values[(((c + lag - (j + 3)) % n) + n) % n]!;
        return sum / used.length;
      }).sort();
      expect(r.lower[i]).toBeCloseTo(sortedQuantile(nulls, 0.025), 12);
      expect(r.upper[i]).toBeCloseTo(sortedQuantile(nulls, 0.975), 12);
    });
  });
});

import { describe, expect, it } from "vitest";
import { pValues } from "../../src/analysis/circular-shift.js";
import { unionOf } from "../../src/analysis/causes.js";
import { effectDaysOf, rotationTotals } from "../../src/analysis/circular-shift.js";
import {
  describeNull,
  describeTally,
  exactNullTally,
  tallyOf,
} from "../../src/analysis/null-distribution.js";
import { quantile } from "../../src/analysis/quantile.js";
import { createRandom } from "../../src/analysis/random.js";

/** The other way: a p-value pass and two selections, on a copy. */
function bySelection(nulls: Float64Array, observed: number, tolerance: number) {
  const copy = nulls.slice();
  return { ...pValues(copy, observed, tolerance), interval: [quantile(copy, 0.025), quantile(copy, 0.975)] };
}

describe("describeNull", () => {
  const random = createRandom(31);

  it("tallies whole numbers in a narrow range and gives what selection gives, bit for bit", () => {
    for (const [n, spread, offset] of [
      [1, 1, 0],
      [2, 2, 5],
      [41, 3, 0],
      [400, 60, -30],
      [4017, 40, 0],
      [4017, 4017, 1000],
    ] as const) {
      const nulls = Float64Array.from({ length: n }, () => offset + random.int(0, spread - 1));
      expect(tallyOf(nulls), `n ${n}`).not.toBeNull();
      // The observed value below, among and above the null's, and between two of them.
      for (const observed of [offset - 1, nulls[0]!, offset + spread / 2 + 0.5, offset + spread]) {
        const mine = describeNull(nulls.slice(), observed, 1e-9);
        expect(mine).toEqual(bySelection(nulls, observed, 1e-9));
        // Told the values are whole numbers from 0 to a bound (at or above their largest), the tally agrees.
        if (offset >= 0 && offset + spread < n)
          for (const bound of [offset + spread - 1, n - 1])
            expect(describeNull(nulls.slice(), observed, 1e-9, bound)).toEqual(mine);
      }
    }
  });

  it("leaves fractions, wide spreads and large numbers to selection, with the same results", () => {
    const cases = [
      Float64Array.from({ length: 300 }, () => random.next() * 10),
      Float64Array.from({ length: 300 }, () => random.int(0, 1000)),
      Float64Array.from({ length: 300 }, () => 2 ** 40 + random.int(0, 10)),
    ];
    for (const nulls of cases) {
      expect(tallyOf(nulls)).toBeNull();
      expect(describeNull(nulls.slice(), nulls[7]!, 1e-9)).toEqual(bySelection(nulls, nulls[7]!, 1e-9));
    }
  });

  it("counts values within the tolerance of the observed as ties", () => {
    const nulls = Float64Array.from([1, 2, 3, 3, 4]);
    expect(describeNull(nulls.slice(), 3 + 1e-12, 1e-9)).toMatchObject({ upper: 4 / 6, lower: 5 / 6 });
    expect(describeNull(nulls.slice(), 3 + 1e-6, 1e-9)).toMatchObject({ upper: 2 / 6, lower: 5 / 6 });
  });
});

describe("exactNullTally", () => {
  const random = createRandom(77);
  it("tallies the totals of rotations minShift..L − minShift as rotationTotals gives them, sparse or dense", () => {
    for (const [length, density, minShift] of [
      [400, 0.05, 1],
      [400, 0.05, 17],
      [365, 0.7, 1],
      [365, 0.7, 30],
      [50, 0.2, 25],
    ] as const) {
      const values = Array.from({ length }, () => (random.next() < density ? random.int(1, 3) : 0));
      const intervals = Array.from({ length: 12 }, (): [number, number] => {
        const a = random.int(-10, length);
        return [a, a + random.int(0, 20)];
      });
      const runs = unionOf(intervals, length);
      const effectDays = effectDaysOf(values);
      const total = values.reduce((a, b) => a + b, 0);
      const totals = rotationTotals(values, runs, length, effectDays);
      const nulls = totals.subarray(minShift, length - minShift + 1);
      const { observed, tally } = exactNullTally(values, runs, length, effectDays, minShift, total);
      expect(observed, `L ${length}`).toBe(totals[0]);
      expect([...tally.counts].reduce((a, b) => a + b, 0)).toBe(nulls.length);
      for (const x of [observed, 0, total])
        expect(describeTally(tally, x, 1e-9)).toEqual(describeNull(nulls.slice(), x, 1e-9));
    }
  });
});

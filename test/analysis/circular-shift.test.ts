import { describe, expect, it } from "vitest";
import { unionOf } from "../../src/analysis/causes.js";
import { drawShifts, pValues, rotationTotals, wholeCountTotal } from "../../src/analysis/circular-shift.js";
import { createRandom } from "../../src/analysis/random.js";

function bruteForce(values: number[], days: Set<number>, shift: number): number {
  const n = values.length;
  let sum = 0;
  for (const d of days) sum += values[(((d - shift) % n) + n) % n]!;
  return sum;
}

describe("rotationTotals", () => {
  const random = createRandom(12);
  const length = 600;
  const intervals = Array.from({ length: 40 }, (): [number, number] => {
    const a = random.int(-20, length + 5);
    return [a, a + random.int(0, 12)];
  });
  const runs = unionOf(intervals, length);
  const days = new Set<number>();
  for (let r = 0; r < runs.starts.length; r++)
    for (let d = runs.starts[r]!; d <= runs.ends[r]!; d++) days.add(d);

  it("sums every rotation exactly, by effect days (sparse) and by runs (dense)", () => {
    const sparse = Array.from({ length }, () => (random.next() < 0.05 ? random.int(1, 3) : 0));
    const dense = Array.from({ length }, () => random.int(0, 4));
    for (const values of [sparse, dense]) {
      const totals = rotationTotals(values, runs, length);
      for (let s = 0; s < length; s++) expect(totals[s]).toBe(bruteForce(values, days, s));
    }
  });

  it("sums exactly when most runs share a width (rotationChanges' common width), whatever the rest", () => {
    const n = 97;
    const sparse = Array.from({ length: n }, () => (random.next() < 0.1 ? random.int(1, 5) : 0));
    const setOf = (r: ReturnType<typeof unionOf>) => {
      const set = new Set<number>();
      for (let q = 0; q < r.starts.length; q++) for (let d = r.starts[q]!; d <= r.ends[q]!; d++) set.add(d);
      return set;
    };
    const cases: [number, number][][] = [
      // All of one width, the first at day 0 and the last at the end.
      [
        [0, 14],
        [30, 44],
        [60, 74],
        [82, 96],
      ],
      // Three of width 15, one of 22 (two overlapping windows merged), one of 3.
      [
        [2, 16],
        [25, 39],
        [41, 62],
        [70, 84],
        [90, 92],
      ],
      // Wider than half the series, and the whole series.
      [[5, 64]],
      [[0, 96]],
      // Of one width, with a lone day: no width has a majority of an even count.
      [
        [10, 19],
        [40, 40],
      ],
    ];
    for (const intervals of cases) {
      const r = unionOf(intervals, n);
      const set = setOf(r);
      const totals = rotationTotals(sparse, r, n);
      for (let s = 0; s < n; s++)
        expect(totals[s], `${JSON.stringify(intervals)} s ${s}`).toBe(bruteForce(sparse, set, s));
    }
  });

  it("sums fractional series to within rounding, both ways", () => {
    const sparse = Array.from({ length }, () => (random.next() < 0.05 ? random.next() * 20 - 10 : 0));
    const dense = Array.from({ length }, () => random.next() * 20 - 10);
    for (const values of [sparse, dense]) {
      const totals = rotationTotals(values, runs, length);
      for (let s = 0; s < length; s++) expect(totals[s]).toBeCloseTo(bruteForce(values, days, s), 9);
    }
  });
});

describe("drawShifts and pValues", () => {
  it("draws rotations in minShift..length − minShift, never 0", () => {
    const shifts = drawShifts(10, 5000, 1);
    expect(Math.min(...shifts)).toBe(1);
    expect(Math.max(...shifts)).toBe(9);
    const wide = drawShifts(10, 5000, 1, 3);
    expect(Math.min(...wide)).toBe(3);
    expect(Math.max(...wide)).toBe(7);
    expect(() => drawShifts(10, 5, 1, 6)).toThrow(RangeError);
  });

  it("counts ties on both sides, with the +1 correction; the mean beside them", () => {
    const nulls = Float64Array.from([1, 2, 3, 3, 4]);
    expect(pValues(nulls, 3, 1e-9)).toEqual({ upper: 4 / 6, lower: 5 / 6, twoSided: 1, mean: 13 / 5 });
    expect(pValues(nulls, 5, 1e-9)).toEqual({ upper: 1 / 6, lower: 1, twoSided: 2 / 6, mean: 13 / 5 });
    expect(pValues(nulls, 0, 1e-9)).toEqual({ upper: 1, lower: 1 / 6, twoSided: 2 / 6, mean: 13 / 5 });
  });
});

describe("wholeCountTotal", () => {
  it("gives the total of counts, and nothing for anything else", () => {
    expect(wholeCountTotal([0, 3, 0, 1])).toBe(4);
    expect(wholeCountTotal([])).toBe(0);
    expect(wholeCountTotal([1, -1])).toBeUndefined();
    expect(wholeCountTotal([1, 0.5])).toBeUndefined();
    expect(wholeCountTotal([1, NaN])).toBeUndefined();
    expect(wholeCountTotal([2 ** 30, 2 ** 30])).toBeUndefined();
    expect(wholeCountTotal([2 ** 31])).toBeUndefined();
    // Given the days with an effect, the same answer from those alone.
    expect(wholeCountTotal([0, 3, 0, 1], Int32Array.from([1, 3]))).toBe(4);
    expect(wholeCountTotal([0, 3, 0, 0.5], Int32Array.from([1, 3]))).toBeUndefined();
  });
});

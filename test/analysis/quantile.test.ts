import { describe, expect, it } from "vitest";
import { quantile } from "../../src/analysis/quantile.js";
import { createRandom } from "../../src/analysis/random.js";
import { sortedQuantile } from "./helpers.js";

describe("quantile (by selection)", () => {
  const probabilities = [0, 0.025, 0.1, 0.5, 0.9, 0.975, 1];

  it("equals the type-7 quantile of the sorted values, for random, tied, sorted and reversed input", () => {
    const random = createRandom(3);
    const inputs: number[][] = [[5], [2, 1], [3, 1, 2]];
    for (const n of [4, 10, 41, 1000, 10_001]) {
      inputs.push(Array.from({ length: n }, () => random.next() * 100 - 50));
      inputs.push(Array.from({ length: n }, () => random.int(0, 4))); // many ties
      inputs.push(Array.from({ length: n }, (_, i) => i));
      inputs.push(Array.from({ length: n }, (_, i) => n - i));
      inputs.push(Array.from({ length: n }, () => 7));
    }
    for (const values of inputs) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of probabilities)
        expect(quantile(Float64Array.from(values), p)).toBe(sortedQuantile(sorted, p));
    }
  });

  it("matches numpy's default: np.quantile([1, 2, 3, 4, 10], [0.025, 0.5, 0.975]) = [1.1, 3, 9.4]", () => {
    expect(quantile(Float64Array.from([10, 1, 4, 2, 3]), 0.025)).toBeCloseTo(1.1, 12);
    expect(quantile(Float64Array.from([10, 1, 4, 2, 3]), 0.5)).toBe(3);
    expect(quantile(Float64Array.from([10, 1, 4, 2, 3]), 0.975)).toBeCloseTo(9.4, 12);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });
});

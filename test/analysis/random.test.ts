import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analysis/random.js";

describe("createRandom (mulberry32)", () => {
  it("gives the C original's outputs, bit for bit", () => {
    // From Tommy Ettinger's C mulberry32, compiled with gcc.
    const expected: Record<number, number[]> = {
      0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
      42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
      4294967295: [3850105811, 813802916, 3073704848, 4054706436, 3630262831],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const r = createRandom(Number(seed));
      expect(values.map(() => r.uint32())).toEqual(values);
    }
    // Seeds are read modulo 2^32.
    expect(createRandom(-1).uint32()).toBe(3850105811);
  });

  it("int draws every value of a range about equally often, and nothing outside it", () => {
    const r = createRandom(1);
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 70_000; i++) counts[r.int(3, 9) - 3]! += 1;
    // Each count is Binomial(70,000, 1/7): mean 10,000, sd ≈ 93; 5 sd is ±463.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(463);
  });

  it("next is in [0, 1)", () => {
    const r = createRandom(99);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("rejects seeds and ranges it cannot use", () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(1).int(5, 4)).toThrow(RangeError);
  });
});

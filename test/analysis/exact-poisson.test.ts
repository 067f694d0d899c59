import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  binomialTest,
  clopperPearson,
  poissonCdf,
  poissonInterval,
  rateRatio,
} from "../../src/analysis/exact-poisson.js";

interface Fixture {
  poisson: { k: number; level: number; interval: [number, number] }[];
  binomial: { k: number; n: number; p: number; pValue: number; interval: [number, number] }[];
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/exact-poisson.json", import.meta.url), "utf8"),
) as Fixture;

let worst = 0;
function close(actual: number, expected: number, tolerance = 1e-9): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  worst = Math.max(worst, error);
  expect(error, `${actual} vs ${expected}`).toBeLessThan(tolerance);
}
afterAll(() => console.log(`exact-poisson: worst relative error against scipy ${worst.toExponential(2)}`));

describe("exact Poisson and binomial inference against scipy", () => {
  it("Garwood intervals of a Poisson mean (chi-square quantiles in scipy)", () => {
    for (const c of fixture.poisson) {
      const [lo, hi] = poissonInterval(c.k, c.level);
      close(lo, c.interval[0]);
      close(hi, c.interval[1]);
    }
  });

  it("Clopper–Pearson intervals and two-sided exact binomial tests (scipy binomtest)", () => {
    for (const c of fixture.binomial) {
      const [lo, hi] = clopperPearson(c.k, c.n);
      close(lo, c.interval[0]);
      close(hi, c.interval[1]);
      close(binomialTest(c.k, c.n, c.p), c.pValue);
    }
  });
});

describe("poissonCdf", () => {
  it("is the sum of the probabilities, and 1 for a mean of 0", () => {
    expect(poissonCdf(0, 2)).toBeCloseTo(Math.exp(-2), 15);
    expect(poissonCdf(2, 2)).toBeCloseTo(Math.exp(-2) * (1 + 2 + 2), 15);
    expect(poissonCdf(-1, 2)).toBe(0);
    expect(poissonCdf(3, 0)).toBe(1);
    // Far in the tail, where single terms underflow: still a probability.
    expect(poissonCdf(1000, 2000)).toBeGreaterThan(0);
    expect(poissonCdf(1000, 2000)).toBeLessThan(1e-100);
  });
});

describe("rateRatio", () => {
  it("conditions on the total: its interval is the binomial one as odds, scaled by the exposures", () => {
    const r = rateRatio(33, 1000, 84, 2000);
    expect(r.rateRatio).toBeCloseTo(33 / 1000 / (84 / 2000), 12);
    const [lo, hi] = clopperPearson(33, 117);
    expect(r.interval[0]).toBeCloseTo((lo / (1 - lo)) * 2, 12);
    expect(r.interval[1]).toBeCloseTo((hi / (1 - hi)) * 2, 12);
    expect(r.pValue).toBe(binomialTest(33, 117, 1000 / 3000));
    expect(r.interval[0]).toBeLessThan(r.rateRatio);
    expect(r.interval[1]).toBeGreaterThan(r.rateRatio);
  });

  it("says what it can for empty periods", () => {
    expect(rateRatio(5, 100, 0, 100)).toMatchObject({ rateRatio: Infinity });
    expect(rateRatio(5, 100, 0, 100).interval[1]).toBe(Infinity);
    expect(rateRatio(0, 100, 5, 100)).toMatchObject({ rateRatio: 0 });
    expect(rateRatio(0, 100, 5, 100).interval[0]).toBe(0);
    expect(rateRatio(0, 100, 0, 100)).toEqual({ rateRatio: NaN, interval: [0, Infinity], pValue: 1 });
  });

  it("refuses what is not a count or an exposure", () => {
    expect(() => rateRatio(1.5, 1, 1, 1)).toThrow(/k1 must be a whole number/);
    expect(() => rateRatio(1, 0, 1, 1)).toThrow(/exposures must be positive/);
  });
});

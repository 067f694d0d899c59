import { describe, expect, it } from "vitest";
import { chiSquareUpperTail, fUpperTail, tTwoSided } from "../../src/analysis/p-values.js";
import { fixture } from "./regression-fixture.js";

/** Relative error: these are the far tails where 1 − cdf would return 0. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / expected, `${actual} vs scipy ${expected}`).toBeLessThan(tolerance);
}

describe("upper tails against scipy, to 1e-9 relative even far out", () => {
  for (const c of fixture.tails.f)
    it(`F(${c.dfNum}, ${c.dfDenom}) > ${c.x}`, () =>
      expectRelative(fUpperTail(c.x, c.dfNum, c.dfDenom), c.sf, 1e-9));
  for (const c of fixture.tails.chi2)
    it(`χ²(${c.df}) > ${c.x}`, () => expectRelative(chiSquareUpperTail(c.x, c.df), c.sf, 1e-9));
  for (const c of fixture.tails.t)
    it(`|t(${c.df})| > ${c.t}`, () => expectRelative(tTwoSided(c.t, c.df), c.p, 1e-9));

  it("the edges", () => {
    expect(fUpperTail(0, 2, 10)).toBe(1);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(tTwoSided(0, 5)).toBe(1);
    expect(chiSquareUpperTail(5000, 4)).toBe(0);
    expect(chiSquareUpperTail(3.5, 2.5)).toBeCloseTo(0.2444302507, 9); // non-integer df: 1 − cdf (scipy)
    expect(fUpperTail(NaN, 2, 10)).toBeNaN();
  });
});

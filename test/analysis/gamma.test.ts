import { describe, expect, it } from "vitest";
import {
  digamma,
  digammaStep,
  logFactorial,
  logGamma,
  logGammaStep,
  trigamma,
  trigammaStep,
} from "../../src/analysis/gamma.js";
import { countFixture } from "./count-fixture.js";

/** |a − b| within `tol` of max(1e-300, |b|) for values far from 0, and absolutely near it. */
function expectNear(actual: number, expected: number, tol: number, where: string): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  expect(error, `${where}: ${actual} vs scipy ${expected}`).toBeLessThanOrEqual(tol);
}

describe("ln Γ, ψ and ψ′ against scipy", () => {
  for (const s of countFixture.special) {
    it(`x = ${s.x}`, () => {
      expectNear(logGamma(s.x), s.gammaln, 1e-14, "gammaln");
      expectNear(digamma(s.x), s.digamma, 1e-14, "digamma");
      // Relative even below 1: trigamma(1e9) is 1e-9.
      expect(Math.abs(trigamma(s.x) - s.trigamma) / s.trigamma, `trigamma(${s.x})`).toBeLessThan(1e-13);
    });
  }

  it("ln Γ at whole numbers is ln (n − 1)!", () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expectNear(logGamma(n + 1), Math.log((factorial *= n)), 1e-15, `ln ${n}!`);
      expectNear(logFactorial(n), Math.log(factorial), 1e-15, `logFactorial(${n})`);
    }
    expect(logFactorial(0)).toBe(0);
  });
});

describe("steps at a count: the finite sums agree with the differences, and keep digits where those lose them", () => {
  for (const r of [1e-3, 0.37, 2.5, 40]) {
    for (const y of [0, 1, 7, 64, 65, 300]) {
      it(`r = ${r}, y = ${y}`, () => {
        expectNear(logGammaStep(r, y), logGamma(r + y) - logGamma(r), 1e-12, "ln Γ step");
        expectNear(digammaStep(r, y), digamma(r + y) - digamma(r), 1e-12, "ψ step");
        expectNear(trigammaStep(r, y), trigamma(r + y) - trigamma(r), 1e-12, "ψ′ step");
      });
    }
  }

  it("a large r (small alpha): ln Γ(r + 2) − ln Γ(r) = ln r + ln(r + 1) exactly", () => {
    const r = 1e9;
    expect(logGammaStep(r, 2)).toBe(Math.log(r) + Math.log(r + 1));
    expect(digammaStep(r, 2)).toBe(1 / r + 1 / (r + 1));
  });

  it("refuses arguments outside x > 0", () => {
    expect(() => logGamma(0)).toThrow(/x > 0, not 0/);
    expect(() => digamma(-1)).toThrow(/x > 0/);
    expect(() => trigamma(NaN)).toThrow(/x > 0/);
  });
});

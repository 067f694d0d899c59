import { afterAll, describe, expect, it } from "vitest";
import { dyadicReciprocity } from "../../src/analysis/dyadic.js";
import { coefficientsByName, ols } from "../../src/analysis/ols.js";
import { expectOlsMatches, fixture, regressionError, worst } from "./regression-fixture.js";

describe("dyadicReciprocity against statsmodels OLS", () => {
  afterAll(() => console.log(`dyadic: worst error ${worst.error.toExponential(2)} at ${worst.where}`));
  const data = fixture.dyadic.goldstein_weekly!;

  for (const lags of [1, 2]) {
    it(`${lags} lag(s), both directions`, () => {
      const ref = data[`lags${lags}`]!;
      const r = dyadicReciprocity(data.ab, data.ba, lags === 1 ? {} : { lags });
      expect(r.lags).toBe(lags);
      expectOlsMatches(r.bToA!, ref.bToA, `lags ${lags} b→a`);
      expectOlsMatches(r.aToB!, ref.aToB, `lags ${lags} a→b`);
    });
  }

  it("names the coefficients by direction and lag", () => {
    const r = dyadicReciprocity(data.ab, data.ba, { lags: 2 });
    expect(r.bToA!.names).toEqual(["const", "ab.L1", "ab.L2", "ba.L1", "ba.L2"]);
    expect(r.aToB!.names).toEqual(["const", "ba.L1", "ba.L2", "ab.L1", "ab.L2"]);
    // The fixture's b→a answers a→b a week later with weight 0.35.
    expect(coefficientsByName(r.bToA!)["ab.L1"]!.pValue).toBeLessThan(0.01);
  });

  it("refuses series too short for the lags, unequal lengths, and a direction with no events", () => {
    expect(regressionError(() => dyadicReciprocity([1, -2, 0, 3], [0, 1, -1, 2])).problem).toBe("too-short");
    expect(regressionError(() => dyadicReciprocity([1, 2, 3], [1, 2])).problem).toBe("invalid-input");
    expect(regressionError(() => dyadicReciprocity(data.ab, data.ba, { lags: 0 })).problem).toBe(
      "invalid-input",
    );
    const silent = data.ab.map(() => 0);
    expect(regressionError(() => dyadicReciprocity(silent, silent)).problem).toBe("perfect-fit");
  });

  it("with one side silent, estimates how the other goes on by itself and says what it left out", () => {
    const silent = data.ab.map(() => 0);
    const r = dyadicReciprocity(data.ab, silent);
    expect(r.bToA).toBeNull();
    expect(r.notEstimated).toEqual([
      { equation: "bToA", reason: expect.stringMatching(/^b → a is 0 in every bin/) },
    ]);
    expect(r.dropped).toEqual([{ equation: "aToB", column: "ba.L1" }]);
    // What is left is a→b on a constant and its own lag: that regression, which OLS answers as statsmodels does.
    const y = data.ab.slice(1);
    const own = ols(
      y,
      y.map((_, t) => [1, data.ab[t]!]),
      ["const", "ab.L1"],
    );
    expect(r.aToB).toEqual(own);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { crossCorrelation } from "../../src/analysis/xcorr.js";
import { expectAllClose, expectClose, fixture, regressionError, worst } from "./regression-fixture.js";

describe("crossCorrelation against statsmodels' ccf(adjusted=False)", () => {
  afterAll(() => console.log(`xcorr: worst error ${worst.error.toExponential(2)} at ${worst.where}`));

  for (const [name, ref] of Object.entries(fixture.ccf)) {
    it(name, () => {
      const data = fixture.granger[name]!;
      const r = crossCorrelation(data.x, data.y, ref.maxlag);
      expect(r.lags.map((l) => l.lag)).toEqual(ref.lags);
      expectAllClose(
        r.lags.map((l) => l.correlation),
        ref.values,
        name,
      );
      expectClose(r.band, ref.band, `${name} band`);
      expect(r.lags.map((l) => l.outsideBand)).toEqual(ref.values.map((v) => Math.abs(v) > ref.band));
    });
  }
});

describe("crossCorrelation conventions", () => {
  it("a positive lag means x leads y", () => {
    // y repeats x three bins later.
    const x = [0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 2, 0, 0];
    const y = [0, 0, 0, ...x.slice(0, -3)];
    const r = crossCorrelation(x, y, 5);
    const best = r.lags.reduce((a, b) => (b.correlation > a.correlation ? b : a));
    expect(best.lag).toBe(3);
    expect(r.lags.find((l) => l.lag === -3)!.correlation).toBeLessThan(0.2);
  });

  it("a band of 1.96/√n at 95 %, wider at 99 %", () => {
    const x = [1, 4, 2, 8, 5, 7, 3, 6, 2, 9, 1, 5, 4, 3, 7, 2, 6, 8, 1, 4, 3, 5, 9, 2, 6];
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3];
    expect(crossCorrelation(x, y, 2).band).toBeCloseTo(1.96 / 5, 4);
    expect(crossCorrelation(x, y, 2, 0.99).band).toBeCloseTo(2.5758 / 5, 4);
    expect(crossCorrelation(x, y, 0).lags).toHaveLength(1);
  });

  it("refuses a constant series, a lag as long as the series, and unequal lengths", () => {
    expect(regressionError(() => crossCorrelation([1, 1, 1, 1], [1, 2, 3, 4], 1)).problem).toBe("singular");
    expect(regressionError(() => crossCorrelation([1, 2, 3, 4], [1, 3, 2, 4], 4)).problem).toBe("too-short");
    expect(regressionError(() => crossCorrelation([1, 2, 3], [1, 2], 1)).problem).toBe("invalid-input");
  });
});

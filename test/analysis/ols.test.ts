import { afterAll, describe, expect, it } from "vitest";
import { coefficientsByName, ols } from "../../src/analysis/ols.js";
import {
  expectAllClose,
  expectClose,
  expectOlsMatches,
  fixture,
  regressionError,
  worst,
} from "./regression-fixture.js";

describe("ols against statsmodels", () => {
  afterAll(() => console.log(`ols: worst error ${worst.error.toExponential(2)} at ${worst.where}`));

  for (const [name, ref] of Object.entries(fixture.ols)) {
    it(name, () => {
      const r = ols(ref.y, ref.X, ref.names);
      expectOlsMatches(r, ref, name);
      if (ref.residuals) expectAllClose(r.residuals, ref.residuals, `${name} residuals`);
      r.fitted.forEach((f, i) => expectClose(f + r.residuals[i]!, ref.y[i]!, `${name} fitted + residual`));
    });
  }

  it("finds the constant implied by dummies that add up to one (centred R²)", () => {
    expect(ols(fixture.ols.implicit_constant!.y, fixture.ols.implicit_constant!.X).hasConstant).toBe(true);
    expect(ols(fixture.ols.no_intercept!.y, fixture.ols.no_intercept!.X).hasConstant).toBe(false);
  });

  it("names unnamed columns as statsmodels does", () => {
    const ref = fixture.ols.with_intercept!;
    expect(ols(ref.y, ref.X).names).toEqual(["const", "x1", "x2", "x3"]);
    const table = coefficientsByName(ols(ref.y, ref.X));
    expectClose(table.x2!.coefficient, ref.params[2]!, "by name x2");
    expectClose(table.x2!.pValue, ref.pvalues[2]!, "by name x2 p");
  });
});

describe("ols refuses what it cannot estimate", () => {
  const y = [1, 3, 2, 5, 4, 6, 8, 7];
  const trend = y.map((_, i) => i);

  it("a constant regressor beside the intercept", () => {
    const e = regressionError(() =>
      ols(
        y,
        trend.map((t) => [1, t, 4]),
        ["const", "trend", "flat"],
      ),
    );
    expect(e.problem).toBe("singular");
    expect(e.message).toMatch(/"flat" is constant beside the intercept/);
  });

  it("a column that is a combination of others", () => {
    const e = regressionError(() =>
      ols(
        y,
        trend.map((t) => [1, t, 2 * t - 3]),
      ),
    );
    expect(e.problem).toBe("singular");
  });

  it("an all-zero column", () => {
    expect(
      regressionError(() =>
        ols(
          y,
          trend.map((t) => [1, t, 0]),
        ),
      ).message,
    ).toMatch(/all zeros/);
  });

  it("a constant y (exact fit, no residual variance)", () => {
    expect(
      regressionError(() =>
        ols(
          [2, 2, 2, 2, 2],
          [0, 1, 2, 3, 4].map((t) => [1, t]),
        ),
      ).problem,
    ).toBe("perfect-fit");
  });

  it("no more observations than coefficients", () => {
    const e = regressionError(() =>
      ols(
        [1, 2, 4],
        [0, 1, 2].map((t) => [1, t, t * t]),
      ),
    );
    expect(e.problem).toBe("too-short");
  });

  it("ragged or non-finite input", () => {
    expect(regressionError(() => ols([1, 2, 3], [[1], [1, 2], [1]])).problem).toBe("invalid-input");
    expect(
      regressionError(() =>
        ols(
          [1, NaN, 3, 4],
          [
            [1, 0],
            [1, 1],
            [1, 2],
            [1, 3],
          ],
        ),
      ).problem,
    ).toBe("invalid-input");
    expect(regressionError(() => ols([1, 2], [[1], [1], [1]])).problem).toBe("invalid-input");
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { negativeBinomialFamily } from "../../src/analysis/count-family.js";
import { countDesign } from "../../src/analysis/count-design.js";
import { COVARIANCE_TYPES } from "../../src/analysis/count-inference.js";
import { fitGlm } from "../../src/analysis/glm.js";
import { countFixture, expectCountMatches, fixtureDesigns } from "./count-fixture.js";
import { expectClose, regressionError, worst } from "./regression-fixture.js";

describe("GLM Poisson and negative binomial (given alpha) against statsmodels", () => {
  afterAll(() => console.log(`glm: worst error ${worst.error.toExponential(2)} at ${worst.where}`));

  for (const { where, data, ref, design } of fixtureDesigns()) {
    for (const covariance of COVARIANCE_TYPES) {
      it(`${where} Poisson, ${covariance}`, () => {
        const r = fitGlm(design.y, design.X, {
          family: { kind: "poisson" },
          names: design.names,
          covariance,
        });
        expect(r.dispersion).toBeNull();
        expectCountMatches(r, ref.poisson, covariance, `${where} poisson`);
      });
      it(`${where} NB2 with alpha ${data.glmAlpha}, ${covariance}`, () => {
        const family = { kind: "negative-binomial", alpha: data.glmAlpha } as const;
        const r = fitGlm(design.y, design.X, { family, names: design.names, covariance });
        expect(r.dispersion).toEqual({ alpha: data.glmAlpha, estimated: false });
        expectCountMatches(r, ref.glm_nb, covariance, `${where} glm nb`);
      });
    }
  }
});

describe("GLM robust covariances", () => {
  it("HC1 is HC0 times n/(n − k); statsmodels' fit(cov_type='HC1') gives HC0 itself (issue 7798)", () => {
    const { design, ref } = fixtureDesigns().find((d) => d.where === "synthetic/month")!;
    const fit = (covariance: "HC0" | "HC1") =>
      fitGlm(design.y, design.X, { family: { kind: "poisson" }, names: design.names, covariance });
    const n = design.y.length;
    const k = design.names.length;
    const hc0 = fit("HC0").covariance;
    fit("HC1").covariance.forEach((row, a) =>
      row.forEach((v, b) => expectClose(v, (hc0[a]![b]! * n) / (n - k), `HC1[${a}][${b}]`)),
    );
    expect(ref.poisson.fitHC1IsHC0 && ref.glm_nb.fitHC1IsHC0).toBe(true);
  });
});

describe("GLM with one column (an intercept): the rate is the mean", () => {
  const y = countFixture.datasets.synthetic!.values;
  const X = y.map(() => [1]);
  const n = y.length;
  const total = y.reduce((s, v) => s + v, 0);
  const mean = total / n;

  it("Poisson: log ȳ, standard error 1/√Σy, deviance 2Σ y·log(y/ȳ)", () => {
    const r = fitGlm(y, X, { family: { kind: "poisson" } });
    expect(r.terms[0]!.name).toBe("const");
    expectClose(r.terms[0]!.estimate, Math.log(mean), "intercept");
    expectClose(r.terms[0]!.rateRatio, mean, "rate");
    expectClose(r.terms[0]!.standardError, 1 / Math.sqrt(total), "se");
    const deviance = 2 * y.reduce((s, v) => s + (v > 0 ? v * Math.log(v / mean) : 0), 0);
    expectClose(r.deviance!, deviance, "deviance");
  });

  it("NB2 with alpha: log ȳ, standard error √((1 + αȳ)/(nȳ))", () => {
    const alpha = 0.7;
    const r = fitGlm(y, X, { family: { kind: "negative-binomial", alpha } });
    expectClose(r.terms[0]!.estimate, Math.log(mean), "intercept");
    expectClose(r.terms[0]!.standardError, Math.sqrt((1 + alpha * mean) / (n * mean)), "se");
  });
});

describe("GLM refuses what it cannot estimate, naming the problem", () => {
  const data = countFixture.datasets.synthetic!;
  const monthly = countDesign({ ...data, fixedEffects: ["month"] });

  it("a full set of month dummies beside the intercept (no reference level)", () => {
    const first = monthly.names.indexOf("month[2]");
    const X = monthly.X.map((row) => [...row, 1 - row.slice(first).reduce((s, v) => s + v, 0)]);
    const e = regressionError(() =>
      fitGlm(monthly.y, X, { family: { kind: "poisson" }, names: [...monthly.names, "month[1]"] }),
    );
    expect(e.problem).toBe("singular");
    expect(e.message).toMatch(/column "month\[1\]" is a combination of the columns before it/);
    expect(e.message).toMatch(/"month\[1\]" = 1·"const" − 1·"month\[2\]"/);
    expect(e.message).toMatch(/\(6 more\)/);
  });

  it("the same causes twice", () => {
    const twice = countDesign({
      ...data,
      causes: [data.causes[0]!, { ...data.causes[0]!, name: "again" }],
    });
    const e = regressionError(() =>
      fitGlm(twice.y, twice.X, { family: { kind: "poisson" }, names: twice.names }),
    );
    expect(e.message).toMatch(
      /column "again" is a combination of the columns before it: "again" = 1·"drill\[0\.\.14\]"/,
    );
  });

  it("a window no day falls in (an all-zero column)", () => {
    const late = countDesign({
      ...data,
      causes: [{ name: "late[0..14]", causes: ["2030-01-01"], window: { kind: "lag", first: 0, last: 14 } }],
    });
    const e = regressionError(() =>
      fitGlm(late.y, late.X, { family: { kind: "poisson" }, names: late.names }),
    );
    expect(e.problem).toBe("singular");
    expect(e.message).toMatch(/column "late\[0\.\.14\]" is all zeros/);
  });

  it("y all zero", () => {
    const e = regressionError(() =>
      fitGlm(
        data.values.map(() => 0),
        data.values.map(() => [1]),
        { family: { kind: "poisson" } },
      ),
    );
    expect(e.problem).toBe("no-events");
    expect(e.message).toMatch(/y is 0 in all 3653 observations/);
  });

  it("no event wherever a column is non-zero (a rate of 0: no finite coefficient)", () => {
    const w = data.values.map((v, i) => (v === 0 && i % 3 === 0 ? 1 : 0));
    const e = regressionError(() =>
      fitGlm(
        data.values,
        w.map((x) => [1, x]),
        { family: { kind: "poisson" }, names: ["const", "quiet"] },
      ),
    );
    expect(e.problem).toBe("separation");
    expect(e.message).toMatch(/y is 0 on all \d+ observations where column "quiet" is non-zero/);
  });

  it("counts that are negative or not whole, naming the observation", () => {
    const X = [[1], [1], [1]];
    expect(regressionError(() => fitGlm([1, -1, 2], X, { family: { kind: "poisson" } })).message).toMatch(
      /observation 1 is -1/,
    );
    expect(regressionError(() => fitGlm([1, 0.5, 2], X, { family: { kind: "poisson" } })).message).toMatch(
      /y must be counts \(whole numbers ≥ 0\); observation 1 is 0.5/,
    );
  });

  it("no convergence within the iterations allowed", () => {
    const e = regressionError(() =>
      fitGlm(monthly.y, monthly.X, { family: { kind: "poisson" }, names: monthly.names, maxIterations: 2 }),
    );
    expect(e.problem).toBe("no-convergence");
    expect(e.message).toMatch(/did not converge in 2 iterations/);
  });

  it("a dispersion that is not a positive number", () => {
    expect(regressionError(() => negativeBinomialFamily(0)).message).toMatch(
      /alpha must be a number > 0, not 0/,
    );
    expect(() =>
      fitGlm([1, 2, 3], [[1], [1], [1]], { family: { kind: "negative-binomial", alpha: NaN } }),
    ).toThrow(/alpha/);
  });

  it("ragged or non-finite designs, and too few observations", () => {
    expect(
      regressionError(() => fitGlm([1, 2], [[1], [1, 2]], { family: { kind: "poisson" } })).message,
    ).toMatch(/row 1 of X has 2 columns, not 1/);
    expect(
      regressionError(() => fitGlm([1, 2], [[1], [Infinity]], { family: { kind: "poisson" } })).message,
    ).toMatch(/X\[1\]\[0\] is Infinity/);
    expect(
      regressionError(() =>
        fitGlm(
          [1, 2],
          [
            [1, 0],
            [1, 1],
          ],
          { family: { kind: "poisson" } },
        ),
      ).problem,
    ).toBe("too-short");
  });
});

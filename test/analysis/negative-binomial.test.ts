import { afterAll, describe, expect, it } from "vitest";
import { COVARIANCE_TYPES } from "../../src/analysis/count-inference.js";
import { fitGlm } from "../../src/analysis/glm.js";
import { fitNegativeBinomial } from "../../src/analysis/negative-binomial.js";
import { countFixture, expectCountMatches, fixtureDesigns, type FitReference } from "./count-fixture.js";
import { expectClose, regressionError, worst } from "./regression-fixture.js";

const designs = fixtureDesigns();

describe("NB2 with alpha by maximum likelihood against statsmodels' discrete NegativeBinomial", () => {
  afterAll(() =>
    console.log(`negative binomial: worst error ${worst.error.toExponential(2)} at ${worst.where}`),
  );

  for (const { where, ref, design } of designs) {
    if ("boundary" in ref.nb2) continue;
    const nb2: FitReference = ref.nb2;
    for (const covariance of COVARIANCE_TYPES) {
      it(`${where}, ${covariance}`, () => {
        const r = fitNegativeBinomial(design.y, design.X, { names: design.names, covariance });
        expectCountMatches(r, nb2, covariance, `${where} nb2`);
        const k = design.names.length;
        const d = r.dispersion!;
        if (!d.estimated) throw new Error("alpha should be estimated");
        const wald = nb2.cov[covariance];
        expectClose(d.alpha, nb2.params[k]!, `${where} ${covariance} alpha`);
        expectClose(d.standardError, wald.bse[k]!, `${where} ${covariance} alpha bse`);
        expectClose(d.z, wald.z[k]!, `${where} ${covariance} alpha z`);
        expectClose(d.p, wald.p[k]!, `${where} ${covariance} alpha p`);
        expectClose(d.interval[0], wald.conf_int[0][k]!, `${where} ${covariance} alpha lower`);
        expectClose(d.interval[1], wald.conf_int[1][k]!, `${where} ${covariance} alpha upper`);
        expect(r.deviance).toBeNull();
        // AIC counts alpha: −2·llf + 2·(k + 1).
        expectClose(r.aic, -2 * r.llf + 2 * (k + 1), `${where} aic counts alpha`);
      });
    }
  }
});

describe("NB2 by maximum likelihood, checked by its own properties", () => {
  it("at its alpha, the GLM with that alpha has the same coefficients (alpha's score is 0 there, β's too)", () => {
    const { design } = designs.find((d) => d.where === "record_missiles/month")!;
    const ml = fitNegativeBinomial(design.y, design.X, { names: design.names });
    const glm = fitGlm(design.y, design.X, {
      family: { kind: "negative-binomial", alpha: ml.dispersion!.alpha },
      names: design.names,
    });
    glm.terms.forEach((t, j) => expectClose(t.estimate, ml.terms[j]!.estimate, `coefficient ${t.name}`));
    expectClose(glm.llf, ml.llf, "llf");
  });

  it("with one column, the rate is the mean (β's score Σ(y − μ)/(1 + αμ) is 0 at μ = ȳ)", () => {
    const y = countFixture.datasets.record_missiles!.values;
    const r = fitNegativeBinomial(
      y,
      y.map(() => [1]),
    );
    expectClose(r.terms[0]!.rateRatio, y.reduce((s, v) => s + v, 0) / y.length, "rate");
    expect(r.dispersion!.alpha).toBeGreaterThan(1);
  });
});

describe("NB2 refuses where alpha's estimate is 0 (launch days: 0 or 1 a day, no more dispersed than Poisson)", () => {
  for (const { where, data, ref, design } of designs) {
    if (!("boundary" in ref.nb2)) continue;
    const boundary = ref.nb2;
    it(where, () => {
      const e = regressionError(() => fitNegativeBinomial(design.y, design.X, { names: design.names }));
      expect(e.problem).toBe("no-overdispersion");
      expect(e.message).toMatch(/alpha falls towards 0 .*use the Poisson model/);
      // The likelihood falls as alpha grows from 0 (our GLM at each alpha, equal to statsmodels' there) ...
      const llf = boundary.profile.alpha.map(
        (alpha) =>
          fitGlm(design.y, design.X, { family: { kind: "negative-binomial", alpha }, names: design.names })
            .llf,
      );
      llf.forEach((v, i) => expectClose(v, boundary.profile.llf[i]!, `${where} llf at alpha ${i}`));
      llf.slice(1).forEach((v, i) => expect(v).toBeLessThan(llf[i]!));
      // ... and lies below the Poisson's, so statsmodels' answers there (Newton's wandering off, BFGS's stop) are
      // no maximum.
      const poisson = fitGlm(design.y, design.X, { family: { kind: "poisson" }, names: design.names });
      expectClose(poisson.llf, boundary.poissonLlf, `${where} poisson llf`);
      expect(boundary.bfgs.llf).toBeLessThan(poisson.llf);
      expect(boundary.newton.converged).toBe(false);
      expect(data.values.every((v) => v <= 1)).toBe(true);
    });
  }
});

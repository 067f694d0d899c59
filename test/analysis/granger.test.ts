import { afterAll, describe, expect, it } from "vitest";
import { grangerBothWays, grangerCausality, type GrangerResult } from "../../src/analysis/granger.js";
import { coefficientsByName } from "../../src/analysis/ols.js";
import {
  expectAllClose,
  expectClose,
  fixture,
  regressionError,
  worst,
  type GrangerReference,
} from "./regression-fixture.js";

function expectGrangerMatches(r: GrangerResult, ref: GrangerReference, where: string): void {
  expect(r.byLag.map((t) => t.lag)).toEqual(ref.lags.map((l) => l.lag));
  for (const [i, l] of ref.lags.entries()) {
    const t = r.byLag[i]!;
    const at = `${where} lag ${l.lag}`;
    expect(t.nobs).toBe(l.nobs);
    const f = t.ssrFTest;
    expectAllClose([f.statistic, f.pValue, f.dfDenom, f.dfNum], l.ssr_ftest, `${at} ssr_ftest`);
    const c = t.ssrChi2Test;
    expectAllClose([c.statistic, c.pValue, c.df], l.ssr_chi2test, `${at} ssr_chi2test`);
    expectAllClose([t.lrTest.statistic, t.lrTest.pValue, t.lrTest.df], l.lrtest, `${at} lrtest`);
    const w = t.paramsFTest;
    expectAllClose([w.statistic, w.pValue, w.dfDenom, w.dfNum], l.params_ftest, `${at} params_ftest`);
    for (const [which, fit] of [
      ["restricted", t.restricted],
      ["unrestricted", t.unrestricted],
    ] as const) {
      const expected = l[which];
      const table = coefficientsByName(fit);
      expect(Object.keys(table).sort()).toEqual(Object.keys(expected.params).sort());
      for (const [name, value] of Object.entries(expected.params))
        expectClose(table[name]!.coefficient, value, `${at} ${which} ${name}`);
      expectClose(fit.ssr, expected.ssr, `${at} ${which} ssr`);
      expectClose(fit.llf, expected.llf, `${at} ${which} llf`);
    }
    expectClose(t.unrestricted.aic, l.unrestricted.aic, `${at} aic`);
    expectClose(t.unrestricted.bic, l.unrestricted.bic, `${at} bic`);
  }
  expect(r.choice.candidates.map((c) => c.lag)).toEqual(ref.candidates.map((c) => c.lag));
  for (const [i, c] of ref.candidates.entries()) {
    expectClose(r.choice.candidates[i]!.aic, c.aic, `${where} candidate ${c.lag} aic`);
    expectClose(r.choice.candidates[i]!.bic, c.bic, `${where} candidate ${c.lag} bic`);
  }
}

describe("grangerCausality against statsmodels' grangercausalitytests", () => {
  afterAll(() => console.log(`granger: worst error ${worst.error.toExponential(2)} at ${worst.where}`));

  for (const [name, data] of Object.entries(fixture.granger)) {
    it(`${name}: x → y and y → x, lags 1..${data.maxlag}, and the lag AIC and BIC pick`, () => {
      const xy = grangerCausality(data.x, data.y, { maxlag: data.maxlag });
      expectGrangerMatches(xy, data.x_causes_y, `${name} x→y`);
      const yx = grangerCausality(data.y, data.x, {
        maxlag: data.maxlag,
        names: { cause: "y", effect: "x" },
      });
      expectGrangerMatches(yx, data.y_causes_x, `${name} y→x`);

      for (const criterion of ["aic", "bic"] as const) {
        const r = grangerCausality(data.x, data.y, { maxlag: data.maxlag, criterion });
        expect(r.choice).toMatchObject({ by: criterion, lag: data.x_causes_y.chosen[criterion] });
        expect(r.chosen).toBe(r.byLag[r.choice.lag - 1]);
        expect(r.choice.nobs).toBe(data.x.length - data.maxlag);
      }
      expect(xy.choice.by).toBe("aic"); // the default
    });
  }

  it("grangerBothWays runs both directions with the series' names", () => {
    const data = fixture.granger.var2_effect!;
    const both = grangerBothWays(data.x, data.y, { maxlag: data.maxlag, criterion: "bic" });
    expect(both.aCausesB).toMatchObject({ cause: "a", effect: "b" });
    expect(both.bCausesA).toMatchObject({ cause: "b", effect: "a" });
    expectClose(
      both.aCausesB.byLag[1]!.ssrFTest.statistic,
      data.x_causes_y.lags[1]!.ssr_ftest[0]!,
      "a→b lag 2",
    );
    expectClose(
      both.bCausesA.byLag[1]!.ssrFTest.statistic,
      data.y_causes_x.lags[1]!.ssr_ftest[0]!,
      "b→a lag 2",
    );
    expect(Object.keys(coefficientsByName(both.aCausesB.chosen.unrestricted))).toEqual([
      "const",
      "b.L1",
      "a.L1",
    ]);
  });

  it("reports a given lag instead of choosing one", () => {
    const data = fixture.granger.var2_effect!;
    const r = grangerCausality(data.x, data.y, { maxlag: 4, lag: 3 });
    expect(r.choice.by).toBe("given");
    expect(r.chosen.lag).toBe(3);
    expect(r.choice.candidates).toHaveLength(4);
  });

  it("takes milliseconds on 1,000 points with maxlag 12", () => {
    const data = fixture.granger.long_1000!;
    grangerCausality(data.x, data.y, { maxlag: 12 }); // warm up
    const start = performance.now();
    const runs = 10;
    for (let i = 0; i < runs; i++) grangerCausality(data.x, data.y, { maxlag: 12 });
    const ms = (performance.now() - start) / runs;
    console.log(`granger 1,000 points, maxlag 12: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(250); // generous for a loaded CI machine
  });
});

describe("grangerCausality refuses what it cannot test", () => {
  const x = [0, 1, 0, 2, 1, 0, 0, 3, 1, 0, 2, 0, 1, 1, 0, 2];
  const y = [1, 0, 1, 0, 2, 1, 0, 0, 2, 1, 0, 3, 0, 1, 2, 0];

  it("a constant cause or effect", () => {
    const flat = x.map(() => 0);
    expect(regressionError(() => grangerCausality(flat, y, { maxlag: 2 })).message).toMatch(
      /x never changes/,
    );
    expect(regressionError(() => grangerCausality(x, flat, { maxlag: 2 })).message).toMatch(
      /y never changes/,
    );
  });

  it("series too short for the lag (statsmodels' rule: more than 3·maxlag + 1 observations)", () => {
    const e = regressionError(() => grangerCausality(x.slice(0, 13), y.slice(0, 13), { maxlag: 4 }));
    expect(e.problem).toBe("too-short");
    expect(e.message).toMatch(
      /13 observations are too few for lags up to 4.*largest maxlag these series allow is 3/,
    );
    expect(() => grangerCausality(x.slice(0, 14), y.slice(0, 14), { maxlag: 4 })).not.toThrow();
    expect(regressionError(() => grangerCausality([1, 2, 3, 4], [4, 3, 1, 2], { maxlag: 1 })).problem).toBe(
      "too-short",
    );
  });

  it("a cause that varies only where no lag reaches", () => {
    const late = x.map((_, i) => (i === x.length - 1 ? 5 : 0));
    expect(regressionError(() => grangerCausality(late, y, { maxlag: 2 })).message).toMatch(/"x.L1"/);
  });

  it("bad options and inputs", () => {
    expect(regressionError(() => grangerCausality(x, y, { maxlag: 0 })).problem).toBe("invalid-input");
    expect(regressionError(() => grangerCausality(x, y, { maxlag: 2, lag: 3 })).problem).toBe(
      "invalid-input",
    );
    expect(regressionError(() => grangerCausality(x, y.slice(1), { maxlag: 2 })).problem).toBe(
      "invalid-input",
    );
    expect(regressionError(() => grangerCausality([...x, NaN], [...y, 1], { maxlag: 2 })).problem).toBe(
      "invalid-input",
    );
  });
});

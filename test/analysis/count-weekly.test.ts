import { afterAll, describe, expect, it } from "vitest";
import { countDesign } from "../../src/analysis/count-design.js";
import { COVARIANCE_TYPES } from "../../src/analysis/count-inference.js";
import { dayNumber, dayString } from "../../src/analysis/days.js";
import { fitGlm } from "../../src/analysis/glm.js";
import { fitNegativeBinomial } from "../../src/analysis/negative-binomial.js";
import { countFixture, expectCountMatches, weeklyFixtureDesigns } from "./count-fixture.js";
import { expectClose, regressionError, worst } from "./regression-fixture.js";

const designs = weeklyFixtureDesigns();

describe("weekly count design against the reference script's (ISO weeks from Python's datetime)", () => {
  for (const { where, data, ref, design } of designs) {
    it(`${where}: weeks, totals, cause shares, Thursday's levels, weeks cut and levels left out`, () => {
      expect(design.freq).toBe("week");
      expect(design.names).toEqual(ref.names);
      expect(design.dropped).toEqual(ref.dropped);
      expect(design.partialWeeks).toEqual(data.partialWeeks);
      // The whole weeks a level left out does not take.
      const levels = { month: data.thursday.month, year: data.thursday.year };
      const kept = data.weeks.flatMap((_, w) =>
        ref.dropped.some((d) => levels[d.effect][w] === d.level) ? [] : [w],
      );
      expect(design.bins).toEqual(kept.map((w) => data.weeks[w]));
      expect(design.y).toEqual(kept.map((w) => data.y[w]));
      Object.entries(data.shares).forEach(([name, shares]) => {
        const j = design.names.indexOf(name);
        expect(
          design.X.map((row) => row[j]),
          name,
        ).toEqual(kept.map((w) => shares[w]));
      });
      design.names.forEach((name, j) => {
        const dummy = /^(month|year)\[(\d+)\]$/.exec(name);
        if (!dummy) return;
        const of = levels[dummy[1] as "month" | "year"];
        expect(
          design.X.map((row) => row[j]),
          name,
        ).toEqual(kept.map((w) => (of[w] === Number(dummy[2]) ? 1 : 0)));
      });
    });
  }
});

afterAll(() => console.log(`weekly: worst error ${worst.error.toExponential(2)} at ${worst.where}`));

describe("weekly Poisson GLM against statsmodels", () => {
  for (const { where, ref, design } of designs) {
    for (const covariance of COVARIANCE_TYPES) {
      it(`${where} Poisson, ${covariance}`, () => {
        const r = fitGlm(design.y, design.X, {
          family: { kind: "poisson" },
          names: design.names,
          covariance,
        });
        expectCountMatches(r, ref.poisson, covariance, `${where} poisson`);
      });
    }
  }
});

describe("weekly NB2 (alpha by maximum likelihood) against statsmodels' discrete NegativeBinomial", () => {
  for (const { where, ref, design } of designs) {
    const nb2 = ref.nb2;
    if ("boundary" in nb2) {
      it(`${where}: alpha's estimate is 0, refused as no more dispersed than Poisson`, () => {
        const e = regressionError(() => fitNegativeBinomial(design.y, design.X, { names: design.names }));
        expect(e.problem).toBe("no-overdispersion");
        const llf = nb2.profile.alpha.map(
          (alpha) =>
            fitGlm(design.y, design.X, { family: { kind: "negative-binomial", alpha }, names: design.names })
              .llf,
        );
        llf.forEach((v, i) => expectClose(v, nb2.profile.llf[i]!, `${where} llf at alpha ${i}`));
        llf.slice(1).forEach((v, i) => expect(v).toBeLessThan(llf[i]!));
        const poisson = fitGlm(design.y, design.X, { family: { kind: "poisson" }, names: design.names });
        expectClose(poisson.llf, nb2.poissonLlf, `${where} poisson llf`);
        // statsmodels' answers there are no maximum: Newton's NaN, BFGS's stop below the Poisson's likelihood.
        expect(nb2.newton.alpha).toBeNull();
        expect(nb2.bfgs.llf).toBeLessThan(poisson.llf);
      });
      continue;
    }
    for (const covariance of COVARIANCE_TYPES) {
      it(`${where} NB2, ${covariance}`, () => {
        const r = fitNegativeBinomial(design.y, design.X, { names: design.names, covariance });
        expectCountMatches(r, nb2, covariance, `${where} nb2`);
        const k = design.names.length;
        const d = r.dispersion!;
        if (!d.estimated) throw new Error("alpha should be estimated");
        expectClose(d.alpha, nb2.params[k]!, `${where} ${covariance} alpha`);
        expectClose(d.standardError, nb2.cov[covariance].bse[k]!, `${where} ${covariance} alpha bse`);
      });
    }
  }
});

describe("weeks as count-design.ts reads them", () => {
  const synthetic = countFixture.datasets.synthetic!;
  const record = countFixture.datasets.record_missiles!;
  /** The synthetic series from `from` for `days` days. */
  const slice = (from: string, days: number) => {
    const start = dayNumber(from) - dayNumber(synthetic.from);
    return {
      ...synthetic,
      from,
      to: dayString(dayNumber(from) + days - 1),
      values: synthetic.values.slice(start, start + days),
    };
  };

  it("by day, the design is as before: the days, their counts, 0/1 window columns", () => {
    const byDay = countDesign({ ...record, fixedEffects: ["month"] });
    const given = countDesign({ ...record, fixedEffects: ["month"], freq: "day" });
    expect(given).toEqual(byDay);
    expect(byDay.freq).toBe("day");
    expect(byDay.partialWeeks).toEqual([]);
    expect(byDay.y).toEqual(record.values);
    expect(byDay.bins[0]).toBe(record.from);
  });

  it("a week's total is its seven days' counts, and the shares add up to the window days of whole weeks", () => {
    const d = countDesign({ ...record, freq: "week" });
    d.bins.forEach((monday, w) => {
      const start = dayNumber(monday) - dayNumber(record.from);
      const days = record.values.slice(start, start + 7);
      expect(d.y[w]).toBe(days.reduce((s, v) => s + v, 0));
    });
    expect(d.partialWeeks).toEqual([
      { week: "2014-12-29", days: 4 },
      { week: "2025-12-29", days: 3 },
    ]);
    const total = record.values.reduce((s, v) => s + v, 0);
    const cut = [...record.values.slice(0, 4), ...record.values.slice(-3)].reduce((s, v) => s + v, 0);
    expect(d.y.reduce((s, v) => s + v, 0)).toBe(total - cut);
  });

  it("a week's month and year are its Thursday's: 2018-12-31 to 2019-01-06 is January 2019, 2020-12-28 to 2021-01-03 December 2020", () => {
    // An event every day: no level is left out.
    const at = (monday: string) => {
      const weeks = { ...slice(monday, 7 * 6), causes: [] };
      const values = weeks.values.map(() => 1);
      const d = countDesign({ ...weeks, values, fixedEffects: ["month", "year"], freq: "week" });
      return { names: d.names, first: d.X[0]! };
    };
    // The reference is the first level present (January, the first year): the others have columns.
    const newYear2019 = at("2018-12-31");
    expect(newYear2019.names).toEqual(["const", "month[2]"]);
    expect(newYear2019.first).toEqual([1, 0]);
    const newYear2021 = at("2020-12-28");
    expect(newYear2021.names).toEqual(["const", "month[2]", "month[12]", "year[2021]"]);
    expect(newYear2021.first).toEqual([1, 0, 1, 0]);
  });

  it("a range on whole weeks cuts none; one that cuts weeks lists each with its days in the range", () => {
    expect(countDesign({ ...slice("2012-01-02", 70), freq: "week" }).partialWeeks).toEqual([]);
    const cut = countDesign({ ...slice("2012-01-04", 70), freq: "week" });
    expect(cut.partialWeeks).toEqual([
      { week: "2012-01-02", days: 5 },
      { week: "2012-03-12", days: 2 },
    ]);
    expect(cut.bins[0]).toBe("2012-01-09");
    expect(cut.y.length).toBe(9);
  });

  it("refuses a range with no whole week, events only in the weeks cut, and an unknown frequency", () => {
    const short = regressionError(() => countDesign({ ...slice("2012-01-04", 9), freq: "week" }));
    expect(short.problem).toBe("too-short");
    expect(short.message).toBe(
      "2012-01-04 to 2012-01-12 holds no whole week (Monday to Sunday), so there is no weekly count to model",
    );
    const values = new Array<number>(16).fill(0);
    values[0] = 2;
    const onlyCut = regressionError(() =>
      countDesign({ ...slice("2012-01-07", 16), values, causes: [], freq: "week" }),
    );
    expect(onlyCut.problem).toBe("no-events");
    expect(onlyCut.message).toMatch(/no event in the whole weeks from 2012-01-07 to 2012-01-22/);
    expect(regressionError(() => countDesign({ ...record, freq: "month" as "week" })).message).toBe(
      'freq "month" is not one of "day", "week"',
    );
  });

  it("a level without an event is left out with 7 days for each of its weeks", () => {
    const d = countDesign({ ...record, fixedEffects: ["year"], freq: "week" });
    expect(d.dropped).toEqual([{ name: "year[2018]", effect: "year", level: 2018, days: 7 * 52 }]);
    expect(d.bins.some((monday) => monday >= "2018-01-01" && monday < "2018-12-31")).toBe(false);
  });
});

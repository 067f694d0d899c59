import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CauseInput, CauseWindow } from "../../src/analysis/causes.js";
import { countDesign, type CountDesign, type FixedEffect } from "../../src/analysis/count-design.js";
import type { CountRegression, CovarianceType } from "../../src/analysis/count-inference.js";
import { expectAllClose, expectClose } from "./regression-fixture.js";

/** What scripts/reference/count_models.py writes: daily series, their designs and statsmodels' fits. */
export interface WaldReference {
  bse: number[];
  z: number[];
  p: number[];
  /** [lower bounds, upper bounds]. */
  conf_int: [number[], number[]];
}

export interface FitReference {
  /** The coefficients, then alpha for the discrete NegativeBinomial. */
  params: number[];
  llf: number;
  aic: number;
  df_model: number;
  df_resid: number;
  nobs: number;
  iterations: number;
  deviance?: number;
  pearson_chi2?: number;
  cov: Record<CovarianceType, WaldReference>;
  fitHC1IsHC0: boolean;
  /** statsmodels' default fit against the converged one: largest relative difference (null: not finite). */
  defaultGap: { params: number | null; bse: number | null };
}

export interface BoundaryReference {
  boundary: true;
  /** alpha is null where Newton ended at NaN. */
  newton: { alpha: number | null; converged: boolean };
  bfgs: { alpha: number; llf: number; converged: boolean };
  poissonLlf: number;
  profile: { alpha: number[]; llf: number[] };
}

export interface DesignReference {
  fixedEffects: FixedEffect[];
  names: string[];
  dropped: { name: string; effect: FixedEffect; level: number; days: number }[];
  poisson: FitReference;
  glm_nb: FitReference;
  nb2: FitReference | BoundaryReference;
}

export interface DatasetReference {
  from: string;
  to: string;
  values: number[];
  causes: { name: string; causes: CauseInput[]; window: CauseWindow }[];
  indicatorRuns: Record<string, [number, number][]>;
  glmAlpha: number;
  fits: Record<"none" | "month" | "month_year", DesignReference>;
  source?: { ledgerHead: string; effect: string; cause: string; unit: string; reactObserved: number };
}

export interface CountFixture {
  versions: Record<string, string>;
  special: { x: number; gammaln: number; digamma: number; trigamma: number }[];
  datasets: Record<string, DatasetReference>;
}

export const countFixture = JSON.parse(
  readFileSync(new URL("./fixtures/count-models.json", import.meta.url), "utf8"),
) as CountFixture;

/** Every dataset × fixed-effect design of the fixture, with its design built by count-design.ts. */
export function fixtureDesigns(): {
  where: string;
  data: DatasetReference;
  ref: DesignReference;
  design: CountDesign;
}[] {
  return Object.entries(countFixture.datasets).flatMap(([name, data]) =>
    Object.entries(data.fits).map(([fe, ref]) => ({
      where: `${name}/${fe}`,
      data,
      ref,
      design: countDesign({
        from: data.from,
        to: data.to,
        values: data.values,
        causes: data.causes,
        fixedEffects: ref.fixedEffects,
      }),
    })),
  );
}

/**
 * What scripts/reference/count_models.py --weekly writes: each daily series of count-models.json by ISO week (built
 * there from datetime's ISO calendar), its whole weeks' totals, cause shares and Thursday's month and year, and
 * statsmodels' Poisson and NB2 fits on them.
 */
export interface WeeklyDatasetReference {
  /** The dataset of count-models.json whose values and causes these weeks sum. */
  daily: string;
  from: string;
  to: string;
  /** The whole weeks' Mondays, their totals, and per cause column the share of their days within its windows. */
  weeks: string[];
  y: number[];
  shares: Record<string, number[]>;
  thursday: { month: number[]; year: number[] };
  partialWeeks: { week: string; days: number }[];
  fits: Record<"none" | "month" | "month_year", Omit<DesignReference, "glm_nb">>;
}

export const weeklyFixture = JSON.parse(
  readFileSync(new URL("./fixtures/count-models-weekly.json", import.meta.url), "utf8"),
) as { versions: Record<string, string>; datasets: Record<string, WeeklyDatasetReference> };

/** Every weekly dataset × fixed-effect design, built by count-design.ts from the daily fixture's input. */
export function weeklyFixtureDesigns(): {
  where: string;
  data: WeeklyDatasetReference;
  ref: Omit<DesignReference, "glm_nb">;
  design: CountDesign;
}[] {
  return Object.entries(weeklyFixture.datasets).flatMap(([name, data]) => {
    const daily = countFixture.datasets[data.daily]!;
    return Object.entries(data.fits).map(([fe, ref]) => ({
      where: `${name}/week/${fe}`,
      data,
      ref,
      design: countDesign({
        from: daily.from,
        to: daily.to,
        values: daily.values,
        causes: daily.causes,
        fixedEffects: ref.fixedEffects,
        freq: "week",
      }),
    }));
  });
}

/** Coefficients (and alpha), their Wald rows, rate ratios, log-likelihood, AIC and the GLM statistics. */
export function expectCountMatches(
  r: CountRegression,
  ref: FitReference,
  covariance: CovarianceType,
  where: string,
): void {
  const k = r.terms.length;
  const wald = ref.cov[covariance];
  const at = `${where} ${covariance}`;
  expectAllClose(
    r.terms.map((t) => t.estimate),
    ref.params.slice(0, k),
    `${at} params`,
  );
  expectAllClose(
    r.terms.map((t) => t.standardError),
    wald.bse.slice(0, k),
    `${at} bse`,
  );
  expectAllClose(
    r.terms.map((t) => t.z),
    wald.z.slice(0, k),
    `${at} z`,
  );
  expectAllClose(
    r.terms.map((t) => t.p),
    wald.p.slice(0, k),
    `${at} p`,
  );
  r.terms.forEach((t, j) => {
    expectClose(t.interval[0], wald.conf_int[0][j]!, `${at} lower[${j}]`);
    expectClose(t.interval[1], wald.conf_int[1][j]!, `${at} upper[${j}]`);
    expectClose(t.rateRatio, Math.exp(ref.params[j]!), `${at} rate ratio[${j}]`);
    expectClose(t.rateRatioInterval[0], Math.exp(wald.conf_int[0][j]!), `${at} rate ratio lower[${j}]`);
    expectClose(t.rateRatioInterval[1], Math.exp(wald.conf_int[1][j]!), `${at} rate ratio upper[${j}]`);
  });
  expectClose(r.llf, ref.llf, `${at} llf`);
  expectClose(r.aic, ref.aic, `${at} aic`);
  expect(r.nobs).toBe(ref.nobs);
  expect(r.dfModel).toBe(ref.df_model);
  expect(r.dfResid).toBe(ref.df_resid);
  if (ref.deviance !== undefined) expectClose(r.deviance!, ref.deviance, `${at} deviance`);
  if (ref.pearson_chi2 !== undefined) expectClose(r.pearsonChi2!, ref.pearson_chi2, `${at} pearson chi2`);
}

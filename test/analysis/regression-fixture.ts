import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { RegressionError, type OlsResult } from "../../src/analysis/ols.js";

/** What scripts/reference/regression.py writes: inputs and statsmodels' answers. */
export interface OlsReference {
  names: string[];
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  ssr: number;
  rsquared: number;
  hasConstant: boolean;
  llf: number;
  aic: number;
  bic: number;
  df_resid: number;
  nobs: number;
}

export interface GrangerLagReference {
  lag: number;
  nobs: number;
  /** [F, p, df_denom, df_num] */
  ssr_ftest: number[];
  /** [chi2, p, df] */
  ssr_chi2test: number[];
  lrtest: number[];
  params_ftest: number[];
  restricted: { params: Record<string, number>; ssr: number; llf: number };
  unrestricted: { params: Record<string, number>; ssr: number; llf: number; aic: number; bic: number };
}

export interface GrangerReference {
  lags: GrangerLagReference[];
  candidates: { lag: number; aic: number; bic: number }[];
  chosen: { aic: number; bic: number };
}

export interface RegressionFixture {
  versions: Record<string, string>;
  ols: Record<string, OlsReference & { y: number[]; X: number[][]; residuals?: number[] }>;
  granger: Record<
    string,
    { x: number[]; y: number[]; maxlag: number; x_causes_y: GrangerReference; y_causes_x: GrangerReference }
  >;
  ccf: Record<string, { maxlag: number; lags: number[]; values: number[]; band: number }>;
  dyadic: Record<
    string,
    { ab: number[]; ba: number[] } & Record<`lags${number}`, { bToA: OlsReference; aToB: OlsReference }>
  >;
  tails: {
    f: { x: number; dfNum: number; dfDenom: number; sf: number }[];
    chi2: { x: number; df: number; sf: number }[];
    t: { t: number; df: number; p: number }[];
  };
}

export const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/regression.json", import.meta.url), "utf8"),
) as RegressionFixture;

/** The tolerance against statsmodels: absolute for numbers up to 1 in size, relative beyond. */
export const TOLERANCE = 1e-6;

/** Largest error seen, relative to max(1, |expected|), so a run can report how close it came. */
export const worst = { error: 0, where: "" };

export function expectClose(actual: number, expected: number, where: string): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (error > worst.error) Object.assign(worst, { error, where });
  expect(error, `${where}: ${actual} vs statsmodels ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

export function expectAllClose(actual: readonly number[], expected: readonly number[], where: string): void {
  expect(actual.length, `${where}: length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i]!, e, `${where}[${i}]`));
}

/** Every statistic of an OLS fit against statsmodels' (names, params, bse, t, p, ssr, R², llf, AIC, BIC, df). */
export function expectOlsMatches(r: OlsResult, ref: OlsReference, where: string): void {
  expect(r.names).toEqual(ref.names);
  expectAllClose(r.coefficients, ref.params, `${where} params`);
  expectAllClose(r.standardErrors, ref.bse, `${where} bse`);
  expectAllClose(r.tValues, ref.tvalues, `${where} tvalues`);
  expectAllClose(r.pValues, ref.pvalues, `${where} pvalues`);
  expectClose(r.ssr, ref.ssr, `${where} ssr`);
  expectClose(r.rsquared, ref.rsquared, `${where} rsquared`);
  expectClose(r.llf, ref.llf, `${where} llf`);
  expectClose(r.aic, ref.aic, `${where} aic`);
  expectClose(r.bic, ref.bic, `${where} bic`);
  expect(r.dfResid).toBe(ref.df_resid);
  expect(r.nobs).toBe(ref.nobs);
  expect(r.hasConstant).toBe(ref.hasConstant);
}

/** The RegressionError fn throws (fails if it throws none or another kind). */
export function regressionError(fn: () => unknown): RegressionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RegressionError) return e;
    throw e;
  }
  throw new Error("expected a RegressionError");
}

import type { CountFamilySpec } from "./count-family.js";
import { normalTwoSided, standardNormalQuantile } from "./p-values.js";

/**
 * What a count regression reports (glm.ts, negative-binomial.ts) and the Wald inference both build it with:
 * z = b / se, a two-sided normal p-value and b ± z₀.₉₇₅·se, as statsmodels reports for GLM and discrete models
 * (use_t False). With the log link a coefficient's exp is a rate ratio: exp(b) for a 0/1 column is the rate when
 * it is 1 over the rate when it is 0, other columns held fixed.
 *
 * Robust covariances are the sandwich B·M·B, B the inverse of the observed information (the negative Hessian of
 * the log-likelihood), M = Σ sᵢsᵢᵀ over the observations' scores: HC0. HC1 multiplies it by n/(n − p), p the
 * number of estimated parameters, the small-sample correction statsmodels' sandwich applies when asked
 * (stats.sandwich_covariance.cov_white_simple, use_correction=True). Note that statsmodels 0.13's
 * fit(cov_type="HC1") on GLM and discrete models returns HC0 without that correction (statsmodels issue 7798);
 * the fixtures record it.
 */
export type CovarianceType = "nonrobust" | "HC0" | "HC1";
export const COVARIANCE_TYPES: readonly CovarianceType[] = ["nonrobust", "HC0", "HC1"];

/** The two-sided 95% normal quantile of the intervals, 1.959964…. */
const Z_975 = standardNormalQuantile(0.975);

export interface WaldRow {
  estimate: number;
  standardError: number;
  z: number;
  /** Two-sided, from the standard normal. */
  p: number;
  /** 95%: estimate ± 1.96·standardError. */
  interval: [number, number];
}

export interface CountTerm extends WaldRow {
  name: string;
  /** exp(estimate). */
  rateRatio: number;
  /** exp of the interval's ends. */
  rateRatioInterval: [number, number];
}

export type Dispersion =
  | { alpha: number; estimated: false }
  /** Estimated by maximum likelihood, with its own Wald row (on the scale of α, as statsmodels reports it). */
  | ({ alpha: number; estimated: true } & Omit<WaldRow, "estimate">);

export interface CountRegression {
  /** "glm": IRLS for the family given; "negative-binomial": NB2 with α estimated by maximum likelihood. */
  model: "glm" | "negative-binomial";
  family: CountFamilySpec["kind"];
  /** The NB2 α: given to the GLM, or estimated; null for Poisson. */
  dispersion: Dispersion | null;
  covarianceType: CovarianceType;
  terms: CountTerm[];
  /** Of the coefficients in the order of `terms`, then α where it was estimated. */
  covariance: number[][];
  nobs: number;
  /** Columns less one (statsmodels: rank − 1). */
  dfModel: number;
  /** Observations less columns. */
  dfResid: number;
  llf: number;
  /** −2·llf + 2·(parameters estimated: the columns, and α where it was estimated). */
  aic: number;
  /** Σ of the family's unit deviances (GLM only; null for the maximum-likelihood NB2, as statsmodels has none). */
  deviance: number | null;
  /** Σ (y − μ)² / Var(μ) (GLM only). */
  pearsonChi2: number | null;
  /** Iterations of IRLS (GLM) or of Newton's method (NB2; after the Poisson fit that starts it). */
  iterations: number;
  converged: true;
  /** μ for each observation. */
  fitted: number[];
}

export function waldRow(estimate: number, variance: number): WaldRow {
  const standardError = Math.sqrt(variance);
  const z = estimate / standardError;
  return {
    estimate,
    standardError,
    z,
    p: normalTwoSided(z),
    interval: [estimate - Z_975 * standardError, estimate + Z_975 * standardError],
  };
}

/** One term per coefficient, from the leading block of the covariance. */
export function countTerms(
  names: readonly string[],
  coefficients: ArrayLike<number>,
  covariance: readonly (readonly number[])[],
): CountTerm[] {
  return names.map((name, j) => {
    const row = waldRow(coefficients[j]!, covariance[j]![j]!);
    return {
      name,
      ...row,
      rateRatio: Math.exp(row.estimate),
      rateRatioInterval: [Math.exp(row.interval[0]), Math.exp(row.interval[1])],
    };
  });
}

/**
 * B·(Σ sᵢsᵢᵀ)·B for the scores sᵢ (one row per observation), times n/(n − p) for HC1; `bread` is the inverse of
 * the observed information.
 */
export function sandwich(
  bread: readonly (readonly number[])[],
  scores: readonly Float64Array[],
  type: Exclude<CovarianceType, "nonrobust">,
): number[][] {
  const p = bread.length;
  const meat: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const s of scores) {
    for (let a = 0; a < p; a++) {
      const sa = s[a]!;
      if (sa === 0) continue;
      const row = meat[a]!;
      for (let b = 0; b <= a; b++) row[b]! += sa * s[b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) meat[b]![a] = meat[a]![b]!;
  const n = scores.length;
  const factor = type === "HC1" ? n / (n - p) : 1;
  const left = multiply(bread, meat);
  return multiply(left, bread).map((row) => row.map((v) => v * factor));
}

function multiply(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
  const m = B[0]!.length;
  return A.map((row) => {
    const out = new Array<number>(m).fill(0);
    for (let k = 0; k < row.length; k++) {
      const a = row[k]!;
      const b = B[k]!;
      for (let j = 0; j < m; j++) out[j]! += a * b[j]!;
    }
    return out;
  });
}

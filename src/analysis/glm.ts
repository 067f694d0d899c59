/**
 * Poisson and negative-binomial (NB2, α given) regression with the log link, fitted by iteratively reweighted least
 * squares: statsmodels' GLM(y, X, family=Poisson() or NegativeBinomial(alpha)), with the statistics it reports for
 * them (coefficients, standard errors, Wald z and p, 95% intervals, deviance, Pearson χ², log-likelihood, AIC).
 *
 * IRLS starts, as statsmodels does, from μ = (y + ȳ)/2; each step is the weighted least-squares fit of the working
 * response η + (y − μ)/μ with weights μ²/Var(μ) (`irls` says how it is solved). It stops when no coefficient moved
 * by more than CONVERGED·(1 + |b|), a tighter rule than statsmodels' default (deviance changing by under 1e-8),
 * which on the NB2 family (its log link is not canonical, so IRLS converges linearly) stops about 1e-7 short of
 * the maximum.
 *
 * Standard errors: nonrobust from the expected information (X'WX)⁻¹ at the estimate (the dispersion is fixed at 1
 * for both families); HC0 and HC1 as count-inference.ts describes, the bread from the observed information.
 */
import { countFamily, type CountFamily, type CountFamilySpec } from "./count-family.js";
import { countTerms, sandwich, type CountRegression, type CovarianceType } from "./count-inference.js";
import { checkCountData, type CountData } from "./count-input.js";
import {
  applyQTranspose,
  householderQrInPlace,
  inverseGram,
  inverseSymmetricPositive,
  solveSymmetricPositive,
  solveUpperTriangular,
  weightedGram,
  type QrFactors,
} from "./matrix.js";
import { RegressionError } from "./ols.js";

export interface GlmOptions {
  family: CountFamilySpec;
  /** Column names; by default "const" for a constant column, x1, x2, … for the others. */
  names?: readonly string[];
  /** Default "nonrobust". */
  covariance?: CovarianceType;
  /** Default 100, as statsmodels. */
  maxIterations?: number;
}

/** A coefficient change below this, relative to 1 + its size, ends the iteration. */
export const CONVERGED = 1e-10;
const DEFAULT_MAX_ITERATIONS = 100;

export function fitGlm(
  y: readonly number[],
  X: readonly (readonly number[])[],
  options: GlmOptions,
): CountRegression {
  const data = checkCountData(y, X, options.names);
  const family = countFamily(options.family);
  const fit = irls(data, family, checkMaxIterations(options.maxIterations));
  const covarianceType = options.covariance ?? "nonrobust";
  const covariance =
    covarianceType === "nonrobust" ? inverseGram(fit.qr) : glmSandwich(data, family, fit.mu, covarianceType);
  const n = y.length;
  const k = data.names.length;
  let llf = 0;
  let deviance = 0;
  let pearsonChi2 = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const mu = fit.mu[i]!;
    llf += family.logLikelihood(yi, mu);
    deviance += family.unitDeviance(yi, mu);
    pearsonChi2 += (yi - mu) ** 2 / family.variance(mu);
  }
  return {
    model: "glm",
    family: options.family.kind,
    dispersion: options.family.kind === "poisson" ? null : { alpha: options.family.alpha, estimated: false },
    covarianceType,
    terms: countTerms(data.names, fit.coefficients, covariance),
    covariance,
    nobs: n,
    dfModel: k - 1,
    dfResid: n - k,
    llf,
    aic: -2 * llf + 2 * k,
    deviance,
    pearsonChi2,
    iterations: fit.iterations,
    converged: true,
    fitted: Array.from(fit.mu),
  };
}

export function checkMaxIterations(value: number | undefined): number {
  const v = value ?? DEFAULT_MAX_ITERATIONS;
  if (!Number.isInteger(v) || v < 1)
    throw new RegressionError(`maxIterations must be a whole number ≥ 1, not ${v}`, "invalid-input");
  return v;
}

export interface IrlsFit {
  coefficients: Float64Array;
  mu: Float64Array;
  /** QR of √W·X at the last step's weights, for (X'WX)⁻¹ (see `finish`). */
  qr: QrFactors;
  iterations: number;
}

interface Means {
  mu: Float64Array;
  eta: Float64Array;
}

/**
 * The maximum-likelihood coefficients of a family with the log link; throws if they do not settle. The steps
 * solve the weighted normal equations X'WXb = X'Wz by Cholesky (a k × k system: a quarter of a QR's work on a
 * long design); the last is redone by QR, so that the estimate and its covariance have QR's accuracy.
 */
export function irls(data: CountData, family: CountFamily, maxIterations: number): IrlsFit {
  const { y, X, names } = data;
  const k = names.length;
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const mu = Float64Array.from(y, (v) => (v + mean) / 2);
  let means: Means = { mu, eta: mu.map(Math.log) };
  let previous: Float64Array | undefined;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const coefficients =
      normalEquationsStep(X, y, family, means, k) ?? qrStep(X, y, family, means, k).coefficients;
    means = meansAt(X, coefficients, iteration);
    if (previous && largestChange(previous, coefficients) <= CONVERGED)
      return finish(data, family, means, iteration);
    previous = coefficients;
  }
  throw new RegressionError(
    `the fit did not converge in ${maxIterations} iterations; ` +
      `is y 0 wherever some column is non-zero, or the design nearly collinear?`,
    "no-convergence",
  );
}

/**
 * One more step, by QR, from the converged means: it moves the coefficients by no more than the last step did,
 * and its weights are within CONVERGED of the estimate's, so its (X'WX)⁻¹ is the estimate's to that precision
 * (statsmodels too takes the last step's).
 */
function finish(data: CountData, family: CountFamily, means: Means, iterations: number): IrlsFit {
  const { y, X, names } = data;
  const { coefficients, qr } = qrStep(X, y, family, means, names.length);
  return { coefficients, mu: meansAt(X, coefficients, iterations + 1).mu, qr, iterations: iterations + 1 };
}

/** μ and η at the coefficients; throws if a mean overflowed or vanished (coefficients running off). */
function meansAt(
  X: readonly (readonly number[])[],
  coefficients: ArrayLike<number>,
  iteration: number,
): Means {
  const eta = linearPredictor(X, coefficients);
  const mu = eta.map(Math.exp);
  if (!mu.every((m) => m > 0 && Number.isFinite(m)))
    throw new RegressionError(
      `the fit diverged at iteration ${iteration} (a fitted mean left the range of numbers): ` +
        "is y 0 wherever some column is non-zero?",
      "no-convergence",
    );
  return { mu, eta };
}

/** The working response η + (y − μ)/μ: the weighted least-squares target of a step. */
function workingResponse(y: number, mu: number, eta: number): number {
  return eta + (y - mu) / mu;
}

/** One step by the normal equations; undefined where X'WX is numerically singular (then QR takes the step). */
function normalEquationsStep(
  X: readonly (readonly number[])[],
  y: readonly number[],
  family: CountFamily,
  { mu, eta }: Means,
  k: number,
): Float64Array | undefined {
  const weights = mu.map((m) => family.weight(m));
  const rhs = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    const wz = weights[i]! * workingResponse(y[i]!, mu[i]!, eta[i]!);
    const row = X[i]!;
    for (let j = 0; j < k; j++) rhs[j]! += wz * row[j]!;
  }
  try {
    return Float64Array.from(solveSymmetricPositive(weightedGram(X, weights, k), rhs));
  } catch {
    return undefined;
  }
}

/** One step by QR of √W·X. */
function qrStep(
  X: readonly (readonly number[])[],
  y: readonly number[],
  family: CountFamily,
  { mu, eta }: Means,
  k: number,
): { coefficients: Float64Array; qr: QrFactors } {
  const n = y.length;
  const roots = mu.map((m) => Math.sqrt(family.weight(m)));
  // Column-major, as the QR takes it: entry (i, j) at j·n + i.
  const scaled = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    for (let j = 0; j < k; j++) scaled[j * n + i] = roots[i]! * row[j]!;
  }
  const z = Array.from(mu, (m, i) => roots[i]! * workingResponse(y[i]!, m, eta[i]!));
  const qr = householderQrInPlace(scaled, n, k);
  return { coefficients: solveUpperTriangular(qr, applyQTranspose(qr, z)), qr };
}

export function linearPredictor(
  X: readonly (readonly number[])[],
  coefficients: ArrayLike<number>,
): Float64Array {
  const k = coefficients.length;
  return Float64Array.from(X, (row) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += row[j]! * coefficients[j]!;
    return s;
  });
}

/** max |a − b| / (1 + |b|) over the entries. */
export function largestChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 0; j < b.length; j++) worst = Math.max(worst, Math.abs(a[j]! - b[j]!) / (1 + Math.abs(b[j]!)));
  return worst;
}

/** HC0/HC1 for a GLM: scores (y − μ)/(1 + αμ)·x, bread the inverse observed information. */
function glmSandwich(
  data: CountData,
  family: CountFamily,
  mu: Float64Array,
  type: Exclude<CovarianceType, "nonrobust">,
): number[][] {
  const { y, X, names } = data;
  const k = names.length;
  const observed = Float64Array.from(mu, (m, i) => family.observedWeight(y[i]!, m));
  const bread = invertInformation(weightedGram(X, observed, k));
  const scores = X.map((row, i) => {
    const s = family.score(y[i]!, mu[i]!);
    return Float64Array.from({ length: k }, (_, j) => s * row[j]!);
  });
  return sandwich(bread, scores, type);
}

/** The inverse of an information matrix, or a RegressionError saying the likelihood is flat in some direction. */
export function invertInformation(information: readonly (readonly number[])[]): number[][] {
  try {
    return inverseSymmetricPositive(information);
  } catch {
    throw new RegressionError(
      "the observed information is not positive definite at the estimate (the likelihood is flat or curves " +
        "upward in some direction), so there are no standard errors",
      "singular",
    );
  }
}

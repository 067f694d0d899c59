/**
 * Negative binomial regression (NB2: Var y = μ + αμ², log link) with the coefficients and α estimated together by
 * maximum likelihood: statsmodels.discrete.discrete_model.NegativeBinomial(y, X), whose params are the
 * coefficients then α, with the same standard errors (the inverse of the observed information in (β, α)), z, p,
 * intervals, log-likelihood and AIC (α counted as a parameter; statsmodels 0.13 counts one parameter fewer when
 * the design spans no constant, which the designs of count-design.ts always do).
 *
 * Fitting: the Poisson fit (glm.ts) gives the starting coefficients and, as in statsmodels, α starts at the moment
 * estimate Σ((y − μ)²/μ − 1)/μ / (n − k), at least 0.05. Newton's method then runs on (β, log α), so that α stays
 * positive, halving a step that lowers the likelihood. statsmodels' default fit (BFGS, 35 iterations) can stop well
 * short of the maximum; the fixtures use its Newton method to full convergence (scripts/reference/count_models.py).
 *
 * Where the data are no more dispersed than the Poisson's, the likelihood keeps rising as α falls to 0: there is
 * no NB2 estimate but the Poisson one, and the fit says so.
 */
import { negativeBinomialFamily, poissonFamily } from "./count-family.js";
import {
  countTerms,
  sandwich,
  waldRow,
  type CountRegression,
  type CovarianceType,
} from "./count-inference.js";
import { checkCountData, type CountData } from "./count-input.js";
import { digammaStep, trigammaStep } from "./gamma.js";
import {
  CONVERGED,
  checkMaxIterations,
  invertInformation,
  irls,
  largestChange,
  linearPredictor,
} from "./glm.js";
import { solveSymmetricPositive, weightedGram } from "./matrix.js";
import { RegressionError } from "./ols.js";

export interface NegativeBinomialOptions {
  names?: readonly string[];
  /** Default "nonrobust". */
  covariance?: CovarianceType;
  /** Newton iterations; default 100. */
  maxIterations?: number;
}

/** Below this α the NB2 cannot be told from the Poisson (αμ is rounding beside 1 for any μ a count model meets). */
const ALPHA_FLOOR = 1e-8;
/** The largest step in log α, so that a poor first step cannot overflow α. */
const MAX_LOG_ALPHA_STEP = 2;
const MAX_HALVINGS = 50;

export function fitNegativeBinomial(
  y: readonly number[],
  X: readonly (readonly number[])[],
  options: NegativeBinomialOptions = {},
): CountRegression {
  const data = checkCountData(y, X, options.names);
  const maxIterations = checkMaxIterations(options.maxIterations);
  const { coefficients, alpha, iterations } = maximise(data, maxIterations);
  const k = data.names.length;
  const at = derivatives(data, coefficients, alpha);
  const bread = invertInformation(at.hessian.map((row) => row.map((v) => -v)));
  const covarianceType = options.covariance ?? "nonrobust";
  const covariance = covarianceType === "nonrobust" ? bread : sandwich(bread, at.scores, covarianceType);
  const { estimate: _alpha, ...alphaRow } = waldRow(alpha, covariance[k]![k]!);
  const n = y.length;
  return {
    model: "negative-binomial",
    family: "negative-binomial",
    dispersion: { alpha, estimated: true, ...alphaRow },
    covarianceType,
    terms: countTerms(data.names, coefficients, covariance),
    covariance,
    nobs: n,
    dfModel: k - 1,
    dfResid: n - k,
    llf: at.llf,
    aic: -2 * at.llf + 2 * (k + 1),
    deviance: null,
    pearsonChi2: null,
    iterations,
    converged: true,
    fitted: Array.from(at.mu),
  };
}

/** The log-likelihood and its derivatives in (β, α) at one point. */
interface AtPoint {
  llf: number;
  mu: Float64Array;
  /** d llf / d(β, α). */
  gradient: number[];
  /** d² llf / d(β, α)², (k + 1) × (k + 1). */
  hessian: number[][];
  /** Each observation's d log f / d(β, α). */
  scores: Float64Array[];
}

function logLikelihood(data: CountData, coefficients: ArrayLike<number>, alpha: number): number {
  const family = negativeBinomialFamily(alpha);
  const eta = linearPredictor(data.X, coefficients);
  let llf = 0;
  for (let i = 0; i < eta.length; i++) llf += family.logLikelihood(data.y[i]!, Math.exp(eta[i]!));
  return llf;
}

/**
 * With r = 1/α: d log f/dη = (y − μ)/(1 + αμ); d log f/dr = ψ(y + r) − ψ(r) − ln(1 + αμ) − α(y − μ)/(1 + αμ);
 * d/dα = −r²·d/dr, and the second derivatives follow by the chain rule.
 */
function derivatives(data: CountData, coefficients: ArrayLike<number>, alpha: number): AtPoint {
  const { y, X, names } = data;
  const k = names.length;
  const r = 1 / alpha;
  const family = negativeBinomialFamily(alpha);
  const mu = linearPredictor(X, coefficients).map(Math.exp);
  const gradient = new Array<number>(k + 1).fill(0);
  const observed = new Float64Array(y.length);
  const crossAlpha = new Array<number>(k).fill(0);
  const scores: Float64Array[] = [];
  let llf = 0;
  let alphaAlpha = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const m = mu[i]!;
    const row = X[i]!;
    const onePlus = 1 + alpha * m;
    llf += family.logLikelihood(yi, m);
    const dEta = (yi - m) / onePlus;
    const dR = digammaStep(r, yi) - Math.log1p(alpha * m) - (alpha * (yi - m)) / onePlus;
    const dRR = trigammaStep(r, yi) + m / (r * (r + m)) + (yi - m) / ((r + m) * (r + m));
    const dAlpha = -r * r * dR;
    observed[i] = family.observedWeight(yi, m);
    const dEtaAlpha = -(m * (yi - m)) / (onePlus * onePlus);
    alphaAlpha += 2 * r * r * r * dR + r * r * r * r * dRR;
    const score = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) {
      score[j] = dEta * row[j]!;
      gradient[j]! += score[j]!;
      crossAlpha[j]! += dEtaAlpha * row[j]!;
    }
    score[k] = dAlpha;
    gradient[k]! += dAlpha;
    scores.push(score);
  }
  const hessian = weightedGram(X, observed, k).map((row, j) => [...row.map((v) => -v), crossAlpha[j]!]);
  hessian.push([...crossAlpha, alphaAlpha]);
  return { llf, mu, gradient, hessian, scores };
}

/** Newton's method on (β, log α) from the Poisson fit. */
function maximise(
  data: CountData,
  maxIterations: number,
): { coefficients: Float64Array; alpha: number; iterations: number } {
  const poisson = irls(data, poissonFamily(), maxIterations);
  let alpha = Math.max(0.05, momentAlpha(data, poisson.mu));
  let point: Point = {
    coefficients: poisson.coefficients,
    alpha,
    llf: logLikelihood(data, poisson.coefficients, alpha),
  };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const step = newtonStep(data, derivatives(data, point.coefficients, point.alpha), point.alpha);
    const next = climb(data, point, step);
    const moved = largestChange(
      [...next.coefficients, Math.log(next.alpha)],
      [...point.coefficients, Math.log(point.alpha)],
    );
    point = next;
    alpha = point.alpha;
    if (alpha < ALPHA_FLOOR)
      throw new RegressionError(
        `the negative binomial's alpha falls towards 0 (below ${ALPHA_FLOOR} after ${iteration} iterations): ` +
          "these counts are no more dispersed than the Poisson's, whose fit this is; use the Poisson model",
        "no-overdispersion",
      );
    if (moved <= CONVERGED) return { coefficients: point.coefficients, alpha, iterations: iteration };
  }
  throw new RegressionError(
    `the negative binomial fit did not converge in ${maxIterations} Newton iterations (alpha ${alpha.toPrecision(4)})`,
    "no-convergence",
  );
}

interface Point {
  coefficients: Float64Array;
  alpha: number;
  llf: number;
}

/** The point a step leads to, the step halved while it lowers the likelihood (by more than rounding near the top). */
function climb(data: CountData, from: Point, step: readonly number[]): Point {
  const k = from.coefficients.length;
  let t = 1;
  for (let h = 0; ; h++) {
    const coefficients = from.coefficients.map((b, j) => b + t * step[j]!);
    const alpha = from.alpha * Math.exp(t * step[k]!);
    const llf = logLikelihood(data, coefficients, alpha);
    if (llf >= from.llf - 1e-12 * Math.abs(from.llf) || h === MAX_HALVINGS)
      return { coefficients, alpha, llf };
    t /= 2;
  }
}

/** Σ((y − μ)²/μ − 1)/μ / (n − k) at the Poisson fit: the NB2 α that matches the residuals' spread. */
function momentAlpha(data: CountData, mu: Float64Array): number {
  let s = 0;
  for (let i = 0; i < mu.length; i++) {
    const m = mu[i]!;
    s += ((data.y[i]! - m) ** 2 / m - 1) / m;
  }
  return s / (data.y.length - data.names.length);
}

/**
 * The Newton step in (β, λ = log α) from the derivatives in (β, α): dλ = α·dα, d²/dλ² = α²·d²/dα² + α·d/dα. Where
 * the Hessian is not negative definite (far from the maximum), β takes a scoring step (the expected information
 * (X'diag(μ/(1 + αμ))X is positive definite) and λ a bounded gradient step.
 */
function newtonStep(data: CountData, at: AtPoint, alpha: number): number[] {
  const k = data.names.length;
  const g = [...at.gradient.slice(0, k), alpha * at.gradient[k]!];
  const H = at.hessian.map((row, a) =>
    row.map((v, b) => {
      if (a < k && b < k) return -v;
      if (a === k && b === k) return -(alpha * alpha * v + alpha * at.gradient[k]!);
      return -alpha * v;
    }),
  );
  let step: number[];
  try {
    step = solveSymmetricPositive(H, g);
  } catch {
    const information = weightedGram(
      data.X,
      at.mu.map((m) => m / (1 + alpha * m)),
      k,
    );
    const curvature = H[k]![k]!;
    step = [
      ...solveSymmetricPositive(information, g.slice(0, k)),
      curvature > 0 ? g[k]! / curvature : Math.sign(g[k]!),
    ];
  }
  step[k] = Math.max(-MAX_LOG_ALPHA_STEP, Math.min(MAX_LOG_ALPHA_STEP, step[k]!));
  return step;
}

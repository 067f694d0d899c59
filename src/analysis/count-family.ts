import { logFactorial, logGammaStep } from "./gamma.js";
import { RegressionError } from "./ols.js";

/**
 * The count distributions of the count regressions, each with the log link μ = exp(xβ): Poisson (variance μ) and
 * the negative binomial NB2 (variance μ + αμ², α > 0 the dispersion). Each gives, per observation, what IRLS, the
 * log-likelihood, the deviance and the sandwich need — the definitions statsmodels' families use (Poisson,
 * NegativeBinomial with the log link), so that results can be checked against it.
 */
export type CountFamilySpec = { kind: "poisson" } | { kind: "negative-binomial"; alpha: number };

export interface CountFamily {
  spec: CountFamilySpec;
  /** Var(y) at mean μ. */
  variance(mu: number): number;
  /** The IRLS weight (expected information per observation in η = log μ): μ² / Var. */
  weight(mu: number): number;
  /** d log f / dη: the score of one observation before multiplying by its row of X. */
  score(y: number, mu: number): number;
  /** −d² log f / dη²: the observed information per observation (equal to `weight` for Poisson). */
  observedWeight(y: number, mu: number): number;
  /** The observation's contribution to the deviance, 2·(log f(y | μ = y) − log f(y | μ)). */
  unitDeviance(y: number, mu: number): number;
  logLikelihood(y: number, mu: number): number;
}

/** y·log(y/μ), taken as 0 at y = 0 (its limit). */
function yLogRatio(y: number, mu: number): number {
  return y === 0 ? 0 : y * Math.log(y / mu);
}

export function poissonFamily(): CountFamily {
  return {
    spec: { kind: "poisson" },
    variance: (mu) => mu,
    weight: (mu) => mu,
    score: (y, mu) => y - mu,
    observedWeight: (_y, mu) => mu,
    unitDeviance: (y, mu) => 2 * (yLogRatio(y, mu) - (y - mu)),
    logLikelihood: (y, mu) => (y === 0 ? 0 : y * Math.log(mu)) - mu - logFactorial(y),
  };
}

/** NB2 with a given α > 0 (statsmodels' GLM family NegativeBinomial(alpha)). */
export function negativeBinomialFamily(alpha: number): CountFamily {
  if (!(alpha > 0) || !Number.isFinite(alpha))
    throw new RegressionError(
      `the negative binomial's alpha must be a number > 0, not ${alpha}`,
      "invalid-input",
    );
  const r = 1 / alpha;
  return {
    spec: { kind: "negative-binomial", alpha },
    variance: (mu) => mu + alpha * mu * mu,
    weight: (mu) => mu / (1 + alpha * mu),
    score: (y, mu) => (y - mu) / (1 + alpha * mu),
    observedWeight: (y, mu) => (mu * (1 + alpha * y)) / (1 + alpha * mu) ** 2,
    unitDeviance: (y, mu) => 2 * (yLogRatio(y, mu) - (y + r) * Math.log((1 + alpha * y) / (1 + alpha * mu))),
    logLikelihood: (y, mu) =>
      logGammaStep(r, y) -
      logFactorial(y) +
      y * Math.log((alpha * mu) / (1 + alpha * mu)) -
      r * Math.log1p(alpha * mu),
  };
}

export function countFamily(spec: CountFamilySpec): CountFamily {
  return spec.kind === "poisson" ? poissonFamily() : negativeBinomialFamily(spec.alpha);
}

/**
 * Granger causality: does the past of x help predict y beyond y's own past? Reproduces statsmodels'
 * grangercausalitytests(np.column_stack([y, x]), maxlag) — for each lag p, y_t regressed on a constant and p lags of
 * y (restricted) and on those plus p lags of x (unrestricted), each on observations p..n−1 (statsmodels trims the
 * first p, not the first maxlag, so the sample differs from lag to lag) — and picks one lag to report.
 */
import { isConstant, laggedDesign } from "./lags.js";
import {
  checkFullRank,
  factoriseDesign,
  fitLeadingColumns,
  gaussianLogLikelihood,
  RegressionError,
  residualSumsOfSquares,
  type OlsResult,
} from "./ols.js";
import { solveSymmetricPositive } from "./matrix.js";
import { chiSquareUpperTail, fUpperTail } from "./p-values.js";

export type LagCriterion = "aic" | "bic";

export interface GrangerOptions {
  /** Lags 1..maxlag are all tested, as statsmodels does. */
  maxlag: number;
  /** The lag to report; without it, the one the criterion picks. */
  lag?: number;
  /** How to pick the lag when none is given (default "aic"). */
  criterion?: LagCriterion;
  /** Names used in the coefficient names ("x.L1"); default cause "x", effect "y". */
  names?: { cause: string; effect: string };
}

export interface FTest {
  statistic: number;
  pValue: number;
  dfNum: number;
  dfDenom: number;
}

export interface ChiSquareTest {
  statistic: number;
  pValue: number;
  df: number;
}

export interface GrangerLagTest {
  lag: number;
  /** Observations used: n − lag. */
  nobs: number;
  /** ((ssr_r − ssr_u)/p) / (ssr_u/df_u), F(p, df_u). */
  ssrFTest: FTest;
  /** nobs·(ssr_r − ssr_u)/ssr_u, χ²(p) — statsmodels' formula, without a degrees-of-freedom correction. */
  ssrChi2Test: ChiSquareTest;
  /** −2·(llf_r − llf_u), χ²(p). */
  lrTest: ChiSquareTest;
  /** Wald F that the p coefficients on x's lags are all zero; equal to ssrFTest up to rounding. */
  paramsFTest: FTest;
  /** y on const and y's lags. */
  restricted: OlsResult;
  /** y on const, y's lags and x's lags. */
  unrestricted: OlsResult;
}

export interface LagChoice {
  lag: number;
  by: LagCriterion | "given";
  /**
   * The unrestricted equation fitted for every p = 1..maxlag on one common sample (observations maxlag..n−1, so
   * that the criteria compare like with like); the chosen lag has the smallest value of the criterion, the smaller
   * lag on a tie. Filled in even when the lag was given.
   */
  candidates: { lag: number; aic: number; bic: number }[];
  /** Size of that common sample: n − maxlag. */
  nobs: number;
}

export interface GrangerResult {
  cause: string;
  effect: string;
  maxlag: number;
  /** One test per lag: byLag[p − 1] is lag p. */
  byLag: GrangerLagTest[];
  choice: LagChoice;
  /** The test at the chosen lag. */
  chosen: GrangerLagTest;
}

/** Tests whether x Granger-causes y (both series on the same time bins, oldest first). */
export function grangerCausality(
  x: readonly number[],
  y: readonly number[],
  opts: GrangerOptions,
): GrangerResult {
  const { maxlag, criterion = "aic" } = opts;
  const cause = opts.names?.cause ?? "x";
  const effect = opts.names?.effect ?? "y";
  const n = y.length;
  if (x.length !== n)
    throw new RegressionError(`${cause} has ${x.length} values but ${effect} has ${n}`, "invalid-input");
  if (![...x, ...y].every(Number.isFinite))
    throw new RegressionError("the series must hold finite numbers only", "invalid-input");
  if (!Number.isInteger(maxlag) || maxlag < 1)
    throw new RegressionError(`maxlag must be a whole number ≥ 1, not ${maxlag}`, "invalid-input");
  if (opts.lag !== undefined && !(Number.isInteger(opts.lag) && opts.lag >= 1 && opts.lag <= maxlag))
    throw new RegressionError(
      `lag must be a whole number from 1 to maxlag (${maxlag}), not ${opts.lag}`,
      "invalid-input",
    );
  if (criterion !== "aic" && criterion !== "bic")
    throw new RegressionError(
      `criterion must be "aic" or "bic", not "${String(criterion)}"`,
      "invalid-input",
    );
  // statsmodels' rule: more than 3·maxlag + 1 observations.
  if (n <= 3 * maxlag + 1)
    throw new RegressionError(
      `${n} observations are too few for lags up to ${maxlag} (need more than ${3 * maxlag + 1}); ` +
        (n >= 5 ? `the largest maxlag these series allow is ${Math.floor((n - 2) / 3)}` : "need at least 5"),
      "too-short",
    );
  if (isConstant(x))
    throw new RegressionError(`${cause} never changes, so it cannot help predict anything`, "singular");
  if (isConstant(y))
    throw new RegressionError(`${effect} never changes, so there is nothing to predict`, "singular");

  const byLag: GrangerLagTest[] = [];
  for (let p = 1; p <= maxlag; p++) byLag.push(testLag(x, y, p, cause, effect));

  const candidates = lagCandidates(x, y, maxlag, cause, effect);
  let lag = opts.lag ?? 1;
  if (opts.lag === undefined)
    for (const c of candidates) if (c[criterion] < candidates[lag - 1]![criterion]) lag = c.lag;

  return {
    cause,
    effect,
    maxlag,
    byLag,
    choice: { lag, by: opts.lag === undefined ? criterion : "given", candidates, nobs: n - maxlag },
    chosen: byLag[lag - 1]!,
  };
}

/**
 * AIC and BIC of y on const + p lags of y and of x, for p = 1..maxlag, all on observations maxlag..n−1. Columns
 * ordered const, y.L1, x.L1, y.L2, x.L2, … so that each p's design is the leading 1 + 2p columns of one QR.
 */
function lagCandidates(
  x: readonly number[],
  y: readonly number[],
  maxlag: number,
  cause: string,
  effect: string,
): LagChoice["candidates"] {
  const columns = Array.from({ length: maxlag }, (_, i) => [
    { name: effect, values: y, firstLag: i + 1, lags: i + 1 },
    { name: cause, values: x, firstLag: i + 1, lags: i + 1 },
  ]).flat();
  const design = laggedDesign(y, columns, maxlag);
  const d = factoriseDesign(design.y, design.X, design.names);
  checkFullRank(d);
  const ssr = residualSumsOfSquares(d);
  const n = design.y.length;
  return Array.from({ length: maxlag }, (_, i) => {
    const k = 2 * (i + 1) + 1;
    const llf = gaussianLogLikelihood(ssr[k]!, n);
    return { lag: i + 1, aic: -2 * llf + 2 * k, bic: -2 * llf + Math.log(n) * k };
  });
}

function testLag(
  x: readonly number[],
  y: readonly number[],
  p: number,
  cause: string,
  effect: string,
): GrangerLagTest {
  // const, y's lags, x's lags: the restricted model is the leading 1 + p columns of the same factorisation.
  const u = laggedDesign(
    y,
    [
      { name: effect, values: y, lags: p },
      { name: cause, values: x, lags: p },
    ],
    p,
  );
  const d = factoriseDesign(u.y, u.X, u.names);
  const unrestricted = fitLeadingColumns(d);
  const restricted = fitLeadingColumns(d, 1 + p);
  const dfDenom = unrestricted.dfResid;
  const gain = restricted.ssr - unrestricted.ssr;

  const f = (gain / unrestricted.ssr / p) * dfDenom;
  const chi2 = (restricted.nobs * gain) / unrestricted.ssr;
  const lr = -2 * (restricted.llf - unrestricted.llf);

  // Wald: b' V⁻¹ b / p over the coefficients on x's lags (columns 1+p .. 2p).
  const idx = Array.from({ length: p }, (_, i) => 1 + p + i);
  const b = idx.map((i) => unrestricted.coefficients[i]!);
  const V = idx.map((i) => idx.map((j) => unrestricted.covariance[i]![j]!));
  const Vb = solveSymmetricPositive(V, b);
  const wald = b.reduce((s, bi, i) => s + bi * Vb[i]!, 0) / p;

  return {
    lag: p,
    nobs: unrestricted.nobs,
    ssrFTest: { statistic: f, pValue: fUpperTail(f, p, dfDenom), dfNum: p, dfDenom },
    ssrChi2Test: { statistic: chi2, pValue: chiSquareUpperTail(chi2, p), df: p },
    lrTest: { statistic: lr, pValue: chiSquareUpperTail(lr, p), df: p },
    paramsFTest: { statistic: wald, pValue: fUpperTail(wald, p, dfDenom), dfNum: p, dfDenom },
    restricted,
    unrestricted,
  };
}

/** Granger tests both ways between a and b: whether a's past helps predict b, and whether b's past helps predict a. */
export function grangerBothWays(
  a: readonly number[],
  b: readonly number[],
  opts: Omit<GrangerOptions, "names"> & { names?: { a: string; b: string } },
): { aCausesB: GrangerResult; bCausesA: GrangerResult } {
  const nameA = opts.names?.a ?? "a";
  const nameB = opts.names?.b ?? "b";
  return {
    aCausesB: grangerCausality(a, b, { ...opts, names: { cause: nameA, effect: nameB } }),
    bCausesA: grangerCausality(b, a, { ...opts, names: { cause: nameB, effect: nameA } }),
  };
}

/**
 * Ordinary least squares, with the statistics statsmodels' OLS reports (same definitions, so that results can be
 * checked against it): coefficients, standard errors, t tests, R², the Gaussian log-likelihood, AIC and BIC.
 */
import {
  applyQTranspose,
  householderQr,
  inverseGram,
  solveUpperTriangular,
  type QrFactors,
} from "./matrix.js";
import { tTwoSided } from "./p-values.js";

export type RegressionProblem =
  | "invalid-input"
  | "too-short"
  | "singular"
  | "perfect-fit"
  // The count models (glm.ts, negative-binomial.ts): no event at all, or none where a column is non-zero (a rate
  // of 0, so a coefficient of −∞); an iteration that did not settle; a dispersion whose estimate is 0.
  | "no-events"
  | "separation"
  | "no-convergence"
  | "no-overdispersion";

/** A regression that cannot be estimated as asked; `problem` says why, the message says what to change. */
export class RegressionError extends Error {
  override name = "RegressionError";
  constructor(
    message: string,
    readonly problem: RegressionProblem,
  ) {
    super(message);
  }
}

export interface OlsResult {
  /** One per column of X, in order; "const" for a constant column unless names were given. */
  names: string[];
  coefficients: number[];
  standardErrors: number[];
  tValues: number[];
  /** Two-sided, from the t distribution with dfResid degrees of freedom. */
  pValues: number[];
  /** s²(X'X)⁻¹, rows and columns in the order of `names`. */
  covariance: number[][];
  residuals: number[];
  fitted: number[];
  ssr: number;
  /** Centred when the design has a constant (explicit or implied by its columns), uncentred otherwise — as statsmodels. */
  rsquared: number;
  hasConstant: boolean;
  nobs: number;
  dfResid: number;
  /** −n/2·(ln 2π + ln(ssr/n) + 1). */
  llf: number;
  /** −2·llf + 2k, k the number of coefficients (the error variance is not counted). */
  aic: number;
  /** −2·llf + ln(n)·k. */
  bic: number;
}

/** A column whose R diagonal is this small against its own length is taken as a combination of the ones before it. */
const COLLINEAR = 1e-10;

/** A design checked and factorised once, so that regressions on its leading columns share the work. */
export interface FactorisedDesign {
  y: readonly number[];
  X: readonly (readonly number[])[];
  names: string[];
  qr: QrFactors;
  /** Q'y. */
  rotatedY: Float64Array;
}

/**
 * Regresses y on the columns of X (one row per observation; include a column of ones for an intercept).
 * Throws a RegressionError for ragged or non-finite input, fewer observations than coefficients plus one, a column
 * that is constant beside the intercept or otherwise a combination of others (coefficients not identified), and an
 * exact fit (no residual variance, so no standard errors).
 */
export function ols(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names?: readonly string[],
): OlsResult {
  return fitLeadingColumns(factoriseDesign(y, X, names));
}

/**
 * The shape every regression needs (src/analysis's OLS and count models): as many rows of X as observations, at least
 * one column, a name per column if names are given, every row as long; `checkRow` checks each observation's values
 * in turn (each model has its own). Returns n and k.
 */
export function checkDesignShape(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[] | undefined,
  checkRow: (i: number, row: readonly number[]) => void,
): { n: number; k: number } {
  const n = y.length;
  const k = X[0]?.length ?? 0;
  if (X.length !== n)
    throw new RegressionError(`y has ${n} observations but X has ${X.length} rows`, "invalid-input");
  if (k === 0) throw new RegressionError("X has no columns", "invalid-input");
  if (names && names.length !== k)
    throw new RegressionError(`${names.length} names given for ${k} columns`, "invalid-input");
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== k)
      throw new RegressionError(`row ${i} of X has ${row.length} columns, not ${k}`, "invalid-input");
    checkRow(i, row);
  }
  return { n, k };
}

/** Checks y and X and factorises X; the rank is checked by the fits, column by column. */
export function factoriseDesign(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names?: readonly string[],
): FactorisedDesign {
  const { n, k } = checkDesignShape(y, X, names, (i, row) => {
    if (!Number.isFinite(y[i]!) || !row.every(Number.isFinite))
      throw new RegressionError(`observation ${i} is not a finite number`, "invalid-input");
  });
  if (n <= k)
    throw new RegressionError(
      `${n} observations cannot estimate ${k} coefficients with any residual variance left; need at least ${k + 1}`,
      "too-short",
    );
  const qr = householderQr(X, k);
  return { y, X, names: names ? [...names] : defaultNames(X, k), qr, rotatedY: applyQTranspose(qr, y) };
}

/** Throws unless the first m columns are linearly independent. */
export function checkFullRank(d: FactorisedDesign, m = d.qr.cols): void {
  const { rDiagonal, columnNorms } = d.qr;
  for (let j = 0; j < m; j++) {
    if (Math.abs(rDiagonal[j]!) <= COLLINEAR * columnNorms[j]!)
      throw new RegressionError(
        columnNorms[j] === 0
          ? `column "${d.names[j]}" is all zeros, so its coefficient cannot be estimated`
          : `column "${d.names[j]}" is constant beside the intercept or a combination of the columns before it, ` +
              "so the coefficients cannot be told apart",
        "singular",
      );
  }
}

/** The sum of squared residuals of y on the first m columns, for every m = 1..k: ‖(Q'y)[m..n)‖². */
export function residualSumsOfSquares(d: FactorisedDesign): number[] {
  const { rows, cols } = d.qr;
  const out = new Array<number>(cols + 1).fill(0);
  let s = 0;
  for (let i = rows - 1; i >= cols; i--) s += d.rotatedY[i]! ** 2;
  for (let m = cols; m >= 0; m--) {
    out[m] = s;
    if (m > 0) s += d.rotatedY[m - 1]! ** 2;
  }
  return out;
}

/** −n/2·(ln 2π + ln(ssr/n) + 1), the Gaussian log-likelihood with the error variance profiled out (as statsmodels). */
export function gaussianLogLikelihood(ssr: number, n: number): number {
  return (-n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
}

/** The regression of y on the first m columns of a factorised design (all of them by default). */
export function fitLeadingColumns(d: FactorisedDesign, m = d.qr.cols): OlsResult {
  checkFullRank(d, m);
  const { y, X, qr } = d;
  const n = y.length;
  const k = m;
  const coefficients = Array.from(solveUpperTriangular(qr, d.rotatedY, k));
  const fitted: number[] = new Array<number>(n);
  const residuals: number[] = new Array<number>(n);
  let ssr = 0;
  let sumSquaresY = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    let f = 0;
    for (let j = 0; j < k; j++) f += row[j]! * coefficients[j]!;
    const yi = y[i]!;
    const e = yi - f;
    fitted[i] = f;
    residuals[i] = e;
    ssr += e * e;
    sumSquaresY += yi * yi;
    sumY += yi;
  }
  // Relative to y's size, so a constant y regressed on an intercept counts as exact despite rounding.
  if (ssr <= 1e-20 * sumSquaresY)
    throw new RegressionError(
      "the regressors reproduce y exactly (is y constant?), so there is no residual variance to test against",
      "perfect-fit",
    );

  const dfResid = n - k;
  const scale = ssr / dfResid;
  const covariance = inverseGram(qr, k).map((row) => row.map((v) => v * scale));
  const standardErrors = covariance.map((row, j) => Math.sqrt(row[j]!));
  const tValues = coefficients.map((b, j) => b / standardErrors[j]!);
  const pValues = tValues.map((t) => tTwoSided(t, dfResid));

  const hasConstant = spansConstant(qr, k, n);
  const tss = hasConstant ? sumSquaresY - (sumY * sumY) / n : sumSquaresY;
  const llf = gaussianLogLikelihood(ssr, n);
  return {
    names: d.names.slice(0, k),
    coefficients,
    standardErrors,
    tValues,
    pValues,
    covariance,
    residuals,
    fitted,
    ssr,
    rsquared: 1 - ssr / tss,
    hasConstant,
    nobs: n,
    dfResid,
    llf,
    aic: -2 * llf + 2 * k,
    bic: -2 * llf + Math.log(n) * k,
  };
}

/** Whether a column of ones lies in the span of X (an explicit intercept, or dummies that add up to one). */
function spansConstant(qr: QrFactors, k: number, n: number): boolean {
  const rotated = applyQTranspose(qr, new Array<number>(n).fill(1));
  let outside = 0;
  for (let i = k; i < n; i++) outside += rotated[i]! * rotated[i]!;
  return Math.sqrt(outside / n) < 1e-10;
}

/** statsmodels' names for unnamed columns: "const" for a constant non-zero column, x1, x2, … for the others. */
/** As statsmodels names the columns of an array: "const" for a constant non-zero column, else x1, x2, …. */
export function defaultNames(X: readonly (readonly number[])[], k: number): string[] {
  let next = 1;
  const first = X[0]!;
  return Array.from({ length: k }, (_, j) => {
    const c = first[j]!;
    return c !== 0 && X.every((row) => row[j] === c) ? "const" : `x${next++}`;
  });
}

export interface CoefficientRow {
  coefficient: number;
  standardError: number;
  tValue: number;
  pValue: number;
}

/** The coefficient table keyed by column name, for reading one coefficient ("ab.L1") by name. */
export function coefficientsByName(r: OlsResult): Record<string, CoefficientRow> {
  return Object.fromEntries(
    r.names.map((name, j) => [
      name,
      {
        coefficient: r.coefficients[j]!,
        standardError: r.standardErrors[j]!,
        tValue: r.tValues[j]!,
        pValue: r.pValues[j]!,
      },
    ]),
  );
}

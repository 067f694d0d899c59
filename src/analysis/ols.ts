/**
 * Ordinary least squares, with the statistics statsmodels' OLS reports (same definitions, so that results can be
 * checked against it): coefficients, standard errors, t tests, R², the Gaussian log-likelihood, AIC and BIC.
 */
import { applyQTranspose, householderQr, inverseGram, solveUpperTriangular } from "./matrix.js";
import { tTwoSided } from "./p-values.js";

export type RegressionProblem = "invalid-input" | "too-short" | "singular" | "perfect-fit";

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

/**
 * Regresses y on the columns of X (one row per observation; include a column of ones for an intercept).
 * Throws a RegressionError for ragged or non-finite input, fewer observations than coefficients plus one, a column
 * that is constant beside the intercept or otherwise a combination of others (coefficients not identified), and an
 * exact fit (no residual variance, so no standard errors).
 */
export function ols(y: readonly number[], X: readonly (readonly number[])[], names?: readonly string[]): OlsResult {
  const n = y.length;
  const k = X[0]?.length ?? 0;
  if (X.length !== n) throw new RegressionError(`y has ${n} observations but X has ${X.length} rows`, "invalid-input");
  if (k === 0) throw new RegressionError("X has no columns", "invalid-input");
  if (names && names.length !== k)
    throw new RegressionError(`${names.length} names given for ${k} columns`, "invalid-input");
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== k) throw new RegressionError(`row ${i} of X has ${row.length} columns, not ${k}`, "invalid-input");
    if (!Number.isFinite(y[i]!) || !row.every(Number.isFinite))
      throw new RegressionError(`observation ${i} is not a finite number`, "invalid-input");
  }
  if (n <= k)
    throw new RegressionError(
      `${n} observations cannot estimate ${k} coefficients with any residual variance left; need at least ${k + 1}`,
      "too-short",
    );
  const labels = names ? [...names] : defaultNames(X, k);

  const qr = householderQr(X, k);
  for (let j = 0; j < k; j++) {
    if (Math.abs(qr.rDiagonal[j]!) <= COLLINEAR * qr.columnNorms[j]!)
      throw new RegressionError(
        qr.columnNorms[j] === 0
          ? `column "${labels[j]}" is all zeros, so its coefficient cannot be estimated`
          : `column "${labels[j]}" is constant beside the intercept or a combination of the columns before it, ` +
            "so the coefficients cannot be told apart",
        "singular",
      );
  }

  const coefficients = Array.from(solveUpperTriangular(qr, applyQTranspose(qr, y)));
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
  const covariance = inverseGram(qr).map((row) => row.map((v) => v * scale));
  const standardErrors = covariance.map((row, j) => Math.sqrt(row[j]!));
  const tValues = coefficients.map((b, j) => b / standardErrors[j]!);
  const pValues = tValues.map((t) => tTwoSided(t, dfResid));

  const hasConstant = spansConstant(qr, n);
  const tss = hasConstant ? sumSquaresY - (sumY * sumY) / n : sumSquaresY;
  const rsquared = 1 - ssr / tss;
  const llf = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
  return {
    names: labels,
    coefficients,
    standardErrors,
    tValues,
    pValues,
    covariance,
    residuals,
    fitted,
    ssr,
    rsquared,
    hasConstant,
    nobs: n,
    dfResid,
    llf,
    aic: -2 * llf + 2 * k,
    bic: -2 * llf + Math.log(n) * k,
  };
}

/** Whether a column of ones lies in the span of X (an explicit intercept, or dummies that add up to one). */
function spansConstant(qr: ReturnType<typeof householderQr>, n: number): boolean {
  const rotated = applyQTranspose(qr, new Array<number>(n).fill(1));
  let outside = 0;
  for (let i = qr.cols; i < n; i++) outside += rotated[i]! * rotated[i]!;
  return Math.sqrt(outside / n) < 1e-10;
}

/** statsmodels' names for unnamed columns: "const" for a constant non-zero column, x1, x2, … for the others. */
function defaultNames(X: readonly (readonly number[])[], k: number): string[] {
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

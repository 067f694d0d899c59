/**
 * Lagged cross-correlation of two series on the same bins, with the estimator of statsmodels' ccf(adjusted=False):
 * both series demeaned over the whole sample, the lagged cross-products summed over the overlap and divided by n
 * (not by the overlap n − |lag|), then by the two standard deviations (ddof 0).
 */
import { RegressionError } from "./ols.js";
import { standardNormalQuantile } from "./p-values.js";

export interface LagCorrelation {
  /** Positive: x leads y — the correlation of x_t with y_(t+lag). Negative: y leads x. */
  lag: number;
  correlation: number;
  /** |correlation| > band. */
  outsideBand: boolean;
}

export interface CrossCorrelation {
  nobs: number;
  /**
   * z/√n with z the normal quantile for the level (1.96 for 95 %): the range a correlation stays within, at that
   * level, when the two series are independent white noise. Autocorrelated series breach it more often.
   */
  band: number;
  level: number;
  /** Lags −maxLag..maxLag in order. */
  lags: LagCorrelation[];
}

/**
 * Correlations of x_t with y_(t+lag) for lag = −maxLag..maxLag. statsmodels' ccf(y, x, adjusted=False)[lag] gives the
 * non-negative lags of this convention and ccf(x, y, adjusted=False)[m] the lag −m.
 */
export function crossCorrelation(
  x: readonly number[],
  y: readonly number[],
  maxLag: number,
  level = 0.95,
): CrossCorrelation {
  const n = x.length;
  if (y.length !== n) throw new RegressionError(`x has ${n} values but y has ${y.length}`, "invalid-input");
  if (![...x, ...y].every(Number.isFinite))
    throw new RegressionError("the series must hold finite numbers only", "invalid-input");
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n)
    throw new RegressionError(
      `maxLag must be a whole number from 0 to ${n - 1} (one less than the series length), not ${maxLag}`,
      "too-short",
    );
  if (!(level > 0 && level < 1))
    throw new RegressionError(`level must be between 0 and 1, not ${level}`, "invalid-input");
  const dx = demeaned(x);
  const dy = demeaned(y);
  const scale = Math.sqrt(sumOfSquares(dx) * sumOfSquares(dy));
  if (scale === 0)
    throw new RegressionError("a constant series has no correlation with anything", "singular");

  const band = standardNormalQuantile((1 + level) / 2) / Math.sqrt(n);
  const lags: LagCorrelation[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let s = 0;
    for (let t = Math.max(0, -lag); t < Math.min(n, n - lag); t++) s += dx[t]! * dy[t + lag]!;
    const correlation = s / scale;
    lags.push({ lag, correlation, outsideBand: Math.abs(correlation) > band });
  }
  return { nobs: n, band, level, lags };
}

function demeaned(v: readonly number[]): number[] {
  const mean = v.reduce((s, a) => s + a, 0) / v.length;
  return v.map((a) => a - mean);
}

function sumOfSquares(v: readonly number[]): number {
  return v.reduce((s, a) => s + a * a, 0);
}

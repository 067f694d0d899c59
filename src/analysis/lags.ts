/** Lagged regression designs shared by the Granger test and the dyadic regressions. */

export interface LaggedSeries {
  /** Used in coefficient names: "ab" gives "ab.L1", "ab.L2", … */
  name: string;
  values: readonly number[];
  /** The last lag; the columns are lags firstLag..lags. */
  lags: number;
  /** Default 1. */
  firstLag?: number;
}

export interface LaggedDesign {
  /** The dependent series from observation `start` on. */
  y: number[];
  /** Rows: 1, then for each series its lags firstLag..lags, observation t − firstLag first. */
  X: number[][];
  names: string[];
}

/**
 * y_t for t = start .. n−1 against a constant and the lags of each series. `start` must be at least the largest
 * lag; dropping the first `start` observations is what statsmodels' lagmat(trim="both") does when start = the lag.
 */
export function laggedDesign(
  y: readonly number[],
  regressors: readonly LaggedSeries[],
  start: number,
): LaggedDesign {
  const names = ["const"];
  for (const s of regressors) for (let l = s.firstLag ?? 1; l <= s.lags; l++) names.push(`${s.name}.L${l}`);
  const X: number[][] = [];
  const dependent: number[] = [];
  for (let t = start; t < y.length; t++) {
    const row = [1];
    for (const s of regressors) for (let l = s.firstLag ?? 1; l <= s.lags; l++) row.push(s.values[t - l]!);
    X.push(row);
    dependent.push(y[t]!);
  }
  return { y: dependent, X, names };
}

/** Whether every value is the same (a series that cannot explain or be explained by anything). */
export function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

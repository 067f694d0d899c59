/**
 * Upper-tail probabilities for the regression tests, computed so that small p-values keep their relative accuracy
 * (1 − cdf would round anything below about 1e-16 to 0): the F tail through the reciprocal F, the t tail through its
 * symmetry, the chi-square tail by its closed form for whole degrees of freedom.
 */
import chiSquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/** P(F > f) for F with (dfNum, dfDenom) degrees of freedom; 1/F has the F distribution with the two swapped. */
export function fUpperTail(f: number, dfNum: number, dfDenom: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  return fCdf(1 / f, dfDenom, dfNum);
}

/** Two-sided p-value of a t statistic: 2·P(T < −|t|). */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** Two-sided p-value of a standard normal statistic (a Wald z): 2·Φ(−|z|). */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** P(χ² > x) with df degrees of freedom. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (!Number.isInteger(df) || df > 200) return 1 - chiSquareCdf(x, df); // fine to ~1e-16 absolute
  const half = x / 2;
  // Q(k/2, x/2) as a finite sum: e^(−x/2)·Σ (x/2)^i/i! for even k; for odd k, 2Φ(−√x) plus the half-integer terms.
  let sum: number;
  let term: number;
  let i: number;
  if (df % 2 === 0) {
    term = Math.exp(-half);
    sum = term;
    i = 1;
    for (; i < df / 2; i++) {
      term *= half / i;
      sum += term;
    }
    return Math.min(1, sum);
  }
  sum = 2 * normalCdf(-Math.sqrt(x), 0, 1);
  term = Math.exp(-half) * Math.sqrt((2 * x) / Math.PI); // (x/2)^(1/2)·e^(−x/2)/Γ(3/2)
  for (i = 1; i <= (df - 1) / 2; i++) {
    sum += term;
    term *= half / (i + 0.5);
  }
  return Math.min(1, sum);
}

/** The standard normal quantile, e.g. 1.959964 for 0.975. */
export function standardNormalQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

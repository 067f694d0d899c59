/**
 * Exact intervals and tests for counts: a Poisson rate's interval (Garwood's, from the Poisson tails), and the ratio
 * of two rates conditional on their sum (the count of the first period is binomial given the total), with a
 * Clopper–Pearson interval and the two-sided exact binomial test as scipy's binomtest computes it.
 */
import { logFactorial } from "./gamma.js";

/** Solves f(x) = 0 for an f that changes sign once on [lo, hi], to the last bit worth having. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  const rising = f(hi) > f(lo);
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0 === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** P(X ≤ k) for X ~ Poisson(mean), summed from the largest term down so that no term underflows alone. */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  const log = (i: number) => i * Math.log(mean) - mean - logFactorial(i);
  const top = Math.min(k, Math.floor(mean));
  const peak = log(top);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(log(i) - peak);
  return Math.min(1, Math.exp(peak + Math.log(sum)));
}

/** The exact (Garwood) interval of a Poisson mean with k observed: each tail holds (1 − level) / 2. */
export function poissonInterval(k: number, level = 0.95): [number, number] {
  checkCount(k, "k");
  const tail = (1 - level) / 2;
  const hi = k + 20 * Math.sqrt(k + 1) + 50;
  const lower = k === 0 ? 0 : bisect((m) => 1 - poissonCdf(k - 1, m) - tail, 0, hi);
  const upper = bisect((m) => poissonCdf(k, m) - tail, 0, hi);
  return [lower, upper];
}

/** x·log(y), 0 when x is 0 (so that p = 0 or 1 gives the binomial's certain outcome, not NaN). */
const xLog = (x: number, logY: number) => (x === 0 ? 0 : x * logY);

const logPmf = (i: number, n: number, p: number) =>
  logFactorial(n) -
  logFactorial(i) -
  logFactorial(n - i) +
  xLog(i, Math.log(p)) +
  xLog(n - i, Math.log1p(-p));

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(logPmf(i, n, p));
  return Math.min(1, sum);
}

/** The Clopper–Pearson interval of a binomial proportion with k of n. */
export function clopperPearson(k: number, n: number, level = 0.95): [number, number] {
  const tail = (1 - level) / 2;
  const lower = k === 0 ? 0 : bisect((p) => 1 - binomialCdf(k - 1, n, p) - tail, 0, 1);
  const upper = k === n ? 1 : bisect((p) => binomialCdf(k, n, p) - tail, 0, 1);
  return [lower, upper];
}

/**
 * The two-sided exact binomial test of k of n against p: the probability of every outcome no likelier than k (with
 * scipy's relative tolerance of 1e-7 for ties).
 */
export function binomialTest(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const observed = logPmf(k, n, p);
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const l = logPmf(i, n, p);
    if (l <= observed + Math.log1p(1e-7)) sum += Math.exp(l);
  }
  return Math.min(1, sum);
}

export interface RateRatio {
  /** (k1 / exposure1) / (k2 / exposure2); Infinity when k2 is 0 and k1 is not, NaN when both are 0. */
  rateRatio: number;
  /** Exact conditional interval: Clopper–Pearson on k1 of k1 + k2, as odds, times exposure2 / exposure1. */
  interval: [number, number];
  /** Two-sided exact test of equal rates: k1 of k1 + k2 against exposure1 / (exposure1 + exposure2). */
  pValue: number;
}

/** Compares the rate of one period (k1 over exposure1) with another's (k2 over exposure2). */
export function rateRatio(
  k1: number,
  exposure1: number,
  k2: number,
  exposure2: number,
  level = 0.95,
): RateRatio {
  checkCount(k1, "k1");
  checkCount(k2, "k2");
  if (!(exposure1 > 0 && exposure2 > 0)) throw new RangeError("exposures must be positive");
  const n = k1 + k2;
  const scale = exposure2 / exposure1;
  const odds = (p: number) => (p === 1 ? Infinity : (p / (1 - p)) * scale);
  if (n === 0) return { rateRatio: NaN, interval: [0, Infinity], pValue: 1 };
  const [lo, hi] = clopperPearson(k1, n, level);
  return {
    rateRatio: k2 === 0 ? Infinity : k1 / exposure1 / (k2 / exposure2),
    interval: [odds(lo), odds(hi)],
    pValue: binomialTest(k1, n, exposure1 / (exposure1 + exposure2)),
  };
}

function checkCount(k: number, name: string): void {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`${name} must be a whole number ≥ 0, not ${k}`);
}

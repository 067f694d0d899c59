/**
 * Dyadic reciprocity: does one side's conduct toward the other follow the other's recent conduct toward it? Each
 * direction is a series of Goldstein-weighted sums per bin; each is regressed by OLS on a constant, the other
 * direction's last L bins (the reaction) and its own last L bins (its inertia).
 */
import { laggedDesign } from "./lags.js";
import { ols, RegressionError, type OlsResult } from "./ols.js";

export interface DyadicReciprocity {
  lags: number;
  /** b→a_t on const, ab.L1..L, ba.L1..L: how b answers a. Coefficients named "const", "ab.L1", …, "ba.L1", … */
  bToA: OlsResult;
  /** a→b_t on const, ba.L1..L, ab.L1..L: how a answers b. */
  aToB: OlsResult;
}

/**
 * ab and ba are the a→b and b→a series on the same bins, oldest first. Both equations use bins L..n−1 (the first L
 * only supply lags).
 */
export function dyadicReciprocity(
  ab: readonly number[],
  ba: readonly number[],
  opts: { lags?: number } = {},
): DyadicReciprocity {
  const lags = opts.lags ?? 1;
  if (ab.length !== ba.length)
    throw new RegressionError(`a→b has ${ab.length} bins but b→a has ${ba.length}`, "invalid-input");
  if (!Number.isInteger(lags) || lags < 1)
    throw new RegressionError(`lags must be a whole number ≥ 1, not ${lags}`, "invalid-input");
  const coefficients = 1 + 2 * lags;
  if (ab.length - lags <= coefficients)
    throw new RegressionError(
      `${ab.length} bins are too few for ${lags} lag(s): need more than ${lags + coefficients}`,
      "too-short",
    );
  const abLags = { name: "ab", values: ab, lags };
  const baLags = { name: "ba", values: ba, lags };
  const b = laggedDesign(ba, [abLags, baLags], lags);
  const a = laggedDesign(ab, [baLags, abLags], lags);
  return { lags, bToA: ols(b.y, b.X, b.names), aToB: ols(a.y, a.X, a.names) };
}

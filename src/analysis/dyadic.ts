/**
 * Dyadic reciprocity: does one side's conduct toward the other follow the other's recent conduct toward it? Each
 * direction is a series of Goldstein-weighted sums per bin; each is regressed by OLS on a constant, the other
 * direction's last L bins (the reaction) and its own last L bins (its inertia).
 */
import { isConstant, laggedDesign, type LaggedDesign } from "./lags.js";
import { ols, RegressionError, type OlsResult } from "./ols.js";

export interface DyadicReciprocity {
  lags: number;
  /**
   * b→a_t on const, ab.L1..L, ba.L1..L: how b answers a. Coefficients named "const", "ab.L1", …, "ba.L1", … Null
   * when b→a is the same in every bin used (no event of b toward a): there is nothing to explain (see `notEstimated`).
   */
  bToA: OlsResult | null;
  /** a→b_t on const, ba.L1..L, ab.L1..L: how a answers b; null as bToA. */
  aToB: OlsResult | null;
  /** Why an equation is null. */
  notEstimated: { equation: "bToA" | "aToB"; reason: string }[];
  /**
   * Lag columns left out of an equation because they are all zeros over the bins it uses (a side with no event in
   * them): such a column has no coefficient to estimate. Said beside the result, never silently.
   */
  dropped: { equation: "bToA" | "aToB"; column: string }[];
}

/**
 * ab and ba are the a→b and b→a series on the same bins, oldest first. Both equations use bins L..n−1 (the first L
 * only supply lags).
 */
export function dyadicReciprocity(
  ab: readonly number[],
  ba: readonly number[],
  opts: {
    lags?: number;
    /** How the reasons name the two sides (default "a", "b"). */ parties?: [string, string];
  } = {},
): DyadicReciprocity {
  const lags = opts.lags ?? 1;
  const [A, B] = opts.parties ?? ["a", "b"];
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
  const b = withoutZeroColumns(laggedDesign(ba, [abLags, baLags], lags));
  const a = withoutZeroColumns(laggedDesign(ab, [baLags, abLags], lags));
  const notEstimated = [
    ...(isConstant(b.design.y)
      ? [{ equation: "bToA" as const, reason: nothingToExplain(`${B} → ${A}`, b.design.y) }]
      : []),
    ...(isConstant(a.design.y)
      ? [{ equation: "aToB" as const, reason: nothingToExplain(`${A} → ${B}`, a.design.y) }]
      : []),
  ];
  if (notEstimated.length === 2)
    throw new RegressionError(
      `neither direction varies over the bins used (${notEstimated.map((n) => n.reason).join("; ")}): there is nothing to regress`,
      "perfect-fit",
    );
  const estimate = (d: LaggedDesign) => (isConstant(d.y) ? null : ols(d.y, d.X, d.names));
  return {
    lags,
    bToA: estimate(b.design),
    aToB: estimate(a.design),
    notEstimated,
    // Only for equations estimated: a column left out of one that was not is no news.
    dropped: [
      ...(isConstant(b.design.y) ? [] : b.dropped.map((column) => ({ equation: "bToA" as const, column }))),
      ...(isConstant(a.design.y) ? [] : a.dropped.map((column) => ({ equation: "aToB" as const, column }))),
    ],
  };
}

const nothingToExplain = (direction: string, y: readonly number[]) =>
  `${direction} is ${y[0]} in every bin used (no event, or no change), so how it answers cannot be estimated`;

/** The design without its all-zero lag columns (the constant always stays), and the names of those left out. */
function withoutZeroColumns(design: LaggedDesign): { design: LaggedDesign; dropped: string[] } {
  const keep = design.names.map((name, j) => j === 0 || design.X.some((row) => row[j] !== 0));
  const dropped = design.names.filter((_, j) => !keep[j]);
  if (!dropped.length) return { design, dropped };
  return {
    design: {
      y: design.y,
      X: design.X.map((row) => row.filter((_, j) => keep[j])),
      names: design.names.filter((_, j) => keep[j]),
    },
    dropped,
  };
}

import { householderQr, solveUpperTriangular, type QrFactors } from "./matrix.js";
import { checkDesignShape, defaultNames, RegressionError } from "./ols.js";

/**
 * What a count regression needs of its data before it iterates, each refusal naming the observation or column at
 * fault: counts (whole numbers ≥ 0), a rectangular finite design with more rows than columns, columns that are
 * linearly independent (saying which columns one is a combination of: with fixed effects, the usual mistake), and
 * coefficients that have a finite maximum-likelihood estimate in the plain cases where they do not: no event at all,
 * or none wherever a column of one sign is non-zero (the rate there is 0, the coefficient −∞).
 */

/** A column whose R diagonal is this small against its own length is taken as a combination of the ones before it. */
const COLLINEAR = 1e-10;
/** How many terms of a combination a message lists before it says how many more there are. */
const LISTED_TERMS = 6;

export interface CountData {
  y: readonly number[];
  X: readonly (readonly number[])[];
  names: string[];
}

/** Checks y, X and the names and returns them with names filled in (x1, x2, …, "const" for a column of ones). */
export function checkCountData(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names?: readonly string[],
): CountData {
  const { n, k } = checkDesignShape(y, X, names, (i, row) => {
    const bad = row.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new RegressionError(`X[${i}][${bad}] is ${row[bad]}, not a finite number`, "invalid-input");
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0)
      throw new RegressionError(
        `y must be counts (whole numbers ≥ 0); observation ${i} is ${v}`,
        "invalid-input",
      );
  });
  if (n <= k)
    throw new RegressionError(
      `${n} observations cannot estimate ${k} coefficients with any residual degrees of freedom left; ` +
        `need at least ${k + 1}`,
      "too-short",
    );
  if (y.every((v) => v === 0))
    throw new RegressionError(`y is 0 in all ${n} observations: there is no rate to estimate`, "no-events");
  const named = names ? [...names] : defaultNames(X, k);
  checkIndependentColumns(X, named);
  checkFiniteEstimates(y, X, named);
  return { y, X, names: named };
}

/** Throws for the first column that is all zeros or a linear combination of the columns before it. */
function checkIndependentColumns(X: readonly (readonly number[])[], names: readonly string[]): void {
  const qr = householderQr(X, names.length);
  for (let j = 0; j < names.length; j++) {
    if (Math.abs(qr.rDiagonal[j]!) > COLLINEAR * qr.columnNorms[j]!) continue;
    if (qr.columnNorms[j] === 0)
      throw new RegressionError(
        `column "${names[j]}" is all zeros, so its coefficient cannot be estimated ` +
          "(a window or a level that no observation falls in?)",
        "singular",
      );
    throw new RegressionError(
      `column "${names[j]}" is a combination of the columns before it: "${names[j]}" = ` +
        `${combination(qr, j, names)}, so their coefficients cannot be told apart ` +
        "(fixed effects need one level of each left out as the reference, and no column may be constant " +
        "within every level)",
      "singular",
    );
  }
}

/** Column j as a combination of columns 0..j−1 (independent, or j would not be the first dependent one). */
function combination(qr: QrFactors, j: number, names: readonly string[]): string {
  const above = Array.from({ length: j }, (_, i) => qr.packed[j * qr.rows + i]!);
  const c = solveUpperTriangular(qr, above, j);
  const largest = Math.max(...Array.from(c, Math.abs));
  const terms: string[] = [];
  c.forEach((v, i) => {
    if (Math.abs(v) > 1e-8 * largest)
      terms.push(`${v < 0 ? "−" : "+"} ${Number(Math.abs(v).toPrecision(4))}·"${names[i]}"`);
  });
  const listed = terms.slice(0, LISTED_TERMS).join(" ").replace(/^\+ /, "");
  return terms.length > LISTED_TERMS ? `${listed} … (${terms.length - LISTED_TERMS} more)` : listed;
}

/** Throws where y is 0 on every observation at which a column of one sign is non-zero: its estimate is infinite. */
function checkFiniteEstimates(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
): void {
  for (let j = 0; j < names.length; j++) {
    let positive = false;
    let negative = false;
    let nonZero = 0;
    let events = 0;
    for (let i = 0; i < y.length; i++) {
      const x = X[i]![j]!;
      if (x === 0) continue;
      if (x > 0) positive = true;
      else negative = true;
      nonZero++;
      events += y[i]!;
    }
    if (events === 0 && !(positive && negative))
      throw new RegressionError(
        `y is 0 on all ${nonZero} observations where column "${names[j]}" is non-zero, so its coefficient has no ` +
          `finite estimate (the rate there is 0): leave "${names[j]}" out, or those observations`,
        "separation",
      );
  }
}

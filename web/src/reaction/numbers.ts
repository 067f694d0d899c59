/** JSON has no ∞ or NaN: the API sends null for both; an interval's null upper bound is ∞. */
export const num = (v: number | null | undefined, digits = 2, nullText = "—"): string =>
  v === null || v === undefined || Number.isNaN(v) ? nullText : Number.isFinite(v) ? v.toFixed(digits) : "∞";

export const pValue = (p: number | null): string =>
  p === null ? "—" : p < 0.001 ? p.toExponential(1) : p.toFixed(3);

/**
 * Quantiles of permutation nulls by selection rather than sorting: an event study needs two quantiles at each of
 * 61 lags over 10,000 permutations, where sorting every lag's values would dominate the run time.
 */

/** Rearranges `a` so that a[k] is its k-th smallest value (0-based), with no larger value before it. */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // The median of three as the pivot keeps sorted and reversed input linear.
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The p-quantile by linear interpolation between order statistics (type 7 of Hyndman and Fan, numpy's and R's
 * default). Reorders `values`; finite values only.
 */
export function quantile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  select(values, k);
  const below = values[k]!;
  if (k === h || k + 1 >= n) return below;
  // After the selection, the next order statistic is the smallest value above position k.
  let above = Infinity;
  for (let i = k + 1; i < n; i++) if (values[i]! < above) above = values[i]!;
  return below + (h - k) * (above - below);
}

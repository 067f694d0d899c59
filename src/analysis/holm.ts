/**
 * Holm's step-down correction: p-values adjusted so that rejecting every adjusted p below α keeps the chance of any
 * false rejection in the family at most α, whatever the tests' dependence. Reported beside the raw p wherever a
 * command shows several tests together, so that a reader does not pick the smallest of many.
 */
export function holm(pValues: readonly number[]): number[] {
  for (const [i, p] of pValues.entries())
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must be in [0, 1], not ${p}`);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    // Each adjusted p is at least the one before it in order: the step-down never rejects out of order.
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * The Wilson score interval for k successes in n trials (z = 1.96 for 95%): sensible at 0 and n, unlike p ± 1.96 se.
 * Monte Carlo probabilities (Moran fixations, roadmap games) are reported with it.
 */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

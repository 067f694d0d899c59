/**
 * The log-gamma function and its first two derivatives (digamma, trigamma) for positive arguments, as the negative
 * binomial likelihood needs them, to about 1e-15: Lanczos' approximation for ln Γ, and for ψ and ψ′ the recurrences
 * ψ(x) = ψ(x + 1) − 1/x, ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 12, then their asymptotic series.
 *
 * The likelihood uses them in differences at a count y and 1/α: lnΓ(y + r) − lnΓ(r) and the like. For a whole y
 * those are finite sums (Γ(x + 1) = xΓ(x)), exact where the difference of two large values would lose digits
 * (r = 1/α is large when α is small), so `…Step` functions sum them for counts up to SUM_LIMIT.
 */

/** Lanczos' coefficients for g = 7, n = 9. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function checkPositive(x: number, name: string): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${name} is defined here for x > 0, not ${x}`);
}

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  checkPositive(x, "logGamma");
  // Lanczos is accurate from x = 0.5 up; below, Γ(x) = Γ(x + 1)/x.
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Where the recurrences hand over to the asymptotic series: its first omitted term is below 1e-16 there. */
const ASYMPTOTIC_FROM = 12;

/** ψ(x) = d/dx ln Γ(x) for x > 0. */
export function digamma(x: number): number {
  checkPositive(x, "digamma");
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), Bernoulli numbers B₂..B₁₂.
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** ψ′(x), the trigamma function, for x > 0. */
export function trigamma(x: number): number {
  checkPositive(x, "trigamma");
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹, Bernoulli numbers B₂..B₁₂.
  const series =
    inv *
    inv2 *
    (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730))))));
  return shift + inv + 0.5 * inv2 + series;
}

/** Counts up to this are summed term by term in the `…Step` functions; beyond, the functions are subtracted. */
const SUM_LIMIT = 64;

/** ln Γ(r + y) − ln Γ(r) for a whole y ≥ 0 and r > 0: Σ ln(r + j), j < y. */
export function logGammaStep(r: number, y: number): number {
  if (y > SUM_LIMIT) return logGamma(r + y) - logGamma(r);
  let s = 0;
  for (let j = 0; j < y; j++) s += Math.log(r + j);
  return s;
}

/** ψ(r + y) − ψ(r) for a whole y ≥ 0 and r > 0: Σ 1/(r + j), j < y. */
export function digammaStep(r: number, y: number): number {
  if (y > SUM_LIMIT) return digamma(r + y) - digamma(r);
  let s = 0;
  for (let j = 0; j < y; j++) s += 1 / (r + j);
  return s;
}

/** ψ′(r + y) − ψ′(r) for a whole y ≥ 0 and r > 0: −Σ 1/(r + j)², j < y. */
export function trigammaStep(r: number, y: number): number {
  if (y > SUM_LIMIT) return trigamma(r + y) - trigamma(r);
  let s = 0;
  for (let j = 0; j < y; j++) s -= 1 / ((r + j) * (r + j));
  return s;
}

/** ln y! for a whole y ≥ 0. */
export function logFactorial(y: number): number {
  return y < 2 ? 0 : logGamma(y + 1);
}

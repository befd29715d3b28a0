/**
 * The standard normal distribution: CDF and survival function through the complementary error function,
 * computed to full double precision in relative terms (so tiny p-values keep their digits):
 * a Maclaurin series for erf below 2.5, and a continued fraction (modified Lentz) for erfc above, as in
 * Numerical Recipes §6.2 / Abramowitz & Stegun 7.1.5 and 7.1.14. Checked against scipy.special.ndtr.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SQRT1_2 = Math.SQRT1_2;
/** Below this x the series is used; above, the continued fraction (which converges fast there). */
const SERIES_LIMIT = 1.5;

/** erf(x) for |x| < SERIES_LIMIT: e^{-x²} · 2/√π · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)) — all terms positive, no cancellation. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x ≥ SERIES_LIMIT: e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), modified Lentz. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  // f = b0 + a1/(b1 + a2/(b2 + …)) with b_k = x, a_k = k/2
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // below the smallest double
  return erfcContinuedFraction(x);
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < SERIES_LIMIT) return erfSeries(x);
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

/** P[Z > z] for a standard normal Z (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  return z >= 0 ? 0.5 * erfc(z * SQRT1_2) : 1 - 0.5 * erfc(-z * SQRT1_2);
}

/** P[Z ≤ z] for a standard normal Z (scipy.special.ndtr). */
export function normalCdf(z: number): number {
  return normalSf(-z);
}

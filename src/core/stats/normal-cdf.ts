import { regularizedGammaP, regularizedGammaQ } from './regularized-gamma.ts';

/**
 * Complementary error function erfc(x) = 1 − erf(x), via erfc(x) = Q(1/2, x²) for
 * x >= 0 (Abramowitz & Stegun 7.1.2 with 6.5.17), so the upper tail keeps its relative
 * precision instead of being computed as 1 − something close to 1.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  return regularizedGammaQ(0.5, x * x);
}

/** Error function erf(x) = P(1/2, x²) for x >= 0, odd in x. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x === 0) return 0;
  return regularizedGammaP(0.5, x * x);
}

/**
 * Standard normal cumulative distribution function Φ(z) = P(Z <= z), as
 * `scipy.stats.norm.cdf` (cephes `ndtr`): ½·erfc(−z/√2).
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal survival function 1 − Φ(z) = P(Z > z), as `scipy.stats.norm.sf`,
 * computed directly from erfc so that tiny upper tails do not round to 0.
 */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

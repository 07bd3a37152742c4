import { logGamma } from './log-gamma.ts';

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** ln(x^a e^-x / Γ(a)), the common prefactor of both series. */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

/** Power series for P(a, x), converges quickly for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let total = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1;
    term *= x / ap;
    total += term;
    if (Math.abs(term) < Math.abs(total) * EPSILON) break;
  }
  return total * Math.exp(logPrefactor(a, x));
}

/** Continued fraction for Q(a, x) by the modified Lentz method, for x >= a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}

/**
 * Regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
 *
 * Series below x = a + 1, continued fraction above (Numerical Recipes 3rd ed. §6.2,
 * `gammp`); the same split cephes' `igam` uses. Each branch computes its own side
 * directly so the small tail keeps its relative precision.
 *
 * @throws Error when a <= 0 or x < 0.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new Error(`regularizedGammaP needs a > 0 (got ${a})`);
  if (!(x >= 0)) throw new Error(`regularizedGammaP needs x >= 0 (got ${x})`);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return lowerSeries(a, x);
  return 1 - upperContinuedFraction(a, x);
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x) = Γ(a, x) / Γ(a),
 * as scipy's `gammaincc` (cephes `igamc`).
 *
 * @throws Error when a <= 0 or x < 0.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new Error(`regularizedGammaQ needs a > 0 (got ${a})`);
  if (!(x >= 0)) throw new Error(`regularizedGammaQ needs x >= 0 (got ${x})`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

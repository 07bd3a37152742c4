import { logGamma } from './log-gamma.ts';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** Continued fraction of I_x(a, b) by the modified Lentz method (converges for x < (a + 1) / (a + b + 2)). */
function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), as scipy's
 * `special.betainc` (cephes `incbet`).
 *
 * The continued fraction of Numerical Recipes 3rd ed. §6.4 (`betai`), evaluated on the side of
 * the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast, with the prefactor
 * x^a (1−x)^b / (a B(a, b)) taken in logarithms so large a and b do not overflow.
 *
 * @throws Error when a <= 0, b <= 0 or x is outside [0, 1].
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`regularizedBeta needs a > 0 and b > 0 (got a = ${a}, b = ${b})`);
  if (!(x >= 0 && x <= 1)) throw new Error(`regularizedBeta needs 0 <= x <= 1 (got ${x})`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(b, a, 1 - x)) / b;
}

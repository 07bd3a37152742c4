/**
 * x · 2^exponent without intermediate overflow or underflow, like C's `ldexp`.
 *
 * Scaled KS recursions carry a separate binary exponent that can exceed ±1023 even
 * when the final probability is representable, so the power of two is applied in
 * steps.
 */
export function ldexp(x: number, exponent: number): number {
  let result = x;
  let e = Math.trunc(exponent);
  while (e > 1000) {
    result *= 2 ** 1000;
    e -= 1000;
    if (!Number.isFinite(result)) return result;
  }
  while (e < -1000) {
    result *= 2 ** -1000;
    e += 1000;
    if (result === 0) return result;
  }
  return result * 2 ** e;
}

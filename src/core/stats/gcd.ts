/**
 * Greatest common divisor of two non-negative integers (Euclid's algorithm).
 *
 * @throws Error when an argument is not a non-negative integer.
 */
export function gcd(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) {
    throw new Error(`gcd needs non-negative integers (got ${a} and ${b})`);
  }
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

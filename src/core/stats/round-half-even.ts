/**
 * Round to the nearest integer, ties to even ("banker's rounding"), as `np.round`.
 *
 * `Math.round` sends ties up; scipy's KS code rounds the effective sample size with
 * `np.round`, so 5000.5 must become 5000, not 5001.
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

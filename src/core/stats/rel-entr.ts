/**
 * Elementwise relative entropy term x·ln(x/y) with the conventions of
 * `scipy.special.rel_entr`: 0 when x = 0 and y >= 0, +∞ when x > 0 and y = 0, and NaN
 * for negative arguments.
 */
export function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  if (x > 0 && y === 0) return Infinity;
  return NaN;
}

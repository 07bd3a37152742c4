/**
 * Quantile of an already sorted sample with linear interpolation between the two
 * nearest ranks — numpy's default `np.quantile(x, p)` (method 'linear', Hyndman &
 * Fan type 7).
 *
 * The interpolation step copies numpy's `_lerp`, which interpolates from the upper
 * neighbour when the fraction is >= 0.5, so results agree with numpy bit for bit.
 *
 * Reference: simple-statistics `quantileSorted`; Hyndman, R. J. & Fan, Y. (1996),
 * "Sample quantiles in statistical packages", The American Statistician 50(4).
 *
 * @throws Error when `sorted` is empty or `p` is outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('quantileSorted requires at least one data point');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantileSorted needs a probability between 0 and 1 (got ${p})`);
  const virtualIndex = (sorted.length - 1) * p;
  const lower = Math.floor(virtualIndex);
  if (lower >= sorted.length - 1) return sorted[sorted.length - 1];
  const t = virtualIndex - lower;
  const a = sorted[lower];
  const b = sorted[lower + 1];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

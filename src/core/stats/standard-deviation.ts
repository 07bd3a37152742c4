import { variance } from './variance.ts';

/**
 * Population standard deviation (ddof = 0): the square root of {@link variance}.
 *
 * Reference: simple-statistics `standardDeviation`; numpy `np.std(x)`.
 *
 * @throws Error when `values` is empty.
 */
export function standardDeviation(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error('standardDeviation requires at least one data point');
  return Math.sqrt(variance(values));
}

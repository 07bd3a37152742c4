import { sum } from './sum.ts';

/**
 * Arithmetic mean: the sum of the values divided by how many there are.
 *
 * Reference: simple-statistics `mean`; numpy `np.mean`.
 *
 * @throws Error when `values` is empty — a mean of nothing is undefined.
 */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error('mean requires at least one data point');
  return sum(values) / values.length;
}

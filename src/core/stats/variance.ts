import { mean } from './mean.ts';

/**
 * Population variance (ddof = 0): the mean squared deviation from the mean,
 * computed in two passes (mean first, then squared deviations) like `np.var(x)`.
 *
 * Reference: simple-statistics `variance`; numpy `np.var` with its default ddof=0.
 * Evidently's normalised Wasserstein uses `np.std(reference)`, i.e. this variance.
 *
 * @throws Error when `values` is empty.
 */
export function variance(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error('variance requires at least one data point');
  const m = mean(values);
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    const sq = d * d;
    const t = total + sq;
    compensation += total >= sq ? total - t + sq : sq - t + total;
    total = t;
  }
  return (total + compensation) / values.length;
}

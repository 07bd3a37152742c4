import { weightedMean } from './weighted-mean.ts';

/**
 * Weighted population variance (ddof = 0): sum(w·(x − m)²) / sum(w) with m the
 * {@link weightedMean}; equals `np.average((x - m)**2, weights=w)`.
 *
 * With integer weights this is exactly the population variance of the sample that
 * repeats each value weight times, which is why histograms can use it in place of
 * `np.std(sample)`.
 *
 * @throws Error under the same conditions as {@link weightedMean}.
 */
export function weightedVariance(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const m = weightedMean(values, weights);
  let sw = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    sw += weights[i];
    s += weights[i] * d * d;
  }
  return s / sw;
}

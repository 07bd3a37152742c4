/**
 * Weighted arithmetic mean, sum(w·x) / sum(w), as `np.average(x, weights=w)`.
 *
 * Used for pre-binned histograms, where each bin midpoint carries its count as weight.
 *
 * @throws Error when the lengths differ, a weight is negative or not finite, or all
 *   weights are zero.
 */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  if (values.length !== weights.length) {
    throw new Error(`weightedMean needs one weight per value (got ${values.length} values and ${weights.length} weights)`);
  }
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weightedMean weights must be finite and non-negative (weight ${i} is ${w})`);
    sw += w;
    swx += w * values[i];
  }
  if (sw === 0) throw new Error('weightedMean requires a positive total weight');
  return swx / sw;
}

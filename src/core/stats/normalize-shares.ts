import { sum } from './sum.ts';

/**
 * Divide non-negative weights by their total so they sum to 1, as scipy does with
 * `p / np.sum(p)` before computing entropies.
 *
 * @throws Error when a weight is negative or not finite, or all weights are zero.
 */
export function normalizeShares(weights: ArrayLike<number>, label: string): number[] {
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) {
      throw new Error(`${label}: weight ${i} is ${weights[i]}; weights must be finite and non-negative`);
    }
  }
  const total = sum(weights);
  if (!(total > 0)) throw new Error(`${label}: weights sum to zero`);
  return Array.from(weights, (w) => w / total);
}

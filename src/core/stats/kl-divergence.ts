import { normalizeShares } from './normalize-shares.ts';
import { relEntr } from './rel-entr.ts';

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ pᵢ ln(pᵢ / qᵢ) in nats, equal to
 * `scipy.stats.entropy(p, q)`: both inputs are divided by their totals first, so
 * Evidently's zero-filled shares (which no longer sum exactly to 1) are renormalised
 * the same way. +∞ when q has an empty bin where p does not.
 *
 * Reference: Kullback, S. & Leibler, R. A. (1951), Ann. Math. Statist. 22(1).
 *
 * @throws Error when lengths differ, a weight is negative, or a side sums to zero.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`klDivergence needs equally long inputs (got ${p.length} and ${q.length})`);
  if (p.length === 0) throw new Error('klDivergence requires at least one bin');
  const ps = normalizeShares(p, 'klDivergence p');
  const qs = normalizeShares(q, 'klDivergence q');
  let total = 0;
  for (let i = 0; i < ps.length; i++) total += relEntr(ps[i], qs[i]);
  return total;
}

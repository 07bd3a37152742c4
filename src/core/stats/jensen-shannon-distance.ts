import { normalizeShares } from './normalize-shares.ts';
import { relEntr } from './rel-entr.ts';

/**
 * Jensen–Shannon distance between two discrete distributions,
 *   JS(p, q) = sqrt( (KL(p‖m) + KL(q‖m)) / 2 ),  m = (p + q) / 2,
 * with natural logarithms unless `base` is given. Equal to
 * `scipy.spatial.distance.jensenshannon(p, q, base)`: both inputs are first divided
 * by their totals, and empty bins follow `rel_entr`'s 0·ln 0 = 0 convention.
 * Ranges from 0 to sqrt(ln 2) ≈ 0.833 in nats.
 *
 * Reference: Endres, D. M. & Schindelin, J. E. (2003), "A new metric for probability
 * distributions", IEEE Trans. Inf. Theory 49(7).
 *
 * @throws Error when lengths differ, a weight is negative, or a side sums to zero.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  if (p.length !== q.length) throw new Error(`jensenShannonDistance needs equally long inputs (got ${p.length} and ${q.length})`);
  if (p.length === 0) throw new Error('jensenShannonDistance requires at least one bin');
  const ps = normalizeShares(p, 'jensenShannonDistance p');
  const qs = normalizeShares(q, 'jensenShannonDistance q');
  let left = 0;
  let right = 0;
  for (let i = 0; i < ps.length; i++) {
    const m = (ps[i] + qs[i]) / 2;
    left += relEntr(ps[i], m);
    right += relEntr(qs[i], m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(js / 2);
}

import { klDivergence } from '../stats/kl-divergence.ts';
import { evidentlyBins, fillEmptyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';

/**
 * Kullback–Leibler divergence KL(reference ‖ current) in nats (Evidently `kl_div.py`:
 * name "kl_div", categorical and numerical columns, default threshold 0.1, drift when
 * `value >= threshold`), as `scipy.stats.entropy(ref_shares, cur_shares)` over
 * Evidently's bins after the empty-bin fill; `entropy` renormalises the filled shares.
 * Never chosen by default.
 */
export const klTest: DriftTestDefinition = {
  method: 'kl',
  displayName: 'KL divergence',
  allowedTypes: ['categorical', 'numeric'],
  defaultThreshold: 0.1,
  kind: 'distance',
  compute(pair): Computation {
    const b = evidentlyBins(pair);
    const value = klDivergence(fillEmptyBins(b.reference), fillEmptyBins(b.current));
    return { ok: true, statistic: value, pValue: null, bins: { labels: b.labels, reference: b.reference, current: b.current }, notes: [`over ${b.how}`] };
  },
};

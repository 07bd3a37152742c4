import { jensenShannonDistance } from '../stats/jensen-shannon-distance.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';

/**
 * Jensen–Shannon distance with natural logarithms (Evidently `jensenshannon.py`: name
 * "jensenshannon", categorical and numerical columns, default threshold 0.1, drift when
 * `value >= threshold`), as `scipy.spatial.distance.jensenshannon(ref, cur)` over
 * Evidently's bins *without* the empty-bin fill (`feel_zeroes=False`). Evidently picks
 * it by default for categorical columns, and numerical columns with at most 5 distinct
 * values, when the reference has more than 1000 rows.
 */
export const jensenShannonTest: DriftTestDefinition = {
  method: 'jensenshannon',
  displayName: 'Jensen-Shannon distance',
  allowedTypes: ['categorical', 'numeric'],
  defaultThreshold: 0.1,
  kind: 'distance',
  compute(pair): Computation {
    const b = evidentlyBins(pair);
    const value = jensenShannonDistance(b.reference, b.current);
    return { ok: true, statistic: value, pValue: null, bins: { labels: b.labels, reference: b.reference, current: b.current }, notes: [`over ${b.how}`] };
  },
};

import { standardDeviation } from '../stats/standard-deviation.ts';
import { wassersteinDistance } from '../stats/wasserstein-distance.ts';
import { weightedVariance } from '../stats/weighted-variance.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';
import { formatNumber } from './format.ts';
import { midpoints } from './histograms.ts';

/** Evidently's lower bound on the normaliser, so a constant reference does not divide by zero. */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/**
 * Normalised Wasserstein distance (Evidently `wasserstein_distance_norm.py`: name
 * "wasserstein", numerical columns only, default threshold 0.1, drift when
 * `value >= threshold`):
 *   W₁(reference, current) / max(std(reference), 0.001),
 * std being the population standard deviation (`np.std`, ddof 0). Evidently picks it by
 * default for numerical columns with more than 1000 reference rows and more than 5
 * distinct values.
 *
 * On pre-binned histograms (spog's extension): each histogram is its bin midpoints
 * weighted by the counts — W₁ equals `scipy.stats.wasserstein_distance(mid_ref,
 * mid_cur, counts_ref, counts_cur)` — and the normaliser is the weighted std of the
 * reference midpoints.
 */
export const wassersteinTest: DriftTestDefinition = {
  method: 'wasserstein',
  displayName: 'Wasserstein distance (normed)',
  allowedTypes: ['numeric'],
  defaultThreshold: 0.1,
  kind: 'distance',
  compute(pair): Computation {
    let distance: number;
    let std: number;
    const notes: string[] = [];
    if (pair.kind === 'samples') {
      distance = wassersteinDistance(pair.reference.values, pair.current.values);
      std = standardDeviation(pair.reference.values);
    } else if (pair.kind === 'histograms') {
      const rm = midpoints(pair.reference.edges);
      const cm = midpoints(pair.current.edges);
      distance = wassersteinDistance(rm, cm, pair.reference.counts, pair.current.counts);
      std = Math.sqrt(weightedVariance(rm, pair.reference.counts));
      notes.push('histograms compared through their bin midpoints weighted by counts');
    } else {
      return { ok: false, status: 'not_applicable', reason: 'the Wasserstein distance needs numeric values' };
    }
    const norm = Math.max(std, WASSERSTEIN_STD_FLOOR);
    if (std < WASSERSTEIN_STD_FLOOR) notes.push(`reference std ${formatNumber(std)} is below ${WASSERSTEIN_STD_FLOOR}, so the distance is divided by ${WASSERSTEIN_STD_FLOOR}`);
    const b = evidentlyBins(pair);
    return { ok: true, statistic: distance / norm, pValue: null, bins: { labels: b.labels, reference: b.reference, current: b.current }, notes };
  },
};

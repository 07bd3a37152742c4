import { psi } from '../stats/psi.ts';
import { evidentlyBins, fillEmptyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';

/**
 * Population Stability Index (Evidently `psi.py`: name "psi", categorical and numerical
 * columns, default threshold 0.1, drift when `psi >= threshold`):
 *   PSI = Σ (rᵢ − cᵢ)·ln(rᵢ / cᵢ)
 * over Evidently's bins ({@link evidentlyBins}: Sturges edges over both periods when
 * the reference has more than 20 distinct values, one bin per value otherwise) after
 * the empty-bin fill ({@link fillEmptyBins}). Never chosen by default.
 */
export const psiTest: DriftTestDefinition = {
  method: 'psi',
  displayName: 'PSI',
  allowedTypes: ['categorical', 'numeric'],
  defaultThreshold: 0.1,
  kind: 'distance',
  compute(pair): Computation {
    const b = evidentlyBins(pair);
    const value = psi(fillEmptyBins(b.reference), fillEmptyBins(b.current));
    return { ok: true, statistic: value, pValue: null, bins: { labels: b.labels, reference: b.reference, current: b.current }, notes: [`over ${b.how}`] };
  },
};

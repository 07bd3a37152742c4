import { twoProportionZTest } from '../stats/two-proportion-z-test.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';
import { sortLabels } from './prepare.ts';

/**
 * Two-proportion z-test (Evidently `z_stattest.py`: name "z", categorical columns,
 * default threshold 0.05, drift when `p_value < threshold`). The first category in
 * sorted order is coded 0 and every other category 1; the test compares the share of
 * 1s with a pooled-variance z statistic and a two-sided p-value. When both periods are
 * the same single category Evidently returns p = 1 without a statistic; so does this.
 * Evidently picks it by default for columns with at most 1000 reference rows and at
 * most 2 distinct values.
 */
export const zTest: DriftTestDefinition = {
  method: 'ztest',
  displayName: 'Z-test',
  allowedTypes: ['categorical'],
  defaultThreshold: 0.05,
  kind: 'p_value',
  pValueComparison: '<',
  compute(pair): Computation {
    if (pair.kind !== 'categories') return { ok: false, status: 'not_applicable', reason: 'the z-test needs categories' };
    const { reference, current } = pair;
    const b = evidentlyBins(pair);
    const bins = { labels: b.labels, reference: b.reference, current: b.current };
    if (reference.counts.size === 1 && current.counts.size === 1) {
      const [only] = reference.counts.keys();
      if (current.counts.has(only)) {
        return { ok: true, statistic: null, pValue: 1, bins, notes: [`both periods are entirely '${only}'`] };
      }
    }
    const labels = sortLabels(new Set([...reference.counts.keys(), ...current.counts.keys()]), reference.numericLabels && current.numericLabels);
    const base = labels[0];
    const r = twoProportionZTest(reference.size - (reference.counts.get(base) ?? 0), reference.size, current.size - (current.counts.get(base) ?? 0), current.size);
    const notes = [`share of values other than '${base}' compared`];
    if (labels.length > 2) notes.push(`${labels.length} categories collapsed to '${base}' versus the rest`);
    return { ok: true, statistic: r.statistic, pValue: r.pValue, bins, notes };
  },
};

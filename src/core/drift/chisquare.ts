import { chiSquareTest as pearsonChiSquare } from '../stats/chi-square-test.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';
import { sortLabels } from './prepare.ts';

/**
 * Chi-square test of the current category counts against the reference proportions
 * (Evidently `chisquare_stattest.py`: name "chisquare", categorical columns, default
 * threshold 0.05, drift when `p_value < threshold`): over every category seen in either
 * period, f_exp = reference count × (n_current / n_reference), f_obs = current count,
 * p = `scipy.stats.chisquare(f_obs, f_exp)[1]` with k − 1 degrees of freedom.
 * Evidently picks it by default for columns with at most 1000 reference rows and more
 * than 2 (numerical: 3 to 5) distinct values.
 *
 * A category missing from the reference but present in current has f_exp = 0, which
 * makes the statistic +∞ and the p-value 0 — drift, as in Evidently. With a single
 * category there are no degrees of freedom and the test does not apply.
 */
export const chiSquareDriftTest: DriftTestDefinition = {
  method: 'chisquare',
  displayName: 'chi-square',
  allowedTypes: ['categorical'],
  defaultThreshold: 0.05,
  kind: 'p_value',
  pValueComparison: '<',
  compute(pair): Computation {
    if (pair.kind !== 'categories') return { ok: false, status: 'not_applicable', reason: 'the chi-square test needs categories' };
    const { reference, current } = pair;
    const b = evidentlyBins(pair);
    const bins = { labels: b.labels, reference: b.reference, current: b.current };
    const labels = sortLabels(new Set([...reference.counts.keys(), ...current.counts.keys()]), reference.numericLabels && current.numericLabels);
    if (labels.length < 2) {
      return { ok: false, status: 'not_applicable', reason: `the chi-square test needs at least 2 categories; both periods contain only '${labels[0]}'`, bins };
    }
    const scale = current.size / reference.size;
    const fExp = labels.map((l) => (reference.counts.get(l) ?? 0) * scale);
    const fObs = labels.map((l) => current.counts.get(l) ?? 0);
    const r = pearsonChiSquare(fObs, fExp);
    const notes = [`${labels.length} categories, ${r.degreesOfFreedom} degrees of freedom`];
    const unseen = labels.filter((l) => !reference.counts.has(l));
    if (unseen.length > 0) {
      const shown = unseen.slice(0, 5).map((l) => `'${l}'`).join(', ');
      notes.push(`${shown}${unseen.length > 5 ? ` and ${unseen.length - 5} more categories` : ''} never seen in reference`);
    }
    return { ok: true, statistic: r.statistic, pValue: r.pValue, bins, notes };
  },
};

import { chiSquareHomogeneity } from '../stats/chi-square-homogeneity.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';
import { sortLabels } from './prepare.ts';

/**
 * Two-sample chi-square test of homogeneity (spog's; not an Evidently test): reference and
 * current category counts as a 2 × k table (`scipy.stats.chi2_contingency`, no continuity
 * correction), drift when p <= threshold (default 0.05). Evidently's "chisquare" takes the
 * reference proportions as exact, so a reference of a few hundred rows against a current window
 * of thousands finds "drift" between samples of one distribution most days; this test counts the
 * reference's own sampling noise and holds its false-positive rate. The health check uses it for
 * categorical features.
 */
export const chiSquareHomogeneityTest: DriftTestDefinition = {
  method: 'chi2_homogeneity',
  displayName: 'chi-square (two-sample)',
  allowedTypes: ['categorical'],
  defaultThreshold: 0.05,
  kind: 'p_value',
  pValueComparison: '<=',
  compute(pair): Computation {
    if (pair.kind !== 'categories') return { ok: false, status: 'not_applicable', reason: 'the two-sample chi-square test needs categories' };
    const b = evidentlyBins(pair);
    const bins = { labels: b.labels, reference: b.reference, current: b.current };
    const labels = sortLabels(new Set([...pair.reference.counts.keys(), ...pair.current.counts.keys()]), pair.reference.numericLabels && pair.current.numericLabels);
    if (labels.length < 2) return { ok: false, status: 'not_applicable', reason: `the chi-square test needs at least 2 categories; both periods contain only '${labels[0]}'`, bins };
    const r = chiSquareHomogeneity(labels.map((l) => pair.reference.counts.get(l) ?? 0), labels.map((l) => pair.current.counts.get(l) ?? 0));
    return { ok: true, statistic: r.statistic, pValue: r.pValue, bins, notes: [`${labels.length} categories, ${r.degreesOfFreedom} degrees of freedom`] };
  },
};

import { ksTwoSample, ksTwoSamplePValue } from '../stats/ks-two-sample.ts';
import { roundHalfEven } from '../stats/round-half-even.ts';
import { evidentlyBins } from './binning.ts';
import type { Computation, DriftTestDefinition } from './definition.ts';
import { alignHistograms } from './histograms.ts';
import type { ColumnPair } from './prepare.ts';

function chartBins(pair: ColumnPair) {
  const b = evidentlyBins(pair);
  return { labels: b.labels, reference: b.reference, current: b.current };
}

/**
 * D = max over the bin edges of |F_ref(e) − F_cur(e)| with F the cumulative share of
 * counts up to edge e. On binned data the ECDFs are only known at the edges, so this is
 * a lower bound of the raw-sample D: a binned approximation.
 */
function histogramStatistic(pair: Extract<ColumnPair, { kind: 'histograms' }>): { d: number; n1: number; n2: number; rebinned: boolean } {
  const aligned = alignHistograms(pair.reference, pair.current);
  const rt = aligned.reference.reduce((a, b) => a + b, 0);
  const ct = aligned.current.reduce((a, b) => a + b, 0);
  return { d: binnedD(aligned.reference, aligned.current, rt, ct), n1: roundHalfEven(rt), n2: roundHalfEven(ct), rebinned: aligned.rebinned };
}

/** The largest gap between two cumulative distributions known at shared bin edges: counts (or shares) over their totals. */
export function binnedD(reference: readonly number[], current: readonly number[], referenceTotal = 1, currentTotal = 1): number {
  let cr = 0;
  let cc = 0;
  let d = 0;
  for (let i = 0; i < reference.length; i++) {
    cr += reference[i];
    cc += current[i];
    d = Math.max(d, Math.abs(cr / referenceTotal - cc / currentTotal));
  }
  return d;
}

/**
 * Two-sample Kolmogorov–Smirnov test (Evidently `ks_stattest.py`: name "ks", numerical
 * columns only, default threshold 0.05, drift when `p_value <= threshold`). The p-value
 * is `scipy.stats.ks_2samp(reference, current)` with method 'auto' (exact up to 10 000
 * values per side, asymptotic above). Evidently picks it by default for numerical
 * columns with at most 1000 reference rows and more than 5 distinct values.
 *
 * On pre-binned histograms (spog's extension): D is evaluated at the bin edges only and
 * the p-value uses the count totals as sample sizes (rounded half to even when counts are
 * fractional weights) — a binned
 * approximation that can only understate D.
 */
export const ksTest: DriftTestDefinition = {
  method: 'ks',
  displayName: 'KS',
  allowedTypes: ['numeric'],
  defaultThreshold: 0.05,
  kind: 'p_value',
  pValueComparison: '<=',
  compute(pair): Computation {
    if (pair.kind === 'samples') {
      const r = ksTwoSample(pair.reference.values, pair.current.values);
      return { ok: true, statistic: r.statistic, pValue: r.pValue, bins: chartBins(pair), notes: [`D = ${r.statistic.toPrecision(3)}, ${r.method} p-value`] };
    }
    if (pair.kind === 'histograms') {
      const h = histogramStatistic(pair);
      const r = ksTwoSamplePValue(h.d, h.n1, h.n2);
      const notes = [`binned approximation: D = ${r.statistic.toPrecision(3)} measured at the bin edges, sample sizes from the count totals`];
      if (h.rebinned) notes.push('histograms re-binned onto the union of their edges');
      return { ok: true, statistic: r.statistic, pValue: r.pValue, bins: chartBins(pair), notes };
    }
    return { ok: false, status: 'not_applicable', reason: 'the KS test needs numeric values' };
  },
};

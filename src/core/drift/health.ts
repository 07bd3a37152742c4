/**
 * The drift test the health check uses per feature, calibrated for a monitor that judges every
 * model every day (the Evidently-equivalent tests stay available by name: `drift.method` in
 * spog.yaml, `spog drift --method`). A feature drifts when its distribution changed both
 * significantly and meaningfully:
 *
 * - significantly: a two-sample test that counts the sampling noise on both sides (KS for
 *   numbers, the chi-square test of homogeneity for categories), its p-value adjusted for the
 *   number of features tested together (Benjamini-Hochberg at `HEALTH_ALPHA`), so ten features
 *   are not ten chances a day;
 * - meaningfully: a population stability index of at least `MIN_PSI` over the test's bins
 *   (smoothed by half a row per bin), the credit-risk convention for "a shift worth a look", so
 *   that a large window does not make a negligible shift significant.
 *
 * Categories never seen in the reference are always named, with their share.
 */
import { kolmogorovLimitSf } from '../stats/kolmogorov-limit.ts';
import { psi } from '../stats/psi.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { evidentlyBins } from './binning.ts';
import { FEW_VALUES_MAX } from './choose-method.ts';
import { chiSquareHomogeneityTest } from './chisquare-homogeneity.ts';
import { formatNumber } from './format.ts';
import { binnedD, ksTest } from './ks.ts';
import { distinctValues, droppedNotes, pairColumns, prepareSide, sampleAsCategories, type ColumnPair } from './prepare.ts';
import type { Computation } from './definition.ts';
import type { Distribution, DriftResult } from './types.ts';

/** False discovery rate over one model's features at which a change counts as significant. */
export const HEALTH_ALPHA = 0.01;
/** Smallest population stability index that counts as a meaningful change. */
export const MIN_PSI = 0.1;

/** One feature's evidence before the features are judged together. */
export function featureEvidence(reference: Distribution, current: Distribution): DriftResult {
  const ref = prepareSide(reference, 'reference');
  const cur = prepareSide(current, 'current');
  const notes = droppedNotes(ref, cur);
  const paired = pairColumns(ref, cur);
  const blank = (status: DriftResult['status'], reason: string, rs: number, cs: number, method: DriftResult['method'] = 'ks'): DriftResult => ({
    method, statistic: null, p_value: null, threshold: HEALTH_ALPHA, drifted: null, status, reason, reference_size: rs, current_size: cs,
  });
  if ('problem' in paired) return blank(paired.problem.status, `cannot compute: ${paired.problem.reason}`, paired.problem.referenceSize, paired.problem.currentSize);
  let pair: ColumnPair = paired.pair;
  if (pair.kind === 'samples' && (distinctValues(pair) ?? Infinity) <= FEW_VALUES_MAX) {
    pair = { kind: 'categories', reference: sampleAsCategories(pair.reference), current: sampleAsCategories(pair.current) };
    notes.push(`numbers with at most ${FEW_VALUES_MAX} distinct values tested as categories`);
  }
  const def = pair.kind === 'categories' ? chiSquareHomogeneityTest : ksTest;
  const sizes = [pair.reference.size, pair.current.size] as const;
  if (sizes[0] < 2 || sizes[1] < 2) return blank('insufficient_data', `cannot compute: ${sizes[0] < 2 ? 'reference' : 'current'} has fewer than 2 usable values`, ...sizes, def.method);
  const b = evidentlyBins(pair);
  // On histograms D is measured at the bin edges only: the limiting distribution's p-value is as
  // good as that approximation allows, and O(1) where the exact one costs O(n1 n2).
  const computed = pair.kind === 'histograms' ? binnedKs(b, sizes[0], sizes[1]) : def.compute(pair);
  if (!computed.ok) return blank(computed.status, `cannot compute: ${computed.reason}`, ...sizes, def.method);
  const out: DriftResult = {
    method: def.method,
    statistic: computed.statistic,
    p_value: computed.pValue,
    threshold: HEALTH_ALPHA,
    drifted: null,
    status: 'ok',
    // The test's own working (D at the bin edges, degrees of freedom) is in the numbers; the reason keeps what a reader needs.
    reason: notes.join('; '),
    reference_size: sizes[0],
    current_size: sizes[1],
    psi: smoothedPsi(b.reference, b.current, sizes[0], sizes[1]),
    bins: computed.bins ?? { labels: b.labels, reference: b.reference, current: b.current },
  };
  if (pair.kind === 'categories') {
    const fresh = [...pair.current.counts.entries()].filter(([label]) => !pair.reference.counts.has(label));
    if (fresh.length) out.new_categories = fresh.map(([label, count]) => ({ label, share: count / pair.current.size }));
  }
  return out;
}

/**
 * PSI over the test's bins with half a row added to every bin of each side (add-one-half
 * smoothing): an empty bin of a 7-value week is not a share of 0.0001 (Evidently's fill, which
 * makes a tiny sample look like a huge shift), and thousands of rows are unchanged.
 */
export function smoothedPsi(reference: readonly number[], current: readonly number[], nRef: number, nCur: number): number {
  const k = reference.length;
  const smooth = (shares: readonly number[], n: number) => shares.map((s) => (s * n + 0.5) / (n + 0.5 * k));
  return psi(smooth(reference, nRef), smooth(current, nCur));
}

/** KS on two histograms' shares over shared bins: D at the edges, Stephens' asymptotic p-value. */
function binnedKs(b: { reference: number[]; current: number[] }, n1: number, n2: number): Computation {
  const d = Math.min(1, binnedD(b.reference, b.current));
  return { ok: true, statistic: d, pValue: kolmogorovLimitSf(d, n1, n2), notes: [`binned approximation: D = ${d.toPrecision(3)} at the bin edges, asymptotic p-value`] };
}

const pctOf = (x: number) => `${(100 * x).toFixed(x < 0.001 ? 3 : 1)}%`;

/** A feature's categories never seen in the reference, the first three with their share of rows: "'wallet' (5.0% of rows)". */
export function newCategoryList(r: DriftResult): string {
  const c = r.new_categories ?? [];
  return `${c.slice(0, 3).map((x) => `'${x.label}' (${pctOf(x.share)} of rows)`).join(', ')}${c.length > 3 ? ', ...' : ''}`;
}

/**
 * Judge a model's features together: Benjamini-Hochberg over their p-values, then each one
 * drifted when significant and its PSI is at least `MIN_PSI`; the verdict and its words are
 * written into each result.
 */
export function judgeFeatures(results: DriftResult[]): DriftResult[] {
  const adjusted = benjaminiHochberg(results.map((r) => (r.status === 'ok' && r.p_value !== null ? r.p_value : NaN)));
  const tested = adjusted.filter((p) => !Number.isNaN(p)).length;
  return results.map((r, i) => {
    if (r.status !== 'ok' || r.p_value === null || r.psi === undefined) return r;
    const pAdj = adjusted[i];
    const significant = pAdj <= HEALTH_ALPHA;
    const meaningful = r.psi >= MIN_PSI;
    const drifted = significant && meaningful;
    const fresh = r.new_categories?.length
      ? `${r.new_categories.length === 1 ? 'a category' : `${r.new_categories.length} categories`} never seen in the reference: ${newCategoryList(r)}`
      : '';
    const test = `${r.method === 'ks' ? 'KS' : 'chi-square'} p-value ${formatNumber(r.p_value)}${tested > 1 ? `, ${formatNumber(pAdj)} adjusted for ${tested} features` : ''}`;
    const size = `PSI ${formatNumber(r.psi)} ${meaningful ? '>=' : '<'} ${MIN_PSI}`;
    const verdict = drifted
      ? `distribution changed (${size}; ${test})`
      : !significant
        ? `no significant change (${test})`
        : `change too small to matter (${size}; ${test})`;
    const reason = [verdict, fresh, r.reason].filter(Boolean).join('; ');
    return { ...r, p_adjusted: pAdj, drifted, reason };
  });
}

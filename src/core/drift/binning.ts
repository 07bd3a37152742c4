import { histogramCounts } from '../stats/histogram-counts.ts';
import { sturgesBinEdges } from '../stats/histogram-bin-edges.ts';
import { formatBinLabel } from './format.ts';
import { alignHistograms } from './histograms.ts';
import type { CategoryCounts, ColumnPair } from './prepare.ts';
import { sortLabels } from './prepare.ts';

/** Shares per bin (not zero-filled), one array per period, with labels for charts. */
export interface SharedBins {
  labels: string[];
  reference: number[];
  current: number[];
  /** How the bins were made, in words, for the result's reason. */
  how: string;
}

/** Distinct values in the reference sample, as pandas' `reference.nunique()`. */
function referenceDistinct(values: number[]): number {
  return new Set(values).size;
}

function edgeLabels(edges: number[]): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) labels.push(formatBinLabel(edges[i], edges[i + 1], i === edges.length - 2));
  return labels;
}

function categoryShares(reference: CategoryCounts, current: CategoryCounts, numericLabels: boolean): SharedBins {
  const labels = sortLabels(new Set([...reference.counts.keys(), ...current.counts.keys()]), numericLabels);
  return {
    labels,
    reference: labels.map((l) => (reference.counts.get(l) ?? 0) / reference.size),
    current: labels.map((l) => (current.counts.get(l) ?? 0) / current.size),
    how: `${labels.length} categories`,
  };
}

/**
 * The bins Evidently's PSI, KL and Jensen–Shannon tests compare (`utils.get_binned_data`):
 *
 * - numeric samples whose reference has more than 20 distinct values: Sturges edges over
 *   reference and current together (`np.histogram_bin_edges(concat, 'sturges')`), each
 *   period's histogram divided by its own size;
 * - other numeric samples and categorical values: one bin per value seen in either
 *   period, share = count / size;
 * - pre-binned histograms: their own bins (re-binned onto the union of edges when the
 *   edges differ), share = count / total.
 *
 * Shares are returned as is; PSI and KL fill empty bins with {@link fillEmptyBins}.
 * Reference and current must both be non-empty.
 */
export function evidentlyBins(pair: ColumnPair): SharedBins {
  if (pair.kind === 'categories') return categoryShares(pair.reference, pair.current, pair.reference.numericLabels && pair.current.numericLabels);
  if (pair.kind === 'histograms') {
    const aligned = alignHistograms(pair.reference, pair.current);
    const rt = aligned.reference.reduce((a, b) => a + b, 0);
    const ct = aligned.current.reduce((a, b) => a + b, 0);
    return {
      labels: edgeLabels(aligned.edges),
      reference: aligned.reference.map((c) => c / rt),
      current: aligned.current.map((c) => c / ct),
      how: aligned.rebinned ? `histograms re-binned onto ${aligned.edges.length - 1} shared bins` : `the given ${aligned.edges.length - 1} histogram bins`,
    };
  }
  const ref = pair.reference.values;
  const cur = pair.current.values;
  if (referenceDistinct(ref) > 20) {
    const edges = sturgesBinEdges(ref.concat(cur));
    return {
      labels: edgeLabels(edges),
      reference: histogramCounts(ref, edges).map((c) => c / ref.length),
      current: histogramCounts(cur, edges).map((c) => c / cur.length),
      how: `${edges.length - 1} Sturges bins`,
    };
  }
  const counts = (values: number[]) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
    return m;
  };
  const bins = categoryShares(
    { kind: 'categories', counts: counts(ref), size: ref.length, dropped: 0, numericLabels: true },
    { kind: 'categories', counts: counts(cur), size: cur.length, dropped: 0, numericLabels: true },
    true,
  );
  return { ...bins, how: `${bins.labels.length} distinct values (reference has <= 20)` };
}

/**
 * Evidently's empty-bin rule (`get_binned_data(..., feel_zeroes=True)`): every zero
 * share is replaced by min(non-zero shares) / 10⁶ when that minimum is <= 0.0001, and
 * by 0.0001 otherwise. Applied to each period separately; shares are not renormalised.
 */
export function fillEmptyBins(shares: number[]): number[] {
  let min = Infinity;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  if (min === Infinity) return shares.slice();
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}

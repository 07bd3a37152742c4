/**
 * Input and output shapes of the data-drift tests. Other modules (schemas, the
 * snapshot) produce and consume exactly these shapes, so they stay stable.
 */
import type { DRIFT_METHODS } from '../../schema/drift-methods.ts';

/**
 * One column's values for one period, either raw or pre-aggregated.
 *
 * - numeric sample: the raw values; NaN and ±Infinity are dropped (and reported).
 * - numeric histogram: `edges.length === counts.length + 1`, edges increasing; bin i
 *   holds edges[i] <= v < edges[i+1] (the last bin is closed), numpy's convention.
 * - categorical sample: the raw labels; categories are compared by `String(value)`.
 * - categorical counts: label → count.
 */
export type Distribution =
  | { type: 'numeric'; sample: number[] }
  | { type: 'numeric'; histogram: { edges: number[]; counts: number[] } } // edges.length === counts.length + 1
  | { type: 'categorical'; sample: (string | number | boolean)[] }
  | { type: 'categorical'; counts: Record<string, number> };

/** Column types as Evidently names them (`ColumnType.Numerical` / `Categorical`). */
export type ColumnType = 'numeric' | 'categorical';

export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** The outcome of one drift test on one column; statistic, threshold and verdict are kept apart. */
export interface DriftResult {
  method: DriftMethod;
  /**
   * The test statistic (KS D, normalised Wasserstein, PSI, KL, JS distance, χ², z); null when not
   * computed. Can be +Infinity (χ² or KL when current has a category the reference never had).
   */
  statistic: number | null;
  /** The p-value for p-value tests (ks, chisquare, ztest); null for distances or when not computed. */
  p_value: number | null;
  /** The threshold actually used (the test's default unless one was passed). */
  threshold: number;
  drifted: boolean | null; // null = cannot compute
  status: 'ok' | 'insufficient_data' | 'not_applicable';
  reason: string; // plain words, e.g. "KS p-value 0.012 <= 0.05: distribution changed"
  reference_size: number;
  current_size: number;
  /** Population stability index over the test's bins (the health check's measure of how much changed). */
  psi?: number;
  /** The p-value adjusted for the number of features tested together (Benjamini-Hochberg; the health check). */
  p_adjusted?: number;
  /** Categories of the current period never seen in the reference, with their share of current rows. */
  new_categories?: { label: string; share: number }[];
  /** Shares per bin for charts (reference vs current); the bins the test used where it bins. */
  bins?: { labels: string[]; reference: number[]; current: number[] }; // shares per bin, for charts (reference vs current)
}

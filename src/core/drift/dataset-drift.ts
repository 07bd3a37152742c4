import type { DriftResult } from './types.ts';
import { formatNumber } from './format.ts';

export interface DatasetDriftResult {
  /** Columns whose test said drift. */
  drifted_count: number;
  /** Columns with a verdict (drifted true or false). */
  evaluated_count: number;
  /** Columns that could not be tested (drifted null); they are left out of the share. */
  skipped_count: number;
  /** drifted_count / evaluated_count, or null when nothing could be evaluated. */
  share: number | null;
  share_threshold: number;
  /** share >= share_threshold, as Evidently's `get_dataset_drift`; null when share is null. */
  dataset_drift: boolean | null;
  reason: string;
}

/**
 * Dataset-level drift as Evidently's `get_dataset_drift` (legacy/calculations/
 * data_drift.py): the share of drifted columns, and drift when that share is >= the
 * threshold (default 0.5, Evidently's `drift_share`). Evidently fails on a column it
 * cannot test; here such columns are counted as skipped and left out of the share.
 *
 * @throws Error when shareThreshold is outside [0, 1].
 */
export function datasetDrift(results: readonly DriftResult[], shareThreshold = 0.5): DatasetDriftResult {
  if (!(shareThreshold >= 0 && shareThreshold <= 1)) throw new Error(`datasetDrift share threshold must be between 0 and 1 (got ${shareThreshold})`);
  const evaluated = results.filter((r) => r.drifted !== null);
  const drifted = evaluated.filter((r) => r.drifted === true).length;
  const skipped = results.length - evaluated.length;
  const skippedWords = skipped > 0 ? `; ${skipped} column${skipped === 1 ? '' : 's'} could not be tested` : '';
  if (evaluated.length === 0) {
    return {
      drifted_count: 0, evaluated_count: 0, skipped_count: skipped, share: null, share_threshold: shareThreshold, dataset_drift: null,
      reason: `cannot compute: no column could be tested${skippedWords}`,
    };
  }
  const share = drifted / evaluated.length;
  const dataset = share >= shareThreshold;
  return {
    drifted_count: drifted,
    evaluated_count: evaluated.length,
    skipped_count: skipped,
    share,
    share_threshold: shareThreshold,
    dataset_drift: dataset,
    reason: `${drifted} of ${evaluated.length} columns drifted (share ${formatNumber(share)} ${dataset ? '>=' : '<'} ${formatNumber(shareThreshold)}): ${dataset ? 'dataset drift' : 'no dataset drift'}${skippedWords}`,
  };
}

import type { ColumnType, DriftMethod, DriftResult } from './types.ts';
import type { ColumnPair } from './prepare.ts';

/** Bins for charts as they appear on a {@link DriftResult}. */
export type ChartBins = NonNullable<DriftResult['bins']>;

/** What a test's computation returns: a statistic (and p-value), or why it could not compute. */
export type Computation =
  | { ok: true; statistic: number | null; pValue: number | null; bins?: ChartBins; notes: string[] }
  | { ok: false; status: 'insufficient_data' | 'not_applicable'; reason: string; bins?: ChartBins };

/**
 * One drift test, declared the way Evidently's `StatTest` is: a name, the column types
 * it accepts, its default threshold and how the threshold is read. The computation
 * only produces numbers; the verdict is derived from them by {@link verdict}, so
 * statistic, threshold and verdict stay separate.
 */
export interface DriftTestDefinition {
  method: DriftMethod;
  /** Name used in reasons, e.g. "KS", "PSI". */
  displayName: string;
  allowedTypes: readonly ColumnType[];
  defaultThreshold: number;
  /**
   * 'p_value': drift when the p-value is below the threshold, compared with `<=` (KS) or
   * `<` (chi-square, z) exactly as Evidently does; 'distance': drift when statistic >= threshold.
   */
  kind: 'p_value' | 'distance';
  pValueComparison?: '<=' | '<';
  compute(pair: ColumnPair): Computation;
}

/** The verdict rule of a test applied to its number; null when the number is missing or NaN. */
export function verdict(def: DriftTestDefinition, statistic: number | null, pValue: number | null, threshold: number): boolean | null {
  if (def.kind === 'distance') {
    if (statistic === null || Number.isNaN(statistic)) return null;
    return statistic >= threshold;
  }
  if (pValue === null || Number.isNaN(pValue)) return null;
  return def.pValueComparison === '<' ? pValue < threshold : pValue <= threshold;
}

import type { ColumnType, Distribution, DriftMethod, DriftResult } from './types.ts';
import type { DriftTestDefinition } from './definition.ts';
import { verdict } from './definition.ts';
import { chooseForPair, chooseMethod } from './choose-method.ts';
import { formatNumber } from './format.ts';
import type { ColumnPair } from './prepare.ts';
import { droppedNotes, pairColumns, prepareSide, sampleAsCategories } from './prepare.ts';
import { getDriftTest } from './registry.ts';

/** Fewer values than this on either side is too little data for any test. */
export const MIN_VALUES_PER_SIDE = 2;

export interface DriftTestOptions {
  /** Which test to run; 'auto' (the default) picks Evidently's default via {@link chooseMethod}. */
  method?: DriftMethod | 'auto';
  /** Overrides the test's default threshold. */
  threshold?: number;
  /** Overrides the distributions' column type (e.g. 'categorical' for integer codes). */
  type?: ColumnType;
}

function sentence(def: DriftTestDefinition, statistic: number | null, pValue: number | null, threshold: number, drifted: boolean): string {
  if (def.kind === 'p_value') {
    const op = def.pValueComparison === '<' ? (drifted ? '<' : '>=') : drifted ? '<=' : '>';
    return `${def.displayName} p-value ${formatNumber(pValue as number)} ${op} ${formatNumber(threshold)}: ${drifted ? 'distribution changed' : 'no significant change'}`;
  }
  return `${def.displayName} ${formatNumber(statistic as number)} ${drifted ? '>=' : '<'} ${formatNumber(threshold)}: ${drifted ? 'distribution changed' : 'no significant change'}`;
}

function withNotes(text: string, notes: string[]): string {
  return notes.length > 0 ? `${text} (${notes.join('; ')})` : text;
}

/**
 * Run one data-drift test on a column: reference period vs current period.
 *
 * The method is Evidently's default for the column unless `options.method` names one;
 * the threshold is the test's default unless `options.threshold` is given, and the
 * result always carries the threshold it used. Statistic, p-value and verdict are
 * reported separately, with a plain-words reason.
 *
 * Data problems never throw: fewer than 2 usable values on a side, all-NaN samples,
 * all-zero counts, malformed histograms → `insufficient_data`; a test that does not fit
 * the column (KS on categories, mixed sample/histogram input) → `not_applicable`. Both
 * have `drifted: null`. NaN/±Infinity values are dropped first and the reason says how
 * many.
 *
 * @throws Error only for programming errors: an unknown method or a non-finite threshold.
 */
export function driftTest(reference: Distribution, current: Distribution, options: DriftTestOptions = {}): DriftResult {
  const requested = options.method ?? 'auto';
  if (requested !== 'auto') getDriftTest(requested);
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) {
    throw new Error(`driftTest threshold must be a finite number (got ${options.threshold})`);
  }
  const ref = prepareSide(reference, 'reference');
  const cur = prepareSide(current, 'current');
  const notes = droppedNotes(ref, cur);
  const paired = pairColumns(ref, cur, options.type);

  if ('problem' in paired) {
    const method = requested === 'auto' ? chooseMethod(reference, current, options.type).method : requested;
    const def = getDriftTest(method);
    return blank(def, options.threshold ?? def.defaultThreshold, paired.problem.status, withNotes(`cannot compute: ${paired.problem.reason}`, notes), paired.problem.referenceSize, paired.problem.currentSize);
  }

  let pair: ColumnPair = paired.pair;
  const choice = requested === 'auto' ? chooseForPair(pair) : null;
  const def = getDriftTest(choice ? choice.method : requested);
  const threshold = options.threshold ?? def.defaultThreshold;
  const sizes = [pair.reference.size, pair.current.size] as const;

  if (pair.kind === 'samples' && !def.allowedTypes.includes('numeric')) {
    pair = { kind: 'categories', reference: sampleAsCategories(pair.reference), current: sampleAsCategories(pair.current) };
    notes.push('numeric values treated as categories');
  } else if ((pair.kind === 'histograms' && !def.allowedTypes.includes('numeric')) || (pair.kind === 'categories' && !def.allowedTypes.includes('categorical'))) {
    const what = pair.kind === 'histograms' ? 'numeric histograms' : 'categorical columns';
    return blank(def, threshold, 'not_applicable', `cannot compute: the ${def.displayName} test does not apply to ${what} (it accepts ${def.allowedTypes.join(' and ')} columns)`, ...sizes);
  }

  for (const [side, size] of [['reference', sizes[0]], ['current', sizes[1]]] as const) {
    if (size < MIN_VALUES_PER_SIDE) {
      const what = size === 0 ? 'no usable values' : `only ${formatNumber(size)} usable value${size === 1 ? '' : 's'}`;
      return blank(def, threshold, 'insufficient_data', withNotes(`cannot compute: ${side} has ${what} (at least ${MIN_VALUES_PER_SIDE} needed)`, notes), ...sizes);
    }
  }

  const computed = def.compute(pair);
  if (!computed.ok) {
    const result = blank(def, threshold, computed.status, withNotes(`cannot compute: ${computed.reason}`, notes), ...sizes);
    if (computed.bins) result.bins = computed.bins;
    return result;
  }
  const drifted = verdict(def, computed.statistic, computed.pValue, threshold);
  if (drifted === null) {
    return blank(def, threshold, 'insufficient_data', withNotes(`cannot compute: the ${def.displayName} statistic is undefined for these values`, notes), ...sizes);
  }
  const allNotes = [...computed.notes, ...notes];
  if (choice) allNotes.push(`chosen because ${choice.reason}`);
  const result: DriftResult = {
    method: def.method,
    statistic: computed.statistic,
    p_value: def.kind === 'p_value' ? computed.pValue : null,
    threshold,
    drifted,
    status: 'ok',
    reason: withNotes(sentence(def, computed.statistic, computed.pValue, threshold, drifted), allNotes),
    reference_size: sizes[0],
    current_size: sizes[1],
  };
  if (computed.bins) result.bins = computed.bins;
  return result;
}

function blank(def: DriftTestDefinition, threshold: number, status: DriftResult['status'], reason: string, referenceSize: number, currentSize: number): DriftResult {
  return { method: def.method, statistic: null, p_value: null, threshold, drifted: null, status, reason, reference_size: referenceSize, current_size: currentSize };
}

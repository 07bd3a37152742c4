import type { ColumnType, Distribution, DriftMethod } from './types.ts';
import type { ColumnPair } from './prepare.ts';
import { distinctValues, pairColumns, prepareSide } from './prepare.ts';
import { plural } from './format.ts';

/** Evidently's switch from small-sample tests to distances: reference rows <= 1000. */
export const SMALL_REFERENCE_MAX_ROWS = 1000;
/** Numeric columns with at most this many distinct values are tested as categories. */
export const FEW_VALUES_MAX = 5;

export interface MethodChoice {
  method: DriftMethod;
  /** Why this method, in plain words. */
  reason: string;
}

/**
 * The default test for a column pair, following Evidently's `_get_default_stattest`
 * (legacy/calculations/stattests/registry.py), which was read for this:
 *
 * | reference rows | column                          | test          |
 * |----------------|---------------------------------|---------------|
 * | <= 1000        | numeric, > 5 distinct values    | ks            |
 * | <= 1000        | numeric <= 5 values, categorical| chisquare if > 2 distinct values, else ztest |
 * | > 1000         | numeric, > 5 distinct values    | wasserstein   |
 * | > 1000         | numeric <= 5 values, categorical| jensenshannon |
 *
 * "Distinct values" is counted over reference and current together
 * (`pd.concat([reference, current]).nunique()`), not over the reference alone; rows are
 * counted after dropping NaN/infinite values, as Evidently drops them before choosing.
 * Histograms do not reveal distinct values, so they are treated as continuous (> 5).
 */
export function chooseForPair(pair: ColumnPair): MethodChoice {
  const rows = pair.reference.size;
  const small = rows <= SMALL_REFERENCE_MAX_ROWS;
  const sizeWords = `reference has ${rows} rows (${small ? '<=' : '>'} ${SMALL_REFERENCE_MAX_ROWS})`;
  const n = distinctValues(pair);
  if (pair.kind === 'histograms') {
    return small
      ? { method: 'ks', reason: `${sizeWords} and is a histogram, treated as a continuous numeric column: KS test` }
      : { method: 'wasserstein', reason: `${sizeWords} and is a histogram, treated as a continuous numeric column: normalised Wasserstein distance` };
  }
  const valueWords = plural(n ?? 0, 'distinct value');
  if (pair.kind === 'samples' && n !== null && n > FEW_VALUES_MAX) {
    return small
      ? { method: 'ks', reason: `${sizeWords}, numeric with ${valueWords} (> ${FEW_VALUES_MAX}): KS test` }
      : { method: 'wasserstein', reason: `${sizeWords}, numeric with ${valueWords} (> ${FEW_VALUES_MAX}): normalised Wasserstein distance` };
  }
  const what = pair.kind === 'samples' ? `numeric with only ${valueWords} (<= ${FEW_VALUES_MAX}), tested as categories` : `categorical with ${valueWords}`;
  if (!small) return { method: 'jensenshannon', reason: `${sizeWords}, ${what}: Jensen-Shannon distance` };
  return n !== null && n > 2
    ? { method: 'chisquare', reason: `${sizeWords}, ${what} (> 2): chi-square test` }
    : { method: 'ztest', reason: `${sizeWords}, ${what} (<= 2): two-proportion z-test` };
}

/**
 * Choose the drift test Evidently would use by default for this column (see
 * {@link chooseForPair}) and say why. `type` overrides the distributions' own type, e.g.
 * to treat integer codes as categories. Inputs that cannot be compared fall back to the
 * test for the reference's declared type, so the caller still gets a method to report.
 */
export function chooseMethod(reference: Distribution, current: Distribution, type?: ColumnType): MethodChoice {
  const paired = pairColumns(prepareSide(reference, 'reference'), prepareSide(current, 'current'), type);
  if ('pair' in paired) return chooseForPair(paired.pair);
  const numeric = (type ?? reference.type) === 'numeric';
  return { method: numeric ? 'ks' : 'chisquare', reason: `cannot pair the inputs (${paired.problem.reason}); defaulting to the ${numeric ? 'KS' : 'chi-square'} test` };
}

/**
 * Better, worse or level: how a metric value compares with a reference in the metric's direction.
 * The one rule every page, `spog status`, `spog diff` and the primary check's reason use, so that
 * the word, the arrow and the tick never disagree. A difference of less than LEVEL_WITHIN of the
 * reference is level: spog states changes as percentages with one decimal, so a change it prints as
 * 0.0% is never called better or worse, and floating-point rounding (0.8 − 0.7999999999999999)
 * never is either. Health is not judged here: the checks compare raw shortfalls with their thresholds.
 */

/** Whether a larger value of the metric is better (AUC) or worse (RMSE), as the card says. */
export type Direction = 'higher_is_better' | 'lower_is_better';

/** Where a value stands against its reference, in the metric's direction. */
export type Movement = 'better' | 'worse' | 'level';

/**
 * Relative differences below this share of the reference are level: half the last digit of a
 * change printed as a percentage ("0.0%" up to here, "0.1%" from here).
 */
export const LEVEL_WITHIN = 0.0005;

/**
 * A shortfall as a share of the reference (positive = worse, as `shortfall()` in baseline.ts
 * gives it): worse, better, or level when it is within LEVEL_WITHIN either way.
 */
export function movementOfShortfall(relativeShortfall: number): Movement {
  if (Number.isNaN(relativeShortfall)) throw new RangeError('movementOfShortfall needs a number, got NaN');
  if (Math.abs(relativeShortfall) < LEVEL_WITHIN) return 'level';
  return relativeShortfall > 0 ? 'worse' : 'better';
}

/**
 * `value` against `reference` in the metric's direction, e.g. AUC 0.83 vs 0.80 is better, RMSE
 * 2.1 vs 2.0 is worse, 0.8003 vs 0.8 is level. The difference is taken relative to the reference;
 * against a reference of 0 (no relative change exists) in metric units, with the same tolerance.
 */
export function movement(value: number, reference: number, direction: Direction): Movement {
  const higher = value - reference;
  const worse = direction === 'higher_is_better' ? -higher : higher;
  return movementOfShortfall(reference === 0 ? worse : worse / Math.abs(reference));
}

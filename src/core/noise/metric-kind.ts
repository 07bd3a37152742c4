/**
 * What a metric's name says about its sampling noise. A value logged with `n` (the predictions
 * behind it) has a standard error the formula for its kind gives; for other metrics (errors,
 * means, latencies) only the spread the series itself shows tells.
 */
export type MetricKind = 'auc' | 'proportion' | 'other';

const AUC = /(^|[_-])(roc[_-]?)?auc(roc)?($|[_-])|^auroc$/i;
const PROPORTION = /^(accuracy|precision|recall|sensitivity|specificity|hit[_-]?rate|tpr|tnr|fpr|fnr|ctr|.*[_-]rate)$/i;

/** The kind of a metric by its name: "auc", "roc_auc" → auc; "accuracy", "recall", "*_rate" → proportion. */
export function metricKind(name: string): MetricKind {
  if (AUC.test(name)) return 'auc';
  if (PROPORTION.test(name)) return 'proportion';
  return 'other';
}

/**
 * Sampling variance of one value of a metric of this kind over n predictions, or NaN when the
 * kind has no formula or n is unknown:
 * - proportion: p(1 − p)/n (binomial), p clamped to [0.5/n, 1 − 0.5/n] so a 0 or 1 is not certainty;
 * - auc: Hanley & McNeil (1982) with the predictions split evenly between the classes, the split
 *   that gives the smallest variance, so the formula is a floor (the class balance is not logged).
 */
export function samplingVariance(kind: MetricKind, value: number, n: number): number {
  if (!(n > 1) || !Number.isFinite(value)) return NaN;
  if (kind === 'proportion') {
    const p = Math.min(1 - 0.5 / n, Math.max(0.5 / n, value));
    return (p * (1 - p)) / n;
  }
  if (kind === 'auc') {
    const a = Math.min(0.999, Math.max(0.5, value));
    const n1 = n / 2;
    const n2 = n / 2;
    const q1 = a / (2 - a);
    const q2 = (2 * a * a) / (1 + a);
    return (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n2 - 1) * (q2 - a * a)) / (n1 * n2);
  }
  return NaN;
}

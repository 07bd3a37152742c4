import { gcd } from './gcd.ts';
import { kolmogorovNSf } from './kolmogorov-n.ts';
import { ksExactEqualSizes, ksExactUnequalSizes } from './ks-exact.ts';
import { roundHalfEven } from './round-half-even.ts';

/** scipy's `MAX_AUTO_N`: with method 'auto', samples up to this size get the exact p-value. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsTwoSampleResult {
  /** D = sup |F₁(x) − F₂(x)|; in exact mode snapped to h / lcm(n₁, n₂) as scipy does. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Which computation produced the p-value. */
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sided p-value of the two-sample Kolmogorov–Smirnov statistic `d` for sample
 * sizes n1 and n2, following `scipy.stats.ks_2samp(..., method='auto')` in scipy 1.10:
 *
 * - exact when max(n1, n2) <= 10 000: with lcm = lcm(n1, n2), h = round(d·lcm) and
 *   d snapped to h/lcm; p = 1 when h = 0; equal sizes use {@link ksExactEqualSizes},
 *   unequal sizes {@link ksExactUnequalSizes}; a result outside [0, 1] falls back to
 *   the asymptotic branch as scipy does;
 * - asymptotic otherwise: P(D_en > d) from the one-sample two-sided distribution
 *   (`kstwo.sf(d, round(en))`) with en = n1·n2/(n1+n2) rounded half to even.
 *
 * Also used for pre-binned histograms, where n1 and n2 are the count totals.
 *
 * @throws Error when a size is not a positive integer or d is outside [0, 1].
 */
export function ksTwoSamplePValue(d: number, n1: number, n2: number): KsTwoSampleResult {
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 1 || n2 < 1) {
    throw new Error(`ksTwoSamplePValue needs positive integer sample sizes (got ${n1} and ${n2})`);
  }
  if (!(d >= 0 && d <= 1)) throw new Error(`ksTwoSamplePValue needs 0 <= d <= 1 (got ${d})`);
  let statistic = d;
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? ksExactEqualSizes(n1, h) : ksExactUnequalSizes(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic, pValue: p, method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const p = kolmogorovNSf(roundHalfEven(en), statistic);
  return { statistic, pValue: Math.min(1, Math.max(0, p)), method: 'asymptotic' };
}

function sortedCopy(values: ArrayLike<number>, label: string): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) throw new Error(`ksTwoSample: ${label} contains NaN at index ${i}; drop missing values first`);
  }
  return out.sort();
}

/**
 * The largest vertical distance between the two empirical CDFs,
 * D = sup_x |F₁(x) − F₂(x)|, evaluated at every observed value with right-continuous
 * ECDFs (`searchsorted(..., side='right')`), so ties are handled as scipy does.
 * Inputs must be sorted ascending.
 */
export function ksStatisticSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  return Math.max(maxDiff, Math.min(1, -minDiff));
}

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, equal to
 * `scipy.stats.ks_2samp(a, b)` with its default `method='auto'` (scipy 1.10): the
 * statistic D from {@link ksStatisticSorted} and the p-value from
 * {@link ksTwoSamplePValue}. O((n1 + n2) log(n1 + n2)) for the statistic.
 *
 * Reference: Hodges (1958); scipy.stats.ks_2samp documentation.
 *
 * @throws Error when a sample is empty or contains NaN.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsTwoSampleResult {
  if (a.length === 0 || b.length === 0) throw new Error('ksTwoSample requires two non-empty samples');
  const sa = sortedCopy(a, 'first sample');
  const sb = sortedCopy(b, 'second sample');
  return ksTwoSamplePValue(ksStatisticSorted(sa, sb), sa.length, sb.length);
}

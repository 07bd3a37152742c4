import { chiSquareSf } from './chi-square-sf.ts';

export interface ChiSquareHomogeneityResult {
  /** Pearson's Σ (O − E)²/E over the 2 × k table. */
  statistic: number;
  /** P(χ²(k − 1) >= statistic); NaN with fewer than 2 categories seen. */
  pValue: number;
  degreesOfFreedom: number;
}

/**
 * Pearson's chi-square test of homogeneity of two samples of categories (a 2 × k contingency
 * table), equal to `scipy.stats.chi2_contingency([a, b], correction=False)`: expected counts
 * E = row total × column total / N, statistic Σ (O − E)²/E, k − 1 degrees of freedom, over the
 * categories seen in either sample. Unlike the goodness-of-fit test against reference
 * proportions (Evidently's "chisquare"), both samples carry sampling noise here, so a small
 * reference does not make identical distributions look different.
 *
 * Reference: Pearson, K. (1900); Agresti, A., "Categorical Data Analysis", §3.2.
 *
 * @throws Error when the two count lists differ in length or hold a negative count.
 */
export function chiSquareHomogeneity(a: ArrayLike<number>, b: ArrayLike<number>): ChiSquareHomogeneityResult {
  if (a.length !== b.length) throw new Error(`chiSquareHomogeneity needs one count per category on both sides (got ${a.length} and ${b.length})`);
  let na = 0;
  let nb = 0;
  const cols: number[] = [];
  for (let j = 0; j < a.length; j++) {
    if (!(a[j] >= 0) || !(b[j] >= 0)) throw new Error(`chiSquareHomogeneity needs non-negative counts (category ${j}: ${a[j]}, ${b[j]})`);
    na += a[j];
    nb += b[j];
    if (a[j] + b[j] > 0) cols.push(j);
  }
  const n = na + nb;
  const dof = cols.length - 1;
  if (dof < 1 || na === 0 || nb === 0) return { statistic: 0, pValue: NaN, degreesOfFreedom: Math.max(0, dof) };
  let statistic = 0;
  for (const j of cols) {
    const col = a[j] + b[j];
    const ea = (na * col) / n;
    const eb = (nb * col) / n;
    statistic += (a[j] - ea) ** 2 / ea + (b[j] - eb) ** 2 / eb;
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), degreesOfFreedom: dof };
}

import { chiSquareSf } from './chi-square-sf.ts';
import { sum } from './sum.ts';

export interface ChiSquareTestResult {
  /** Pearson's statistic Σ (oᵢ − eᵢ)² / eᵢ; +∞ when an expected count is 0 but its observation is not. */
  statistic: number;
  /** P(χ²(k − 1) >= statistic); NaN when there is a single category (no degrees of freedom). */
  pValue: number;
  degreesOfFreedom: number;
}

/**
 * Pearson's chi-square goodness-of-fit test, equal to `scipy.stats.chisquare(f_obs,
 * f_exp)` with ddof = 0: statistic Σ (oᵢ − eᵢ)²/eᵢ, p-value from the χ² survival
 * function with k − 1 degrees of freedom. Without `fExp` every category is expected
 * equally often. Like scipy 1.10 it requires Σo and Σe to agree to 1e-8 relative.
 *
 * Reference: Pearson, K. (1900), Philosophical Magazine 50(302).
 *
 * @throws Error when lengths differ, the input is empty, or the totals disagree.
 */
export function chiSquareTest(fObs: ArrayLike<number>, fExp?: ArrayLike<number>): ChiSquareTestResult {
  if (fObs.length === 0) throw new Error('chiSquareTest requires at least one category');
  const obsTotal = sum(fObs);
  let expected: ArrayLike<number>;
  if (fExp === undefined) {
    expected = Array.from(fObs, () => obsTotal / fObs.length);
  } else {
    if (fExp.length !== fObs.length) {
      throw new Error(`chiSquareTest needs one expected count per observed count (got ${fObs.length} and ${fExp.length})`);
    }
    const expTotal = sum(fExp);
    const relativeDiff = Math.abs(obsTotal - expTotal) / Math.min(obsTotal, expTotal);
    if (relativeDiff > 1e-8) {
      throw new Error(`chiSquareTest: observed total ${obsTotal} and expected total ${expTotal} must agree to 1e-8 relative`);
    }
    expected = fExp;
  }
  let statistic = 0;
  for (let i = 0; i < fObs.length; i++) {
    const d = fObs[i] - expected[i];
    statistic += (d * d) / expected[i];
  }
  const degreesOfFreedom = fObs.length - 1;
  return { statistic, pValue: chiSquareSf(statistic, degreesOfFreedom), degreesOfFreedom };
}

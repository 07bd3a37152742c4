import { normalSf } from './normal-cdf.ts';

export interface TwoProportionZTestResult {
  /** z = (p₁ − p₂) / sqrt(P(1 − P)(1/n₁ + 1/n₂)) with P the pooled proportion. */
  statistic: number;
  /** Two-sided p-value 2·(1 − Φ(|z|)). */
  pValue: number;
}

/**
 * Two-sided z-test for the difference of two proportions with pooled variance,
 * as Evidently's `z_stattest.py` (`proportions_diff_z_stat_ind` followed by
 * `proportions_diff_z_test(..., 'two-sided')`):
 *   p₁ = x₁/n₁, p₂ = x₂/n₂, P = (x₁ + x₂)/(n₁ + n₂),
 *   z = (p₁ − p₂) / sqrt(P(1 − P)(1/n₁ + 1/n₂)),  p = 2·(1 − Φ(|z|)).
 * The tail is computed as 2·sf(|z|), equal to Evidently's 2·(1 − cdf(|z|)) except
 * that it does not round to 0 once |z| > 8.3.
 *
 * When both proportions are 0 or both are 1 the pooled variance is 0: z is NaN
 * (as in Evidently) and the p-value is returned as 1, because two samples that are
 * entirely one category do not differ — the case Evidently short-circuits to p = 1.
 *
 * Reference: Fleiss, Levin & Paik (2003), Statistical Methods for Rates and
 * Proportions, §2.5.
 *
 * @throws Error when a count is negative, exceeds its total, or a total is not positive.
 */
export function twoProportionZTest(successes1: number, n1: number, successes2: number, n2: number): TwoProportionZTestResult {
  if (!(n1 > 0) || !(n2 > 0)) throw new Error(`twoProportionZTest needs positive totals (got ${n1} and ${n2})`);
  if (!(successes1 >= 0 && successes1 <= n1) || !(successes2 >= 0 && successes2 <= n2)) {
    throw new Error(`twoProportionZTest needs 0 <= successes <= total (got ${successes1}/${n1} and ${successes2}/${n2})`);
  }
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const statistic = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (Number.isNaN(statistic)) return { statistic, pValue: 1 };
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}

import { regularizedGammaQ } from './regularized-gamma.ts';

/**
 * Survival function of the chi-square distribution, P(X >= x) for X ~ χ²(df):
 * Q(df/2, x/2), the regularized upper incomplete gamma function. Equals
 * `scipy.stats.chi2.sf(x, df)` (cephes `chdtrc`).
 *
 * Returns NaN for df <= 0 like scipy (a chi-square test over a single category has
 * no degrees of freedom); returns 1 for x <= 0 and 0 for x = Infinity.
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/**
 * Variances of window means of a series whose neighbouring values move together as an AR(1)
 * process with lag-1 correlation φ and unit variance (daily values of a metric computed over a
 * rolling window do). Closed forms, O(1): Var(Σ of n consecutive values) =
 * n(1+φ)/(1−φ) − 2φ(1−φⁿ)/(1−φ)² (Box, Jenkins & Reinsel, "Time Series Analysis", §2.1.5).
 */

/** Var(x₁ + … + xₙ) for n consecutive values of a unit-variance AR(1) with lag-1 correlation phi (0 <= phi < 1). */
export function ar1SumVariance(n: number, phi: number): number {
  if (n <= 0) return 0;
  if (phi === 0) return n;
  return (n * (1 + phi)) / (1 - phi) - (2 * phi * (1 - phi ** n)) / (1 - phi) ** 2;
}

/** Variance of the mean of n consecutive values, in units of the series' variance. */
export function ar1MeanVariance(n: number, phi: number): number {
  return n > 0 ? ar1SumVariance(n, phi) / (n * n) : Infinity;
}

/**
 * Variance of (mean of the `a` newest values) − (mean of the `b` values just before them), in
 * units of the series' variance: the two means share the correlation across their border,
 * Cov(ΣA, ΣB) = [S(a + b) − S(a) − S(b)] / 2.
 */
export function ar1MeanDifferenceVariance(a: number, b: number, phi: number): number {
  if (a <= 0 || b <= 0) return Infinity;
  const sa = ar1SumVariance(a, phi);
  const sb = ar1SumVariance(b, phi);
  const cov = (ar1SumVariance(a + b, phi) - sa - sb) / 2;
  return sa / (a * a) + sb / (b * b) - (2 * cov) / (a * b);
}

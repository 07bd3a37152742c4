/**
 * Survival function of the two-sample Kolmogorov–Smirnov statistic from Kolmogorov's limiting
 * distribution with Stephens' small-sample correction: P(D > d) ≈ Q(λ), λ = (√nₑ + 0.12 +
 * 0.11/√nₑ)·d, nₑ = n₁n₂/(n₁ + n₂), Q(λ) = 2 Σₖ (−1)ᵏ⁻¹ e^(−2k²λ²) (Stephens 1970; Numerical
 * Recipes 3rd ed. §14.3.3, `ksdist`). Accurate to a few percent of p for nₑ >= 4, and O(1): what a
 * test on binned data needs, where the exact distribution's precision would be spurious.
 *
 * @throws Error when a size is not positive or d is outside [0, 1].
 */
export function kolmogorovLimitSf(d: number, n1: number, n2: number): number {
  if (!(n1 > 0) || !(n2 > 0)) throw new Error(`kolmogorovLimitSf needs positive sample sizes (got ${n1} and ${n2})`);
  if (!(d >= 0 && d <= 1)) throw new Error(`kolmogorovLimitSf needs 0 <= d <= 1 (got ${d})`);
  const en = Math.sqrt((n1 * n2) / (n1 + n2));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  let sign = 1;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += sign * term;
    if (term < 1e-17 * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

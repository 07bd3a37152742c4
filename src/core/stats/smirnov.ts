const MIN_LOG = -745.1332191019412; // log of the smallest subnormal double, cephes MINLOG
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;

/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic D⁺ₙ:
 * P(D⁺ₙ >= x) for a sample of size n, as `scipy.special.smirnov(n, x)`.
 *
 * Method: the Smirnov / Birnbaum–Tingey finite sum
 *   P(D⁺ₙ >= x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
 * evaluated term by term in log space (all terms are positive, so no cancellation),
 * with the same special cases as scipy's cephes `kolmogorov.c` (van Mulbregt 2018):
 * x <= 1/n and x >= 1 − 1/n in closed form, an underflow cut-off at −2nx² < MINLOG,
 * and the e^(−(6nx+1)²/18n) approximation above n = 1e6. scipy accumulates the sum
 * in double-double arithmetic; plain doubles in log space agree to ~1e-13 relative.
 *
 * References: Smirnov, N. V. (1944), Usp. Mat. Nauk; Birnbaum, Z. W. & Tingey, F. H.
 * (1951), Ann. Math. Statist. 22; van Mulbregt, P. (2018), arXiv:1802.06966.
 *
 * Returns NaN for n < 1 or x outside [0, 1].
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const nx = n * x;
  const nxFloor = Math.floor(nx);
  const alpha = nx - nxFloor;

  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x <= 1/n: P(D⁺ₙ < x) = x (1 + x)^(n−1)
    const cdf = x * Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return clip01(Math.pow(1 - x, n));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    if (logp < -Math.LN2) return clip01(Math.exp(logp));
    return clip01(1 + Math.expm1(logp));
  }

  // Lower sum over v = 0 … n − ⌊nx⌋ − 1 (the v with 1 − x − v/n = 0 contributes 0).
  const nTerms = n - nxFloor;
  let logBinomial = 0;
  let total = 0;
  for (let v = 0; v < nTerms; v++) {
    const upper = (nxFloor + v + alpha) / n; // x + v/n
    const lower = (n - nxFloor - v - alpha) / n; // 1 − x − v/n
    if (lower > 0) {
      const logTerm = logBinomial + (v - 1) * Math.log(upper) + (n - v) * Math.log(lower);
      const term = Math.exp(logTerm);
      total += term;
      // Same early exit as scipy: the rest cannot move the sum.
      if (term > 0 && 4 * (nTerms - v) * term < Number.EPSILON * total && v !== nTerms - 1) break;
    }
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return clip01(x * total);
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

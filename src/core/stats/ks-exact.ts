/**
 * P(D_{n,n} >= h/n) for two samples of equal size n: the share of lattice paths from
 * (0,0) to (n,n) that touch one of the lines x − y = ±h.
 *
 * Method: the reflection-principle alternating sum
 *   2 · Σ_k (−1)^(k+1) C(2n, n − kh) / C(2n, n)
 * evaluated in Horner form from the innermost term outwards so that no large binomial
 * is formed and the alternating sum does not cancel — the formulation scipy's
 * `_compute_prob_outside_square` uses (Gnedenko & Korolyuk 1951; Hodges 1958).
 * Costs O(n) multiplications.
 */
export function ksExactEqualSizes(n: number, h: number): number {
  let p = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
    k -= 1;
  }
  return 2 * p;
}

/**
 * P(D_{m,n} >= h/lcm(m,n)) for samples of sizes m ≠ n: one minus the share of lattice
 * paths from (0,0) to (m,n) that stay strictly inside |x/m − y/n| < h/lcm(m,n).
 *
 * Method: Hodges' "inside" recursion rewritten by Viehmann to carry 1 − p directly
 * (numerically stable for small p), keeping one sliding column of the path-count
 * table — the algorithm of scipy's `_compute_outer_prob_inside_method`.
 * Costs O(m · window) with window ≈ 2·D·n.
 *
 * References: Hodges, J. L. (1958), "The significance probability of the Smirnov
 * two-sample test", Arkiv för Matematik 3(43); Viehmann, T. (2021), "Numerically more
 * stable computation of the p-values for the two-sample Kolmogorov-Smirnov test",
 * arXiv:2102.08037.
 */
export function ksExactUnequalSizes(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/**
 * Seeded sampling for the alarm benchmark: normal, binomial and multinomial draws, and the
 * sampling variance of an empirical AUC under the binormal model. Independent of the core's own
 * noise formulas on purpose: the benchmark's truth must not be spog's assumptions.
 */
import { mulberry32 } from '../../src/core/random.ts';
import { normalCdf } from '../../src/core/stats/normal-cdf.ts';

export interface Rng {
  uniform(): number;
  gauss(): number;
  binomial(n: number, p: number): number;
  multinomial(n: number, probs: readonly number[]): number[];
}

export function rng(seed: number): Rng {
  const u = mulberry32(seed);
  let spare: number | null = null;
  const gauss = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  const binomial = (n: number, p: number) => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n < 200 || n * p < 20 || n * (1 - p) < 20) {
      let k = 0;
      for (let i = 0; i < n; i++) if (u() < p) k++;
      return k;
    }
    return Math.min(n, Math.max(0, Math.round(n * p + gauss() * Math.sqrt(n * p * (1 - p)))));
  };
  const multinomial = (n: number, probs: readonly number[]) => {
    const out = new Array<number>(probs.length).fill(0);
    let rest = n;
    let mass = 1;
    for (let i = 0; i < probs.length - 1 && rest > 0; i++) {
      const k = binomial(rest, mass > 0 ? Math.min(1, probs[i] / mass) : 0);
      out[i] = k;
      rest -= k;
      mass -= probs[i];
    }
    out[probs.length - 1] += rest;
    return out;
  };
  return { uniform: u, gauss, binomial, multinomial };
}

/** Standard normal quantile by bisection on Φ (the benchmark needs a handful, not speed). */
export function probit(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * Variance of the empirical AUC (Mann-Whitney) with n1 positives and n2 negatives when scores are
 * binormal with equal variances and true AUC `auc`: the exact U-statistic variance
 * [A(1-A) + (n1-1)(Q1-A²) + (n2-1)(Q2-A²)] / (n1 n2), with Q1 = P(two positives above one
 * negative) and Q2 = P(one positive above two negatives) integrated numerically under the binormal
 * model (not Hanley & McNeil's exponential approximation, which spog may use).
 */
export function binormalAucVariance(auc: number, n1: number, n2: number): number {
  const [q1, q2] = binormalQ(auc);
  return (auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n2 - 1) * (q2 - auc * auc)) / (n1 * n2);
}

const qCache = new Map<number, [number, number]>();

/** Q1 and Q2 of the binormal model with true AUC `auc`, by numerical integration (cached). */
function binormalQ(auc: number): [number, number] {
  const hit = qCache.get(auc);
  if (hit) return hit;
  const mu = Math.SQRT2 * probit(auc);
  let q1 = 0;
  let q2 = 0;
  const h = 0.01;
  for (let x = -9; x <= 9 + mu; x += h) {
    const s1 = 1 - normalCdf(x - mu);
    q1 += phi(x) * s1 * s1 * h;
    const c = normalCdf(x);
    q2 += phi(x - mu) * c * c * h;
  }
  qCache.set(auc, [q1, q2]);
  return [q1, q2];
}

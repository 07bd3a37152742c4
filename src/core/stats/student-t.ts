import { normalCdf } from './normal-cdf.ts';
import { normalQuantile } from './normal-quantile.ts';
import { logGamma } from './log-gamma.ts';
import { regularizedBeta } from './regularized-beta.ts';

/**
 * Student t cumulative distribution function P(T <= t) with `df` degrees of freedom (any
 * positive real), as `scipy.stats.t.cdf`: the tail ½ I_{df/(df+t²)}(df/2, ½) (Abramowitz &
 * Stegun 26.7.1), taken on whichever side keeps its precision. Infinite df is the normal.
 *
 * @throws Error when df is not positive.
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new Error(`studentTCdf needs df > 0 (got ${df})`);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/**
 * Student t quantile (inverse CDF) for probability p and `df` degrees of freedom, as
 * `scipy.stats.t.ppf`. In the upper half t > 0 is found by Newton's method on
 * s = ln t for ln(upper tail) = ln(1 − p): the tail falls like t^−df, so this equation is nearly
 * linear in s and converges in a few steps even for the heavy tails of df < 1, where Newton on t
 * itself creeps. Steps that would leave the bracket bisect it instead.
 *
 * @throws Error when df is not positive or p is outside [0, 1].
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new Error(`studentTQuantile needs df > 0 (got ${df})`);
  if (!(p >= 0 && p <= 1)) throw new Error(`studentTQuantile needs 0 <= p <= 1 (got ${p})`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  // Solve for the tail probability itself: 1 - p is exact for p >= 0.5 (Sterbenz), p is exact below.
  return p < 0.5 ? -upperQuantile(p, df) : upperQuantile(1 - p, df);
}

/** The t > 0 whose upper tail probability is q (0 < q <= 0.5). */
function upperQuantile(q: number, df: number): number {
  if (q === 0.5) return 0;
  const logQ = Math.log(q);
  const upper = (t: number) => 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  // Bracket [lo, hi] in s = ln t with upper(e^lo) > q >= upper(e^hi).
  let lo = -50;
  let hi = 1;
  while (Math.log(upper(Math.exp(hi))) > logQ) {
    lo = hi;
    hi *= 2;
    if (hi > 700) return Infinity;
  }
  let s = Math.log(Math.max(-normalQuantile(q), 1e-300));
  if (!(s > lo && s < hi)) s = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const t = Math.exp(s);
    const tail = upper(t);
    const h = Math.log(tail) - logQ;
    if (h === 0) return t;
    if (h > 0) lo = s;
    else hi = s;
    const slope = (-Math.exp(logTDensity(t, df)) * t) / tail;
    let next = s - h / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - s) <= 1e-15 * Math.max(1, Math.abs(s)) || hi - lo <= 1e-15) return Math.exp(next);
    s = next;
  }
  return Math.exp(s);
}

/** ln of the Student t density at t. */
function logTDensity(t: number, df: number): number {
  return logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
}

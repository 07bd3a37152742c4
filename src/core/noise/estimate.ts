/**
 * The noise of a metric series, estimated from a stretch of its own history: the spread of its
 * values and how strongly neighbours move together (lag-1 autocorrelation), with the small-sample
 * corrections that keep a short, quiet stretch from being taken for less noise than there is.
 */
import { ar1MeanDifferenceVariance, ar1MeanVariance, ar1SumVariance } from './ar1.ts';
import type { WindowStats } from './window-stats.ts';

/** Points of history below which the spread of a series says too little to be used. */
export const MIN_NOISE_POINTS = 7;
/** Largest lag-1 correlation assumed: beyond it a stretch is a trend, not noise. */
const MAX_PHI = 0.95;

export interface Noise {
  /** Standard deviation of one value (the series' marginal spread). */
  sd: number;
  /** Lag-1 autocorrelation used (bias-corrected, then raised by half its standard error). */
  phi: number;
  /** Points the estimate rests on. */
  points: number;
}

/**
 * Noise of the points [from, to) of a series whose level may have moved: the stretch is cut at
 * `cuts` (indices where a change was detected) and each piece is taken about its own mean, so that
 * an earlier degradation is not counted as noise (a step inside the stretch pushed the lag-1
 * correlation to its cap and widened the noise band tenfold). Slow movement inside a piece (a
 * season) stays in: it is what normally happens. Fitting a line per piece as well was tried and
 * dropped: on a rolling-window metric it left residuals so correlated that the band tripled (demo
 * nyc-temp-min, ±23% -> ±68%), and it changed nothing in `npm run bench:alarms`.
 *
 * The lag-1 autocorrelation r of the pooled residuals is biased low by about k(1 + 3r)/n for k
 * pieces (Marriott & Pope 1954 for one), so it is corrected, kept in [0, 0.95], then raised by half
 * its standard error √((1 − φ²)/n): a short stretch that happens to look independent must not make
 * a rolling-window metric's days count as independent evidence. The variance is the sum of squares
 * over n − Σ S(len, φ)/len, its expectation under AR(1) (the plain n − k would understate it when
 * neighbours move together). Each piece's sums come from `stats` in O(1). Null under
 * `MIN_NOISE_POINTS`.
 */
export function noiseOf(stats: WindowStats, from: number, to: number, cuts: readonly number[] = []): Noise | null {
  const bounds = [from, ...cuts.filter((c) => c > from && c < to).sort((a, b) => a - b), to];
  let ss = 0;
  let cross = 0;
  const lengths: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (bounds[i + 1] - bounds[i] < 3) continue;
    const r = stats.range(bounds[i], bounds[i + 1]);
    ss += r.ss;
    cross += r.cross;
    lengths.push(r.n);
  }
  const n = lengths.reduce((a, b) => a + b, 0);
  const pieces = lengths.length;
  if (n < MIN_NOISE_POINTS || n - pieces < 3) return null;
  const lag1 = ss > 0 ? cross / ss : 0;
  const corrected = Math.min(MAX_PHI, Math.max(0, lag1 + (pieces + 3 * pieces * lag1) / n));
  const phi = Math.min(MAX_PHI, corrected + 0.5 * Math.sqrt((1 - corrected * corrected) / n));
  // E[residual sum of squares] under AR(1): each fitted mean takes about S(len, φ)/len of it.
  let lost = 0;
  for (const len of lengths) lost += ar1SumVariance(len, phi) / len;
  const sd = Math.sqrt(ss / Math.max(1, n - lost));
  return { sd, phi, points: n - pieces + 1 };
}

/**
 * Standard error of the mean of a window of points: the larger of what the series' own noise
 * implies for `points` neighbouring values and what the points' sampling variances add up to
 * (`sampling`, the sum over the window, NaN when unknown). NaN when neither is known.
 */
export function meanStandardError(noise: Noise | null, points: number, sampling: number): number {
  const fromNoise = noise ? noise.sd * noise.sd * ar1MeanVariance(points, noise.phi) : NaN;
  const fromSampling = Number.isNaN(sampling) ? NaN : sampling / (points * points);
  if (Number.isNaN(fromNoise)) return Math.sqrt(fromSampling);
  if (Number.isNaN(fromSampling)) return Math.sqrt(fromNoise);
  return Math.sqrt(Math.max(fromNoise, fromSampling));
}

/**
 * Standard error of (mean of a newer window of `a` points) − (mean of the `b` points before it):
 * the larger of the series' own noise (AR(1), the windows adjacent) and the sampling variances.
 */
export function differenceStandardError(noise: Noise | null, a: number, b: number, samplingA: number, samplingB: number): number {
  const fromNoise = noise ? noise.sd * noise.sd * ar1MeanDifferenceVariance(a, b, noise.phi) : NaN;
  const fromSampling = Number.isNaN(samplingA) || Number.isNaN(samplingB) ? NaN : samplingA / (a * a) + samplingB / (b * b);
  if (Number.isNaN(fromNoise)) return Math.sqrt(fromSampling);
  if (Number.isNaN(fromSampling)) return Math.sqrt(fromNoise);
  return Math.sqrt(Math.max(fromNoise, fromSampling));
}

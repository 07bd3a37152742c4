/**
 * The noise of a metric series, estimated from a stretch of its own history: the spread of its
 * values and how strongly neighbours move together (lag-1 autocorrelation), with the small-sample
 * corrections that keep a short, quiet stretch from being taken for less noise than there is.
 */
import { ar1MeanDifferenceVariance, ar1MeanVariance, ar1SumVariance } from './ar1.ts';
import type { RangeStats } from './window-stats.ts';

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
 * Noise of a stretch of points. The lag-1 autocorrelation r of n values about their mean is
 * biased low by about (1 + 3r)/n (Marriott & Pope 1954), so it is corrected, kept in [0, 0.95],
 * then raised by half its standard error √((1 − φ²)/n): a short stretch that happens to look
 * independent must not make a rolling-window metric's days count as independent evidence. The
 * variance is the sum of squares over n − S(n, φ)/n, its expectation under AR(1) (the plain
 * n − 1 would understate it when neighbours move together). Null under `MIN_NOISE_POINTS`.
 */
export function noiseOf(r: RangeStats): Noise | null {
  if (r.n < MIN_NOISE_POINTS) return null;
  const lag1 = r.ss > 0 ? r.cross / r.ss : 0;
  const corrected = Math.min(MAX_PHI, Math.max(0, lag1 + (1 + 3 * lag1) / r.n));
  const phi = Math.min(MAX_PHI, corrected + 0.5 * Math.sqrt((1 - corrected * corrected) / r.n));
  const dof = r.n - ar1SumVariance(r.n, phi) / r.n;
  const sd = Math.sqrt(r.ss / Math.max(1, dof));
  return { sd, phi, points: r.n };
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

/**
 * The fleets of the alarm benchmark, as data: what each scenario's models look like and what,
 * if anything, goes wrong with them and when. Every model carries every check a production
 * model has (primary metric with n, three slices with selection rates, latency with a limit, ten
 * input features and the prediction against a reference), so every source of false alarms counts.
 */

/** Noise of the primary metric around its true level. */
export type Noise =
  /** Sampling noise of a daily metric over n predictions, plus a little day-to-day variation beyond it. */
  | { kind: 'sampling'; nDaily: [number, number]; overdispersion: number }
  /** A metric computed over a rolling window: AR(1) with lag-1 correlation phi and this marginal relative sd. */
  | { kind: 'ar1'; phi: number; sd: number; nDaily: [number, number] };

export type Degradation =
  | { kind: 'step'; size: number }
  | { kind: 'decay'; size: number; days: number }
  | { kind: 'collapse'; size: number }
  | { kind: 'slice'; size: number }
  | { kind: 'covariate'; features: number; shift: number }
  | { kind: 'new-category'; share: number }
  | { kind: 'latency'; factor: number }
  | { kind: 'primary-stops'; size: number };

export interface Scenario {
  name: string;
  /** What the scenario stands for, in a line. */
  about: string;
  models: number;
  noise: Noise;
  /** Relative amplitude of a weekend dip (Saturday and Sunday) in the primary metric. */
  weekly?: number;
  /** Relative amplitude of a yearly cycle in the primary metric. */
  yearly?: number;
  /** The expected value (the champion's evaluation) is this much better than the true level, relative. */
  optimism?: [number, number];
  /** Rows behind the reference distributions: small (a test set) or large (the training set). */
  referenceRows: [number, number];
  /** Number of numeric input features that follow a yearly cycle (of 8); the card asks for a seasonal reference. */
  seasonalFeatures?: number;
  degradation?: Degradation;
}

/**
 * Daily metrics at production volume: sampling noise of 2,000-20,000 predictions plus 1% (relative)
 * of day-to-day variation beyond it (the population changes from day to day), as seen in practice.
 */
const REALISTIC: Noise = { kind: 'sampling', nDaily: [2000, 20000], overdispersion: 0.01 };
const LARGE_REF: [number, number] = [50_000, 200_000];

/** Fleets where nothing changes: every non-green day is a false alarm. */
export const NO_CHANGE: Scenario[] = [
  { name: 'iid', about: 'sampling noise at 2,000-20,000 predictions a day', models: 36, noise: REALISTIC, referenceRows: LARGE_REF },
  { name: 'ar1-0.5', about: 'rolling-window metric, AR(1) phi 0.5, sd 2%', models: 36, noise: { kind: 'ar1', phi: 0.5, sd: 0.02, nDaily: [2000, 20000] }, referenceRows: LARGE_REF },
  { name: 'ar1-0.7', about: 'rolling-window metric, AR(1) phi 0.7, sd 2%', models: 36, noise: { kind: 'ar1', phi: 0.7, sd: 0.02, nDaily: [2000, 20000] }, referenceRows: LARGE_REF },
  { name: 'ar1-0.9', about: 'rolling-window metric, AR(1) phi 0.9, sd 2%', models: 36, noise: { kind: 'ar1', phi: 0.9, sd: 0.02, nDaily: [2000, 20000] }, referenceRows: LARGE_REF },
  { name: 'weekly', about: 'weekend dip of 3% in the metric', models: 36, noise: REALISTIC, weekly: 0.03, referenceRows: LARGE_REF },
  { name: 'yearly', about: 'yearly cycle of +-3% in the metric', models: 36, noise: REALISTIC, yearly: 0.03, referenceRows: LARGE_REF },
  { name: 'optimistic', about: 'expected value 1-3% better than production ever is', models: 36, noise: REALISTIC, optimism: [0.01, 0.03], referenceRows: LARGE_REF },
  { name: 'low-volume', about: '100-300 predictions a day (slices 20-150)', models: 36, noise: { kind: 'sampling', nDaily: [100, 300], overdispersion: 0.01 }, referenceRows: LARGE_REF },
  { name: 'small-reference', about: 'reference of 500-1,000 rows (a test set), production windows of thousands', models: 36, noise: REALISTIC, referenceRows: [500, 1000] },
  { name: 'seasonal-features', about: '3 of 8 numeric inputs follow the year (+-0.6 sd); seasonal reference', models: 36, noise: REALISTIC, referenceRows: LARGE_REF, seasonalFeatures: 3 },
];

/** Fleets with a real degradation from an onset day: every non-green day before it is a false alarm. */
export const DEGRADATIONS: Scenario[] = [
  { name: 'step-3%', about: 'primary metric 3% worse from the onset', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.03 } },
  { name: 'step-5%', about: 'primary metric 5% worse', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.05 } },
  { name: 'step-10%', about: 'primary metric 10% worse', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.1 } },
  { name: 'step-20%', about: 'primary metric 20% worse', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.2 } },
  { name: 'step-10% ar1', about: '10% worse, rolling-window metric (AR(1) phi 0.7)', models: 24, noise: { kind: 'ar1', phi: 0.7, sd: 0.02, nDaily: [2000, 20000] }, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.1 } },
  { name: 'step-10% low-volume', about: '10% worse at 100-300 predictions a day', models: 24, noise: { kind: 'sampling', nDaily: [100, 300], overdispersion: 0.01 }, referenceRows: LARGE_REF, degradation: { kind: 'step', size: 0.1 } },
  { name: 'decay', about: 'slow decay to 15% worse over 60 days', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'decay', size: 0.15, days: 60 } },
  { name: 'collapse', about: 'primary metric 35% worse at once', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'collapse', size: 0.35 } },
  { name: 'slice', about: 'one slice (20% of traffic) 15% worse', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'slice', size: 0.15 } },
  { name: 'shift-1of10', about: 'covariate shift of 0.5 sd in 1 of 10 inputs', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'covariate', features: 1, shift: 0.5 } },
  { name: 'shift-6of10', about: 'covariate shift of 0.5 sd in 6 of 10 inputs', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'covariate', features: 6, shift: 0.5 } },
  { name: 'new-category', about: 'a category never seen in training, 3% of rows', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'new-category', share: 0.03 } },
  { name: 'latency', about: 'p95 latency 2.2x from the onset (limit 1.8x normal)', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'latency', factor: 2.2 } },
  { name: 'primary-stops', about: 'primary metric lines stop (and it falls 15%); latency lines go on', models: 24, noise: REALISTIC, referenceRows: LARGE_REF, degradation: { kind: 'primary-stops', size: 0.15 } },
];

/** Days of history before scoring starts (models have been in production for a while). */
export const WARMUP_DAYS = 120;
/** Days scored per model. */
export const SCORED_DAYS = 240;
/** First day of history. */
export const DAY0 = '2025-03-01';
/** Onsets of degradations fall in these scored days, leaving at least 60 days after. */
export const ONSET_RANGE: [number, number] = [30, 180];

/**
 * Champion vs challenger on the same production window: the days both versions reported the
 * primary metric (overall) are paired; the mean paired improvement of the challenger
 * (direction-aware) gets a percentile bootstrap confidence interval (2,000 resamples, seeded by
 * the model and versions so every build agrees). Daily values of a metric computed over a
 * rolling window move together, so the days are resampled in blocks as long as one independent
 * day is worth (the moving-block bootstrap), and the days must be worth `MIN_PAIRS` independent
 * ones. Recommendation: promote when the whole interval is above zero, keep otherwise, not enough
 * data under `MIN_PAIRS` (effective) paired days.
 *
 * Why: resampling 30 days of a 7-day rolling metric as if independent gave intervals so narrow
 * that, with no real difference, 15-30% of windows recommended a promotion (nominal 2.5%); with
 * blocks and the effective-n floor, 3-9% (simulated AR(1) days, test/core/comparison.test.ts).
 */
import type { Deployment } from '../schema/card.ts';
import type { ModelContext } from './context.ts';
import { num } from './health.ts';
import { countUpTo } from './select.ts';
import { hashSeed, mulberry32 } from './random.ts';
import { DAY_MS, dayOf } from './time.ts';
import type { Comparison } from './types.ts';

export const MIN_PAIRS = 7;
export const COMPARISON_DAYS = 30;
const RESAMPLES = 2000;
const CONFIDENCE = 0.95;

/**
 * Lag-1 autocorrelation of a series: the lag-1 autocovariance over the variance, both about the
 * mean and over n (the usual sample ACF, as statsmodels' `acf`); 0 for a series shorter than 3 or
 * constant up to rounding (0.84 - 0.80 is not exactly 0.04: such noise has no autocorrelation to speak of).
 */
export function lag1Autocorrelation(x: readonly number[]): number {
  const n = x.length;
  if (n < 3) return 0;
  let mean = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    mean += v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  mean /= n;
  if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) return 0;
  let c0 = 0;
  let c1 = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mean;
    c0 += a * a;
    if (i + 1 < n) c1 += a * (x[i + 1] - mean);
  }
  return c0 > 0 ? c1 / c0 : 0;
}

/**
 * How many independent values the mean of a series is worth when neighbouring values move
 * together (daily values of a metric computed over a rolling window do): n (1 - r) / (1 + r), the
 * AR(1) approximation with r the lag-1 autocorrelation when positive; between 1 and n.
 */
export function effectiveSampleSize(x: readonly number[]): number {
  const n = x.length;
  if (n === 0) return 0;
  const r0 = lag1Autocorrelation(x);
  // The sample autocorrelation of a short series is biased low by about (1 + 3r) / n (Marriott &
  // Pope 1954; Kendall 1954): corrected, so that a short window is not taken for more evidence than it is.
  const r = Math.min(0.99, Math.max(0, r0 + (1 + 3 * r0) / n));
  return Math.min(n, Math.max(1, (n * (1 - r)) / (1 + r)));
}

/** Whether paired days are worth clearly fewer independent ones (under 80%): then reports say how many. */
export function movesTogether(days: number, effectiveN: number): boolean {
  return effectiveN < 0.8 * days;
}

/** Bootstrap block length for a series: the values one independent value is worth, n / n_eff rounded, at most n / 2. */
export function blockLength(n: number, effectiveN: number): number {
  if (n < 2 || effectiveN >= n) return 1;
  return Math.max(1, Math.min(Math.floor(n / 2), Math.round(n / Math.max(1, effectiveN))));
}

/**
 * Percentile bootstrap CI of the mean of `d`, resampling blocks of `block` consecutive values
 * (the circular moving-block bootstrap, Künsch 1989; Politis & Romano 1992), so that values that
 * move together are drawn together. With `block` 1 it is the ordinary bootstrap.
 */
export function bootstrapMeanCi(d: readonly number[], seed: number, block = 1, resamples = RESAMPLES, confidence = CONFIDENCE): [number, number] {
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  const n = d.length;
  const b = Math.max(1, Math.min(block, n));
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let taken = 0; taken < n; ) {
      const start = Math.floor(rand() * n);
      for (let j = 0; j < b && taken < n; j++, taken++) s += d[(start + j) % n];
    }
    means[r] = s / n;
  }
  means.sort();
  const lo = means[Math.floor(((1 - confidence) / 2) * (resamples - 1))];
  const hi = means[Math.ceil((1 - (1 - confidence) / 2) * (resamples - 1))];
  return [lo, hi];
}

export function compareChallenger(ctx: ModelContext, dep: Deployment): Comparison | null {
  const champ = ctx.champion;
  if (!champ || dep.role !== 'challenger') return null;
  const metric = ctx.card.primary_metric.name;
  const dir = ctx.card.primary_metric.direction;
  const base: Comparison = {
    champion: champ.version, challenger: dep.version, mode: dep.mode, traffic: dep.traffic ?? null, metric,
    window: null, paired_points: 0, effective_n: null, champion_mean: null, challenger_mean: null, improvement: null, ci: null,
    confidence: CONFIDENCE, recommendation: 'not_enough_data', evidence: '',
  };
  const a = ctx.idx.get(metric, champ.version);
  const b = ctx.idx.get(metric, dep.version);
  if (!a || !b) return { ...base, evidence: `no production ${metric} for ${!b ? dep.version : champ.version} yet` };
  const from = ctx.asOf.endMs - COMPARISON_DAYS * DAY_MS;
  // Pair by calendar day: the last value each version reported that day.
  const byDay = (s: { t: number[]; value: number[] }) => {
    const m = new Map<string, number>();
    const end = countUpTo(s.t, ctx.asOf.endMs);
    for (let i = 0; i < end; i++) if (s.t[i] > from) m.set(dayOf(s.t[i]), s.value[i]);
    return m;
  };
  const ma = byDay(a);
  const mb = byDay(b);
  const days = [...ma.keys()].filter((d) => mb.has(d)).sort();
  const diffs = days.map((d) => (dir === 'higher_is_better' ? mb.get(d)! - ma.get(d)! : ma.get(d)! - mb.get(d)!));
  const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const effectiveN = effectiveSampleSize(diffs);
  const out: Comparison = {
    ...base,
    window: days.length ? { from: days[0], to: days[days.length - 1] } : null,
    paired_points: days.length,
    effective_n: days.length ? Math.round(effectiveN * 10) / 10 : null,
    champion_mean: days.length ? meanOf(days.map((d) => ma.get(d)!)) : null,
    challenger_mean: days.length ? meanOf(days.map((d) => mb.get(d)!)) : null,
    improvement: days.length ? meanOf(diffs) : null,
  };
  if (days.length < MIN_PAIRS) {
    return { ...out, evidence: `${days.length} day(s) with both versions reporting ${metric} in the last ${COMPARISON_DAYS} days; at least ${MIN_PAIRS} needed` };
  }
  const worth = movesTogether(days.length, effectiveN) ? `, worth ~${Math.round(effectiveN)} independent days as they move together` : '';
  if (effectiveN < MIN_PAIRS) {
    return { ...out, evidence: `${days.length} paired days of ${metric}${worth}; at least ${MIN_PAIRS} independent days needed` };
  }
  const ci = bootstrapMeanCi(diffs, hashSeed(`${ctx.model.id}/${champ.version}/${dep.version}`), blockLength(days.length, effectiveN));
  const better = dir === 'higher_is_better' ? 'higher' : 'lower';
  const summary = `${dep.version} ${num(out.challenger_mean!)} vs ${champ.version} ${num(out.champion_mean!)} on ${days.length} paired days${worth}; mean improvement ${num(out.improvement!)} (approximate 95% CI ${num(ci[0])} to ${num(ci[1])}; ${better} is better)`;
  if (ci[0] > 0) return { ...out, ci, recommendation: 'promote', evidence: `${summary}: the challenger is better` };
  if (ci[1] < 0) return { ...out, ci, recommendation: 'keep', evidence: `${summary}: the challenger is worse` };
  return { ...out, ci, recommendation: 'keep', evidence: `${summary}: no clear difference` };
}

/**
 * Champion vs challenger on the same production window: the days both versions reported the
 * primary metric (overall) are paired; the mean paired improvement of the challenger
 * (direction-aware) gets a percentile bootstrap confidence interval (2,000 resamples, seeded by
 * the model and versions so every build agrees). Recommendation: promote when the whole interval
 * is above zero, keep otherwise, not enough data under `MIN_PAIRS` paired days.
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

/** Percentile bootstrap CI of the mean of `d`. */
export function bootstrapMeanCi(d: number[], seed: number, resamples = RESAMPLES, confidence = CONFIDENCE): [number, number] {
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  const n = d.length;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(rand() * n)];
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
    window: null, paired_points: 0, champion_mean: null, challenger_mean: null, improvement: null, ci: null,
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
  const out: Comparison = {
    ...base,
    window: days.length ? { from: days[0], to: days[days.length - 1] } : null,
    paired_points: days.length,
    champion_mean: days.length ? meanOf(days.map((d) => ma.get(d)!)) : null,
    challenger_mean: days.length ? meanOf(days.map((d) => mb.get(d)!)) : null,
    improvement: days.length ? meanOf(diffs) : null,
  };
  if (days.length < MIN_PAIRS) {
    return { ...out, evidence: `${days.length} day(s) with both versions reporting ${metric} in the last ${COMPARISON_DAYS} days; at least ${MIN_PAIRS} needed` };
  }
  const ci = bootstrapMeanCi(diffs, hashSeed(`${ctx.model.id}/${champ.version}/${dep.version}`));
  const better = dir === 'higher_is_better' ? 'higher' : 'lower';
  const summary = `${dep.version} ${num(out.challenger_mean!)} vs ${champ.version} ${num(out.champion_mean!)} on ${days.length} paired days; mean improvement ${num(out.improvement!)} (95% CI ${num(ci[0])} to ${num(ci[1])}; ${better} is better)`;
  if (ci[0] > 0) return { ...out, ci, recommendation: 'promote', evidence: `${summary}: the challenger is better` };
  if (ci[1] < 0) return { ...out, ci, recommendation: 'keep', evidence: `${summary}: the challenger is worse` };
  return { ...out, ci, recommendation: 'keep', evidence: `${summary}: no clear difference` };
}

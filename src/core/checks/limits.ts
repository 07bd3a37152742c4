/**
 * Limit checks on operational metrics: software (latency p95, error rate) and data quality
 * (null rate, out-of-range share). The latest value of each is the median of its last 5 points,
 * so a spike, or a two-day incident, does not turn a model amber and a lasting regression shows on
 * its third day: above the limit is amber, above twice the limit red. A metric with no value for the staleness days
 * cannot vouch for the model: its check is unknown.
 */
import type { Card } from '../../schema/card.ts';
import type { ModelContext } from '../context.ts';
import { num, SEVERITY, worst } from '../health.ts';
import { quantileSorted } from '../stats/quantile-sorted.ts';
import { staleAfterDays } from '../lifecycle.ts';
import { ageInDays, dayOf } from '../time.ts';
import type { Check, CheckName, Health } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import type { Judge } from './judge.ts';

/** Points whose median is "the latest value" of an operational metric. */
export const LATEST = 5;

export interface Limit {
  metric: string;
  label: string;
  limit: number;
}

/** Median of the last `LATEST` values up to end (fewer at the start of a series). */
function latestMedian(v: number[], end: number): number {
  return quantileSorted(v.slice(Math.max(0, end - LATEST), end).sort((a, b) => a - b), 0.5);
}

interface State {
  l: Limit;
  value: number | null;
  age: number;
  last: number;
  status: Health;
}

function limitJudge(ctx: ModelContext, check: CheckName, limits: Limit[]): Judge | null {
  if (limits.length === 0) return null;
  const version = ctx.servingVersion;
  const staleAfter = staleAfterDays(ctx.card, ctx.config);
  const threshold = `${limits.map((l) => `${l.label} <= ${num(l.limit)}`).join(', ')} (median of the last ${LATEST} values; red above twice the limit)`;
  const tracked = limits.map((l) => {
    const s = version ? ctx.idx.get(l.metric, version) : undefined;
    return { l, s, upTo: s ? new CountUpTo(s.t) : null };
  });
  let states: State[] = [];
  return {
    check,
    day(endMs) {
      states = tracked.map(({ l, s, upTo }) => {
        const end = upTo ? upTo.at(endMs) : 0;
        if (!s || end === 0) return { l, value: null, age: 0, last: 0, status: 'unknown' as Health };
        const value = latestMedian(s.value, end);
        const age = ageInDays(endMs, s.t[end - 1]);
        const status: Health = age >= staleAfter ? 'unknown' : value > 2 * l.limit ? 'red' : value > l.limit ? 'amber' : 'green';
        return { l, value, age, last: s.t[end - 1], status };
      });
      return worst(states.map((x) => x.status));
    },
    verdict(): Check {
      let w = states[0];
      for (const x of states) if (SEVERITY[x.status] > SEVERITY[w.status]) w = x;
      const { l } = w;
      const reason = w.value === null
        ? `${l.label}: no "${l.metric}" data`
        : w.status === 'unknown'
          ? `${l.label}: no value for ${w.age} days (last ${dayOf(w.last)}, ${num(w.value)})`
          : `${l.label} ${num(w.value)} is ${w.status === 'green' ? 'within' : 'over'} the limit ${num(l.limit)}`;
      return { check, status: w.status, value: w.value, threshold, reason };
    },
  };
}

function softwareLimits(card: Card): Limit[] {
  const sw = card.software;
  const limits: Limit[] = [];
  if (sw?.latency_p95_ms !== undefined) limits.push({ metric: 'latency_p95_ms', label: 'latency p95 (ms)', limit: sw.latency_p95_ms });
  if (sw?.error_rate !== undefined) limits.push({ metric: 'error_rate', label: 'error rate', limit: sw.error_rate });
  return limits;
}

function dataQualityLimits(card: Card): Limit[] {
  const dq = card.data_quality;
  const limits: Limit[] = [];
  if (dq?.null_rate !== undefined) limits.push({ metric: 'null_rate', label: 'null rate', limit: dq.null_rate });
  if (dq?.out_of_range_rate !== undefined) limits.push({ metric: 'out_of_range_rate', label: 'out-of-range share', limit: dq.out_of_range_rate });
  return limits;
}

export function softwareJudge(ctx: ModelContext): Judge | null {
  return limitJudge(ctx, 'software', softwareLimits(ctx.card));
}

export function dataQualityJudge(ctx: ModelContext): Judge | null {
  return limitJudge(ctx, 'data_quality', dataQualityLimits(ctx.card));
}

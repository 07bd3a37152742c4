/**
 * Limit checks on operational metrics: software (latency p95, error rate) and data quality
 * (null rate, out-of-range share). The latest values (mean of the last 3 points) are compared
 * to the card's limits: above the limit is amber, above twice the limit is red.
 */
import type { Card } from '../../schema/card.ts';
import type { ModelContext } from '../context.ts';
import { num } from '../health.ts';
import { countUpTo, rollingMeanAt } from '../select.ts';
import type { Check, CheckName, Health } from '../types.ts';

/** Points averaged for "the latest value" of an operational metric. */
export const LATEST = 3;

export interface Limit {
  metric: string;
  label: string;
  limit: number;
}

function limitCheck(ctx: ModelContext, check: CheckName, limits: Limit[]): Check | null {
  if (limits.length === 0) return null;
  const version = ctx.servingVersion;
  let worst: { status: Health; reason: string; value: number | null } | null = null;
  const rank = { green: 0, unknown: 1, amber: 2, red: 3 };
  const parts: string[] = [];
  for (const l of limits) {
    const s = version ? ctx.idx.get(l.metric, version) : undefined;
    const end = s ? countUpTo(s.t, ctx.asOf.endMs) : 0;
    const { mean } = s ? rollingMeanAt(s.value, end, LATEST) : { mean: null };
    parts.push(`${l.label} <= ${num(l.limit)}`);
    let r: { status: Health; reason: string; value: number | null };
    if (mean === null) r = { status: 'unknown', reason: `${l.label}: no "${l.metric}" data`, value: null };
    else {
      const status: Health = mean > 2 * l.limit ? 'red' : mean > l.limit ? 'amber' : 'green';
      const verb = status === 'green' ? 'within' : 'over';
      r = { status, reason: `${l.label} ${num(mean)} is ${verb} the limit ${num(l.limit)}`, value: mean };
    }
    if (!worst || rank[r.status] > rank[worst.status]) worst = r;
  }
  return { check, status: worst!.status, value: worst!.value, threshold: `${parts.join(', ')} (red above twice the limit)`, reason: worst!.reason };
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

/** Every operational limit of a card (software and data quality), for the history replay. */
export function limitsOf(card: Card): Limit[] {
  return [...softwareLimits(card), ...dataQualityLimits(card)];
}

export function softwareCheck(ctx: ModelContext): Check | null {
  return limitCheck(ctx, 'software', softwareLimits(ctx.card));
}

export function dataQualityCheck(ctx: ModelContext): Check | null {
  return limitCheck(ctx, 'data_quality', dataQualityLimits(ctx.card));
}

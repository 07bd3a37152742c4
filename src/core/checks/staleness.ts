/**
 * Staleness: how long since the model's last production metric point. Judged only for models
 * that should be reporting (production, retraining, staging).
 */
import type { ModelContext } from '../context.ts';
import { countUpTo } from '../select.ts';
import { dayOf, daysBefore } from '../time.ts';
import type { Check } from '../types.ts';

export const REPORTING_LIFECYCLES = new Set(['production', 'retraining', 'staging']);

/** Time of the last point of any series at or before the evaluation time, or null. */
export function lastDataMs(ctx: ModelContext): number | null {
  let last: number | null = null;
  for (const s of ctx.model.series) {
    const end = countUpTo(s.t, ctx.asOf.endMs);
    if (end > 0 && (last === null || s.t[end - 1] > last)) last = s.t[end - 1];
  }
  return last;
}

export function stalenessCheck(ctx: ModelContext): Check | null {
  if (!REPORTING_LIFECYCLES.has(ctx.card.lifecycle)) return null;
  const st = ctx.card.staleness ?? ctx.config.defaults.staleness;
  const threshold = `amber after ${st.amber_days} days, red after ${st.red_days} days without data`;
  const last = lastDataMs(ctx);
  if (last === null) return { check: 'staleness', status: 'unknown', value: null, threshold, reason: 'no production metrics at all' };
  const age = daysBefore(ctx.asOf, last);
  const status = age >= st.red_days ? 'red' : age >= st.amber_days ? 'amber' : 'green';
  const reason = age <= 0 ? 'metrics are current (last point today)' : `no metrics for ${age} day${age === 1 ? '' : 's'} (last point ${dayOf(last)})`;
  return { check: 'staleness', status, value: age, threshold, reason };
}

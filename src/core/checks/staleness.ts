/**
 * Freshness: how long since the primary metric's last production value. A model whose other
 * metrics keep arriving while its primary metric stopped is stale: evidence must be current to
 * count. Judged only for models that should be reporting (production, retraining, staging).
 */
import type { ModelContext } from '../context.ts';
import { REPORTING_LIFECYCLES } from '../lifecycle.ts';
import { countUpTo } from '../select.ts';
import { ageInDays, dayOf } from '../time.ts';
import type { Check, Health } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import type { Judge } from './judge.ts';
import { missingPrimaryReason } from './primary.ts';

/** Time of the last point of any series at or before the evaluation time, or null. */
export function lastDataMs(ctx: ModelContext): number | null {
  let last: number | null = null;
  for (const s of ctx.model.series) {
    const end = countUpTo(s.t, ctx.asOf.endMs);
    if (end > 0 && (last === null || s.t[end - 1] > last)) last = s.t[end - 1];
  }
  return last;
}

export function freshnessJudge(ctx: ModelContext): Judge | null {
  if (!REPORTING_LIFECYCLES.has(ctx.card.lifecycle)) return null;
  const st = ctx.card.staleness ?? ctx.config.defaults.staleness;
  const pm = ctx.card.primary_metric;
  const label = pm.label ?? pm.name;
  const threshold = `amber after ${st.amber_days} days, red after ${st.red_days} days without ${label} values`;
  const s = ctx.primary;
  const upTo = s ? new CountUpTo(s.t, ctx.primaryEnd) : null;
  let endMs = 0;
  let end = 0;
  let status: Health = 'unknown';
  return {
    check: 'staleness',
    day(dayEnd) {
      endMs = dayEnd;
      end = upTo ? upTo.at(dayEnd) : 0;
      if (!s || end === 0) return (status = 'unknown');
      const age = ageInDays(dayEnd, s.t[end - 1]);
      return (status = age >= st.red_days ? 'red' : age >= st.amber_days ? 'amber' : 'green');
    },
    verdict(): Check {
      if (!s || end === 0) return { check: 'staleness', status: 'unknown', value: null, threshold, reason: `${label}: ${s ? 'no production values yet' : missingPrimaryReason(ctx)}` };
      const age = ageInDays(endMs, s.t[end - 1]);
      const reason = age <= 0 ? `${label} is current (last value today)` : `no ${label} value for ${age} day${age === 1 ? '' : 's'} (last ${dayOf(s.t[end - 1])})`;
      return { check: 'staleness', status, value: age, threshold, reason };
    },
  };
}

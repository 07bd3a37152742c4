/**
 * Status history, replayed day by day from the series (no stored state): each day's health is
 * the worst of the series-based checks as they stood that day (primary metric vs expected on the
 * rolling window, and staleness of the primary series). The evaluation day itself takes the full
 * health, so the last entry always matches the badge. Drift and fairness are judged on the
 * evaluation day only. O(days + points).
 */
import { shortfall } from './baseline.ts';
import type { ModelContext } from './context.ts';
import { num, pct, SEVERITY } from './health.ts';
import { REPORTING_LIFECYCLES } from './checks/staleness.ts';
import { DAY_MS, dayOf } from './time.ts';
import type { Health, Transition } from './types.ts';

export const HISTORY_DAYS = 90;

export function replayHistory(
  ctx: ModelContext,
  expected: number | null,
  today: { health: Health; reason: string },
  days = HISTORY_DAYS,
): { days: { date: string; health: Health }[]; transitions: Transition[] } {
  const s = ctx.primary;
  const out: { date: string; health: Health; reason: string }[] = [];
  const th = ctx.card.thresholds ?? ctx.config.defaults.thresholds;
  const st = ctx.card.staleness ?? ctx.config.defaults.staleness;
  const window = ctx.config.defaults.rolling_window;
  const minPoints = ctx.config.defaults.min_points;
  const dir = ctx.card.primary_metric.direction;
  const label = ctx.card.primary_metric.label ?? ctx.card.primary_metric.name;
  const reporting = REPORTING_LIFECYCLES.has(ctx.card.lifecycle);
  const end = ctx.primaryEnd;
  const firstDay = s && end > 0 ? Math.floor(s.t[0] / DAY_MS) * DAY_MS : ctx.asOf.endMs;
  const startEnd = Math.max(ctx.asOf.endMs - (days - 1) * DAY_MS, firstDay + DAY_MS - 1);
  let i = 0;
  let sum = 0;
  for (let dayEnd = startEnd; dayEnd < ctx.asOf.endMs; dayEnd += DAY_MS) {
    // Advance the rolling window to the points up to this day's end.
    while (s && i < end && s.t[i] <= dayEnd) {
      sum += s.value[i];
      if (i >= window) sum -= s.value[i - window];
      i++;
    }
    const count = Math.min(i, window);
    let health: Health = 'unknown';
    let reason = `${label}: too little data`;
    if (expected !== null && s && i >= minPoints) {
      const mean = sum / count;
      const short = shortfall(mean, expected, dir, th.mode);
      health = short >= th.red ? 'red' : short >= th.amber ? 'amber' : 'green';
      reason = `${label} ${num(mean)} vs expected ${num(expected)} (${th.mode === 'relative' ? pct(short) : num(short)} shortfall)`;
      if (reporting) {
        const age = Math.floor((dayEnd - s.t[i - 1]) / DAY_MS);
        const stale: Health = age >= st.red_days ? 'red' : age >= st.amber_days ? 'amber' : 'green';
        if (SEVERITY[stale] > SEVERITY[health]) {
          health = stale;
          reason = `no metrics for ${age} days`;
        }
      }
    }
    out.push({ date: dayOf(dayEnd), health, reason });
  }
  out.push({ date: ctx.asOf.date, health: today.health, reason: today.reason });
  const transitions: Transition[] = [];
  for (let k = 1; k < out.length; k++) {
    if (out[k].health !== out[k - 1].health) {
      transitions.push({ model: ctx.model.id, date: out[k].date, from: out[k - 1].health, to: out[k].health, reason: out[k].reason });
    }
  }
  return { days: out.map(({ date, health }) => ({ date, health })), transitions };
}

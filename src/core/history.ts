/**
 * The day walk: every check that series alone decide (judges, checks/judge.ts) is judged day by
 * day from the first day of data to the evaluation day. The last day's verdicts are the current
 * checks; the days are the status history, so history and current health agree by construction
 * and carry the same state (a level held by hysteresis, a change raised until it recovers), and
 * a day's status is the same whichever later day one evaluates on. Drift compares distributions
 * and is judged on the evaluation day only (decision 7), so it is in the current health and the
 * alerts, not in the history. O(days × checks), each judge O(1) a day.
 */
import type { ModelContext } from './context.ts';
import { SEVERITY } from './health.ts';
import { DAY_MS, dayOf } from './time.ts';
import type { Check, Health, HealthSince, Transition } from './types.ts';
import type { Judge } from './checks/judge.ts';

export const HISTORY_DAYS = 90;

/** The checks the history replays, in words (shown beside the history). */
export const REPLAYED_CHECKS = 'primary metric and its changes, freshness, fairness by slice, software and data-quality limits';

export interface Walk {
  /** The verdict of every judge that applied on the evaluation day. */
  checks: Check[];
  history: { days: { date: string; health: Health }[]; transitions: Transition[] };
}

/** First day to judge: the serving version's first primary-metric point, else the first point of any series. */
function firstDayEnd(ctx: ModelContext): number {
  let first = ctx.primary && ctx.primaryEnd > 0 ? ctx.primary.t[0] : Infinity;
  if (first === Infinity) for (const s of ctx.model.series) if (s.t.length && s.t[0] < first) first = s.t[0];
  if (!(first <= ctx.asOf.endMs)) return ctx.asOf.endMs;
  return Math.floor(first / DAY_MS) * DAY_MS + DAY_MS - 1;
}

/** When two checks are equally bad, the one whose reason a reader should see first. */
const REASON_ORDER: Record<string, number> = { primary_metric: 0, staleness: 1, performance_drift: 2, fairness: 3, software: 4, data_quality: 5 };

/**
 * Judge every day from the first data to the evaluation day; keep the last `days` days as the
 * history. `onDay` is told each kept day's status of every judge (null where it did not apply).
 */
export function walkDays(ctx: ModelContext, judges: Judge[], days = HISTORY_DAYS, onDay?: (dayEnd: number, statuses: (Health | null)[]) => void): Walk {
  const asOfEnd = ctx.asOf.endMs;
  const keepFrom = asOfEnd - (days - 1) * DAY_MS;
  const out: { date: string; health: Health }[] = [];
  const transitions: Transition[] = [];
  const statuses: (Health | null)[] = judges.map(() => null);
  let previous: Health | null = null;
  for (let dayEnd = Math.min(firstDayEnd(ctx), asOfEnd); dayEnd <= asOfEnd; dayEnd += DAY_MS) {
    let health: Health = 'unknown';
    let worst = -1;
    for (let i = 0; i < judges.length; i++) {
      const h = judges[i].day(dayEnd);
      statuses[i] = h;
      if (h !== null && (worst < 0 || SEVERITY[h] > SEVERITY[health] || (SEVERITY[h] === SEVERITY[health] && (REASON_ORDER[judges[i].check] ?? 9) < (REASON_ORDER[judges[worst].check] ?? 9)))) {
        health = h;
        worst = i;
      }
    }
    if (dayEnd < keepFrom) {
      previous = health;
      continue;
    }
    onDay?.(dayEnd, statuses.slice());
    const date = dayOf(dayEnd);
    if (previous !== null && out.length > 0 && health !== previous) {
      transitions.push({ model: ctx.model.id, date, from: previous, to: health, reason: worst >= 0 ? judges[worst].verdict().reason : 'no checks could run' });
    }
    out.push({ date, health });
    previous = health;
  }
  const checks = judges.filter((_, i) => statuses[i] !== null).map((j) => j.verdict());
  return { checks, history: { days: out, transitions } };
}

/**
 * The first day of the run of days that ends the day history and all pass `keep`, or null when the
 * last day does not. `earlier` when the run fills the whole kept history (it began then or before).
 */
function runSince(days: { date: string; health: Health }[], keep: (h: Health) => boolean): HealthSince | null {
  if (!days.length || !keep(days[days.length - 1].health)) return null;
  let i = days.length - 1;
  while (i > 0 && keep(days[i - 1].health)) i--;
  const span = Math.round((Date.parse(`${days[days.length - 1].date}T00:00:00Z`) - Date.parse(`${days[i].date}T00:00:00Z`)) / DAY_MS);
  return { date: days[i].date, days: span, earlier: i === 0 && days.length >= HISTORY_DAYS };
}

/**
 * Since when a model has had its current health: the first day of the run of days with that health
 * that ends the day history ("red since 2026-10-30, 1 day"). Null when the history's last day has
 * another health: drift is judged on the evaluation day only and a registry error is not replayed,
 * so the history cannot date a health they set.
 */
export function healthSince(history: { days: { date: string; health: Health }[] }, health: Health): HealthSince | null {
  return runSince(history.days, (h) => h === health);
}

/**
 * Since when a model has not been green, however its colour moved in between (amber since August,
 * red since yesterday): null when the history's last day is green.
 */
export function notGreenSince(history: { days: { date: string; health: Health }[] }): HealthSince | null {
  return runSince(history.days, (h) => h !== 'green');
}

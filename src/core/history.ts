/**
 * Status history, replayed day by day from the series (no stored state). Each day's health is
 * the worst of the checks that can be judged from series alone, as they stood that day: the
 * primary metric vs expected on its rolling window, staleness, and the software and
 * data-quality limits (mean of their last 3 points). Drift and fairness compare distributions
 * and slices and are judged on the evaluation day only, so they never invent a dated
 * transition (a drifting model is in the current health and the alerts, not in the history).
 * The replay uses today's expected value and champion. O(days + points).
 */
import { shortfall } from './baseline.ts';
import { REPORTING_LIFECYCLES } from './checks/staleness.ts';
import { limitsOf, LATEST } from './checks/limits.ts';
import type { ModelContext } from './context.ts';
import { num, pct, SEVERITY } from './health.ts';
import { DAY_MS, dayOf } from './time.ts';
import type { Health, Transition } from './types.ts';

export const HISTORY_DAYS = 90;

/** The checks the history replays, in words (shown beside the history). */
export const REPLAYED_CHECKS = 'primary metric, freshness, software and data-quality limits';

/** A sorted series walked forward in time, keeping a sum of its last `window` values. */
class Cursor {
  i = 0;
  sum = 0;
  private t: number[];
  private v: number[];
  private end: number;
  private window: number;
  constructor(t: number[], v: number[], end: number, window: number) {
    this.t = t;
    this.v = v;
    this.end = end;
    this.window = window;
  }
  advance(to: number): void {
    while (this.i < this.end && this.t[this.i] <= to) {
      this.sum += this.v[this.i];
      if (this.i >= this.window) this.sum -= this.v[this.i - this.window];
      this.i++;
    }
  }
  get count(): number {
    return Math.min(this.i, this.window);
  }
  get mean(): number | null {
    return this.i ? this.sum / this.count : null;
  }
  get lastT(): number | null {
    return this.i ? this.t[this.i - 1] : null;
  }
}

export function replayHistory(ctx: ModelContext, expected: number | null, days = HISTORY_DAYS): { days: { date: string; health: Health }[]; transitions: Transition[] } {
  const s = ctx.primary;
  const th = ctx.card.thresholds ?? ctx.config.defaults.thresholds;
  const st = ctx.card.staleness ?? ctx.config.defaults.staleness;
  const minPoints = ctx.config.defaults.min_points;
  const dir = ctx.card.primary_metric.direction;
  const label = ctx.card.primary_metric.label ?? ctx.card.primary_metric.name;
  const reporting = REPORTING_LIFECYCLES.has(ctx.card.lifecycle);
  const primary = s ? new Cursor(s.t, s.value, ctx.primaryEnd, ctx.config.defaults.rolling_window) : null;
  const limits = limitsOf(ctx.card).flatMap((l) => {
    const ls = ctx.servingVersion ? ctx.idx.get(l.metric, ctx.servingVersion) : undefined;
    return ls ? [{ ...l, cur: new Cursor(ls.t, ls.value, ls.t.length, LATEST) }] : [];
  });
  const firstDay = s && ctx.primaryEnd > 0 ? Math.floor(s.t[0] / DAY_MS) * DAY_MS : ctx.asOf.endMs - DAY_MS + 1;
  const startEnd = Math.max(ctx.asOf.endMs - (days - 1) * DAY_MS, firstDay + DAY_MS - 1);
  const out: { date: string; health: Health; reason: string }[] = [];
  for (let dayEnd = startEnd; dayEnd <= ctx.asOf.endMs; dayEnd += DAY_MS) {
    let health: Health = 'unknown';
    let reason = `${label}: too little data`;
    const raise = (h: Health, r: string) => {
      if (SEVERITY[h] > SEVERITY[health]) {
        health = h;
        reason = r;
      }
    };
    primary?.advance(dayEnd);
    if (expected !== null && primary && primary.i >= minPoints) {
      const mean = primary.mean!;
      const raw = shortfall(mean, expected, dir, th.mode);
      const short = Math.abs(raw) < 1e-9 ? 0 : raw;
      health = short >= th.red ? 'red' : short >= th.amber ? 'amber' : 'green';
      reason = `${label} ${num(mean)} vs expected ${num(expected)} (${short > 0 ? `${th.mode === 'relative' ? pct(short) : num(short)} worse` : 'on target or better'})`;
      if (reporting) {
        const age = Math.floor((dayEnd - primary.lastT!) / DAY_MS);
        raise(age >= st.red_days ? 'red' : age >= st.amber_days ? 'amber' : 'green', `no metrics for ${age} days`);
      }
      for (const l of limits) {
        l.cur.advance(dayEnd);
        const m = l.cur.mean;
        if (m !== null) raise(m > 2 * l.limit ? 'red' : m > l.limit ? 'amber' : 'green', `${l.label} ${num(m)} over the limit ${num(l.limit)}`);
      }
    }
    out.push({ date: dayOf(dayEnd), health, reason });
  }
  const transitions: Transition[] = [];
  for (let k = 1; k < out.length; k++) {
    if (out[k].health !== out[k - 1].health) {
      transitions.push({ model: ctx.model.id, date: out[k].date, from: out[k - 1].health, to: out[k].health, reason: out[k].reason });
    }
  }
  return { days: out.map(({ date, health }) => ({ date, health })), transitions };
}

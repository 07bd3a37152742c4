/**
 * Primary-metric degradation: the rolling mean of the latest values vs the expected value,
 * direction-aware, relative or absolute (default amber at a 5% shortfall, red at 10%).
 * Fewer points than `min_points` gives unknown: never green for lack of data.
 */
import { expectedValue, shortfall, valueAtShortfall } from '../baseline.ts';
import type { ModelContext } from '../context.ts';
import { num, pct } from '../health.ts';
import { rollingMeanAt } from '../select.ts';
import { dayOf } from '../time.ts';
import type { Check, PrimaryStatus } from '../types.ts';

export function primaryCheck(ctx: ModelContext): { check: Check; primary: PrimaryStatus } {
  const { card, config, primary: s, primaryEnd: end } = ctx;
  const pm = card.primary_metric;
  const th = card.thresholds ?? config.defaults.thresholds;
  const window = config.defaults.rolling_window;
  const since = card.deployments.find((d) => d.role === 'champion')?.since;
  const base = expectedValue(card, ctx.champion, s, since);
  const roll = s ? rollingMeanAt(s.value, end, window) : { mean: null, count: 0 };
  const latest = s && end > 0 ? s.value[end - 1] : null;
  const primary: PrimaryStatus = {
    name: pm.name,
    label: pm.label ?? pm.name,
    direction: pm.direction,
    value: roll.mean,
    latest,
    latest_ts: s && end > 0 ? dayOf(s.t[end - 1]) : null,
    expected: base.value,
    expected_source: base.source,
    delta: roll.mean !== null && base.value !== null ? roll.mean - base.value : null,
    delta_pct: roll.mean !== null && base.value !== null && base.value !== 0 ? (roll.mean - base.value) / Math.abs(base.value) : null,
    amber_at: base.value !== null ? valueAtShortfall(base.value, th.amber, pm.direction, th.mode) : null,
    red_at: base.value !== null ? valueAtShortfall(base.value, th.red, pm.direction, th.mode) : null,
    thresholds: { mode: th.mode, amber: th.amber, red: th.red },
    window,
    points_in_window: roll.count,
  };
  const fmt = (x: number) => (th.mode === 'relative' ? pct(x) : num(x));
  const threshold = `amber >= ${fmt(th.amber)}, red >= ${fmt(th.red)} ${th.mode} shortfall`;
  const label = primary.label;
  if (base.value === null) {
    return { primary, check: { check: 'primary_metric', status: 'unknown', value: null, threshold, reason: `${label}: no expected value (${base.source})` } };
  }
  const minPoints = config.defaults.min_points;
  if (roll.mean === null || end < minPoints) {
    return {
      primary,
      check: { check: 'primary_metric', status: 'unknown', value: null, threshold, reason: `${label}: too little data (${end} point${end === 1 ? '' : 's'}, at least ${minPoints} needed)` },
    };
  }
  // Rounding noise (0.8 - 0.79999999999) must not read as "worse".
  const raw = shortfall(roll.mean, base.value, pm.direction, th.mode);
  const short = Math.abs(raw) < 1e-9 ? 0 : raw;
  const status = short >= th.red ? 'red' : short >= th.amber ? 'amber' : 'green';
  const how = short > 0 ? `${fmt(short)} worse than` : short < 0 ? `${fmt(-short)} better than` : 'equal to';
  const reason = `${label} ${num(roll.mean)} (mean of last ${roll.count}) is ${how} expected ${num(base.value)}`;
  return { primary, check: { check: 'primary_metric', status, value: short, threshold, reason } };
}

/**
 * The overview's small chart of the production models by health, day by day (issue 18), from the
 * counts the core made (`fleet.history`, core/fleet-history.ts): stacked steps drawn as one SVG
 * path per health in the tiles' order (red at the bottom), the y-axis from 0 to the production
 * total, and the same in words and in a table. No script and no chart library: the overview stays
 * small at 1,000 models.
 */
import { HEALTH_DISPLAY_ORDER } from '../core/health.ts';
import { REPLAYED_CHECKS } from '../core/history.ts';
import type { FleetDay, FleetModel, FleetSnapshot, Health } from '../core/types.ts';
import { PRODUCTION } from '../core/counts.ts';
import { fleetHistoryMsg } from '../messages.ts';
import { HEALTH_LABEL, HEALTH_MEANING } from './format.ts';

export interface FleetHistoryView {
  title: string;
  /** The first and last day, and the last as the x-axis writes it ("2026-10-31 (today)"). */
  from: string;
  to: string;
  toLabel: string;
  /** The y-axis' top: the production total. The chart's viewBox is `days` wide and `total` high. */
  total: number;
  days: number;
  /** One path per health with any model on any day, bottom of the stack first; coordinates in days and models, y up. */
  bands: { health: Health; d: string }[];
  /** The colours in the stack's order, with their words; "no data yet" (hatched, the rest up to the total) when a day has any. */
  legend: { key: Health | 'no_data'; label: string; meaning: string }[];
  summary: string;
  note: string;
  /** The table's columns after the day, and its rows, newest first. */
  columns: { key: Health | 'no_data'; label: string }[];
  rows: { date: string; counts: number[] }[];
}

/**
 * A band of the stack as one closed path of horizontal and vertical steps: along its top from the
 * first day to the last, then back along its bottom; each day is one unit wide. Runs of equal
 * height are one segment, so a calm fleet's path is a few dozen characters.
 */
export function bandPath(lo: readonly number[], hi: readonly number[]): string {
  const n = hi.length;
  let d = `M0 ${hi[0]}`;
  for (let i = 0; i < n; i++) {
    if (i > 0 && hi[i] !== hi[i - 1]) d += `V${hi[i]}`;
    if (i === n - 1 || hi[i + 1] !== hi[i]) d += `H${i + 1}`;
  }
  d += `V${lo[n - 1]}`;
  for (let i = n - 1; i >= 0; i--) {
    if (i === 0 || lo[i - 1] !== lo[i]) d += `H${i}`;
    if (i > 0 && lo[i - 1] !== lo[i]) d += `V${lo[i - 1]}`;
  }
  return `${d}Z`;
}

/** The stacked bands, red at the bottom, as the tiles read left to right; a health no day has is left out. */
function bands(days: readonly FleetDay[]): FleetHistoryView['bands'] {
  const out: FleetHistoryView['bands'] = [];
  let lo = days.map(() => 0);
  for (const h of HEALTH_DISPLAY_ORDER) {
    const hi = days.map((d, i) => lo[i] + d[h]);
    if (days.some((d) => d[h] > 0)) out.push({ health: h, d: bandPath(lo, hi) });
    lo = hi;
  }
  return out;
}

/**
 * The first day a count was at its smallest (`sign` -1) or largest (+1), when that is beyond its
 * value on both the first and the last day (else the sentence's "from ... to ..." already says it).
 */
function extreme(days: readonly FleetDay[], h: Health, sign: 1 | -1): { count: number; date: string } | null {
  let best = 0;
  for (let i = 1; i < days.length; i++) if (sign * (days[i][h] - days[best][h]) > 0) best = i;
  const count = days[best][h];
  return sign * (count - days[0][h]) > 0 && sign * (count - days[days.length - 1][h]) > 0 ? { count, date: days[best].date } : null;
}

/** The chart in one sentence: each health from the first day to today, the alarms' best and worst days, and who had no data yet. */
function summary(days: readonly FleetDay[], total: number, driftOnly: number): string {
  const first = days[0];
  const last = days[days.length - 1];
  // The alarms' lowest and highest days too: "red from 3 to 4" hides a fall to 1 and a rise since.
  const alarm = (h: Health) => h === 'red' || h === 'amber';
  const courses = HEALTH_DISPLAY_ORDER.map((h) =>
    fleetHistoryMsg.course(HEALTH_LABEL[h].toLowerCase(), first[h], last[h], days.every((d) => d[h] === last[h]), alarm(h) ? extreme(days, h, -1) : null, alarm(h) ? extreme(days, h, 1) : null),
  );
  return fleetHistoryMsg.summary(first.date, last.date, courses, first.no_data, total) + (driftOnly ? ` ${fleetHistoryMsg.driftOnly(driftOnly)}` : '');
}

/** The chart's view, or null when there are fewer than two days to show (the tiles already say today). */
export function fleetHistoryView(snap: Pick<FleetSnapshot, 'fleet'> & { models: Pick<FleetModel, 'lifecycle' | 'registry_error'>[] }): FleetHistoryView | null {
  // Production models whose colour today comes from a check the days before do not judge (drift): the last day's jump is theirs.
  const driftOnly = snap.fleet.attention.filter((a) => a.lifecycle === PRODUCTION && (a.undated_by === 'data_drift' || a.undated_by === 'prediction_drift')).length;
  const days = snap.fleet.history;
  if (days.length < 2) return null;
  const total = snap.fleet.counts.production.total;
  const noData = days.some((d) => d.no_data > 0);
  const keys: (Health | 'no_data')[] = noData ? [...HEALTH_DISPLAY_ORDER, 'no_data'] : [...HEALTH_DISPLAY_ORDER];
  const label = (k: Health | 'no_data') => (k === 'no_data' ? fleetHistoryMsg.noData : HEALTH_LABEL[k]);
  const last = days[days.length - 1];
  return {
    title: fleetHistoryMsg.title(days.length),
    from: days[0].date,
    to: last.date,
    toLabel: fleetHistoryMsg.today(last.date),
    total,
    days: days.length,
    bands: bands(days),
    legend: keys.map((k) => ({ key: k, label: label(k), meaning: k === 'no_data' ? fleetHistoryMsg.noDataMeaning : HEALTH_MEANING[k] })),
    summary: summary(days, total, driftOnly),
    note: fleetHistoryMsg.note(REPLAYED_CHECKS, snap.models.some((m) => m.lifecycle === PRODUCTION && m.registry_error)),
    columns: keys.map((k) => ({ key: k, label: label(k) })),
    rows: days.map((d) => ({ date: d.date, counts: keys.map((k) => d[k]) })).reverse(),
  };
}

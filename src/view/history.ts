/** The status history of one model: a strip of runs of equal health and the list of transitions. */
import { REPLAYED_CHECKS } from '../core/history.ts';
import type { Health, ModelSnapshot } from '../core/types.ts';
import { date, HEALTH_LABEL, plural } from './format.ts';

export interface HistoryRun {
  from: string;
  to: string;
  days: number;
  health: Health;
  label: string;
  /** Position and width in a 0..1000 strip. */
  x: number;
  w: number;
}

export interface HistoryView {
  from: string;
  to: string;
  runs: HistoryRun[];
  /** The strip in words, for screen readers. */
  summary: string;
  transitions: { date: string; from: Health; to: Health; fromLabel: string; toLabel: string; reason: string }[];
  /** What the history covers. */
  note: string;
}

export function historyView(m: ModelSnapshot): HistoryView {
  const days = m.history.days;
  const runs: HistoryRun[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last.health === d.health) {
      last.to = d.date;
      last.days++;
    } else runs.push({ from: d.date, to: d.date, days: 1, health: d.health, label: HEALTH_LABEL[d.health], x: 0, w: 0 });
  }
  const total = days.length || 1;
  let acc = 0;
  for (const r of runs) {
    r.x = Math.round((acc / total) * 1000);
    acc += r.days;
    r.w = Math.round((acc / total) * 1000) - r.x;
  }
  const summary = runs.map((r) => `${r.label.toLowerCase()} ${r.from === r.to ? `on ${r.from}` : `from ${r.from} to ${r.to}`} (${plural(r.days, 'day')})`).join('; ');
  return {
    from: days.length ? days[0].date : '',
    to: days.length ? days[days.length - 1].date : '',
    runs,
    summary: summary ? `Health over the last ${plural(days.length, 'day')}: ${summary}.` : 'No status history.',
    note: `Judged day by day from the series, with the same rules and the same state as today's health: ${REPLAYED_CHECKS}. Data and prediction drift are judged on the evaluation day only, so they show in the current health, not here.`,
    transitions: [...m.history.transitions].reverse().map((t) => ({ date: date(t.date), from: t.from, to: t.to, fromLabel: HEALTH_LABEL[t.from], toLabel: HEALTH_LABEL[t.to], reason: t.reason })),
  };
}

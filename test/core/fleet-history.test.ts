/** The fleet's health over time: production models by health per day (core/fleet-history.ts). */
import { describe, expect, it } from 'vitest';
import { fleetCounts } from '../../src/core/counts.ts';
import { fleetHistory, type DayCounted } from '../../src/core/fleet-history.ts';
import { DAY_MS, dayOf } from '../../src/core/time.ts';
import type { Health } from '../../src/core/types.ts';

const AS_OF = '2026-10-31';

/** The day `back` days before the as-of day. */
const day = (back: number) => dayOf(Date.parse(`${AS_OF}T00:00:00Z`) - back * DAY_MS);

/**
 * A model whose day history is `healths`, the last on the as-of day (as walkDays writes it), and
 * whose current health is `health` (the history's last day unless drift or a registry error set it).
 */
function m(lifecycle: string, healths: Health[], health: Health = healths[healths.length - 1], registry_error = false): DayCounted {
  return { lifecycle, health, registry_error, history: { days: healths.map((h, i) => ({ date: day(healths.length - 1 - i), health: h })), transitions: [] } };
}

const times = (h: Health, k: number): Health[] => Array.from({ length: k }, () => h);
const countsOf = (d: { red: number; amber: number; green: number; unknown: number }) => ({ red: d.red, amber: d.amber, green: d.green, unknown: d.unknown });

describe('the production models by health, day by day', () => {
  it('ends on the as-of day with exactly the tiles, a red set by drift alone included', () => {
    // Drift is judged on the evaluation day only: the day history says green, the model is red.
    const fleet = [m('production', times('green', 90), 'red'), m('production', times('amber', 90)), m('production', times('green', 90))];
    const days = fleetHistory(fleet, AS_OF);
    const last = days[days.length - 1];
    expect(last.date).toBe(AS_OF);
    expect(countsOf(last)).toEqual(fleetCounts(fleet).production.by_health);
    expect(countsOf(last)).toEqual({ red: 1, amber: 1, green: 1, unknown: 0 });
    expect(last.no_data).toBe(0);
    expect(countsOf(days[days.length - 2]), 'the day before: the replayed health, no drift').toEqual({ red: 0, amber: 1, green: 2, unknown: 0 });
  });

  it('keeps 90 contiguous days, oldest first, when the data goes back further', () => {
    const days = fleetHistory([m('production', times('green', 90))], AS_OF);
    expect(days).toHaveLength(90);
    expect(days[0].date).toBe(day(89));
    for (let i = 1; i < days.length; i++) expect(Date.parse(days[i].date) - Date.parse(days[i - 1].date), days[i].date).toBe(DAY_MS);
  });

  it('starts on the first day any production model has data, when that is less than 90 days back', () => {
    const days = fleetHistory([m('production', times('green', 12)), m('production', times('red', 5)), m('staging', times('green', 60))], AS_OF);
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 12 }, (_, i) => day(11 - i)));
  });

  it('counts a model whose data starts mid-period as "no data" before its first day, so every day adds up to the production total', () => {
    const fleet = [m('production', times('green', 90)), m('production', [...times('unknown', 3), ...times('green', 27)])];
    const days = fleetHistory(fleet, AS_OF);
    expect(days).toHaveLength(90);
    expect(days[59]).toEqual({ date: day(30), red: 0, amber: 0, green: 1, unknown: 0, no_data: 1 });
    expect(days[60]).toEqual({ date: day(29), red: 0, amber: 0, green: 1, unknown: 1, no_data: 0 });
    expect(days[63]).toEqual({ date: day(26), red: 0, amber: 0, green: 2, unknown: 0, no_data: 0 });
    for (const d of days) expect(d.red + d.amber + d.green + d.unknown + d.no_data, d.date).toBe(fleet.length);
  });

  it('leaves out every model not in production today, however its days went', () => {
    const fleet = [m('production', times('green', 90)), m('staging', times('red', 90)), m('retired', times('amber', 90)), m('retraining', times('red', 90))];
    const days = fleetHistory(fleet, AS_OF);
    for (const d of days) expect(d, d.date).toEqual({ date: d.date, red: 0, amber: 0, green: 1, unknown: 0, no_data: 0 });
  });

  it('counts a model whose card cannot be read as unknown on every day, never as "no data yet"', () => {
    // What core/model.ts brokenModel gives: one unknown day, the as-of day.
    const broken = m('production', ['unknown'], 'unknown', true);
    const days = fleetHistory([m('production', times('green', 90)), broken], AS_OF);
    expect(days).toHaveLength(90);
    for (const d of days) expect(d, d.date).toEqual({ date: d.date, red: 0, amber: 0, green: 1, unknown: 1, no_data: 0 });
  });

  it('counts a readable model with registry errors by its replayed days, and unknown before them', () => {
    const partly = m('production', times('amber', 10), 'unknown', true);
    const days = fleetHistory([m('production', times('green', 90)), partly], AS_OF);
    expect(countsOf(days[0])).toEqual({ red: 0, amber: 0, green: 1, unknown: 1 });
    expect(countsOf(days[85])).toEqual({ red: 0, amber: 1, green: 1, unknown: 0 });
    expect(countsOf(days[89])).toEqual({ red: 0, amber: 0, green: 1, unknown: 1 });
  });

  it('is one day, the tiles, when the only production model is broken, and empty without production models', () => {
    expect(fleetHistory([m('production', ['unknown'], 'unknown', true)], AS_OF)).toEqual([{ date: AS_OF, red: 0, amber: 0, green: 0, unknown: 1, no_data: 0 }]);
    expect(fleetHistory([m('staging', times('green', 90))], AS_OF)).toEqual([]);
  });

  it('counts a day listed twice in a history once', () => {
    const twice = m('production', times('green', 3));
    twice.history.days.unshift({ ...twice.history.days[0], health: 'red' });
    const days = fleetHistory([twice], AS_OF);
    expect(days).toHaveLength(3);
    expect(days[0]).toEqual({ date: day(2), red: 1, amber: 0, green: 0, unknown: 0, no_data: 0 });
  });
});

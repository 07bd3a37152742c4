/**
 * How the fleet's health changed (issue 18): the production models counted by health on each of
 * the last 90 days, from the day history every model already carries (history.ts walkDays). Counted
 * once here; the overview's chart, /api/models.json and `spog status --json` read it. The rules:
 *
 * - The models are today's production models: spog keeps no lifecycle history, so a model promoted
 *   last week counts as production on every day, and a model retired last week on none.
 * - The as-of day counts each model's current health, so the last day equals the tiles
 *   (`fleet.counts.production.by_health`), drift included. The days before count the replayed
 *   health, which holds the checks that series alone decide; drift is judged on the evaluation day
 *   only (decision 7), so a drift-only amber shows on the last day alone.
 * - A day a model has no history for (its data starts later) counts as `no_data`, so each day's
 *   five counts add up to the production total and the chart's height does not change under it.
 * - A model with registry errors counts as unknown on a day it has no history for: spog cannot say
 *   its data started later, some of its files cannot be read. A model whose card cannot be read has
 *   no history at all, so it is unknown on every day, as on its tile.
 * - The days run from the first day any production model has history (at most 90 days before the
 *   as-of day) to the as-of day, one entry a day.
 *
 * O(models × days): at 1,000 models, 90,000 map look-ups.
 */
import { PRODUCTION } from './counts.ts';
import { HISTORY_DAYS } from './history.ts';
import { DAY_MS, dayOf } from './time.ts';
import type { FleetDay, FleetModel } from './types.ts';

/** What a day count reads of a model. */
export type DayCounted = Pick<FleetModel, 'lifecycle' | 'health' | 'registry_error' | 'history'>;

/**
 * The production models of `models` by health on each day up to `asOf` (YYYY-MM-DD), oldest
 * first; empty when no model is in production. See the module comment for the rules.
 */
export function fleetHistory(models: readonly DayCounted[], asOf: string, days = HISTORY_DAYS): FleetDay[] {
  const prod = models.filter((m) => m.lifecycle === PRODUCTION);
  if (!prod.length) return [];
  const endMs = Date.parse(`${asOf}T00:00:00Z`);
  const earliest = dayOf(endMs - (days - 1) * DAY_MS);
  let first = asOf;
  for (const m of prod) {
    const d = m.history.days[0]?.date;
    if (d !== undefined && d < first) first = d;
  }
  if (first < earliest) first = earliest;
  const n = Math.round((endMs - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
  const out: FleetDay[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const date = dayOf(endMs - (n - 1 - i) * DAY_MS);
    index.set(date, i);
    out.push({ date, red: 0, amber: 0, green: 0, unknown: 0, no_data: 0 });
  }
  // seen[i] === k: model k has been counted on day i (a history listing a day twice counts it once).
  const seen = new Int32Array(n).fill(-1);
  for (let k = 0; k < prod.length; k++) {
    const m = prod[k];
    out[n - 1][m.health]++;
    seen[n - 1] = k;
    for (const d of m.history.days) {
      const i = index.get(d.date);
      if (i === undefined || seen[i] === k) continue;
      seen[i] = k;
      out[i][d.health]++;
    }
    const missing = m.registry_error ? 'unknown' : 'no_data';
    for (let i = 0; i < n - 1; i++) if (seen[i] !== k) out[i][missing]++;
  }
  return out;
}

/**
 * The one way spog counts a fleet (issue 18): the production models by health, which is the
 * headline everywhere (the overview's tiles, the footer of `spog status`, the `fleet` of
 * /api/models.json and of `spog status --json`), and the models of every other lifecycle counted
 * apart, so that a staging or retraining model never adds to the production reds.
 */
import { fleetMsg } from '../messages.ts';
import { HEALTH_DISPLAY_ORDER } from './health.ts';
import type { FleetCounts, FleetModel, HealthCounts } from './types.ts';

/** The lifecycle the headline counts: the models whose health people depend on now. */
export const PRODUCTION = 'production';

const zero = (): HealthCounts => ({ red: 0, amber: 0, green: 0, unknown: 0 });

/**
 * Count `models` by health, production apart from the rest; the other lifecycles are listed with
 * how many models each has, most first, then by name (the order the sentence gives them in).
 */
export function fleetCounts(models: Pick<FleetModel, 'health' | 'lifecycle'>[]): FleetCounts {
  const production = { total: 0, by_health: zero() };
  const other = { total: 0, by_health: zero() };
  // A Map, made an object at the end: a lifecycle named "constructor" must not find Object.
  const lifecycles = new Map<string, number>();
  for (const m of models) {
    const side = m.lifecycle === PRODUCTION ? production : other;
    side.total++;
    side.by_health[m.health]++;
    if (side === other) lifecycles.set(m.lifecycle, (lifecycles.get(m.lifecycle) ?? 0) + 1);
  }
  const byLifecycle = [...lifecycles].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { total: models.length, production, other: { ...other, by_lifecycle: Object.fromEntries(byLifecycle) } };
}

/** The counts in one line, the same under the site's tiles and at the foot of `spog status`. */
export function countsLine(c: FleetCounts): string {
  return fleetMsg.counts(c, HEALTH_DISPLAY_ORDER);
}

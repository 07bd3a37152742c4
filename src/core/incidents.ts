/**
 * A model's incidents at the evaluation time: the acknowledgement open then (with whether its
 * `until` day has passed) and the ones resolved by then. Read from the loaded files only; an
 * acknowledgement says who is acting on a problem and never changes health.
 */
import { isoToMs } from '../schema/common.ts';
import type { LoadedIncident } from './input.ts';
import { dayOf, type AsOf } from './time.ts';
import type { Health, ModelIncident, ModelIncidents, OpenIncident } from './types.ts';

function incidentOf(x: LoadedIncident, resolvedThen: boolean): ModelIncident {
  return {
    id: x.id,
    file: x.file,
    status: resolvedThen ? 'resolved' : 'acknowledged',
    opened: x.opened,
    by: x.by,
    note: x.note,
    until: x.until ?? null,
    updated: x.updated ?? null,
    updated_by: x.updated_by ?? null,
    health_at_ack: x.health ? { as_of: x.health.as_of, status: x.health.status, reasons: x.health.reasons } : null,
    resolved: resolvedThen ? (x.resolved ?? null) : null,
    resolution: resolvedThen ? (x.resolution ?? null) : null,
  };
}

/**
 * The incidents as they stood at `asOf`: one opened later is not there yet, one resolved later was
 * still open. When files disagree (two open at once, which the loader reports as an error) the
 * newest is the open one. `loaded` is sorted oldest first (the loader's order).
 */
export function modelIncidents(loaded: LoadedIncident[], asOf: AsOf): ModelIncidents {
  let open: OpenIncident | null = null;
  const history: ModelIncident[] = [];
  for (const x of loaded) {
    if (isoToMs(x.opened) > asOf.endMs) continue;
    const resolvedThen = x.status === 'resolved' && x.resolved !== undefined && isoToMs(x.resolved) <= asOf.endMs;
    const inc = incidentOf(x, resolvedThen);
    if (resolvedThen) history.unshift(inc);
    else open = { ...inc, status: 'acknowledged', expired: inc.until !== null && asOf.date > dayOf(isoToMs(inc.until)) };
  }
  return { open, history };
}

/**
 * Whether an open acknowledgement covers the model's health now, so that an alert about it would
 * only repeat what the owners said they are acting on: it has not expired, and the model is in the
 * state it was acknowledged in (when that was recorded). A change of state, a recovery or an
 * expired acknowledgement is alerted again.
 */
export function acknowledges(open: OpenIncident | null, health: Health): boolean {
  if (!open || open.expired) return false;
  return open.health_at_ack === null || open.health_at_ack.status === health;
}

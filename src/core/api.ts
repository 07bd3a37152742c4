/**
 * The public fleet JSON: what `spog status --json` prints and the site serves as
 * /api/models.json, for pipelines and dashboards. One shape, built here so that the CLI and the
 * site page share it without the site importing the CLI.
 */
import type { Fleet, FleetCounts, FleetModel, FleetSnapshot, ModelIncidents, PrimaryStatus } from './types.ts';

/** One model as the fleet JSON gives it: health with its reasons and checks, the primary metric's numbers, and the comparisons a pipeline gates a promotion on. */
export type ModelSummary = Pick<FleetModel, 'id' | 'name' | 'team' | 'health' | 'lifecycle' | 'registry_error' | 'champion'> & {
  primary: Pick<PrimaryStatus, 'name' | 'direction' | 'value' | 'expected' | 'delta' | 'delta_pct'>;
} & Pick<FleetModel, 'reasons' | 'notes' | 'checks' | 'not_judged' | 'comparisons' | 'last_data' | 'last_retrained'> & {
  /** The owners' open acknowledgement of the problem (who, when, what, until, expired), or null; it never changes health. */
  acknowledged: ModelIncidents['open'];
};

/**
 * The whole document: the evaluation time, the fleet's counts and every model. `fleet.production`
 * and `fleet.other` are the counts the site's tiles and `spog status` show (core/counts.ts);
 * `by_health` and `by_lifecycle` count every lifecycle together, as before; `history` counts the
 * production models by health on each of the last 90 days (core/fleet-history.ts).
 */
export interface FleetJson {
  as_of: FleetSnapshot['as_of'];
  fleet: FleetCounts & Pick<Fleet, 'by_health' | 'by_lifecycle' | 'registry_errors' | 'history'>;
  models: ModelSummary[];
}

/** The fleet JSON of a snapshot (the keys in this order: the bytes of /api/models.json depend on it). */
export function fleetJson(snap: FleetSnapshot): FleetJson {
  return {
    as_of: snap.as_of,
    fleet: {
      total: snap.fleet.counts.total,
      production: snap.fleet.counts.production,
      other: snap.fleet.counts.other,
      by_health: snap.fleet.by_health,
      by_lifecycle: snap.fleet.by_lifecycle,
      registry_errors: snap.fleet.registry_errors,
      history: snap.fleet.history,
    },
    models: snap.models.map(modelSummary),
  };
}

/** One model of the fleet JSON. */
export function modelSummary(m: FleetModel): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    team: m.team,
    health: m.health,
    lifecycle: m.lifecycle,
    registry_error: m.registry_error,
    champion: m.champion,
    primary: { name: m.primary.name, direction: m.primary.direction, value: m.primary.value, expected: m.primary.expected, delta: m.primary.delta, delta_pct: m.primary.delta_pct },
    reasons: m.reasons,
    notes: m.notes,
    not_judged: m.not_judged,
    checks: m.checks,
    comparisons: m.comparisons,
    last_data: m.last_data,
    last_retrained: m.last_retrained,
    acknowledged: m.incidents.open,
  };
}

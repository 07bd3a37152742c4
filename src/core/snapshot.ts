/** Build the snapshot of a whole registry at an evaluation time: models, fleet counts, transitions. */
import type { Config } from '../schema/config.ts';
import { fleetCounts } from './counts.ts';
import { fleetHistory } from './fleet-history.ts';
import { compareHealth } from './health.ts';
import { healthSince, notGreenSince } from './history.ts';
import { evaluateModel } from './model.ts';
import type { AsOf } from './time.ts';
import type { AttentionItem, Fleet, FleetModel, HealthCounts, ModelSnapshot, Snapshot } from './types.ts';
import type { Registry } from './input.ts';

export const SPOG_VERSION = '0.1.0';

const zero = (): HealthCounts => ({ green: 0, amber: 0, red: 0, unknown: 0 });

/**
 * Whether a model that is not green asks for someone's attention: not when it is retired, whatever
 * its last data says. The alerts page, the overview, `spog alerts` and /api/alerts.json share it.
 */
export function needsAttention(m: Pick<FleetModel, 'health' | 'lifecycle'>): boolean {
  return m.health !== 'green' && m.lifecycle !== 'retired';
}

/** A model without what only its own pages read (see FleetModel). */
export function fleetModel(m: ModelSnapshot): FleetModel {
  const { other_metrics: _metrics, primary_series: _series, data_drift: _drift, ...rest } = m;
  return rest;
}

/** The fleet's counts, attention list and day counts at the as-of day `asOf` (YYYY-MM-DD). */
export function fleetOf(models: FleetModel[], asOf: string): Fleet {
  const byHealth = zero();
  // Maps, made objects at the end: a team named "constructor" must not find Object.
  const byLifecycle = new Map<string, number>();
  const byTeam = new Map<string, HealthCounts & { total: number }>();
  for (const m of models) {
    byHealth[m.health]++;
    byLifecycle.set(m.lifecycle, (byLifecycle.get(m.lifecycle) ?? 0) + 1);
    let t = byTeam.get(m.team);
    if (!t) byTeam.set(m.team, (t = { ...zero(), total: 0 }));
    t[m.health]++;
    t.total++;
  }
  return {
    total: models.length,
    by_health: byHealth,
    by_lifecycle: Object.fromEntries(byLifecycle),
    counts: fleetCounts(models),
    by_team: Object.fromEntries(byTeam),
    attention: attentionOf(models),
    registry_errors: models.filter((m) => m.registry_error).length,
    history: fleetHistory(models, asOf),
  };
}

/**
 * Every model that needs attention, worst first (red, amber, unknown: a model spog cannot judge,
 * for too little data or a registry error, is someone's to look at too), then by id; each with its
 * top reason, how many more it has, and since when it has been so.
 */
export function attentionOf(models: FleetModel[]): AttentionItem[] {
  return models
    .filter(needsAttention)
    .sort((a, b) => compareHealth(b.health, a.health) || (a.id < b.id ? -1 : 1))
    .map((m) => {
      const since = healthSince(m.history, m.health);
      const troubled = notGreenSince(m.history);
      return {
        id: m.id,
        name: m.name,
        team: m.team,
        lifecycle: m.lifecycle,
        health: m.health,
        reason: m.reasons[0] ?? '',
        // Reasons are the checks that are not green, one per cause (core/health.ts combine).
        more: Math.max(0, m.reasons.length - 1),
        since,
        not_green_since: troubled && troubled.date !== since?.date ? troubled : null,
        // The check that set a health the day history cannot date (drift, a registry error).
        undated_by: since ? null : (m.checks.find((c) => c.status === m.health)?.check ?? null),
      };
    });
}

export function buildSnapshot(reg: Registry, asOf: AsOf, onModel?: (i: number, total: number, id: string) => void): Snapshot {
  const models = reg.models.map((m, i) => {
    const s = evaluateModel(m, reg.config, asOf);
    onModel?.(i + 1, reg.models.length, m.id);
    return s;
  });
  return assembleSnapshot(reg.config, asOf, models, reg.counts);
}

/** What a snapshot says before any model is evaluated: spog.yaml's and the evaluation time's part. */
export type SnapshotHead = Pick<Snapshot, 'spog' | 'title' | 'description' | 'as_of' | 'teams'>;

export function snapshotHead(config: Config, asOf: AsOf): SnapshotHead {
  return {
    spog: { version: SPOG_VERSION },
    title: config.title,
    description: config.description ?? null,
    as_of: { date: asOf.date, source: asOf.source },
    teams: config.teams.map((t) => ({ id: t.id, name: t.name, contact: t.contact ?? null, description: t.description ?? null })),
  };
}

/** The snapshot of evaluated models (in registry order): fleet counts, transitions, registry counts. */
export function assembleSnapshot<M extends FleetModel>(config: Config, asOf: AsOf, models: M[], counts: Registry['counts']): Omit<Snapshot, 'models'> & { models: M[] } {
  const transitions = models
    .flatMap((m) => m.history.transitions)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.model < b.model ? -1 : 1));
  return {
    ...snapshotHead(config, asOf),
    fleet: fleetOf(models, asOf.date),
    models,
    transitions,
    registry: { errors: counts.errors, warnings: counts.warnings, models: counts.models, versions: counts.versions, metric_points: counts.metricPoints },
  };
}

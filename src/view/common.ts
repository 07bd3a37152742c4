/** Pieces several view models share: team names, the "as of" line, a model's drift flag and delta. */
import { movement, type Movement } from '../core/direction.ts';
import { compareHealth, isAlarm } from '../core/health.ts';
import type { FleetModel, FleetSnapshot, Health, Snapshot } from '../core/types.ts';
import { HEALTH_LABEL, href } from './format.ts';

export interface AsOfView {
  date: string;
  /** How the date was chosen, in words. */
  source: string;
}

const SOURCE: Record<string, string> = {
  flag: 'set with --as-of',
  registry: 'pinned in spog.yaml',
  SOURCE_DATE_EPOCH: 'from SOURCE_DATE_EPOCH',
  today: 'the build day',
};

export function asOfView(snap: Pick<Snapshot, 'as_of'>): AsOfView {
  return { date: snap.as_of.date, source: SOURCE[snap.as_of.source] ?? snap.as_of.source };
}

export interface TeamRef {
  id: string;
  name: string;
  href: string;
}

export function teamNames(snap: Pick<Snapshot, 'teams'>): Map<string, string> {
  return new Map(snap.teams.map((t) => [t.id, t.name]));
}

export function teamRef(snap: Pick<Snapshot, 'teams'>, id: string, base: string, names = teamNames(snap)): TeamRef {
  return { id, name: names.get(id) ?? id, href: href(base, `teams/${id}/`) };
}

/** Every team that owns a model or is declared in spog.yaml, sorted by display name. */
export function allTeams(snap: FleetSnapshot, base: string): TeamRef[] {
  return teamsOf(snap, snap.models.map((m) => m.team), base);
}

/** allTeams from spog.yaml's teams and the models' teams (the site knows these before the models are evaluated). */
export function teamsOf(snap: Pick<Snapshot, 'teams'>, modelTeams: string[], base: string): TeamRef[] {
  const names = teamNames(snap);
  const ids = new Set([...snap.teams.map((t) => t.id), ...modelTeams]);
  return [...ids].map((id) => teamRef(snap, id, base, names)).sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

export interface HealthBadge {
  health: Health;
  label: string;
}

export function badge(h: Health): HealthBadge {
  return { health: h, label: HEALTH_LABEL[h] };
}

/** The primary metric now against expected: better, worse or level (the core's rule), null when either is missing. */
export function deltaDirection(m: FleetModel): Movement | null {
  const p = m.primary;
  if (p.value === null || p.expected === null || staleSince(m) !== null) return null;
  return movement(p.value, p.expected, p.direction);
}

/**
 * The day of the primary metric's last value and its age in days (the freshness check's value)
 * when the freshness check says it is not current (amber or red): an old value must not read as
 * today's, and its change is not coloured better or worse. Null when the values are current.
 */
export function staleSince(m: Pick<FleetModel, 'checks' | 'primary'>): { last: string; age: number | null } | null {
  const fresh = m.checks.find((c) => c.check === 'staleness');
  return fresh && isAlarm(fresh.status) && m.primary.latest_ts ? { last: m.primary.latest_ts.slice(0, 10), age: fresh.value } : null;
}

const DRIFT_CHECKS: Record<string, string> = { data_drift: 'data', prediction_drift: 'prediction', performance_drift: 'performance' };

/** Which drift checks are amber or red, as short words ("data", "performance"); empty when none. */
export function driftFlags(m: FleetModel): string[] {
  return m.checks.filter((c) => DRIFT_CHECKS[c.check] && isAlarm(c.status)).map((c) => DRIFT_CHECKS[c.check]);
}

/** Worst health first (the core's order), then by name. */
export function byHealthThenName(a: FleetModel, b: FleetModel): number {
  return compareHealth(b.health, a.health) || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1);
}

/** Every team that owns a model, by display name (allTeams), with its models worst first (byHealthThenName): the overview's order, which /api/models.csv keeps. */
export function modelsByTeam(snap: FleetSnapshot, base: string): { team: TeamRef; models: FleetModel[] }[] {
  const models = [...snap.models].sort(byHealthThenName);
  return allTeams(snap, base)
    .map((team) => ({ team, models: models.filter((m) => m.team === team.id) }))
    .filter((g) => g.models.length > 0);
}

/** A team's page: its contact, its models' health and their compact rows. */
import type { FleetSnapshot } from '../core/types.ts';
import { allTeams, asOfView, byHealthThenName, type AsOfView, type TeamRef } from './common.ts';
import { countsLine, fleetCounts } from '../core/counts.ts';
import { attentionRows, counts, healthCounts, overviewRow, type AttentionRow, type HealthCount, type OverviewRow } from './overview.ts';

export interface TeamView {
  team: TeamRef;
  contact: string | null;
  description: string | null;
  asOf: AsOfView;
  total: number;
  counts: HealthCount[];
  /** The team's production models by health (the tiles), as the overview counts the fleet (core/counts.ts). */
  production: { total: number; counts: HealthCount[] };
  /** The team's counts in the overview's one sentence. */
  countsLine: string;
  rows: OverviewRow[];
  /** The team's share of the core's Needs attention (red, amber, unknown; not retired), worst first, as the overview lists it. */
  attention: AttentionRow[];
}

export function teamView(snap: FleetSnapshot, id: string, base: string): TeamView {
  const team = allTeams(snap, base).find((t) => t.id === id);
  if (!team) throw new Error(`no team "${id}" in the snapshot`);
  const cfg = snap.teams.find((t) => t.id === id);
  const models = snap.models.filter((m) => m.team === id).sort(byHealthThenName);
  const rows = models.map((m) => overviewRow(m, base));
  const c = fleetCounts(models);
  return {
    team,
    contact: cfg?.contact ?? null,
    description: cfg?.description ?? null,
    asOf: asOfView(snap),
    total: models.length,
    counts: counts(models.map((m) => m.health)),
    production: { total: c.production.total, counts: healthCounts(c.production.by_health) },
    countsLine: countsLine(c),
    rows,
    attention: attentionRows(snap, snap.fleet.attention.filter((a) => a.team === id), base),
  };
}

export interface TeamsView {
  asOf: AsOfView;
  teams: { team: TeamRef; description: string | null; contact: string | null; total: number; counts: HealthCount[] }[];
}

/** The teams index: every team with its models' health counts. */
export function teamsView(snap: FleetSnapshot, base: string): TeamsView {
  return {
    asOf: asOfView(snap),
    teams: allTeams(snap, base).map((team) => {
      const cfg = snap.teams.find((t) => t.id === team.id);
      const ms = snap.models.filter((m) => m.team === team.id);
      return { team, description: cfg?.description ?? null, contact: cfg?.contact ?? null, total: ms.length, counts: counts(ms.map((m) => m.health)) };
    }),
  };
}

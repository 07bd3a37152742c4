/**
 * The overview for leaders: counts by health first, then the models that need attention with
 * their top reason, then every model in compact rows grouped by team. Built to stay small at a
 * thousand models: rows carry only short text and a tiny polyline, and repeat their markup so
 * gzip folds it away.
 */
import type { FleetModel, FleetSnapshot, Health } from '../core/types.ts';
import { lttbIndices } from '../charts/lttb.ts';
import { allTeams, asOfView, byHealthThenName, deltaDirection, driftFlags, type AsOfView, type TeamRef } from './common.ts';
import { HEALTH_DISPLAY_ORDER } from '../core/health.ts';
import { ackView, type AckView } from './incidents.ts';
import { ageShort, date, HEALTH_LABEL, HEALTH_MEANING, href, modelHealthLabel, n, plural, signedPct, sparkPoints } from './format.ts';

export const ATTENTION_LIMIT = 30;
/** Team groups start open when the whole fleet is at most this many models. */
export const OPEN_GROUPS_UP_TO = 60;
const SPARK_POINTS = 20;

export interface HealthCount {
  health: Health;
  label: string;
  meaning: string;
  count: number;
}

export interface OverviewRow {
  id: string;
  name: string;
  href: string;
  health: Health;
  healthLabel: string;
  lifecycle: string;
  /** Space-separated, for the filter script. */
  tags: string;
  metric: string;
  now: string;
  expected: string;
  delta: string;
  deltaDir: 'better' | 'worse' | 'level' | null;
  /** Polyline points for the sparkline ("" when too few values). */
  spark: string;
  drift: string;
  retrained: string;
  retrainedAge: string;
  owner: string;
  /** The open acknowledgement in one sentence (a tag beside the health), or null. */
  ack: string | null;
  ackExpired: boolean;
}

export interface OverviewGroup {
  team: TeamRef;
  total: number;
  counts: HealthCount[];
  open: boolean;
  rows: OverviewRow[];
}

export interface OverviewView {
  title: string;
  description: string | null;
  asOf: AsOfView;
  total: number;
  counts: HealthCount[];
  production: { total: number; counts: HealthCount[] };
  lifecycles: { name: string; count: number }[];
  /** `lifecycle` only when it is not production (the tiles count production models). */
  attention: { id: string; name: string; href: string; team: TeamRef; health: Health; healthLabel: string; reason: string; lifecycle: string | null; ack: AckView | null }[];
  attentionMore: number;
  alertsHref: string;
  groups: OverviewGroup[];
  filters: { teams: TeamRef[]; health: { value: Health; label: string }[]; lifecycles: string[]; tags: string[] };
  registryErrors: number;
}

export function counts(healths: Health[]): HealthCount[] {
  return HEALTH_DISPLAY_ORDER.map((h) => ({ health: h, label: HEALTH_LABEL[h], meaning: HEALTH_MEANING[h], count: healths.filter((x) => x === h).length }));
}

/** A sparkline of at most 20 points (LTTB keeps the dips that matter). */
function spark(values: number[]): string {
  const idx = values.length > SPARK_POINTS ? lttbIndices(values.map((_, i) => i), values, SPARK_POINTS) : values.map((_, i) => i);
  return sparkPoints(idx.map((i) => values[i]), 57, 16);
}

/** One compact row of the model list (overview and team pages). */
export function overviewRow(m: FleetModel, base: string): OverviewRow {
  return {
    id: m.id,
    name: m.name,
    href: href(base, `models/${m.id}/`),
    health: m.health,
    healthLabel: modelHealthLabel(m),
    lifecycle: m.lifecycle,
    tags: m.tags.join(' '),
    metric: m.primary.label,
    now: n(m.primary.value),
    expected: n(m.primary.expected),
    delta: signedPct(m.primary.delta_pct),
    deltaDir: deltaDirection(m),
    spark: spark(m.sparkline),
    drift: driftFlags(m).join(', '),
    retrained: date(m.last_retrained),
    retrainedAge: ageShort(m.retrained_days_ago),
    owner: m.owners[0] ?? '–',
    ack: m.incidents.open ? ackView(m)!.text : null,
    ackExpired: m.incidents.open?.expired ?? false,
  };
}

export function overviewView(snap: FleetSnapshot, base: string): OverviewView {
  const teams = allTeams(snap, base);
  const byId = new Map(teams.map((t) => [t.id, t]));
  const models = [...snap.models].sort(byHealthThenName);
  const groups: OverviewGroup[] = teams
    .map((team) => {
      const ms = models.filter((m) => m.team === team.id);
      return {
        team,
        total: ms.length,
        counts: counts(ms.map((m) => m.health)),
        open: snap.models.length <= OPEN_GROUPS_UP_TO,
        rows: ms.map((m) => overviewRow(m, base)),
      };
    })
    .filter((g) => g.total > 0);
  const production = snap.models.filter((m) => m.lifecycle === 'production');
  const lifecycleOf = new Map(snap.models.map((m) => [m.id, m.lifecycle]));
  const modelOf = new Map(snap.models.map((m) => [m.id, m]));
  const attention = snap.fleet.attention.slice(0, ATTENTION_LIMIT).map((a) => ({
    id: a.id,
    name: a.name,
    href: href(base, `models/${a.id}/`),
    team: byId.get(a.team) ?? { id: a.team, name: a.team, href: href(base, `teams/${a.team}/`) },
    health: a.health,
    healthLabel: modelHealthLabel(modelOf.get(a.id) ?? { health: a.health, registry_error: false }),
    reason: a.reason,
    lifecycle: lifecycleOf.get(a.id) === 'production' ? null : (lifecycleOf.get(a.id) ?? null),
    ack: modelOf.has(a.id) ? ackView(modelOf.get(a.id)!) : null,
  }));
  return {
    title: snap.title,
    description: snap.description,
    asOf: asOfView(snap),
    total: snap.fleet.total,
    counts: counts(snap.models.map((m) => m.health)),
    production: { total: production.length, counts: counts(production.map((m) => m.health)) },
    lifecycles: Object.entries(snap.fleet.by_lifecycle).map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    attention,
    attentionMore: Math.max(0, snap.fleet.attention.length - ATTENTION_LIMIT),
    alertsHref: href(base, 'alerts/'),
    groups,
    filters: {
      teams: groups.map((g) => g.team),
      health: HEALTH_DISPLAY_ORDER.map((h) => ({ value: h, label: HEALTH_LABEL[h] })),
      lifecycles: [...new Set(snap.models.map((m) => m.lifecycle))].sort(),
      tags: [...new Set(snap.models.flatMap((m) => m.tags))].sort(),
    },
    registryErrors: snap.fleet.registry_errors,
  };
}

/** "12 models: 2 red, 3 amber, 7 green" (zero counts left out). */
export function countsSentence(total: number, cs: HealthCount[]): string {
  const parts = cs.filter((c) => c.count > 0).map((c) => `${c.count} ${c.label.toLowerCase()}`);
  return `${plural(total, 'model')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * The overview for leaders: counts by health first, then the models that need attention with
 * their top reason, then every model in compact rows grouped by team. Built to stay small at a
 * thousand models: rows carry only short text and a tiny polyline, and repeat their markup so
 * gzip folds it away.
 */
import type { AttentionItem, FleetModel, FleetSnapshot, Health, HealthCounts } from '../core/types.ts';
import { countsLine, PRODUCTION } from '../core/counts.ts';
import { lttbIndices } from '../charts/lttb.ts';
import { asOfView, deltaDirection, driftFlags, modelsByTeam, staleSince, teamNames, teamRef, type AsOfView, type TeamRef } from './common.ts';
import { HEALTH_DISPLAY_ORDER } from '../core/health.ts';
import { fleetHistoryView, type FleetHistoryView } from './fleet-history.ts';
import { ackView, type AckView } from './incidents.ts';
import { FLEET_CSV_PATH, fleetCsvName } from './fleet-csv.ts';
import { tableToolsMsg } from '../messages.ts';
import { linkedReasonsAt, type LinkedReason } from './reasons.ts';
import { ageShort, date, HEALTH_LABEL, HEALTH_MEANING, href, modelHealthLabel, n, plural, signedPct, sparkPoints } from './format.ts';
import { sinceMsg } from '../messages.ts';

/** How many production models Needs attention lists (the rest are on the alerts page). */
export const ATTENTION_LIMIT = 30;
/** How many models of other lifecycles it lists after them. */
export const OTHERS_LIMIT = 10;
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
  /** When the values are not current (view/common.ts staleSince): "12 d old", shown in place of the change, and "last value 2026-10-19" for its title; else null. */
  stale: { text: string; title: string } | null;
  /** Polyline points for the sparkline ("" when too few values). */
  spark: string;
  drift: string;
  retrained: string;
  retrainedAge: string;
  owner: string;
  /** Every owner, for the owner cell's tooltip and the search (the cell shows the first). */
  owners: string;
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

/** One model of Needs attention: what is wrong, since when, and who is on it. */
export interface AttentionRow {
  id: string;
  name: string;
  href: string;
  team: TeamRef;
  health: Health;
  healthLabel: string;
  /** Its lifecycle when it is not production, else null. */
  lifecycle: string | null;
  /** The top reason, linked to the model page's section that explains it. */
  reason: LinkedReason;
  /** "+3 more" when it has other reasons, else null; `more` holds them. */
  moreLabel: string | null;
  more: LinkedReason[];
  /** "Red since 2026-10-30 (1 day); not green since 2026-10-29 (2 days)", or why it cannot be dated. */
  since: string;
  ack: AckView | null;
}

export interface OverviewView {
  title: string;
  description: string | null;
  asOf: AsOfView;
  total: number;
  counts: HealthCount[];
  /** The headline: production models by health (core/counts.ts), the tiles. */
  production: { total: number; counts: HealthCount[] };
  /** The counts in one line, the same as `spog status` prints. */
  countsLine: string;
  /** The production models by health on each of the last 90 days, as a small chart; null with fewer than two days. */
  history: FleetHistoryView | null;
  /** Production models that are not green, worst first (unknown included). */
  attention: AttentionRow[];
  attentionMore: number;
  /** Models of other lifecycles that are not green (retired ones left out), worst first, and which lifecycles they are. */
  others: AttentionRow[];
  othersLifecycles: string[];
  othersMore: number;
  alertsHref: string;
  groups: OverviewGroup[];
  /** The whole fleet as CSV (/api/models.csv): where, the name a download gets, the link's words. */
  csv: { href: string; file: string; label: string };
  filters: { teams: TeamRef[]; health: { value: Health; label: string }[]; lifecycles: string[]; tags: string[] };
  registryErrors: number;
}

/** Counts the core made, in the display order with their words. */
export function healthCounts(c: HealthCounts): HealthCount[] {
  return HEALTH_DISPLAY_ORDER.map((h) => ({ health: h, label: HEALTH_LABEL[h], meaning: HEALTH_MEANING[h], count: c[h] }));
}

export function counts(healths: Health[]): HealthCount[] {
  return HEALTH_DISPLAY_ORDER.map((h) => ({ health: h, label: HEALTH_LABEL[h], meaning: HEALTH_MEANING[h], count: healths.filter((x) => x === h).length }));
}

/** A sparkline of at most 20 points (LTTB keeps the dips that matter). */
function spark(values: number[]): string {
  const idx = values.length > SPARK_POINTS ? lttbIndices(values.map((_, i) => i), values, SPARK_POINTS) : values.map((_, i) => i);
  return sparkPoints(idx.map((i) => values[i]), 57, 16);
}

/** "12 d old" (the freshness check's age) with the day of the last value, when the values are not current. */
function staleOf(m: FleetModel): OverviewRow['stale'] {
  const s = staleSince(m);
  return s && { text: s.age === null ? 'old' : `${ageShort(s.age)} old`, title: `last value ${s.last}` };
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
    stale: staleOf(m),
    spark: spark(m.sparkline),
    drift: driftFlags(m).join(', '),
    retrained: date(m.last_retrained),
    retrainedAge: ageShort(m.retrained_days_ago),
    owner: m.owners[0] ?? '–',
    owners: m.owners.join(', ') || '–',
    ack: m.incidents.open ? ackView(m)!.text : null,
    ackExpired: m.incidents.open?.expired ?? false,
  };
}

export function overviewView(snap: FleetSnapshot, base: string): OverviewView {
  const groups: OverviewGroup[] = modelsByTeam(snap, base).map(({ team, models: ms }) => ({
    team,
    total: ms.length,
    counts: counts(ms.map((m) => m.health)),
    open: snap.models.length <= OPEN_GROUPS_UP_TO,
    rows: ms.map((m) => overviewRow(m, base)),
  }));
  const prodItems = snap.fleet.attention.filter((a) => a.lifecycle === PRODUCTION);
  const otherItems = snap.fleet.attention.filter((a) => a.lifecycle !== PRODUCTION);
  const c = snap.fleet.counts;
  return {
    title: snap.title,
    description: snap.description,
    asOf: asOfView(snap),
    total: c.total,
    counts: counts(snap.models.map((m) => m.health)),
    production: { total: c.production.total, counts: healthCounts(c.production.by_health) },
    countsLine: countsLine(c),
    history: fleetHistoryView(snap),
    attention: attentionRows(snap, prodItems.slice(0, ATTENTION_LIMIT), base),
    attentionMore: Math.max(0, prodItems.length - ATTENTION_LIMIT),
    others: attentionRows(snap, otherItems.slice(0, OTHERS_LIMIT), base),
    othersLifecycles: [...new Set(otherItems.map((a) => a.lifecycle))],
    othersMore: Math.max(0, otherItems.length - OTHERS_LIMIT),
    alertsHref: href(base, 'alerts/'),
    groups,
    csv: { href: href(base, FLEET_CSV_PATH), file: fleetCsvName(snap.as_of.date), label: tableToolsMsg.downloadAll(c.total) },
    filters: {
      teams: groups.map((g) => g.team),
      health: HEALTH_DISPLAY_ORDER.map((h) => ({ value: h, label: HEALTH_LABEL[h] })),
      lifecycles: [...new Set(snap.models.map((m) => m.lifecycle))].sort(),
      tags: [...new Set(snap.models.flatMap((m) => m.tags))].sort(),
    },
    registryErrors: snap.fleet.registry_errors,
  };
}

/** "Red since 2026-10-30 (1 day); not green since 2026-10-29 (2 days)", or why the day history cannot date it. */
export function sinceLine(a: AttentionItem): string {
  return sinceMsg.attention(HEALTH_LABEL[a.health], a.since && sinceMsg.words(a.since), a.not_green_since && sinceMsg.words(a.not_green_since), sinceMsg.undatedWhy(a.undated_by));
}

/**
 * Needs attention's rows for the core's items (snap.fleet.attention, or a team's share of it):
 * each with its linked reasons, since when and who is on it; the lifecycle is named when it is
 * not production.
 */
export function attentionRows(snap: FleetSnapshot, items: AttentionItem[], base: string): AttentionRow[] {
  const names = teamNames(snap);
  const modelOf = new Map(snap.models.map((m) => [m.id, m]));
  return items.map((a) => attentionRow(a, modelOf.get(a.id), teamRef(snap, a.team, base, names), a.lifecycle === PRODUCTION ? null : a.lifecycle, base));
}

function attentionRow(a: AttentionItem, m: FleetModel | undefined, team: TeamRef, lifecycle: string | null, base: string): AttentionRow {
  const linked = m ? linkedReasonsAt(m, base) : [];
  const more = linked.slice(1);
  return {
    id: a.id,
    name: a.name,
    href: href(base, `models/${a.id}/`),
    team,
    health: a.health,
    healthLabel: modelHealthLabel(m ?? { health: a.health, registry_error: false }),
    lifecycle,
    reason: linked[0] ?? { text: a.reason, check: null, href: href(base, `models/${a.id}/#why`) },
    moreLabel: a.more > 0 ? `+${a.more} more` : null,
    more,
    since: sinceLine(a),
    ack: m ? ackView(m) : null,
  };
}

/** "12 models: 2 red, 3 amber, 7 green" (zero counts left out). */
export function countsSentence(total: number, cs: HealthCount[]): string {
  const parts = cs.filter((c) => c.count > 0).map((c) => `${c.count} ${c.label.toLowerCase()}`);
  return `${plural(total, 'model')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * `spog alerts`: what changed in the models' health, and the models that need attention now, as
 * JSON, Markdown or a Slack message. Alerts are state-based (decision 44): the full health of
 * every model at the start of the period (every check, drift and fairness included) is compared
 * with its full health now, so every entry into amber or red, by any check, is one alert, a
 * recovery is one alert, a model that went back and forth is one line (with how many changes the
 * replayed history saw), and a run over the same states says nothing.
 *
 * - Since a DATE (default: the evaluation day), the start is the registry evaluated at the end of
 *   the day before, under today's files and rules.
 * - Since a git REF, the start is the registry at that commit, evaluated as it stood then (its own
 *   spog.yaml pin, else the commit's date).
 */
import { atLeast, compareHealth } from '../core/health.ts';
import { acknowledges } from '../core/incidents.ts';
import { resolveAsOf } from '../core/time.ts';
import type { CheckName, FleetCounts, Health, HealthSince, ModelSnapshot, OpenIncident, Snapshot } from '../core/types.ts';
import { startCompute } from '../compute/snapshot.ts';
import { asOfOf, at, openRegistry, planRegistry, requireConfig } from '../registry/load.ts';
import { outputMsg, sinceMsg } from '../messages.ts';
import { fsSource, gitSource } from '../registry/source.ts';
import { isValidIsoDate } from '../schema/common.ts';
import { commitDate, repoOf, resolveCommit } from './git.ts';
import { UsageError } from './outcome.ts';

export interface AlertTransition {
  model: string;
  name: string;
  team: string;
  date: string;
  /** null: the model is new since the reference. */
  from: Health | null;
  to: Health;
  reason: string;
  owners: string[];
  /**
   * Status changes of the model in the period (1 for a single change). A model that went back and
   * forth is one alert: its first status, its last, and how many changes were in between.
   */
  changes: number;
  /** The owners' open acknowledgement, when there is one (a change of state is alerted through it). */
  acknowledged: OpenIncident | null;
}

export interface AttentionItem {
  model: string;
  name: string;
  team: string;
  health: Health;
  lifecycle: string;
  reason: string;
  owners: string[];
  /** Since when, in words (see attentionOf): "2026-10-30 (3 days)", or the period it began in and why the day history cannot date it. */
  since: string;
  /** The core's start day of this health (the site's "since"), or null when the day history cannot date it. */
  since_day: HealthSince | null;
  /** Since when it has not been green, when that began before `since_day`. */
  not_green_since: HealthSince | null;
  /** When `since_day` is null: the check that set the health, which the day history does not replay. */
  undated_by: CheckName | null;
  /** The owners' open acknowledgement (who is acting on it), or null. */
  acknowledged: OpenIncident | null;
}

export interface AlertReport {
  as_of: { date: string; source: string };
  since: { kind: 'date' | 'ref'; value: string; date: string; commit?: string };
  transitions: AlertTransition[];
  /** Changes not alerted because the owners acknowledged the model in that state (core/incidents.ts acknowledges). */
  acknowledged: { model: string; from: Health | null; to: Health; by: string; until: string | null }[];
  /** Current non-green models: red, then amber, then unknown. */
  attention: AttentionItem[];
  /** The fleet now, counted the one way (core/counts.ts): production by health, other lifecycles apart. */
  fleet: FleetCounts;
  site_url: string | null;
}

/**
 * The models that need attention now, with since when: the day the core's day history gives
 * (core/history.ts healthSince, the same as the site's), else, for a health the history does not
 * replay (drift, a registry error), the period it began in when this period alerted it, else that
 * it already had it at the period's start.
 */
function attentionOf(snap: Snapshot, transitions: AlertTransition[], start: string): AttentionItem[] {
  const alerted = new Set(transitions.map((t) => t.model));
  const byModel = byId(snap);
  return snap.fleet.attention.map((a) => {
    const m = byModel.get(a.id)!;
    const since = a.since
      ? sinceMsg.words(a.since)
      : `${alerted.has(a.id) ? sinceMsg.alertedBetween(start, snap.as_of.date) : sinceMsg.before(start)}; ${sinceMsg.undatedWhy(a.undated_by)}`;
    return {
      model: a.id, name: a.name, team: a.team, health: a.health, lifecycle: a.lifecycle, reason: a.reason, owners: m.owners,
      since, since_day: a.since, not_green_since: a.not_green_since, undated_by: a.undated_by, acknowledged: m.incidents.open,
    };
  });
}

function byId(snap: Snapshot): Map<string, ModelSnapshot> {
  return new Map(snap.models.map((m) => [m.id, m]));
}

/**
 * The alerts from one state of the fleet to another: one per model whose health differs (a new
 * model only when it is not green), from its health in `base` to its health in `head`, worst
 * first. The replayed history of the period (head's transitions on or after `since.date`) gives
 * how many changes there were and the day the last began, when it shows it (drift is judged on
 * the latest windows only, so a change it caused is dated the evaluation day).
 */
export function alertsBetween(base: Snapshot, head: Snapshot, since: AlertReport['since'], siteUrl: string | null = null): AlertReport {
  const before = byId(base);
  const replayed = new Map<string, Snapshot['transitions']>();
  // head.transitions is newest first.
  for (const t of head.transitions) {
    if (t.date < since.date) continue;
    const list = replayed.get(t.model) ?? [];
    list.push(t);
    replayed.set(t.model, list);
  }
  const transitions: AlertTransition[] = [];
  const acknowledged: AlertReport['acknowledged'] = [];
  for (const m of head.models) {
    const b = before.get(m.id);
    if (b && b.health === m.health) continue;
    if (!b && m.health === 'green') continue;
    const open = m.incidents.open;
    if (acknowledges(open, m.health)) {
      acknowledged.push({ model: m.id, from: b?.health ?? null, to: m.health, by: open!.by, until: open!.until });
      continue;
    }
    const seen = replayed.get(m.id) ?? [];
    const last = seen.find((t) => t.to === m.health);
    transitions.push({
      model: m.id, name: m.name, team: m.team,
      date: last?.date ?? head.as_of.date,
      from: b?.health ?? null, to: m.health,
      reason: m.health === 'green' ? 'all checks pass' : m.reasons[0] ?? '',
      owners: m.owners,
      changes: Math.max(1, seen.length),
      acknowledged: open,
    });
  }
  transitions.sort((a, b) => compareHealth(b.to, a.to) || (a.model < b.model ? -1 : 1));
  return { as_of: head.as_of, since, transitions, acknowledged, attention: attentionOf(head, transitions, since.date), fleet: head.fleet.counts, site_url: siteUrl };
}

/** Alerts since a date: `base` is the fleet evaluated at the end of the day before `sinceDate`. */
export function alertsSinceDate(head: Snapshot, base: Snapshot, sinceDate: string, siteUrl: string | null = null): AlertReport {
  return alertsBetween(base, head, { kind: 'date', value: sinceDate, date: sinceDate }, siteUrl);
}

/** Alerts since a git ref: `base` is the registry at that commit, evaluated as it stood then. */
export function alertsSinceSnapshot(base: Snapshot, head: Snapshot, ref: { value: string; commit: string }, siteUrl: string | null = null): AlertReport {
  return alertsBetween(base, head, { kind: 'ref', value: ref.value, commit: ref.commit, date: base.as_of.date }, siteUrl);
}

export interface AlertOptions {
  registry: string;
  since?: string;
  asOf?: string;
  siteUrl?: string;
}

const ZERO_SHA = /^0{40}$/;

/** `make`, with a malformed evaluation time (--as-of) reported as a usage error. */
function planAt<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Build the report for the CLI: --since a date (default: the as-of day) or a git ref. */
export async function alertReport(o: AlertOptions, warn: (s: string) => void = () => {}): Promise<AlertReport> {
  // The registry as it stands, evaluated in the worker pool.
  const plan = planAt(() => planRegistry(fsSource(o.registry), { asOfFlag: o.asOf }));
  requireConfig(plan, 'spog alerts');
  const asOf = plan.asOf!;
  const snap = (await startCompute(plan).done).snapshot;
  const site = o.siteUrl ?? null;
  let sinceArg = o.since;
  if (sinceArg !== undefined && ZERO_SHA.test(sinceArg)) {
    warn(`spog: --since ${sinceArg.slice(0, 7)}… is the null commit (a first push); reporting transitions on ${asOf.date} instead\n`);
    sinceArg = undefined;
  }
  if (sinceArg === undefined || isValidIsoDate(sinceArg)) {
    // The start of the period: the same registry evaluated at the end of the day before.
    const sinceDate = sinceArg === undefined ? asOf.date : sinceArg.slice(0, 10);
    const dayBefore = new Date(Date.parse(`${sinceDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const base = (await startCompute(at(plan, resolveAsOf({ flag: dayBefore }))).done).snapshot;
    return alertsSinceDate(snap, base, sinceDate, site);
  }
  const info = repoOf(o.registry);
  if ('why' in info) throw new UsageError(`--since "${sinceArg}" is not a date (YYYY-MM-DD) and git refs need a repository: ${info.why}`);
  const c = resolveCommit(info.root, sinceArg);
  if ('why' in c) throw new UsageError(`--since: ${c.why}`);
  // The base as it stood then, read from git: its own pin, else the day of that commit.
  const base = openRegistry(gitSource(info.root, c.commit, info.registryRel));
  // History cannot be fixed: the base's valid part of spog.yaml is used, and said so.
  if (base.configErrors?.length) warn(`spog: warning: ${outputMsg.baseConfigSalvaged(sinceArg, base.configErrors.length)}\n`);
  const when = commitDate(info.root, c.commit);
  const baseAsOf = planAt(() => (base.config.as_of !== undefined || !when ? asOfOf(base.config) : resolveAsOf({ flag: when.slice(0, 10) })));
  const baseSnap = (await startCompute(at(base, baseAsOf)).done).snapshot;
  return alertsSinceSnapshot(baseSnap, snap, { value: sinceArg, commit: c.commit }, site);
}

/** Exit 1 when any model is at or beyond `failOn` now. */
export function alertsExitCode(r: AlertReport, failOn: 'red' | 'amber' | undefined): number {
  if (!failOn) return 0;
  return r.attention.some((a) => atLeast(a.health, failOn)) ? 1 : 0;
}

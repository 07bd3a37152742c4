/**
 * `spog alerts`: status transitions and the models that need attention now, as JSON, Markdown or
 * a Slack message. Since a DATE, transitions come from the snapshot's replayed history (dated,
 * no stored state). Since a git REF, the registry at that commit is evaluated as it stood then
 * (its own spog.yaml pin, else the commit's date) and compared with the head: every model whose
 * health differs is a transition, so one push's effect is reported once.
 */
import { atLeast, compareHealth } from '../core/health.ts';
import { needsAttention } from '../core/snapshot.ts';
import { resolveAsOf } from '../core/time.ts';
import type { Health, ModelSnapshot, Snapshot } from '../core/types.ts';
import { startCompute } from '../compute/snapshot.ts';
import { asOfOf, at, openRegistry, planRegistry } from '../registry/load.ts';
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
}

export interface AttentionItem {
  model: string;
  name: string;
  team: string;
  health: Health;
  lifecycle: string;
  reason: string;
  owners: string[];
  since: string | null;
}

export interface AlertReport {
  as_of: { date: string; source: string };
  since: { kind: 'date' | 'ref'; value: string; date: string; commit?: string };
  transitions: AlertTransition[];
  /** Current non-green models: red, then amber, then unknown. */
  attention: AttentionItem[];
  fleet: Record<Health, number>;
  site_url: string | null;
}

/** The day the model's current health began (the last transition into it), from the replayed history. */
function since(m: ModelSnapshot): string | null {
  const t = m.history.transitions.filter((x) => x.to === m.health);
  return t.length ? t[t.length - 1].date : null;
}

function attentionOf(snap: Snapshot): AttentionItem[] {
  return snap.models
    .filter(needsAttention)
    .sort((a, b) => compareHealth(b.health, a.health) || (a.id < b.id ? -1 : 1))
    .map((m) => ({ model: m.id, name: m.name, team: m.team, health: m.health, lifecycle: m.lifecycle, reason: m.reasons[0] ?? '', owners: m.owners, since: since(m) }));
}

function byId(snap: Snapshot): Map<string, ModelSnapshot> {
  return new Map(snap.models.map((m) => [m.id, m]));
}

/**
 * Alerts since a date: one per model whose status changed on or after `sinceDate`, from its status
 * before the first change to its status after the last (a model flapping between amber and red
 * over two weeks is one alert that says so, not nine), newest first.
 */
export function alertsSinceDate(snap: Snapshot, sinceDate: string, siteUrl: string | null = null): AlertReport {
  const models = byId(snap);
  const byModel = new Map<string, AlertTransition>();
  // snap.transitions is newest first: the first seen of a model is its last change.
  for (const t of snap.transitions) {
    if (t.date < sinceDate) continue;
    const seen = byModel.get(t.model);
    if (seen) {
      seen.from = t.from;
      seen.changes++;
      continue;
    }
    const m = models.get(t.model)!;
    byModel.set(t.model, { model: t.model, name: m.name, team: m.team, date: t.date, from: t.from, to: t.to, reason: t.reason, owners: m.owners, changes: 1 });
  }
  const transitions = [...byModel.values()];
  return { as_of: snap.as_of, since: { kind: 'date', value: sinceDate, date: sinceDate }, transitions, attention: attentionOf(snap), fleet: snap.fleet.by_health, site_url: siteUrl };
}

/** Alerts since a reference snapshot: every model whose health differs (new non-green models too). */
export function alertsSinceSnapshot(base: Snapshot, head: Snapshot, ref: { value: string; commit: string }, siteUrl: string | null = null): AlertReport {
  const before = byId(base);
  const transitions: AlertTransition[] = [];
  for (const m of head.models) {
    const b = before.get(m.id);
    if (b && b.health === m.health) continue;
    if (!b && m.health === 'green') continue;
    transitions.push({ model: m.id, name: m.name, team: m.team, date: head.as_of.date, from: b?.health ?? null, to: m.health, reason: m.reasons[0] ?? 'all checks pass', owners: m.owners, changes: 1 });
  }
  transitions.sort((a, b) => compareHealth(b.to, a.to) || (a.model < b.model ? -1 : 1));
  return { as_of: head.as_of, since: { kind: 'ref', value: ref.value, commit: ref.commit, date: base.as_of.date }, transitions, attention: attentionOf(head), fleet: head.fleet.by_health, site_url: siteUrl };
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
  const asOf = plan.asOf!;
  const snap = (await startCompute(plan).done).snapshot;
  const site = o.siteUrl ?? null;
  let sinceArg = o.since;
  if (sinceArg !== undefined && ZERO_SHA.test(sinceArg)) {
    warn(`spog: --since ${sinceArg.slice(0, 7)}… is the null commit (a first push); reporting transitions on ${asOf.date} instead\n`);
    sinceArg = undefined;
  }
  if (sinceArg === undefined) return alertsSinceDate(snap, asOf.date, site);
  if (isValidIsoDate(sinceArg)) return alertsSinceDate(snap, sinceArg.slice(0, 10), site);
  const info = repoOf(o.registry);
  if ('why' in info) throw new UsageError(`--since "${sinceArg}" is not a date (YYYY-MM-DD) and git refs need a repository: ${info.why}`);
  const c = resolveCommit(info.root, sinceArg);
  if ('why' in c) throw new UsageError(`--since: ${c.why}`);
  // The base as it stood then, read from git: its own pin, else the day of that commit.
  const base = openRegistry(gitSource(info.root, c.commit, info.registryRel));
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

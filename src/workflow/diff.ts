/**
 * `spog diff BASE [HEAD]`: what a change to the registry does, for the pull request. Both sides
 * are read by the registry loader, from git trees (HEAD defaults to the working tree; no checkout,
 * no temporary copy), and evaluated in the worker pool at the same "as of", so every difference
 * comes from the files, not from the passing of time. The result is plain data (JSON);
 * diff-markdown.ts renders it.
 */
import { factsOf } from '../compute/snapshot.ts';
import type { ModelFacts, WithFacts } from '../compute/job.ts';
import { movement, type Direction } from '../core/direction.ts';
import { isAlarm } from '../core/health.ts';
import { resolveAsOf, type AsOf } from '../core/time.ts';
import type { Check, Comparison, Health, ModelSnapshot, Snapshot } from '../core/types.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { at, openRegistry } from '../registry/load.ts';
import { fsSource, gitSource, type Source } from '../registry/source.ts';
import type { Config } from '../schema/config.ts';
import { fieldDiff, type FieldChange } from './field-diff.ts';
import { repoOf, resolveCommit, type RepoInfo } from './git.ts';
import { classifyCheck, configLoosenings, loosenings, modelClass, REVIEW_ORDER, type Loosening, type ReviewClass } from './review.ts';
import { UsageError } from './outcome.ts';
import type { LoadedVersion } from '../core/input.ts';

export interface Side {
  /** The ref as given, or "working tree". */
  ref: string;
  commit: string | null;
}

export interface MetricEvaluation {
  metric: string;
  value: number;
  champion: number | null;
  delta: number | null;
  /** Direction-aware for the primary metric (core/direction.ts); null for other metrics, without a champion value, or when level. */
  better: boolean | null;
  primary: boolean;
}

export interface NewVersion {
  version: string;
  trained_at: string;
  author: string | null;
  parent: string | null;
  /** The champion it is compared with (the base champion; the head champion for a new model). */
  champion: string | null;
  metrics: MetricEvaluation[];
  deployed: string | null;
}

export interface Promotion {
  from: string | null;
  to: string;
  /** Production comparison of the new champion (as a challenger) vs the old one, on the base side. */
  evidence: Comparison | null;
  /** Offline evaluation of the primary metric: new vs old champion. */
  offline: { metric: string; from: number | null; to: number | null; delta: number | null; /** null when level or a value is missing (core/direction.ts). */ better: boolean | null } | null;
}

export interface CheckChange {
  check: string;
  base: Health | null;
  head: Health | null;
  /** What the change means for the reviewer (review.ts); null when neither status nor a limit moved. */
  class: ReviewClass | null;
  /** Each side's reason and threshold, so a status is always shown beside its own reason. */
  reason_base: string | null;
  reason_head: string | null;
  threshold_base: string | null;
  threshold_head: string | null;
  /** The limits of this check made more permissive. */
  loosened: Loosening[];
}

export interface FileChange {
  path: string;
  status: 'added' | 'removed' | 'modified';
}

export interface ModelDiff {
  id: string;
  name: string;
  team: string;
  change: 'added' | 'removed' | 'changed' | 'health';
  health: { base: Health | null; head: Health | null };
  lifecycle: { base: string | null; head: string | null };
  champion: { base: string | null; head: string | null };
  primary: { name: string; label: string; base: number | null; head: number | null; expected_base: number | null; expected_head: number | null };
  reasons: { base: string[]; head: string[] };
  checks: CheckChange[];
  /**
   * What the change means for the reviewer: the model's class (the first of hides, worse,
   * loosened, better among its checks; null for an added or removed model), every limit made more
   * permissive, and whether it was retired while amber or red (which takes it off every attention list).
   */
  review: { class: ReviewClass | null; loosened: Loosening[]; retired_while_alarm: boolean };
  card: FieldChange[];
  card_text_changed: boolean;
  versions_added: NewVersion[];
  versions_removed: string[];
  versions_changed: { version: string; changes: FieldChange[] }[];
  promotion: Promotion | null;
  metrics: { points_base: number; points_head: number; added: number; last_data_base: string | null; last_data_head: string | null };
  feature_windows: { base: number; head: number };
  errors: { base: number; head: number; new: string[] };
  files: FileChange[];
}

export interface RegistryDiff {
  base: Side;
  head: Side;
  registry: string;
  as_of: { date: string; source: string };
  summary: {
    models_base: number;
    models_head: number;
    added: number;
    removed: number;
    changed: number;
    versions_added: number;
    promotions: number;
    metric_points_added: number;
    /** Models by what the change means for the reviewer (review.ts): hides a problem, worse, loosened, better. */
    review: Record<ReviewClass, number>;
    health_head: Record<Health, number>;
    errors_base: number;
    errors_head: number;
  };
  config: FieldChange[];
  /** spog.yaml's defaults made more permissive (for every model that does not override them). */
  config_loosened: Loosening[];
  models: ModelDiff[];
}

function fileChanges(base: ModelFacts | undefined, head: ModelFacts | undefined): FileChange[] {
  const a = new Map(base?.files ?? []);
  const b = new Map(head?.files ?? []);
  const out: FileChange[] = [];
  for (const [p, h] of b) {
    if (!a.has(p)) out.push({ path: p, status: 'added' });
    else if (a.get(p) !== h) out.push({ path: p, status: 'modified' });
  }
  for (const p of a.keys()) if (!b.has(p)) out.push({ path: p, status: 'removed' });
  return out.sort((x, y) => (x.path < y.path ? -1 : 1));
}

const withoutFile = <T extends { file: string }>(v: T) => {
  const { file: _f, ...rest } = v;
  return rest;
};
const stripSchema = (o: object | null) => {
  if (!o) return o;
  const { $schema: _s, ...rest } = o as Record<string, unknown>;
  return rest;
};

/** `value` better than `reference` (true), worse (false), or level or not comparable (null): the core's rule. */
function better(value: number | undefined, reference: number | undefined, dir: Direction): boolean | null {
  if (value === undefined || reference === undefined) return null;
  const moved = movement(value, reference, dir);
  return moved === 'level' ? null : moved === 'better';
}

function evaluation(v: LoadedVersion, champ: LoadedVersion | undefined, primary: string, dir: Direction): MetricEvaluation[] {
  const names = Object.keys(v.metrics);
  names.sort((a, b) => (a === primary ? -1 : b === primary ? 1 : a < b ? -1 : 1));
  return names.map((metric) => {
    const value = v.metrics[metric];
    const c = champ?.metrics[metric];
    const delta = c === undefined ? null : value - c;
    const isPrimary = metric === primary;
    return {
      metric,
      value,
      champion: c ?? null,
      delta,
      better: isPrimary ? better(value, c, dir) : null,
      primary: isPrimary,
    };
  });
}

const thresholdText = (c: Check | undefined) => (c?.threshold === null || c?.threshold === undefined ? null : String(c.threshold));

/** Every check whose status moved or whose limits were loosened, classified for the reviewer (both removed and added checks included). */
function checkChanges(b: ModelSnapshot | undefined, h: ModelSnapshot | undefined, loosened: Loosening[]): CheckChange[] {
  const bm = new Map<string, Check>((b?.checks ?? []).map((c) => [c.check, c]));
  const hm = new Map<string, Check>((h?.checks ?? []).map((c) => [c.check, c]));
  const names = [...new Set([...hm.keys(), ...bm.keys()])];
  const out: CheckChange[] = [];
  // A model that is gone has no checks to classify; its removal is the change.
  if (!h) return out;
  for (const n of names) {
    const x = bm.get(n);
    const y = hm.get(n);
    const mine = loosened.filter((l) => l.check === n);
    // A status that did not move is listed for a loosening of the card; spog.yaml's are listed once for the fleet.
    const own = mine.filter((l) => l.source === 'card');
    if (x?.status === y?.status && !own.length) continue;
    const moved = classifyCheck(x?.status ?? null, y?.status ?? null, mine.length > 0);
    out.push({
      check: n,
      base: x?.status ?? null,
      head: y?.status ?? null,
      class: moved ?? (own.length ? 'loosened' : null),
      reason_base: x?.reason ?? null,
      reason_head: y?.reason ?? null,
      threshold_base: thresholdText(x),
      threshold_head: thresholdText(y),
      loosened: mine,
    });
  }
  const rank = (c: CheckChange) => (c.class ? REVIEW_ORDER.indexOf(c.class) : REVIEW_ORDER.length);
  return out.sort((p, q) => rank(p) - rank(q));
}

function modelDiff(id: string, base: DiffSide, head: DiffSide): ModelDiff | null {
  const bm = base.models.get(id)?.facts;
  const hm = head.models.get(id)?.facts;
  const bs = base.models.get(id)?.snapshot;
  const hs = head.models.get(id)?.snapshot;
  const files = fileChanges(bm, hm);
  const card = fieldDiff(stripSchema(bm?.card ?? null) ?? {}, stripSchema(hm?.card ?? null) ?? {});
  const cardTextChanged = (bm?.body ?? '') !== (hm?.body ?? '');
  const primaryName = (hm?.card ?? bm?.card)?.primary_metric.name ?? '';
  const dir = (hm?.card ?? bm?.card)?.primary_metric.direction ?? 'higher_is_better';
  const bVersions = new Map((bm?.versions ?? []).map((v) => [v.version, v]));
  const hVersions = new Map((hm?.versions ?? []).map((v) => [v.version, v]));
  const bChampId = bs?.champion ?? null;
  const hChampId = hs?.champion ?? null;
  const refChamp = bChampId ? bVersions.get(bChampId) : hChampId ? hVersions.get(hChampId) : undefined;
  const versionsAdded: NewVersion[] = [];
  for (const v of hm?.versions ?? []) {
    if (bVersions.has(v.version)) continue;
    const dep = hm?.card?.deployments.find((d) => d.version === v.version);
    const champ = refChamp && refChamp.version !== v.version ? refChamp : undefined;
    versionsAdded.push({
      version: v.version,
      trained_at: v.trained_at,
      author: v.author ?? null,
      parent: v.parent ?? null,
      champion: champ?.version ?? null,
      metrics: evaluation(v, champ, primaryName, dir),
      deployed: dep ? `${dep.role} (${dep.mode}${dep.traffic !== undefined ? ` ${Math.round(dep.traffic * 100)}%` : ''})` : null,
    });
  }
  const versionsRemoved = [...bVersions.keys()].filter((v) => !hVersions.has(v));
  const versionsChanged: ModelDiff['versions_changed'] = [];
  for (const [name, hv] of hVersions) {
    const bv = bVersions.get(name);
    if (!bv) continue;
    const changes = fieldDiff(stripSchema(withoutFile(bv)), stripSchema(withoutFile(hv)));
    if (changes.length) versionsChanged.push({ version: name, changes });
  }
  let promotion: Promotion | null = null;
  if (hChampId && hChampId !== bChampId && bm) {
    const evidence = bs?.comparisons.find((c) => c.challenger === hChampId && c.champion === bChampId) ?? null;
    const from = bChampId ? bVersions.get(bChampId) ?? hVersions.get(bChampId) : undefined;
    const to = hVersions.get(hChampId);
    const fv = from?.expected?.[primaryName] ?? from?.metrics[primaryName];
    const tv = to?.expected?.[primaryName] ?? to?.metrics[primaryName];
    const delta = fv !== undefined && tv !== undefined ? tv - fv : null;
    promotion = {
      from: bChampId,
      to: hChampId,
      evidence,
      offline: primaryName ? { metric: primaryName, from: fv ?? null, to: tv ?? null, delta, better: better(tv, fv, dir) } : null,
    };
  }
  const bErr = bm?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const hErr = hm?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const oldErr = new Set(bErr.map((d) => `${d.file}\u0000${d.field}\u0000${d.message}`));
  const newErr = hErr.filter((d) => !oldErr.has(`${d.file}\u0000${d.field}\u0000${d.message}`)).map(formatDiagnostic);
  const healthChanged = bs?.health !== hs?.health;
  const loosened = bm && hm ? loosenings({ card: bm.card, config: base.config }, { card: hm.card, config: head.config }) : [];
  const checks = checkChanges(bs, hs, loosened);
  if (!files.length && !healthChanged && !checks.length && bm && hm) return null;
  const retiredWhileAlarm = Boolean(bs && hs && isAlarm(bs.health) && bs.lifecycle !== 'retired' && hs.lifecycle === 'retired');
  const snap = hs ?? bs!;
  return {
    id,
    name: snap.name,
    team: snap.team,
    change: !bm ? 'added' : !hm ? 'removed' : files.length ? 'changed' : 'health',
    health: { base: bs?.health ?? null, head: hs?.health ?? null },
    lifecycle: { base: bs?.lifecycle ?? null, head: hs?.lifecycle ?? null },
    champion: { base: bChampId, head: hChampId },
    primary: { name: snap.primary.name, label: snap.primary.label, base: bs?.primary.value ?? null, head: hs?.primary.value ?? null, expected_base: bs?.primary.expected ?? null, expected_head: hs?.primary.expected ?? null },
    reasons: { base: bs?.reasons ?? [], head: hs?.reasons ?? [] },
    checks,
    review: { class: bm && hm ? modelClass(checks.map((c) => c.class), loosened.filter((l) => l.source === 'card'), retiredWhileAlarm) : null, loosened, retired_while_alarm: retiredWhileAlarm },
    card,
    card_text_changed: cardTextChanged,
    versions_added: versionsAdded,
    versions_removed: versionsRemoved,
    versions_changed: versionsChanged,
    promotion,
    metrics: { points_base: bm?.points ?? 0, points_head: hm?.points ?? 0, added: (hm?.points ?? 0) - (bm?.points ?? 0), last_data_base: bs?.last_data ?? null, last_data_head: hs?.last_data ?? null },
    feature_windows: { base: bm?.windowCount ?? 0, head: hm?.windowCount ?? 0 },
    errors: { base: bErr.length, head: hErr.length, new: newErr },
    files,
  };
}

/** One side of a diff: its config and every model's snapshot and facts (computed in the worker pool). */
export interface DiffSide {
  config: Config;
  models: Map<string, WithFacts>;
  snapshot: Snapshot;
  counts: { errors: number };
}

/** Compare two sides evaluated at the same time. */
export function diffSides(base: DiffSide, head: DiffSide, asOf: AsOf, sides: { base: Side; head: Side; registry: string }): RegistryDiff {
  const hSnap = head.snapshot;
  const ids = [...new Set([...head.models.keys(), ...base.models.keys()])].sort();
  const models = ids.map((id) => modelDiff(id, base, head)).filter((m): m is ModelDiff => m !== null);
  return {
    base: sides.base,
    head: sides.head,
    registry: sides.registry,
    as_of: { date: asOf.date, source: asOf.source },
    summary: {
      models_base: base.models.size,
      models_head: head.models.size,
      added: models.filter((m) => m.change === 'added').length,
      removed: models.filter((m) => m.change === 'removed').length,
      changed: models.filter((m) => m.change === 'changed' || m.change === 'health').length,
      versions_added: models.filter((m) => m.change !== 'added').reduce((s, m) => s + m.versions_added.length, 0),
      promotions: models.filter((m) => m.promotion).length,
      metric_points_added: models.reduce((s, m) => s + Math.max(0, m.metrics.added), 0),
      review: Object.fromEntries(REVIEW_ORDER.map((c) => [c, models.filter((m) => m.review.class === c).length])) as Record<ReviewClass, number>,
      health_head: hSnap.fleet.by_health,
      errors_base: base.counts.errors,
      errors_head: head.counts.errors,
    },
    config: fieldDiff(stripSchema(base.config), stripSchema(head.config)),
    config_loosened: configLoosenings(base.config, head.config),
    models,
  };
}

export interface DiffOptions {
  registry: string;
  base: string;
  head?: string;
  asOf?: string;
}

/** Read BASE (and HEAD unless it is the working tree) from git, evaluate both at one time and diff them. */
export async function diffRefs(o: DiffOptions): Promise<RegistryDiff> {
  const info = repoOf(o.registry);
  if ('why' in info) throw new UsageError(info.why);
  const repo: RepoInfo = info;
  const side = (ref: string): { side: Side; source: Source } => {
    const c = resolveCommit(repo.root, ref);
    if ('why' in c) throw new UsageError(c.why + (repo.shallow ? ' (this is a shallow clone)' : ''));
    return { side: { ref, commit: c.commit }, source: gitSource(repo.root, c.commit, repo.registryRel) };
  };
  const base = side(o.base);
  const head = o.head === undefined ? { side: { ref: 'working tree', commit: null }, source: fsSource(o.registry) } : side(o.head);
  // Every feature file: a pull request may touch any month, and its report counts every window.
  const bPlan = openRegistry(base.source, { everyFeatureFile: true });
  const hPlan = openRegistry(head.source, { everyFeatureFile: true });
  let asOf: AsOf;
  try {
    asOf = resolveAsOf({ flag: o.asOf, registry: hPlan.config.as_of ?? bPlan.config.as_of, env: process.env.SOURCE_DATE_EPOCH });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // Evaluated at that time: only the feature windows the drift check compares are kept.
  const sideOf = async (plan: typeof bPlan): Promise<DiffSide> => {
    const r = await factsOf(at(plan, asOf));
    return { config: plan.config, models: r.models, snapshot: r.snapshot, counts: r.counts };
  };
  return diffSides(await sideOf(bPlan), await sideOf(hPlan), asOf, { base: base.side, head: head.side, registry: repo.registryRel || '.' });
}

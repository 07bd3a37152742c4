/**
 * `spog new model ID` and `spog new version ID VERSION`: a new model card (and its first
 * version) or a new version file, written from flags with a comment above every key
 * (scaffold/model.ts). Every refusal names what is wrong and what would do: a bad id gets the slug
 * it probably meant, an unknown team the known ones, a missing parent the versions there are. The
 * new files are checked by the registry loader through an overlay (model-files.ts), with the
 * rules `spog validate` applies, before anything is written; then they are created all or nothing
 * and never over a file that exists (safe-write.ts createFiles).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newMsg, writeMsg } from '../messages.ts';
import { didYouMean, knownDirection, toSlug } from '../names.ts';
import { git } from '../registry/git.ts';
import { openRegistry } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import { LIFECYCLES, TASKS, type Card, type LifecycleName } from '../schema/card.ts';
import { FORBIDDEN_KEYS, isValidIsoDate, SLUG_RE, VERSION_RE } from '../schema/common.ts';
import type { Version } from '../schema/version.ts';
import { describeErrors, loadModelFiles, modelDir, newErrors } from './model-files.ts';
import { UsageError, type Outcome } from './outcome.ts';
import { asWriteFailure, createFiles, FileExists, WriteFailure } from './safe-write.ts';
import { DEFAULT_LIFECYCLE } from './scaffold/defaults.ts';
import { cardText, versionText, type CardFields, type VersionFields } from './scaffold/model.ts';
import { SCHEMA_FILE, schemaHref } from './scaffold/schema-path.ts';

/** A refusal of the request itself (exit 1): the registry would not accept it. */
class Refusal extends Error {}

/** How a registry repository runs its spog, in the next steps printed (docs/decisions.md 61). */
const SPOG = 'npx --no-install spog';

/** The flags that fill a version's file: `spog new version`, and `spog new model --version`. */
export interface VersionFlags {
  parent?: string;
  codeRef?: string;
  dataRef?: string[];
  trainedAt?: string;
  param?: string[];
  metric?: string[];
  author?: string;
  notes?: string;
  /** The clock, for trained_at when not given (tests pass it). */
  nowMs?: number;
}

export interface NewModelOptions extends Omit<VersionFlags, 'parent'> {
  registry: string;
  team?: string;
  owners?: string[];
  name?: string;
  description?: string;
  task?: string;
  primaryMetric?: string;
  direction?: string;
  amber?: string;
  red?: string;
  lifecycle?: string;
  /** Also create this first version (with the VersionFlags) and make it the champion. */
  version?: string;
}

export interface NewVersionOptions extends VersionFlags {
  registry: string;
}

/** A version id made from free text: "V 2.0" -> "v-2.0". */
export function toVersionId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

function checkModelId(id: string): void {
  if (!SLUG_RE.test(id) || FORBIDDEN_KEYS.has(id)) throw new Refusal(newMsg.badModelId(id, toSlug(id)));
}

function checkVersionId(v: string): void {
  if (!VERSION_RE.test(v) || FORBIDDEN_KEYS.has(v)) throw new Refusal(newMsg.badVersionId(v, toVersionId(v)));
}

/** Instant `ms` as an ISO date-time in whole seconds, UTC. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** "churn-model" -> "Churn model". */
function nameFromId(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The owners from --owner, or git config user.email in the registry's repository; null when neither gives one. */
function ownersOf(flags: string[] | undefined, registry: string): string[] | null {
  const given = (flags ?? []).map((o) => o.trim()).filter(Boolean);
  if (given.length) return [...new Set(given)];
  const r = git(registry, ['config', 'user.email']);
  const email = r.ok ? r.stdout.trim() : '';
  return email ? [email] : null;
}

function taskOf(task: string): Card['task'] {
  const t = task.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((TASKS as readonly string[]).includes(t)) return t as Card['task'];
  const suggestion = TASKS.find((k) => k.includes(t)) ?? didYouMean(t, [...TASKS]);
  throw new UsageError(newMsg.badTask(task, TASKS, suggestion));
}

function directionOf(flag: string | undefined, metric: string): Card['primary_metric']['direction'] {
  if (flag === undefined) {
    const known = knownDirection(metric);
    if (!known) throw new UsageError(newMsg.directionUnknown(metric));
    return known;
  }
  const d = flag.trim().toLowerCase();
  if (d === 'higher' || d === 'higher_is_better') return 'higher_is_better';
  if (d === 'lower' || d === 'lower_is_better') return 'lower_is_better';
  throw new UsageError(newMsg.badDirection(flag));
}

function shareOf(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(newMsg.badShare(flag, v));
  return n;
}

/** "name=value" pairs of a repeatable flag, each name once. */
function pairs(flag: string, values: string[] | undefined, example: string): [string, string][] {
  const out: [string, string][] = [];
  for (const p of values ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(newMsg.badPair(flag, p, example));
    const name = p.slice(0, eq).trim();
    if (out.some(([k]) => k === name)) throw new UsageError(newMsg.pairTwice(flag, name));
    out.push([name, p.slice(eq + 1)]);
  }
  return out;
}

/** A hyper-parameter's value as YAML would read it: a number, true/false, null, or the text. */
function scalarOf(text: string): string | number | boolean | null {
  const t = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  return text;
}

function codeRefOf(v: string | undefined): Version['code'] {
  if (v === undefined) return undefined;
  const m = /^(.+)@([0-9a-f]{7,40})(?::(.+))?$/.exec(v.trim());
  if (!m) throw new UsageError(newMsg.badCodeRef(v));
  return { repo: m[1], commit: m[2], ...(m[3] ? { path: m[3] } : {}) };
}

function dataRefsOf(values: string[] | undefined): Version['data'] {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(newMsg.badDataRef(v));
    return { name: v.slice(0, eq).trim(), uri: v.slice(eq + 1).trim() };
  });
}

/** The version ids a model has (its versions/*.yaml files). */
function versionsOf(registry: string, id: string): string[] {
  const dir = join(registry, 'models', id, 'versions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** The `--registry R` to repeat in suggested commands, when it is not the default. */
function registryFlag(registry: string): string {
  return registry === './registry' || registry === 'registry' ? '' : ` --registry ${registry}`;
}

/**
 * Check the new files (registry paths -> text) with the loader, then create them all or nothing.
 * Returns the warnings the loader gave about them (not the model's older ones).
 */
function checkAndCreate(registry: string, id: string, files: Map<string, string>, before: ReturnType<typeof loadModelFiles>['errors']): string[] {
  const after = loadModelFiles(registry, id, files);
  const ours = (file: string) => file.startsWith(`models/${id}/`);
  const fresh = newErrors(before, after.errors).filter((d) => ours(d.file));
  if (fresh.length) throw new Refusal(newMsg.wouldBeInvalid(describeErrors(fresh)));
  try {
    createFiles([...files].map(([rel, text]) => ({ path: join(registry, rel), data: text })), true);
  } catch (e) {
    if (e instanceof FileExists) throw new Refusal(newMsg.alreadyThere(e.path));
    asWriteFailure(e, [...files.keys()][0], writeMsg.nothingWritten());
  }
  return after.model.diagnostics.filter((d) => d.severity === 'warning' && files.has(d.file)).map((d) => describeErrors([d]).trim());
}

function run(fn: () => Outcome): Outcome {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Refusal || e instanceof WriteFailure) return { stdout: '', stderr: `spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
}

/** Create models/<id>/README.md (and, with a version, versions/<version>.yaml, deployed as the champion). */
export function newModel(id: string, o: NewModelOptions): Outcome {
  return run(() => {
    checkModelId(id);
    if (o.version !== undefined) checkVersionId(o.version);
    const versionFlags = (['metric', 'param', 'codeRef', 'dataRef', 'trainedAt', 'author', 'notes'] as const).filter((k) => o[k] !== undefined);
    if (o.version === undefined && versionFlags.length) throw new UsageError(newMsg.versionFlagsWithoutVersion(versionFlags));
    const plan = openRegistry(fsSource(o.registry), { headsOnly: true });
    const cardRel = `models/${id}/README.md`;
    if (existsSync(join(o.registry, cardRel))) throw new Refusal(newMsg.modelExists(id, cardRel));
    if (existsSync(join(o.registry, 'models', id))) throw new Refusal(newMsg.modelFolderExists(id, `models/${id}/`));

    const teams = plan.config.teams.map((t) => t.id);
    const team = o.team ?? (teams.length === 1 ? teams[0] : undefined);
    const owners = ownersOf(o.owners, o.registry);
    // Every missing answer at once, not one per run.
    const missing = [
      team === undefined ? newMsg.teamMissing(teams) : null,
      owners === null ? newMsg.ownerMissing() : null,
      o.task === undefined ? newMsg.taskMissing(TASKS) : null,
      o.primaryMetric === undefined || !o.primaryMetric.trim() ? newMsg.primaryMissing() : null,
    ].filter((x): x is string => x !== null);
    if (missing.length) throw new UsageError(newMsg.missingFlags(id, missing, { team: team ?? teams[0] ?? 'ml', owner: owners?.[0] ?? '@ana', task: o.task ?? 'binary_classification', metric: o.primaryMetric?.trim() || 'auc' }));
    if (!teams.length) throw new Refusal(newMsg.noTeams(team!));
    if (!teams.includes(team!)) throw new Refusal(newMsg.unknownTeam(team!, teams, didYouMean(team!, teams)));

    const task = taskOf(o.task!);
    const metric = o.primaryMetric!.trim();
    const twin = (o.metric ?? []).map((m) => m.split('=')[0].trim()).find((k) => k !== metric && k.toLowerCase() === metric.toLowerCase());
    if (twin !== undefined) throw new UsageError(newMsg.metricCase(metric, twin));
    const direction = directionOf(o.direction, metric);
    const lifecycle = (o.lifecycle ?? DEFAULT_LIFECYCLE) as LifecycleName;
    if (!(LIFECYCLES as readonly string[]).includes(lifecycle)) throw new UsageError(newMsg.badLifecycle(lifecycle, LIFECYCLES));
    const amber = shareOf('amber', o.amber);
    const red = shareOf('red', o.red);
    const defaults = plan.config.defaults.thresholds;

    const fields: CardFields = {
      name: o.name?.trim() || nameFromId(id),
      ...(o.description ? { summary: o.description.split('\n')[0].trim() } : {}),
      owners: owners!,
      team: team!,
      task,
      lifecycle,
      primary_metric: { name: metric, direction },
      ...(amber !== undefined || red !== undefined ? { thresholds: { mode: defaults.mode, amber: amber ?? defaults.amber, red: red ?? defaults.red } } : {}),
      ...(o.version ? { deployments: [{ version: o.version, role: 'champion' as const, mode: 'production' as const }] } : {}),
    };
    const files = new Map([[cardRel, cardText(fields, schemaHref(o.registry, cardRel, SCHEMA_FILE.card), o.description)]]);
    if (o.version) {
      const rel = `models/${id}/versions/${o.version}.yaml`;
      files.set(rel, versionText(versionFieldsOf(o.version, o), schemaHref(o.registry, rel, SCHEMA_FILE.version)));
    }
    const warnings = checkAndCreate(o.registry, id, files, []);
    const reg = registryFlag(o.registry);
    const evaluated = o.metric?.some((m) => m.split('=')[0].trim() === metric);
    const next = o.version
      ? [
          ...(evaluated ? [] : [`edit models/${id}/versions/${o.version}.yaml: its evaluation (metrics: {${metric}: ...}), code and data (or pass --metric ${metric}=VALUE)`]),
          `${SPOG} log${reg} --model ${id} --version ${o.version} --metric ${metric} --value VALUE --n COUNT`,
          `${SPOG} codeowners${reg}, ${SPOG} validate${reg ? ` ${o.registry}` : ''}, then commit and open a pull request`,
        ]
      : [`${SPOG} new version ${id} v1${reg} --metric ${metric}=VALUE`, `${SPOG} promote ${id} v1${reg}`, `${SPOG} codeowners${reg}, ${SPOG} validate${reg ? ` ${o.registry}` : ''}, then commit and open a pull request`];
    return { stdout: `${newMsg.done(newMsg.modelCreated(id, o.version), [...files.keys()], warnings, next)}\n`, stderr: '', exitCode: 0 };
  });
}

/** A version file's fields from the flags of `spog new version` (and of `spog new model --version`). */
function versionFieldsOf(version: string, o: VersionFlags): VersionFields {
  const trainedAt = o.trainedAt ?? isoSeconds(o.nowMs ?? Date.now());
  if (!isValidIsoDate(trainedAt)) throw new UsageError(newMsg.badTrainedAt(trainedAt));
  const metrics: Record<string, number> = {};
  for (const [k, v] of pairs('metric', o.metric, 'auc=0.83')) {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(newMsg.badMetricValue(`${k}=${v}`));
    metrics[k] = n;
  }
  return {
    version,
    trained_at: trainedAt,
    ...(o.author ? { author: o.author } : {}),
    ...(o.parent ? { parent: o.parent } : {}),
    code: codeRefOf(o.codeRef),
    data: dataRefsOf(o.dataRef),
    params: Object.fromEntries(pairs('param', o.param, 'max_depth=6').map(([k, v]) => [k, scalarOf(v)])),
    metrics,
    ...(o.notes ? { notes: o.notes } : {}),
  };
}

/** Create models/<id>/versions/<version>.yaml; deployments are not touched (spog promote does that). */
export function newVersion(id: string, version: string, o: NewVersionOptions): Outcome {
  return run(() => {
    checkModelId(id);
    const d = modelDir(o.registry, id);
    if ('why' in d) throw new Refusal(newMsg.noSuchModel(d.why));
    checkVersionId(version);
    const rel = `models/${id}/versions/${version}.yaml`;
    const known = versionsOf(o.registry, id);
    if (existsSync(join(o.registry, rel))) throw new Refusal(newMsg.versionExists(id, version, rel));
    if (o.parent !== undefined && !known.includes(o.parent)) throw new Refusal(newMsg.parentMissing(o.parent, id, known));
    const fields = versionFieldsOf(version, o);
    const before = loadModelFiles(o.registry, id).errors;
    const warnings = checkAndCreate(o.registry, id, new Map([[rel, versionText(fields, schemaHref(o.registry, rel, SCHEMA_FILE.version))]]), before);
    const reg = registryFlag(o.registry);
    const next = [`${SPOG} promote ${id} ${version}${reg}            # make it the champion (or add it to deployments as a challenger)`, `${SPOG} log${reg} --model ${id} --version ${version} --metric NAME --value VALUE`, `${SPOG} validate${reg ? ` ${o.registry}` : ''}, then commit ${rel} and open a pull request`];
    return { stdout: `${newMsg.done(newMsg.versionCreated(id, version), [rel], warnings, next)}\n`, stderr: '', exitCode: 0 };
  });
}

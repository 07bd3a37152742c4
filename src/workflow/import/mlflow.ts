/**
 * `spog import mlflow`: read registered models from an MLflow tracking server (REST API 2.0, as
 * MLflow 2.x and 3.x serve it) into the import shape (shape.ts).
 *
 * - registered model -> model: id = the slug of its name, the name kept as the card's name,
 *   its description the card's summary, its tag `task` the card's task when it is one of spog's;
 * - model version N -> version `vN`: trained_at = when its run ended (training finished; else
 *   the run's start, else the version's registration, which may be much later), author = its user, notes = its description, tags = its tags and the run's own
 *   (not `mlflow.*`); from its run: params, metrics (the evaluation: each metric's latest
 *   value), code = `mlflow.source.git.commit` in the repository `mlflow.source.git.repoURL`
 *   (else `mlflow.source.name`), data = the run's dataset inputs, parent = the version whose run
 *   is the run's `mlflow.parentRunId`;
 * - aliases -> deployments: `champion` = champion in production, `challenger` = challenger in
 *   shadow, others only through `--alias NAME=ROLE[:MODE]`.
 * A version whose run was deleted is imported from the run's record while MLflow keeps it (deleted,
 * not purged), else from what the version says; a warning names both.
 */
import { z } from 'zod';
import { importMsg } from '../../messages.ts';
import { TASKS, type Card, type Deployment } from '../../schema/card.ts';
import { isValidIsoDate } from '../../schema/common.ts';
import { UsageError } from '../outcome.ts';
import { ImportFailure, mlflowClient, paged, type JsonClient } from './http.ts';
import { checkDistinctIds, isoOfMs, modelIdOf, safeEntries, scalarOf, type HistoryPoint, type ImportedModel, type ImportedVersion, type ImportRead } from './shape.ts';

export interface MlflowOptions {
  trackingUri: string;
  /** Only these registered models (their name or model id). */
  models?: string[];
  /** Only versions created on or after this day (versions a deployment names come anyway). */
  since?: string;
  metricsFromRuns?: boolean;
  /** `NAME=ROLE[:MODE]`, repeatable: what other aliases deploy. */
  aliases?: string[];
  env?: NodeJS.ProcessEnv;
}

type AliasRule = Pick<Deployment, 'role' | 'mode'>;

/** The aliases spog maps without being told (docs/import.md). */
export const DEFAULT_ALIASES: Record<string, AliasRule> = {
  champion: { role: 'champion', mode: 'production' },
  challenger: { role: 'challenger', mode: 'shadow' },
};

const MODES = ['production', 'shadow', 'canary', 'blue', 'green'] as const;

/** `--alias NAME=ROLE[:MODE]` -> the alias table (the defaults, then these). */
export function aliasRules(flags: string[] = []): Record<string, AliasRule> {
  const out: Record<string, AliasRule> = { ...DEFAULT_ALIASES };
  for (const f of flags) {
    const m = /^([^=]+)=(champion|challenger)(?::([a-z]+))?$/.exec(f.trim());
    if (!m || (m[3] !== undefined && !(MODES as readonly string[]).includes(m[3]))) throw new UsageError(importMsg.badAlias(f, MODES));
    const role = m[2] as AliasRule['role'];
    out[m[1].trim()] = { role, mode: (m[3] as AliasRule['mode'] | undefined) ?? (role === 'champion' ? 'production' : 'shadow') };
  }
  return out;
}

const KeyValue = z.looseObject({ key: z.string(), value: z.string().optional() });
const Str = z.union([z.string(), z.number()]).transform(String);
const Ms = z.union([z.number(), z.string()]).transform(Number);

const RegisteredModel = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  tags: z.array(KeyValue).optional(),
  aliases: z.array(z.looseObject({ alias: z.string(), version: Str })).optional(),
});

const ModelVersion = z.looseObject({
  name: z.string(),
  version: Str,
  creation_timestamp: Ms.optional(),
  user_id: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: z.array(KeyValue).optional(),
  aliases: z.array(z.string()).optional(),
});

const Run = z.looseObject({
  info: z.looseObject({ run_id: z.string().optional(), start_time: Ms.optional(), end_time: Ms.optional(), lifecycle_stage: z.string().optional(), user_id: z.string().optional() }),
  data: z.looseObject({
    metrics: z.array(z.looseObject({ key: z.string(), value: z.union([z.number(), z.string()]).optional(), timestamp: Ms.optional(), step: Ms.optional() })).optional(),
    params: z.array(KeyValue).optional(),
    tags: z.array(KeyValue).optional(),
  }).optional(),
  inputs: z
    .looseObject({
      dataset_inputs: z
        .array(z.looseObject({ tags: z.array(KeyValue).optional(), dataset: z.looseObject({ name: z.string().optional(), digest: z.string().optional(), source_type: z.string().optional(), source: z.string().optional() }) }))
        .optional(),
    })
    .optional(),
});

const MetricPoint = z.looseObject({ key: z.string().optional(), value: z.union([z.number(), z.string()]), timestamp: Ms, step: Ms.optional() });

type RegisteredModelT = z.output<typeof RegisteredModel>;
type ModelVersionT = z.output<typeof ModelVersion>;
type RunT = z.output<typeof Run>;

/** Check an MLflow answer against what spog reads from it; a mismatch names the endpoint and the field. */
function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ImportFailure(importMsg.malformed(where, `${issue.path.join('.') || 'body'}: ${issue.message}`), 'MALFORMED');
}

const tagsOf = (kv: { key: string; value?: string }[] | undefined) => Object.fromEntries(safeEntries((kv ?? []).map((t) => [t.key, t.value ?? ''] as [string, string])));

/** A metric's value as a finite number (MLflow writes NaN and infinities as strings), or undefined. */
function finite(v: number | string | undefined): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A dataset's location from MLflow's `source` (a JSON object such as {"uri": ...}, {"url": ...}, {"path": ...}, or plain text). */
function datasetUri(source: string | undefined, sourceType: string | undefined, name: string): string {
  if (source) {
    try {
      const o = JSON.parse(source) as Record<string, unknown>;
      for (const k of ['uri', 'url', 'path', 'table_name', 'location']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
    } catch {
      return source;
    }
  }
  return `${sourceType ?? 'dataset'}:${name}`;
}

/** The code reference of a run: its git commit, in its repository (else the source file it ran). */
function codeOf(tags: Record<string, string>): ImportedVersion['code'] {
  const commit = tags['mlflow.source.git.commit']?.trim().toLowerCase();
  if (!commit || !/^[0-9a-f]{7,40}$/.test(commit)) return undefined;
  const repoUrl = tags['mlflow.source.git.repoURL'] || tags['mlflow.gitRepoURL'];
  const source = tags['mlflow.source.name'];
  const repo = repoUrl || source;
  if (!repo) return undefined;
  return { repo, commit, ...(repoUrl && source ? { path: source } : {}) };
}

function dataOf(run: RunT): ImportedVersion['data'] {
  const out: ImportedVersion['data'] = [];
  for (const input of run.inputs?.dataset_inputs ?? []) {
    const d = input.dataset;
    const name = d.name || 'dataset';
    const context = tagsOf(input.tags)['mlflow.data.context'];
    const uri = datasetUri(d.source, d.source_type, name);
    const role = context ? `${context}` : name;
    if (out.some((x) => x.name === role && x.uri === uri)) continue;
    out.push({ name: out.some((x) => x.name === role) ? `${role}: ${name}` : role, uri, ...(d.digest ? { hash: d.digest } : {}) });
  }
  return out;
}

async function getRun(client: JsonClient, runId: string): Promise<RunT | null> {
  const body = (await client.get('runs/get', { run_id: runId }, { allowMissing: true })) as { run?: unknown } | null;
  if (body === null) return null;
  return check(Run, body.run, `${client.display}/api/2.0/mlflow/runs/get`);
}

async function historyOf(client: JsonClient, run: RunT, runId: string): Promise<HistoryPoint[]> {
  const out = new Map<string, HistoryPoint>();
  const keys = [...new Set((run.data?.metrics ?? []).map((m) => m.key))].sort();
  for (const key of keys) {
    const points = await paged(client, 'metrics/get-history', { run_id: runId, metric_key: key, max_results: 25000 }, 'metrics');
    for (const p of points) {
      const m = check(MetricPoint, p, `${client.display}/api/2.0/mlflow/metrics/get-history`);
      const value = finite(m.value);
      if (value === undefined || !Number.isFinite(m.timestamp)) continue;
      const run = `mlflow:${runId}${m.step !== undefined ? `:${m.step}` : ''}`;
      const ts = new Date(m.timestamp).toISOString();
      // One value per instant, step and metric: MLflow keeps a value logged twice twice; the line is once.
      out.set(`${ts}\u0000${key}\u0000${run}`, { ts, metric: key, value, run });
    }
  }
  return [...out.values()];
}

/** One version of the import shape from an MLflow model version and its run (null: the run is gone). */
function versionOf(mv: ModelVersionT, run: RunT | null, runToVersion: Map<string, string>): ImportedVersion {
  const runTags = run ? tagsOf(run.data?.tags) : {};
  // Training finished when the run ended; a version is often registered days later.
  const created = run?.info.end_time ?? run?.info.start_time ?? mv.creation_timestamp;
  const trainedAt = created !== undefined && Number.isFinite(created) ? isoOfMs(created) : undefined;
  if (!trainedAt || !isValidIsoDate(trainedAt)) throw new ImportFailure(importMsg.noTrainedAt(mv.name, mv.version), 'MALFORMED');
  const metrics: Record<string, number> = {};
  for (const m of run?.data?.metrics ?? []) {
    const v = finite(m.value);
    if (v !== undefined && safeEntries([[m.key, v]]).length) metrics[m.key] = v;
  }
  const params = Object.fromEntries(safeEntries((run?.data?.params ?? []).map((p) => [p.key, scalarOf(p.value ?? '')] as [string, string | number | boolean | null])));
  const ownTags = Object.fromEntries(Object.entries(runTags).filter(([k]) => !k.startsWith('mlflow.')));
  const parentRun = runTags['mlflow.parentRunId'];
  const parent = parentRun ? runToVersion.get(parentRun) : undefined;
  const author = mv.user_id || runTags['mlflow.user'] || run?.info.user_id || undefined;
  return {
    id: `v${mv.version}`,
    trained_at: trainedAt,
    ...(author ? { author } : {}),
    ...(parent && parent !== `v${mv.version}` ? { parent } : {}),
    code: run ? codeOf(runTags) : undefined,
    data: run ? dataOf(run) : [],
    params,
    metrics,
    tags: { ...ownTags, ...tagsOf(mv.tags) },
    ...(mv.description?.trim() ? { notes: mv.description.trim() } : {}),
  };
}

/** Read the registered models of an MLflow tracking server into the import shape. */
export async function readMlflow(o: MlflowOptions): Promise<ImportRead> {
  const rules = aliasRules(o.aliases);
  const sinceMs = o.since === undefined ? undefined : Date.parse(`${o.since}T00:00:00Z`);
  if (o.since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(o.since) || !isValidIsoDate(o.since))) throw new UsageError(importMsg.badSince(o.since));
  const client = mlflowClient(o.trackingUri, o.env);
  const where = (e: string) => `${client.display}/api/2.0/mlflow/${e}`;
  const warnings: string[] = [];

  const all = (await paged(client, 'registered-models/search', { max_results: 1000 }, 'registered_models')).map((m) => check(RegisteredModel, m, where('registered-models/search')));
  let chosen: RegisteredModelT[] = all;
  if (o.models?.length) {
    chosen = [];
    for (const wanted of o.models) {
      const m = all.find((x) => x.name === wanted) ?? all.find((x) => modelIdOf(x.name, []) === wanted);
      if (!m) throw new ImportFailure(importMsg.noSuchTrackerModel(wanted, client.display, all.map((x) => x.name)), 'INPUT');
      if (!chosen.includes(m)) chosen.push(m);
    }
  }
  const models: ImportedModel[] = [];
  for (const rm of chosen) {
    const id = modelIdOf(rm.name, warnings);
    // Aliases: the registered model's own list (registered-models/get has it in every MLflow 2.x and 3.x).
    const got = (await client.get('registered-models/get', { name: rm.name })) as { registered_model?: unknown };
    const full = check(RegisteredModel, got.registered_model ?? {}, where('registered-models/get'));
    const versions = (await paged(client, 'model-versions/search', { filter: `name='${rm.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, max_results: 1000 }, 'model_versions'))
      .map((v) => check(ModelVersion, v, where('model-versions/search')))
      .filter((v) => v.name === rm.name && (v.status === undefined || v.status === 'READY'))
      .sort((a, b) => Number(a.version) - Number(b.version));
    const aliasOf = new Map<string, string>();
    // The registered model's list is the truth when the server gives one; older servers give only the versions' own.
    const listed = full.aliases ?? rm.aliases;
    if (listed) for (const a of listed) aliasOf.set(a.alias, a.version);
    else for (const v of versions) for (const a of v.aliases ?? []) aliasOf.set(a, v.version);
    const deployments: ImportedModel['deployments'] = [];
    for (const [alias, version] of [...aliasOf].sort(([a], [b]) => a.localeCompare(b))) {
      const rule = rules[alias];
      if (!rule) {
        warnings.push(importMsg.aliasNotMapped(rm.name, alias, `v${version}`));
        continue;
      }
      if (!versions.some((v) => v.version === version)) continue;
      if (deployments.some((d) => d.version === `v${version}` && d.role === rule.role)) continue;
      deployments.push({ version: `v${version}`, role: rule.role, mode: rule.mode });
    }
    deployments.sort((a, b) => (a.role === b.role ? a.version.localeCompare(b.version, 'en', { numeric: true }) : a.role === 'champion' ? -1 : 1));
    const deployed = new Set(deployments.map((d) => d.version));
    const runToVersion = new Map(versions.filter((v) => v.run_id).map((v) => [v.run_id!, `v${v.version}`]));
    const imported: ImportedVersion[] = [];
    for (const mv of versions) {
      if (sinceMs !== undefined && (mv.creation_timestamp ?? Infinity) < sinceMs && !deployed.has(`v${mv.version}`)) continue;
      let run: RunT | null = null;
      let deleted = false;
      if (mv.run_id) {
        run = await getRun(client, mv.run_id);
        // A run deleted but not purged still answers with its record (params, metrics, end time):
        // the version is imported from it, with a warning; a purged run is gone.
        deleted = run === null || run.info.lifecycle_stage === 'deleted';
        if (deleted) warnings.push(run === null ? importMsg.runDeleted(rm.name, `v${mv.version}`, mv.run_id) : importMsg.runDeletedKept(rm.name, `v${mv.version}`, mv.run_id));
      }
      const v = versionOf(mv, run, runToVersion);
      // A deleted run's history is not production evidence to add to the registry.
      if (o.metricsFromRuns && run && !deleted && mv.run_id) v.history = await historyOf(client, run, mv.run_id);
      imported.push(v);
    }
    const taskTag = tagsOf(rm.tags ?? full.tags).task;
    models.push({
      id,
      name: rm.name,
      ...(rm.description?.trim() || full.description?.trim() ? { description: (rm.description || full.description)!.trim() } : {}),
      user: versions.map((v) => v.user_id).filter(Boolean).pop() ?? imported.map((v) => v.author).filter(Boolean).pop(),
      ...((TASKS as readonly string[]).includes(taskTag ?? '') ? { task: taskTag as Card['task'] } : {}),
      versions: imported,
      deployments,
      source: { tool: 'mlflow', uri: client.display, name: rm.name },
    });
  }
  checkDistinctIds(models);
  return { tool: 'mlflow', from: client.display, models, warnings };
}

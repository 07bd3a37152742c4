/**
 * `spog import dvc`: the versions of one model (--model ID) from a DVC project.
 *
 * What becomes a version:
 * - without --exp-show: every git tag whose commit has a dvc.yaml naming metrics or params files
 *   (its id: the tag, e.g. v1 or 2026.10; a GTO tag NAME@vX.Y.Z of this model gives vX.Y.Z; GTO
 *   stage tags are left out); a repository without such tags imports its HEAD commit, named by its
 *   short id, with a warning;
 * - with --exp-show FILE (the JSON of `dvc exp show --json`, DVC 3's list or DVC 2's map): each
 *   commit in it (id: a tag naming it, else its short id) and each experiment (id: its name, its
 *   parent: its commit's version); the workspace is left out.
 * Params and metrics are read from the files dvc.yaml names (top-level `params:`/`metrics:` and
 * each stage's), JSON or YAML, nested keys flattened ("train.lr"); code = the commit in the
 * repository's origin. DVC has no deployments: the card's are left as they are.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { importMsg } from '../../messages.ts';
import { SLUG_RE } from '../../schema/common.ts';
import { toSlug } from '../../names.ts';
import { UsageError } from '../outcome.ts';
import { ImportFailure } from './http.ts';
import { commitInfo, fileAt, headCommit, listTags, openRepo, repoUri, type RepoRef } from './repo.ts';
import { flatten, isoOfMs, safeEntries, versionIdOf, type ImportedVersion, type ImportRead } from './shape.ts';

export interface DvcOptions {
  repo: string;
  model?: string;
  expShow?: string;
}

type Params = ImportedVersion['params'];
type Metrics = ImportedVersion['metrics'];

function parseData(path: string, text: string): unknown {
  try {
    if (path.endsWith('.json')) return JSON.parse(text);
    if (path.endsWith('.yaml') || path.endsWith('.yml')) return parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  return undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The metrics files and params files (with the keys wanted, or all) dvc.yaml names. */
export function dvcFiles(dvcYaml: string): { metrics: string[]; params: Map<string, Set<string> | 'all'> } {
  let doc: unknown;
  try {
    doc = parse(dvcYaml, { maxAliasCount: 100 });
  } catch {
    return { metrics: [], params: new Map() };
  }
  const metrics = new Set<string>();
  const params = new Map<string, Set<string> | 'all'>();
  const want = (file: string, keys: string[] | 'all') => {
    const had = params.get(file);
    if (had === 'all' || keys === 'all') return params.set(file, 'all');
    params.set(file, new Set([...(had ?? []), ...keys]));
  };
  const addMetrics = (list: unknown) => {
    for (const m of Array.isArray(list) ? list : []) {
      if (typeof m === 'string') metrics.add(m);
      else if (m && typeof m === 'object') for (const k of Object.keys(m)) metrics.add(k);
    }
  };
  const addParams = (list: unknown, topLevel: boolean) => {
    for (const p of Array.isArray(list) ? list : []) {
      if (typeof p === 'string') {
        if (topLevel) want(p, 'all');
        else want('params.yaml', [p]);
      } else if (p && typeof p === 'object') for (const [file, keys] of Object.entries(p)) want(file, strings(keys).length ? strings(keys) : 'all');
    }
  };
  if (doc && typeof doc === 'object') {
    const d = doc as Record<string, unknown>;
    addMetrics(d.metrics);
    addParams(d.params, true);
    for (const stage of Object.values((d.stages ?? {}) as Record<string, unknown>)) {
      if (!stage || typeof stage !== 'object') continue;
      addMetrics((stage as Record<string, unknown>).metrics);
      addParams((stage as Record<string, unknown>).params, false);
    }
  }
  return { metrics: [...metrics], params };
}

/** Numbers of a metrics document, flattened; a name two files share is prefixed by its file. */
function addMetricValues(out: Metrics, file: string, data: unknown, seen: Map<string, string>): void {
  for (const [k, v] of safeEntries(Object.entries(flatten(data)))) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const other = seen.get(k);
    if (other !== undefined && other !== file) out[`${file}:${k}`] = v;
    else {
      out[k] = v;
      seen.set(k, file);
    }
  }
}

function addParamValues(out: Params, data: unknown, keys: Set<string> | 'all'): void {
  for (const [k, v] of safeEntries(Object.entries(flatten(data)))) {
    if (keys !== 'all' && ![...keys].some((w) => k === w || k.startsWith(`${w}.`))) continue;
    out[k] = v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as string | number | boolean | null) : JSON.stringify(v);
  }
}

/** Params and metrics at a commit, from the files its dvc.yaml names; null when it has no dvc.yaml naming any. */
export function dvcValuesAt(repo: RepoRef, commit: string): { params: Params; metrics: Metrics } | null {
  const text = fileAt(repo.root, commit, `${repo.prefix}dvc.yaml`);
  if (text === undefined) return null;
  const files = dvcFiles(text);
  if (!files.metrics.length && !files.params.size) return null;
  const metrics: Metrics = {};
  const params: Params = {};
  const seen = new Map<string, string>();
  for (const f of files.metrics) {
    const t = fileAt(repo.root, commit, `${repo.prefix}${f}`);
    if (t !== undefined) addMetricValues(metrics, f, parseData(f, t), seen);
  }
  for (const [f, keys] of files.params) {
    const t = fileAt(repo.root, commit, `${repo.prefix}${f}`);
    if (t !== undefined) addParamValues(params, parseData(f, t), keys);
  }
  return { params, metrics };
}

/** Values of `dvc exp show --json`'s per-file blocks ({"metrics.json": {"data": {...}}}). */
function fromBlocks(blocks: unknown, kind: 'params' | 'metrics'): Params | Metrics {
  const out: Record<string, never> = {};
  const seen = new Map<string, string>();
  if (!blocks || typeof blocks !== 'object') return out;
  for (const [file, block] of Object.entries(blocks as Record<string, unknown>)) {
    const data = (block as { data?: unknown } | null)?.data;
    if (kind === 'metrics') addMetricValues(out as Metrics, file, data, seen);
    else addParamValues(out as Params, data, 'all');
  }
  return out;
}

interface ExpRow {
  rev: string;
  name?: string;
  /** The commit an experiment branched from; undefined for a commit itself. */
  baseline?: string;
  data: Record<string, unknown>;
}

/** The commits and experiments of `dvc exp show --json` (DVC 3: a list; DVC 2: a map of commits). */
export function expRows(json: unknown): ExpRow[] {
  const rows: ExpRow[] = [];
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  if (Array.isArray(json)) {
    for (const entry of json) {
      const e = obj(entry);
      if (!e || typeof e.rev !== 'string' || e.rev === 'workspace') continue;
      rows.push({ rev: e.rev, name: typeof e.name === 'string' ? e.name : undefined, data: obj(e.data) ?? {} });
      for (const group of Array.isArray(e.experiments) ? e.experiments : []) {
        for (const r of Array.isArray(obj(group)?.revs) ? (obj(group)!.revs as unknown[]) : []) {
          const x = obj(r);
          if (!x || typeof x.rev !== 'string') continue;
          rows.push({ rev: x.rev, name: typeof x.name === 'string' ? x.name : typeof obj(group)?.name === 'string' ? (obj(group)!.name as string) : undefined, baseline: e.rev, data: obj(x.data) ?? {} });
        }
      }
    }
    return rows;
  }
  const top = obj(json);
  if (!top) throw new Error('neither a list nor an object');
  for (const [rev, exps] of Object.entries(top)) {
    if (rev === 'workspace') continue;
    for (const [key, value] of Object.entries(obj(exps) ?? {})) {
      const data = obj(obj(value)?.data) ?? {};
      const name = typeof data.name === 'string' ? data.name : undefined;
      if (key === 'baseline') rows.push({ rev, name, data });
      else rows.push({ rev: key, name, baseline: rev, data });
    }
  }
  return rows;
}

function modelIdFlag(model: string | undefined): string {
  if (model === undefined) throw new UsageError(importMsg.noDvcModel());
  if (!SLUG_RE.test(model)) throw new UsageError(importMsg.badDvcModel(model, toSlug(model)));
  return model;
}

/** A naive date-time of DVC ("2023-04-19T12:00:00") read as UTC. */
function isoOfDvc(ts: unknown): string | undefined {
  if (typeof ts !== 'string' || !ts) return undefined;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(ts) ? ts : `${ts}Z`);
  return Number.isNaN(t) ? undefined : isoOfMs(t);
}

/** Read one model's versions from a DVC project into the import shape. */
export async function readDvc(o: DvcOptions): Promise<ImportRead> {
  const id = modelIdFlag(o.model);
  const repo = openRepo(o.repo);
  const uri = repoUri(repo.root);
  const warnings: string[] = [];
  const versions: ImportedVersion[] = [];
  const tags = listTags(repo.root);
  const code = (commit: string) => (/^[0-9a-f]{7,40}$/.test(commit) ? { repo: uri, commit, ...(repo.prefix ? { path: repo.prefix.replace(/\/$/, '') } : {}) } : undefined);

  if (o.expShow !== undefined) {
    let rows: ExpRow[];
    try {
      rows = expRows(JSON.parse(readFileSync(o.expShow, 'utf8')));
    } catch (e) {
      throw new ImportFailure(importMsg.expShowUnreadable(o.expShow, (e as Error).message), 'INPUT');
    }
    const idOfRev = new Map<string, string>();
    for (const row of rows) {
      const tag = tags.find((t) => t.commit === row.rev && versionIdOf(t.name));
      const vid = row.baseline === undefined ? (tag ? versionIdOf(tag.name)! : row.rev.slice(0, 7)) : (versionIdOf(row.name ?? '') ?? row.rev.slice(0, 7));
      const info = /^[0-9a-f]{7,40}$/.test(row.rev) ? commitInfo(repo.root, row.rev) : undefined;
      const trainedAt = isoOfDvc(row.data.timestamp) ?? (info ? isoOfMs(info.date * 1000) : undefined);
      if (!trainedAt) {
        warnings.push(importMsg.expNoTime(row.name ?? row.rev));
        continue;
      }
      idOfRev.set(row.rev, vid);
      const parent = row.baseline !== undefined ? idOfRev.get(row.baseline) : undefined;
      versions.push({
        id: vid,
        trained_at: trainedAt,
        ...(info?.email ? { author: info.email } : {}),
        ...(parent ? { parent } : {}),
        code: code(row.rev),
        data: [],
        params: fromBlocks(row.data.params, 'params') as Params,
        metrics: fromBlocks(row.data.metrics, 'metrics') as Metrics,
        tags: row.name && row.baseline !== undefined ? { experiment: row.name } : {},
      });
    }
  } else {
    const candidates = tags
      .map((t) => {
        if (t.name.includes('#') || t.name.endsWith('!')) return undefined;
        const gto = /^(.+)@(v?\d+\.\d+\.\d+\S*)$/.exec(t.name);
        if (gto) return toSlug(gto[1]) === id ? { tag: t, vid: versionIdOf(gto[2]) } : undefined;
        return t.name.includes('@') ? undefined : { tag: t, vid: versionIdOf(t.name) };
      })
      .filter((c): c is { tag: (typeof tags)[number]; vid: string } => c !== undefined && c.vid !== undefined);
    const picked = [...candidates];
    if (!picked.length) {
      const head = headCommit(repo.root);
      const info = head ? commitInfo(repo.root, head) : undefined;
      if (!head || !info || !dvcValuesAt(repo, head)) throw new ImportFailure(importMsg.noDvcVersions(o.repo), 'INPUT');
      warnings.push(importMsg.dvcHeadOnly(o.repo, head.slice(0, 7)));
      picked.push({ tag: { name: head.slice(0, 7), commit: head, date: info.date, email: info.email, message: '' }, vid: head.slice(0, 7) });
    }
    for (const { tag, vid } of picked) {
      const values = dvcValuesAt(repo, tag.commit);
      if (!values) continue;
      if (versions.some((v) => v.id === vid)) continue;
      versions.push({ id: vid, trained_at: isoOfMs(tag.date * 1000), ...(tag.email ? { author: tag.email } : {}), code: code(tag.commit), data: [], params: values.params, metrics: values.metrics, tags: {} });
    }
    if (!versions.length) throw new ImportFailure(importMsg.noDvcVersions(o.repo), 'INPUT');
  }
  const user = versions.map((v) => v.author).filter(Boolean).pop();
  return { tool: 'dvc', from: uri, models: [{ id, name: id, ...(user ? { user } : {}), versions, deployments: [], source: { tool: 'dvc', uri, name: id } }], warnings };
}

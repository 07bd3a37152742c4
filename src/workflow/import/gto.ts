/**
 * `spog import gto`: models, versions and deployments from a git repository that GTO manages.
 *
 * GTO keeps its registry in git tags, read here in the order GTO reads them (tag date, then the
 * assignment number): `NAME@vX.Y.Z` registers version vX.Y.Z of artifact NAME at the tagged
 * commit, `NAME@vX.Y.Z!` deregisters it, `NAME@deprecated` deprecates the artifact (no stages
 * left), `NAME#STAGE#N` (or `NAME#STAGE`) assigns the version registered at the tagged commit to
 * STAGE, `NAME#STAGE!#N` unassigns it. The newest assignment of a stage wins.
 *
 * Mapping: artifact -> model (id: the slug of NAME, NAME kept as the card's name, the description
 * from artifacts.yaml or dvc.yaml's `artifacts:` at HEAD; artifacts of another type than model
 * are left out); version -> version (trained_at: the registration tag's date, author: its
 * tagger, code: the commit, params and metrics: from dvc.yaml's files at that commit, tags: the
 * artifact's type, path and labels); stage prod -> champion in production, staging -> challenger
 * in canary, shadow -> challenger in shadow, others through `--stage NAME=ROLE[:MODE]`.
 */
import { parse } from 'yaml';
import { importMsg } from '../../messages.ts';
import type { Deployment } from '../../schema/card.ts';
import { UsageError } from '../outcome.ts';
import { dvcValuesAt } from './dvc.ts';
import { ImportFailure } from './http.ts';
import { fileAt, headCommit, listTags, openRepo, repoUri, type TagInfo } from './repo.ts';
import { checkDistinctIds, isoOfMs, modelIdOf, versionIdOf, type ImportedModel, type ImportedVersion, type ImportRead } from './shape.ts';

export interface GtoOptions {
  repo: string;
  /** `NAME=ROLE[:MODE]`, repeatable: what other stages deploy. */
  stages?: string[];
}

type StageRule = Pick<Deployment, 'role' | 'mode'>;

/** The stages spog maps without being told (docs/import.md). */
export const DEFAULT_STAGES: Record<string, StageRule> = {
  prod: { role: 'champion', mode: 'production' },
  staging: { role: 'challenger', mode: 'canary' },
  shadow: { role: 'challenger', mode: 'shadow' },
};

const MODES = ['production', 'shadow', 'canary', 'blue', 'green'] as const;

export function stageRules(flags: string[] = []): Record<string, StageRule> {
  const out: Record<string, StageRule> = { ...DEFAULT_STAGES };
  for (const f of flags) {
    const m = /^([^=]+)=(champion|challenger)(?::([a-z]+))?$/.exec(f.trim());
    if (!m || (m[3] !== undefined && !(MODES as readonly string[]).includes(m[3]))) throw new UsageError(importMsg.badStage(f, MODES));
    const role = m[2] as StageRule['role'];
    out[m[1].trim()] = { role, mode: (m[3] as StageRule['mode'] | undefined) ?? (role === 'champion' ? 'production' : 'shadow') };
  }
  return out;
}

/** One GTO event read from a tag name. */
export type GtoEvent =
  | { kind: 'register'; name: string; version: string; tag: TagInfo }
  | { kind: 'deregister'; name: string; version: string; tag: TagInfo }
  | { kind: 'deprecate'; name: string; tag: TagInfo }
  | { kind: 'assign'; name: string; stage: string; number: number; tag: TagInfo }
  | { kind: 'unassign'; name: string; stage: string; number: number; tag: TagInfo };

const SEMVER = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The GTO event a tag records, or undefined when the tag is not GTO's. */
export function parseGtoTag(tag: TagInfo): GtoEvent | undefined {
  const n = tag.name;
  const at = n.lastIndexOf('@');
  if (at > 0) {
    const name = n.slice(0, at);
    const rest = n.slice(at + 1);
    if (rest === 'deprecated') return { kind: 'deprecate', name, tag };
    const bang = rest.endsWith('!');
    const version = bang ? rest.slice(0, -1) : rest;
    if (SEMVER.test(version)) return bang ? { kind: 'deregister', name, version, tag } : { kind: 'register', name, version, tag };
    return undefined;
  }
  const m = /^([^#]+)#([^#!]+)(!?)(?:#(\d+))?$/.exec(n);
  if (m) return { kind: m[3] ? 'unassign' : 'assign', name: m[1], stage: m[2], number: m[4] ? Number(m[4]) : 0, tag } as GtoEvent;
  return undefined;
}

/** Compare semantic versions "v1.2.3" (pre-releases before the release). */
function semverCompare(a: string, b: string): number {
  const parts = (v: string) => {
    const [core, pre] = v.slice(1).split('+')[0].split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

interface Annotation {
  type?: string;
  path?: string;
  description?: string;
  labels?: string[];
}

/** Artifact annotations at HEAD: artifacts.yaml (GTO before 1.0) and dvc.yaml's `artifacts:` (GTO 1.x). */
function annotations(root: string, prefix: string): Map<string, Annotation> {
  const out = new Map<string, Annotation>();
  const head = headCommit(root);
  if (!head) return out;
  for (const [file, pick] of [
    ['artifacts.yaml', (d: Record<string, unknown>) => d],
    ['dvc.yaml', (d: Record<string, unknown>) => (d.artifacts ?? {}) as Record<string, unknown>],
  ] as const) {
    const text = fileAt(root, head, `${prefix}${file}`);
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = parse(text, { maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!doc || typeof doc !== 'object') continue;
    for (const [name, a] of Object.entries(pick(doc as Record<string, unknown>))) {
      if (!a || typeof a !== 'object') continue;
      const o = a as Record<string, unknown>;
      out.set(name, {
        type: typeof o.type === 'string' ? o.type : undefined,
        path: typeof o.path === 'string' ? o.path : undefined,
        description: typeof o.description === 'string' ? o.description : typeof o.desc === 'string' ? o.desc : undefined,
        labels: Array.isArray(o.labels) ? o.labels.filter((l): l is string => typeof l === 'string') : undefined,
      });
    }
  }
  return out;
}

interface ArtifactState {
  versions: Map<string, { tag: TagInfo }>;
  /** stage -> the version assigned and the assignment tag. */
  stages: Map<string, { version: string; tag: TagInfo }>;
}

/** Replay GTO's events in order: the versions that stand, and each stage's newest assignment. */
export function replay(events: GtoEvent[], warnings: string[]): Map<string, ArtifactState> {
  const order = [...events].sort((a, b) => a.tag.date - b.tag.date || ('number' in a ? a.number : 0) - ('number' in b ? b.number : 0) || a.tag.name.localeCompare(b.tag.name));
  const state = new Map<string, ArtifactState>();
  const of = (name: string) => {
    let s = state.get(name);
    if (!s) state.set(name, (s = { versions: new Map(), stages: new Map() }));
    return s;
  };
  for (const e of order) {
    const s = of(e.name);
    if (e.kind === 'register') s.versions.set(e.version, { tag: e.tag });
    else if (e.kind === 'deregister') {
      s.versions.delete(e.version);
      for (const [stage, a] of s.stages) if (a.version === e.version) s.stages.delete(stage);
    } else if (e.kind === 'deprecate') s.stages.clear();
    else {
      const atCommit = [...s.versions].filter(([, v]) => v.tag.commit === e.tag.commit).map(([v]) => v).sort(semverCompare);
      const version = atCommit.pop();
      if (e.kind === 'unassign') {
        const now = s.stages.get(e.stage);
        if (now && (version === undefined || now.version === version)) s.stages.delete(e.stage);
      } else if (version === undefined) warnings.push(importMsg.noVersionAt(e.name, e.stage, e.tag.name));
      else s.stages.set(e.stage, { version, tag: e.tag });
    }
  }
  return state;
}

/** Read the artifacts of a GTO-managed repository into the import shape. */
export async function readGto(o: GtoOptions): Promise<ImportRead> {
  const rules = stageRules(o.stages);
  const repo = openRepo(o.repo);
  const uri = repoUri(repo.root);
  const warnings: string[] = [];
  const events = listTags(repo.root).map(parseGtoTag).filter((e): e is GtoEvent => e !== undefined);
  if (!events.some((e) => e.kind === 'register')) throw new ImportFailure(importMsg.noGtoModels(o.repo), 'INPUT');
  const notes = annotations(repo.root, repo.prefix);
  const models: ImportedModel[] = [];
  for (const [name, s] of [...replay(events, warnings)].sort(([a], [b]) => a.localeCompare(b))) {
    const a = notes.get(name);
    if (!s.versions.size || (a?.type !== undefined && a.type !== 'model')) continue;
    const id = modelIdOf(name, warnings);
    const versions: ImportedVersion[] = [];
    for (const [version, { tag }] of [...s.versions].sort(([x], [y]) => semverCompare(x, y))) {
      const vid = versionIdOf(version);
      if (!vid) {
        warnings.push(importMsg.badVersionName(name, version));
        continue;
      }
      const values = dvcValuesAt(repo, tag.commit);
      const tags: Record<string, string> = {};
      if (a?.type) tags.type = a.type;
      if (a?.path) tags.path = a.path;
      if (a?.labels?.length) tags.labels = a.labels.join(', ');
      versions.push({
        id: vid,
        trained_at: isoOfMs(tag.date * 1000),
        ...(tag.email ? { author: tag.email } : {}),
        code: { repo: uri, commit: tag.commit, ...(a?.path ? { path: a.path } : {}) },
        data: [],
        params: values?.params ?? {},
        metrics: values?.metrics ?? {},
        tags,
        ...(tag.message && !/^Registering artifact /.test(tag.message) ? { notes: tag.message } : {}),
      });
    }
    const deployments: ImportedModel['deployments'] = [];
    // Newest assignment first, so when two stages map to the champion the newer one is kept.
    const championFirst = (stage: string) => (rules[stage]?.role === 'champion' ? 0 : 1);
    for (const [stage, { version, tag }] of [...s.stages].sort(([a, x], [b, y]) => championFirst(a) - championFirst(b) || y.tag.date - x.tag.date)) {
      const rule = rules[stage];
      const vid = versionIdOf(version)!;
      if (!rule) {
        warnings.push(importMsg.stageNotMapped(name, stage, vid));
        continue;
      }
      if (rule.role === 'champion' && deployments.some((d) => d.role === 'champion')) continue;
      // A version promoted to prod may still hold its staging stage in GTO: it is not its own challenger.
      if (deployments.some((d) => d.version === vid && (d.role === rule.role || d.role === 'champion'))) continue;
      deployments.push({ version: vid, role: rule.role, mode: rule.mode, since: isoOfMs(tag.date * 1000) });
    }
    deployments.sort((x, y) => (x.role === y.role ? x.version.localeCompare(y.version, 'en', { numeric: true }) : x.role === 'champion' ? -1 : 1));
    const last = [...s.versions.values()].pop();
    models.push({ id, name, ...(a?.description ? { description: a.description } : {}), ...(last?.tag.email ? { user: last.tag.email } : {}), versions, deployments, source: { tool: 'gto', uri, name } });
  }
  checkDistinctIds(models);
  return { tool: 'gto', from: uri, models, warnings };
}

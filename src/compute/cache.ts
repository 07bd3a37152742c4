/**
 * A cache of evaluated models, so that a rebuild after one model's files changed reads and
 * evaluates that one model. One entry per model, `<dir>/models/<id>.json`, holds the model's
 * snapshot and counts with what they were computed from:
 *
 * - the context: a hash of spog's own source code, spog.yaml as parsed, and the evaluation time
 *   (and so the drift window);
 * - the listing of the model's folders (it decides which files the loader reads);
 * - every file the loader read: its path, size, modification time, change time, inode and the
 *   SHA-256 of its bytes, hashed as the loader read them (one read);
 * - the model's id and the SHA-256 of the snapshot's JSON, so an entry holding another model's
 *   snapshot, or a damaged one, is never served.
 *
 * A lookup lists the model's folders again and checks each file: unchanged size, modification
 * time, change time and inode take the stored hash (as git's index does), anything else is hashed
 * again, so a fresh clone (new times) restored with the cache still hits when the content is the
 * same. The change time is what catches an edit that keeps the size and puts the modification
 * time back (an editor or a sync tool preserving it, `touch -r`): no user can set it. A file
 * modified or changed within two seconds of being read is stored without its times, so it is
 * always hashed again (git's "racy" rule). Entries are written whole (a temporary file, then a
 * rename); the cache is safe to delete at any time, and any entry that cannot be read, is not of
 * this shape or does not match is a miss, recomputed.
 */
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateModel } from '../core/model.ts';
import type { ModelSnapshot } from '../core/types.ts';
import { observeReads } from '../registry/files.ts';
import { loadPlannedModel, modelCounts, type ModelCounts, type PlanContext } from '../registry/load.ts';
import type { Source } from '../registry/source.ts';
import { CACHE_ROOT, CODE_EXT } from '../package.ts';
import { importClosure, importGraph, sourceDir } from './imports.ts';

/** A plan's context with its source open. */
type OpenPlan = PlanContext & { source: Source };

export interface ModelResult {
  snapshot: ModelSnapshot;
  counts: ModelCounts;
  /** Taken from the cache. */
  cached: boolean;
  /** JSON.stringify(snapshot), when it was made or read anyway (the cache's entries hold it). */
  json?: string;
}

/** An entry's first line; the second is the snapshot's JSON, as the site's API serves it. */
interface Header {
  v: 3;
  context: string;
  key: string;
  /** The model the snapshot is of. */
  id: string;
  /** SHA-256 of the second line (the snapshot's JSON). */
  body: string;
  /** Folder (relative to the registry root) -> its entries as [name, kind]. */
  listing: Record<string, [string, string][]>;
  /** [path, size, mtimeMs, ctimeMs, inode (times 0: hash again), sha256] of every file read. */
  files: FileStamp[];
  counts: ModelCounts;
}

type FileStamp = [string, number, number, number, number, string];

const ENTRY_VERSION = 3;
/** A file modified this recently when read may change again within its timestamp's resolution. */
const RACY_MS = 2000;

let codeHash: string | undefined | null;

/**
 * The sources a model's snapshot depends on: this file's import closure (loading, checking,
 * evaluating), read from the code itself, so no import can escape the key.
 */
const ENGINE_ENTRY = `compute/cache${CODE_EXT}`;

/** SHA-256 of the engine's TypeScript sources, or null when they are not on disk (a bundled copy). */
export function sourceHash(): string | null {
  if (codeHash !== undefined) return codeHash;
  try {
    const src = sourceDir();
    if (!existsSync(join(src, ENGINE_ENTRY))) return (codeHash = null);
    const parts = importClosure(importGraph(src), [ENGINE_ENTRY]).map((f) => `${f}\0${hash('sha256', readFileSync(join(src, f)))}`);
    codeHash = hash('sha256', parts.join('\n'));
  } catch {
    codeHash = null;
  }
  return codeHash;
}

/** What a model's results depend on besides its own files; null when caching is not possible (not a folder on disk, or no sources). */
export function cacheContext(plan: PlanContext): string | null {
  const code = sourceHash();
  if (code === null || plan.spec.kind !== 'fs' || !plan.asOf) return null;
  return hash('sha256', JSON.stringify({ v: ENTRY_VERSION, code, config: plan.config, asOf: plan.asOf, keep: plan.keepWindows ?? null, every: plan.everyFeatureFile ?? false }));
}

function keyOf(context: string, listing: Header['listing'], files: Header['files']): string {
  const dirs = Object.keys(listing).sort().map((d) => [d, listing[d]]);
  const content = files.map((f) => [f[0], f[5]]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return hash('sha256', JSON.stringify([context, dirs, content]));
}

/** A file's stamp as read now: its times are left out (0) when it changed within RACY_MS, so it is hashed again next time. */
function stampOf(path: string, st: { size: number; mtimeMs: number; ctimeMs: number; ino: number }, sha: string, now: number): FileStamp {
  const racy = now - Math.max(st.mtimeMs, st.ctimeMs) < RACY_MS;
  return [path, st.size, racy ? 0 : st.mtimeMs, racy ? 0 : st.ctimeMs, st.ino, sha];
}

const isStamp = (f: unknown): f is FileStamp =>
  Array.isArray(f) && f.length === 6 && typeof f[0] === 'string' && f.slice(1, 5).every((x) => typeof x === 'number') && typeof f[5] === 'string';

/** The header of an entry, when it has this version's shape (anything else is a miss, never a crash). */
function isHeader(h: unknown): h is Header {
  if (h === null || typeof h !== 'object') return false;
  const x = h as Record<string, unknown>;
  return x.v === ENTRY_VERSION && typeof x.context === 'string' && typeof x.key === 'string' && typeof x.id === 'string' && typeof x.body === 'string'
    && x.listing !== null && typeof x.listing === 'object' && !Array.isArray(x.listing)
    && Object.values(x.listing).every((l) => Array.isArray(l) && l.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string'))
    && Array.isArray(x.files) && x.files.every(isStamp)
    && x.counts !== null && typeof x.counts === 'object';
}

const entryPath = (dir: string, id: string) => join(dir, 'models', `${id}.json`);

function readEntry(dir: string, id: string, context: string): { header: Header; json: string } | undefined {
  try {
    const text = readFileSync(entryPath(dir, id), 'utf8');
    const nl = text.indexOf('\n');
    if (nl < 0) return undefined;
    const header: unknown = JSON.parse(text.slice(0, nl));
    if (!isHeader(header) || header.context !== context || header.id !== id) return undefined;
    const json = text.slice(nl + 1);
    if (hash('sha256', json) !== header.body) return undefined;
    return { header, json };
  } catch {
    return undefined;
  }
}

function writeEntry(dir: string, id: string, header: Header, json: string): void {
  try {
    mkdirSync(join(dir, 'models'), { recursive: true });
    const tmp = `${entryPath(dir, id)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(header)}\n${json}`);
    renameSync(tmp, entryPath(dir, id));
  } catch {
    // A cache that cannot be written only costs the next build time.
  }
}

/** The stored result when the model's folders and files are as they were; refreshes stored times. */
function lookup(dir: string, plan: OpenPlan, root: string, id: string, context: string): ModelResult | undefined {
  const found = readEntry(dir, id, context);
  if (!found) return undefined;
  const entry = found.header;
  for (const [folder, entries] of Object.entries(entry.listing)) {
    const now = plan.source.list(folder, id);
    if (now.diagnostics.length || now.entries.length !== entries.length) return undefined;
    for (let i = 0; i < entries.length; i++) if (now.entries[i].name !== entries[i][0] || now.entries[i].kind !== entries[i][1]) return undefined;
  }
  let touched = false;
  const files: Header['files'] = [];
  const now = Date.now();
  for (const stamp of entry.files) {
    const [path, size, mtime, ctime, ino, sha] = stamp;
    let st;
    try {
      st = statSync(join(root, path));
    } catch {
      return undefined;
    }
    if (mtime !== 0 && st.size === size && st.mtimeMs === mtime && st.ctimeMs === ctime && st.ino === ino) {
      files.push(stamp);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      return undefined;
    }
    if (hash('sha256', bytes) !== sha) return undefined;
    touched = true;
    files.push(stampOf(path, st, sha, now));
  }
  if (keyOf(context, entry.listing, files) !== entry.key) return undefined;
  let snapshot: ModelSnapshot;
  try {
    snapshot = JSON.parse(found.json) as ModelSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot === null || typeof snapshot !== 'object' || snapshot.id !== id) return undefined;
  if (touched) writeEntry(dir, id, { ...entry, files }, found.json);
  return { snapshot, counts: entry.counts, cached: true, json: found.json };
}

/** Read, check and evaluate one model, through the cache in `dir` when given. */
export function computeModel(plan: OpenPlan, id: string, cache?: { dir: string; context: string }): ModelResult {
  const asOf = plan.asOf!;
  if (!cache || plan.spec.kind !== 'fs') {
    const m = loadPlannedModel(plan, id);
    return { snapshot: evaluateModel(m, plan.config, asOf), counts: modelCounts(m), cached: false };
  }
  const root = plan.spec.root;
  let hit: ModelResult | undefined;
  try {
    hit = lookup(cache.dir, plan, root, id, cache.context);
  } catch {
    // Whatever an entry holds, a lookup that fails is a miss.
  }
  if (hit) return hit;
  const listing: Header['listing'] = {};
  const read = new Map<string, string>();
  let ok = true;
  const m = observeReads({
    read: (file, bytes) => read.set(file, hash('sha256', bytes)),
    failed: () => (ok = false),
    listed: (folder, entries) => (listing[folder] = entries.map((e) => [e.name, e.kind])),
  }, () => loadPlannedModel(plan, id));
  const result: ModelResult = { snapshot: evaluateModel(m, plan.config, asOf), counts: modelCounts(m), cached: false };
  if (ok) {
    const files: Header['files'] = [];
    const now = Date.now();
    for (const [path, sha] of read) {
      try {
        const st = statSync(join(root, path));
        files.push(stampOf(path, st, sha, now));
      } catch {
        return result;
      }
    }
    result.json = JSON.stringify(result.snapshot);
    writeEntry(cache.dir, id, { v: ENTRY_VERSION, context: cache.context, key: keyOf(cache.context, listing, files), id, body: hash('sha256', result.json), listing, files, counts: result.counts }, result.json);
  }
  return result;
}

/** The default cache folder of a registry: one per registry path, in `models/` of CACHE_ROOT (package.ts). */
export function defaultCacheDir(registry: string): string {
  return join(CACHE_ROOT, 'models', hash('sha256', resolve(registry)).slice(0, 16));
}

/** Remove the entries of models that are no longer in the registry. */
export function pruneCache(dir: string, ids: string[]): void {
  const keep = new Set(ids.map((id) => `${id}.json`));
  try {
    for (const name of readdirSync(join(dir, 'models'))) if (!keep.has(name)) rmSync(join(dir, 'models', name), { force: true });
  } catch {
    // Nothing cached yet.
  }
}

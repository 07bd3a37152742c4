/**
 * A cache of evaluated models, so that a rebuild after one model's files changed reads and
 * evaluates that one model. One entry per model, `<dir>/models/<id>.json`, holds the model's
 * snapshot and counts with what they were computed from:
 *
 * - the context: a hash of spog's own source code, spog.yaml as parsed, and the evaluation time
 *   (and so the drift window);
 * - the listing of the model's folders (it decides which files the loader reads);
 * - every file the loader read: its path, size, modification time and the SHA-256 of its bytes,
 *   hashed as the loader read them (one read).
 *
 * A lookup lists the model's folders again and checks each file: unchanged size and modification
 * time take the stored hash (as git's index does), anything else is hashed again, so a fresh clone
 * (new modification times) restored with the cache still hits when the content is the same. A
 * file modified within two seconds of being read is stored without its time, so it is always
 * hashed again. Entries are written whole (a temporary file, then a rename); the cache is safe to
 * delete at any time, and any entry that cannot be read or does not match is recomputed.
 */
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModel } from '../core/model.ts';
import type { ModelSnapshot } from '../core/types.ts';
import { observeReads } from '../registry/files.ts';
import { loadPlannedModel, modelCounts, type ModelCounts, type PlanContext } from '../registry/load.ts';
import type { Source } from '../registry/source.ts';
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
  v: 2;
  context: string;
  key: string;
  /** Folder (relative to the registry root) -> its entries as [name, kind]. */
  listing: Record<string, [string, string][]>;
  /** [path, size, mtimeMs (0: hash again), sha256] of every file read. */
  files: [string, number, number, string][];
  counts: ModelCounts;
}

const ENTRY_VERSION = 2;
/** A file modified this recently when read may change again within its timestamp's resolution. */
const RACY_MS = 2000;

let codeHash: string | undefined | null;

/**
 * The sources a model's snapshot depends on: this file's import closure (loading, checking,
 * evaluating), read from the code itself, so no import can escape the key.
 */
const ENGINE_ENTRY = 'compute/cache.ts';

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
  const content = files.map(([path, , , sha]) => [path, sha]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return hash('sha256', JSON.stringify([context, dirs, content]));
}

const entryPath = (dir: string, id: string) => join(dir, 'models', `${id}.json`);

function readEntry(dir: string, id: string, context: string): { header: Header; json: string } | undefined {
  try {
    const text = readFileSync(entryPath(dir, id), 'utf8');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as Header;
    if (!header || header.v !== ENTRY_VERSION || header.context !== context) return undefined;
    return { header, json: text.slice(nl + 1) };
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
  for (const [path, size, mtime, sha] of entry.files) {
    let st;
    try {
      st = statSync(join(root, path));
    } catch {
      return undefined;
    }
    if (mtime !== 0 && st.size === size && st.mtimeMs === mtime) {
      files.push([path, size, mtime, sha]);
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
    files.push([path, st.size, Date.now() - st.mtimeMs < RACY_MS ? 0 : st.mtimeMs, sha]);
  }
  if (keyOf(context, entry.listing, files) !== entry.key) return undefined;
  let snapshot: ModelSnapshot;
  try {
    snapshot = JSON.parse(found.json) as ModelSnapshot;
  } catch {
    return undefined;
  }
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
  const hit = lookup(cache.dir, plan, root, id, cache.context);
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
        files.push([path, st.size, now - st.mtimeMs < RACY_MS ? 0 : st.mtimeMs, sha]);
      } catch {
        return result;
      }
    }
    result.json = JSON.stringify(result.snapshot);
    writeEntry(cache.dir, id, { v: ENTRY_VERSION, context: cache.context, key: keyOf(cache.context, listing, files), listing, files, counts: result.counts }, result.json);
  }
  return result;
}

/** The default cache folder of a registry: one per registry path, in the project's .cache/models. */
export function defaultCacheDir(registry: string): string {
  return join(fileURLToPath(new URL('../..', import.meta.url)), '.cache', 'models', hash('sha256', resolve(registry)).slice(0, 16));
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

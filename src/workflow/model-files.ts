/**
 * Load one model's card and version files through the registry loader, optionally with some
 * files replaced by new text (an overlay: nothing is copied or written), so an edit is validated
 * by exactly the rules `spog validate` applies before anything is written. The metric and window
 * lines are not read: these edits cannot change them, and they may be large.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, ModelData, Registry } from '../core/input.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { loadPlan, openRegistry, selectModels } from '../registry/load.ts';
import { fsSource, overlaySource } from '../registry/source.ts';
import { SLUG_RE } from '../schema/common.ts';
import { writeMsg } from '../messages.ts';
import { acquireLock, releaseLock, type Lock } from './lock.ts';
import { asWriteFailure, replaceFiles } from './safe-write.ts';

export interface ModelLoad {
  model: ModelData;
  registry: Registry;
  errors: Diagnostic[];
}

/** Load model `id` from `registry`, with `overrides` (path relative to the registry -> new text). */
export function loadModelFiles(registry: string, id: string, overrides: Map<string, string> = new Map()): ModelLoad {
  const plan = openRegistry(overlaySource(fsSource(registry), overrides), { headsOnly: true });
  selectModels(plan, [id]);
  const reg = loadPlan(plan);
  const model = reg.models[0];
  return { model, registry: reg, errors: reg.diagnostics.filter((d) => d.severity === 'error') };
}

/** Errors present after an edit that were not there before (so old, unrelated problems do not block). */
export function newErrors(before: Diagnostic[], after: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}\u0000${d.field ?? ''}\u0000${d.message}`;
  const old = new Set(before.map(key));
  return after.filter((d) => !old.has(key(d)));
}

export function describeErrors(ds: Diagnostic[]): string {
  return ds.map((d) => `  ${formatDiagnostic(d)}`).join('\n');
}

/** The model directory, or a clear refusal when the id is malformed or unknown (read through the registry's source). */
export function modelDir(registry: string, id: string): { dir: string } | { why: string } {
  if (!SLUG_RE.test(id)) return { why: `"${id}" is not a model id (lowercase letters, digits and inner hyphens, e.g. churn)` };
  const source = fsSource(registry);
  const hasCard = (m: string) => source.list(`models/${m}`).entries.some((e) => e.name === 'README.md' && e.kind === 'file');
  if (!hasCard(id)) {
    const known = source.list('models').entries.filter((e) => e.kind === 'dir' && hasCard(e.name)).map((e) => e.name);
    return { why: `no model "${id}" in ${registry}${known.length ? ` (known: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''})` : ''}` };
  }
  return { dir: join(registry, 'models', id) };
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Replace files' contents all or nothing (safe-write.ts replaceFiles: each new content fsynced
 * to a temporary file first, then renamed into place); `rel` names them for messages. A full
 * or read-only disk becomes a WriteFailure naming the file and saying nothing changed.
 */
export function writeAtomic(registry: string, files: { rel: string; text: string }[]): void {
  const changed: string[] = [];
  try {
    replaceFiles(
      files.map((f) => ({ path: join(registry, f.rel), data: f.text })),
      true,
      changed,
    );
  } catch (e) {
    const failed = files.find((f) => !changed.includes(join(registry, f.rel)))?.rel ?? files[0].rel;
    const done = files.filter((f) => changed.includes(join(registry, f.rel))).map((f) => f.rel);
    asWriteFailure(e, failed, done.length ? writeMsg.partlyWritten(done) : writeMsg.nothingChanged());
  }
}

/**
 * Take model `id`'s edit lock (`models/<id>/README.md.lock`, the same lock files as `spog log`,
 * lock.ts) for an edit of its card, versions or incidents: the edit then reads the files, checks
 * and writes them as one step, so two edits at once both land. A lock that cannot be written (a
 * full or read-only disk) becomes a WriteFailure; a lock held too long, a LockTimeout.
 */
export function lockModel(registry: string, id: string): Lock {
  const card = `models/${id}/README.md`;
  try {
    return acquireLock(join(registry, card));
  } catch (e) {
    asWriteFailure(e, card, writeMsg.nothingChanged(), writeMsg.viaLock(`${card}.lock`));
  }
}

export { releaseLock };

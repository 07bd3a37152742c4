/**
 * Load one model's card and version files through the registry loader, optionally with some
 * files replaced by new text (an overlay: nothing is copied or written), so an edit is validated
 * by exactly the rules `spog validate` applies before anything is written. The metric and window
 * lines are not read: these edits cannot change them, and they may be large.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, ModelData, Registry } from '../core/input.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { loadPlan, openRegistry, selectModels } from '../registry/load.ts';
import { fsSource, overlaySource } from '../registry/source.ts';
import { SLUG_RE } from '../schema/common.ts';

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

/** Replace a file's content atomically (write a sibling, then rename). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.spog-${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

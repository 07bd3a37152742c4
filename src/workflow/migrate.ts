/**
 * `spog migrate`: bring a registry written for an older file format to the format this spog reads
 * (spog.yaml `format_version`, schema/config.ts FORMAT_VERSION). Each format change is one
 * Migration, declared as data: the format it starts from and the files it rewrites, computed from
 * what the registry holds (earlier steps' rewrites included). Steps run in order from the
 * registry's format to the current one, then `format_version` is written, and every file changes
 * at once or none does (writeAtomic). A registry newer than this spog is refused: upgrade spog.
 *
 * Format 1 is the first: spog 0.1 and 0.2 write it, with or without the field, so there is no
 * step yet; migrating a registry without the field writes `format_version: 1`.
 */
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { formatMsg } from '../messages.ts';
import { LIMITS } from '../registry/files.ts';
import { fsSource, overlaySource, type Source } from '../registry/source.ts';
import { FORMAT_VERSION } from '../schema/config.ts';
import { readText, writeAtomic } from './model-files.ts';
import { UsageError, type Outcome } from './outcome.ts';
import { editYaml } from './yaml-edit.ts';

/** One change of the registry's file format. */
export interface Migration {
  /** The format it starts from; it ends at from + 1. */
  from: number;
  /** One line for the report, e.g. "metric lines: `count` renamed to `n`". */
  summary: string;
  /** The files to rewrite (registry-relative path -> new text), read through `source`. */
  rewrite(source: Source): Map<string, string>;
}

/** A registry file's text as a migration reads it (undefined when missing or unreadable: the step decides). */
export function textOf(source: Source, rel: string): string | undefined {
  const r = source.read(rel, LIMITS.ndjson);
  return r.ascii ? r.ascii.toString('latin1') : r.text;
}

/** Every format change since format 1, oldest first. */
export const MIGRATIONS: readonly Migration[] = [];

export interface MigrateOptions {
  registry: string;
  dryRun?: boolean;
  /** For tests: the steps and the format to reach (default: MIGRATIONS, FORMAT_VERSION). */
  migrations?: readonly Migration[];
  current?: number;
}

/** The format spog.yaml declares (unset: 1), or undefined when it cannot be read as a number. */
function declaredFormat(text: string): number | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const v = doc.get('format_version');
  if (v === undefined) return 1;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/**
 * Refuse to write into a registry of another format than this spog's (spog log, log-features):
 * a newer one may give the files a meaning this spog does not know, an older one is migrated
 * first. A spog.yaml that is missing or cannot be read is left to spog validate.
 */
export function requireFormat(registry: string, current = FORMAT_VERSION): void {
  const path = join(registry, 'spog.yaml');
  if (!existsSync(path)) return;
  const found = declaredFormat(readText(path));
  if (found === undefined || found === current) return;
  throw new UsageError(`${path}: format_version ${found > current ? `${found} ${formatMsg.newerThanSpog(current)}` : formatMsg.olderThanSpog(found, current)}`);
}

/** Migrate the registry; see the module comment. */
export function migrateRegistry(o: MigrateOptions): Outcome {
  const current = o.current ?? FORMAT_VERSION;
  const steps = o.migrations ?? MIGRATIONS;
  const configPath = join(o.registry, 'spog.yaml');
  if (!existsSync(configPath)) throw new UsageError(formatMsg.noConfig(configPath));
  const configText = readText(configPath);
  const found = declaredFormat(configText);
  if (found === undefined) throw new UsageError(`${configPath}: format_version ${formatMsg.notAFormat()}`);
  if (found > current) throw new UsageError(`${configPath}: format_version ${found} ${formatMsg.newerThanSpog(current)}`);

  const edits = new Map<string, string>();
  const done: string[] = [];
  for (let v = found; v < current; v++) {
    const step = steps.find((m) => m.from === v);
    if (!step) throw new UsageError(formatMsg.noPath(v, current));
    for (const [path, text] of step.rewrite(overlaySource(fsSource(o.registry), edits))) edits.set(path, text);
    done.push(`format ${v} -> ${v + 1}: ${step.summary}`);
  }
  // The format goes first, where a reader of spog.yaml sees it before any field it governs.
  const config = editYaml(edits.get('spog.yaml') ?? configText, (doc) => {
    if (doc.has('format_version') || !isMap(doc.contents)) doc.set('format_version', current);
    else {
      const map = doc.contents as YAMLMap;
      const pair = doc.createPair('format_version', current);
      // The comment above the first field (the editor's schema line) stays on top.
      const first = map.items[0]?.key as { commentBefore?: string | null; spaceBefore?: boolean } | undefined;
      if (first?.commentBefore) {
        (pair.key as { commentBefore?: string | null }).commentBefore = first.commentBefore;
        first.commentBefore = null;
      }
      map.items.unshift(pair);
    }
  });
  if (config.changed) {
    edits.set('spog.yaml', config.text);
    done.push(formatMsg.formatWritten(current, found === current));
  }
  if (!edits.size) return { stdout: `${formatMsg.atCurrent(current, false)}\n`, stderr: '', exitCode: 0 };

  const files = [...edits.keys()].sort();
  if (o.dryRun) return { stdout: `${formatMsg.wouldWrite(files)}\n${done.map((d) => `  ${d}\n`).join('')}`, stderr: '', exitCode: 0 };
  writeAtomic(o.registry, files.map((rel) => ({ rel, text: edits.get(rel)! })));
  const report = found === current ? formatMsg.atCurrent(current, true) : formatMsg.migrated(found, current, done, files.length);
  return { stdout: `${report}\n`, stderr: '', exitCode: 0 };
}

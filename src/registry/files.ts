/**
 * The only module that touches the file system. It lists and reads registry files with guards:
 * symbolic links that leave the registry are refused, files over a size limit are refused,
 * and text must be valid UTF-8. Everything downstream takes strings.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { msg } from '../messages.ts';
import { diag, type Diagnostic } from './diagnostics.ts';

export interface ReadResult {
  text?: string;
  diagnostics: Diagnostic[];
}

/** Size limits per file kind, in bytes. */
export const LIMITS = {
  yaml: 1 << 20,
  markdown: 1 << 20,
  json: 32 << 20,
  ndjson: 128 << 20,
};

const toPosix = (p: string) => p.split(sep).join('/');

/** Resolve `rel` inside `root`; a symbolic link is followed only when its target stays inside the registry. */
function guardPath(root: string, rel: string, model?: string): { abs?: string; diagnostics: Diagnostic[] } {
  const abs = join(root, rel);
  const st = lstatSync(abs);
  if (!st.isSymbolicLink()) return { abs, diagnostics: [] };
  let target: string;
  try {
    target = realpathSync(abs);
  } catch (e) {
    return { diagnostics: [diag('error', toPosix(rel), msg.unreadable((e as Error).message), { model })] };
  }
  const rootReal = realpathSync(root);
  const inside = target === rootReal || target.startsWith(rootReal + sep);
  if (!inside) return { diagnostics: [diag('error', toPosix(rel), msg.symlinkOutside(target), { model })] };
  return { abs: target, diagnostics: [] };
}

/** Read a registry file as UTF-8 text (a leading byte-order mark is dropped). */
export function readRegistryText(root: string, rel: string, limit: number, model?: string): ReadResult {
  const file = toPosix(rel);
  try {
    const g = guardPath(root, rel, model);
    if (!g.abs) return { diagnostics: g.diagnostics };
    const st = statSync(g.abs);
    if (!st.isFile()) return { diagnostics: [diag('error', file, msg.unreadable('not a regular file'), { model })] };
    if (st.size > limit) return { diagnostics: [diag('error', file, msg.tooLarge(st.size, limit), { model })] };
    const buf = readFileSync(g.abs);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      return { diagnostics: [diag('error', file, msg.notUtf8(), { model })] };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [diag('error', file, msg.unreadable((e as NodeJS.ErrnoException).code ?? (e as Error).message), { model })] };
  }
}

export interface DirEntry {
  name: string;
  /** Path relative to the registry root. */
  rel: string;
  kind: 'file' | 'dir' | 'other';
}

/** List a directory of the registry, sorted by name; links leaving the registry are reported, not listed. */
export function listRegistryDir(root: string, rel: string, model?: string): { entries: DirEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries: DirEntry[] = [];
  let names: string[];
  try {
    names = readdirSync(join(root, rel)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries, diagnostics };
    return { entries, diagnostics: [diag('error', toPosix(rel) || '.', msg.unreadable((e as Error).message), { model })] };
  }
  for (const name of names) {
    const childRel = rel ? join(rel, name) : name;
    const g = guardPath(root, childRel, model);
    if (!g.abs) {
      diagnostics.push(...g.diagnostics);
      continue;
    }
    const st = statSync(g.abs);
    entries.push({ name, rel: toPosix(childRel), kind: st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other' });
  }
  return { entries, diagnostics };
}

/** True when `root` exists and is a directory. */
export function isDirectory(root: string): boolean {
  try {
    return statSync(root).isDirectory();
  } catch {
    return false;
  }
}


/**
 * The only module that touches the file system. It lists and reads registry files with guards:
 * symbolic links that leave the registry are refused, files over a size limit are refused,
 * and text must be valid UTF-8. Everything downstream takes strings.
 */
import { Buffer, isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { msg, type MessageParts } from '../messages.ts';
import { diag } from './diagnostics.ts';
import type { Diagnostic } from '../core/input.ts';

export interface ReadResult {
  text?: string;
  diagnostics: Diagnostic[];
  /** The file does not exist (its diagnostic says so too). */
  missing?: boolean;
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

/** What a reader watching the loader sees (src/compute's cache fingerprints a model with it). */
export interface ReadObserver {
  /** A file's bytes, as read (valid only during the call). */
  read(file: string, bytes: Uint8Array): void;
  /** A file that could not be read (missing, too large, not a file, a link leaving the registry). */
  failed(file: string): void;
  /** A directory listed, with its entries. */
  listed(dir: string, entries: DirEntry[]): void;
}

let observer: ReadObserver | undefined;

/** Run `body` with every read and listing reported to `o`. */
export function observeReads<T>(o: ReadObserver, body: () => T): T {
  const previous = observer;
  observer = o;
  try {
    return body();
  } finally {
    observer = previous;
  }
}

/** One buffer reused for every read: a registry has tens of thousands of files. */
let shared = Buffer.allocUnsafe(1 << 20);

type Read = { bytes: Buffer } | { problem: MessageParts };

/**
 * The bytes of an open registry file, in the shared buffer (valid until the next call), or why
 * it cannot be read. A regular file is read with one call when it fits the buffer (a short read
 * is its end); fstat runs only for a file that fills the buffer (its size, against the limit),
 * for an empty read and when a read fails, so that anything but a regular file is refused as
 * before. System calls are dear in some virtual machines, and a registry has tens of thousands
 * of files.
 */
function readOpen(fd: number, limit: number): Read {
  let len = 0;
  let checked = false;
  for (;;) {
    if (len === shared.length) {
      const st = fstatSync(fd);
      if (!st.isFile()) return { problem: msg.unreadable('not a regular file') };
      if (st.size > limit) return { problem: msg.tooLarge(st.size, limit) };
      checked = true;
      const bigger = Buffer.allocUnsafe(Math.max(st.size + 1, shared.length * 2));
      shared.copy(bigger, 0, 0, len);
      shared = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, shared, len, shared.length - len, null);
    } catch (e) {
      if (!checked && !fstatSync(fd).isFile()) return { problem: msg.unreadable('not a regular file') };
      throw e;
    }
    len += n;
    if (n === 0 || len < shared.length) break;
  }
  if (len > limit) return { problem: msg.tooLarge(len, limit) };
  if (len === 0 && !checked && !fstatSync(fd).isFile()) return { problem: msg.unreadable('not a regular file') };
  return { bytes: shared.subarray(0, len) };
}

const NO_FOLLOW = constants.O_NOFOLLOW;
// Non-blocking, so that opening a FIFO someone put in the registry returns at once (and is refused as not a file).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Open a registry file. The common case, a file that is not a symbolic link, takes one call
 * (O_NOFOLLOW fails on a link); a link is then checked as guardPath does.
 */
function openRegistryFile(root: string, rel: string, model?: string): { fd?: number; diagnostics: Diagnostic[] } {
  if (NO_FOLLOW !== undefined) {
    try {
      return { fd: openSync(join(root, rel), OPEN_FLAGS | NO_FOLLOW), diagnostics: [] };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOOP' && code !== 'EMLINK') throw e;
    }
  }
  const g = guardPath(root, rel, model);
  if (!g.abs) return { diagnostics: g.diagnostics };
  return { fd: openSync(g.abs, OPEN_FLAGS), diagnostics: [] };
}

export interface BytesResult {
  /** The file's bytes when it is plain ASCII, in a buffer reused by the next read. */
  ascii?: Buffer;
  /** Otherwise its text (valid UTF-8, a leading byte-order mark dropped). */
  text?: string;
  diagnostics: Diagnostic[];
  /** The file does not exist (its diagnostic says so too). */
  missing?: boolean;
}

/**
 * Read a registry file: plain ASCII comes back as bytes (valid UTF-8 as they stand, and what the
 * line scanners read, with no string made of the whole file), anything else as checked UTF-8 text.
 */
export function readRegistryBytes(root: string, rel: string, limit: number, model?: string): BytesResult {
  const file = toPosix(rel);
  try {
    const o = openRegistryFile(root, rel, model);
    if (o.fd === undefined) {
      observer?.failed(file);
      return { diagnostics: o.diagnostics };
    }
    let r: Read;
    try {
      r = readOpen(o.fd, limit);
    } finally {
      closeSync(o.fd);
    }
    if ('problem' in r) {
      observer?.failed(file);
      return { diagnostics: [diag('error', file, r.problem, { model })] };
    }
    return decodeRegistryBytes(file, r.bytes, model);
  } catch (e) {
    observer?.failed(file);
    const code = (e as NodeJS.ErrnoException).code;
    return { diagnostics: [diag('error', file, msg.unreadable(code ?? (e as Error).message), { model })], ...(code === 'ENOENT' ? { missing: true } : {}) };
  }
}

/**
 * A registry file's bytes as the loader takes them, whatever source they came from (the file
 * system here, a git tree, an overlay of edits): plain ASCII as bytes, anything else as checked
 * UTF-8 text without a byte-order mark. The read is reported to the observer.
 */
export function decodeRegistryBytes(file: string, buf: Buffer, model?: string): BytesResult {
  observer?.read(file, buf);
  if (isAscii(buf)) return { ascii: buf, diagnostics: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { diagnostics: [diag('error', file, msg.notUtf8(), { model })] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics: [] };
}

/** A file that cannot be read from a source other than the file system (too large, missing). */
export function unreadableFile(file: string, problem: MessageParts, model?: string, missing = false): BytesResult {
  observer?.failed(file);
  return { diagnostics: [diag('error', file, problem, { model })], ...(missing ? { missing: true } : {}) };
}

/** A listing made by a source other than the file system, reported to the observer. */
export function listed(rel: string, entries: DirEntry[]): void {
  observer?.listed(rel, entries);
}

/** Read a registry file as UTF-8 text (a leading byte-order mark is dropped). */
export function readRegistryText(root: string, rel: string, limit: number, model?: string): ReadResult {
  const r = readRegistryBytes(root, rel, limit, model);
  return { text: r.ascii ? r.ascii.toString('latin1') : r.text, diagnostics: r.diagnostics, ...(r.missing ? { missing: true } : {}) };
}

export interface DirEntry {
  name: string;
  /** Path relative to the registry root. */
  rel: string;
  kind: 'file' | 'dir' | 'other';
  /** For kind 'other', what it is when the file system says (a FIFO, a socket, a device). */
  special?: 'FIFO' | 'socket' | 'device';
}

/** What an entry that is neither a file nor a folder is, when its directory entry says. */
function specialOf(d: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): DirEntry['special'] {
  return d.isFIFO() ? 'FIFO' : d.isSocket() ? 'socket' : d.isBlockDevice() || d.isCharacterDevice() ? 'device' : undefined;
}

/** List a directory of the registry, sorted by name; links leaving the registry are reported, not listed. */
export function listRegistryDir(root: string, rel: string, model?: string): { entries: DirEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries: DirEntry[] = [];
  let dirents: Dirent[];
  try {
    dirents = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    observer?.listed(toPosix(rel), entries);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries, diagnostics };
    observer?.failed(toPosix(rel));
    return { entries, diagnostics: [diag('error', toPosix(rel) || '.', msg.unreadable((e as Error).message), { model })] };
  }
  for (const d of dirents) {
    const name = d.name;
    const childRel = rel ? join(rel, name) : name;
    // The directory entry tells files and folders apart; only links (and the rare file system
    // that does not report types) need a look at the target.
    if (d.isFile() || d.isDirectory()) {
      entries.push({ name, rel: toPosix(childRel), kind: d.isFile() ? 'file' : 'dir' });
      continue;
    }
    const g = guardPath(root, childRel, model);
    if (!g.abs) {
      diagnostics.push(...g.diagnostics);
      continue;
    }
    const st = statSync(g.abs);
    const kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    const special = kind === 'other' ? specialOf(st) : undefined;
    entries.push({ name, rel: toPosix(childRel), kind, ...(special ? { special } : {}) });
  }
  observer?.listed(toPosix(rel), entries);
  if (diagnostics.length) observer?.failed(toPosix(rel));
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


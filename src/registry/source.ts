/**
 * Where the loader reads a registry from. Three sources, one interface:
 *
 * - the file system (files.ts stays the only gate: links leaving the registry, size limits, UTF-8);
 * - an overlay of proposed edits over another source (promote, retire and set-lifecycle validate
 *   the edited registry without copying it);
 * - a git tree at a commit (diff and alerts read the base without a checkout or a temporary copy).
 *
 * A source is opened from a `SourceSpec`, plain data, so a worker thread opens the same source
 * from the job it is sent.
 */
import { Buffer } from 'node:buffer';
import { msg } from '../messages.ts';
import { decodeRegistryBytes, isDirectory, listed, listRegistryDir, readRegistryBytes, unreadableFile, type BytesResult, type DirEntry } from './files.ts';
import { gitBytes } from './git.ts';
import type { Diagnostic } from '../core/input.ts';

export type SourceSpec =
  | { kind: 'fs'; root: string }
  | { kind: 'overlay'; base: SourceSpec; files: [rel: string, text: string][] }
  | { kind: 'git'; repo: string; commit: string; prefix: string };

export interface Listing {
  entries: DirEntry[];
  diagnostics: Diagnostic[];
}

export interface Source {
  readonly spec: SourceSpec;
  /** The registry for messages: its folder, or "<folder> at <commit>". */
  readonly label: string;
  /** True when the registry's root folder exists. */
  exists(): boolean;
  /** True when `rel` is a folder of the registry. */
  isDir(rel: string): boolean;
  /** A folder's entries, sorted by name (nothing when it does not exist). */
  list(rel: string, model?: string): Listing;
  /** A file's bytes (ASCII) or text, or why it cannot be read. */
  read(rel: string, limit: number, model?: string): BytesResult;
}

const byName = (a: DirEntry, b: DirEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

class FsSource implements Source {
  readonly spec: SourceSpec;
  readonly label: string;
  readonly root: string;
  constructor(root: string) {
    this.root = root;
    this.spec = { kind: 'fs', root };
    this.label = root;
  }
  exists(): boolean {
    return isDirectory(this.root);
  }
  isDir(rel: string): boolean {
    return isDirectory(rel ? `${this.root}/${rel}` : this.root);
  }
  list(rel: string, model?: string): Listing {
    return listRegistryDir(this.root, rel, model);
  }
  read(rel: string, limit: number, model?: string): BytesResult {
    return readRegistryBytes(this.root, rel, limit, model);
  }
}

/** Another source with some files replaced or added (the text of each, by registry path). */
class OverlaySource implements Source {
  readonly spec: SourceSpec;
  readonly label: string;
  private readonly files: Map<string, string>;
  private readonly dirs = new Map<string, Map<string, DirEntry>>();
  private readonly base: Source;
  constructor(base: Source, files: [string, string][]) {
    this.base = base;
    this.spec = { kind: 'overlay', base: base.spec, files };
    this.label = base.label;
    this.files = new Map(files);
    for (const rel of this.files.keys()) {
      const parts = rel.split('/');
      for (let i = 0; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        const name = parts[i];
        const entries = this.dirs.get(dir) ?? new Map<string, DirEntry>();
        entries.set(name, { name, rel: join(dir, name), kind: i === parts.length - 1 ? 'file' : 'dir' });
        this.dirs.set(dir, entries);
      }
    }
  }
  exists(): boolean {
    return this.base.exists() || this.files.size > 0;
  }
  isDir(rel: string): boolean {
    return this.dirs.has(rel) || this.base.isDir(rel);
  }
  list(rel: string, model?: string): Listing {
    const base = this.base.list(rel, model);
    const added = this.dirs.get(rel);
    if (!added) return base;
    const entries = new Map(base.entries.map((e) => [e.name, e]));
    for (const [name, e] of added) entries.set(name, e);
    const all = [...entries.values()].sort(byName);
    listed(rel, all);
    return { entries: all, diagnostics: base.diagnostics };
  }
  read(rel: string, limit: number, model?: string): BytesResult {
    const text = this.files.get(rel);
    if (text === undefined) return this.base.read(rel, limit, model);
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > limit) return unreadableFile(rel, msg.tooLarge(bytes.length, limit), model);
    return decodeRegistryBytes(rel, bytes, model);
  }
}

interface Blob {
  sha: string;
  size: number;
}

/**
 * The registry at a commit, read with `git ls-tree` (once, when opened) and `git cat-file
 * --batch` (one call per model folder, when its first file is read): no checkout, no temporary
 * copy, and the index and work tree are never touched. Symbolic links and submodules are left
 * out, as a checkout's guards would refuse them; sizes are checked before a blob is read.
 */
class GitSource implements Source {
  readonly spec: SourceSpec;
  readonly label: string;
  private readonly blobs = new Map<string, Blob>();
  private readonly dirs = new Map<string, DirEntry[]>();
  private readonly fetched = new Map<string, Buffer>();
  private readonly fetchedDirs = new Set<string>();
  private readonly found: boolean;
  /** Why the tree could not be listed (git failed); every read then fails with it. */
  private readonly why?: string;

  private readonly repo: string;
  constructor(repo: string, commit: string, prefix: string) {
    this.repo = repo;
    this.spec = { kind: 'git', repo, commit, prefix };
    this.label = `${prefix || '.'} at ${commit.slice(0, 12)}`;
    const ls = gitBytes(repo, ['ls-tree', '-r', '-t', '-z', '--long', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])]);
    if (!ls.ok) {
      this.why = ls.why;
      this.found = false;
      return;
    }
    const dirSets = new Map<string, Map<string, DirEntry>>();
    const add = (rel: string, kind: DirEntry['kind']) => {
      const slash = rel.lastIndexOf('/');
      const dir = slash < 0 ? '' : rel.slice(0, slash);
      const entries = dirSets.get(dir) ?? new Map<string, DirEntry>();
      entries.set(rel.slice(slash + 1), { name: rel.slice(slash + 1), rel, kind });
      dirSets.set(dir, entries);
    };
    let found = prefix === '';
    for (const rec of ls.stdout.toString('utf8').split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, type, sha, size] = rec.slice(0, tab).split(/ +/);
      const path = rec.slice(tab + 1);
      if (prefix && path === prefix) {
        found = type === 'tree';
        continue;
      }
      if (prefix && !path.startsWith(`${prefix}/`)) continue;
      const rel = prefix ? path.slice(prefix.length + 1) : path;
      if (rel.split('/').some((p) => p === '..' || p === '.' || p === '')) continue;
      if (type === 'tree') add(rel, 'dir');
      else if (type === 'blob' && mode !== '120000') {
        add(rel, 'file');
        this.blobs.set(rel, { sha, size: Number(size) });
      }
    }
    this.found = found;
    for (const [dir, entries] of dirSets) this.dirs.set(dir, [...entries.values()].sort(byName));
  }
  exists(): boolean {
    return this.found;
  }
  isDir(rel: string): boolean {
    // git keeps no empty folders: a folder is one with entries.
    return rel === '' ? this.found : this.dirs.has(rel);
  }
  list(rel: string): Listing {
    const entries = this.dirs.get(rel) ?? [];
    listed(rel, entries);
    return { entries, diagnostics: [] };
  }
  read(rel: string, limit: number, model?: string): BytesResult {
    if (this.why) return unreadableFile(rel, msg.unreadable(`git: ${this.why}`), model);
    const blob = this.blobs.get(rel);
    if (!blob) return unreadableFile(rel, msg.unreadable('ENOENT'), model, true);
    if (blob.size > limit) return unreadableFile(rel, msg.tooLarge(blob.size, limit), model);
    let bytes = this.fetched.get(rel);
    if (!bytes) {
      this.fetchFolder(rel, limit);
      bytes = this.fetched.get(rel);
    }
    this.fetched.delete(rel);
    if (!bytes) return unreadableFile(rel, msg.unreadable('git cat-file failed'), model);
    return decodeRegistryBytes(rel, bytes, model);
  }
  /**
   * Read every blob of the model folder that holds `rel` (models/<id>/, all its files within the
   * limit: a model is read whole, one after the other) with one `git cat-file --batch`: starting
   * git costs more than reading a model's files, so it runs once per model, not once per file.
   * A file outside a model folder (spog.yaml) is read alone.
   */
  private fetchFolder(rel: string, limit: number): void {
    const m = /^models\/[^/]+\//.exec(rel);
    const folder = m ? m[0] : rel;
    const wanted: [string, Blob][] = [];
    if (!this.fetchedDirs.has(folder)) {
      // Models are read one at a time: what the last one left unread (months outside the drift window) goes.
      if (m) this.fetched.clear();
      this.fetchedDirs.add(folder);
      if (m) for (const [p, b] of this.blobs) if (p.startsWith(folder) && b.size <= limit && p !== rel) wanted.push([p, b]);
    }
    wanted.push([rel, this.blobs.get(rel)!]);
    const cat = gitBytes(this.repo, ['cat-file', '--batch'], `${wanted.map(([, b]) => b.sha).join('\n')}\n`);
    if (!cat.ok) return;
    // "<sha> blob <size>\n<content>\n" per object, in request order.
    let pos = 0;
    for (const [p] of wanted) {
      const nl = cat.stdout.indexOf(10, pos);
      if (nl < 0) break;
      const size = Number(cat.stdout.subarray(pos, nl).toString('latin1').split(' ')[2]);
      this.fetched.set(p, cat.stdout.subarray(nl + 1, nl + 1 + size));
      pos = nl + 1 + size + 1;
    }
  }
}

/** Open a source from its spec (also in a worker thread). */
export function openSource(spec: SourceSpec): Source {
  switch (spec.kind) {
    case 'fs':
      return new FsSource(spec.root);
    case 'overlay':
      return new OverlaySource(openSource(spec.base), spec.files);
    case 'git':
      return new GitSource(spec.repo, spec.commit, spec.prefix);
  }
}

/** The registry folder `root` on the file system. */
export function fsSource(root: string): Source {
  return new FsSource(root);
}

/** `base` with the files of `edits` (registry path -> new text) replaced or added. */
export function overlaySource(base: Source, edits: Map<string, string>): Source {
  return new OverlaySource(base, [...edits]);
}

/** The registry folder `prefix` ("" for the root) of the repository at `repo`, at `commit`. */
export function gitSource(repo: string, commit: string, prefix: string): Source {
  return new GitSource(repo, commit, prefix);
}

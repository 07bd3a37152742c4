/**
 * Writing registry files so that nobody (a reader, `git add`, the next writer, a crash, a full
 * disk) ever sees half of one. A file is never modified in place: the new content goes to a
 * sibling temporary file that is renamed over the old one (replace) or hard-linked to the new
 * name (create, exclusive). Both are single atomic steps of the file system, so the name shows
 * the old content or the new one, never a mix. A failed write removes its temporary file and
 * leaves the old content untouched; the errors a user can act on (a full disk, a read-only file
 * system, a permission) become a WriteFailure that names the file and the cause.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fchownSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeMsg } from '../messages.ts';

/** Error codes that describe the disk or the permissions, not a bug: refused with a message, no stack. */
const REFUSED = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EFBIG']);

/** A write that the disk or the file system refused; the message says which file, why, and what was left. */
export class WriteFailure extends Error {
  /** The errno code (ENOSPC, EROFS, ...). */
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** The errno code of a file-system error that a user can act on, or undefined (then it is a bug: rethrow). */
export function refusedCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && REFUSED.has(code) ? code : undefined;
}

/**
 * Turn a refused write into a WriteFailure naming `file` (as the user knows it), `via` (what was
 * being written for it, e.g. its lock) and `what` was left; rethrow anything else unchanged.
 */
export function asWriteFailure(e: unknown, file: string, what: string, via?: string): never {
  if (e instanceof WriteFailure) throw e;
  const code = refusedCode(e);
  if (!code) throw e;
  throw new WriteFailure(writeMsg.cannotWrite(file, via, writeMsg.cause(code), what), code);
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/**
 * mkdir -p. Node's recursive mkdir reports ENOENT when the real cause is a read-only file system
 * or a permission: the first missing folder is then made on its own, which fails with the cause.
 */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let missing = dir;
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    mkdirSync(missing);
    throw e;
  }
}

/** fsync a directory, so a rename or link in it survives a power cut (best effort: not every system allows it). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface TempOptions {
  /** The temporary file's name (default: a unique sibling, `<path>.<pid>-<random>.spog-tmp`). */
  tmp?: string;
  /** Permission bits (default 0o644 less the umask); an existing file's bits are kept by passing them. */
  mode?: number;
  /** Owner to keep (only applied when running as root, best effort). */
  owner?: { uid: number; gid: number };
  /** fsync the data before it gets its name (and the directory after): survives a power cut. */
  durable?: boolean;
}

export function tempName(path: string): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}.spog-tmp`;
}

/**
 * Write `data` to a new temporary file and return its name; on any failure the temporary file is
 * removed and the error rethrown. The caller gives it its final name (rename or link).
 */
export function writeTemp(path: string, data: string | Buffer, opts: TempOptions = {}): string {
  const tmp = opts.tmp ?? tempName(path);
  // 'w' (not 'wx') for a fixed name: a fixed name is only used under a lock, where a file of that
  // name can only be a dead writer's leftover.
  const fd = openSync(tmp, opts.tmp ? 'w' : 'wx', opts.mode ?? 0o644);
  try {
    if (opts.mode !== undefined) fchmodSync(fd, opts.mode);
    if (opts.owner && process.getuid?.() === 0) {
      try {
        fchownSync(fd, opts.owner.uid, opts.owner.gid);
      } catch {
        /* keep root's */
      }
    }
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (opts.durable) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuiet(tmp);
    throw e;
  }
  try {
    closeSync(fd); // NFS reports a failed write-back here
  } catch (e) {
    unlinkQuiet(tmp);
    throw e;
  }
  return tmp;
}

/** Give a temporary file its final name, replacing what was there; on failure the temporary file is removed. */
export function commitTemp(tmp: string, path: string, durable = false): void {
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkQuiet(tmp);
    throw e;
  }
  if (durable) fsyncDir(dirname(path));
}

/** Replace `path`'s content atomically: readers see the old content or the new, never a mix; on failure nothing changes. */
export function replaceFile(path: string, data: string | Buffer, opts: TempOptions = {}): void {
  commitTemp(writeTemp(path, data, opts), path, opts.durable);
}

/**
 * Replace several files all or nothing, as far as a file system allows: every new content is
 * written (and fsynced when durable) to a temporary file first, so a full disk or a read-only
 * file system stops the edit before any file changes; then each is renamed into place (a rename
 * needs no new space). Returns nothing; on a failure before the renames every temporary file is
 * removed and the error rethrown with `changed` empty; a rename failing after others succeeded
 * (an I/O error) rethrows with `changed` naming the files already replaced.
 */
export function replaceFiles(files: { path: string; data: string | Buffer }[], durable: boolean, changed: string[] = []): void {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(writeTemp(f.path, f.data, { durable }));
  } catch (e) {
    for (const t of temps) unlinkQuiet(t);
    throw e;
  }
  for (let i = 0; i < files.length; i++) {
    try {
      commitTemp(temps[i], files[i].path, durable);
      changed.push(files[i].path);
    } catch (e) {
      for (const t of temps.slice(i + 1)) unlinkQuiet(t);
      throw e;
    }
  }
}

/**
 * Create `path` with `data` only if no file has that name: the content is written to a temporary
 * file first and then hard-linked to `path` (link fails with EEXIST instead of replacing), so the
 * file appears whole or not at all. Returns false when `path` exists. Where hard links are not
 * supported, falls back to O_CREAT|O_EXCL and a write, removing the file if the write fails.
 */
export function createExclusive(path: string, data: string | Buffer, durable = false): boolean {
  const tmp = writeTemp(path, data, { durable });
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No hard links on this file system (FAT, some FUSE and SMB mounts; EPERM on Linux): a real
    // permission problem then fails the same way in createByOpen.
    if (code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EPERM') return createByOpen(path, data, durable);
    throw e;
  } finally {
    unlinkQuiet(tmp);
  }
  if (durable) fsyncDir(dirname(path));
  return true;
}

function createByOpen(path: string, data: string | Buffer, durable: boolean): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (durable) fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    unlinkQuiet(path);
    throw e;
  }
  return true;
}

/** A file `createFiles` was told to create exists already (someone else made it meanwhile): nothing was written. */
export class FileExists extends Error {
  readonly code = 'EEXIST';
  /** The file that exists. */
  readonly path: string;
  constructor(path: string) {
    super(`${path} exists`);
    this.path = path;
  }
}

/** mkdir -p that returns the folders it made, outermost first (so a rollback can remove exactly those). */
function makeDirs(dir: string, made: string[]): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    makeDir(d);
    made.push(d);
  }
}

/**
 * Create new files (and their folders) all or nothing, as `spog init` and `spog new` do: every
 * content goes to a temporary file first, so a full disk stops before any file appears; then
 * each new file gets its name by a hard link, which fails instead of replacing a file made
 * meanwhile (FileExists), and the files in `replace` are renamed over the old ones last. On any
 * failure before the replacements, the files and folders made so far are removed again and the
 * error rethrown: the folder looks as it did.
 */
export function createFiles(files: { path: string; data: string | Buffer; replace?: boolean }[], durable = false): void {
  const dirs: string[] = [];
  const temps = new Map<string, string>();
  const created: string[] = [];
  const rollback = () => {
    for (const t of temps.values()) unlinkQuiet(t);
    for (const f of created.reverse()) unlinkQuiet(f);
    for (const d of dirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        /* not empty: someone else wrote there meanwhile */
      }
    }
  };
  const ordered = [...files.filter((f) => !f.replace), ...files.filter((f) => f.replace)];
  try {
    for (const f of ordered) makeDirs(dirname(f.path), dirs);
    for (const f of ordered) temps.set(f.path, writeTemp(f.path, f.data, { durable }));
    for (const f of ordered) {
      if (f.replace) break;
      if (!linkNew(temps.get(f.path)!, f.path, f.data, durable)) throw new FileExists(f.path);
      created.push(f.path);
    }
  } catch (e) {
    rollback();
    throw e;
  }
  for (const f of ordered) {
    const tmp = temps.get(f.path)!;
    temps.delete(f.path);
    if (f.replace) commitTemp(tmp, f.path, durable);
    else unlinkQuiet(tmp);
  }
  if (durable) for (const d of new Set(ordered.map((f) => dirname(f.path)))) fsyncDir(d);
}

/** Give a written temporary file the new name `path` unless a file has it: false when one does. */
function linkNew(tmp: string, path: string, data: string | Buffer, durable: boolean): boolean {
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EPERM') return createByOpen(path, data, durable);
    throw e;
  }
}

/**
 * Advisory lock files: `<file>.lock` created with O_CREAT|O_EXCL (atomic on local file systems
 * and on NFSv3+), retried with exponential backoff and jitter. The file holds the holder's
 * pid, host and a random token, so a lock left by a crashed process on this host (pid gone)
 * or one older than `staleMs` can be broken. Breaking renames the lock to a unique name first
 * and checks the token, so two processes never both delete a fresh lock.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { logMsg } from '../messages.ts';

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned even when its holder cannot be checked (default 10 min). */
  staleMs?: number;
}

export interface Lock {
  path: string;
  token: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Block the thread for `ms` (the CLI is synchronous; nothing else runs meanwhile). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export class LockTimeout extends Error {}

function holderIsGone(content: string, mtimeMs: number, staleMs: number): boolean {
  const [pidText, host] = content.split(' ');
  const pid = Number(pidText);
  if (host === hostname() && Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
  }
  return Date.now() - mtimeMs > staleMs;
}

function tryBreak(path: string, staleMs: number): void {
  let content: string;
  let mtimeMs: number;
  try {
    content = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return; // Released meanwhile.
  }
  // An empty file is a lock being written right now: never break it unless it is old.
  if (content === '' && Date.now() - mtimeMs < staleMs) return;
  if (!holderIsGone(content, mtimeMs, staleMs)) return;
  const aside = `${path}.broken-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    /* ignore */
  }
  if (moved !== content) {
    // We moved a fresh lock taken after our check: put it back (fails harmlessly if a new one exists).
    try {
      linkSync(aside, path);
    } catch {
      /* ignore */
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* ignore */
  }
}

/** Take the lock for `file`, waiting with backoff; throws LockTimeout with a clear message. */
export function acquireLock(file: string, opts: LockOptions = {}): Lock {
  const path = `${file}.lock`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const staleMs = opts.staleMs ?? 600_000;
  const token = randomBytes(8).toString('hex');
  const started = Date.now();
  let delay = 1;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid} ${hostname()} ${token}\n`);
      } finally {
        closeSync(fd);
      }
      return { path, token };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (attempts % 16 === 0) tryBreak(path, staleMs);
    if (Date.now() - started > timeoutMs) {
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8').trim();
      } catch {
        /* ignore */
      }
      throw new LockTimeout(logMsg.lockTimeout(file, Math.round(timeoutMs / 1000), path, holder));
    }
    sleepSync(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 32);
  }
}

/** Release a lock taken by acquireLock (only if it is still ours). */
export function releaseLock(lock: Lock): void {
  try {
    if (readFileSync(lock.path, 'utf8').includes(lock.token)) unlinkSync(lock.path);
  } catch {
    /* already gone */
  }
}

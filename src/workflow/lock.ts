/**
 * Advisory lock files: `<file>.lock` holds one line, "<pid> <host> <token> <start>", and it never
 * exists without that line: the line is written to a temporary file that is then hard-linked to
 * the lock's name (safe-write.ts createExclusive; link fails if the name exists, so exactly one
 * process wins, also on NFSv3+). A writer that dies before the link leaves no lock at all.
 *
 * A waiting process judges the lock at once, on every try, and breaks it when it is abandoned:
 * - its holder is on this host and its pid is not running (or the pid now belongs to a process
 *   started after the lock was taken: the holder died and the pid was reused);
 * - it is empty or unreadable and older than `emptyStaleMs` (3 s): a lock of an older spog that
 *   died between creating and writing it, or a hand-made one;
 * - its holder is on another host (which cannot be asked) and the lock is older than `staleMs`.
 * Breaking takes a second lock, `<file>.lock.break` (one breaker at a time), renames the lock to a
 * unique name and checks it moved the very file it judged (same inode); a file that changed
 * meanwhile is linked back. So a breaker never removes a lock a live holder just took.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { writeMsg } from '../messages.ts';
import { createExclusive } from './safe-write.ts';

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock of another host is abandoned after this long (its holder cannot be checked; default 10 min). */
  staleMs?: number;
  /** An empty or unreadable lock is abandoned after this long (default 3 s). */
  emptyStaleMs?: number;
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

const HOST = hostname();
/** A process started this long after the lock was taken cannot be its holder (the clocks are read to 10 ms and 1 s). */
const REUSE_SLACK_MS = 2_000;

/** What a lock line says about its holder; null when it is empty or not such a line. */
export function parseHolder(text: string): { pid: number; host: string; token: string; startedMs: number | null } | null {
  const [pidText, host, token, started] = text.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !host || !token) return null;
  const startedMs = started ? Date.parse(started) : NaN;
  return { pid, host, token, startedMs: Number.isFinite(startedMs) ? startedMs : null };
}

function pidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: running, as another user
  }
}

let bootMs: number | null | undefined;
/** When process `pid` started (Linux /proc; null elsewhere or when it cannot be read). */
function processStartMs(pid: number): number | null {
  try {
    if (bootMs === undefined) {
      const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
      bootMs = m ? Number(m[1]) * 1000 : null;
    }
    if (bootMs === null) return null;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, starttime field 22,
    // in clock ticks since boot (USER_HZ, 100 on every Linux architecture).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? bootMs + ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Why the lock (its text and stat) is abandoned, or null when its holder may still be working. */
export function staleReason(text: string, st: Stats, opts: LockOptions, now = Date.now()): string | null {
  const h = parseHolder(text);
  const age = now - st.mtimeMs;
  if (!h) return age > (opts.emptyStaleMs ?? 3_000) ? (text.trim() === '' ? 'empty' : 'unreadable') : null;
  if (h.host !== HOST) return age > (opts.staleMs ?? 600_000) ? `held by ${h.host} for ${Math.round(age / 1000)} s` : null;
  if (!pidRunning(h.pid)) return `pid ${h.pid} is not running`;
  const since = processStartMs(h.pid);
  if (since !== null && since > (h.startedMs ?? st.mtimeMs) + REUSE_SLACK_MS) return `pid ${h.pid} is another process now`;
  return null;
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/** The lock's text and stat read from one open file (so both describe the same inode); null when there is none. */
function readLock(path: string): { text: string; st: Stats } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable (permissions): judge it by its age alone.
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? { text: '', st } : null;
  }
  try {
    return { st: fstatSync(fd), text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/** Remove `path` if it still is inode `ino`: rename it aside, check, and link it back if it was another file. */
function removeIfSame(path: string, ino: number): void {
  const aside = `${path}.broken-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // gone meanwhile
    throw e;
  }
  try {
    if (statSync(aside).ino !== ino) linkSync(aside, path);
  } catch {
    /* a new lock exists: the one we moved was already replaced */
  } finally {
    unlinkQuiet(aside);
  }
}

function holderLine(token: string): string {
  return `${process.pid} ${HOST} ${token} ${new Date().toISOString()}\n`;
}

/** Break the lock at `path` if it is abandoned; true when it is gone (try again at once). */
function breakIfStale(path: string, opts: LockOptions): boolean {
  const lock = readLock(path);
  if (!lock) return true;
  if (staleReason(lock.text, lock.st, opts) === null) return false;
  const breaking = `${path}.break`;
  if (!createExclusive(breaking, holderLine(randomBytes(8).toString('hex')))) {
    // Another process is breaking it; or a breaker died while doing so (it takes microseconds).
    const other = readLock(breaking);
    if (other && staleReason(other.text, other.st, { emptyStaleMs: 3_000, staleMs: 10_000 }) !== null) removeIfSame(breaking, other.st.ino);
    return false;
  }
  try {
    removeIfSame(path, lock.st.ino);
  } finally {
    unlinkQuiet(breaking);
  }
  return true;
}

/**
 * Take the lock for `file`, waiting with exponential backoff and jitter; throws LockTimeout with a
 * clear message, and the file system's error (ENOSPC, EROFS, EACCES) when the lock cannot be written.
 */
export function acquireLock(file: string, opts: LockOptions = {}): Lock {
  const path = `${file}.lock`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const token = randomBytes(8).toString('hex');
  const started = Date.now();
  let delay = 1;
  for (;;) {
    if (!statSync(path, { throwIfNoEntry: false }) && createExclusive(path, holderLine(token))) return { path, token };
    const broken = breakIfStale(path, opts);
    if (Date.now() - started > timeoutMs) {
      const holder = readLock(path)?.text.trim() ?? '';
      throw new LockTimeout(writeMsg.lockHeld(file, Math.round(timeoutMs / 1000), path, holder));
    }
    if (broken) continue;
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

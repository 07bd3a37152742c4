/**
 * Running `git`: every call is a synchronous `spawnSync` with an argument list (never a shell
 * string), so refs and paths from users are never interpreted by a shell. Nothing here throws
 * for a missing git, a missing repository or a bad ref: callers get `{ ok: false, why }` and
 * decide what to say. The loader reads git trees with it (source.ts), the workflow everything else.
 */
import { spawnSync } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Why it failed, in words (git missing, exit code and first stderr line). */
  why?: string;
  /** True when the git executable itself could not be started. */
  missing?: boolean;
}

/** Large enough for `git log --name-status` over years of daily metric commits. */
const MAX_BUFFER = 512 << 20;

/** Run git in `cwd`; `input` is written to its stdin. */
export function git(cwd: string, args: string[], input?: string | Buffer): GitResult {
  const r = spawnSync('git', args, { cwd, input: typeof input === 'string' ? Buffer.from(input) : input, maxBuffer: MAX_BUFFER, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, stdout: '', stderr: '', why: 'git is not installed (the `git` command was not found on PATH)', missing: true };
    return { ok: false, stdout: '', stderr: '', why: `git could not run: ${r.error.message}` };
  }
  const stdout = r.stdout.toString('utf8');
  const stderr = r.stderr.toString('utf8');
  if (r.status !== 0) {
    const first = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${r.status}`;
    return { ok: false, stdout, stderr, why: first.replace(/^fatal: /, '') };
  }
  return { ok: true, stdout, stderr };
}

/** Same as `git` but returns raw bytes (for `cat-file --batch`). */
export function gitBytes(cwd: string, args: string[], input?: string): { ok: boolean; stdout: Buffer; why?: string } {
  const r = spawnSync('git', args, { cwd, input: input === undefined ? undefined : Buffer.from(input), maxBuffer: MAX_BUFFER, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  if (r.error) return { ok: false, stdout: Buffer.alloc(0), why: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : r.error.message };
  if (r.status !== 0) return { ok: false, stdout: r.stdout, why: (r.stderr.toString('utf8').split('\n')[0] || `exit code ${r.status}`).replace(/^fatal: /, '') };
  return { ok: true, stdout: r.stdout };
}


/** Test helpers: real git repositories in temporary folders, and the CLI run in-process. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Fixed identities and dates make commit ids, and so the reports that show them, reproducible. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ana Lopez',
  GIT_AUTHOR_EMAIL: 'ana@example.org',
  GIT_COMMITTER_NAME: 'Ana Lopez',
  GIT_COMMITTER_EMAIL: 'ana@example.org',
  GIT_AUTHOR_DATE: '2026-10-31T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-10-31T12:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Repo {
  dir: string;
  registry: string;
  cleanup: () => void;
}

/** A git repository whose registry/ is a copy of a fixture, committed on main. */
export function makeRepo(fixture: string, message = 'Initial registry'): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'spog-wf-'));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Ana Lopez']);
  git(dir, ['config', 'user.email', 'ana@example.org']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  cpSync(join(FIXTURES, fixture), join(dir, 'registry'), { recursive: true });
  writeFileSync(join(dir, '.gitattributes'), '*.ndjson merge=union\n');
  git(dir, ['add', '.']);
  git(dir, ['commit', '-q', '-m', message]);
  return { dir, registry: join(dir, 'registry'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function commitAll(dir: string, message: string, date = '2026-10-31T12:00:00Z'): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `spog ...` in this process (fast; the same code path as the command line). */
export async function spog(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

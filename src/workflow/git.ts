/**
 * The workflow's questions to git: which repository holds the registry, which commit a ref names,
 * when a commit was made. git runs through src/registry/git.ts (argument lists, never a shell).
 * Nothing here throws for a missing git, a missing repository or a bad ref: callers get
 * `{ why }` and decide what to say.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { git } from '../registry/git.ts';

export interface RepoInfo {
  /** Absolute path of the work tree root. */
  root: string;
  /** Registry directory relative to the root, with forward slashes ("registry", or "" for the root itself). */
  registryRel: string;
  shallow: boolean;
}

/** Locate the repository holding `registryDir`; `{ why }` when there is none or git is missing. */
export function repoOf(registryDir: string): RepoInfo | { why: string; missing?: boolean } {
  const abs = resolve(registryDir);
  let cwd = abs;
  // The registry may not exist yet (or at all in the work tree): ask git from its nearest existing parent.
  for (let i = 0; i < 64; i++) {
    try {
      realpathSync(cwd);
      break;
    } catch {
      cwd = dirname(cwd);
    }
  }
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { why: top.missing ? top.why! : `${registryDir} is not inside a git repository (${top.why})`, missing: top.missing };
  const root = top.stdout.trim();
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    real = join(realpathSync(cwd), relative(cwd, abs));
  }
  const rel = relative(realpathSync(root), real).split(sep).join('/');
  if (rel.startsWith('..')) return { why: `${registryDir} is outside the repository at ${root}` };
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
  return { root, registryRel: rel, shallow };
}

/** Resolve a ref to a commit id; `{ why }` when it does not name a commit. */
export function resolveCommit(root: string, ref: string): { commit: string } | { why: string } {
  if (ref.startsWith('-')) return { why: `"${ref}" is not a git ref` };
  const r = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!r.ok) return { why: `"${ref}" does not name a commit in ${root}${r.why && !r.why.startsWith('exit code') ? ` (${r.why})` : ''}; fetch it first (e.g. git fetch origin main, or checkout with fetch-depth: 0)` };
  return { commit: r.stdout.trim() };
}

/** Committer date of a commit, ISO 8601. */
export function commitDate(root: string, commit: string): string | null {
  const r = git(root, ['show', '-s', '--format=%cI', commit]);
  return r.ok ? r.stdout.trim() : null;
}


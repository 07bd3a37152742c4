/**
 * The only place the workflow runs `git`. Every call is synchronous `spawnSync` with an argument
 * list (never a shell string), so refs and paths from users are never interpreted by a shell.
 * Nothing here throws for a missing git, a missing repository or a bad ref: callers get
 * `{ ok: false, why }` and decide what to say.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { git, gitBytes } from '../registry/git.ts';


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

/**
 * Write the tree of `rel` at `commit` into `dest` (which then holds the registry itself), using
 * `ls-tree` and one `cat-file --batch`: no shell, no tar, and the index and work tree are never
 * touched. Symbolic links and submodules are skipped. Returns the number of files written.
 */
export function materialise(root: string, commit: string, rel: string, dest: string): { files: number } | { why: string } {
  mkdirSync(dest, { recursive: true });
  const spec = rel === '' ? `${commit}^{tree}` : `${commit}:${rel}`;
  const exists = git(root, ['cat-file', '-t', spec]);
  if (!exists.ok) return { files: 0 }; // The registry did not exist at that commit: an empty registry.
  if (exists.stdout.trim() !== 'tree') return { why: `${rel} is not a directory at ${commit.slice(0, 12)}` };
  const ls = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, ...(rel === '' ? [] : ['--', rel])]);
  if (!ls.ok) return { why: `git ls-tree failed: ${ls.why}` };
  const entries: { path: string; sha: string }[] = [];
  for (const rec of ls.stdout.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha] = rec.slice(0, tab).split(' ');
    const path = rec.slice(tab + 1);
    if (type !== 'blob' || mode === '120000') continue;
    const inside = rel === '' ? path : path.slice(rel.length + 1);
    if (rel !== '' && !path.startsWith(`${rel}/`)) continue;
    if (inside.split('/').some((p) => p === '..' || p === '')) continue;
    entries.push({ path: inside, sha });
  }
  if (entries.length === 0) return { files: 0 };
  const cat = gitBytes(root, ['cat-file', '--batch'], `${entries.map((e) => e.sha).join('\n')}\n`);
  if (!cat.ok) return { why: `git cat-file failed: ${cat.why}` };
  // Output: "<sha> blob <size>\n<content>\n" per object, in request order.
  let pos = 0;
  for (const e of entries) {
    const nl = cat.stdout.indexOf(10, pos);
    const header = cat.stdout.subarray(pos, nl).toString('utf8').split(' ');
    const size = Number(header[2]);
    const content = cat.stdout.subarray(nl + 1, nl + 1 + size);
    pos = nl + 1 + size + 1;
    const out = join(dest, ...e.path.split('/'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, content);
  }
  return { files: entries.length };
}

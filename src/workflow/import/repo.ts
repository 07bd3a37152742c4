/**
 * What the DVC and GTO importers ask a git repository: its root, its tags (with the commit each
 * names, its date and tagger), a file at a commit, a commit's date and author, and where it is
 * published (its origin). git runs through src/registry/git.ts (argument lists, never a shell).
 */
import { resolve } from 'node:path';
import { importMsg } from '../../messages.ts';
import { git } from '../../registry/git.ts';
import { ImportFailure } from './http.ts';

export interface TagInfo {
  name: string;
  commit: string;
  /** Seconds since the epoch: the tagger's date for an annotated tag, the commit's for a light one. */
  date: number;
  /** The tagger's (or the commit author's) e-mail. */
  email?: string;
  message: string;
}

export interface RepoRef {
  root: string;
  /** The folder asked for, relative to the root ("" or "sub/dir/"), where dvc.yaml is looked for. */
  prefix: string;
}

/** The repository holding `dir`; ImportFailure when there is none. */
export function openRepo(dir: string): RepoRef {
  const top = git(resolve(dir), ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new ImportFailure(importMsg.notARepo(dir, top.why ?? 'git failed'), 'INPUT');
  const prefix = git(resolve(dir), ['rev-parse', '--show-prefix']).stdout.trim();
  return { root: top.stdout.trim(), prefix };
}

/** Every tag with the commit it names (tags of trees or blobs are left out), oldest first. */
export function listTags(root: string): TagInfo[] {
  const fmt = ['%(refname:strip=2)', '%(objecttype)', '%(objectname)', '%(*objecttype)', '%(*objectname)', '%(creatordate:unix)', '%(taggeremail)', '%(authoremail)', '%(contents:subject)'].join('%00');
  const r = git(root, ['for-each-ref', 'refs/tags', `--format=${fmt}`]);
  if (!r.ok) return [];
  const out: TagInfo[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [name, type, object, peeledType, peeled, date, tagger, author, subject] = line.split('\0');
    const commit = type === 'commit' ? object : peeledType === 'commit' ? peeled : undefined;
    if (!commit) continue;
    const email = (tagger || author || '').replace(/^<|>$/g, '') || undefined;
    out.push({ name, commit, date: Number(date), email, message: subject ?? '' });
  }
  return out.sort((a, b) => a.date - b.date || a.name.localeCompare(b.name));
}

/** The text of `path` at `commit`, or undefined when it is not there. */
export function fileAt(root: string, commit: string, path: string): string | undefined {
  const r = git(root, ['show', `${commit}:${path}`]);
  return r.ok ? r.stdout : undefined;
}

/** A commit's committer date (seconds) and author e-mail. */
export function commitInfo(root: string, commit: string): { date: number; email?: string } | undefined {
  const r = git(root, ['show', '-s', '--format=%ct%x00%ae', commit]);
  if (!r.ok) return undefined;
  const [date, email] = r.stdout.trim().split('\0');
  return { date: Number(date), email: email || undefined };
}

/** The commit HEAD names, or undefined in a repository without commits. */
export function headCommit(root: string): string | undefined {
  const r = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return r.ok ? r.stdout.trim() : undefined;
}

/** Where the repository is published: its origin's URL without credentials, else its folder. */
export function repoUri(root: string): string {
  const r = git(root, ['remote', 'get-url', 'origin']);
  const url = r.ok ? r.stdout.trim() : '';
  return url ? url.replace(/\/\/[^/@]+@/, '//') : root;
}

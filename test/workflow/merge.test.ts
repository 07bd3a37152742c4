import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/load.ts';
import { commitAll, git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
beforeEach(() => {
  repo = makeRepo('minimal');
});
afterEach(() => repo.cleanup());

const log = (value: string, ts: string, run: string) => spog('log', '--registry', repo.registry, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', value, '--ts', ts, '--run', run);

it('two branches that append to the same monthly file merge cleanly through the union driver and keep every record', async () => {
  const file = join(repo.registry, 'models/churn/metrics/2026-10.ndjson');
  const before = readFileSync(file, 'utf8').split('\n').filter(Boolean);

  git(repo.dir, ['checkout', '-q', '-b', 'pipeline-a']);
  await log('0.81', '2026-10-31T01:00:00Z', 'a-1');
  await log('0.82', '2026-10-31T02:00:00Z', 'a-2');
  commitAll(repo.dir, 'pipeline a: two metrics');

  git(repo.dir, ['checkout', '-q', 'main']);
  git(repo.dir, ['checkout', '-q', '-b', 'pipeline-b']);
  await log('0.79', '2026-10-31T01:30:00Z', 'b-1');
  // The same record as pipeline a's first: after the merge it is in the file twice, and read once.
  await log('0.81', '2026-10-31T01:00:00Z', 'a-1');
  commitAll(repo.dir, 'pipeline b: two metrics');

  git(repo.dir, ['checkout', '-q', 'main']);
  git(repo.dir, ['merge', '-q', '--no-edit', 'pipeline-a']);
  // Without the union driver this merge conflicts: both branches appended after the same last line.
  git(repo.dir, ['merge', '-q', '--no-edit', 'pipeline-b']);
  expect(git(repo.dir, ['status', '--porcelain'])).toBe('');

  const after = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  expect(after.slice(0, before.length)).toEqual(before);
  const added = after.slice(before.length);
  expect(added.map((l) => JSON.parse(l).run).sort()).toEqual(['a-1', 'a-1', 'a-2', 'b-1']);
  const reg = loadRegistry(repo.registry);
  expect(reg.counts.errors).toBe(0);
  expect(reg.models[0].duplicates).toBeGreaterThanOrEqual(1);

  // A later append on main sees the duplicate pair as present and adds nothing.
  const again = await log('0.81', '2026-10-31T01:00:00Z', 'a-1');
  expect(again.stdout).toContain('1 already present');
});

it('without the union driver the same two branches conflict (the driver is what makes it work)', async () => {
  git(repo.dir, ['rm', '-q', '--cached', '.gitattributes']);
  git(repo.dir, ['commit', '-q', '-m', 'no union driver']);
  rmSync(join(repo.dir, '.gitattributes'));
  git(repo.dir, ['checkout', '-q', '-b', 'a']);
  await log('0.81', '2026-10-31T01:00:00Z', 'a-1');
  commitAll(repo.dir, 'a');
  git(repo.dir, ['checkout', '-q', 'main']);
  git(repo.dir, ['checkout', '-q', '-b', 'b']);
  await log('0.79', '2026-10-31T01:30:00Z', 'b-1');
  commitAll(repo.dir, 'b');
  git(repo.dir, ['checkout', '-q', 'main']);
  git(repo.dir, ['merge', '-q', '--no-edit', 'a']);
  expect(() => git(repo.dir, ['merge', '-q', '--no-edit', 'b'])).toThrow(/Command failed: git merge/);
  expect(git(repo.dir, ['diff', '--name-only', '--diff-filter=U'])).toBe('registry/models/churn/metrics/2026-10.ndjson\n');
});

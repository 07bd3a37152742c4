import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, auditTrails, prNumber } from '../../src/workflow/audit.ts';
import { commitAll, FIXTURES, git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;

beforeAll(async () => {
  repo = makeRepo('minimal', 'Add churn model');
  const reg = repo.registry;
  // A squash-merged pull request.
  await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.83', '--ts', '2026-10-31', '--run', 'x');
  commitAll(repo.dir, 'Nightly metrics (#12)', '2026-11-01T06:00:00Z');
  // A pull request merged with a merge commit, by someone else.
  git(repo.dir, ['checkout', '-q', '-b', 'promote-v1']);
  await spog('promote', 'churn', 'v1', '--registry', reg, '--date', '2026-11-02', '--old', 'shadow');
  git(repo.dir, ['add', '-A']);
  git(repo.dir, ['commit', '-q', '-m', 'Promote churn v1'], { GIT_AUTHOR_NAME: 'Bob Chen', GIT_AUTHOR_EMAIL: 'bob@example.org', GIT_AUTHOR_DATE: '2026-11-02T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T09:00:00Z' });
  git(repo.dir, ['checkout', '-q', 'main']);
  git(repo.dir, ['merge', '-q', '--no-ff', 'promote-v1', '-m', 'Merge pull request #15 from acme/promote-v1'], { GIT_AUTHOR_NAME: 'Cleo Reviewer', GIT_COMMITTER_NAME: 'Cleo Reviewer', GIT_AUTHOR_DATE: '2026-11-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T10:00:00Z' });
  // A second model, then a rename of the first (git mv keeps its history).
  cpSync(join(FIXTURES, 'minimal/models/churn'), join(reg, 'models/upsell'), { recursive: true });
  commitAll(repo.dir, 'Add upsell model', '2026-11-03T08:00:00Z');
  git(repo.dir, ['mv', 'registry/models/churn', 'registry/models/churn-risk']);
  commitAll(repo.dir, 'Rename churn to churn-risk', '2026-11-04T08:00:00Z');
});
afterAll(() => repo.cleanup());

describe('audit trail', () => {
  it('lists who changed a model, when, and in which pull request, newest first', () => {
    const t = auditTrail(repo.dir, 'registry', 'churn-risk');
    expect(t.available).toBe(true);
    expect(t.reason).toBeUndefined();
    expect(t.entries.map((e) => [e.date.slice(0, 10), e.author, e.pr, e.merge, e.areas.join(','), e.subject])).toEqual([
      ['2026-11-04', 'Ana Lopez', null, false, 'card,versions,metrics', 'Rename churn to churn-risk'],
      ['2026-11-02', 'Cleo Reviewer', 15, true, 'card', 'Merge pull request #15 from acme/promote-v1'],
      ['2026-11-02', 'Bob Chen', null, false, 'card', 'Promote churn v1'],
      ['2026-11-01', 'Ana Lopez', 12, false, 'metrics', 'Nightly metrics (#12)'],
      ['2026-10-31', 'Ana Lopez', null, false, 'card,versions,metrics', 'Add churn model'],
    ]);
    expect(t.entries[1].files).toEqual([{ path: 'models/churn/README.md', status: 'M' }]);
    expect(t.entries[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads every model with one git log, grouped by model', () => {
    const all = auditTrails(repo.dir, 'registry');
    expect([...all.byModel.keys()].sort()).toEqual(['churn-risk', 'upsell']);
    expect(all.byModel.get('upsell')!.map((e) => e.subject)).toEqual(['Add upsell model']);
  });

  it('parses pull-request numbers from GitHub and GitLab messages', () => {
    expect(prNumber('Merge pull request #123 from a/b')).toBe(123);
    expect(prNumber('Promote churn v3 (#45)')).toBe(45);
    expect(prNumber("Merge branch 'x' into 'main'", 'Promote\n\nSee merge request acme/models!67')).toBe(67);
    expect(prNumber('Fix #9 in the middle')).toBeNull();
  });

  it('says plainly when there is no repository, and never throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spog-nogit-'));
    try {
      mkdirSync(join(dir, 'registry/models/x'), { recursive: true });
      const t = auditTrail(dir, 'registry', 'x');
      expect(t).toEqual({ available: false, reason: 'history unavailable: the registry is not in a git repository (no .git directory)', shallow: false, entries: [] });
      expect(auditTrail(join(dir, 'does-not-exist'), 'registry', 'x').available).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns that a shallow clone may be incomplete', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spog-shallow-'));
    try {
      git(dir, ['clone', '-q', '--depth', '1', `file://${repo.dir}`, 'clone']);
      const t = auditTrail(join(dir, 'clone'), 'registry', 'churn-risk');
      expect(t.available).toBe(true);
      expect(t.shallow).toBe(true);
      expect(t.reason).toMatch(/^shallow clone: .* may be incomplete/);
      expect(t.entries).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the history on a detached HEAD (as CI checkouts often are)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spog-detached-'));
    try {
      git(dir, ['clone', '-q', `file://${repo.dir}`, 'clone']);
      git(join(dir, 'clone'), ['checkout', '-q', '--detach', 'HEAD~1']);
      const t = auditTrail(join(dir, 'clone'), 'registry', 'churn');
      expect(t.available).toBe(true);
      expect(t.shallow).toBe(false);
      expect(t.entries.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spog audit prints a table, or JSON', async () => {
    const r = await spog('audit', 'churn-risk', '--registry', repo.registry, '--limit', '2');
    expect(r.code).toBe(0);
    const second = r.stdout.split('\n')[1].split(/\s{2,}/);
    expect([second[0], second[2], second[3], second[4], second[5]]).toEqual(['2026-11-02', 'Cleo Reviewer', '#15', 'card', 'Merge pull request #15 from acme/promote-v1']);
    expect(r.stdout).toContain('... 3 older entries (use --limit)');
    const j = JSON.parse((await spog('audit', 'upsell', '--registry', repo.registry, '--json')).stdout);
    expect(j).toMatchObject({ model: 'upsell', available: true, entries: [{ subject: 'Add upsell model' }] });
  });
});


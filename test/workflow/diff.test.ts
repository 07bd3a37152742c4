import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDiff } from '../../src/workflow/diff.ts';
import { commitAll, FIXTURES, git, makeRepo, spog, type Repo } from './helpers.ts';

/**
 * A fixture history: main holds the states fixture; the branch `pr` promotes a challenger,
 * loosens one model's thresholds, tightens the fleet's staleness rule, adds a version, logs
 * metrics for a model that had too little data, and adds a model.
 */
let repo: Repo;
let seconds = 0;

function editFile(path: string, edit: (s: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

beforeAll(async () => {
  repo = makeRepo('workflow/states', 'States fixture');
  const reg = repo.registry;
  git(repo.dir, ['checkout', '-q', '-b', 'pr']);
  expect((await spog('promote', 'challenger', 'v2', '--registry', reg, '--date', '2026-10-31')).code).toBe(0);
  editFile(join(reg, 'models/amber/README.md'), (s) => s.replace('deployments:', 'thresholds: {mode: relative, amber: 0.1, red: 0.2}\ndeployments:'));
  editFile(join(reg, 'spog.yaml'), (s) => `${s}defaults:\n  staleness: {amber_days: 3, red_days: 14}\n`);
  writeFileSync(join(reg, 'models/red/versions/v2.yaml'), 'version: v2\ntrained_at: "2026-10-30"\nparent: v1\nauthor: ana@example.org\nmetrics: {auc: 0.83, accuracy: 0.77}\n');
  const records = join(repo.dir, 'records.ndjson');
  writeFileSync(records, [28, 29, 30].map((d) => JSON.stringify({ model: 'too-little', ts: `2026-10-${d}T06:00:00Z`, version: 'v1', metric: 'auc', value: 0.8, run: `d${d}` })).join('\n'));
  expect((await spog('log', '--registry', reg, '--file', records)).code).toBe(0);
  cpSync(join(FIXTURES, 'minimal/models/churn'), join(reg, 'models/churn'), { recursive: true });
  editFile(join(reg, 'models/churn/README.md'), (s) => s.replace('team: growth', 'team: core'));
  commitAll(repo.dir, 'Promote challenger v2; recalibrate thresholds (#7)', '2026-10-31T15:00:00Z');
  const t0 = Date.now();
  await spog('diff', 'main', 'pr', '--registry', reg, '--format', 'json');
  seconds = (Date.now() - t0) / 1000;
});
afterAll(() => repo.cleanup());

describe('spog diff', () => {
  it('gives the expected pull-request report (Markdown snapshot)', async () => {
    const r = await spog('diff', 'main', 'pr', '--registry', repo.registry);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/diff-states.md');
  });

  it('reports each change with its effect on health, computed on both sides', async () => {
    const r = await spog('diff', 'main', 'pr', '--registry', repo.registry, '--format', 'json');
    const d = JSON.parse(r.stdout) as RegistryDiff;
    const m = (id: string) => d.models.find((x) => x.id === id)!;
    expect(d.as_of.date).toBe('2026-10-31');
    expect(d.summary).toMatchObject({ added: 1, removed: 0, promotions: 1, versions_added: 1, metric_points_added: 3 + 31 });
    // The promotion carries the production evidence of the base side.
    expect(m('challenger').promotion).toMatchObject({ from: 'v1', to: 'v2', evidence: { recommendation: 'promote', champion: 'v1', challenger: 'v2' } });
    expect(m('challenger').champion).toEqual({ base: 'v1', head: 'v2' });
    // A card threshold change moves the primary-metric check, and with it the model's health.
    expect(m('amber').health).toEqual({ base: 'amber', head: 'green' });
    expect(m('amber').checks).toEqual([{ check: 'primary_metric', base: 'amber', head: 'green', reason: expect.stringContaining('6.3% worse') }]);
    expect(m('amber').card).toEqual([{ path: 'thresholds', base: undefined, head: { mode: 'relative', amber: 0.1, red: 0.2 } }]);
    // A fleet-wide config change moves a model whose files did not change.
    expect(d.config.map((c) => c.path)).toEqual(['defaults.staleness.red_days']);
    expect(m('stale')).toMatchObject({ change: 'health', health: { base: 'red', head: 'amber' }, files: [] });
    // A new version is evaluated against the current champion.
    expect(m('red').versions_added[0].metrics[0]).toMatchObject({ metric: 'auc', value: 0.83, champion: 0.8, better: true, primary: true });
    expect(m('too-little')).toMatchObject({ health: { base: 'unknown', head: 'green' }, metrics: { added: 3 } });
    expect(m('churn')).toMatchObject({ change: 'added', health: { base: null, head: 'green' } });
  });

  it('compares with the working tree when HEAD is left out', async () => {
    git(repo.dir, ['checkout', '-q', 'pr']);
    editFile(join(repo.registry, 'models/green/README.md'), (s) => s.replace('lifecycle: "production"', 'lifecycle: "retraining"'));
    try {
      const r = await spog('diff', 'pr', '--registry', repo.registry, '--format', 'json');
      const d = JSON.parse(r.stdout) as RegistryDiff;
      expect(d.head).toEqual({ ref: 'working tree', commit: null });
      expect(d.models.map((x) => x.id)).toEqual(['green']);
      expect(d.models[0].card).toEqual([{ path: 'lifecycle', base: 'production', head: 'retraining' }]);
    } finally {
      git(repo.dir, ['checkout', '-q', '--', '.']);
    }
  });

  it('says plainly when nothing changed, and refuses an unknown ref', async () => {
    const same = await spog('diff', 'pr', 'pr', '--registry', repo.registry);
    expect(same.stdout).toContain('No change to the registry');
    const bad = await spog('diff', 'no-such-branch', '--registry', repo.registry);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" does not name a commit');
  });

  it('runs in well under a few seconds on a small registry', () => {
    process.stderr.write(`spog diff (states fixture, 11 models): ${seconds.toFixed(2)} s\n`);
    expect(seconds).toBeLessThan(10);
  });
});

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
});
afterAll(() => repo.cleanup());

/** The cells of the Markdown table whose header line is `header` (the first such table), row by row. */
function tableAfter(md: string, header: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(header);
  expect(start, `a table headed ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('spog diff', () => {
  it('gives the reviewer a summary, a table of what moved, and the evidence behind the promotion', async () => {
    const r = await spog('diff', 'main', 'pr', '--registry', repo.registry);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^<!-- spog-diff -->\n### spog: registry changes `main` \([0-9a-f]+\) → `pr` \([0-9a-f]+\)\n/);
    expect(md).toContain('**5 models changed · 1 added · 1 promotion · 1 new version · +34 metric points** (evaluated as of 2026-10-31 on both sides)');
    // What needs the reviewer's eyes leads: two alarms quieted only because their limits were
    // loosened (the card of amber; spog.yaml's staleness for stale) hide a problem; one model
    // improved under the same rules.
    expect(md).toContain('**Needs your review: ⛔ hides a problem: 2 · 🔓 spog.yaml loosens `staleness.red_days` for every model** · ✅ better: 1');
    expect(md).toContain('Fleet after this change: 🔴 3 red · 🟠 2 amber · 🟢 6 green · ⚪ 0 unknown');
    // One row a model, what needs review first: its class, health, champion, primary metric and what changed.
    expect(tableAfter(md, '| model | review | health (base → head) | champion | primary | what changed |')).toEqual([
      ['`stale`', '⛔ hides a problem', '🔴 red → 🟠 amber', 'v1', 'auc 0.8 (0.0% vs expected)', 'health moved (shared configuration)'],
      ['`amber`', '⛔ hides a problem', '🟠 amber → 🟢 green', 'v1', 'auc 0.75 (-6.3% vs expected)', 'card: thresholds'],
      ['`too-little`', '✅ better', '⚪ unknown → 🟢 green', 'v1', 'auc 0.803 → 0.802 (+0.2% vs expected)', '+3 metric points'],
      ['`red`', '', '🔴 red', 'v1', 'auc 0.7 (-12.5% vs expected)', 'new version v2'],
      ['`challenger`', '', '🟢 green', 'v1 → **v2**', 'auc 0.799 → 0.839 (-0.1% vs expected)', 'promoted v2 (was v1)'],
      ['`churn`', 'new', '— → 🟢 green', '— → **v2**', 'auc 0.839 (-0.1% vs expected)', 'new model · +31 metric points'],
    ]);
    expect(tableAfter(md, '| field | base | head |')).toEqual([['`defaults.staleness.red_days`', '7', '14']]);
    expect(md).toContain('🔓 **Loosened for every model that uses the defaults** (an amber or red check that turns a better colour under them hides a problem; none is counted as better):\n- `staleness.red_days` 7 → 14 (staleness)');
    // The promotion's production evidence, in numbers.
    expect(md).toContain('Production evidence (shadow challenger vs champion, auc, 30 paired days 2026-10-02 to 2026-10-31): ✅ supports the promotion.');
    expect(md).toContain('v2 0.84 vs v1 0.8 on 30 paired days (better on 30); mean improvement 0.04');
    expect(md).toContain('Offline evaluation, auc: v2 0.84 vs v1 0.8 (+0.04, better).');
    // Each status sits beside its own reason and the threshold it was judged by: a green that is
    // 6.3% worse says it is green under the loosened 10% threshold.
    expect(md).toContain('| primary_metric | ⛔ hides a problem | 🟠 amber: auc 0.75 (mean of last 10) is 6.3% worse than expected 0.8 <sub>(amber when >= 5.0%, red when >= 10.0% relative shortfall beyond the noise)</sub> | 🟢 green: auc 0.75 (mean of last 10) is 6.3% worse than expected 0.8 <sub>(amber when >= 10.0%, red when >= 20.0% relative shortfall beyond the noise)</sub> |');
    expect(md).toContain('**Limits made more permissive in the card** (an amber or red check that turns a better colour under them hides a problem; none is counted as better):\n- `thresholds.amber` 0.05 → 0.1 (primary_metric, performance_drift)\n- `thresholds.red` 0.1 → 0.2 (primary_metric, performance_drift)');
    expect(md).toMatch(/\| staleness \| ⛔ hides a problem \| 🔴 red: no auc value for 9 days \(last 2026-10-22\) <sub>\(amber after 3 days, red after 7 days[^|]*\| 🟠 amber: no auc value for 9 days \(last 2026-10-22\) <sub>\(amber after 3 days, red after 14 days/);
    expect(md).toContain('| **auc** (primary) | 0.83 | 0.8 | +0.03 ✅ |');
    expect(md).toContain('Metric points: 3 → 6 (+3); last point 2026-10-31 → 2026-10-31.');
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
    expect(m('amber').checks).toEqual([
      expect.objectContaining({ check: 'primary_metric', base: 'amber', head: 'green', class: 'hides', reason_head: expect.stringContaining('6.3% worse'), threshold_head: expect.stringContaining('amber when >= 10.0%') }),
    ]);
    expect(m('amber').review).toMatchObject({ class: 'hides', retired_while_alarm: false });
    expect(d.summary.review).toEqual({ hides: 2, worse: 0, loosened: 0, better: 1 });
    expect(d.config_loosened).toEqual([{ check: 'staleness', source: 'spog.yaml', setting: 'staleness.red_days', base: '7', head: '14' }]);
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
});

describe('spog diff, for the reviewer: lost evidence and loosened limits are never "better"', () => {
  let review: Repo;
  beforeAll(async () => {
    review = makeRepo('workflow/states', 'States fixture');
    const reg = review.registry;
    git(review.dir, ['checkout', '-q', '-b', 'review']);
    // red: promote a version that has no production data (the primary check loses its evidence).
    writeFileSync(join(reg, 'models/red/versions/v2.yaml'), 'version: v2\ntrained_at: "2026-10-30"\nparent: v1\nmetrics: {auc: 0.83}\n');
    expect((await spog('promote', 'red', 'v2', '--registry', reg, '--date', '2026-10-31')).code).toBe(0);
    // fairness: the fairness block is removed (the check stops running).
    editFile(join(reg, 'models/fairness/README.md'), (s) => s.replace('fairness: {"slices": ["sex"]}\n', ''));
    // latency: the latency limit raised from 200 to 500 ms.
    editFile(join(reg, 'models/latency/README.md'), (s) => s.replace('software: {"latency_p95_ms": 200}', 'software: {"latency_p95_ms": 500}'));
    // green: a stricter threshold makes it worse.
    editFile(join(reg, 'models/green/README.md'), (s) => s.replace('deployments:', 'thresholds: {mode: relative, amber: 0.0001, red: 0.0002}\ndeployments:'));
    // rmse: its owners acknowledge it (an incident file, no change of health).
    expect((await spog('ack', 'rmse', '--registry', reg, '--note', 'retraining on October data', '--owner', 'ana@example.org')).code).toBe(0);
    commitAll(review.dir, 'Promote red v2, drop fairness, raise latency limit, tighten green', '2026-10-31T16:00:00Z');
  });
  afterAll(() => review.cleanup());

  it('classifies each model: hides a problem, worse, loosened, better', async () => {
    const r = await spog('diff', 'main', 'review', '--registry', review.registry, '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as RegistryDiff;
    const m = (id: string) => d.models.find((x) => x.id === id)!;
    const check = (id: string, name: string) => m(id).checks.find((c) => c.check === name);
    // A red model promoted to a version without data: its primary check is unknown now. The
    // model's colour improved (red -> unknown), which a count of colours called "better".
    expect(m('red').health).toEqual({ base: 'red', head: 'unknown' });
    expect(check('red', 'primary_metric')).toMatchObject({ base: 'red', head: 'unknown', class: 'hides' });
    expect(m('red').review.class).toBe('hides');
    // Fairness turned off on a red model: the check is gone.
    expect(check('fairness', 'fairness')).toMatchObject({ base: 'red', head: null, class: 'hides' });
    expect(m('fairness').review.class).toBe('hides');
    // A raised limit turns a red check green: the alarm is hidden by the rule, with the setting named.
    expect(check('latency', 'software')).toMatchObject({ base: 'red', head: 'green', class: 'hides' });
    expect(m('latency').review.loosened).toEqual([{ check: 'software', source: 'card', setting: 'software.latency_p95_ms', base: '200', head: '500' }]);
    // A stricter threshold: worse.
    expect(m('green').review.class).toBe('worse');
    expect(d.summary.review).toEqual({ hides: 3, worse: 1, loosened: 0, better: 0 });
  });

  it('leads the report with what needs the reviewer\'s eyes, and shows each status beside its own reason', async () => {
    const r = await spog('diff', 'main', 'review', '--registry', review.registry);
    const md = r.stdout;
    expect(md).toContain('**Needs your review: ⛔ hides a problem: 3 · 🔻 worse: 1**');
    expect(md).not.toMatch(/better: \d/);
    const rows = tableAfter(md, '| model | review | health (base → head) | champion | primary | what changed |');
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['`red`', '⛔ hides a problem'],
      ['`fairness`', '⛔ hides a problem'],
      ['`latency`', '⛔ hides a problem'],
      ['`green`', '🔻 worse'],
      ['`rmse`', ''],
    ]);
    expect(md).toMatch(/\| software \| ⛔ hides a problem \| 🔴 red: latency p95 \(ms\) 450 is over the limit 200[^|]*\| 🟢 green: latency p95 \(ms\) 450 is within the limit 500/);
    expect(md).toContain('| fairness | ⛔ hides a problem | 🔴 red: ');
    expect(md).toContain('| — (not run) |');
    // An acknowledgement is a change of files, not of health: named, not classified.
    expect(rows.find((row) => row[0] === '`rmse`')![5]).toBe('incident opened');
  });

  it('says when a model was retired while red: it leaves every attention list', async () => {
    git(review.dir, ['checkout', '-q', 'review']);
    editFile(join(review.registry, 'models/stale/README.md'), (s) => s.replace('lifecycle: "production"', 'lifecycle: "retired"'));
    try {
      const d = JSON.parse((await spog('diff', 'main', '--registry', review.registry, '--format', 'json')).stdout) as RegistryDiff;
      expect(d.models.find((x) => x.id === 'stale')!.review).toMatchObject({ class: 'hides', retired_while_alarm: true });
      const md = (await spog('diff', 'main', '--registry', review.registry)).stdout;
      expect(md).toContain('⛔ **Retired while red**: the model leaves the overview\'s "needs attention" and every alert.');
    } finally {
      git(review.dir, ['checkout', '-q', '--', '.']);
    }
  });
});

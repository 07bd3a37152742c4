/**
 * Evidence must be current to count, and named to be found: what a user of a registry of their
 * own notices when a metric stops arriving, is misspelt, or a category appears that training
 * never saw. Each registry is written here, beside what it must give.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluateModel, healthByDay } from '../../src/core/model.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spog-evidence-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A registry from a map of file path -> content; returns its root. */
function registry(files: Record<string, string>): string {
  const root = join(tmp, `r${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const card = (primary: string, extra = '') => `---
name: Demand forecast
owners: [ana@example.org]
team: ml
task: regression
lifecycle: production
primary_metric: {name: ${primary}, direction: lower_is_better}
deployments: [{version: v1, role: champion}]
${extra}---
`;
const base = (primary: string, extra = '') => ({
  'spog.yaml': 'title: t\nas_of: "2026-10-31"\nteams: [{id: ml, name: ML}]\n',
  'models/demand/README.md': card(primary, extra),
  'models/demand/versions/v1.yaml': 'version: v1\ntrained_at: "2026-06-01"\nmetrics: {mae: 12}\n',
});
/** Daily lines from `from` to `to` (October 2026), value by day. */
const lines = (metric: string, from: number, to: number, value: (d: number) => number, extra = '') =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const d = from + i;
    return `{"ts":"2026-10-${String(d).padStart(2, '0')}T06:00:00Z","version":"v1","metric":"${metric}","value":${value(d)}${extra}}`;
  }).join('\n') + '\n';

function model(root: string) {
  const reg = loadRegistry(root);
  const m = reg.models[0];
  return { reg, m, snap: evaluateModel(m, reg.config, resolveAsOf({ registry: reg.config.as_of })) };
}

describe('evidence must be current to count', () => {
  it('is never green on a primary metric that stopped arriving while latency kept coming', () => {
    // MAE 12 (on target) from September until 10-20, then no MAE; latency every day to the end.
    const root = registry({
      ...base('mae', 'software: {latency_p95_ms: 200}\n'),
      'models/demand/metrics/2026-09.ndjson': lines('mae', 1, 30, () => 12).replaceAll('2026-10-', '2026-09-'),
      'models/demand/metrics/2026-10.ndjson': lines('mae', 1, 20, () => 12) + lines('latency_p95_ms', 1, 31, () => 80),
    });
    const { snap } = model(root);
    expect(snap.health).toBe('red');
    expect(snap.checks.find((c) => c.check === 'staleness')).toMatchObject({ status: 'red', reason: 'no mae value for 11 days (last 2026-10-20)' });
    expect(snap.checks.find((c) => c.check === 'primary_metric')).toMatchObject({ status: 'unknown' });
    expect(snap.checks.find((c) => c.check === 'primary_metric')!.reason).toBe('mae: not judged, no value for 11 days (the last 10, to 2026-10-20, averaged 12: equal to expected 12)');
    // Its changes are not judged either: nothing stale is green.
    expect(snap.checks.find((c) => c.check === 'performance_drift')).toMatchObject({ status: 'unknown', reason: 'mae: changes not judged, no value for 11 days' });
    expect(snap.checks.find((c) => c.check === 'software')).toMatchObject({ status: 'green' });
  });

  it('names a primary metric that no line uses, with the name the lines do use', () => {
    const root = registry({ ...base('roc_auc'), 'models/demand/metrics/2026-10.ndjson': lines('auc', 1, 31, () => 0.8) });
    const { reg, snap } = model(root);
    expect(snap.health).not.toBe('green');
    expect(snap.reasons[0]).toBe('roc_auc: no production lines named "roc_auc" for v1 (did you mean "auc"?)');
    const warning = reg.diagnostics.find((d) => d.field === 'primary_metric.name')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe('the primary metric "roc_auc" has no production lines for v1; did you mean "auc", which v1\'s lines use? (the check cannot judge it)');
  });

  it('tells the pipeline, not the card, to fix lines logged under a misspelt name (acu for auc) when the evaluation agrees with the card', () => {
    const root = registry({
      ...base('auc'),
      'models/demand/versions/v1.yaml': 'version: v1\ntrained_at: "2026-06-01"\nmetrics: {auc: 0.8}\n',
      'models/demand/metrics/2026-10.ndjson': lines('acu', 1, 31, () => 0.8),
    });
    const { reg, snap } = model(root);
    const warning = reg.diagnostics.find((d) => d.field === 'metric')!;
    expect(warning).toMatchObject({ severity: 'warning', file: 'models/demand/metrics' });
    expect(warning.message).toBe('v1\'s production lines are named "acu" where the card\'s primary metric and v1\'s evaluation say "auc"; did the pipeline mean "auc"? (the check cannot judge it)');
    expect(reg.diagnostics.map((d) => d.message).join('\n')).not.toContain('did you mean "acu"');
    expect(snap.reasons[0]).toBe('auc: no production lines named "auc" for v1: its lines say "acu" (did the pipeline mean "auc"?)');
  });

  it('tells the card to use the lines\' name when nothing else backs the card\'s', () => {
    const root = registry({ ...base('auc'), 'models/demand/metrics/2026-10.ndjson': lines('acu', 1, 31, () => 0.8) });
    const { reg } = model(root);
    expect(reg.diagnostics.map((d) => d.message)).toContain('the primary metric "auc" has no production lines for v1; did you mean "acu", which v1\'s lines use? (the check cannot judge it)');
  });

  it('says nothing when every metric the card relies on has lines, whatever else is logged', () => {
    const root = registry({ ...base('mae'), 'models/demand/metrics/2026-10.ndjson': lines('mae', 1, 31, () => 12) + lines('mse', 1, 31, () => 150) });
    expect(model(root).reg.diagnostics).toEqual([]);
  });
});

describe('a check that cannot run yet', () => {
  it('names it as not judged (performance drift on a new model) without changing the colour', () => {
    // 20 days of MAE on target: green by the primary metric; too few days for the change test.
    const young = model(registry({ ...base('mae'), 'models/demand/metrics/2026-10.ndjson': lines('mae', 12, 31, () => 12) })).snap;
    expect(young.health).toBe('green');
    expect(young.checks.map((c) => c.check)).not.toContain('performance_drift');
    expect(young.not_judged).toEqual([{ check: 'performance_drift', reason: 'performance drift not judged yet: it compares the last 7, 14, 28 days of mae with the 56 days before, and needs 28 values in those 56 days (20 values so far)' }]);
    // Two months of it: the change test runs, and the note is gone.
    const grown = model(registry({
      ...base('mae'),
      'models/demand/metrics/2026-09.ndjson': lines('mae', 1, 30, () => 12).replaceAll('2026-10-', '2026-09-'),
      'models/demand/metrics/2026-10.ndjson': lines('mae', 1, 31, () => 12),
    })).snap;
    expect(grown.checks.find((c) => c.check === 'performance_drift')).toMatchObject({ status: 'green' });
    expect(grown.not_judged).toEqual([]);
  });
});

describe('a category never seen in training', () => {
  const reference = JSON.stringify({ version: 'v1', features: { channel: { type: 'categorical', counts: { pos: 6000, online: 3000, atm: 1000 } } } });
  const window = (d: number, counts: Record<string, number>) => JSON.stringify({ ts: `2026-10-${String(d).padStart(2, '0')}T06:00:00Z`, version: 'v1', feature: 'channel', type: 'categorical', counts });

  it('is flagged as drift and named with its share', () => {
    const root = registry({
      ...base('mae'),
      'models/demand/metrics/2026-10.ndjson': lines('mae', 1, 31, () => 12),
      'models/demand/features/reference.json': reference,
      'models/demand/features/2026-10.ndjson': [window(30, { pos: 1200, online: 600, atm: 200 }), window(31, { pos: 1140, online: 570, atm: 190, wallet: 100 })].join('\n') + '\n',
    });
    const { snap } = model(root);
    const drift = snap.checks.find((c) => c.check === 'data_drift')!;
    // One input that moved is amber: dataset drift (red) takes two.
    expect(drift.status).toBe('amber');
    expect(drift.reason).toBe("1 of 1 input features drifted (channel); new categories in channel: 'wallet' (5.0% of rows)");
    expect(snap.data_drift!.features[0].new_categories).toEqual([{ label: 'wallet', share: 0.05 }]);
    expect(snap.data_drift!.features[0].reason).toContain("a category never seen in the reference: 'wallet' (5.0% of rows)");
  });

  it('is named but not an alarm while it is a handful of rows', () => {
    const root = registry({
      ...base('mae'),
      'models/demand/metrics/2026-10.ndjson': lines('mae', 1, 31, () => 12),
      'models/demand/features/reference.json': reference,
      'models/demand/features/2026-10.ndjson': window(31, { pos: 1199, online: 600, atm: 200, wallet: 1 }) + '\n',
    });
    const drift = model(root).snap.checks.find((c) => c.check === 'data_drift')!;
    expect(drift.status).toBe('green');
    expect(drift.reason).toContain("new categories in channel: 'wallet' (0.050% of rows), too few to matter yet");
  });
});

describe('the same day is judged the same whenever one evaluates', () => {
  it('gives, for each demo model, the health status --as-of gives on each of the last 60 days', () => {
    const reg = loadRegistry('registry');
    for (const m of reg.models) {
      const days = healthByDay(m, reg.config, resolveAsOf({ flag: '2026-10-31' }), 60);
      expect(days.length).toBeGreaterThan(0);
      for (const k of [0, 17, 41, days.length - 1].filter((i) => i < days.length)) {
        expect(evaluateModel(m, reg.config, resolveAsOf({ flag: days[k].date })).health, `${m.id} on ${days[k].date}`).toBe(days[k].health);
      }
    }
  });
});

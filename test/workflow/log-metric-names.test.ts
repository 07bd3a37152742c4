/**
 * `spog log` refuses a metric name the model does not have yet (a typo would start a series no
 * check reads), with "did you mean"; --new-metric starts a new one.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelMetricNames } from '../../src/registry/load.ts';
import { fsSource } from '../../src/registry/source.ts';
import { FIXTURES, spog } from './helpers.ts';

let dir: string;
let reg: string;
const october = () => readFileSync(join(reg, 'models/churn/metrics/2026-10.ndjson'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spog-logname-'));
  reg = join(dir, 'registry');
  // The minimal fixture: churn's card names auc as its primary metric, its lines log auc only.
  cpSync(join(FIXTURES, 'minimal'), reg, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const log = (...extra: string[]) => spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--value', '0.8', '--ts', '2026-10-31', ...extra);

describe('spog log and metric names', () => {
  it('refuses "acu" for a model that has "auc", suggests it, and writes nothing', async () => {
    const before = october();
    const r = await log('--metric', 'acu');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'spog: --metric: model "churn" has no metric "acu" yet (did you mean "auc"?); it has "auc" (in its card, versions and metric lines); pass --new-metric to start a new one\n' +
      'spog: nothing written (1 problem)\n',
    );
    expect(october()).toBe(before);
  });

  it('accepts a new metric with --new-metric', async () => {
    const r = await log('--metric', 'acu', '--new-metric');
    expect(r).toMatchObject({ code: 0, stdout: 'models/churn/metrics/2026-10.ndjson: 1 record appended\n' });
    expect(october()).toContain('"metric":"acu"');
  });

  it('accepts a metric the model has only in a version evaluation, the card\'s limits, or an older month of lines', async () => {
    writeFileSync(join(reg, 'models/churn/versions/v1.yaml'), 'version: v1\ntrained_at: "2026-06-01"\nmetrics: {auc: 0.80, brier: 0.19}\n');
    const card = join(reg, 'models/churn/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('deployments:', 'software: {latency_p95_ms: 120}\ndeployments:'));
    writeFileSync(join(reg, 'models/churn/metrics/2026-08.ndjson'), '{"ts":"2026-08-03","version":"v1","metric":"recall@10","value":0.4}\n');
    for (const metric of ['brier', 'latency_p95_ms', 'recall@10']) expect((await log('--metric', metric)).code, metric).toBe(0);
  });

  it('refuses an unknown name on a line of --file, naming the line, and keeps the other lines unwritten', async () => {
    const file = join(dir, 'records.ndjson');
    writeFileSync(file, '{"ts":"2026-10-31","version":"v2","metric":"auc","value":0.8}\n{"ts":"2026-10-31","version":"v2","metric":"AUC","value":0.8}\n');
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--file', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`spog: ${file}:2  metric: model "churn" has no metric "AUC" yet (did you mean "auc"?)`);
  });

  it('finds a known name in the newest month without reading the card (the metric logged every day)', () => {
    writeFileSync(join(reg, 'models/churn/README.md'), '---\nname: [broken\n---\n');
    expect(modelMetricNames(fsSource(reg), 'churn', 'auc')).toEqual({ found: true, names: ['auc'] });
    expect(modelMetricNames(fsSource(reg), 'churn', 'acu')).toEqual({ found: false, names: ['auc'] });
  });
});

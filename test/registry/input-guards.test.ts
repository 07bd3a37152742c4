import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordFile } from '../../src/cli/log-input.ts';
import { expectedValue } from '../../src/core/baseline.ts';
import type { LoadedVersion } from '../../src/core/input.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { FastMetricCheck } from '../../src/registry/fast-metric.ts';
import { jsonProblemAt } from '../../src/registry/json-error.ts';
import { loadRegistry } from '../../src/registry/load.ts';
import { findForbiddenKeys, parseNdjson, treeShape } from '../../src/registry/parse.ts';
import { MetricLineScanner } from '../../src/registry/scan.ts';
import { CardSchema } from '../../src/schema/card.ts';
import { MAX_DEPTH } from '../../src/schema/line-rules.ts';
import { MetricLineSchema } from '../../src/schema/metric.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function copyOfMinimal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-guards-'));
  temps.push(dir);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  return dir;
}
const printed = (dir: string) => loadRegistry(dir).diagnostics.map(formatDiagnostic);

/** `{"a":{"a":...{}...}}`, `levels` objects deep. */
const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

describe('a document nested thousands of levels deep', () => {
  it('is refused in reference.json, naming file, line, its depth and the limit, instead of overflowing the stack', () => {
    const dir = copyOfMinimal();
    mkdirSync(join(dir, 'models/churn/features'));
    writeFileSync(join(dir, 'models/churn/features/reference.json'), `{"version":"v2",\n"features":${deep(5000)}}\n`);
    expect(printed(dir)).toContainEqual(expect.stringMatching(/^models\/churn\/features\/reference\.json:2:\d+ {2}nested 5001 levels deep, over the limit of 64 levels/));
  });

  it('is refused in a metric line, and the other lines load', () => {
    const dir = copyOfMinimal();
    appendFileSync(join(dir, 'models/churn/metrics/2026-10.ndjson'), `{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.8,"slice":${deep(5000)}}\n`);
    const reg = loadRegistry(dir);
    expect(reg.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/^models\/churn\/metrics\/2026-10\.ndjson:33:\d+ {2}nested 5001 levels deep/));
    expect(reg.models[0].points).toBe(31);
  });

  it('is refused when the line is not even JSON (the syntax scanner stops at the limit)', () => {
    const line = '['.repeat(100_000);
    expect(jsonProblemAt(line, MAX_DEPTH)).toMatchObject({ kind: 'depth', offset: MAX_DEPTH });
    const ds = parseNdjson(line, 'm.ndjson', MetricLineSchema, () => {});
    expect(ds.map(formatDiagnostic)).toEqual([expect.stringMatching(/^m\.ndjson:1:65 {2}nested more than 64 levels deep/)]);
  });

  it('is refused in a spog log --file record', () => {
    const r = readRecordFile('r.ndjson', 'churn', () => `{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.8,"slice":${deep(5000)}}\n`);
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([expect.stringMatching(/^r\.ndjson:1:\d+ {2}nested 5001 levels deep, over the limit of 64/)]);
  });

  it('is walked without recursion', () => {
    const value = JSON.parse(deep(100_000));
    expect(treeShape(value)).toEqual({ keys: 99_999, depth: 100_000 });
    expect(findForbiddenKeys(value)).toEqual([]);
  });
});

describe('a key given twice in one JSON object', () => {
  it('is an error in a metric line: JSON.parse would keep the last value', () => {
    const ds = parseNdjson('{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.9,"value":0.1}', 'm.ndjson', MetricLineSchema, () => {}, { fast: (v) => new FastMetricCheck().check(v) });
    expect(ds.map(formatDiagnostic)).toEqual([expect.stringMatching(/^m\.ndjson:1:62 {2}key "value" is given twice in one object/)]);
  });

  it('is an error also when the two are spelled differently ("a" and "\\u0061") and in a slice', () => {
    expect(jsonProblemAt('{"slice":{"a":"x","\\u0061":"y"}}', MAX_DEPTH)).toMatchObject({ kind: 'duplicate', key: 'a', offset: 18 });
    const ds = parseNdjson('{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.9,"slice":{"a":"x","a":"y"}}', 'm.ndjson', MetricLineSchema, () => {});
    expect(ds.map(formatDiagnostic)).toEqual([expect.stringMatching(/key "a" is given twice/)]);
  });

  it('is not seen where a string value only looks like a key', () => {
    const lines: unknown[] = [];
    const ds = parseNdjson('{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.9,"run":"a\\":b\\" :c"}', 'm.ndjson', MetricLineSchema, (r) => lines.push(r.value));
    expect(ds).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('in spog log --file: two "model" keys are refused, not written to the second model', () => {
    const r = readRecordFile('r.ndjson', undefined, () => '{"model":"churn","model":"other","ts":"2026-10-01","version":"v2","metric":"auc","value":0.8}\n');
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([expect.stringMatching(/^r\.ndjson:1:18 {2}key "model" is given twice in one object/)]);
  });
});

describe('names that every JavaScript object has', () => {
  const card = (name: string) => ({
    name: 'x', owners: ['a@example.org'], team: 'growth', task: 'binary_classification', lifecycle: 'production',
    primary_metric: { name, direction: 'higher_is_better' },
  });

  it('are refused as the primary metric, saying why', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'prototype']) {
      const r = CardSchema.safeParse(card(name));
      expect(r.success, name).toBe(false);
      expect(r.error?.issues[0].message).toContain(`"${name}" is a name every JavaScript object has`);
    }
    expect(CardSchema.safeParse(card('auc')).success).toBe(true);
  });

  it('are refused as a metric name by the schema, the fast check and the byte scanner alike', () => {
    const scanner = new MetricLineScanner(new FastMetricCheck());
    for (const name of ['constructor', 'toString', 'valueOf', 'auc']) {
      const line = `{"ts":"2026-10-01","version":"v2","metric":"${name}","value":0.8}`;
      const ok = name === 'auc';
      expect(MetricLineSchema.safeParse(JSON.parse(line)).success, name).toBe(ok);
      expect(new FastMetricCheck().check(JSON.parse(line)) !== undefined, name).toBe(ok);
      // Twice: the second read comes from the scanner's cache of names.
      for (let k = 0; k < 2; k++) expect(scanner.scan(Buffer.from(line), 0, line.length) !== undefined, name).toBe(ok);
    }
  });

  it('cannot fool the engine: a champion without that metric has no expected value, not Object', () => {
    const champion = { version: 'v2', trained_at: '2026-08-30', metrics: { auc: 0.84 }, params: {}, slices: {}, file: 'v2.yaml' } as unknown as LoadedVersion;
    const c = { ...card('constructor'), expected: { source: 'champion_evaluation' } } as never;
    expect(expectedValue(c, champion, undefined).value).toBeNull();
  });
});

describe('a registry file name given to something that is not a file', () => {
  it('is an error saying what it is and what was expected, not a warning about its name', () => {
    const dir = copyOfMinimal();
    const month = join(dir, 'models/churn/metrics/2026-10.ndjson');
    renameSync(month, join(dir, 'elsewhere.ndjson'));
    execFileSync('mkfifo', [month]);
    mkdirSync(join(dir, 'models/churn/features/reference.json'), { recursive: true });
    mkdirSync(join(dir, 'models/churn/versions/v3.yaml'));
    const reg = loadRegistry(dir);
    expect(reg.diagnostics.map(formatDiagnostic)).toEqual([
      'models/churn/features/reference.json  "reference.json" is a folder, not a file: its data cannot be read (expected the training reference as a regular file)',
      'models/churn/metrics/2026-10.ndjson  "2026-10.ndjson" is a FIFO, not a file: its data cannot be read (expected a month\'s metric lines as a regular file)',
      'models/churn/versions/v3.yaml  "v3.yaml" is a folder, not a file: its data cannot be read (expected a version as a regular file)',
    ]);
    expect(reg.counts.errors).toBe(3);
  });
});

describe('a model folder whose name is not a model id', () => {
  const names = ['%2e%2e', 'back\\slash', 'x y#z?q=1', 'new\nline', 'Upper'];
  const withOddFolders = () => {
    const dir = copyOfMinimal();
    for (const n of names) cpSync(join(dir, 'models/churn'), join(dir, 'models', n), { recursive: true });
    return dir;
  };

  it('is a registry error naming the folder, and is not read as a model', () => {
    const reg = loadRegistry(withOddFolders());
    expect(reg.models.map((m) => m.id)).toEqual(['churn']);
    const printed = reg.diagnostics.map(formatDiagnostic);
    for (const n of names) expect(printed).toContainEqual(expect.stringContaining(`model folder ${JSON.stringify(n)} is not a model id: it is not read and gets no page`));
    expect(printed).toContainEqual(expect.stringMatching(/^models\/new\\nline {2}model folder/));
    expect(reg.counts.errors).toBe(names.length);
  });

  it('spog build builds the other models and gives it no page', () => {
    const dir = withOddFolders();
    const out = join(dir, '..', `${dir.split('/').pop()}-site`);
    temps.push(out);
    const r = spawnSync(process.execPath, ['scripts/spog.ts', 'build', '--registry', dir, '--out', out, '--no-cache'], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Missing parameter|NoMatchingStaticPath|\bat \S+\.ts:\d+/i);
    // Said, not silent: the problem is no model's health, so the build warns about it.
    expect(r.stderr).toMatch(/warning: 5 registry error\(s\) outside any model, not in any model's health \(first: models\/%2e%2e {2}model folder "%2e%2e" is not a model id/);
    expect(r.status).toBe(0);
    expect(readdirSync(join(out, 'models'))).toEqual(['churn']);
    expect(existsSync(join(out, 'models/churn/index.html'))).toBe(true);
  }, 120_000);

  it('spog status says so, and --fail-on unknown fails on it', () => {
    const dir = withOddFolders();
    const ok = spawnSync(process.execPath, ['scripts/spog.ts', 'status', '--registry', dir], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('churn');
    expect(ok.stderr).toContain('spog: warning: 5 registry error(s) outside any model, not in any model\'s health (first: models/%2e%2e  model folder "%2e%2e" is not a model id');
    const gate = spawnSync(process.execPath, ['scripts/spog.ts', 'status', '--registry', dir, '--fail-on', 'unknown'], { encoding: 'utf8' });
    expect(gate.status).toBe(1);
  }, 60_000);
});

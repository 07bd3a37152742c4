import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/load.ts';
import { FIXTURES, spog } from './helpers.ts';

let dir: string;
let reg: string;
const month = (m: string, kind = 'metrics') => join(reg, 'models', 'churn', kind, `${m}.ndjson`);
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spog-log-'));
  reg = join(dir, 'registry');
  cpSync(join(FIXTURES, 'minimal'), reg, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('spog log', () => {
  it('appends one canonical line to the month file of its timestamp', async () => {
    const before = lines(month('2026-10')).length;
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.83', '--n', '1200', '--slice', 'region=eu', '--slice', 'channel=web', '--ts', '2026-10-31T08:00:00Z', '--run', 'nightly-31');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('models/churn/metrics/2026-10.ndjson: 1 record appended\n');
    const all = lines(month('2026-10'));
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)).toBe('{"ts":"2026-10-31T08:00:00Z","version":"v2","metric":"auc","value":0.83,"n":1200,"slice":{"channel":"web","region":"eu"},"run":"nightly-31"}');
  });

  it('creates a new month file for a new month, and the registry still validates', async () => {
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.82', '--ts', '2026-11-01');
    expect(r.code).toBe(0);
    expect(lines(month('2026-11'))).toEqual(['{"ts":"2026-11-01","version":"v2","metric":"auc","value":0.82}']);
    expect(loadRegistry(reg).counts.errors).toBe(0);
  });

  it('keeps a record logged twice once, and says so', async () => {
    const args = ['log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.83', '--ts', '2026-10-31', '--run', 'r-a'];
    await spog(...args);
    const n = lines(month('2026-10')).length;
    const again = await spog(...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 records appended, 1 already present (kept once)');
    expect(lines(month('2026-10'))).toHaveLength(n);
  });

  it('recognises a record already written in another form (spaces, date-time) as a duplicate', async () => {
    // The fixture has {"ts": "2026-10-01T00:00:00Z", "version": "v2", "metric": "auc", "value": 0.839, "n": 1000, "run": "r1"}.
    const n = lines(month('2026-10')).length;
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.839', '--n', '1000', '--ts', '2026-10-01T00:00:00.000Z', '--run', 'r1');
    expect(r.stdout).toContain('1 already present');
    expect(lines(month('2026-10'))).toHaveLength(n);
  });

  it('refuses a record that contradicts an existing one (same identity, other value) and writes nothing', async () => {
    const n = lines(month('2026-10')).length;
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.5', '--n', '1000', '--ts', '2026-10-01T00:00:00Z', '--run', 'r1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('models/churn/metrics/2026-10.ndjson:1 already holds this record');
    expect(r.stderr).toContain('nothing written');
    expect(lines(month('2026-10'))).toHaveLength(n);
  });

  it('lists every problem of invalid input, writes nothing and exits 1', async () => {
    const before = readFileSync(month('2026-10'), 'utf8');
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', 'high', '--ts', '2026-02-30', '--slice', 'Region=eu');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'spog: --value: "high" is not a finite number (e.g. --value 0.81)',
      'spog: --ts: is not a real calendar date or time, e.g. "2026-10-31" or "2026-10-31T12:00:00Z"',
      'spog: --slice: key "Region" is not a lowercase slug (expected a-z, 0-9, "_" and "-", e.g. --slice region=eu)',
      'spog: nothing written (3 problems)',
    ]);
    expect(readFileSync(month('2026-10'), 'utf8')).toBe(before);
  });

  it('refuses an unknown model or version, naming the file that is missing', async () => {
    const r1 = await spog('log', '--registry', reg, '--model', 'nope', '--version', 'v2', '--metric', 'auc', '--value', '1', '--ts', '2026-10-31');
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('--model: no model "nope"');
    const r2 = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v9', '--metric', 'auc', '--value', '1', '--ts', '2026-10-31');
    expect(r2.stderr).toContain('--version: model "churn" has no version "v9"');
    const r3 = await spog('log', '--registry', reg, '--model', '../../etc', '--version', 'v2', '--metric', 'auc', '--value', '1');
    expect(r3.stderr).toContain('is not a model id');
  });

  it('refuses timestamps more than a day in the future', async () => {
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '1', '--ts', '2999-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--ts: 2999-01-01 is in the future');
  });

  it('is a usage error (exit 2) to leave out a required flag', async () => {
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing --metric, --value (or give --file records.ndjson)');
  });

  it('logs a file of records across months, all or nothing', async () => {
    const f = join(dir, 'records.ndjson');
    writeFileSync(f, [
      '{"model":"churn","ts":"2026-09-30T23:00:00Z","version":"v1","metric":"auc","value":0.8}',
      '',
      '{"ts":"2026-11-01","version":"v2","metric":"auc","value":0.84,"run":"b"}',
    ].join('\n'));
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--file', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('models/churn/metrics/2026-09.ndjson: 1 record appended\nmodels/churn/metrics/2026-11.ndjson: 1 record appended\n2 records written, 0 duplicates skipped\n');

    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"model":"churn","ts":"2026-12-01","version":"v2","metric":"auc","value":0.8}\n{"model":"churn","ts":"2026-12-02","version":"v2","metric":"auc","value":"0.8","colour":"red"}\nnot json\n');
    const r2 = await spog('log', '--registry', reg, '--file', bad);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${bad}:3  not JSON`);
    expect(r2.stderr).toContain(`${bad}:2  colour: unknown key "colour"`);
    expect(r2.stderr).toContain(`${bad}:2  value:`);
    expect(existsSync(month('2026-12'))).toBe(false);
  });

  it('cuts off an incomplete last line left by an interrupted writer before appending', async () => {
    appendFileSync(month('2026-10'), '{"ts":"2026-10-31","version":"v2","met');
    const r = await spog('log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.8', '--ts', '2026-10-31', '--run', 'after-crash');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cut off 38 bytes of an interrupted earlier write');
    const text = readFileSync(month('2026-10'), 'utf8');
    expect(text.endsWith('"run":"after-crash"}\n')).toBe(true);
    expect(text).not.toContain('"met\n');
    expect(loadRegistry(reg).counts.errors).toBe(0);
  });
});

describe('spog log-features', () => {
  it('appends a histogram window and refuses two distributions at once', async () => {
    const r = await spog('log-features', '--registry', reg, '--model', 'churn', '--version', 'v2', '--feature', 'tenure', '--type', 'numeric', '--histogram', '{"edges":[0,12,24],"counts":[5,7]}', '--ts', '2026-10-31');
    expect(r.code).toBe(0);
    expect(lines(month('2026-10', 'features'))).toEqual(['{"ts":"2026-10-31","version":"v2","feature":"tenure","role":"input","type":"numeric","histogram":{"edges":[0,12,24],"counts":[5,7]}}']);
    const again = await spog('log-features', '--registry', reg, '--model', 'churn', '--version', 'v2', '--feature', 'tenure', '--type', 'numeric', '--histogram', '{"edges":[0,12,24],"counts":[5,7]}', '--ts', '2026-10-31');
    expect(again.stdout).toContain('1 already present');
    const two = await spog('log-features', '--registry', reg, '--model', 'churn', '--version', 'v2', '--feature', 'tenure', '--type', 'numeric', '--sample', '[1]', '--counts', '{"a":1}');
    expect(two.code).toBe(2);
  });

  it('reads a sample from @file and validates it against the schema', async () => {
    const f = join(dir, 'scores.json');
    writeFileSync(f, '[0.1, 0.2, 0.35]');
    const ok = await spog('log-features', '--registry', reg, '--model', 'churn', '--version', 'v2', '--feature', 'score', '--role', 'prediction', '--type', 'numeric', '--sample', `@${f}`, '--ts', '2026-10-30');
    expect(ok.code).toBe(0);
    const bad = await spog('log-features', '--registry', reg, '--model', 'churn', '--version', 'v2', '--feature', 'tenure', '--type', 'numeric', '--histogram', '{"edges":[0,1],"counts":[1,2]}', '--ts', '2026-10-30');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('edges must have one more entry than counts');
    expect(loadRegistry(reg).counts.errors).toBe(0);
  });

  it('appends a batch window of many features in one canonical line, keeps it once, and refuses a histogram without edges the reference cannot give', async () => {
    const f = join(dir, 'windows.ndjson');
    const batch = { model: 'churn', ts: '2026-10-31', version: 'v2', features: { tenure: { type: 'numeric', histogram: { edges: [0, 12, 24], counts: [5, 7] } }, plan: { counts: { pro: 3, basic: 9 }, type: 'categorical' } }, prediction: { type: 'numeric', sample: [0.2, 0.5] }, run: 'nightly-31' };
    writeFileSync(f, `${JSON.stringify(batch)}\n`);
    const r = await spog('log-features', '--registry', reg, '--file', f);
    expect(r).toMatchObject({ code: 0, stdout: 'models/churn/features/2026-10.ndjson: 1 window appended\n' });
    expect(lines(month('2026-10', 'features'))).toEqual([
      '{"ts":"2026-10-31","version":"v2","features":{"tenure":{"type":"numeric","histogram":{"edges":[0,12,24],"counts":[5,7]}},"plan":{"type":"categorical","counts":{"pro":3,"basic":9}}},"prediction":{"type":"numeric","sample":[0.2,0.5]},"run":"nightly-31"}',
    ]);
    expect((await spog('log-features', '--registry', reg, '--file', f)).stdout).toContain('1 already present');
    writeFileSync(f, `${JSON.stringify({ ...batch, run: 'nightly-32', features: { tenure: { type: 'numeric', histogram: { counts: [5, 7] } } } })}\n`);
    const edgeless = await spog('log-features', '--registry', reg, '--file', f);
    expect(edgeless.code).toBe(1);
    expect(edgeless.stderr).toContain('features.tenure.histogram.edges: a histogram of "tenure" without edges needs a histogram of 2 bins');
    expect(loadRegistry(reg).counts.errors).toBe(0);
  });
});

describe('concurrent writers', () => {
  it('8 processes x 500 appends keep all 4,000 records, with no partial line', async () => {
    const worker = join(import.meta.dirname, 'append-worker.ts');
    const pointsBefore = loadRegistry(reg).models[0].points;
    const started = Date.now();
    const runs = Array.from({ length: 8 }, (_, w) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [worker, reg, String(w), '500'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code, stderr }));
      }),
    );
    const results = await Promise.all(runs);
    const seconds = (Date.now() - started) / 1000;
    expect(results.map((r) => r.code), results.map((r) => r.stderr).join('')).toEqual(Array(8).fill(0));
    const text = readFileSync(month('2026-10'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const mine = text.split('\n').filter((l) => l.includes('"run":"w'));
    expect(mine).toHaveLength(4000);
    expect(new Set(mine).size).toBe(4000);
    for (const l of mine) expect(() => JSON.parse(l)).not.toThrow();
    for (let w = 0; w < 8; w++) expect(mine.filter((l) => l.includes(`"run":"w${w}-`))).toHaveLength(500);
    expect(existsSync(`${month('2026-10')}.lock`)).toBe(false);
    const loaded = loadRegistry(reg);
    expect(loaded.counts.errors).toBe(0);
    expect(loaded.models[0].points).toBe(pointsBefore + 4000);
    process.stderr.write(`concurrent appends: 8 x 500 in ${seconds.toFixed(1)} s\n`);
  }, 120_000);
});

import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeRegistry, startCompute, validateRegistry } from '../../src/compute/snapshot.ts';
import { buildSnapshot, fleetModel } from '../../src/core/snapshot.ts';
import { startSite } from '../../src/site/snapshot.ts';
import { allChartViews } from '../../src/view/charts.ts';
import { loadAt, planRegistry } from '../../src/registry/load.ts';
import { fsSource } from '../../src/registry/source.ts';

const hostile = readdirSync('test/fixtures/hostile', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `test/fixtures/hostile/${e.name}`);

describe('the snapshot computed in the worker pool (what every command uses)', () => {
  for (const dir of ['registry', 'test/fixtures/states', 'test/fixtures/minimal', ...hostile]) {
    it(`equals the one computed on one thread, diagnostics and counts included: ${dir}`, async () => {
      const { reg, asOf } = loadAt(dir);
      const expected = buildSnapshot(reg, asOf);
      const [two, none] = await Promise.all([computeRegistry(dir, { threads: 2 }), computeRegistry(dir, { threads: 0 })]);
      for (const got of [two, none]) {
        expect(got.snapshot).toEqual(expected);
        expect(got.diagnostics).toEqual(reg.diagnostics);
        expect(got.counts).toEqual(reg.counts);
        expect(got.asOf).toEqual(asOf);
      }
    });
  }

  it('takes --as-of over the registry pin, and refuses a malformed one before any work starts', async () => {
    const started = startCompute(planRegistry(fsSource('test/fixtures/states'), { asOfFlag: '2026-10-15' }), { threads: 2 });
    expect(started.asOf).toMatchObject({ date: '2026-10-15', source: 'flag' });
    expect(started.models).toBeGreaterThan(3);
    expect((await started.done).snapshot.as_of).toEqual({ date: '2026-10-15', source: 'flag' });
    expect(() => planRegistry(fsSource('test/fixtures/states'), { asOfFlag: '31/10/2026' })).toThrow(/--as-of/);
  });

  it('reports a missing registry as a diagnostic, not a crash', async () => {
    const got = await computeRegistry('test/fixtures/no-such-registry', { threads: 2 });
    expect(got.snapshot.models).toEqual([]);
    expect(got.diagnostics[0].message).toMatch(/does not exist/);
    expect(got.counts.errors).toBeGreaterThan(0);
  });
});

const fresh = async (dir: string) => (await computeRegistry(dir, { threads: 0 })).snapshot;
const copy = (from: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'spog-cache-reg-'));
  cpSync(from, dir, { recursive: true });
  return dir;
};

describe('the cache of evaluated models (spog build)', () => {

  for (const dir of ['registry', 'test/fixtures/states', ...hostile.slice(0, 6)]) {
    it(`gives back exactly what it stored: ${dir}`, async () => {
      const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
      const first = await computeRegistry(dir, { threads: 2, cache });
      const second = await computeRegistry(dir, { threads: 2, cache });
      expect(first.cached).toBe(0);
      expect(second.cached).toBe(first.snapshot.models.length);
      expect(second.snapshot).toEqual(await fresh(dir));
      expect(second.diagnostics).toEqual(first.diagnostics);
      expect(second.counts).toEqual(first.counts);
    });
  }

  it('after a day of metrics is appended to one model, evaluates that model alone, and sees the new day', async () => {
    const dir = copy('test/fixtures/states');
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    const before = await computeRegistry(dir, { threads: 0, cache });
    appendFileSync(join(dir, 'models/green/metrics/2026-10.ndjson'), '{"ts":"2026-10-31T07:00:00Z","version":"v1","metric":"auc","value":0.5}\n');
    const after = await computeRegistry(dir, { threads: 0, cache });
    expect(after.cached).toBe(before.snapshot.models.length - 1);
    expect(after.counts.metricPoints).toBe(before.counts.metricPoints + 1);
    expect(after.snapshot).toEqual(await fresh(dir));
    const green = after.snapshot.models.find((m) => m.id === 'green')!;
    expect(green.primary.latest).toBe(0.5);
  });

  it('hits for a copy with new modification times (a fresh clone with the cache restored), and misses for changed content of the same size', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    const a = copy('test/fixtures/states');
    await computeRegistry(a, { threads: 0, cache });
    const b = copy('test/fixtures/states');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(b, 'models/green/README.md'), later, later);
    expect((await computeRegistry(b, { threads: 0, cache })).cached).toBe(10);
    // Same size, different bytes: 0.8 -> 0.1 in a version's evaluation.
    const file = join(b, 'models/green/versions/v1.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"auc": 0.8}');
    writeFileSync(file, text.replace('"auc": 0.8}', '"auc": 0.1}'));
    expect(readFileSync(file, 'utf8')).not.toBe(text);
    expect(readFileSync(file).length).toBe(Buffer.byteLength(text));
    const got = await computeRegistry(b, { threads: 0, cache });
    expect(got.cached).toBe(9);
    expect(got.snapshot).toEqual(await fresh(b));
  });

  it('evaluates everything again when spog.yaml or the evaluation date changes, and when a file is added to a model', async () => {
    const dir = copy('test/fixtures/states');
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    await computeRegistry(dir, { threads: 0, cache });
    expect((await computeRegistry(dir, { threads: 0, cache, asOfFlag: '2026-10-30' })).cached).toBe(0);
    writeFileSync(join(dir, 'spog.yaml'), `${readFileSync(join(dir, 'spog.yaml'), 'utf8')}description: changed\n`);
    expect((await computeRegistry(dir, { threads: 0, cache })).cached).toBe(0);
    writeFileSync(join(dir, 'models/red/notes.txt'), 'a stray file');
    const got = await computeRegistry(dir, { threads: 0, cache });
    expect(got.cached).toBe(9);
    expect(got.snapshot.models.find((m) => m.id === 'red')!.diagnostics.some((d) => d.file === 'models/red/notes.txt')).toBe(true);
  });

  it('recomputes a model whose entry is damaged, and drops the entries of removed models', async () => {
    const dir = copy('test/fixtures/states');
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    await computeRegistry(dir, { threads: 0, cache });
    writeFileSync(join(cache, 'models/amber.json'), '{"v":1,"context":');
    rmSync(join(dir, 'models/stale'), { recursive: true });
    const got = await computeRegistry(dir, { threads: 0, cache });
    expect(got.cached).toBe(8);
    expect(got.snapshot).toEqual(await fresh(dir));
    expect(readdirSync(join(cache, 'models')).sort()).toEqual(got.snapshot.models.map((m) => `${m.id}.json`).sort());
  });
});

describe('the cache never serves what it was not made from', () => {
  const entry = (cache: string, id: string) => join(cache, 'models', `${id}.json`);
  const parts = (file: string) => {
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    return { header: JSON.parse(text.slice(0, nl)), json: text.slice(nl + 1) };
  };
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  it("misses an entry holding another model's snapshot, even with a matching hash, and one whose snapshot or header is {}", async () => {
    const dir = copy('test/fixtures/states');
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    await computeRegistry(dir, { threads: 0, cache });
    // amber's entry is red's, as it was written.
    cpSync(entry(cache, 'red'), entry(cache, 'amber'));
    // green's entry names green, but holds red's snapshot, with its hash.
    const red = parts(entry(cache, 'red'));
    const green = parts(entry(cache, 'green'));
    writeFileSync(entry(cache, 'green'), `${JSON.stringify({ ...green.header, body: sha(red.json) })}\n${red.json}`);
    // stale's snapshot is {}; fairness's header is {}; latency's header has no listing.
    const stale = parts(entry(cache, 'stale'));
    writeFileSync(entry(cache, 'stale'), `${JSON.stringify({ ...stale.header, body: sha('{}') })}\n{}`);
    writeFileSync(entry(cache, 'fairness'), `{}\n${parts(entry(cache, 'fairness')).json}`);
    const latency = parts(entry(cache, 'latency'));
    writeFileSync(entry(cache, 'latency'), `${JSON.stringify({ ...latency.header, listing: null })}\n${latency.json}`);
    const got = await computeRegistry(dir, { threads: 0, cache });
    expect(got.cached).toBe(got.snapshot.models.length - 5);
    expect(got.snapshot).toEqual(await fresh(dir));
  });

  it('misses a file edited in place with the same size and its modification time put back (the change time differs)', async () => {
    const dir = copy('test/fixtures/states');
    const cache = mkdtempSync(join(tmpdir(), 'spog-cache-'));
    const file = join(dir, 'models/green/versions/v1.yaml');
    const then = new Date('2026-10-01T00:00:00Z');
    utimesSync(file, then, then);
    // Seconds later, as a real rebuild is: the files are not "racy" (changed within RACY_MS).
    const later = Date.now() + 10_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      await computeRegistry(dir, { threads: 0, cache });
      expect((await computeRegistry(dir, { threads: 0, cache })).cached).toBe(10);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('"auc": 0.8}', '"auc": 0.1}'));
      utimesSync(file, then, then);
      expect(readFileSync(file).length).toBe(Buffer.byteLength(text));
      const got = await computeRegistry(dir, { threads: 0, cache });
      expect(got.cached).toBe(9);
      expect(got.snapshot).toEqual(await fresh(dir));
    } finally {
      clock.mockRestore();
    }
  });
});

describe('spog validate in the worker pool', () => {
  for (const dir of ['registry', 'test/fixtures/states', 'test/fixtures/no-such-registry', ...hostile]) {
    it(`gives loadRegistry's diagnostics and counts: ${dir}`, async () => {
      const reg = loadAt(dir, undefined, { everyFeatureFile: true }).reg;
      const got = await validateRegistry(dir, { threads: 2 });
      expect(got.diagnostics).toEqual(reg.diagnostics);
      expect(got.counts).toEqual(reg.counts);
    });
  }
});

describe("the site's data in spog build (models read back from their files)", () => {
  for (const threads of [2, 0]) {
    it(`gives each model's pages the whole model and the fleet pages its FleetModel, ${threads} worker(s)`, async () => {
      const { reg, asOf } = loadAt('registry');
      const expected = buildSnapshot(reg, asOf);
      const jsonDir = mkdtempSync(join(tmpdir(), 'spog-site-json-'));
      const { site, charts } = startSite('registry', { threads, jsonDir });
      // Both pages of each model ask before and after it is computed; a third page after them reads the file again.
      const first = await Promise.all(site.ids.map((id) => Promise.all([site.model(id), site.model(id)])));
      const snapshot = await site.snapshot;
      for (const [i, m] of expected.models.entries()) {
        expect(first[i][0]).toEqual(m);
        expect(first[i][1]).toBe(first[i][0]);
        expect(JSON.parse(readFileSync(join(jsonDir, `${m.id}.json`), 'utf8'))).toEqual(m);
        expect(snapshot.models[i]).toEqual(fleetModel(m));
        expect(snapshot.models[i]).not.toHaveProperty('other_metrics');
      }
      expect({ ...snapshot, models: [] }).toEqual({ ...expected, models: [] });
      // Every chart drawn once and counted once, on whichever thread drew it (the build's report).
      const counted = charts().charts;
      const drawnCount = expected.models.reduce((n, m) => n + allChartViews(m, expected.as_of.date).length, 0);
      expect(counted).toBe(drawnCount);
      const again = await site.model(expected.models[0].id);
      expect(again).toEqual(expected.models[0]);
      expect(again).not.toBe(first[0][0]);
      await expect(site.model('no-such-model')).rejects.toThrow(/no model/);
    });
  }
});

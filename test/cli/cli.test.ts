import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeContext } from '../../src/core/context.ts';
import { buildSnapshot } from '../../src/core/snapshot.ts';
import { loadAt } from '../../src/registry/load.ts';

/** Run the real CLI in a child process (the same Node that runs the tests: Node 24). */
function spog(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/spog.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const tmp = mkdtempSync(join(tmpdir(), 'spog-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('spog command line', () => {
  it('documents every command with --help', () => {
    const top = spog('--help');
    expect(top.code).toBe(0);
    for (const cmd of ['validate', 'status', 'drift', 'detect', 'build']) {
      expect(top.out).toContain(cmd);
      const h = spog(cmd, '--help');
      expect(h.code, cmd).toBe(0);
      expect(h.out, cmd).toMatch(/Usage: spog /);
    }
    expect(spog('validate', '--help').out).toContain('--registry <dir>');
  });

  it('validates the demo registry: exit 0 and a summary', () => {
    const r = spog('validate');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: \.\/registry: 18 models, \d+ versions, \d+ metric points, \d+ feature windows: 0 errors, \d+ warnings?$/m);
  });

  it('fails a copy of the registry with a broken metric line and version file, naming both', () => {
    const dir = join(tmp, 'broken');
    cpSync('registry', dir, { recursive: true });
    appendFileSync(join(dir, 'models/flight-on-time/metrics/2026-10.ndjson'), '{"ts":"2026-10-31","version":"v1","metric":"auc","value":NaN}\n');
    writeFileSync(join(dir, 'models/flight-on-time/versions/v1.yaml'), 'version: v1\ntrained_at: 2026-13-01\n');
    const r = spog('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/models\/flight-on-time\/metrics\/2026-10\.ndjson:\d+:\d+ {2}JSON syntax error: unexpected "N" \(NaN and Infinity are not JSON numbers\)/);
    expect(r.out).toMatch(/models\/flight-on-time\/versions\/v1\.yaml:2:13 {2}trained_at: /);
    expect(spog('validate', dir, '--json').out).toContain('"valid": false');
  });

  it('status --json lists every model with health, lifecycle, champion, primary and reasons; --fail-on red exits 1', () => {
    const r = spog('status', '--json', '--fail-on', 'red');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.as_of.date).toBe('2026-10-31');
    expect(out.models).toHaveLength(18);
    for (const m of out.models) {
      expect(['green', 'amber', 'red', 'unknown']).toContain(m.health);
      expect(m).toHaveProperty('lifecycle');
      expect(m).toHaveProperty('champion');
      expect(Object.keys(m.primary)).toEqual(expect.arrayContaining(['name', 'value', 'expected', 'delta']));
      expect(Array.isArray(m.reasons)).toBe(true);
    }
    expect(new Set(out.models.map((m: { health: string }) => m.health))).toEqual(new Set(['green', 'amber', 'red', 'unknown']));
    // The production models by health on each of the last 90 days, the last day the tiles (two ambers there are set by drift alone).
    const days = out.fleet.history;
    expect(days).toHaveLength(90);
    const { date, no_data, ...last } = days[days.length - 1];
    expect(date).toBe('2026-10-31');
    expect(no_data).toBe(0);
    expect(last).toEqual(out.fleet.production.by_health);
  });

  it('status prints a table and a fleet summary', () => {
    const r = spog('status', '--registry', 'registry');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^MODEL +HEALTH +LIFECYCLE/);
    expect(r.out).toMatch(/as of 2026-10-31 \(registry\): 18 models: production \d+ \(\d+ red, \d+ amber, \d+ green, \d+ unknown\); other lifecycles \d+ \(/);
  });

  it('refuses a registry directory that does not exist instead of reporting an empty, healthy fleet', () => {
    for (const args of [['status', '--registry', './registr', '--fail-on', 'red'], ['build', '--registry', './registr', '--out', join(tmp, 'x')], ['alerts', '--registry', './registr']]) {
      const r = spog(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('registry directory "./registr" does not exist');
    }
  });

  it('status says whether the primary metric is better or worse than expected, in its own direction', () => {
    const r = spog('status', '--model', 'nyc-temp-max', '--model', 'seattle-precip-amount');
    expect(r.out).toMatch(/nyc-temp-max .* rmse 3\.3 \/ 2\.71 \(22\.0% worse\)/);
    expect(r.out).toMatch(/seattle-precip-amount .* mae 3\.25 \/ 3\.88 \(16\.3% better\)/);
  });

  it('status --fail-on unknown fails on a registry error that --fail-on red lets through', () => {
    const dir = join(tmp, 'broken-card');
    cpSync('registry', dir, { recursive: true });
    const card = join(dir, 'models/seattle-temp-max/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace(/^team: .*$/m, 'team: Not A Slug'));
    expect(spog('status', '--registry', dir, '--model', 'seattle-temp-max', '--fail-on', 'red').code).toBe(0);
    const r = spog('status', '--registry', dir, '--model', 'seattle-temp-max', '--fail-on', 'unknown');
    expect(r.code).toBe(1);
    expect(r.out).toContain('registry error');
  });

  it('drift refuses a sample that mixes numbers and text instead of guessing categories, and caps the unseen categories it lists', () => {
    writeFileSync(join(tmp, 'mixed.json'), JSON.stringify([1, 2, 'x']));
    writeFileSync(join(tmp, 'nums.json'), JSON.stringify(Array.from({ length: 50 }, (_, i) => i / 7)));
    const r = spog('drift', '--reference', join(tmp, 'mixed.json'), '--current', join(tmp, 'nums.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('mixes numbers and other values (item 0 is 1, item 2 is "x")');
    const c = spog('drift', '--reference', join(tmp, 'mixed.json'), '--current', join(tmp, 'nums.json'), '--type', 'categorical');
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/and \d+ more categories never seen in reference/);
    expect(c.out.length).toBeLessThan(1000);
  });

  it('detect refuses values other than 0 and 1 for ddm and eddm', () => {
    writeFileSync(join(tmp, 'floats.json'), JSON.stringify([0.2, 0.5, 1]));
    const r = spog('detect', '--detector', 'ddm', '--input', join(tmp, 'floats.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('ddm reads 0/1 errors (1 = the prediction was wrong); item 0 is 0.2');
  });

  it('drift --json prints method, statistic, p_value, threshold and drifted', () => {
    writeFileSync(join(tmp, 'ref.json'), JSON.stringify(Array.from({ length: 200 }, (_, i) => i)));
    writeFileSync(join(tmp, 'cur.json'), JSON.stringify(Array.from({ length: 200 }, (_, i) => 60 + i)));
    const r = spog('drift', '--reference', join(tmp, 'ref.json'), '--current', join(tmp, 'cur.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ method: 'ks', threshold: 0.05, drifted: true });
    expect(out.statistic).toBeCloseTo(0.3, 12);
    expect(out.p_value).toBeLessThan(1e-6);
    const w = JSON.parse(spog('drift', '--reference', join(tmp, 'ref.json'), '--current', join(tmp, 'cur.json'), '--method', 'wasserstein', '--json').out);
    expect(w).toMatchObject({ method: 'wasserstein', p_value: null, threshold: 0.1, drifted: true });
  });

  it('detect --json prints 0-based detection indices, and refuses unknown parameters', () => {
    writeFileSync(join(tmp, 'series.json'), JSON.stringify([...Array(100).fill(0), ...Array(100).fill(5)]));
    const r = spog('detect', '--detector', 'page-hinkley', '--param', 'threshold=10', '--input', join(tmp, 'series.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.detections.length).toBeGreaterThan(0);
    expect(out.detections[0]).toBeGreaterThanOrEqual(100);
    const bad = spog('detect', '--detector', 'adwin', '--param', 'delt=1', '--input', join(tmp, 'series.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown parameter 'delt' for detector 'adwin'");
  });

  it("detect --standardise reproduces the site's Page-Hinkley detections for a demo model", () => {
    const { reg, asOf } = loadAt('registry');
    const snap = buildSnapshot(reg, asOf);
    const found = snap.models.flatMap((m) => m.performance_drift.filter((r) => r.detector === 'page-hinkley' && r.detections.length > 0).map((r) => ({ m, r })));
    expect(found.length).toBeGreaterThan(0);
    const { m, r } = found[0];
    const data = reg.models.find((d) => d.id === m.id)!;
    const ctx = makeContext(data, data.card!, reg.config, asOf);
    const s = ctx.primary!;
    writeFileSync(join(tmp, 'primary.json'), JSON.stringify(s.value.slice(0, ctx.primaryEnd)));
    const params = Object.entries(r.params).filter(([k]) => k !== 'standardised').flatMap(([k, v]) => ['--param', `${k}=${v}`]);
    const run = (...extra: string[]) => JSON.parse(spog('detect', '--detector', 'page-hinkley', ...params, '--input', join(tmp, 'primary.json'), '--json', ...extra).out);
    const days = (idx: number[]) => idx.map((i) => new Date(s.t[i]).toISOString().slice(0, 10));
    expect(days(run('--standardise').detections)).toEqual(r.detections);
    expect(days(run().detections)).not.toEqual(r.detections);
  });
});

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/core/snapshot.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { computeRegistry, validateRegistry } from '../../src/compute/snapshot.ts';
import { loadRegistry, monthMayHold } from '../../src/registry/load.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const AS_OF = resolveAsOf({ flag: '2026-10-31' });
const EDGES = [0, 10, 20, 30];
const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}`;
/** Age counts on day d: the last week moves to the top bin (drift). */
const age = (d: number) => (d > 24 ? [2, 5, 30] : [10, 20, 7]);
const plan = (d: number) => ({ basic: 20 + (d % 3), pro: 9 });
const pred = (d: number) => [d % 4, 8, 6];

/** The minimal registry with a reference and a month of windows, in batch or single-line form. */
function registry(form: 'batch' | 'single', extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `spog-${form}-`));
  temps.push(dir);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  const features = join(dir, 'models/churn/features');
  mkdirSync(features);
  writeFileSync(join(features, 'reference.json'), JSON.stringify({
    version: 'v2',
    features: { age: { type: 'numeric', histogram: { edges: EDGES, counts: [100, 200, 70] } }, plan: { type: 'categorical', counts: { basic: 200, pro: 90 } } },
    prediction: { type: 'numeric', histogram: { edges: EDGES, counts: [50, 80, 60] } },
  }));
  const lines: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const ts = day(d);
    if (form === 'batch') {
      lines.push(JSON.stringify({ ts, version: 'v2', features: { age: { type: 'numeric', histogram: { counts: age(d) } }, plan: { type: 'categorical', counts: plan(d) } }, prediction: { type: 'numeric', histogram: { counts: pred(d) } } }));
    } else {
      lines.push(JSON.stringify({ ts, version: 'v2', feature: 'age', type: 'numeric', histogram: { edges: EDGES, counts: age(d) } }));
      lines.push(JSON.stringify({ ts, version: 'v2', feature: 'plan', type: 'categorical', counts: plan(d) }));
      lines.push(JSON.stringify({ ts, version: 'v2', feature: 'prediction', role: 'prediction', type: 'numeric', histogram: { edges: EDGES, counts: pred(d) } }));
    }
  }
  writeFileSync(join(features, '2026-10.ndjson'), `${[...lines, ...extra].join('\n')}\n`);
  return dir;
}

describe('batch feature windows (one line per window, every feature, edges from the reference)', () => {
  it('counts every window and keeps those of the drift window, histogram edges filled in from the reference', () => {
    const reg = loadRegistry(registry('batch'), { asOf: AS_OF });
    const m = reg.models[0];
    expect(reg.counts.errors).toBe(0);
    expect(m.windowCount).toBe(31 * 3);
    expect(reg.counts.featureWindows).toBe(31 * 3);
    // The default drift window is the last 7 days.
    expect(m.windows.length).toBe(7 * 3);
    const ages = m.windows.filter((w) => w.feature === 'age');
    expect(ages.map((w) => w.ts)).toEqual([25, 26, 27, 28, 29, 30, 31].map(day));
    expect(ages.every((w) => w.role === 'input' && w.histogram?.edges.join() === EDGES.join())).toBe(true);
    expect(m.windows.filter((w) => w.role === 'prediction').every((w) => w.feature === 'prediction' && w.histogram!.edges.length === 4)).toBe(true);
    expect(m.windows.find((w) => w.feature === 'plan')?.counts).toEqual(plan(25));
  });

  it('keeps every window when loaded without an evaluation time', () => {
    expect(loadRegistry(registry('batch')).models[0].windows.length).toBe(31 * 3);
  });

  it('gives the same snapshot as the same windows written one feature a line', () => {
    const batch = buildSnapshot(loadRegistry(registry('batch'), { asOf: AS_OF }), AS_OF);
    const single = buildSnapshot(loadRegistry(registry('single'), { asOf: AS_OF }), AS_OF);
    expect(batch.models[0].data_drift?.drifted).toBe(1);
    expect(JSON.stringify(batch)).toBe(JSON.stringify(single));
  });

  it('names file, line and field of histograms without edges that the reference cannot lend, once per feature', () => {
    const bad = (ts: string) => JSON.stringify({ ts, version: 'v2', features: { age: { type: 'numeric', histogram: { counts: [1, 2] } } } });
    const reg = loadRegistry(registry('batch', [bad('2026-10-05'), bad('2026-10-30')]), { asOf: AS_OF });
    const printed = reg.diagnostics.map(formatDiagnostic);
    expect(printed).toContainEqual(expect.stringMatching(/^models\/churn\/features\/2026-10\.ndjson:32 {2}features\.age\.histogram\.edges: 2 line\(s\) give a histogram of "age" without edges, and features\/reference\.json has no histogram of 2 bins/));
    expect(reg.counts.errors).toBe(1);
    // The good lines still load.
    expect(reg.models[0].windowCount).toBe(31 * 3);
  });

  it('reports a malformed batch line with its file, line and field, inside and outside the drift window', () => {
    const bad = (ts: string) => `{"ts":"${ts}","version":"v2","features":{"age":{"type":"numeric","histogram":{"counts":[1,-2,3]}}}}`;
    const reg = loadRegistry(registry('batch', [bad('2026-10-02'), bad('2026-10-31')]), { asOf: AS_OF });
    const printed = reg.diagnostics.map(formatDiagnostic);
    expect(printed.filter((l) => /^models\/churn\/features\/2026-10\.ndjson:3[23]:\d+ {2}features\.age\.histogram\.counts\.1: /.test(l))).toHaveLength(2);
    expect(reg.counts.errors).toBe(2);
  });

  it('reports a histogram without edges when the reference is missing', () => {
    const dir = registry('batch');
    rmSync(join(dir, 'models/churn/features/reference.json'));
    const printed = loadRegistry(dir, { asOf: AS_OF }).diagnostics.map(formatDiagnostic);
    expect(printed).toContainEqual(expect.stringMatching(/2026-10\.ndjson:1 {2}features\.age\.histogram\.edges: 31 line\(s\) give a histogram of "age" without edges/));
  });
});

describe('feature files by month', () => {
  const DAY = 86_400_000;
  /** The batch registry plus an old month holding a malformed line and a valid window, and a window filed in the wrong month. */
  function withOldMonth(): string {
    const dir = registry('batch', [JSON.stringify({ ts: '2026-09-15', version: 'v2', features: { age: { type: 'numeric', histogram: { counts: [1, 2, 3] } } } })]);
    writeFileSync(join(dir, 'models/churn/features/2025-06.ndjson'), [
      JSON.stringify({ ts: '2025-06-02', version: 'v2', features: { age: { type: 'numeric', histogram: { counts: [9, 9, 9] } } } }),
      '{"ts": "2025-06-03", "version": "v2", "features": {"age": {"type": "numeric", "histogram": {"counts": [1, 2]}}}}',
    ].join('\n') + '\n');
    return dir;
  }

  it('spog validate reads every month: the old malformed line, the old window and the misfiled one', async () => {
    const v = await validateRegistry(withOldMonth(), { asOfFlag: '2026-10-31', threads: 0 });
    const lines = v.diagnostics.map(formatDiagnostic).join('\n');
    expect(lines).toContain('features/2025-06.ndjson:2');
    expect(lines).toMatch(/features\/2026-10\.ndjson:32.*1 window line\(s\) fall outside 2026-10, first 2026-09-15/);
    expect(v.counts.featureWindows).toBe(31 * 3 + 1 + 1);
  });

  it('evaluating reads only the months around the drift window, with the same result as without the old month', async () => {
    const dir = withOldMonth();
    const withOld = await computeRegistry(dir, { asOfFlag: '2026-10-31', threads: 0 });
    expect(withOld.diagnostics.map(formatDiagnostic).join('\n')).not.toContain('2025-06');
    rmSync(join(dir, 'models/churn/features/2025-06.ndjson'));
    const without = await computeRegistry(dir, { asOfFlag: '2026-10-31', threads: 0 });
    expect(withOld.snapshot.models[0].data_drift).toEqual(without.snapshot.models[0].data_drift);
    expect(withOld.snapshot.models[0].data_drift?.features.length).toBeGreaterThan(0);
  });

  it('a month is read when it can hold a window of the drift window, a day either side', () => {
    const keep = { from: Date.UTC(2026, 9, 24, 23, 59, 59, 999), to: Date.UTC(2026, 9, 31, 23, 59, 59, 999) };
    expect(monthMayHold('2026-10', keep)).toBe(true);
    expect(monthMayHold('2026-11', keep)).toBe(true);
    expect(monthMayHold('2026-09', keep)).toBe(false);
    expect(monthMayHold('2026-12', keep)).toBe(false);
    expect(monthMayHold('2025-10', keep)).toBe(false);
    // A drift window starting late on the 1st reaches back into the month before only through the margin.
    expect(monthMayHold('2026-09', { from: Date.UTC(2026, 9, 1, 12), to: Date.UTC(2026, 9, 8) })).toBe(true);
    expect(monthMayHold('2026-09', { from: Date.UTC(2026, 9, 2) + DAY, to: Date.UTC(2026, 9, 9) })).toBe(false);
  });
});

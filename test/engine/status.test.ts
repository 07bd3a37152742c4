import { describe, expect, it } from 'vitest';
import { statusExitCode } from '../../src/cli/status.ts';
import { fleetJson } from '../../src/core/api.ts';
import { buildSnapshot } from '../../src/core/snapshot.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import type { ModelSnapshot, Snapshot } from '../../src/core/types.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const reg = loadRegistry('test/fixtures/states');
const snap: Snapshot = buildSnapshot(reg, resolveAsOf({ registry: reg.config.as_of }));
const model = (id: string): ModelSnapshot => {
  const m = snap.models.find((x) => x.id === id);
  if (!m) throw new Error(`no model ${id}`);
  return m;
};
const check = (id: string, name: string) => model(id).checks.find((c) => c.check === name);

describe('health of each model in the states fixture', () => {
  it('is evaluated as of the day pinned in spog.yaml', () => {
    expect(snap.as_of).toEqual({ date: '2026-10-31', source: 'registry' });
  });

  it('is green when the rolling mean is within 5% of the champion evaluation', () => {
    expect(model('green').health).toBe('green');
    expect(model('green').reasons).toEqual([]);
    expect(model('green').primary).toMatchObject({ name: 'auc', expected: 0.8, points_in_window: 10 });
  });

  it('is amber at a 6.25% shortfall and red at 12.5%, with the numbers in the reason', () => {
    expect(model('amber').health).toBe('amber');
    expect(model('amber').reasons[0]).toBe('auc 0.75 (mean of last 10) is 6.3% worse than expected 0.8');
    expect(check('amber', 'primary_metric')?.threshold).toBe('amber when >= 5.0%, red when >= 10.0% relative shortfall beyond the noise');
    expect(model('red').health).toBe('red');
    expect(model('red').primary.delta).toBeCloseTo(-0.1, 12);
    expect(model('red').primary.delta_pct).toBeCloseTo(-0.125, 12);
  });

  it('knows that lower is better for RMSE', () => {
    expect(model('rmse').health).toBe('amber');
    expect(model('rmse').reasons[0]).toContain('rmse 10.7 (mean of last 10) is 7.0% worse than expected 10');
    expect(model('rmse').primary.amber_at).toBeCloseTo(10.5, 12);
  });

  it('is unknown, never green, with too little data', () => {
    expect(model('too-little').health).toBe('unknown');
    expect(model('too-little').reasons[0]).toBe('auc: too little data (3 points, at least 5 needed)');
  });

  it('is red when no primary-metric value arrived for 9 days, and its last verdict is not passed off as green', () => {
    expect(model('stale').health).toBe('red');
    expect(check('stale', 'staleness')).toMatchObject({ status: 'red', value: 9, reason: 'no auc value for 9 days (last 2026-10-22)' });
    expect(check('stale', 'primary_metric')).toMatchObject({ status: 'unknown', reason: 'auc: not judged, no value for 9 days (the last 10, to 2026-10-22, averaged 0.8: equal to expected 0.8)' });
  });

  it('does not call an offline model stale', () => {
    expect(check('offline', 'staleness')).toBeUndefined();
    expect(model('offline').lifecycle).toBe('offline');
  });

  it('flags latency over twice its limit as red', () => {
    expect(check('latency', 'software')).toMatchObject({ status: 'red', value: 450 });
    expect(model('latency').health).toBe('red');
  });

  it('flags a slice far behind the overall metric', () => {
    const f = model('fairness');
    const female = f.fairness!.slices.find((s) => s.slice_value === 'female')!;
    expect(female.gap).toBeCloseTo(0.125, 12);
    expect(female.selection_ratio).toBeCloseTo(0.9, 12);
    expect(check('fairness', 'fairness')).toMatchObject({ status: 'red' });
    expect(f.reasons[0]).toContain('auc for sex=female is 12.5% worse than overall');
  });

  it('recommends promoting a shadow challenger that is better every day', () => {
    const c = model('challenger').comparisons[0];
    expect(c).toMatchObject({ champion: 'v1', challenger: 'v2', mode: 'shadow', recommendation: 'promote' });
    expect(c.paired_points).toBe(30);
    expect(c.improvement).toBeCloseTo(0.04, 12);
    expect(c.ci![0]).toBeGreaterThan(0);
  });

  it('replays the status history into dated transitions', () => {
    const t = model('red').history.transitions;
    expect(t.map((x) => [x.date, x.from, x.to])).toEqual([
      ['2026-10-06', 'unknown', 'green'],
      ['2026-10-25', 'green', 'amber'],
      // The mean of the last 10 is 0.72, exactly 10% short of 0.8 (red is >= 10%).
      ['2026-10-29', 'amber', 'red'],
    ]);
    expect(t[1].reason).toBe('auc 0.76 (mean of last 10) is 5.0% worse than expected 0.8');
    expect(t[t.length - 1].to).toBe('red');
    expect(model('red').history.days.at(-1)).toEqual({ date: '2026-10-31', health: 'red' });
  });

  it('replays software limits in the history: a latency regression turns red on its third day (the median of the last 5 values)', () => {
    const latency = model('latency').history.transitions;
    expect(latency.map((x) => [x.date, x.to])).toEqual([['2026-10-06', 'green'], ['2026-10-31', 'red']]);
    expect(latency.at(-1)!.reason).toBe('latency p95 (ms) 450 is over the limit 200');
  });

  it('replays fairness in the history too, dating when a slice fell behind', () => {
    expect(model('fairness').history.days.filter((d) => d.health !== 'red').map((d) => `${d.date} ${d.health}`)).toEqual([]);
    expect(check('fairness', 'fairness')!.reason).toBe('auc for sex=female is 12.5% worse than overall (limit 5.0%; red since 2026-10-02)');
  });

  it('counts the fleet by health and lists red, then amber, then the models it cannot judge', () => {
    expect(snap.fleet.total).toBe(10);
    expect([...new Set(snap.fleet.attention.map((a) => a.health))]).toEqual(['red', 'amber', 'unknown']);
    const counts = snap.fleet.by_health;
    expect(counts.green + counts.amber + counts.red + counts.unknown).toBe(10);
  });
});

describe('spog status --json', () => {
  it('gives id, health, lifecycle, champion, primary and reasons for each model', () => {
    const out = fleetJson(snap);
    const red = out.models.find((m) => m.id === 'red')!;
    expect(red).toMatchObject({ id: 'red', health: 'red', lifecycle: 'production', champion: 'v1', primary: { name: 'auc', expected: 0.8 } });
    expect(red.primary.value).toBeCloseTo(0.7, 12);
    expect(Array.isArray(red.reasons)).toBe(true);
  });

  it('exits 1 with --fail-on red when a model is red, and 0 without the flag', () => {
    expect(statusExitCode(snap, 'red')).toBe(1);
    expect(statusExitCode(snap, undefined)).toBe(0);
    const greenOnly = { ...snap, models: [model('green')] };
    expect(statusExitCode(greenOnly, 'amber')).toBe(0);
  });
});

describe('evaluation time', () => {
  it('prefers --as-of, then the registry pin, then SOURCE_DATE_EPOCH, then today', () => {
    expect(resolveAsOf({ flag: '2026-01-02', registry: '2026-10-31' }).source).toBe('flag');
    expect(resolveAsOf({ registry: '2026-10-31', env: '0' }).date).toBe('2026-10-31');
    expect(resolveAsOf({ env: '86400' })).toMatchObject({ date: '1970-01-02', source: 'SOURCE_DATE_EPOCH' });
    expect(resolveAsOf({ nowMs: Date.parse('2026-11-23T15:00:00Z') })).toMatchObject({ date: '2026-11-23', source: 'today' });
    expect(() => resolveAsOf({ flag: 'tomorrow' })).toThrow(/--as-of "tomorrow" is not a date/);
  });

  it('judges the same registry differently at an earlier date', () => {
    const early = buildSnapshot(reg, resolveAsOf({ flag: '2026-10-20' }));
    expect(early.models.find((m) => m.id === 'red')!.health).toBe('green');
  });
});

describe('drift on a few current values', () => {
  it('says when a stable verdict rests on fewer than 30 current values (a week of daily values in the demo)', async () => {
    const { computeSnapshot } = await import('../../src/site/snapshot.ts');
    const m = computeSnapshot('registry').models.find((x) => x.id === 'seattle-temp-max')!;
    const pred = m.checks.find((c) => c.check === 'prediction_drift')!;
    expect(pred.status).toBe('green');
    expect(pred.reason).toMatch(/on only 7 current values, where a test can miss a shift/);
    expect(m.checks.find((c) => c.check === 'data_drift')!.reason).toMatch(/4 on fewer than 30 current values/);
  });
});

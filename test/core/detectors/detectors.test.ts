import { describe, it, expect } from 'vitest';
import { Adwin, PageHinkley, RollingMeanTracker, createDetector, detectorParams, runDetector, DETECTOR_NAMES } from '../../../src/core/detectors/index.ts';
import { PythonRandom } from '../../../src/core/stats/python-random.ts';

const rng = new PythonRandom(7);
const noise = (n: number, mean: number, spread = 0.1) => Array.from({ length: n }, () => mean + (rng.random() - 0.5) * spread);

describe('createDetector validates River-style parameters', () => {
  it('builds every detector with River defaults', () => {
    for (const name of DETECTOR_NAMES) {
      const params: Record<string, number> = name === 'rolling-mean' ? { expected: 1 } : {};
      const d = createDetector(name, params);
      expect(d.driftDetected).toBe(false);
      expect(d.warningDetected).toBe(false);
    }
  });

  it('names the valid parameters when one is unknown', () => {
    expect(() => createDetector('adwin', { delta: 0.01, window: 3 })).toThrow(
      "unknown parameter 'window' for detector 'adwin'; valid parameters: delta, clock, max_buckets, min_window_length, grace_period",
    );
    expect(() => createDetector('ddm', { warmStart: 10 })).toThrow(/valid parameters: warm_start, warning_threshold, drift_threshold/);
  });

  it('names the valid detectors when the name is unknown', () => {
    expect(() => createDetector('hddm' as never, {})).toThrow(/valid detectors: rolling-mean, adwin, page-hinkley, ddm, eddm, kswin/);
  });

  it('checks types, choices and required parameters', () => {
    expect(() => createDetector('adwin', { clock: 2.5 })).toThrow(/'clock' must be an integer/);
    expect(() => createDetector('page-hinkley', { mode: 'sideways' })).toThrow(/must be one of up, down, both/);
    expect(() => createDetector('rolling-mean', { higher_is_better: 'yes' })).toThrow(/must be true or false/);
    expect(() => createDetector('rolling-mean', {})).toThrow(/needs parameter 'expected'/);
    expect(() => createDetector('eddm', { alpha: 0.8, beta: 0.9 })).toThrow(/'alpha' must be greater or equal to 'beta'/);
    expect(() => createDetector('kswin', { window_size: 50, stat_size: 30 })).toThrow(/stat_size <= window_size − stat_size/);
  });

  it('describes every parameter', () => {
    for (const name of DETECTOR_NAMES) {
      for (const spec of Object.values(detectorParams(name))) expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});

describe('runDetector', () => {
  it('reports 0-based indices of the updates that fired', () => {
    const values = [...noise(300, 0.2), ...noise(300, 0.8)];
    const run = runDetector('adwin', {}, values);
    expect(run.detections.length).toBeGreaterThan(0);
    expect(run.detections[0]).toBeGreaterThanOrEqual(300);
  });

  it('skips gaps (NaN) without an update but keeps positions', () => {
    const values = [1, 1, NaN, 1, 1];
    const run = runDetector('rolling-mean', { window: 4, expected: 2 }, values);
    expect(run.detections).toEqual([4]);
  });

  it('records where a rolling-mean degradation begins, once per run, not every day it lasts', () => {
    // Expected 1, window 2 (the mean of two days): short by 10% on day 2 (warning), 20% on days
    // 3-4 (drift), 10% on day 5, 0% on 6, 3.5% on 7, 7% on 8 (warning), 13.5% and 20% on 9-10 (drift).
    const values = [1, 1, 0.8, 0.8, 0.8, 1, 1, 0.93, 0.93, 0.8, 0.8];
    const run = runDetector('rolling-mean', { window: 2, expected: 1 }, values);
    expect(run.detections).toEqual([3, 9]);
    expect(run.warnings).toEqual([2, 5, 8]);
    // The tracker itself still says the current window is degraded on each of those days.
    const t = new RollingMeanTracker({ expected: 1, window: 2 });
    const flags = values.map((x) => (t.update(x), t.driftDetected));
    expect(flags.filter(Boolean)).toHaveLength(4);
  });

  it('is reproducible for KSWIN with a seed', () => {
    const values = [...noise(200, 0), ...noise(200, 1)];
    const a = runDetector('kswin', { seed: 3 }, values);
    const b = runDetector('kswin', { seed: 3 }, values);
    expect(a).toEqual(b);
    expect(a.detections.length).toBeGreaterThan(0);
  });
});

describe('River-style guards and resets', () => {
  it('ADWIN starts over with an empty window after a detection', () => {
    const d = new Adwin();
    const values = [...noise(500, 0), ...noise(500, 5)];
    let fired = -1;
    for (let i = 0; i < values.length && fired < 0; i++) {
      d.update(values[i]);
      if (d.driftDetected) fired = i;
    }
    expect(fired).toBeGreaterThan(500);
    d.update(5);
    expect(d.windowWidth).toBe(1);
    expect(d.driftDetected).toBe(false);
  });

  it('Page-Hinkley stays silent before min_instances', () => {
    const d = new PageHinkley({ min_instances: 30, threshold: 1 });
    for (let i = 0; i < 29; i++) {
      d.update(i < 10 ? 0 : 100);
      expect(d.driftDetected).toBe(false);
    }
    d.update(100);
    expect(d.driftDetected).toBe(true);
  });

  it('Page-Hinkley in mode up ignores a drop that mode down catches', () => {
    const values = [...noise(200, 10), ...noise(200, 0)];
    expect(runDetector('page-hinkley', { mode: 'up' }, values).detections).toEqual([]);
    expect(runDetector('page-hinkley', { mode: 'down' }, values).detections.length).toBeGreaterThan(0);
  });

  it('DDM and EDDM stay quiet on a stable error rate', () => {
    const r = new PythonRandom(11);
    const stable = Array.from({ length: 2000 }, () => (r.random() < 0.1 ? 1 : 0));
    expect(runDetector('ddm', {}, stable).detections).toEqual([]);
  });

  it('detectors refuse non-finite input with a clear message', () => {
    expect(() => new Adwin().update(NaN)).toThrow('ADWIN.update needs a finite number (got NaN)');
  });
});

describe('RollingMeanTracker', () => {
  it('gives no verdict until the window is full', () => {
    const t = new RollingMeanTracker({ expected: 0.9, window: 3 });
    t.update(0.1);
    t.update(0.1);
    expect(t.percentChange).toBeNull();
    expect(t.driftDetected).toBe(false);
    t.update(0.1);
    expect(t.driftDetected).toBe(true);
  });

  it('warns at amber and signals drift at red when higher is better', () => {
    const t = new RollingMeanTracker({ expected: 0.8, window: 10 });
    for (let i = 0; i < 10; i++) t.update(0.76); // 5% below
    expect(t.relativeChange).toBeCloseTo(-0.05, 12);
    expect(t.percentChange).toBeCloseTo(-5, 10);
    expect(t.warningDetected).toBe(true);
    expect(t.driftDetected).toBe(false);
    for (let i = 0; i < 10; i++) t.update(0.7); // 12.5% below
    expect(t.driftDetected).toBe(true);
    expect(t.warningDetected).toBe(false);
  });

  it('treats a rise as degradation when lower is better', () => {
    const t = new RollingMeanTracker({ expected: 100, window: 2, higher_is_better: false });
    t.update(111);
    t.update(111);
    expect(t.driftDetected).toBe(true);
    const u = new RollingMeanTracker({ expected: 100, window: 2, higher_is_better: false });
    u.update(80);
    u.update(80);
    expect(u.driftDetected).toBe(false);
    expect(u.warningDetected).toBe(false);
  });

  it('averages only the last window values', () => {
    const t = new RollingMeanTracker({ expected: 1, window: 2 });
    [10, 1, 1].forEach((x) => t.update(x));
    expect(t.rollingMean).toBe(1);
    expect(t.relativeChange).toBe(0);
  });

  it('refuses an expected value of 0 and amber above red', () => {
    expect(() => new RollingMeanTracker({ expected: 0 })).toThrow(/non-zero/);
    expect(() => new RollingMeanTracker({ expected: 1, amber: 0.2, red: 0.1 })).toThrow(/amber <= red/);
  });
});

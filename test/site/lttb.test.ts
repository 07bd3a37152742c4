import { describe, expect, it } from 'vitest';
import { lttbIndices, lttbSeries } from '../../src/charts/lttb.ts';
import { rng } from './fixtures.ts';

describe('LTTB downsampling', () => {
  it('keeps every point when the threshold is at least the length', () => {
    expect(lttbIndices([0, 1, 2, 3], [5, 6, 7, 8], 4)).toEqual([0, 1, 2, 3]);
    expect(lttbIndices([0, 1, 2], [5, 6, 7], 300)).toEqual([0, 1, 2]);
  });

  it('keeps the first and last point and returns exactly `threshold` increasing indices', () => {
    const n = 1000;
    const r = rng(1);
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map(() => r());
    const idx = lttbIndices(x, y, 300);
    expect(idx).toHaveLength(300);
    expect(idx[0]).toBe(0);
    expect(idx[299]).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });

  it('keeps a one-point dip that a plain stride would drop', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i === 37 ? -10 : 1));
    expect(lttbIndices(x, y, 10)).toContain(37);
    // A stride of 11 skips index 37.
    expect(x.filter((i) => i % 11 === 0)).not.toContain(37);
  });

  it('picks the points a hand-worked example gives', () => {
    // Three buckets of two over the six middle points. Triangle areas, worked by hand
    // (|(xa - avgX)(yj - ya) - (xa - xj)(avgY - ya)|):
    //   bucket {1,2}, a=(0,0), next avg (3.5,3.5): 14 vs 3.5 -> 1
    //   bucket {3,4}, a=(1,5), next avg (5.5,4.5): 17 vs 6   -> 3 (the dip beats the peak)
    //   bucket {5,6}, a=(3,1), last point (7,0):  2 vs 31   -> 6
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [0, 5, 1, 1, 6, 1, 8, 0];
    expect(lttbIndices(x, y, 5)).toEqual([0, 1, 3, 6, 7]);
  });

  it('refuses thresholds below 3 and mismatched inputs', () => {
    expect(() => lttbIndices([0, 1, 2, 3], [0, 1, 2, 3], 2)).toThrow(/at least 3/);
    expect(() => lttbIndices([0, 1], [0], 3)).toThrow(/equal length/);
  });

  it('carries dates along with the kept values', () => {
    const t = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString());
    const v = t.map((_, i) => Math.sin(i / 3));
    const s = lttbSeries(t, v, 12);
    expect(s.t).toHaveLength(12);
    expect(s.t[0]).toBe(t[0]);
    expect(s.t[11]).toBe(t[49]);
    s.t.forEach((d, i) => expect(s.value[i]).toBe(v[t.indexOf(d)]));
  });
});

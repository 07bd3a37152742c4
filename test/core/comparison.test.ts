import { describe, expect, it } from 'vitest';
import { blockLength, bootstrapMeanCi, effectiveSampleSize, lag1Autocorrelation } from '../../src/core/comparison.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { closeTo, loadGolden } from '../golden/load.ts';

const golden = loadGolden('stats.json');

describe('lag-1 autocorrelation', () => {
  for (const c of golden.autocorrelation as { values: number[]; acf1: number }[]) {
    it(`matches numpy's on ${c.values.length} values starting ${c.values[0]}`, () => {
      expect(closeTo(lag1Autocorrelation(c.values), c.acf1, 1e-9, 1e-15)).toBe(true);
    });
  }

  it('is 0 for a series constant up to rounding (0.84 - 0.80 is not exactly 0.04)', () => {
    const d = Array.from({ length: 30 }, (_, i) => (0.84 + (i % 3) * 1e-17) - 0.8);
    expect(lag1Autocorrelation(d)).toBe(0);
    expect(effectiveSampleSize(d)).toBeCloseTo(30 * (1 - 1 / 30) / (1 + 1 / 30), 9);
  });
});

/** `count` AR(1) series of n values with lag-1 correlation rho and mean 0 (seeded). */
function ar1(count: number, n: number, rho: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: count }, () => {
    let x = gauss() / Math.sqrt(1 - rho * rho);
    return Array.from({ length: n }, () => (x = rho * x + gauss()));
  });
}

describe('champion vs challenger on days that move together (the block bootstrap)', () => {
  it('with independent days, is the ordinary bootstrap: blocks of one, the same interval, ~95% coverage', () => {
    const series = ar1(300, 30, 0, 1);
    let covered = 0;
    const worth: number[] = [];
    for (const [k, x] of series.entries()) {
      const n = effectiveSampleSize(x);
      worth.push(n);
      const ci = bootstrapMeanCi(x, k + 1, blockLength(x.length, n), 1000);
      if (ci[0] <= 0 && 0 <= ci[1]) covered++;
    }
    worth.sort((a, b) => a - b);
    expect(worth[150]).toBeGreaterThan(27);
    expect(blockLength(30, worth[150])).toBe(1);
    expect(blockLength(30, 30)).toBe(1);
    expect(covered / series.length).toBeGreaterThan(0.92);
    const x = series[0];
    expect(bootstrapMeanCi(x, 5, 1, 1000)).toEqual(bootstrapMeanCi(x, 5, 1, 1000));
  });

  it('with a 0.5 lag-1 correlation and no real difference, recommends a promotion far less often than resampling days one by one', () => {
    // A promotion is recommended when the whole 95% interval is above 0 (nominal rate 2.5%), and
    // only when the days are worth at least 7 independent ones.
    const series = ar1(300, 30, 0.5, 2);
    let oneByOne = 0;
    let blocks = 0;
    for (const [k, x] of series.entries()) {
      if (bootstrapMeanCi(x, k + 1, 1, 1000)[0] > 0) oneByOne++;
      const n = effectiveSampleSize(x);
      if (n >= 7 && bootstrapMeanCi(x, k + 1, blockLength(x.length, n), 1000)[0] > 0) blocks++;
    }
    // Measured over four seeds: one by one 13-15%, blocks 6-10%.
    expect(oneByOne / series.length).toBeGreaterThan(0.12);
    expect(blocks / series.length).toBeLessThan(0.12);
    expect(blocks).toBeLessThan(oneByOne * 0.8);
  });

  it('counts strongly dependent days as few: 30 days at 0.9 are worth under 7 independent ones', () => {
    const worth = ar1(200, 30, 0.9, 3).map(effectiveSampleSize).sort((a, b) => a - b);
    expect(worth[100]).toBeLessThan(7);
    expect(blockLength(30, 3)).toBe(10);
    expect(blockLength(30, 1)).toBe(15);
    expect(blockLength(30, 30)).toBe(1);
  });
});

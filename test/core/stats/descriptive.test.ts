import { describe, it, expect } from 'vitest';
import { mean } from '../../../src/core/stats/mean.ts';
import { variance } from '../../../src/core/stats/variance.ts';
import { standardDeviation } from '../../../src/core/stats/standard-deviation.ts';
import { quantileSorted } from '../../../src/core/stats/quantile-sorted.ts';
import { weightedMean } from '../../../src/core/stats/weighted-mean.ts';
import { weightedVariance } from '../../../src/core/stats/weighted-variance.ts';
import { sum } from '../../../src/core/stats/sum.ts';
import { roundHalfEven } from '../../../src/core/stats/round-half-even.ts';
import { mismatches } from '../../golden/compare.ts';
import { loadGolden } from '../../golden/load.ts';

const golden = loadGolden('stats.json');

describe('descriptive statistics match numpy', () => {
  for (const c of golden.descriptive) {
    it(`on ${c.values.length} value(s) starting ${c.values[0]}`, () => {
      expect(mismatches([{ name: 'mean', got: mean(c.values), want: c.mean }])).toEqual([]);
      expect(
        mismatches(
          [
            { name: 'variance', got: variance(c.values), want: c.variance },
            { name: 'std', got: standardDeviation(c.values), want: c.std },
          ],
          1e-9,
          1e-12,
        ),
      ).toEqual([]);
      const sorted = [...c.values].sort((a: number, b: number) => a - b);
      // numpy's linear quantile, exactly.
      expect(mismatches(c.quantiles.map(([p, q]: [number, number]) => ({ name: `quantile ${p}`, got: quantileSorted(sorted, p), want: q })), 0, 0)).toEqual([]);
    });
  }

  it('weighted mean and variance equal the repeated-sample ones', () => {
    const values = [1, 2, 4];
    const weights = [2, 1, 3];
    const repeated = [1, 1, 2, 4, 4, 4];
    expect(
      mismatches([
        { name: 'weighted mean', got: weightedMean(values, weights), want: mean(repeated) },
        { name: 'weighted variance', got: weightedVariance(values, weights), want: variance(repeated) },
      ]),
    ).toEqual([]);
  });

  it('compensated sum keeps small terms next to large ones', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
  });

  it('rounds half to even like np.round', () => {
    expect([0.5, 1.5, 2.5, -2.5, 5000.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -2, 5000, 2, 3]);
  });

  it('refuses empty input with a clear message', () => {
    expect(() => mean([])).toThrow('mean requires at least one data point');
    expect(() => variance([])).toThrow('variance requires at least one data point');
    expect(() => standardDeviation([])).toThrow(/at least one data point/);
    expect(() => quantileSorted([], 0.5)).toThrow(/at least one data point/);
    expect(() => quantileSorted([1], 1.5)).toThrow(/between 0 and 1/);
    expect(() => weightedMean([1, 2], [0, 0])).toThrow(/positive total weight/);
  });
});

import { describe, it, expect } from 'vitest';
import { wassersteinDistance } from '../../../src/core/stats/wasserstein-distance.ts';
import { jensenShannonDistance } from '../../../src/core/stats/jensen-shannon-distance.ts';
import { klDivergence } from '../../../src/core/stats/kl-divergence.ts';
import { psi } from '../../../src/core/stats/psi.ts';
import { chiSquareTest } from '../../../src/core/stats/chi-square-test.ts';
import { twoProportionZTest } from '../../../src/core/stats/two-proportion-z-test.ts';
import { sturgesBinEdges } from '../../../src/core/stats/histogram-bin-edges.ts';
import { histogramCounts } from '../../../src/core/stats/histogram-counts.ts';
import { closeTo, loadGolden } from '../../golden/load.ts';

const golden = loadGolden('stats.json');

function expectClose(actual: number, expected: number, label: string): void {
  expect(closeTo(actual, expected, 1e-9, 1e-15), `${label}: got ${actual}, scipy ${expected}`).toBe(true);
}

describe('wassersteinDistance equals scipy.stats.wasserstein_distance', () => {
  for (const c of golden.wasserstein) {
    it(c.name, () => {
      const d = wassersteinDistance(c.u, c.v, c.u_weights ?? undefined, c.v_weights ?? undefined);
      expectClose(d, c.distance, c.name);
    });
  }
  it('refuses negative weights, mismatched weights and all-zero weights', () => {
    expect(() => wassersteinDistance([1], [2], [-1])).toThrow(/non-negative/);
    expect(() => wassersteinDistance([1, 2], [2], [1])).toThrow(/one weight per value/);
    expect(() => wassersteinDistance([1], [2], [0])).toThrow(/sum to zero/);
    expect(() => wassersteinDistance([], [2])).toThrow(/empty/);
  });
});

describe('jensenShannonDistance equals scipy.spatial.distance.jensenshannon', () => {
  for (const c of golden.jensenshannon) {
    it(`p=${JSON.stringify(c.p)} q=${JSON.stringify(c.q)}`, () => {
      expectClose(jensenShannonDistance(c.p, c.q), c.natural, 'natural log');
      expectClose(jensenShannonDistance(c.p, c.q, 2), c.base2, 'base 2');
    });
  }
});

describe('klDivergence equals scipy.stats.entropy(p, q)', () => {
  for (const c of golden.entropy) {
    it(`p=${JSON.stringify(c.p)} q=${JSON.stringify(c.q)}`, () => {
      expectClose(klDivergence(c.p, c.q), c.entropy, 'KL');
    });
  }
});

describe('chiSquareTest equals scipy.stats.chisquare', () => {
  for (const c of golden.chisquare) {
    it(`f_obs=${JSON.stringify(c.f_obs)} f_exp=${JSON.stringify(c.f_exp)}`, () => {
      const r = chiSquareTest(c.f_obs, c.f_exp ?? undefined);
      expectClose(r.statistic, c.statistic, 'statistic');
      expectClose(r.pValue, c.pvalue, 'p-value');
    });
  }
  it('refuses totals that disagree, as scipy does', () => {
    expect(() => chiSquareTest([10, 10], [5, 5])).toThrow(/must agree/);
  });
});

describe('sturgesBinEdges and histogramCounts equal numpy', () => {
  for (const c of golden.sturges) {
    it(`on ${c.values.length} values`, () => {
      const edges = sturgesBinEdges(c.values);
      expect(edges).toEqual(c.edges);
      expect(histogramCounts(c.values, edges)).toEqual(c.counts);
    });
  }
});

describe('psi follows Evidently’s formula', () => {
  it('is Σ (r − c)·ln(r / c) on the shares as given', () => {
    const r = [0.2, 0.3, 0.5];
    const c = [0.25, 0.25, 0.5];
    const expected = (0.2 - 0.25) * Math.log(0.2 / 0.25) + (0.3 - 0.25) * Math.log(0.3 / 0.25);
    expect(psi(r, c)).toBeCloseTo(expected, 15);
  });
  it('is zero for identical shares', () => {
    expect(psi([0.1, 0.9], [0.1, 0.9])).toBe(0);
  });
});

describe('twoProportionZTest follows Evidently’s z_stattest', () => {
  it('computes the pooled z and the two-sided p-value', () => {
    // 30/100 vs 45/100: P = 0.375, z = -0.15 / sqrt(0.375·0.625·0.02)
    const r = twoProportionZTest(30, 100, 45, 100);
    const z = -0.15 / Math.sqrt(0.375 * 0.625 * 0.02);
    expect(r.statistic).toBeCloseTo(z, 14);
    expect(r.pValue).toBeCloseTo(0.02846, 4);
  });
  it('returns p = 1 when both groups are all one category', () => {
    expect(twoProportionZTest(0, 10, 0, 20).pValue).toBe(1);
  });
});

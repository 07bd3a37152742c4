import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../src/core/stats/benjamini-hochberg.ts';
import { chiSquareHomogeneity } from '../../../src/core/stats/chi-square-homogeneity.ts';
import { kolmogorovLimitSf } from '../../../src/core/stats/kolmogorov-limit.ts';
import { mismatches } from '../../golden/compare.ts';
import { loadGolden } from '../../golden/load.ts';

/** test/golden/multitest-pypi.json (scripts/golden/multitest_ref.py). */
const golden = loadGolden('multitest-pypi.json');

describe(`two-sample chi-square matches scipy ${golden.scipy} chi2_contingency (no continuity correction)`, () => {
  for (const c of golden.chi2_contingency) {
    it(`${c.a.length} categories, ${c.a.reduce((x: number, y: number) => x + y, 0)} vs ${c.b.reduce((x: number, y: number) => x + y, 0)} counts`, () => {
      const r = chiSquareHomogeneity(c.a, c.b);
      expect(r.degreesOfFreedom).toBe(c.dof);
      expect(mismatches([{ name: 'statistic', got: r.statistic, want: c.statistic }], 1e-10, 1e-12)).toEqual([]);
      expect(mismatches([{ name: 'p-value', got: r.pValue, want: c.p_value }], 1e-9, 1e-300)).toEqual([]);
    });
  }
  it('cannot test one category, and says so with NaN', () => {
    expect(chiSquareHomogeneity([5, 0], [9, 0]).pValue).toBeNaN();
  });
});

describe(`Benjamini-Hochberg matches statsmodels ${golden.statsmodels} fdr_bh`, () => {
  for (const c of golden.fdr_bh) {
    it(`on ${c.p.length} p-values`, () => {
      const got = benjaminiHochberg(c.p);
      expect(got).toHaveLength(c.adjusted.length);
      expect(mismatches(got.map((x, i) => ({ name: `adjusted p[${i}]`, got: x, want: c.adjusted[i] })), 1e-12, 1e-15)).toEqual([]);
    });
  }
  it('leaves tests that could not run out of the count', () => {
    expect(benjaminiHochberg([0.01, NaN, 0.02])).toEqual([0.02, NaN, 0.02]);
  });
});

describe(`the binned KS p-value is Kolmogorov's limit (scipy ${golden.scipy} special.kolmogorov) at Stephens' argument`, () => {
  for (const [d, n1, n2, want] of golden.kolmogorov_limit) {
    it(`D ${d} on ${n1} and ${n2} values`, () => {
      expect(mismatches([{ name: 'kolmogorov sf', got: kolmogorovLimitSf(d, n1, n2), want }], 1e-10, 1e-300)).toEqual([]);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/core/stats/normal-quantile.ts';
import { regularizedBeta } from '../../../src/core/stats/regularized-beta.ts';
import { studentTCdf, studentTQuantile } from '../../../src/core/stats/student-t.ts';
import { closeTo, loadGolden } from '../../golden/load.ts';

/** test/golden/tdist-pypi.json: scipy's values (scripts/golden/tdist_ref.py). */
const golden = loadGolden('tdist-pypi.json');

describe(`the t distribution and its special functions match scipy ${golden.scipy}`, () => {
  it(`regularised incomplete beta on ${golden.betainc.length} (x, a, b), tails included`, () => {
    for (const [x, a, b, want] of golden.betainc) {
      const got = regularizedBeta(x, a, b);
      expect(closeTo(got, want, 1e-11, 1e-300), `I_${x}(${a}, ${b}) = ${got}, scipy ${want}`).toBe(true);
    }
  });

  it(`Student t CDF on ${golden.t_cdf.length} (t, df), fractional df included`, () => {
    for (const [t, df, want] of golden.t_cdf) {
      const got = studentTCdf(t, df);
      // At a million degrees of freedom ln B(a, ½) is a difference of large log-gammas: ~1e-8.
      expect(closeTo(got, want, df > 1e5 ? 1e-8 : 1e-10, 1e-300), `t.cdf(${t}, ${df}) = ${got}, scipy ${want}`).toBe(true);
    }
  });

  it(`Student t quantile on ${golden.t_ppf.length} (p, df)`, () => {
    for (const [p, df, want] of golden.t_ppf) {
      const got = studentTQuantile(p, df);
      expect(closeTo(got, want, 1e-9, 1e-12), `t.ppf(${p}, ${df}) = ${got}, scipy ${want}`).toBe(true);
    }
  });

  it(`normal quantile on ${golden.norm_ppf.length} p from 1e-300 to 1 - 1e-12`, () => {
    for (const [p, want] of golden.norm_ppf) {
      const got = normalQuantile(p);
      expect(closeTo(got, want, 1e-12, 1e-15), `norm.ppf(${p}) = ${got}, scipy ${want}`).toBe(true);
    }
  });

  it('refuses what has no value, naming the argument', () => {
    expect(() => studentTCdf(1, 0)).toThrow('studentTCdf needs df > 0 (got 0)');
    expect(() => studentTQuantile(1.2, 5)).toThrow('studentTQuantile needs 0 <= p <= 1 (got 1.2)');
    expect(() => regularizedBeta(0.5, -1, 2)).toThrow('regularizedBeta needs a > 0 and b > 0');
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });
});

import { describe, it, expect } from 'vitest';
import { smirnovSf } from '../../../src/core/stats/smirnov.ts';
import { kolmogorovNSf } from '../../../src/core/stats/kolmogorov-n.ts';
import { ksTwoSample, ksTwoSamplePValue } from '../../../src/core/stats/ks-two-sample.ts';
import { closeTo, loadGolden } from '../../golden/load.ts';

const golden = loadGolden('stats.json');

function expectClose(actual: number, expected: number, label: string, rtol = 1e-9): void {
  expect(closeTo(actual, expected, rtol), `${label}: got ${actual}, scipy ${expected}`).toBe(true);
}

describe('Kolmogorov distributions match scipy', () => {
  it('smirnovSf matches scipy.special.smirnov over small and large n', () => {
    for (const [n, x, v] of golden.smirnov) expectClose(smirnovSf(n, x), v, `smirnov(${n}, ${x})`);
  });
  it('kolmogorovNSf matches scipy.stats.kstwo.sf in every algorithm branch', () => {
    for (const [n, x, v] of golden.kstwo_sf) expectClose(kolmogorovNSf(n, x), v, `kstwo.sf(${x}, ${n})`);
  });
});

describe('ksTwoSamplePValue matches scipy’s exact computation, with its fallback when that overshoots 1', () => {
  for (const c of golden.ks_exact) {
    it(`n1=${c.n1}, n2=${c.n2}, d=${c.d}`, () => {
      const r = ksTwoSamplePValue(c.d, c.n1, c.n2);
      expect(r.method).toBe(c.method);
      expectClose(r.statistic, c.d_used, 'snapped d');
      expectClose(r.pValue, c.p, `p(${c.n1}, ${c.n2}, ${c.d})`);
    });
  }
});

describe('ksTwoSample equals scipy.stats.ks_2samp(a, b)', () => {
  for (const c of golden.ks_2samp) {
    it(`${c.name} (${c.a.length} vs ${c.b.length}, ${c.method})`, () => {
      const r = ksTwoSample(c.a, c.b);
      expect(r.method).toBe(c.method);
      expectClose(r.statistic, c.statistic, 'statistic');
      expectClose(r.pValue, c.pvalue, 'p-value');
    });
  }

  it('refuses empty samples and NaN', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/non-empty/);
    expect(() => ksTwoSample([1, NaN], [1])).toThrow(/NaN/);
  });

  it('tests 2 × 10,000 values with the exact p-value', () => {
    const a = Array.from({ length: 10_000 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const b = Array.from({ length: 10_000 }, (_, i) => (Math.sin(i * 78.233) * 12345.678 % 1) + 0.01);
    const r = ksTwoSample(a, b);
    expect(r.method).toBe('exact');
  });
});

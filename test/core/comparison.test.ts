import { describe, expect, it } from 'vitest';
import { detrendedLag1, meanBounds, pairedVerdict, residualsAboutLine } from '../../src/core/comparison.ts';
import { ar1SumVariance } from '../../src/core/noise/ar1.ts';
import { simulateChampion } from '../../scripts/alarms/champion.ts';

describe('the pieces of the champion test', () => {
  it('takes residuals about the least-squares line (a straight line leaves none)', () => {
    const line = Array.from({ length: 20 }, (_, i) => 0.8 - 0.001 * i);
    expect(residualsAboutLine(line).flatMap((r, day) => (Math.abs(r) < 1e-12 ? [] : [{ day, residual: r }]))).toEqual([]);
    expect(detrendedLag1(line)).toBe(0);
  });

  it('sums AR(1) covariances in closed form: the brute-force double sum of ρ^|i−j|', () => {
    for (const [n, rho] of [[1, 0.5], [7, 0.3], [30, 0.8], [56, 0.95]] as const) {
      let brute = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) brute += rho ** Math.abs(i - j);
      expect(ar1SumVariance(n, rho), `n ${n}, ρ ${rho}`).toBeCloseTo(brute, 9);
    }
  });

  it('widens the bounds when days move together', () => {
    const d = Array.from({ length: 30 }, (_, i) => 0.01 + 0.005 * Math.sin(i));
    const independent = meanBounds(d, 0);
    const together = meanBounds(d, 0.6);
    expect(together.upper - together.lower).toBeGreaterThan(2 * (independent.upper - independent.lower));
  });
});

describe('champion vs challenger: size and power on seeded AR(1) streams', () => {
  const rate = (phi: number, days: number, effect: number, seed: number) => {
    const r = simulateChampion({ phi, days, effect }, 2000, seed);
    return r.promote / r.reps;
  };

  it('promotes a challenger that is no better at most 5% of the time, whether days move together a little or a lot', () => {
    expect(rate(0, 30, 0, 1)).toBeLessThanOrEqual(0.05);
    expect(rate(0.5, 30, 0, 2)).toBeLessThanOrEqual(0.05);
    expect(rate(0.8, 30, 0, 3)).toBeLessThanOrEqual(0.05);
    expect(rate(0.8, 60, 0, 4)).toBeLessThanOrEqual(0.05);
  });

  it('promotes a challenger better by one daily standard deviation over 30 days at correlation 0.5 about 90% of the time', () => {
    expect(rate(0.5, 30, 1, 5)).toBeGreaterThanOrEqual(0.88);
    expect(rate(0.5, 60, 1, 6)).toBeGreaterThanOrEqual(0.98);
  });

  it('recommends promotion when the challenger was better on 30 of 30 days by +0.037 while the champion declined', () => {
    // The champion falls from 0.80 to 0.77 over the month (the reason to compare); the challenger holds.
    const wobble = (i: number) => 0.004 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.9);
    const champion = Array.from({ length: 120 }, (_, i) => 0.8 - (i >= 90 ? (0.03 * (i - 90)) / 29 : 0) + wobble(i));
    const challenger = Array.from({ length: 30 }, (_, i) => 0.822 + wobble(i + 50));
    const d = challenger.map((x, i) => x - champion[90 + i]);
    expect(d.flatMap((x, day) => (x > 0 ? [] : [{ day, difference: x }]))).toEqual([]);
    expect(d.reduce((a, b) => a + b, 0) / 30).toBeCloseTo(0.037, 2);
    const v = pairedVerdict(d, champion.slice(0, 90));
    expect(v.recommendation).toBe('promote');
    expect(v.bounds!.lower).toBeGreaterThan(0.02);
  });

  it('says there is not enough data on 5 paired days', () => {
    expect(pairedVerdict([0.1, 0.1, 0.2, 0.1, 0.1], []).recommendation).toBe('not_enough_data');
  });
});

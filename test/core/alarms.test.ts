/**
 * The pieces behind alarms a team can trust: noise measured from a series' own history, levels
 * that do not flap, a drift test that holds its false-positive rate against a small reference.
 */
import { describe, expect, it } from 'vitest';
import { Hysteresis } from '../../src/core/checks/hysteresis.ts';
import { featureEvidence, judgeFeatures } from '../../src/core/drift/health.ts';
import { driftTest } from '../../src/core/drift/index.ts';
import { noiseOf } from '../../src/core/noise/estimate.ts';
import { metricKind, samplingVariance } from '../../src/core/noise/metric-kind.ts';
import { WindowStats } from '../../src/core/noise/window-stats.ts';
import { mulberry32 } from '../../src/core/random.ts';

const DAY = 86_400_000;
const gaussian = (seed: number) => {
  const u = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
};

describe('levels that do not flap (hysteresis)', () => {
  const step = (h: Hysteresis, lower: number, estimate: number, upper: number, day: number) => h.step({ lower, estimate, upper }, day * DAY);

  it('enters amber only when the shortfall is past 5% beyond the noise', () => {
    const h = new Hysteresis(0.05, 0.1);
    expect(step(h, 0.02, 0.06, 0.1, 1)).toBe('green'); // 6% worse, but within the noise
    expect(step(h, 0.051, 0.07, 0.09, 2)).toBe('amber');
    expect(h.since).toBe(2 * DAY);
  });

  it('holds amber while the estimate wavers, and leaves it after 7 days back within 5%', () => {
    const h = new Hysteresis(0.05, 0.1);
    step(h, 0.06, 0.07, 0.08, 0);
    const days = [0.049, 0.051, 0.048, 0.047, 0.046, 0.045, 0.044, 0.043, 0.042];
    const levels = days.map((e, i) => step(h, e - 0.01, e, e + 0.01, i + 1));
    // The wobble above 5% on day 2 restarts the count; day 9 is the 7th day in a row within 5%.
    expect(levels).toEqual(['amber', 'amber', 'amber', 'amber', 'amber', 'amber', 'amber', 'amber', 'green']);
  });

  it('leaves red after 3 days clearly back, for amber when the estimate still is past 5%', () => {
    const h = new Hysteresis(0.05, 0.1);
    step(h, 0.12, 0.15, 0.18, 0);
    expect([1, 2, 3].map((d) => step(h, 0.05, 0.07, 0.09, d))).toEqual(['red', 'red', 'amber']);
  });

  it('turns red at once when a fall is past 10% beyond the noise, whatever the level was', () => {
    const h = new Hysteresis(0.05, 0.1);
    step(h, 0, 0.01, 0.02, 0);
    expect(step(h, 0.11, 0.2, 0.29, 1)).toBe('red');
  });
});

describe('noise measured from the series itself', () => {
  it('gives sums over any range in O(1) that equal the direct ones', () => {
    const g = gaussian(1);
    const value = Array.from({ length: 200 }, () => 1000 + g());
    const stats = new WindowStats({ metric: 'latency', t: value.map((_, i) => i), value, n: value.map(() => NaN) });
    for (const [i, j] of [[0, 200], [17, 60], [150, 158]]) {
      const xs = value.slice(i, j);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
      const cross = xs.slice(0, -1).reduce((a, x, k) => a + (x - mean) * (xs[k + 1] - mean), 0);
      const r = stats.range(i, j);
      expect(r.mean).toBeCloseTo(mean, 9);
      expect(r.ss).toBeCloseTo(ss, 6);
      expect(r.cross).toBeCloseTo(cross, 6);
      expect(r.sampling).toBeNaN(); // a latency has no sampling formula
    }
  });

  it('recovers how strongly days move together on a long AR(1) series, erring on the side of more', () => {
    for (const phi of [0, 0.5, 0.9]) {
      const g = gaussian(7);
      let x = 0;
      const value = Array.from({ length: 4000 }, () => (x = phi * x + Math.sqrt(1 - phi * phi) * g()));
      const stats = new WindowStats({ metric: 'rmse', t: value.map((_, i) => i), value, n: value.map(() => NaN) });
      const noise = noiseOf(stats, 0, value.length)!;
      expect(noise.phi).toBeGreaterThanOrEqual(phi - 0.02);
      expect(noise.phi).toBeLessThanOrEqual(phi + 0.05);
      expect(noise.sd).toBeCloseTo(1, 1);
    }
  });

  it('knows the sampling noise of rates and AUC from n (Hanley & McNeil at balanced classes)', () => {
    expect(metricKind('roc_auc')).toBe('auc');
    expect(metricKind('approval_rate')).toBe('proportion');
    expect(metricKind('rmse')).toBe('other');
    expect(Math.sqrt(samplingVariance('proportion', 0.3, 100))).toBeCloseTo(Math.sqrt(0.21 / 100), 12);
    // A = 0.8 with 50 positives and 50 negatives: SE 0.0445 (Hanley & McNeil 1982, equation 2).
    expect(Math.sqrt(samplingVariance('auc', 0.8, 100))).toBeCloseTo(0.0445, 4);
    expect(samplingVariance('other', 3.2, 100)).toBeNaN();
  });
});

describe('drift tests that hold their false-positive rate', () => {
  /** Counts from one categorical distribution, drawn with a seeded generator. */
  const draw = (u: () => number, n: number, p: number[]) => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      let r = u();
      let k = 0;
      while (k < p.length - 1 && r >= p[k]) r -= p[k++];
      counts[`c${k}`] = (counts[`c${k}`] ?? 0) + 1;
    }
    return counts;
  };
  const p = [0.4, 0.3, 0.2, 0.1];

  it('calls two samples of one distribution different about 5% of the time at p 0.05, with a 500-row reference and 14,000 current rows', () => {
    const u = mulberry32(11);
    let twoSample = 0;
    let goodnessOfFit = 0;
    const runs = 400;
    for (let k = 0; k < runs; k++) {
      const ref = { type: 'categorical' as const, counts: draw(u, 500, p) };
      const cur = { type: 'categorical' as const, counts: draw(u, 14_000, p) };
      if ((featureEvidence(ref, cur).p_value ?? 1) <= 0.05) twoSample++;
      if (driftTest(ref, cur, { method: 'chisquare' }).drifted) goodnessOfFit++;
    }
    expect(twoSample / runs).toBeGreaterThan(0.02);
    expect(twoSample / runs).toBeLessThan(0.09);
    // Evidently's test takes the 500 reference rows as exact proportions: "drift" most of the time (96% here).
    expect(goodnessOfFit / runs).toBeGreaterThan(0.5);
  });

  it('needs a change that is both significant over the features and worth a PSI of 0.1', () => {
    const ref = { type: 'numeric' as const, histogram: { edges: [0, 1, 2, 3, 4], counts: [25_000, 25_000, 25_000, 25_000] } };
    const tiny = { type: 'numeric' as const, histogram: { edges: [0, 1, 2, 3, 4], counts: [23_500, 25_000, 25_000, 26_500] } };
    const big = { type: 'numeric' as const, histogram: { edges: [0, 1, 2, 3, 4], counts: [10_000, 20_000, 30_000, 40_000] } };
    const [a, b] = judgeFeatures([featureEvidence(ref, tiny), featureEvidence(ref, big)]);
    expect(a.p_value!).toBeLessThan(1e-6);
    expect(a.drifted).toBe(false);
    expect(a.reason).toMatch(/^change too small to matter \(PSI 0\.00\d+ < 0\.1; KS p-value/);
    expect(b.drifted).toBe(true);
    expect(b.reason).toMatch(/^distribution changed \(PSI 0\.\d+ >= 0\.1; KS p-value/);
  });
});

/**
 * Sums over any range of a metric series' points in O(1), for judging it day after day: prefix
 * sums of the values (shifted by the first value, so sums of squares keep their precision), of
 * their squares, of neighbouring products, and of each point's sampling variance where `n` gives
 * one.
 */
import { metricKind, samplingVariance } from './metric-kind.ts';
import type { MetricSeries } from '../input.ts';

export interface RangeStats {
  /** Points in the range. */
  n: number;
  mean: number;
  /** Σ (v − mean)². */
  ss: number;
  /** Σ (vₖ − mean)(vₖ₊₁ − mean) over neighbouring points of the range. */
  cross: number;
  /** Σ of the points' sampling variances, when every point has one (else NaN). */
  sampling: number;
}

export class WindowStats {
  readonly t: number[];
  readonly length: number;
  private readonly shift: number;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly lag: Float64Array;
  private readonly sv: Float64Array;
  private readonly svKnown: Int32Array;

  constructor(series: Pick<MetricSeries, 'metric' | 't' | 'value' | 'n'>, end = series.t.length) {
    this.t = series.t;
    this.length = end;
    const v = series.value;
    this.shift = end > 0 ? v[0] : 0;
    this.s1 = new Float64Array(end + 1);
    this.s2 = new Float64Array(end + 1);
    this.lag = new Float64Array(Math.max(1, end));
    this.sv = new Float64Array(end + 1);
    this.svKnown = new Int32Array(end + 1);
    const kind = metricKind(series.metric);
    for (let i = 0; i < end; i++) {
      const x = v[i] - this.shift;
      this.s1[i + 1] = this.s1[i] + x;
      this.s2[i + 1] = this.s2[i] + x * x;
      if (i + 1 < end) this.lag[i + 1] = this.lag[i] + x * (v[i + 1] - this.shift);
      const s = kind === 'other' ? NaN : samplingVariance(kind, v[i], series.n[i]);
      this.sv[i + 1] = this.sv[i] + (Number.isNaN(s) ? 0 : s);
      this.svKnown[i + 1] = this.svKnown[i] + (Number.isNaN(s) ? 0 : 1);
    }
  }

  /** Statistics of points [i, j). */
  range(i: number, j: number): RangeStats {
    const n = j - i;
    if (n <= 0) return { n: 0, mean: NaN, ss: 0, cross: 0, sampling: NaN };
    const sum = this.s1[j] - this.s1[i];
    const m = sum / n;
    const ss = Math.max(0, this.s2[j] - this.s2[i] - sum * m);
    let cross = 0;
    if (n >= 2) {
      const products = this.lag[j - 1] - this.lag[i];
      const left = this.s1[j - 1] - this.s1[i];
      const right = this.s1[j] - this.s1[i + 1];
      cross = products - m * (left + right) + (n - 1) * m * m;
    }
    const known = this.svKnown[j] - this.svKnown[i];
    return { n, mean: m + this.shift, ss, cross, sampling: known === n ? this.sv[j] - this.sv[i] : NaN };
  }
}

import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export interface RollingMeanParams {
  window: number;
  expected: number;
  higher_is_better: boolean;
  amber: number;
  red: number;
}

export const ROLLING_MEAN_PARAMS: Record<keyof RollingMeanParams, ParamSpec> = {
  window: { type: 'integer', default: 10, description: 'How many of the latest values are averaged.' },
  expected: { type: 'number', description: 'The expected (baseline) value of the metric; must not be 0.' },
  higher_is_better: { type: 'boolean', default: true, description: 'Whether a rise (true) or a fall (false) of the metric is an improvement.' },
  amber: { type: 'number', default: 0.05, description: 'Relative degradation at which a warning is raised (0.05 = 5%).' },
  red: { type: 'number', default: 0.1, description: 'Relative degradation at which drift is signalled (0.10 = 10%).' },
};

/**
 * The simple performance check: the mean of the last `window` values (default 10)
 * against an `expected` value, as a relative change
 *   change = (rolling mean − expected) / |expected|.
 * The degradation is −change when higher is better and +change when lower is better;
 * warning when degradation >= amber (default 0.05), drift when degradation >= red
 * (default 0.10; the warning flag is then off, as DDM does). No verdict until `window`
 * values were seen — the minimum-sample guard. Unlike River's detectors it does not
 * reset: the flags describe the current rolling window, so they stay on while the
 * metric stays degraded.
 */
export class RollingMeanTracker implements Detector {
  readonly sustained = true;
  readonly params: RollingMeanParams;
  private readonly values: number[] = [];
  private total = 0;
  private drift = false;
  private warning = false;
  private change: number | null = null;

  constructor(params: Partial<RollingMeanParams> & { expected: number }) {
    this.params = {
      window: params.window ?? 10,
      expected: params.expected,
      higher_is_better: params.higher_is_better ?? true,
      amber: params.amber ?? 0.05,
      red: params.red ?? 0.1,
    };
    const p = this.params;
    if (!Number.isInteger(p.window) || p.window < 1) throw new Error(`rolling-mean window must be a positive integer (got ${p.window})`);
    if (typeof p.expected !== 'number' || !Number.isFinite(p.expected) || p.expected === 0) {
      throw new Error(`rolling-mean expected must be a finite, non-zero number, e.g. expected: 0.92 (got ${String(p.expected)})`);
    }
    if (!(p.amber >= 0) || !(p.red >= 0) || p.amber > p.red) {
      throw new Error(`rolling-mean thresholds need 0 <= amber <= red (got amber=${p.amber}, red=${p.red})`);
    }
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return this.warning;
  }

  /** Relative change of the rolling mean from `expected` (−0.07 = 7% below); null until the window is full. */
  get relativeChange(): number | null {
    return this.change;
  }

  /** {@link relativeChange} in percent (−7 = 7% below expected); null until the window is full. */
  get percentChange(): number | null {
    return this.change === null ? null : this.change * 100;
  }

  /** Mean of the values in the window; null before any value. */
  get rollingMean(): number | null {
    return this.values.length === 0 ? null : this.total / this.values.length;
  }

  update(x: number): void {
    assertFiniteInput('rolling-mean', x);
    this.values.push(x);
    this.total += x;
    if (this.values.length > this.params.window) this.total -= this.values.shift() as number;
    if (this.values.length < this.params.window) {
      this.change = null;
      this.drift = false;
      this.warning = false;
      return;
    }
    // Re-sum the short window instead of trusting the running total, so no rounding accumulates.
    let s = 0;
    for (const v of this.values) s += v;
    this.total = s;
    const mean = s / this.values.length;
    this.change = (mean - this.params.expected) / Math.abs(this.params.expected);
    const degradation = this.params.higher_is_better ? -this.change : this.change;
    this.drift = degradation >= this.params.red;
    this.warning = !this.drift && degradation >= this.params.amber;
  }
}

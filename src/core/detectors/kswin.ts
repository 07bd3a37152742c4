import { ksTwoSample } from '../stats/ks-two-sample.ts';
import { PythonRandom } from '../stats/python-random.ts';
import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export interface KswinParams {
  alpha: number;
  window_size: number;
  stat_size: number;
  /** Seed of Python's random.Random; undefined draws a fresh seed (River's seed=None). */
  seed: number | undefined;
}

export const KSWIN_PARAMS: Record<keyof KswinParams, ParamSpec> = {
  alpha: { type: 'number', default: 0.005, description: 'KS p-value at or below which (with D > 0.1) drift is signalled.' },
  window_size: { type: 'integer', default: 100, description: 'Length of the sliding window.' },
  stat_size: { type: 'integer', default: 30, description: 'Length of the most recent part compared against a random draw from the rest.' },
  seed: { type: 'integer', optional: true, description: "Seed for Python's random.Random, for reproducible draws." },
};

/**
 * KSWIN (Kolmogorov–Smirnov windowing), equivalent to River's `drift.KSWIN`
 * (river/drift/kswin.py), same parameters and defaults: alpha = 0.005,
 * window_size = 100, stat_size = 30, seed = None.
 *
 * Keeps the last `window_size` values. Once the window is full, every update draws
 * `stat_size` positions from the older `window_size − stat_size` values with Python's
 * `random.Random(seed).sample` (reproduced bit for bit by {@link PythonRandom}) and runs
 * `scipy.stats.ks_2samp(drawn, most_recent)` — River calls it with the default
 * method='auto', i.e. the exact p-value for these sizes. Drift when p <= alpha and
 * D > 0.1. As in River, the update after a drift resets everything, including
 * re-seeding the generator. River's `window` (pre-filled data) is not supported.
 *
 * Reference: Raab, C., Heusinger, M. & Schleif, F.-M. (2020), "Reactive soft prototype
 * computing for concept drift streams", Neurocomputing 416.
 */
export class Kswin implements Detector {
  readonly params: KswinParams;
  private readonly seed: number;
  private window: number[] = [];
  private rng: PythonRandom;
  private population: number[];
  private drift = false;
  /** p-value of the last test (0 before the window first fills, as River's `p_value`). */
  pValue = 0;

  constructor(params: Partial<KswinParams> = {}) {
    this.params = { alpha: params.alpha ?? 0.005, window_size: params.window_size ?? 100, stat_size: params.stat_size ?? 30, seed: params.seed };
    const p = this.params;
    if (p.alpha < 0 || p.alpha > 1) throw new Error(`KSWIN alpha must be between 0 and 1 (got ${p.alpha})`);
    if (p.window_size < 0) throw new Error(`KSWIN window_size must be greater than 0 (got ${p.window_size})`);
    if (p.window_size < p.stat_size) throw new Error(`KSWIN stat_size must be smaller than window_size (got stat_size=${p.stat_size}, window_size=${p.window_size})`);
    if (p.stat_size < 1 || p.window_size - p.stat_size < p.stat_size) {
      throw new Error(`KSWIN needs 1 <= stat_size <= window_size − stat_size to draw its sample (got stat_size=${p.stat_size}, window_size=${p.window_size})`);
    }
    this.seed = p.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.rng = new PythonRandom(this.seed);
    this.population = Array.from({ length: p.window_size - p.stat_size }, (_, i) => i);
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return false;
  }

  private reset(): void {
    this.window = [];
    this.rng = new PythonRandom(this.seed);
    this.pValue = 0;
    this.drift = false;
  }

  update(x: number): void {
    assertFiniteInput('KSWIN', x);
    if (this.drift) this.reset();
    const { window_size: size, stat_size: stat, alpha } = this.params;
    this.window.push(x);
    if (this.window.length > size) this.window.shift();
    if (this.window.length < size) {
      this.drift = false;
      return;
    }
    const drawn = this.rng.sample(this.population, stat).map((r) => this.window[r]);
    const recent = this.window.slice(size - stat, size);
    const r = ksTwoSample(drawn, recent);
    this.pValue = r.pValue;
    if (r.pValue <= alpha && r.statistic > 0.1) {
      this.drift = true;
      this.window = recent;
    } else {
      this.drift = false;
    }
  }
}

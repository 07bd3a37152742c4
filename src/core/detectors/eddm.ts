import { RunningVariance } from './running-stats.ts';
import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export interface EddmParams {
  warm_start: number;
  alpha: number;
  beta: number;
}

export const EDDM_PARAMS: Record<keyof EddmParams, ParamSpec> = {
  warm_start: { type: 'integer', default: 30, description: 'Errors (and updates) needed before a warning or drift can be signalled.' },
  alpha: { type: 'number', default: 0.95, description: 'Warning when (p′ + 2s′)/(p′ + 2s′)_max < alpha.' },
  beta: { type: 'number', default: 0.9, description: 'Drift when (p′ + 2s′)/(p′ + 2s′)_max < beta.' },
};

/**
 * Early Drift Detection Method, equivalent to River's `drift.binary.EDDM`
 * (river/drift/binary/eddm.py), same parameters and defaults: warm_start = 30,
 * alpha = 0.95, beta = 0.9 (alpha >= beta). Input is an error stream: 1 = error.
 *
 * Tracks the distance between consecutive errors: its running mean p′ and sample std
 * s′ (ddof 1). At each error after `warm_start` updates, p′ + 2s′ either sets a new
 * maximum or, once more than `warm_start` errors were seen, is compared with it:
 * level < beta → drift; level < alpha → warning; otherwise no warning. Between errors
 * the flags keep their values, as in River; the next update after a drift starts over.
 *
 * Reference: Baena-García, M. et al. (2006), "Early drift detection method", Fourth
 * International Workshop on Knowledge Discovery from Data Streams.
 */
export class Eddm implements Detector {
  readonly params: EddmParams;
  private distances = new RunningVariance();
  private n = 0;
  private lastError = 0;
  private errors = 0;
  private p2sMax = -1;
  private drift = false;
  private warning = false;

  constructor(params: Partial<EddmParams> = {}) {
    this.params = { warm_start: params.warm_start ?? 30, alpha: params.alpha ?? 0.95, beta: params.beta ?? 0.9 };
    if (this.params.alpha < this.params.beta) throw new Error(`EDDM 'alpha' must be greater or equal to 'beta' (got alpha=${this.params.alpha}, beta=${this.params.beta})`);
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return this.warning;
  }

  private reset(): void {
    this.distances = new RunningVariance();
    this.n = 0;
    this.lastError = 0;
    this.errors = 0;
    this.p2sMax = -1;
    this.drift = false;
    this.warning = false;
  }

  update(x: number): void {
    assertFiniteInput('EDDM', x);
    if (this.drift) this.reset();
    this.n += 1;
    if (x === 1) {
      this.errors += 1;
      this.distances.update(this.n - this.lastError);
      if (this.n > this.params.warm_start) {
        const p2s = this.distances.mean.mean + 2 * this.distances.get() ** 0.5;
        if (p2s > this.p2sMax) {
          this.p2sMax = p2s;
        } else if (this.errors > this.params.warm_start) {
          const level = p2s / this.p2sMax;
          if (level < this.params.beta) this.drift = true;
          else if (level < this.params.alpha) this.warning = true;
          else this.warning = false;
        }
      }
      this.lastError = this.n;
    }
  }
}

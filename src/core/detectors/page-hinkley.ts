import { RunningMean } from './running-stats.ts';
import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export type PageHinkleyMode = 'up' | 'down' | 'both';

export interface PageHinkleyParams {
  min_instances: number;
  delta: number;
  threshold: number;
  alpha: number;
  mode: PageHinkleyMode;
}

export const PAGE_HINKLEY_PARAMS: Record<keyof PageHinkleyParams, ParamSpec> = {
  min_instances: { type: 'integer', default: 30, description: 'Updates needed before a change can be signalled.' },
  delta: { type: 'number', default: 0.005, description: 'Magnitude of change tolerated (the drift allowance).' },
  threshold: { type: 'number', default: 50, description: 'Detection threshold λ on the cumulative deviation.' },
  alpha: { type: 'number', default: 1 - 0.0001, description: 'Forgetting factor applied to the cumulative sums.' },
  mode: { type: 'string', default: 'both', choices: ['up', 'down', 'both'], description: "Detect increases ('up'), decreases ('down') or both." },
};

/**
 * Page–Hinkley test, equivalent to River's `drift.PageHinkley` (river/drift/
 * page_hinkley.py, the version with `mode`), same parameters and defaults:
 * min_instances = 30, delta = 0.005, threshold = 50, alpha = 1 − 0.0001, mode = 'both'.
 *
 * With x̄ the running mean and d = x − x̄:
 *   S⁺ ← α·S⁺ + d − δ,  S⁻ ← α·S⁻ + d + δ,
 * tracking min S⁺ and max S⁻ (the latter starting at −1, as in River). Once
 * `min_instances` values were seen, drift when S⁺ − min S⁺ > λ ('up'),
 * max S⁻ − S⁻ > λ ('down'), or either ('both'). The next update after a detection
 * starts over. Page–Hinkley has no warning zone.
 *
 * Reference: Page, E. S. (1954), "Continuous inspection schemes", Biometrika 41(1/2).
 */
export class PageHinkley implements Detector {
  readonly params: PageHinkleyParams;
  private mean = new RunningMean();
  private sumIncrease = 0;
  private sumDecrease = 0;
  private minIncrease = Infinity;
  private maxDecrease = -1;
  private drift = false;

  constructor(params: Partial<PageHinkleyParams> = {}) {
    this.params = {
      min_instances: params.min_instances ?? 30,
      delta: params.delta ?? 0.005,
      threshold: params.threshold ?? 50,
      alpha: params.alpha ?? 1 - 0.0001,
      mode: params.mode ?? 'both',
    };
    if (!['up', 'down', 'both'].includes(this.params.mode)) {
      throw new Error(`PageHinkley mode must be one of up, down, both (got ${String(this.params.mode)})`);
    }
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return false;
  }

  private reset(): void {
    this.mean = new RunningMean();
    this.sumIncrease = 0;
    this.sumDecrease = 0;
    this.minIncrease = Infinity;
    this.maxDecrease = -1;
    this.drift = false;
  }

  update(x: number): void {
    assertFiniteInput('PageHinkley', x);
    if (this.drift) this.reset();
    const p = this.params;
    this.mean.update(x);
    const dev = x - this.mean.mean;
    this.sumIncrease = p.alpha * this.sumIncrease + dev - p.delta;
    this.sumDecrease = p.alpha * this.sumDecrease + dev + p.delta;
    if (this.sumIncrease < this.minIncrease) this.minIncrease = this.sumIncrease;
    if (this.sumDecrease > this.maxDecrease) this.maxDecrease = this.sumDecrease;
    if (this.mean.n >= p.min_instances) {
      const up = this.sumIncrease - this.minIncrease > p.threshold;
      const down = this.maxDecrease - this.sumDecrease > p.threshold;
      this.drift = p.mode === 'up' ? up : p.mode === 'down' ? down : up || down;
    }
  }
}

import { RunningMean } from './running-stats.ts';
import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export interface DdmParams {
  warm_start: number;
  warning_threshold: number;
  drift_threshold: number;
}

export const DDM_PARAMS: Record<keyof DdmParams, ParamSpec> = {
  warm_start: { type: 'integer', default: 30, description: 'Updates needed before a warning or drift can be signalled.' },
  warning_threshold: { type: 'number', default: 2, description: 'Warning when p + s > p_min + warning_threshold · s_min.' },
  drift_threshold: { type: 'number', default: 3, description: 'Drift when p + s > p_min + drift_threshold · s_min.' },
};

/**
 * Drift Detection Method, equivalent to River's `drift.binary.DDM`
 * (river/drift/binary/ddm.py), same parameters and defaults: warm_start = 30,
 * warning_threshold = 2, drift_threshold = 3. Input is an error stream: 1 = error,
 * 0 = correct.
 *
 * With p the running error rate and s = sqrt(p(1 − p)/n), once n > warm_start:
 * (p_min, s_min) are updated whenever p + s <= p_min + s_min; warning when
 * p + s > p_min + warning_threshold·s_min; drift when p + s > p_min + drift_threshold·s_min
 * (strict inequalities, as River and MOA). The warning flag keeps its last value until
 * re-evaluated; the next update after a drift starts over.
 *
 * Reference: Gama, J., Medas, P., Castillo, G. & Rodrigues, P. (2004), "Learning with
 * drift detection", SBIA 2004.
 */
export class Ddm implements Detector {
  readonly params: DdmParams;
  private p = new RunningMean();
  private pMin = Infinity;
  private sMin = Infinity;
  private psMin = Infinity;
  private drift = false;
  private warning = false;

  constructor(params: Partial<DdmParams> = {}) {
    this.params = {
      warm_start: params.warm_start ?? 30,
      warning_threshold: params.warning_threshold ?? 2,
      drift_threshold: params.drift_threshold ?? 3,
    };
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return this.warning;
  }

  private reset(): void {
    this.p = new RunningMean();
    this.pMin = Infinity;
    this.sMin = Infinity;
    this.psMin = Infinity;
    this.drift = false;
    this.warning = false;
  }

  update(x: number): void {
    assertFiniteInput('DDM', x);
    if (this.drift) this.reset();
    this.p.update(x);
    const pi = this.p.mean;
    const n = this.p.n;
    const si = Math.sqrt((pi * (1 - pi)) / n);
    if (n > this.params.warm_start) {
      if (pi + si <= this.psMin) {
        this.pMin = pi;
        this.sMin = si;
        this.psMin = this.pMin + this.sMin;
      }
      this.warning = pi + si > this.pMin + this.params.warning_threshold * this.sMin;
      if (pi + si > this.pMin + this.params.drift_threshold * this.sMin) {
        this.drift = true;
        this.warning = false;
      }
    }
  }
}

/**
 * The one interface every performance-drift detector implements, after River's
 * `DriftDetector`: feed values one at a time with `update(x)`, then read the flags.
 */
export interface Detector {
  /** Feed the next value of the monitored stream. */
  update(x: number): void;
  /** True when the last update signalled a drift. */
  readonly driftDetected: boolean;
  /** True when the last update left the detector in its warning zone (always false for detectors without one). */
  readonly warningDetected: boolean;
  /**
   * The flags describe a state that lasts while the stream stays degraded (the rolling-mean
   * tracker), rather than one update's signal after which the detector resets (River's). A run
   * of such a detector records where each state begins.
   */
  readonly sustained?: boolean;
}

export type ParamValue = number | string | boolean;

/** How one constructor parameter is checked; names are River's snake_case names. */
export interface ParamSpec {
  type: 'number' | 'integer' | 'boolean' | 'string';
  /** Omitted means "no default": required unless `optional`. */
  default?: ParamValue;
  optional?: boolean;
  choices?: readonly string[];
  description: string;
}

/** Throw a clear error when a streamed value is not a finite number. */
export function assertFiniteInput(detector: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new Error(`${detector}.update needs a finite number (got ${String(x)})`);
  }
}

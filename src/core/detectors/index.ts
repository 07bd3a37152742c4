import { Adwin, ADWIN_PARAMS } from './adwin.ts';
import { Ddm, DDM_PARAMS } from './ddm.ts';
import { Eddm, EDDM_PARAMS } from './eddm.ts';
import { Kswin, KSWIN_PARAMS } from './kswin.ts';
import { PageHinkley, PAGE_HINKLEY_PARAMS } from './page-hinkley.ts';
import { RollingMeanTracker, ROLLING_MEAN_PARAMS } from './rolling-mean.ts';
import type { Detector, ParamSpec, ParamValue } from './types.ts';
import { own } from '../own.ts';

export type { Detector, ParamSpec, ParamValue } from './types.ts';
export { Adwin, Ddm, Eddm, Kswin, PageHinkley, RollingMeanTracker };

export type DetectorName = 'rolling-mean' | 'adwin' | 'page-hinkley' | 'ddm' | 'eddm' | 'kswin';

interface DetectorEntry {
  params: Record<string, ParamSpec>;
  create(params: Record<string, ParamValue>): Detector;
}

const DETECTORS: Record<DetectorName, DetectorEntry> = {
  'rolling-mean': { params: ROLLING_MEAN_PARAMS, create: (p) => new RollingMeanTracker(p as never) },
  adwin: { params: ADWIN_PARAMS, create: (p) => new Adwin(p) },
  'page-hinkley': { params: PAGE_HINKLEY_PARAMS, create: (p) => new PageHinkley(p) },
  ddm: { params: DDM_PARAMS, create: (p) => new Ddm(p) },
  eddm: { params: EDDM_PARAMS, create: (p) => new Eddm(p) },
  kswin: { params: KSWIN_PARAMS, create: (p) => new Kswin(p) },
};

/** Detector names accepted by {@link createDetector}. */
export const DETECTOR_NAMES = Object.keys(DETECTORS) as DetectorName[];

/** The parameters a detector accepts, with types, defaults and descriptions. */
export function detectorParams(name: DetectorName): Readonly<Record<string, ParamSpec>> {
  return entry(name).params;
}

function entry(name: string): DetectorEntry {
  const e = DETECTORS[name as DetectorName];
  if (!e) throw new Error(`unknown detector '${name}'; valid detectors: ${DETECTOR_NAMES.join(', ')}`);
  return e;
}

function checkParam(detector: string, key: string, spec: ParamSpec, value: ParamValue): void {
  const where = `${detector} parameter '${key}'`;
  if (spec.type === 'boolean') {
    if (typeof value !== 'boolean') throw new Error(`${where} must be true or false (got ${JSON.stringify(value)})`);
    return;
  }
  if (spec.type === 'string') {
    if (typeof value !== 'string') throw new Error(`${where} must be a string (got ${JSON.stringify(value)})`);
    if (spec.choices && !spec.choices.includes(value)) throw new Error(`${where} must be one of ${spec.choices.join(', ')} (got '${value}')`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a finite number (got ${JSON.stringify(value)})`);
  if (spec.type === 'integer' && !Number.isInteger(value)) throw new Error(`${where} must be an integer (got ${value})`);
}

/**
 * Build a performance-drift detector by name with River's snake_case parameter names,
 * e.g. `createDetector('adwin', { delta: 0.01 })` or
 * `createDetector('rolling-mean', { expected: 0.92, higher_is_better: true })`.
 * Omitted parameters take River's defaults.
 *
 * @throws Error for an unknown detector, an unknown parameter (listing the valid ones),
 *   a value of the wrong type, a missing required parameter, or a value the detector rejects.
 */
export function createDetector(name: DetectorName, params: Record<string, ParamValue> = {}): Detector {
  const e = entry(name);
  const valid = Object.keys(e.params);
  for (const [key, value] of Object.entries(params)) {
    const spec = own(e.params, key);
    if (!spec) throw new Error(`unknown parameter '${key}' for detector '${name}'; valid parameters: ${valid.join(', ')}`);
    checkParam(name, key, spec, value);
  }
  for (const [key, spec] of Object.entries(e.params)) {
    if (spec.default === undefined && !spec.optional && !(key in params)) {
      throw new Error(`detector '${name}' needs parameter '${key}': ${spec.description}`);
    }
  }
  return e.create(params);
}

export interface DetectorRun {
  /**
   * 0-based indices into `values` of the updates after which driftDetected was true; for a
   * sustained detector (rolling-mean), only those where it turned true (the start of each run).
   */
  detections: number[];
  /** The same for warningDetected. */
  warnings: number[];
}

/**
 * Feed `values` to a fresh detector and record where it fired. Non-finite values
 * (gaps in a metric series) are skipped without an update; indices still refer to
 * positions in `values`.
 *
 * @throws Error under the same conditions as {@link createDetector}.
 */
export function runDetector(name: DetectorName, params: Record<string, ParamValue>, values: readonly number[]): DetectorRun {
  const detector = createDetector(name, params);
  const detections: number[] = [];
  const warnings: number[] = [];
  const onsets = detector.sustained === true;
  let drift = false;
  let warning = false;
  values.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) return;
    detector.update(x);
    if (detector.driftDetected && !(onsets && drift)) detections.push(i);
    if (detector.warningDetected && !(onsets && warning)) warnings.push(i);
    drift = detector.driftDetected;
    warning = detector.warningDetected;
  });
  return { detections, warnings };
}

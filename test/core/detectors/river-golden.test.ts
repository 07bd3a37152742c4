import { describe, it, expect } from 'vitest';
import { runDetector } from '../../../src/core/detectors/index.ts';
import type { DetectorName } from '../../../src/core/detectors/index.ts';
import { loadGolden } from '../../golden/load.ts';

const golden = loadGolden('river.json');

/**
 * River's DDM/EDDM docstrings print a warning only while `print_warning` is set: it is
 * cleared after the first warning and set again after each drift. Rebuild that printout
 * from the raw per-update flags.
 */
function firstWarnings(detections: number[], warnings: number[], length: number): number[] {
  const drift = new Set(detections);
  const warn = new Set(warnings);
  const printed: number[] = [];
  let armed = true;
  for (let i = 0; i < length; i++) {
    if (warn.has(i) && armed) {
      printed.push(i);
      armed = false;
    }
    if (drift.has(i)) armed = true;
  }
  return printed;
}

describe('detectors reproduce River’s published detection indices', () => {
  for (const c of golden.cases) {
    it(`${c.name}: ${c.published_output.replaceAll('\n', ' / ')}`, () => {
      const run = runDetector(c.detector as DetectorName, c.params, c.stream);
      expect(run.detections).toEqual(c.expected_drifts);
      if (c.expected_first_warnings) {
        expect(firstWarnings(run.detections, run.warnings, c.stream.length)).toEqual(c.expected_first_warnings);
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { runDetector, type DetectorName } from '../../../src/core/detectors/index.ts';
import { PythonRandom } from '../../../src/core/stats/python-random.ts';
import { loadGolden } from '../../golden/load.ts';

/** test/golden/river-pypi.json: indices River itself gave (scripts/golden/river_live.py). */
const golden = loadGolden('river-pypi.json');

type Segment = ['uniform', number, number, number] | ['choice', number, number[]];

/** The stream river_live.py builds from random.Random(seed).random(), value for value. */
function buildStream(seed: number, segments: Segment[]): number[] {
  const rng = new PythonRandom(seed);
  const out: number[] = [];
  for (const seg of segments) {
    if (seg[0] === 'uniform') {
      const [, length, lo, hi] = seg;
      for (let i = 0; i < length; i++) out.push(lo + (hi - lo) * rng.random());
    } else {
      const [, length, values] = seg;
      for (let i = 0; i < length; i++) out.push(values[Math.floor(rng.random() * values.length)]);
    }
  }
  return out;
}

describe(`detectors give the indices River ${golden.river} gives`, () => {
  for (const c of golden.published) {
    it(`${c.name}: ${JSON.stringify(c.expected_drifts)}`, () => {
      expect(runDetector(c.detector as DetectorName, c.params, c.stream).detections).toEqual(c.expected_drifts);
    });
  }
  for (const c of golden.recipes) {
    it(`${c.detector}, ${c.name}: ${JSON.stringify(c.expected_drifts)}`, () => {
      expect(runDetector(c.detector as DetectorName, c.params, buildStream(c.seed, c.segments)).detections).toEqual(c.expected_drifts);
    });
  }

  it('is River’s current ADWIN, not the one before River PR #1613 (which gave 1055 on the numpy stream)', () => {
    const numpy = golden.published.find((c: { name: string }) => c.name.includes('numpy'));
    expect(numpy.before_river_fix).toEqual([1055]);
    expect(runDetector('adwin', {}, numpy.stream).detections).not.toEqual(numpy.before_river_fix);
  });
});

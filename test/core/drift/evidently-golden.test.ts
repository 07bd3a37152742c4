import { describe, it, expect } from 'vitest';
import { chooseMethod, driftTest } from '../../../src/core/drift/index.ts';
import type { DriftMethod } from '../../../src/core/drift/index.ts';
import { closeTo, loadGolden } from '../../golden/load.ts';

const golden = loadGolden('drift.json');

function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(closeTo(actual as number, expected, 1e-9, 1e-15), `${label}: got ${actual}, reference ${expected}`).toBe(true);
}

describe('drift tests reproduce Evidently’s legacy stattests', () => {
  for (const c of golden.cases) {
    describe(c.name, () => {
      it(`chooses ${c.default_method} as Evidently’s get_default_stattest would`, () => {
        expect(chooseMethod(c.reference, c.current).method).toBe(c.default_method);
        expect(driftTest(c.reference, c.current).method).toBe(c.default_method);
      });

      for (const [method, expected] of Object.entries<any>(c.methods)) {
        it(`${method}: statistic, p-value and verdict match`, () => {
          const r = driftTest(c.reference, c.current, { method: method as DriftMethod });
          expect(r.status, r.reason).toBe('ok');
          expect(r.reference_size).toBe(c.reference_size);
          expect(r.current_size).toBe(c.current_size);
          expect(r.threshold).toBe(golden.thresholds[method]);
          if (method === 'ztest' && expected.statistic !== null) {
            expectClose(r.statistic, expected.statistic, 'z');
          } else if (method === 'ztest') {
            expect(r.statistic).toBeNull();
          } else {
            expectClose(r.statistic, expected.statistic, 'statistic');
          }
          expectClose(r.p_value, expected.p_value, 'p-value');
          if (expected.evidently_p_value !== undefined && expected.evidently_p_value > 1e-5) {
            // Evidently's own 2·(1 − Φ(|z|)) agrees wherever it has not lost its digits to rounding.
            expectClose(r.p_value, expected.evidently_p_value, 'Evidently z p-value');
          }
          expect(r.drifted).toBe(expected.drifted);
        });
      }

      it('reports exactly the bins Evidently compares, as shares', () => {
        const method: DriftMethod = 'psi';
        const r = driftTest(c.reference, c.current, { method });
        expect(r.bins).toBeDefined();
        const bins = r.bins!;
        const n = c.bins.edges ? c.bins.edges.length - 1 : c.bins.keys.length;
        expect(bins.labels).toHaveLength(n);
        if (c.bins.keys) expect(bins.labels).toEqual(c.bins.keys);
        expect(bins.reference).toEqual(c.bins.reference);
        expect(bins.current).toEqual(c.bins.current);
      });
    });
  }
});

import { describe, it, expect } from 'vitest';
import { chooseMethod, datasetDrift, driftTest, getDriftTest, listDriftTests, registerDriftTest, fillEmptyBins, alignHistograms } from '../../../src/core/drift/index.ts';
import type { Distribution, DriftResult } from '../../../src/core/drift/index.ts';

const num = (sample: number[]): Distribution => ({ type: 'numeric', sample });
const cat = (sample: (string | number | boolean)[]): Distribution => ({ type: 'categorical', sample });
const hist = (edges: number[], counts: number[]): Distribution => ({ type: 'numeric', histogram: { edges, counts } });
const counts = (c: Record<string, number>): Distribution => ({ type: 'categorical', counts: c });
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('driftTest with too little data', () => {
  it('says insufficient_data for an empty current sample, without throwing', () => {
    const r = driftTest(num([1, 2, 3]), num([]));
    expect(r.status).toBe('insufficient_data');
    expect(r.drifted).toBeNull();
    expect(r.statistic).toBeNull();
    expect(r.p_value).toBeNull();
    expect(r.reason).toMatch(/current has no usable values/);
    expect(r.current_size).toBe(0);
  });

  it('says insufficient_data when a side has a single value', () => {
    const r = driftTest(num([5]), num([1, 2, 3]), { method: 'ks' });
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toMatch(/reference has only 1 usable value/);
  });

  it('drops NaN values and says how many', () => {
    const ref = range(50, (i) => i);
    const cur = [...range(50, (i) => i + 0.5), NaN, NaN];
    const r = driftTest(num(ref), num(cur));
    expect(r.status).toBe('ok');
    expect(r.current_size).toBe(50);
    expect(r.reason).toMatch(/dropped 2 NaN\/infinite current values/);
  });

  it('treats an all-NaN sample as insufficient data', () => {
    const r = driftTest(num([NaN, NaN, NaN]), num([1, 2, 3]));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toMatch(/reference has no usable values.*dropped 3 NaN/);
  });

  it('treats all-zero category counts as insufficient data', () => {
    const r = driftTest(counts({ a: 0, b: 0 }), counts({ a: 3, b: 4 }));
    expect(r.status).toBe('insufficient_data');
  });

  it('treats an all-zero histogram as insufficient data', () => {
    const r = driftTest(hist([0, 1, 2], [0, 0]), hist([0, 1, 2], [3, 4]));
    expect(r.status).toBe('insufficient_data');
  });

  it('explains a malformed histogram instead of throwing', () => {
    const r = driftTest(hist([0, 1], [3, 4]), hist([0, 1, 2], [3, 4]));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toMatch(/edges must have counts.length \+ 1 entries/);
    const decreasing = driftTest(hist([0, 2, 1], [3, 4]), hist([0, 1, 2], [3, 4]));
    expect(decreasing.reason).toMatch(/edges must increase strictly/);
    const negative = driftTest(hist([0, 1, 2], [3, -4]), hist([0, 1, 2], [3, 4]));
    expect(negative.reason).toMatch(/counts must be finite and non-negative/);
  });

  it('explains negative category counts instead of throwing', () => {
    const r = driftTest(counts({ a: -1, b: 4 }), counts({ a: 3, b: 4 }));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toMatch(/category 'a'/);
  });
});

describe('driftTest on constant samples', () => {
  it('finds no drift by KS when both samples are the same constant', () => {
    const r = driftTest(num(Array(30).fill(7)), num(Array(20).fill(7)), { method: 'ks' });
    expect(r.status).toBe('ok');
    expect(r.statistic).toBe(0);
    expect(r.p_value).toBe(1);
    expect(r.drifted).toBe(false);
  });

  it('divides the Wasserstein distance by the 0.001 floor when the reference is constant', () => {
    const r = driftTest(num(Array(30).fill(7)), num(Array(20).fill(7.01)), { method: 'wasserstein' });
    expect(r.statistic).toBeCloseTo(0.01 / 0.001, 9);
    expect(r.drifted).toBe(true);
    expect(r.reason).toMatch(/below 0.001/);
  });

  it('picks the z-test for one shared constant and reports p = 1', () => {
    const r = driftTest(num(Array(30).fill(7)), num(Array(20).fill(7)));
    expect(r.method).toBe('ztest');
    expect(r.p_value).toBe(1);
    expect(r.drifted).toBe(false);
  });

  it('says chi-square does not apply to a single category', () => {
    const r = driftTest(cat(['a', 'a', 'a']), cat(['a', 'a']), { method: 'chisquare' });
    expect(r.status).toBe('not_applicable');
    expect(r.reason).toMatch(/at least 2 categories/);
  });
});

describe('driftTest picks and applies tests deliberately', () => {
  it('refuses KS on categorical values as not applicable', () => {
    const r = driftTest(cat(['a', 'b', 'a']), cat(['b', 'b', 'a']), { method: 'ks' });
    expect(r.status).toBe('not_applicable');
    expect(r.drifted).toBeNull();
    expect(r.reason).toMatch(/does not apply to categorical columns/);
  });

  it('refuses a sample on one side and a histogram on the other', () => {
    const r = driftTest(num([1, 2, 3]), hist([0, 1, 2], [3, 4]));
    expect(r.status).toBe('not_applicable');
    expect(r.reason).toMatch(/same form/);
  });

  it('refuses chi-square on a numeric histogram', () => {
    const r = driftTest(hist([0, 1, 2], [3, 4]), hist([0, 1, 2], [4, 3]), { method: 'chisquare' });
    expect(r.status).toBe('not_applicable');
  });

  it('uses the threshold it is given and reports it', () => {
    const ref = num(range(200, (i) => Math.sin(i)));
    const cur = num(range(200, (i) => Math.sin(i) + 0.05));
    const loose = driftTest(ref, cur, { method: 'psi', threshold: 5 });
    expect(loose.threshold).toBe(5);
    expect(loose.drifted).toBe(false);
    const strict = driftTest(ref, cur, { method: 'psi', threshold: 0 });
    expect(strict.threshold).toBe(0);
    expect(strict.drifted).toBe(true);
  });

  it('reads integer codes as categories when told the column is categorical', () => {
    const ref = num(range(300, (i) => i % 7));
    const cur = num(range(300, (i) => (i * 3) % 7));
    expect(chooseMethod(ref, cur).method).toBe('ks');
    expect(chooseMethod(ref, cur, 'categorical').method).toBe('chisquare');
    expect(driftTest(ref, cur, { type: 'categorical' }).method).toBe('chisquare');
  });

  it('compares p-values the way Evidently does: KS with <=, chi-square and z with <', () => {
    expect(getDriftTest('ks').pValueComparison).toBe('<=');
    expect(getDriftTest('chisquare').pValueComparison).toBe('<');
    expect(getDriftTest('ztest').pValueComparison).toBe('<');
  });

  it('throws only for programming errors: an unknown method or a bad threshold', () => {
    expect(() => driftTest(num([1, 2]), num([1, 2]), { method: 'tvd' as never })).toThrow(/valid methods: ks, wasserstein, psi, kl, jensenshannon, chisquare, ztest/);
    expect(() => driftTest(num([1, 2]), num([1, 2]), { threshold: NaN })).toThrow(/finite number/);
  });
});

describe('chooseMethod mirrors Evidently’s get_default_stattest', () => {
  const big = (n: number, f: (i: number) => number) => num(range(n, f));
  it('KS for small many-valued numeric columns', () => expect(chooseMethod(big(1000, (i) => i), big(10, (i) => i)).method).toBe('ks'));
  it('Wasserstein above 1000 reference rows', () => expect(chooseMethod(big(1001, (i) => i), big(10, (i) => i)).method).toBe('wasserstein'));
  it('chi-square for 3–5 values', () => expect(chooseMethod(big(100, (i) => i % 3), big(10, (i) => i % 3)).method).toBe('chisquare'));
  it('z-test for 2 values', () => expect(chooseMethod(big(100, (i) => i % 2), big(10, (i) => i % 2)).method).toBe('ztest'));
  it('counts distinct values over both periods, not the reference alone', () => {
    // reference has 5 values, current adds a 6th: Evidently counts 6 and picks KS.
    expect(chooseMethod(big(100, (i) => i % 5), big(10, (i) => 5 + (i % 2))).method).toBe('ks');
  });
  it('Jensen-Shannon for large few-valued and categorical columns', () => {
    expect(chooseMethod(big(1500, (i) => i % 4), big(10, (i) => i % 4)).method).toBe('jensenshannon');
    expect(chooseMethod(counts({ a: 800, b: 400 }), counts({ a: 3, b: 4 })).method).toBe('jensenshannon');
  });
  it('treats histograms as continuous', () => {
    expect(chooseMethod(hist([0, 1, 2], [300, 400]), hist([0, 1, 2], [3, 4])).method).toBe('ks');
    expect(chooseMethod(hist([0, 1, 2], [600, 401]), hist([0, 1, 2], [3, 4])).method).toBe('wasserstein');
  });
  it('names the reason', () => {
    expect(chooseMethod(big(100, (i) => i % 2), big(10, (i) => i % 2)).reason).toMatch(/100 rows.*2 distinct values.*z-test/);
  });
});

describe('Evidently’s empty-bin fill', () => {
  it('fills with 0.0001 when the smallest share is above 0.0001', () => {
    expect(fillEmptyBins([0.5, 0, 0.5])).toEqual([0.5, 0.0001, 0.5]);
  });
  it('fills with min/1e6 when the smallest share is at most 0.0001', () => {
    expect(fillEmptyBins([0.99995, 0, 0.00005])).toEqual([0.99995, 0.00005 / 1e6, 0.00005]);
  });
});

describe('histogram alignment', () => {
  it('splits counts in proportion to overlap and keeps totals', () => {
    const a = alignHistograms({ kind: 'numeric-histogram', edges: [0, 2, 4], counts: [10, 20], size: 30 }, { kind: 'numeric-histogram', edges: [0, 1, 4], counts: [5, 5], size: 10 });
    expect(a.edges).toEqual([0, 1, 2, 4]);
    expect(a.reference).toEqual([5, 5, 20]);
    expect(a.current).toEqual([5, 5 / 3, (5 * 2) / 3]);
    expect(a.rebinned).toBe(true);
  });
});

describe('datasetDrift', () => {
  const result = (drifted: boolean | null): DriftResult => ({
    method: 'ks', statistic: null, p_value: null, threshold: 0.05, drifted, status: drifted === null ? 'insufficient_data' : 'ok', reason: '', reference_size: 0, current_size: 0,
  });
  it('declares dataset drift when the drifted share reaches the threshold', () => {
    const d = datasetDrift([result(true), result(false)]);
    expect(d.share).toBe(0.5);
    expect(d.dataset_drift).toBe(true);
    expect(d.reason).toMatch(/1 of 2 columns drifted/);
  });
  it('leaves untestable columns out of the share and says so', () => {
    const d = datasetDrift([result(true), result(false), result(false), result(null)], 0.4);
    expect(d.share).toBeCloseTo(1 / 3, 15);
    expect(d.dataset_drift).toBe(false);
    expect(d.skipped_count).toBe(1);
    expect(d.reason).toMatch(/1 column could not be tested/);
  });
  it('cannot decide without any testable column', () => {
    const d = datasetDrift([result(null)]);
    expect(d.dataset_drift).toBeNull();
    expect(d.share).toBeNull();
  });
  it('refuses a share threshold outside [0, 1]', () => {
    expect(() => datasetDrift([], 2)).toThrow(/between 0 and 1/);
  });
});

describe('the drift test registry', () => {
  it('holds each test once with its declared types and default threshold', () => {
    const byName = Object.fromEntries(listDriftTests().map((d) => [d.method, [d.kind, d.defaultThreshold, [...d.allowedTypes].sort().join('+')]]));
    expect(byName).toEqual({
      ks: ['p_value', 0.05, 'numeric'],
      wasserstein: ['distance', 0.1, 'numeric'],
      psi: ['distance', 0.1, 'categorical+numeric'],
      kl: ['distance', 0.1, 'categorical+numeric'],
      jensenshannon: ['distance', 0.1, 'categorical+numeric'],
      chisquare: ['p_value', 0.05, 'categorical'],
      ztest: ['p_value', 0.05, 'categorical'],
      chi2_homogeneity: ['p_value', 0.05, 'categorical'],
    });
  });
  it('refuses to register a name twice', () => {
    expect(() => registerDriftTest(getDriftTest('ks'))).toThrow(/already registered/);
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random.ts';
import { checkFeatureBatch } from '../../src/registry/fast-feature.ts';
import { FastMetricCheck } from '../../src/registry/fast-metric.ts';
import { quickIsoMs } from '../../src/schema/common.ts';
import { findForbiddenKeys, parseJsonDocument, parseYaml } from '../../src/registry/parse.ts';
import { FeatureBatchScanner, MetricLineScanner } from '../../src/registry/scan.ts';
import { sliceKeyOf } from '../../src/registry/series.ts';
import { isoToMs, isValidIsoDate } from '../../src/schema/common.ts';
import { FeatureBatchSchema, FeatureWindowSchema, isFeatureBatch, ReferenceSchema } from '../../src/schema/features.ts';
import { MetricLineSchema } from '../../src/schema/metric.ts';
import { MAX_SAMPLE, METRIC_NAME_MAX, RUN_MAX } from '../../src/schema/line-rules.ts';

/** Seeded edits that break lines in the ways files break: cut, inserted and replaced characters. */
const TOKENS = ['"', '\\', '\\"', '\\u0041', ',', ':', '{', '}', '[', ']', ' ', '\t', '-', '0', '01', '1e999', '.5', '-0', 'e', 'E+', 'null', 'true', '"__proto__":1,', '"constructor":"x",', '"ts":"2026-10-01",', '\u0001', 'é'];
function mutations(base: string[], count: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = pick(base);
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (text.length + 1));
      const op = rand();
      if (op < 0.45) text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
      else if (op < 0.75) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 4));
      else text = text.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + text.slice(at + 1);
    }
    out.push(text);
  }
  return out;
}

/** Scan one line as the loader does: only files of plain ASCII are scanned (others take the full path). */
function scanLine<T>(scanner: { scan: (b: Buffer, start: number, end: number) => T | undefined }, line: string): T | undefined {
  if (/[^\x00-\x7f]/.test(line)) return undefined;
  return scanner.scan(Buffer.from(line, 'latin1'), 0, line.length);
}

/** What the full path makes of a line: the parsed value when JSON.parse and the schema accept it. */
function fullPath(line: string, schema: { safeParse: (v: unknown) => { success: boolean } }): unknown {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  if (findForbiddenKeys(v).length) return undefined;
  return schema.safeParse(v).success ? v : undefined;
}

describe('the metric-line scanner', () => {
  const base = [
    '{"ts":"2026-10-01T06:00:00Z","version":"v2","metric":"auc","value":0.8255,"n":1136,"run":"run-2026-10-01"}',
    '{"ts":"2026-10-01T06:00:00Z","version":"v2","metric":"latency_p95_ms","value":114,"run":"run-2026-10-01"}',
    '{"ts":"2026-10-01T06:00:00Z","version":"v2","metric":"auc","value":0.81,"n":378,"slice":{"segment":"a"},"run":"run-2026-10-01"}',
    '{ "run" : "r" , "value" : -1.5e-3 , "metric" : "rmse" , "version" : "gbm_2.1" , "ts" : "2026-10-01" , "slice" : { "sex" : "f" , "age" : "young" } }',
    '{"ts":"2026-10-01 12:30+02:00","version":"v1","metric":"m","value":-0,"n":0,"slice":{}}',
    '{"ts":"2026-10-02","version":"v1","metric":"accuracy","value":12345678901234567890,"n":1e3}',
  ];

  it('reads valid lines, from the text, exactly as JSON.parse and the schema do', () => {
    const scanner = new MetricLineScanner(new FastMetricCheck());
    for (const line of base) {
      const r = scanLine(scanner, line);
      expect(r, line).toBeDefined();
      const v = fullPath(line, MetricLineSchema) as Record<string, unknown>;
      expect(v, line).toBeDefined();
      expect(r!.ts).toBe(v.ts);
      expect(r!.t).toBe(isoToMs(v.ts as string));
      expect(r!.version).toBe(v.version);
      expect(r!.metric).toBe(v.metric);
      expect(Object.is(r!.value, v.value), line).toBe(true);
      expect(r!.n).toBe(v.n);
      expect(r!.run).toBe(v.run);
      expect(r!.sliceKey).toBe(sliceKeyOf(v.slice as Record<string, string> | undefined));
      expect(r!.slice ?? {}).toEqual(v.slice ?? {});
    }
  });

  it('reads a line in the middle of a text, with a carriage return left outside its bounds', () => {
    const text = `${base[0]}\r\n${base[2]}\r\n`;
    const scanner = new MetricLineScanner(new FastMetricCheck());
    const second = text.indexOf('\n') + 1;
    const bytes = Buffer.from(text, 'latin1');
    expect(scanner.scan(bytes, 0, text.indexOf('\r'))?.metric).toBe('auc');
    expect(scanner.scan(bytes, second, text.length - 2)?.sliceKey).toBe('segment=a');
  });

  it('never accepts a line the full path rejects, and reads the same values from what it accepts (3,000 seeded mutations)', () => {
    const scanner = new MetricLineScanner(new FastMetricCheck());
    let accepted = 0;
    let valid = 0;
    for (const line of mutations(base, 3000, 7)) {
      if (fullPath(line, MetricLineSchema) !== undefined) valid++;
      const r = scanLine(scanner, line);
      if (r === undefined) continue;
      accepted++;
      const v = fullPath(line, MetricLineSchema) as Record<string, unknown> | undefined;
      expect(v, line).toBeDefined();
      expect([r.ts, r.version, r.metric, r.n, r.run, r.sliceKey], line).toEqual([v!.ts, v!.version, v!.metric, v!.n, v!.run, sliceKeyOf(v!.slice as Record<string, string> | undefined)]);
      expect(Object.is(r.value, v!.value), line).toBe(true);
    }
    // Many mutations (a changed digit, a space) leave the line valid: the scanner takes most of those.
    expect(accepted).toBeGreaterThan(valid * 0.8);
  });

  it('reads a line the same after any history of earlier lines (it remembers their opening pairs)', () => {
    const lines = [...base, ...base, ...mutations(base, 2000, 5)];
    const seasoned = new MetricLineScanner(new FastMetricCheck());
    const pick = (r: ReturnType<MetricLineScanner['scan']>) => (r ? JSON.stringify([r.ts, r.t, r.version, r.metric, r.value, r.n, r.run, r.slice, r.sliceKey]) : undefined);
    for (const line of lines) {
      const fresh = new MetricLineScanner(new FastMetricCheck());
      expect(pick(scanLine(seasoned, line)), line).toBe(pick(scanLine(fresh, line)));
    }
  });

  it('reads numbers exactly as JSON.parse does (20,000 seeded numbers)', () => {
    const rand = mulberry32(17);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
    const scanner = new MetricLineScanner(new FastMetricCheck());
    for (let i = 0; i < 20_000; i++) {
      const int = rand() < 0.3 ? '0' : `${1 + Math.floor(rand() * 9)}${digits(Math.floor(rand() * 18))}`;
      const frac = rand() < 0.7 ? `.${digits(1 + Math.floor(rand() * 25))}` : '';
      const exp = rand() < 0.15 ? `e${rand() < 0.5 ? '-' : ''}${Math.floor(rand() * 30)}` : '';
      const text = `${rand() < 0.3 ? '-' : ''}${int}${frac}${exp}`;
      const line = `{"ts":"2026-10-01","version":"v1","metric":"m","value":${text}}`;
      const r = scanLine(scanner, line);
      expect(r, line).toBeDefined();
      expect(Object.is(r!.value, JSON.parse(line).value), text).toBe(true);
    }
  });

  it('leaves lines with escapes, duplicate keys, unknown keys or out-of-range values to the full path', () => {
    const scanner = new MetricLineScanner(new FastMetricCheck());
    const rejected = [
      '{"ts":"2026-10-01","version":"v1","metric":"a\\u0062c","value":1}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"value":2}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"extra":2}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1e999}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"n":-1}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"n":1.5}',
      '{"ts":"2026-02-30","version":"v1","metric":"auc","value":1}',
      '{"ts":"2026-10-01","version":"V1","metric":"auc","value":1}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"slice":{"constructor":"x"}}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1,"slice":{"a":"x","a":"y"}}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value":1} x',
      '{"ts":"2026-10-01","version":"v1","metric":"auc"}',
      '{"ts":"2026-10-01","version":"v1","metric":"auc","value" 1}',
    ];
    for (const line of rejected) expect(scanLine(scanner, line), line).toBeUndefined();
  });
});

describe('the batch feature-window scanner', () => {
  const refEdges = new Map([['age', 4], ['income', 3]]);
  const base = [
    '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","histogram":{"counts":[3,9,4]}},"income":{"type":"numeric","histogram":{"counts":[1,2]}}},"prediction":{"type":"numeric","histogram":{"counts":[5,5]}}}',
    '{"ts":"2026-10-02","version":"v2","features":{"age":{"type":"numeric","histogram":{"edges":[0,1,2,3,4],"counts":[1,0,0,2.5]}}},"run":"r1"}',
    '{ "features" : { "income" : { "histogram" : { "counts" : [ 0 , 1e2 ] } , "type" : "numeric" } } , "version" : "v2" , "ts" : "2026-10-03T00:00:00Z" }',
    '{"ts":"2026-10-04","version":"v2","features":{}}',
    '{"ts":"2026-10-05","version":"v2","feature":"age","type":"numeric","histogram":{"edges":[0,1,2,3],"counts":[4,5,6]}}',
    '{"ts":"2026-10-05","version":"v2","feature":"prediction","role":"prediction","type":"numeric","histogram":{"edges":[0,0.5,1],"counts":[4,5]},"run":"r"}',
  ];
  const make = () => new FeatureBatchScanner(new FastMetricCheck(), refEdges, 3);
  /** The full path: schema, then the loader's rule that a histogram without edges has the reference's bin count. */
  const full = (line: string) => {
    // As the loader does: a line with `features` (and no `feature`) is a batch, any other a single window.
    const single = (() => {
      try {
        const o = JSON.parse(line);
        return o !== null && typeof o === 'object' && !isFeatureBatch(o);
      } catch {
        return false;
      }
    })();
    if (single) return fullPath(line, FeatureWindowSchema);
    const v = fullPath(line, FeatureBatchSchema) as { features: Record<string, { histogram?: { edges?: number[]; counts: number[] } }>; prediction?: { histogram?: { edges?: number[]; counts: number[] } } } | undefined;
    if (!v) return undefined;
    const fits = (h: { edges?: number[]; counts: number[] } | undefined, edges: number | undefined) => !h || h.edges !== undefined || edges === h.counts.length + 1;
    for (const [name, d] of Object.entries(v.features)) if (!fits(d.histogram, refEdges.get(name))) return undefined;
    if (v.prediction && !fits(v.prediction.histogram, 3)) return undefined;
    return v;
  };

  it('checks valid lines and counts their windows', () => {
    const scanner = make();
    expect(base.map((l) => scanLine(scanner, l)?.windows)).toEqual([3, 1, 1, 0, 1, 1]);
    for (const l of base) expect(full(l), l).toBeDefined();
    expect(scanLine(make(), base[2])?.t).toBe(Date.parse('2026-10-03T00:00:00Z'));
  });

  it('leaves to the full path a histogram without edges whose bins differ from the reference, and every other distribution', () => {
    const scanner = make();
    const rejected = [
      '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","histogram":{"counts":[3,9]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"height":{"type":"numeric","histogram":{"counts":[3,9,4]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","sample":[1,2]}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"plan":{"type":"categorical","counts":{"a":1}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","histogram":{"counts":[3,9,4]}},"age":{"type":"numeric","histogram":{"counts":[3,9,4]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","histogram":{"edges":[0,2,1],"counts":[3,9]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"age":{"type":"numeric","histogram":{"counts":[3,-9,4]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"__proto__":{"type":"numeric","histogram":{"counts":[3,9,4]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{"":{"type":"numeric","histogram":{"edges":[0,1],"counts":[3]}}}}',
      '{"ts":"2026-10-01","version":"v2","features":{},"extra":1}',
      '{"ts":"2026-10-01","version":"v2"}',
      '{"ts":"2026-10-01","version":"v2","feature":"age","type":"numeric","histogram":{"counts":[4,5,6]}}',
      '{"ts":"2026-10-01","version":"v2","feature":"age","features":{},"type":"numeric","histogram":{"edges":[0,1,2,3],"counts":[4,5,6]}}',
      '{"ts":"2026-10-01","version":"v2","feature":"","type":"numeric","histogram":{"edges":[0,1,2,3],"counts":[4,5,6]}}',
      '{"ts":"2026-10-01","version":"v2","feature":"age","role":"output","type":"numeric","histogram":{"edges":[0,1,2,3],"counts":[4,5,6]}}',
      '{"ts":"2026-10-01","version":"v2","feature":"age","type":"numeric","sample":[1,2]}',
      '{"ts":"2026-10-01","version":"v2","feature":"age","type":"numeric"}',
    ];
    for (const line of rejected) expect(scanLine(scanner, line), line).toBeUndefined();
  });

  it('spots a repeated feature name after lines that named the features in the same order', () => {
    const scanner = make();
    const ok = base[0];
    const dup = ok.replace('"income":{"type":"numeric","histogram":{"counts":[1,2]}}', '"age":{"type":"numeric","histogram":{"counts":[1,2,3]}}');
    expect(scanLine(scanner, ok)).toBeDefined();
    expect(scanLine(scanner, dup)).toBeUndefined();
    expect(scanLine(scanner, ok)).toBeDefined();
    expect(scanLine(scanner, dup)).toBeUndefined();
  });

  it('reads counts and edges of every size, with or without spaces, as JSON.parse does', () => {
    const scanner = new FeatureBatchScanner(new FastMetricCheck(), new Map([['a', 4]]), 0);
    const ok = ['[0,1,2]', '[ 10 , 0 , 123456789012345678 ]', '[1.5,0.25,3e2]', '[0, 7, 99999999999999999999]'];
    for (const counts of ok) {
      const line = `{"ts":"2026-10-01","version":"v2","features":{"a":{"type":"numeric","histogram":{"counts":${counts}}}}}`;
      expect(scanLine(scanner, line), line).toBeDefined();
    }
    const bad = ['[01,1,2]', '[1,,2]', '[1,2,]', '[1,2', '[-1,2,3]', '[1,2,3,4]', '[1,2]', '[1e999,1,1]', '[1 2,3]'];
    for (const counts of bad) {
      const line = `{"ts":"2026-10-01","version":"v2","features":{"a":{"type":"numeric","histogram":{"counts":${counts}}}}}`;
      expect(scanLine(scanner, line), line).toBeUndefined();
    }
    const edges = (e: string) => `{"ts":"2026-10-01","version":"v2","features":{"a":{"type":"numeric","histogram":{"edges":${e},"counts":[1,2]}}}}`;
    expect(scanLine(scanner, edges('[0,10,20]'))).toBeDefined();
    expect(scanLine(scanner, edges('[0,10,10]'))).toBeUndefined();
    expect(scanLine(scanner, edges('[-5,-1.5,2e1]'))).toBeDefined();
  });

  it('never accepts a line the full path rejects (3,000 seeded mutations)', () => {
    const scanner = make();
    let accepted = 0;
    let valid = 0;
    for (const line of mutations(base, 3000, 11)) {
      if (full(line) !== undefined) valid++;
      const r = scanLine(scanner, line);
      if (r === undefined) continue;
      accepted++;
      const v = full(line) as { ts: string; version: string } | undefined;
      expect(v, line).toBeDefined();
      expect([r.ts, r.version], line).toEqual([v!.ts, v!.version]);
    }
    expect(accepted).toBeGreaterThan(valid * 0.8);
  });
});

describe('the fast batch-window check', () => {
  it('accepts exactly the lines the schema accepts', () => {
    const ids = new FastMetricCheck();
    const base = { ts: '2026-10-01', version: 'v2' };
    const h = { type: 'numeric', histogram: { counts: [3, 4] } };
    const cases: unknown[] = [
      { ...base, features: { a: h } }, { ...base, features: {}, prediction: h, run: 'r' },
      { ...base, features: { a: { type: 'numeric', histogram: { edges: [0, 1, 2], counts: [3, 4] } } } },
      { ...base, features: { a: { type: 'numeric', sample: [1, 2] }, b: { type: 'categorical', sample: ['x', true, 3] }, c: { type: 'categorical', counts: { x: 1 } } } },
      { ...base, features: { a: { type: 'numeric', histogram: { edges: [0, 1], counts: [3, 4] } } } },
      { ...base, features: { a: { type: 'numeric', histogram: { edges: [0, 2, 1], counts: [3, 4] } } } },
      { ...base, features: { a: { type: 'numeric', histogram: { counts: [] } } } },
      { ...base, features: { a: { type: 'numeric', histogram: { counts: [-1] } } } },
      { ...base, features: { a: { type: 'numeric', histogram: { counts: [1], extra: 1 } } } },
      { ...base, features: { a: { type: 'categorical', histogram: { counts: [1] } } } },
      { ...base, features: { a: { type: 'numeric', sample: ['x'] } } },
      { ...base, features: { a: { type: 'numeric', counts: { x: 1 } } } },
      { ...base, features: { a: { type: 'numeric' } } },
      { ...base, features: { '': h } }, { ...base, features: [] }, { ...base }, { ...base, features: {}, extra: 1 },
      { ...base, ts: '2026-02-30', features: {} }, { ...base, version: 'V2', features: {} }, { ...base, features: {}, run: 'r'.repeat(201) },
      { ...base, features: { a: { type: 'categorical', counts: JSON.parse('{"__proto__": 1}') } } },
    ];
    for (const c of cases) {
      const zodOk = FeatureBatchSchema.safeParse(c).success && findForbiddenKeys(c).length === 0;
      expect(checkFeatureBatch(c, ids) !== undefined, JSON.stringify(c)).toBe(zodOk);
    }
  });
});

describe('reading timestamps by arithmetic', () => {
  it('gives what isValidIsoDate and isoToMs give, or leaves the string to them (30,000 seeded strings)', () => {
    const rand = mulberry32(3);
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)];
    const d2 = () => String(Math.floor(rand() * 100)).padStart(2, '0');
    let quick = 0;
    for (let i = 0; i < 30_000; i++) {
      const date = `${pick(['1969', '1970', '2000', '2024', '2100', '1900', '0000', 'abcd'])}-${pick([d2(), '01', '02', '12', '13', '00'])}-${pick([d2(), '28', '29', '30', '31', '00'])}`;
      const time = `${date}T${pick([d2(), '23', '24'])}:${pick([d2(), '59', '60'])}:${pick([d2(), '59', '60'])}`;
      // The three shapes read by arithmetic (date, date-time, toISOString's milliseconds) and near misses.
      const r = rand();
      const s = r < 0.4 ? date : r < 0.7 ? `${time}Z` : `${time}${pick(['.', '.', '.', ',', ':'])}${pick([d2(), '9x', 'ab'])}${pick(['0', '5', 'z'])}${pick(['Z', 'Z', 'Z', '+'])}`;
      const q = quickIsoMs(s);
      if (q === undefined) continue;
      quick++;
      expect(isValidIsoDate(s) ? isoToMs(s) : NaN, s).toBe(q);
    }
    expect(quick).toBeGreaterThan(1000);
    expect(quickIsoMs('2025-11-01T06:00:00.123Z')).toBe(Date.parse('2025-11-01T06:00:00.123Z'));
    expect(quickIsoMs(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)).toISOString())).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(quickIsoMs('2025-11-01T06:00:00,123Z')).toBeUndefined();
  });
});

describe('reading reference.json', () => {
  const ref = '{"version":"v1","features":{"age":{"type":"numeric","histogram":{"edges":[0,1,2],"counts":[3,4]}}}}';

  it('gives the value and (when asked) the positions the YAML path gives', () => {
    const j = parseJsonDocument(ref, 'reference.json', ReferenceSchema);
    const y = parseYaml(ref, 'reference.json', ReferenceSchema);
    expect(j.value).toEqual(y.value);
    expect(j.diagnostics).toEqual([]);
    expect(j.locate!(['features', 'age'])).toEqual(y.locate!(['features', 'age']));
  });

  it('sends duplicate keys, syntax and schema errors through the YAML path, positions and all', () => {
    for (const text of [
      '{"version":"v1","version":"v2","features":{}}',
      '{"version":"v1","features":{"a":{"type":"numeric","sample":[1]},"a":{"type":"numeric","sample":[2]}}}',
      '{"version":"v1","features":{}',
      '{"version":"v1","features":{"age":{"type":"numeric","histogram":{"edges":[0,1],"counts":[3,4]}}}}',
    ]) {
      const j = parseJsonDocument(text, 'reference.json', ReferenceSchema);
      expect(j.value, text).toBeUndefined();
      expect(j.diagnostics, text).toEqual(parseYaml(text, 'reference.json', ReferenceSchema).diagnostics);
      expect(j.diagnostics.length, text).toBeGreaterThan(0);
    }
  });

  it('takes a key-like text inside a string for what it is', () => {
    const text = '{"version":"v1","created_at":"2026-10-01","features":{"a\\":b":{"type":"numeric","sample":[1]}}}';
    expect(parseJsonDocument(text, 'reference.json', ReferenceSchema).value?.features).toHaveProperty('a":b');
  });
});

describe('the line limits, stated once (src/schema/line-rules.ts)', () => {
  // Each reader (the Zod schema, the fast object check, the byte scanner) must agree at every
  // limit: the last value within it is accepted by all, the first beyond it by none.
  const metric = (o: Record<string, unknown>) => ({ ts: '2026-10-01', version: 'v2', metric: 'auc', value: 0.8, ...o });
  const window = (sample: number[], run?: string) => ({ ts: '2026-10-01', version: 'v2', features: { a: { type: 'numeric', sample } }, ...(run === undefined ? {} : { run }) });
  const cases: { name: string; line: object; kind: 'metric' | 'batch'; ok: boolean }[] = [
    { name: `metric name of ${METRIC_NAME_MAX}`, line: metric({ metric: 'm'.repeat(METRIC_NAME_MAX) }), kind: 'metric', ok: true },
    { name: `metric name of ${METRIC_NAME_MAX + 1}`, line: metric({ metric: 'm'.repeat(METRIC_NAME_MAX + 1) }), kind: 'metric', ok: false },
    { name: `metric run of ${RUN_MAX}`, line: metric({ run: 'r'.repeat(RUN_MAX) }), kind: 'metric', ok: true },
    { name: `metric run of ${RUN_MAX + 1}`, line: metric({ run: 'r'.repeat(RUN_MAX + 1) }), kind: 'metric', ok: false },
    { name: 'slice key "age_band-2"', line: metric({ slice: { 'age_band-2': 'x' } }), kind: 'metric', ok: true },
    { name: 'slice key "Age"', line: metric({ slice: { Age: 'x' } }), kind: 'metric', ok: false },
    { name: 'slice key "_age"', line: metric({ slice: { _age: 'x' } }), kind: 'metric', ok: false },
    { name: `window run of ${RUN_MAX}`, line: window([1], 'r'.repeat(RUN_MAX)), kind: 'batch', ok: true },
    { name: `window run of ${RUN_MAX + 1}`, line: window([1], 'r'.repeat(RUN_MAX + 1)), kind: 'batch', ok: false },
    { name: `sample of ${MAX_SAMPLE}`, line: window(new Array(MAX_SAMPLE).fill(1)), kind: 'batch', ok: true },
    { name: `sample of ${MAX_SAMPLE + 1}`, line: window(new Array(MAX_SAMPLE + 1).fill(1)), kind: 'batch', ok: false },
  ];
  it('holds the schema, the fast check and the scanner to the same answer at each limit', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const text = JSON.stringify(c.line);
      const answers = c.kind === 'metric'
        ? { schema: fullPath(text, MetricLineSchema) !== undefined, fast: new FastMetricCheck().check(c.line) !== undefined, scanner: scanLine(new MetricLineScanner(new FastMetricCheck()), text) !== undefined }
        : { schema: fullPath(text, FeatureBatchSchema) !== undefined, fast: checkFeatureBatch(c.line, new FastMetricCheck()) !== undefined };
      for (const [reader, got] of Object.entries(answers)) {
        // The scanner leaves what it does not read to the full path: it must never accept more.
        if (reader === 'scanner' ? got && !c.ok : got !== c.ok) wrong.push(`${c.name}: ${reader} says ${got ? 'valid' : 'invalid'}, expected ${c.ok ? 'valid' : 'invalid'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

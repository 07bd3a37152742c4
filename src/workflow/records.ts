/**
 * Metric lines and feature windows as the log commands write them: validated by the registry's
 * schemas, written in one canonical form (fixed key order, slice keys sorted), and given the
 * identity the loader uses to drop duplicates (series.ts): ts instant, version, name, slice, run.
 */
import type { z } from 'zod';
import { isoToMs } from '../schema/common.ts';
import { FeatureBatchSchema, FeatureWindowSchema, isFeatureBatch, type FeatureBatch, type FeatureWindow, type WindowDistribution } from '../schema/features.ts';
import { MetricLineSchema, type MetricLine } from '../schema/metric.ts';
import { validateValue } from '../registry/parse.ts';
import type { StoreRecord, Identify } from './append.ts';
import type { Diagnostic } from '../core/input.ts';

export type Kind = 'metrics' | 'features';

export interface Validated<T> {
  value?: T;
  problems: Diagnostic[];
  /** Fields (dotted, as a problem's `field`) whose Zod issue is "invalid_key": a record key, e.g. a slice key, that its schema refused. */
  invalidKeys: string[];
}

/** Month file of a timestamp: the UTC month, "YYYY-MM" (the loader accepts it for any offset). */
export function monthOf(ts: string): string {
  return new Date(isoToMs(ts)).toISOString().slice(0, 7);
}

const sliceKey = (s: Record<string, string> | undefined) => (s ? Object.keys(s).sort().map((k) => `${k}=${s[k]}`).join(',') : '');
const sortedSlice = (s: Record<string, string>) => Object.fromEntries(Object.keys(s).sort().map((k) => [k, s[k]]));

/**
 * The fields whose Zod issue code is "invalid_key". Diagnostics do not carry the issue's code, so
 * a refused input is parsed once more (only when it was refused) to tell them apart by code
 * rather than by Zod's wording.
 */
function invalidKeys(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.filter((i) => i.code === 'invalid_key').map((i) => i.path.map(String).join('.'));
}

/** Validate one metric record (a plain object without `model`); errors name `source` and the field. */
export function validateMetric(input: unknown, source: string): Validated<MetricLine> {
  const r = validateValue(MetricLineSchema, input, source, () => undefined);
  return r.value ? { value: r.value, problems: [], invalidKeys: [] } : { problems: r.diagnostics, invalidKeys: invalidKeys(MetricLineSchema, input) };
}

/** True when a parsed line or record is a batch window (`features`, no `feature`). */
const isBatch = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && isFeatureBatch(v);

/** Validate one feature window: a single window (`feature`) or a batch of many features (`features`). */
export function validateWindow(input: unknown, source: string): Validated<FeatureWindow | FeatureBatch> {
  const schema = isBatch(input) ? FeatureBatchSchema : FeatureWindowSchema;
  const r = validateValue(schema, input, source, () => undefined);
  return r.value ? { value: r.value, problems: [], invalidKeys: [] } : { problems: r.diagnostics, invalidKeys: invalidKeys(schema, input) };
}

/** The canonical line of a metric record: ts, version, metric, value, n, slice, run. */
export function metricRecord(m: MetricLine, source: string): StoreRecord {
  const o: Record<string, unknown> = { ts: m.ts, version: m.version, metric: m.metric, value: m.value };
  if (m.n !== undefined) o.n = m.n;
  if (m.slice && Object.keys(m.slice).length) o.slice = sortedSlice(m.slice);
  if (m.run !== undefined) o.run = m.run;
  return {
    line: JSON.stringify(o),
    identity: metricIdentity(m),
    payload: `${m.value}\u0000${m.n ?? ''}`,
    hint: m.ts.slice(0, 10),
    source,
  };
}

function metricIdentity(m: { ts: string; version: string; metric: string; slice?: Record<string, string>; run?: string }): string {
  const slice = m.slice && Object.keys(m.slice).length ? m.slice : undefined;
  return `${isoToMs(m.ts)}\u0000${m.version}\u0000${m.metric}\u0000${sliceKey(slice)}\u0000${m.run ?? ''}`;
}

/**
 * Identity and payload of an existing metric line. Only the identity fields are checked (this
 * runs on every line of a month file that shares a date with a new record, so it avoids the full
 * schema); a line that is not a metric record has no identity.
 */
export const identifyMetric: Identify = (v) => {
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.ts !== 'string' || typeof o.version !== 'string' || typeof o.metric !== 'string' || typeof o.value !== 'number') return null;
  if (o.run !== undefined && typeof o.run !== 'string') return null;
  if (o.n !== undefined && typeof o.n !== 'number') return null;
  let slice: Record<string, string> | undefined;
  if (o.slice !== undefined) {
    if (o.slice === null || typeof o.slice !== 'object' || Array.isArray(o.slice)) return null;
    slice = {};
    for (const [k, x] of Object.entries(o.slice)) {
      if (typeof x !== 'string') return null;
      Object.defineProperty(slice, k, { value: x, enumerable: true });
    }
  }
  const t = isoToMs(o.ts);
  if (Number.isNaN(t)) return null;
  return { identity: metricIdentity({ ts: o.ts, version: o.version, metric: o.metric, slice, run: o.run as string | undefined }), payload: `${o.value}\u0000${o.n ?? ''}` };
};

function windowPayload(w: FeatureWindow): string {
  const dist = w.sample !== undefined ? { sample: w.sample } : w.histogram !== undefined ? { histogram: w.histogram } : { counts: w.counts };
  return JSON.stringify({ type: w.type, ...dist });
}

function windowIdentity(w: FeatureWindow): string {
  return `${isoToMs(w.ts)}\u0000${w.version}\u0000${w.feature}\u0000${w.role}\u0000${w.run ?? ''}`;
}

/** The canonical line of a feature window: ts, version, feature, role, type, distribution, run. */
export function windowRecord(w: FeatureWindow, source: string): StoreRecord {
  const o: Record<string, unknown> = { ts: w.ts, version: w.version, feature: w.feature, role: w.role, type: w.type };
  if (w.sample !== undefined) o.sample = w.sample;
  if (w.histogram !== undefined) o.histogram = { edges: w.histogram.edges, counts: w.histogram.counts };
  if (w.counts !== undefined) o.counts = w.counts;
  if (w.run !== undefined) o.run = w.run;
  return { line: JSON.stringify(o), identity: windowIdentity(w), payload: windowPayload(w), hint: w.ts.slice(0, 10), source };
}

/** A batch window's distribution in canonical form: type, then its sample, histogram (edges when given, counts) or counts. */
function batchDistribution(d: WindowDistribution): Record<string, unknown> {
  if ('sample' in d) return { type: d.type, sample: d.sample };
  if ('histogram' in d) return { type: d.type, histogram: d.histogram.edges !== undefined ? { edges: d.histogram.edges, counts: d.histogram.counts } : { counts: d.histogram.counts } };
  return { type: d.type, counts: d.counts };
}

function batchBody(b: FeatureBatch): { features: Record<string, unknown>; prediction?: Record<string, unknown> } {
  const features: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(b.features)) Object.defineProperty(features, k, { value: batchDistribution(d), enumerable: true, writable: true, configurable: true });
  return b.prediction !== undefined ? { features, prediction: batchDistribution(b.prediction) } : { features };
}

/** A batch is one window of the whole model: at most one per ts instant, version and run (its features are its payload). */
function batchIdentity(b: FeatureBatch): string {
  return `${isoToMs(b.ts)}\u0000${b.version}\u0000\u0000batch\u0000${b.run ?? ''}`;
}

/** The canonical line of a batch window: ts, version, features (in the record's order), prediction, run. */
export function batchRecord(b: FeatureBatch, source: string): StoreRecord {
  const body = batchBody(b);
  const o: Record<string, unknown> = { ts: b.ts, version: b.version, ...body };
  if (b.run !== undefined) o.run = b.run;
  return { line: JSON.stringify(o), identity: batchIdentity(b), payload: JSON.stringify(body), hint: b.ts.slice(0, 10), source };
}

/** Histograms of a batch that leave out their edges: each needs the reference's histogram of as many bins. */
export function edgelessHistograms(b: FeatureBatch): { feature: string; bins: number; field: string }[] {
  const out: { feature: string; bins: number; field: string }[] = [];
  for (const [name, d] of Object.entries(b.features)) if ('histogram' in d && d.histogram.edges === undefined) out.push({ feature: name, bins: d.histogram.counts.length, field: `features.${name}.histogram.edges` });
  const p = b.prediction;
  if (p && 'histogram' in p && p.histogram.edges === undefined) out.push({ feature: 'prediction', bins: p.histogram.counts.length, field: 'prediction.histogram.edges' });
  return out;
}

export function isBatchWindow(w: FeatureWindow | FeatureBatch): w is FeatureBatch {
  return 'features' in w;
}

export const identifyWindow: Identify = (v) => {
  if (isBatch(v)) {
    const b = FeatureBatchSchema.safeParse(v);
    return b.success ? { identity: batchIdentity(b.data), payload: JSON.stringify(batchBody(b.data)) } : null;
  }
  const r = FeatureWindowSchema.safeParse(v);
  if (!r.success) return null;
  return { identity: windowIdentity(r.data), payload: windowPayload(r.data) };
};

/** Current time as an ISO date-time without milliseconds, e.g. "2026-10-31T12:00:00Z". */
export function nowIso(nowMs = Date.now()): string {
  return new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

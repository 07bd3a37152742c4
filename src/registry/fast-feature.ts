/**
 * A fast path for feature-window lines, as fast-metric.ts is for metric lines: it accepts
 * exactly what FeatureWindowSchema (one feature) or FeatureBatchSchema (many features) accepts
 * (tests compare them) and leaves every other line to Zod, which writes the diagnostic.
 */
import { FORBIDDEN_KEYS } from '../schema/common.ts';
import type { FeatureBatch, FeatureWindow } from '../schema/features.ts';
import { MAX_SAMPLE, RUN_MAX } from '../schema/line-rules.ts';
import type { FastMetricCheck } from './fast-metric.ts';

const ALLOWED = new Set(['ts', 'version', 'feature', 'role', 'type', 'sample', 'histogram', 'counts', 'run']);

function finiteArray(a: unknown, nonNegative: boolean): a is number[] {
  if (!Array.isArray(a)) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || (nonNegative && x < 0)) return false;
  }
  return true;
}

/** The line as a FeatureWindow when valid, else undefined. Shares the date and id caches of the metric check. */
export function checkFeatureWindow(v: unknown, ids: FastMetricCheck): FeatureWindow | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!ALLOWED.has(k)) return undefined;
  const { ts, version, feature, role, type, sample, histogram, counts, run } = o;
  if (typeof ts !== 'string' || Number.isNaN(ids.tsMs(ts))) return undefined;
  if (typeof version !== 'string' || !ids.versionOk(version)) return undefined;
  if (typeof feature !== 'string' || feature.length < 1 || FORBIDDEN_KEYS.has(feature)) return undefined;
  if (role !== undefined && role !== 'input' && role !== 'prediction') return undefined;
  if (type !== 'numeric' && type !== 'categorical') return undefined;
  if (run !== undefined && (typeof run !== 'string' || run.length > RUN_MAX)) return undefined;
  if ((sample !== undefined ? 1 : 0) + (histogram !== undefined ? 1 : 0) + (counts !== undefined ? 1 : 0) !== 1) return undefined;
  if (sample !== undefined) {
    if (!Array.isArray(sample) || sample.length > MAX_SAMPLE) return undefined;
    for (const x of sample) {
      if (typeof x === 'number' ? !Number.isFinite(x) : typeof x !== 'string' && typeof x !== 'boolean') return undefined;
    }
  }
  if (histogram !== undefined) {
    if (histogram === null || typeof histogram !== 'object' || Array.isArray(histogram)) return undefined;
    const h = histogram as Record<string, unknown>;
    const keys = Object.keys(h);
    if (keys.length !== 2 || !('edges' in h) || !('counts' in h)) return undefined;
    const { edges, counts: hc } = h;
    if (!finiteArray(edges, false) || !finiteArray(hc, true)) return undefined;
    if (edges.length < 2 || hc.length < 1 || edges.length !== hc.length + 1) return undefined;
    for (let i = 1; i < edges.length; i++) if (!(edges[i] > edges[i - 1])) return undefined;
  }
  if (counts !== undefined) {
    if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) return undefined;
    for (const k of Object.keys(counts)) {
      if (FORBIDDEN_KEYS.has(k)) return undefined;
      const c = (counts as Record<string, unknown>)[k];
      if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) return undefined;
    }
  }
  return (role === undefined ? { ...o, role: 'input' } : o) as unknown as FeatureWindow;
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A distribution of a batch line (WindowDistributionSchema): a histogram may leave out its edges. */
function windowDistributionOk(d: unknown): boolean {
  if (!plainObject(d)) return false;
  const keys = Object.keys(d);
  if (keys.length !== 2 || !('type' in d)) return false;
  const { type, sample, histogram, counts } = d;
  if (sample !== undefined) {
    if (!Array.isArray(sample) || sample.length > MAX_SAMPLE) return false;
    if (type === 'numeric') return finiteArray(sample, false);
    if (type !== 'categorical') return false;
    for (const x of sample) if (typeof x === 'number' ? !Number.isFinite(x) : typeof x !== 'string' && typeof x !== 'boolean') return false;
    return true;
  }
  if (histogram !== undefined) {
    if (type !== 'numeric' || !plainObject(histogram)) return false;
    const { edges, counts: hc } = histogram;
    const n = Object.keys(histogram).length;
    if (!('counts' in histogram) || n !== ('edges' in histogram ? 2 : 1)) return false;
    if (!finiteArray(hc, true) || hc.length < 1) return false;
    if (edges === undefined) return true;
    if (!finiteArray(edges, false) || edges.length < 2 || edges.length !== hc.length + 1) return false;
    for (let i = 1; i < edges.length; i++) if (!(edges[i] > edges[i - 1])) return false;
    return true;
  }
  if (counts !== undefined) {
    if (type !== 'categorical' || !plainObject(counts)) return false;
    for (const k of Object.keys(counts)) {
      if (FORBIDDEN_KEYS.has(k)) return false;
      const c = counts[k];
      if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) return false;
    }
    return true;
  }
  return false;
}

const BATCH_ALLOWED = new Set(['ts', 'version', 'features', 'prediction', 'run']);

/** A batch line (FeatureBatchSchema) when valid, else undefined; a test compares it with the schema. */
export function checkFeatureBatch(v: unknown, ids: FastMetricCheck): FeatureBatch | undefined {
  if (!plainObject(v)) return undefined;
  for (const k of Object.keys(v)) if (!BATCH_ALLOWED.has(k)) return undefined;
  const { ts, version, features, prediction, run } = v;
  if (typeof ts !== 'string' || Number.isNaN(ids.tsMs(ts))) return undefined;
  if (typeof version !== 'string' || !ids.versionOk(version)) return undefined;
  if (run !== undefined && (typeof run !== 'string' || run.length > RUN_MAX)) return undefined;
  if (!plainObject(features)) return undefined;
  for (const name of Object.keys(features)) {
    if (name.length < 1 || FORBIDDEN_KEYS.has(name) || !windowDistributionOk(features[name])) return undefined;
  }
  if (prediction !== undefined && !windowDistributionOk(prediction)) return undefined;
  return v as unknown as FeatureBatch;
}

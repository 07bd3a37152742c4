import type { ColumnType, Distribution } from './types.ts';
import { plural } from './format.ts';

/** A numeric sample after dropping NaN and ±Infinity. */
export interface NumericSample {
  kind: 'numeric-sample';
  values: number[];
  size: number;
  dropped: number;
}

/** A validated numeric histogram; size is the total count. */
export interface NumericHistogram {
  kind: 'numeric-histogram';
  edges: number[];
  counts: number[];
  size: number;
}

/** Category label → count, labels as `String(value)`; categories with count 0 are left out. */
export interface CategoryCounts {
  kind: 'categories';
  counts: Map<string, number>;
  size: number;
  dropped: number;
  /** True when every label came from a number, so labels sort numerically (as pandas sorts them). */
  numericLabels: boolean;
}

/** Input that cannot be used at all, with the reason in plain words. */
export interface Unusable {
  kind: 'unusable';
  reason: string;
  size: number;
  dropped: number;
}

export type PreparedSide = NumericSample | NumericHistogram | CategoryCounts | Unusable;

/**
 * Turn one side's {@link Distribution} into a checked internal form. Never throws:
 * malformed histograms or counts become {@link Unusable} with a reason, because data
 * problems are reported as `insufficient_data`, not raised.
 *
 * Missing values are dropped first, as Evidently's `data_drift.py` does
 * (`replace([-np.inf, np.inf], np.nan).dropna()` before choosing or running a test).
 */
export function prepareSide(d: Distribution, side: 'reference' | 'current'): PreparedSide {
  if (d.type === 'numeric' && 'sample' in d) {
    const values: number[] = [];
    for (const v of d.sample) if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
    return { kind: 'numeric-sample', values, size: values.length, dropped: d.sample.length - values.length };
  }
  if (d.type === 'numeric' && 'histogram' in d) return prepareHistogram(d.histogram, side);
  if (d.type === 'categorical' && 'sample' in d) {
    const counts = new Map<string, number>();
    let numericLabels = true;
    let dropped = 0;
    for (const v of d.sample) {
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        dropped++;
        continue;
      }
      if (typeof v !== 'number') numericLabels = false;
      const key = String(v);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { kind: 'categories', counts, size: d.sample.length - dropped, dropped, numericLabels: numericLabels && counts.size > 0 };
  }
  if (d.type === 'categorical' && 'counts' in d) {
    const counts = new Map<string, number>();
    let size = 0;
    for (const [label, count] of Object.entries(d.counts)) {
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        return { kind: 'unusable', reason: `${side} count for category '${label}' is ${String(count)}; counts must be finite and non-negative`, size: 0, dropped: 0 };
      }
      if (count > 0) counts.set(label, count);
      size += count;
    }
    return { kind: 'categories', counts, size, dropped: 0, numericLabels: false };
  }
  return { kind: 'unusable', reason: `${side} distribution has an unknown shape (expected a sample, a histogram or counts)`, size: 0, dropped: 0 };
}

function prepareHistogram(h: { edges: number[]; counts: number[] }, side: string): PreparedSide {
  const bad = (why: string): Unusable => ({ kind: 'unusable', reason: `${side} histogram is not usable: ${why}`, size: 0, dropped: 0 });
  if (!Array.isArray(h?.edges) || !Array.isArray(h?.counts)) return bad('it needs arrays "edges" and "counts"');
  if (h.counts.length === 0) return bad('it has no bins');
  if (h.edges.length !== h.counts.length + 1) {
    return bad(`edges must have counts.length + 1 entries (got ${plural(h.edges.length, 'edge')} for ${plural(h.counts.length, 'count')})`);
  }
  for (let i = 0; i < h.edges.length; i++) {
    if (typeof h.edges[i] !== 'number' || !Number.isFinite(h.edges[i])) return bad(`edge ${i} is ${String(h.edges[i])}; edges must be finite numbers`);
    if (i > 0 && !(h.edges[i] > h.edges[i - 1])) return bad(`edges must increase strictly (edge ${i} is ${h.edges[i]} after ${h.edges[i - 1]})`);
  }
  let size = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) return bad(`count ${i} is ${String(c)}; counts must be finite and non-negative`);
    size += c;
  }
  return { kind: 'numeric-histogram', edges: h.edges.slice(), counts: h.counts.slice(), size };
}

/** Treat a numeric sample's values as categories (Evidently does this for columns with few values). */
export function sampleAsCategories(sample: NumericSample): CategoryCounts {
  const counts = new Map<string, number>();
  for (const v of sample.values) {
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { kind: 'categories', counts, size: sample.size, dropped: sample.dropped, numericLabels: true };
}

/** Sort labels the way pandas/Python would sort the original values: numbers numerically, text by code unit. */
export function sortLabels(labels: Iterable<string>, numeric: boolean): string[] {
  const out = [...labels];
  if (numeric) out.sort((a, b) => Number(a) - Number(b));
  else out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

/** The pair of prepared sides a drift test runs on. */
export type ColumnPair =
  | { kind: 'samples'; reference: NumericSample; current: NumericSample }
  | { kind: 'histograms'; reference: NumericHistogram; current: NumericHistogram }
  | { kind: 'categories'; reference: CategoryCounts; current: CategoryCounts };

export type PairProblem = { status: 'insufficient_data' | 'not_applicable'; reason: string; referenceSize: number; currentSize: number };

/**
 * Put reference and current into one comparable form, or explain why they cannot be.
 * `type` can force a numeric sample to be read as categories (Evidently's column type
 * comes from the schema, not the values).
 */
export function pairColumns(reference: PreparedSide, current: PreparedSide, type?: ColumnType): { pair: ColumnPair } | { problem: PairProblem } {
  const sizes = { referenceSize: reference.size, currentSize: current.size };
  if (reference.kind === 'unusable') return { problem: { status: 'insufficient_data', reason: reference.reason, ...sizes } };
  if (current.kind === 'unusable') return { problem: { status: 'insufficient_data', reason: current.reason, ...sizes } };
  let ref: PreparedSide = reference;
  let cur: PreparedSide = current;
  if (type === 'categorical') {
    if (ref.kind === 'numeric-histogram' || cur.kind === 'numeric-histogram') {
      return { problem: { status: 'not_applicable', reason: 'a numeric histogram cannot be read as categories; send category counts instead', ...sizes } };
    }
    if (ref.kind === 'numeric-sample') ref = sampleAsCategories(ref);
    if (cur.kind === 'numeric-sample') cur = sampleAsCategories(cur);
  } else if (type === 'numeric' && (ref.kind === 'categories' || cur.kind === 'categories')) {
    return { problem: { status: 'not_applicable', reason: 'categorical values cannot be tested as a numeric column', ...sizes } };
  }
  if (ref.kind === 'numeric-sample' && cur.kind === 'numeric-sample') return { pair: { kind: 'samples', reference: ref, current: cur } };
  if (ref.kind === 'numeric-histogram' && cur.kind === 'numeric-histogram') return { pair: { kind: 'histograms', reference: ref, current: cur } };
  if (ref.kind === 'categories' && cur.kind === 'categories') return { pair: { kind: 'categories', reference: ref, current: cur } };
  const describe = (s: PreparedSide) => (s.kind === 'numeric-sample' ? 'a numeric sample' : s.kind === 'numeric-histogram' ? 'a numeric histogram' : 'categorical values');
  return {
    problem: {
      status: 'not_applicable',
      reason: `reference is ${describe(ref)} but current is ${describe(cur)}; send both periods in the same form`,
      ...sizes,
    },
  };
}

/** Number of distinct values across both sides, as pandas' `concat([ref, cur]).nunique()`; null for histograms. */
export function distinctValues(pair: ColumnPair): number | null {
  if (pair.kind === 'histograms') return null;
  if (pair.kind === 'samples') {
    const seen = new Set<number>(pair.reference.values);
    for (const v of pair.current.values) seen.add(v);
    return seen.size;
  }
  const seen = new Set<string>(pair.reference.counts.keys());
  for (const k of pair.current.counts.keys()) seen.add(k);
  return seen.size;
}

/** "; dropped 3 NaN/infinite reference values" style notes for what preparation removed. */
export function droppedNotes(reference: PreparedSide, current: PreparedSide): string[] {
  const notes: string[] = [];
  const what = (s: PreparedSide) => (s.kind === 'categories' ? 'missing' : 'NaN/infinite');
  if ('dropped' in reference && reference.dropped > 0) notes.push(`dropped ${reference.dropped} ${what(reference)} reference ${reference.dropped === 1 ? 'value' : 'values'}`);
  if ('dropped' in current && current.dropped > 0) notes.push(`dropped ${current.dropped} ${what(current)} current ${current.dropped === 1 ? 'value' : 'values'}`);
  return notes;
}

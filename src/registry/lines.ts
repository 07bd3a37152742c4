/**
 * Reading a model's metric and feature-window lines: the bulk of a large registry. A job names
 * the files and carries what the lines are checked against (the model's versions, the
 * evaluation time, the reference's histogram edges); the result is plain data (series, kept
 * windows, diagnostics).
 */
import { msg } from '../messages.ts';
import {
  FeatureBatchSchema, FeatureWindowSchema, isFeatureBatch,
  type FeatureBatch, type FeatureWindow, type Reference, type WindowDistribution,
} from '../schema/features.ts';
import { MetricLineSchema, type MetricLine } from '../schema/metric.ts';
import { diag } from './diagnostics.ts';
import { checkFeatureBatch, checkFeatureWindow } from './fast-feature.ts';
import { FastMetricCheck } from './fast-metric.ts';
import { LIMITS } from './files.ts';
import type { Diagnostic, LoadedWindow, MetricSeries } from '../core/input.ts';
import type { Source } from './source.ts';
import { parseNdjson } from './parse.ts';
import { detach, FeatureBatchScanner, MetricLineScanner, type ScannedBatch, type ScannedMetric } from './scan.ts';
import { SeriesCollector } from './series.ts';

/** The reference's histogram edges, by input feature and for the prediction. */
export interface ReferenceEdges {
  features: [string, number[]][];
  prediction: number[] | undefined;
}

/** The UTC milliseconds a file named for `month` (YYYY-MM) covers: [start, end). */
export function monthRange(month: string): { start: number; end: number } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

export interface LinesJob {
  source: Source;
  id: string;
  /** The model's directory relative to the root, e.g. "models/churn". */
  dir: string;
  metricFiles: { rel: string; month: string }[];
  featureFiles: { rel: string; month: string }[];
  knownVersions: string[];
  /** Versions whose file exists but failed: lines naming them are not reported again (rules.ts failedVersions). */
  failedVersions?: string[];
  /** Evaluation time in ms: later metric points are warned about. */
  asOf?: number;
  /** Keep feature windows with from < t <= to; all when absent. */
  keepWindows?: { from: number; to: number };
  edges: ReferenceEdges;
}

export interface LinesResult {
  diagnostics: Diagnostic[];
  series: MetricSeries[];
  points: number;
  duplicates: number;
  /** Kept windows, sorted by time then feature. */
  windows: LoadedWindow[];
  windowCount: number;
}

export function referenceEdges(ref: Reference | null): ReferenceEdges {
  const features: [string, number[]][] = [];
  for (const [name, d] of Object.entries(ref?.features ?? {})) if ('histogram' in d) features.push([name, d.histogram.edges]);
  const p = ref?.prediction;
  return { features, prediction: p && 'histogram' in p ? p.histogram.edges : undefined };
}

/** The first histogram of a batch line that leaves out its edges without a reference histogram of as many bins. */
function edgesLacking(b: FeatureBatch, features: Map<string, number[]>, prediction: number[] | undefined): { feature: string; bins: number; field: string } | undefined {
  const lacks = (d: WindowDistribution, edges: number[] | undefined) => 'histogram' in d && d.histogram.edges === undefined && edges?.length !== d.histogram.counts.length + 1;
  for (const [name, d] of Object.entries(b.features)) {
    if (lacks(d, features.get(name))) return { feature: name, bins: (d as { histogram: { counts: number[] } }).histogram.counts.length, field: `features.${name}.histogram.edges` };
  }
  if (b.prediction && lacks(b.prediction, prediction)) return { feature: 'prediction', bins: (b.prediction as { histogram: { counts: number[] } }).histogram.counts.length, field: 'prediction.histogram.edges' };
  return undefined;
}

/** One window per feature of a batch line (and one for the prediction), histogram edges filled in from the reference. */
function batchWindows(b: FeatureBatch, t: number, features: Map<string, number[]>, prediction: number[] | undefined): LoadedWindow[] {
  const one = (feature: string, role: 'input' | 'prediction', d: WindowDistribution, refEdges: number[] | undefined): LoadedWindow => {
    const base = { ts: b.ts, version: b.version, feature, role, ...(b.run !== undefined ? { run: b.run } : {}), t };
    if ('sample' in d) return { ...base, type: d.type, sample: d.sample };
    if ('histogram' in d) return { ...base, type: 'numeric', histogram: { edges: d.histogram.edges ?? refEdges!, counts: d.histogram.counts } };
    return { ...base, type: 'categorical', counts: d.counts };
  };
  const out = Object.entries(b.features).map(([name, d]) => one(name, 'input', d, features.get(name)));
  if (b.prediction) out.push(one('prediction', 'prediction', b.prediction, prediction));
  return out;
}

/**
 * Read and check every metric and feature-window line of one model. Every line is checked; a
 * bad line gets its diagnostic with file and line, and the others still load.
 */
export function readModelLines(job: LinesJob): LinesResult {
  const { source, id, dir, asOf } = job;
  const ds: Diagnostic[] = [];
  const knownVersions = new Set(job.knownVersions);
  const failedVersions = new Set(job.failedVersions);

  // Metrics.
  const collector = new SeriesCollector();
  const fast = new FastMetricCheck();
  const scanner = new MetricLineScanner(fast);
  const lineVersions = new Map<string, { file: string; line: number; count: number }>();
  for (const { rel, month } of job.metricFiles) {
    const r = source.read(rel, LIMITS.ndjson, id);
    ds.push(...r.diagnostics);
    const input = r.ascii ?? r.text;
    if (input === undefined) continue;
    let wrongMonth = 0;
    let future = 0;
    let firstWrong: { line: number; ts: string } | undefined;
    let firstFuture: { line: number; ts: string } | undefined;
    // Lines of one run share ts and version: their checks run once per distinct value.
    let lastTs = '';
    let lastT = NaN;
    let lastWrong = false;
    let lastVersion = '';
    let lastKnown = true;
    ds.push(
      ...parseNdjson<typeof MetricLineSchema, MetricLine | ScannedMetric>(input, rel, MetricLineSchema, ({ value, line }) => {
        const ts = value.ts;
        if (ts !== lastTs) {
          lastTs = ts;
          lastT = fast.tsMs(ts);
          lastWrong = !ts.startsWith(month) && new Date(lastT).toISOString().slice(0, 7) !== month;
        }
        const t = lastT;
        if (lastWrong) {
          wrongMonth++;
          firstWrong ??= { line, ts: detach(ts) };
        }
        if (asOf !== undefined && t > asOf) {
          future++;
          firstFuture ??= { line, ts: detach(ts) };
        }
        if (value.version !== lastVersion) {
          lastVersion = value.version;
          lastKnown = knownVersions.has(lastVersion) || failedVersions.has(lastVersion);
        }
        if (!lastKnown) {
          const seen = lineVersions.get(value.version);
          if (seen) seen.count++;
          else lineVersions.set(detach(value.version), { file: rel, line, count: 1 });
        }
        collector.addPoint(t, value.metric, value.version, value.slice, 'sliceKey' in value ? value.sliceKey : undefined, value.value, value.n, value.run);
      }, { model: id, fast: (v) => fast.check(v), scan: (bytes, a, b) => scanner.scan(bytes, a, b) }),
    );
    if (firstWrong) ds.push(diag('warning', rel, msg.wrongMonth(wrongMonth, month, firstWrong.ts), { line: firstWrong.line, field: 'ts', model: id }));
    if (firstFuture) ds.push(diag('warning', rel, msg.futureTimestamps(future, firstFuture.ts), { line: firstFuture.line, field: 'ts', model: id }));
  }
  for (const [v, where] of lineVersions) {
    ds.push(diag('error', where.file, msg.unknownVersionLines(v, where.count, [...knownVersions]), { line: where.line, field: 'version', model: id }));
  }
  const finished = collector.finish();
  if (finished.conflicts) ds.push(diag('warning', `${dir}/metrics`, msg.conflictingRecords(finished.conflicts), { model: id }));

  // Feature windows.
  const refFeatures = new Map(job.edges.features);
  const refPrediction = job.edges.prediction;
  const keep = job.keepWindows;
  const windows: LoadedWindow[] = [];
  let windowCount = 0;
  // Only lines outside the kept period can be checked without keeping their contents.
  const batchScanner = keep ? new FeatureBatchScanner(fast, new Map(job.edges.features.map(([k, v]) => [k, v.length])), refPrediction?.length ?? 0) : undefined;
  const scanBatch = batchScanner && keep
    ? (bytes: Buffer, a: number, b: number) => {
      const w = batchScanner.scan(bytes, a, b);
      return w && !(w.t > keep.from && w.t <= keep.to) ? w : undefined;
    }
    : undefined;
  for (const { rel, month } of job.featureFiles) {
    // Windows are filed by month, like metric lines: evaluating reads only the months around
    // the drift window, so a window in another month's file would be missed there.
    const { start: monthStart, end: monthEnd } = monthRange(month);
    let wrongMonth = 0;
    let firstWrong: { line: number; ts: string } | undefined;
    const inMonth = (t: number, ts: string, line: number) => {
      if ((t >= monthStart && t < monthEnd) || ts.startsWith(month) || Number.isNaN(t)) return;
      wrongMonth++;
      firstWrong ??= { line, ts: detach(ts) };
    };
    const r = source.read(rel, LIMITS.ndjson, id);
    ds.push(...r.diagnostics);
    const input = r.ascii ?? r.text;
    if (input === undefined) continue;
    const unknown = new Map<string, { line: number; count: number }>();
    const edgeless = new Map<string, { line: number; count: number; bins: number; field: string }>();
    ds.push(
      ...parseNdjson<typeof FeatureWindowSchema, FeatureWindow | FeatureBatch | ScannedBatch>(input, rel, FeatureWindowSchema, ({ value, line }) => {
        if (!knownVersions.has(value.version) && !failedVersions.has(value.version)) {
          const u = unknown.get(value.version);
          if (u) u.count++;
          else unknown.set(detach(value.version), { line, count: 1 });
        }
        if ('scanned' in value) {
          inMonth(value.t, value.ts, line);
          windowCount += value.windows;
          return;
        }
        const t = fast.tsMs(value.ts);
        inMonth(t, value.ts, line);
        const kept = !keep || (t > keep.from && t <= keep.to);
        if (!('features' in value)) {
          windowCount++;
          if (kept) windows.push({ ...value, t });
          return;
        }
        const lacking = edgesLacking(value, refFeatures, refPrediction);
        if (lacking) {
          const seen = edgeless.get(lacking.feature);
          if (seen) seen.count++;
          else edgeless.set(lacking.feature, { line, count: 1, bins: lacking.bins, field: lacking.field });
          return;
        }
        const ws = batchWindows(value, t, refFeatures, refPrediction);
        windowCount += ws.length;
        if (kept) windows.push(...ws);
      }, {
        model: id,
        fast: (v) => (isFeatureBatch(v as object) ? checkFeatureBatch(v, fast) : checkFeatureWindow(v, fast)),
        schemaFor: (o) => (isFeatureBatch(o) ? FeatureBatchSchema : FeatureWindowSchema),
        scan: scanBatch,
      }),
    );
    for (const [v, u] of unknown) ds.push(diag('error', rel, msg.unknownVersionLines(v, u.count, [...knownVersions]), { line: u.line, field: 'version', model: id }));
    for (const [feature, u] of edgeless) ds.push(diag('error', rel, msg.edgelessHistograms(feature, u.count, u.bins), { line: u.line, field: u.field, model: id }));
    // An error, not a warning as for metric lines: an evaluation reads only the months around
    // the drift window, so a recent window in an old month's file would silently be left out.
    if (firstWrong) ds.push(diag('error', rel, msg.wrongMonthWindows(wrongMonth, month, firstWrong.ts), { line: firstWrong.line, field: 'ts', model: id }));
  }
  windows.sort((a, b) => a.t - b.t || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return {
    diagnostics: ds,
    series: finished.series,
    points: collector.points - finished.duplicates,
    duplicates: finished.duplicates,
    windows,
    windowCount,
  };
}

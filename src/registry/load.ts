/**
 * Load a registry directory: read (files.ts) -> parse (parse.ts) -> cross-file rules (rules.ts).
 * Every problem is collected; nothing throws for bad input. A model with broken files is still
 * returned, with its diagnostics, so the build can show it as a registry error.
 */
import { msg } from '../messages.ts';
import { CardSchema, type Card } from '../schema/card.ts';
import { isoToMs, SLUG_RE, VERSION_RE } from '../schema/common.ts';
import { ConfigSchema, type Config } from '../schema/config.ts';
import {
  FeatureBatchSchema, FeatureWindowSchema, isFeatureBatch, ReferenceSchema,
  type FeatureBatch, type FeatureWindow, type Reference, type WindowDistribution,
} from '../schema/features.ts';
import { MetricLineSchema, type MetricLine } from '../schema/metric.ts';
import { VersionSchema, type Version } from '../schema/version.ts';
import { diag, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { isDirectory, LIMITS, listRegistryDir, readRegistryText } from './files.ts';
import { parseFrontMatter, parseJsonDocument, parseNdjson, parseYaml, type Locator } from './parse.ts';
import { checkModel, checkRegistry } from './rules.ts';
import { checkFeatureBatch, checkFeatureWindow } from './fast-feature.ts';
import { FastMetricCheck } from './fast-metric.ts';
import { detach, FeatureBatchScanner, MetricLineScanner, type ScannedBatch, type ScannedMetric } from './scan.ts';
import { SeriesCollector, type MetricSeries } from './series.ts';

export interface LoadedVersion extends Version {
  /** File the version was read from, relative to the registry root. */
  file: string;
}

export interface LoadedWindow extends FeatureWindow {
  t: number;
}

export interface ModelData {
  id: string;
  /** Directory relative to the registry root, e.g. "models/churn". */
  dir: string;
  card: Card | null;
  /** Model card Markdown (unsanitised source). */
  body: string;
  /** Sorted by trained_at, then id. */
  versions: LoadedVersion[];
  series: MetricSeries[];
  /** Metric points kept after dropping duplicates. */
  points: number;
  duplicates: number;
  reference: Reference | null;
  /**
   * Production feature windows, sorted by time: all of them, or with an evaluation time only
   * those the drift check compares. A batch line gives one window per feature.
   */
  windows: LoadedWindow[];
  /** Valid feature windows read, kept or not. */
  windowCount: number;
  files: string[];
  /** This model's diagnostics (also included in the registry's list). */
  diagnostics: Diagnostic[];
  /** Line/column of a field in one of this model's YAML files (for cross-file diagnostics). */
  locate: (file: string, path: PropertyKey[]) => { line?: number; col?: number };
}

export interface Registry {
  root: string;
  config: Config;
  models: ModelData[];
  diagnostics: Diagnostic[];
  counts: { models: number; versions: number; metricPoints: number; featureWindows: number; errors: number; warnings: number };
}

export interface LoadOptions {
  /**
   * Evaluation time in ms (or a function of the registry's config giving it); timestamps after
   * it are warned about, and only the production feature windows the drift check compares
   * (the `drift.window_days` before it) are kept in memory. Without it every window is kept.
   */
  asOf?: number | ((config: Config) => number);
  /** Called after each model, for progress output. */
  onModel?: (index: number, total: number, id: string) => void;
}

const MONTH_FILE = /^(\d{4})-(\d{2})\.ndjson$/;

function loadConfig(root: string, diagnostics: Diagnostic[]): Config {
  const fallback = ConfigSchema.parse({});
  const r = readRegistryText(root, 'spog.yaml', LIMITS.yaml);
  if (r.text === undefined) {
    const missing = r.diagnostics.some((d) => d.message.includes('ENOENT'));
    diagnostics.push(...(missing ? [diag('warning', 'spog.yaml', msg.missingConfig())] : r.diagnostics));
    return fallback;
  }
  const p = parseYaml(r.text, 'spog.yaml', ConfigSchema);
  diagnostics.push(...p.diagnostics);
  return p.value ?? fallback;
}

interface ModelLoadOptions {
  asOf?: number;
  /** Keep feature windows with from < t <= to; all when absent. */
  keepWindows?: { from: number; to: number };
}

/**
 * The model's locator, made outside loadModel: a closure made inside would keep every variable
 * of loadModel that any of its closures uses (V8 shares one context), and with them the caches
 * of the line scanners, which hold slices of whole files.
 */
function locatorOf(locators: Map<string, Locator>): ModelData['locate'] {
  return (file, path) => locators.get(file)?.(path) ?? {};
}

function loadModel(root: string, id: string, opts: ModelLoadOptions): ModelData {
  const dir = `models/${id}`;
  const ds: Diagnostic[] = [];
  const files: string[] = [];
  const locators = new Map<string, Locator>();
  const model: ModelData = {
    id, dir, card: null, body: '', versions: [], series: [], points: 0, duplicates: 0,
    reference: null, windows: [], windowCount: 0, files, diagnostics: ds,
    locate: locatorOf(locators),
  };
  const list = (rel: string) => {
    const l = listRegistryDir(root, rel, id);
    ds.push(...l.diagnostics);
    return l.entries;
  };
  if (!SLUG_RE.test(id)) ds.push(diag('error', dir, msg.badSlug('model id', id), { model: id }));

  const listing = listRegistryDir(root, dir, id);
  ds.push(...listing.diagnostics);
  const names = new Map(listing.entries.map((e) => [e.name, e]));

  // The model card.
  const readme = names.get('README.md');
  if (!readme || readme.kind !== 'file') ds.push(diag('error', `${dir}/README.md`, msg.missingCard(), { model: id }));
  else {
    files.push(readme.rel);
    const r = readRegistryText(root, readme.rel, LIMITS.markdown, id);
    ds.push(...r.diagnostics);
    if (r.text !== undefined) {
      const p = parseFrontMatter(r.text, readme.rel, CardSchema, id);
      ds.push(...p.diagnostics);
      if (p.locate) locators.set(readme.rel, p.locate);
      model.card = p.value ?? null;
      model.body = p.body;
    }
  }

  for (const e of listing.entries) {
    if (!['README.md', 'versions', 'metrics', 'features'].includes(e.name)) ds.push(diag('warning', e.rel, msg.unknownFile(e.name), { model: id }));
  }

  // Versions.
  const seenVersions = new Map<string, string>();
  for (const e of list(`${dir}/versions`)) {
    const m = /^(.+)\.ya?ml$/.exec(e.name);
    if (e.kind !== 'file' || !m) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'versions/<version>.yaml', 'versions/v3.yaml'), { model: id }));
      continue;
    }
    files.push(e.rel);
    const stem = m[1];
    if (!VERSION_RE.test(stem)) ds.push(diag('error', e.rel, msg.badSlug('version id', stem), { model: id }));
    const r = readRegistryText(root, e.rel, LIMITS.yaml, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) continue;
    const p = parseYaml(r.text, e.rel, VersionSchema, { model: id });
    ds.push(...p.diagnostics);
    if (p.locate) locators.set(e.rel, p.locate);
    if (!p.value) continue;
    if (p.value.version !== stem) ds.push(diag('error', e.rel, msg.versionNameMismatch(p.value.version, stem), { ...model.locate(e.rel, ['version']), field: 'version', model: id }));
    const other = seenVersions.get(p.value.version);
    if (other) {
      ds.push(diag('error', e.rel, msg.duplicateVersion(p.value.version, other), { field: 'version', model: id }));
      continue;
    }
    seenVersions.set(p.value.version, e.rel);
    model.versions.push({ ...p.value, file: e.rel });
  }
  model.versions.sort((a, b) => isoToMs(a.trained_at) - isoToMs(b.trained_at) || (a.version < b.version ? -1 : 1));

  // Metrics.
  const collector = new SeriesCollector();
  const fast = new FastMetricCheck();
  const scanner = new MetricLineScanner(fast);
  const lineVersions = new Map<string, { file: string; line: number; count: number }>();
  const knownVersions = new Set(model.versions.map((v) => v.version));
  for (const e of list(`${dir}/metrics`)) {
    const m = MONTH_FILE.exec(e.name);
    if (e.kind !== 'file' || !m) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'metrics/<YYYY-MM>.ndjson', 'metrics/2026-10.ndjson'), { model: id }));
      continue;
    }
    files.push(e.rel);
    const month = `${m[1]}-${m[2]}`;
    const r = readRegistryText(root, e.rel, LIMITS.ndjson, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) continue;
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
      ...parseNdjson<typeof MetricLineSchema, MetricLine | ScannedMetric>(r.text, e.rel, MetricLineSchema, ({ value, line }) => {
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
        if (opts.asOf !== undefined && t > opts.asOf) {
          future++;
          firstFuture ??= { line, ts: detach(ts) };
        }
        if (value.version !== lastVersion) {
          lastVersion = value.version;
          lastKnown = knownVersions.has(lastVersion);
        }
        if (!lastKnown) {
          const seen = lineVersions.get(value.version);
          if (seen) seen.count++;
          else lineVersions.set(detach(value.version), { file: e.rel, line, count: 1 });
        }
        collector.addPoint(t, value.metric, value.version, value.slice, 'sliceKey' in value ? value.sliceKey : undefined, value.value, value.n, value.run);
      }, { model: id, fast: (v) => fast.check(v), scan: (text, a, b) => scanner.scan(text, a, b) }),
    );
    if (firstWrong) ds.push(diag('warning', e.rel, { ...msg.wrongMonth(firstWrong.ts.slice(0, 7), e.name), message: `${wrongMonth} line(s) fall outside ${month}, first ${firstWrong.ts}` }, { line: firstWrong.line, field: 'ts', model: id }));
    if (firstFuture) ds.push(diag('warning', e.rel, { ...msg.futureTimestamp(firstFuture.ts, new Date(opts.asOf!).toISOString()), message: `${future} line(s) are after the evaluation time, first ${firstFuture.ts}` }, { line: firstFuture.line, field: 'ts', model: id }));
  }
  for (const [v, where] of lineVersions) {
    ds.push(diag('error', where.file, msg.unknownVersionLines(v, where.count, [...knownVersions]), { line: where.line, field: 'version', model: id }));
  }
  const finished = collector.finish();
  model.series = finished.series;
  model.duplicates = finished.duplicates;
  model.points = collector.points - finished.duplicates;
  if (finished.conflicts) ds.push(diag('warning', `${dir}/metrics`, { ...msg.conflictingRecord(), message: `${finished.conflicts} record(s) repeat a ts, version, metric, slice and run with a different value; all are kept` }, { model: id }));

  // Features: the reference first (a batch line may take its histogram edges), then the windows.
  const featureEntries = list(`${dir}/features`);
  const refEntry = featureEntries.find((e) => e.kind === 'file' && e.name === 'reference.json');
  if (refEntry) {
    files.push(refEntry.rel);
    const r = readRegistryText(root, refEntry.rel, LIMITS.json, id);
    ds.push(...r.diagnostics);
    if (r.text !== undefined) {
      const p = parseJsonDocument(r.text, refEntry.rel, ReferenceSchema, { model: id });
      ds.push(...p.diagnostics);
      if (p.locate) locators.set(refEntry.rel, p.locate);
      model.reference = p.value ?? null;
      if (p.value && !knownVersions.has(p.value.version)) {
        ds.push(diag('error', refEntry.rel, msg.missingVersion(p.value.version, 'the reference', [...knownVersions]), { ...model.locate(refEntry.rel, ['version']), field: 'version', model: id }));
      }
    }
  }
  const refEdges = referenceEdges(model.reference);
  const keep = opts.keepWindows;
  // Only lines outside the kept period can be checked without keeping their contents.
  const batchScanner = keep ? new FeatureBatchScanner(fast, new Map([...refEdges.features].map(([k, v]) => [k, v.length])), refEdges.prediction?.length ?? 0) : undefined;
  const scanBatch = batchScanner && keep
    ? (text: string, a: number, b: number) => {
      const w = batchScanner.scan(text, a, b);
      return w && !(w.t > keep.from && w.t <= keep.to) ? w : undefined;
    }
    : undefined;
  for (const e of featureEntries) {
    if (e === refEntry) continue;
    if (e.kind !== 'file' || !MONTH_FILE.test(e.name)) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'features/reference.json or features/<YYYY-MM>.ndjson', 'features/2026-10.ndjson'), { model: id }));
      continue;
    }
    files.push(e.rel);
    const r = readRegistryText(root, e.rel, LIMITS.ndjson, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) continue;
    const unknown = new Map<string, { line: number; count: number }>();
    const edgeless = new Map<string, { line: number; count: number; bins: number; field: string }>();
    ds.push(
      ...parseNdjson<typeof FeatureWindowSchema, FeatureWindow | FeatureBatch | ScannedBatch>(r.text, e.rel, FeatureWindowSchema, ({ value, line }) => {
        if (!knownVersions.has(value.version)) {
          const u = unknown.get(value.version);
          if (u) u.count++;
          else unknown.set(detach(value.version), { line, count: 1 });
        }
        if ('scanned' in value) {
          model.windowCount += value.windows;
          return;
        }
        const t = fast.tsMs(value.ts);
        const kept = !keep || (t > keep.from && t <= keep.to);
        if (!('features' in value)) {
          model.windowCount++;
          if (kept) model.windows.push({ ...value, t });
          return;
        }
        const lacking = edgesLacking(value, refEdges);
        if (lacking) {
          const seen = edgeless.get(lacking.feature);
          if (seen) seen.count++;
          else edgeless.set(lacking.feature, { line, count: 1, bins: lacking.bins, field: lacking.field });
          return;
        }
        const windows = batchWindows(value, t, refEdges);
        model.windowCount += windows.length;
        if (kept) model.windows.push(...windows);
      }, {
        model: id,
        fast: (v) => (isFeatureBatch(v as object) ? checkFeatureBatch(v, fast) : checkFeatureWindow(v, fast)),
        schemaFor: (o) => (isFeatureBatch(o) ? FeatureBatchSchema : FeatureWindowSchema),
        scan: scanBatch,
      }),
    );
    for (const [v, u] of unknown) ds.push(diag('error', e.rel, msg.unknownVersionLines(v, u.count, [...knownVersions]), { line: u.line, field: 'version', model: id }));
    for (const [feature, u] of edgeless) ds.push(diag('error', e.rel, edgelessMessage(feature, u.count, u.bins), { line: u.line, field: u.field, model: id }));
  }
  model.windows.sort((a, b) => a.t - b.t || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return model;
}

/** The reference's histogram edges, by input feature and for the prediction. */
interface ReferenceEdges {
  features: Map<string, number[]>;
  prediction: number[] | undefined;
}

function referenceEdges(ref: Reference | null): ReferenceEdges {
  const features = new Map<string, number[]>();
  for (const [name, d] of Object.entries(ref?.features ?? {})) if ('histogram' in d) features.set(name, d.histogram.edges);
  const p = ref?.prediction;
  return { features, prediction: p && 'histogram' in p ? p.histogram.edges : undefined };
}

/** The first histogram of a batch line that leaves out its edges without a reference histogram of as many bins. */
function edgesLacking(b: FeatureBatch, ref: ReferenceEdges): { feature: string; bins: number; field: string } | undefined {
  const lacks = (d: WindowDistribution, edges: number[] | undefined) => 'histogram' in d && d.histogram.edges === undefined && edges?.length !== d.histogram.counts.length + 1;
  for (const [name, d] of Object.entries(b.features)) {
    if (lacks(d, ref.features.get(name))) return { feature: name, bins: (d as { histogram: { counts: number[] } }).histogram.counts.length, field: `features.${name}.histogram.edges` };
  }
  if (b.prediction && lacks(b.prediction, ref.prediction)) return { feature: 'prediction', bins: (b.prediction as { histogram: { counts: number[] } }).histogram.counts.length, field: 'prediction.histogram.edges' };
  return undefined;
}

function edgelessMessage(feature: string, count: number, bins: number): { message: string; expected: string; example: string } {
  return {
    message: `${count} line(s) give a histogram of "${feature}" without edges, and features/reference.json has no histogram of ${bins} bins for "${feature}" to take them from`,
    expected: 'edges in the line, or a reference histogram with one more edge than the counts',
    example: '"histogram": {"edges": [0, 10, 20], "counts": [4, 7]}',
  };
}

/** One window per feature of a batch line (and one for the prediction), histogram edges filled in from the reference. */
function batchWindows(b: FeatureBatch, t: number, ref: ReferenceEdges): LoadedWindow[] {
  const one = (feature: string, role: 'input' | 'prediction', d: WindowDistribution, refEdges: number[] | undefined): LoadedWindow => {
    const base = { ts: b.ts, version: b.version, feature, role, ...(b.run !== undefined ? { run: b.run } : {}), t };
    if ('sample' in d) return { ...base, type: d.type, sample: d.sample };
    if ('histogram' in d) return { ...base, type: 'numeric', histogram: { edges: d.histogram.edges ?? refEdges!, counts: d.histogram.counts } };
    return { ...base, type: 'categorical', counts: d.counts };
  };
  const out = Object.entries(b.features).map(([name, d]) => one(name, 'input', d, ref.features.get(name)));
  if (b.prediction) out.push(one('prediction', 'prediction', b.prediction, ref.prediction));
  return out;
}

/** Read, parse and check a whole registry. Never throws for bad input. */
export function loadRegistry(root: string, opts: LoadOptions = {}): Registry {
  const diagnostics: Diagnostic[] = [];
  const config = loadConfig(root, diagnostics);
  const models: ModelData[] = [];
  if (!isDirectory(root)) {
    diagnostics.push(diag('error', '.', { message: `registry directory "${root}" does not exist`, example: 'spog validate ./registry' }));
  } else {
    const listing = listRegistryDir(root, 'models');
    diagnostics.push(...listing.diagnostics);
    if (!isDirectory(`${root}/models`)) diagnostics.push(diag('error', 'models', msg.noModels()));
    const dirs = listing.entries.filter((e) => e.kind === 'dir');
    for (const e of listing.entries) if (e.kind !== 'dir') diagnostics.push(diag('warning', e.rel, msg.unknownFile(e.name)));
    const asOf = typeof opts.asOf === 'function' ? opts.asOf(config) : opts.asOf;
    const keepWindows = asOf !== undefined ? { from: asOf - config.defaults.drift.window_days * 86_400_000, to: asOf } : undefined;
    dirs.forEach((e, i) => {
      const m = loadModel(root, e.name, { asOf, keepWindows });
      checkModel(m, config);
      models.push(m);
      opts.onModel?.(i + 1, dirs.length, e.name);
    });
  }
  diagnostics.push(...checkRegistry(models, config));
  for (const m of models) diagnostics.push(...m.diagnostics);
  const all = sortDiagnostics(diagnostics);
  for (const m of models) m.diagnostics = sortDiagnostics(m.diagnostics);
  return {
    root,
    config,
    models,
    diagnostics: all,
    counts: {
      models: models.length,
      versions: models.reduce((s, m) => s + m.versions.length, 0),
      metricPoints: models.reduce((s, m) => s + m.points, 0),
      featureWindows: models.reduce((s, m) => s + m.windowCount, 0),
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
    },
  };
}
